import assert from 'node:assert/strict';

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { actingAs } from '../../src/caller.ts';
import { loadConfig } from '../../src/config.ts';
import { performRescore } from '../../src/jobs/rescore/rescore.job.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { testStores } from '../support/stores.ts';
import { attributedEdge, fixtureRuntime, insertEdges, promote, registerLineage } from '../support/world.ts';

/** The operator who runs the job, as the CLI does. */
const OPERATOR = actingAs('operator');

// PGlite has one connection, so only a real server can show two passes racing.
for (const store of testStores().filter((candidate) => candidate.name === 'postgres')) {
  describe('concurrent rescore passes on postgres', () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(store);
    });
    after(() => t.close());

    it('lets exactly one of two passes started at once do the work', async () => {
      const [p1, p2] = await registerLineage(t, 'lineage-race', [null, fixtureRuntime('echo-model.mjs')]);
      await insertEdges(
        t,
        Array.from({ length: 50 }, (_, i) => attributedEdge(`race-${i}`, p1, 1, 0.5, 0.2)),
      );
      await promote(t, p1);
      await promote(t, p2);
      const config = loadConfig({
        LOG_LEVEL: 'silent',
        MODELGRAPH_RESCORE_LOG: join(mkdtempSync(join(tmpdir(), 'mg-race-')), 'rescore.log'),
      });
      const deps = { ...t.deps, config };
      const results = await Promise.all([
        performRescore(deps, { caller: OPERATOR, dryRun: false }),
        performRescore(deps, { caller: OPERATOR, dryRun: false }),
      ]);
      const outcomes = results.map((result) => result.outcome).sort();
      assert.deepEqual(outcomes, ['noop', 'ok']);
      const worked = results.find((result) => result.outcome === 'ok');
      assert.equal(worked?.histogram.large_decrease, 50);
      const edges = (await t.request('GET', `/api/kg/edges?source_artifact_id=${p2}&limit=100`)).json();
      assert.equal(edges.total, 50);
      const history = (await t.request('GET', '/api/kg/edges/race-0')).json().history;
      assert.equal(history.length, 2, 'each edge is re-scored once');
    });

    it('stops a pass whose lock connection dropped before its next batch, and lets the next pass continue', async () => {
      const [p1, p2] = await registerLineage(t, 'lineage-lost', [
        null,
        fixtureRuntime('slow-echo-model.mjs'),
      ]);
      await insertEdges(
        t,
        Array.from({ length: 1_500 }, (_, i) => attributedEdge(`lost-${i}`, p1, 1, 0.5, 0.2)),
      );
      await promote(t, p1);
      await promote(t, p2);
      const config = loadConfig({
        LOG_LEVEL: 'silent',
        MODELGRAPH_RESCORE_WINDOW_HOURS: '0.000001',
        MODELGRAPH_RESCORE_LOG: join(mkdtempSync(join(tmpdir(), 'mg-lost-')), 'rescore.log'),
      });
      const deps = { ...t.deps, config };
      const moved = async () =>
        (await t.request('GET', `/api/kg/edges?source_artifact_id=${p2}&limit=1`)).json().total as number;
      const passing = performRescore(deps, { caller: OPERATOR, dryRun: false });
      for (let i = 0; i < 400 && (await moved()) < 500; i++) await sleep(25);
      // The server ends the connection that holds the pass's lock, as a restart or a network cut would.
      await t.store.db.execute(
        sql`select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and granted
             and database = (select oid from pg_database where datname = current_database())`,
      );
      const stopped = await passing;
      assert.equal(stopped.outcome, 'failed', JSON.stringify(stopped));
      assert.match(stopped.reason ?? '', /lost its lock/);
      const doneBefore = await moved();
      assert.ok(doneBefore >= 500 && doneBefore < 1_500, `${doneBefore} edges moved before it stopped`);

      const next = await performRescore(deps, { caller: OPERATOR, dryRun: false });
      assert.equal(next.outcome, 'ok', JSON.stringify(next));
      assert.equal(doneBefore + next.edges_processed, 1_500);
      assert.equal(await moved(), 1_500);
    });
  });
}
