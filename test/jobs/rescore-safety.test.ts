/**
 * Rescoring survives crashes and clocks: a promotion is queued by its own promote
 * transaction, so one older than the window is still re-scored; a pass whose process died holds
 * nothing (the next one continues at once) while a live one still excludes a second; the 24-hour limit counts
 * from the start of the last pass that did work, with 1 % tolerance, so a daily schedule never
 * skips a day.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Clock } from '../../src/clock.ts';
import { queryRows } from '../../src/db/database.ts';
import { RESCORE_PASS_LOCK } from '../../src/jobs/rescore/rescore.job.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { uniqueId } from '../support/factories.ts';
import { testStores } from '../support/stores.ts';
import { attributedEdge, fixtureRuntime, insertEdges, promote, registerLineage } from '../support/world.ts';

/** A clock the test sets. */
class SetClock implements Clock {
  constructor(public current: Date) {}
  now() {
    return this.current;
  }
}

for (const store of testStores()) {
  describe(`rescore safety on ${store.name}`, () => {
    let t: TestApp;
    const clock = new SetClock(new Date('2026-01-01T03:00:00.012Z'));
    const pass = async () => {
      const response = await t.request('POST', '/api/jobs/rescore', { token: ADMIN_TOKEN, body: {} });
      assert.equal(response.statusCode, 200, response.body);
      return response.json();
    };
    /** A lineage whose v2 is promoted over v1, with two edges of v1 waiting for v2. */
    const promotedPair = async () => {
      const name = uniqueId('lineage');
      const [v1, v2] = await registerLineage(t, name, [null, fixtureRuntime('echo-model.mjs')]);
      await insertEdges(t, [
        attributedEdge(`${name}-e1`, v1, 1, 0.9, 0.4),
        attributedEdge(`${name}-e2`, v1, 1, 0.5, 0.5),
      ]);
      await promote(t, v1);
      const event = await promote(t, v2);
      return { v1, v2, eventId: event.id as number };
    };
    const sourceOf = async (id: string) =>
      (await t.request('GET', `/api/kg/edges/${id}`)).json().source_artifact_id;

    before(async () => {
      t = await startTestApp(
        store,
        {
          MODELGRAPH_RESCORE_WINDOW_HOURS: '24',
          MODELGRAPH_RESCORE_LOG: join(mkdtempSync(join(tmpdir(), 'mg-safety-')), 'rescore.log'),
        },
        clock,
      );
    });
    after(() => t.close());

    it('re-scores a promotion made long before the window: it was queued by its promote transaction', async () => {
      const { v2, eventId } = await promotedPair();
      // As if the promotion had waited three days (a schedule that was off, a server that was down).
      await t.store.db.execute(
        sql`update events set created_at = now() - interval '3 days' where id = ${eventId}`,
      );
      const result = await pass();
      assert.equal(result.outcome, 'ok', JSON.stringify(result));
      assert.equal(result.child_id, v2);
      assert.equal(result.edges_processed, 2);
    });

    it("does not skip a day: a pass 12 ms late on day 1 leaves the next day's pass free to work", async () => {
      const next = await promotedPair();
      clock.current = new Date('2026-01-01T20:00:00.000Z');
      const sameDay = await pass();
      assert.equal(sameDay.outcome, 'noop');
      assert.match(sameDay.reason, /another pass started at 2026-01-01T03:00:00.012Z/);
      clock.current = new Date('2026-01-02T03:00:00.000Z');
      const nextDay = await pass();
      assert.equal(nextDay.outcome, 'ok', JSON.stringify(nextDay));
      assert.equal(nextDay.child_id, next.v2);
    });

    it('lets the next pass continue at once after a pass died, and keeps a live pass exclusive', async () => {
      const pair = await promotedPair();
      clock.current = new Date('2026-01-04T03:00:00.000Z');
      const started = new Date(clock.current.getTime() - 5 * 60_000).toISOString();
      // A pass killed a moment ago: its row still says `running`, but nothing holds the lock.
      const [dead] = await queryRows<{ id: number }>(
        t.store.db,
        sql`insert into rescore_passes (started_at, outcome) values (${started}, 'running') returning id::int`,
      );
      const resumed = await pass();
      assert.equal(resumed.outcome, 'ok', JSON.stringify(resumed));
      assert.equal(await sourceOf(`${resolvedName(pair.v1)}-e1`), pair.v2);
      const [row] = await queryRows<{ outcome: string }>(
        t.store.db,
        sql`select outcome from rescore_passes where id = ${dead.id}`,
      );
      assert.equal(row.outcome, 'abandoned');

      const live = await promotedPair();
      clock.current = new Date('2026-01-06T03:00:00.000Z');
      const now = clock.current.toISOString();
      // A live pass: it holds the lock (and has its row).
      const held = await t.deps.locks.tryHold(RESCORE_PASS_LOCK);
      assert.ok(held);
      try {
        await t.store.db.execute(sql`insert into rescore_passes (started_at) values (${now})`);
        const refused = await pass();
        assert.equal(refused.outcome, 'noop');
        assert.match(refused.reason, /another pass is running \(started at 2026-01-06T03:00:00.000Z\)/);
        assert.equal(await sourceOf(`${resolvedName(live.v1)}-e1`), live.v1, 'nothing moved');
      } finally {
        await held.release();
      }
    });
  });
}

/** The lineage name of a version id `<name>-v<n>`. */
function resolvedName(versionId: string): string {
  return versionId.replace(/-v\d+$/, '');
}
