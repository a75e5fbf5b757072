/**
 * Fault injection on real PostgreSQL: `serve` runs as a real child process, is killed
 * with SIGKILL in the middle of a rescore pass, and is started again; the next pass continues the
 * same promotion from the edges not yet re-scored. Afterwards no edge is lost, every edge's last
 * history entry equals its current value, each edge has exactly one rescore event, and the
 * ledger's total has not moved.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/database.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { type ServeProcess, startServe } from '../support/serve-process.ts';
import { databaseUrlOf, testStores } from '../support/stores.ts';
import { attributedEdge, fixtureRuntime, insertEdges, promote, registerLineage } from '../support/world.ts';

const EDGES = 3_000; // six batches of 500, 300 ms each
const LEASE_SECONDS = 2;

for (const store of testStores().filter((candidate) => candidate.name === 'postgres')) {
  describe('a rescore pass killed with SIGKILL', () => {
    let t: TestApp;
    let env: Record<string, string>;
    let serve: ServeProcess | undefined;
    let child: string;
    let ledgerBefore: number;
    const count = async (query: ReturnType<typeof sql>) =>
      (await queryRows<{ n: number }>(t.store.db, query))[0].n;
    const rescoreEvents = () =>
      count(sql`select count(*)::int as n from events where event_type = 'model_rescore'`);
    const ledgerTotal = () =>
      count(sql`select coalesce(sum(balance_micro), 0)::bigint as n from ledger_accounts`);

    before(async () => {
      t = await startTestApp(store);
      const [parent, childId] = await registerLineage(t, 'crash', [
        null,
        fixtureRuntime('slow-echo-model.mjs'),
      ]);
      child = childId;
      for (let start = 0; start < EDGES; start += 1_000) {
        await insertEdges(
          t,
          Array.from({ length: 1_000 }, (_, i) =>
            attributedEdge(`crash-${start + i}`, parent, 1, 0.6, ((start + i) % 97) / 100),
          ),
        );
      }
      await promote(t, parent);
      await promote(t, child);
      ledgerBefore = Number(await ledgerTotal());
      env = {
        DATABASE_URL: await databaseUrlOf(t.store),
        MODELGRAPH_ADMIN_TOKEN: ADMIN_TOKEN,
        MODELGRAPH_DEMO: 'off',
        MODELGRAPH_RESCORE_CRON: 'off',
        MODELGRAPH_RESCORE_LEASE_SECONDS: String(LEASE_SECONDS),
        MODELGRAPH_RESCORE_LOG: join(mkdtempSync(join(tmpdir(), 'mg-crash-')), 'rescore.log'),
      };
    });
    after(async () => {
      await serve?.stop();
      await t.close();
    });

    const runPass = (server: ServeProcess) =>
      fetch(`${server.baseUrl}/api/jobs/rescore`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: '{}',
      });

    it('continues the same promotion after a restart, losing and repeating nothing', async (context) => {
      serve = await startServe(env);
      const killed = runPass(serve).catch(() => undefined);
      // Kill it once some batches are committed and others are not.
      for (let i = 0; i < 200 && (await rescoreEvents()) < 1_000; i++) await sleep(50);
      const doneBeforeKill = await rescoreEvents();
      await serve.kill9();
      await killed;
      assert.ok(doneBeforeKill >= 500 && doneBeforeKill < EDGES, `killed after ${doneBeforeKill} edges`);
      assert.equal(
        await count(sql`select count(*)::int as n from rescore_passes where outcome = 'running'`),
        1,
      );

      serve = await startServe(env);
      await sleep(LEASE_SECONDS * 1000 + 500); // the dead pass's lease runs out; no 24-hour wait
      const response = await runPass(serve);
      const summary = await response.json();
      assert.equal(summary.outcome, 'ok', JSON.stringify(summary));
      assert.equal(summary.child_id, child);
      assert.equal(summary.queued_edges, 0);
      const resumed = summary.edges_processed as number;
      assert.equal(doneBeforeKill + resumed >= EDGES, true, `${doneBeforeKill} + ${resumed} edges`);

      assert.equal(
        await count(sql`select count(*)::int as n from kg_edges where id like 'crash-%'`),
        EDGES,
        'no edge lost',
      );
      assert.equal(
        await count(
          sql`select count(*)::int as n from kg_edges where id like 'crash-%' and source_artifact_id = ${child}`,
        ),
        EDGES,
        'every edge moved to the child',
      );
      assert.equal(await rescoreEvents(), EDGES, 'exactly one rescore event per edge');
      assert.equal(
        await count(sql`select count(*)::int as n from (select target_artifact_id from events where event_type = 'model_rescore'
                          group by target_artifact_id having count(*) > 1) repeated`),
        0,
      );
      assert.equal(
        await count(sql`select count(*)::int as n from kg_edges e
                         join lateral (select h.confidence, h.source_artifact_id from edge_history h
                                        where h.edge_id = e.id order by h.id desc limit 1) last on true
                        where e.id like 'crash-%'
                          and (last.confidence <> e.confidence or last.source_artifact_id is distinct from e.source_artifact_id)`),
        0,
        "each edge's last history entry is its current value",
      );
      assert.equal(Number(await ledgerTotal()), ledgerBefore, 'the ledger total is unchanged');
      assert.equal(
        await count(sql`select count(*)::int as n from rescore_passes where outcome = 'abandoned'`),
        1,
      );
      context.diagnostic(
        `killed after ${doneBeforeKill} of ${EDGES} edges; the resumed pass took ${resumed}`,
      );
    });
  });
}
