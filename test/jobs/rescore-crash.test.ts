/**
 * A dead pass holds nothing. `serve` runs as a real child process and is killed with SIGKILL in
 * the middle of a rescore pass (a slow runtime makes the moment); the next pass — from another
 * `serve` on PostgreSQL, directly and through PgBouncer in transaction mode, or from `serve`
 * restarted on the same embedded data directory — works at once, with nothing to wait for, and
 * continues the same promotion from the edges not yet re-scored. Afterwards no edge is lost, every
 * edge's last history entry equals its current value, each edge has exactly one rescore event, the
 * dead pass is `abandoned` and the ledger's total has not moved.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { type Db, openStore, queryRows } from '../../src/db/database.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { hasPgBouncer, type PgBouncer, startPgBouncer } from '../support/pgbouncer.ts';
import { type ServeProcess, startServe } from '../support/serve-process.ts';
import { databaseUrlOf, type TestStore, testStores } from '../support/stores.ts';
import { attributedEdge, fixtureRuntime, insertEdges, promote, registerLineage } from '../support/world.ts';

const EDGES = 3_000; // six batches of 500, 300 ms each

const count = async (db: Db, query: ReturnType<typeof sql>) =>
  Number((await queryRows<{ n: number }>(db, query))[0].n);
const rescoreEvents = (db: Db) =>
  count(db, sql`select count(*)::int as n from events where event_type = 'model_rescore'`);
const ledgerTotal = (db: Db) =>
  count(db, sql`select coalesce(sum(balance_micro), 0)::bigint as n from ledger_accounts`);

/** A lineage whose promoted child has a slow runtime and `EDGES` edges of its parent to re-score; returns the child. */
async function buildWorld(t: TestApp): Promise<string> {
  const [parent, child] = await registerLineage(t, 'crash', [null, fixtureRuntime('slow-echo-model.mjs')]);
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
  return child;
}

/** The environment of a `serve` on the test's world. */
function serveEnv(store: Record<string, string>): Record<string, string> {
  return {
    ...store,
    MODELGRAPH_ADMIN_TOKEN: ADMIN_TOKEN,
    MODELGRAPH_DEMO: 'off',
    MODELGRAPH_RESCORE_CRON: 'off',
    MODELGRAPH_RESCORE_LOG: join(mkdtempSync(join(tmpdir(), 'mg-crash-')), 'rescore.log'),
  };
}

/** Starts a pass on `server` without waiting for it; the answer never comes when the server is killed. */
const startPass = (server: ServeProcess) =>
  fetch(`${server.baseUrl}/api/jobs/rescore`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: '{}',
  });

/** Runs a pass on `server` and answers its summary. */
async function runPass(server: ServeProcess) {
  const response = await startPass(server);
  assert.equal(response.status, 200);
  return response.json();
}

/** Waits (bounded) until some batches of the pass are committed, as `committed()` counts them. */
async function untilMidPass(committed: () => Promise<number>): Promise<number> {
  for (let i = 0; i < 400 && (await committed()) < 500; i++) await sleep(25);
  return committed();
}

/** What a pass that continued a dead one must leave behind. */
async function assertContinued(
  db: Db,
  facts: { child: string; doneBeforeKill: number; ledgerBefore: number; summary: Record<string, unknown> },
) {
  const { child, doneBeforeKill, summary } = facts;
  assert.ok(doneBeforeKill >= 500 && doneBeforeKill < EDGES, `killed after ${doneBeforeKill} edges`);
  assert.equal(summary.outcome, 'ok', JSON.stringify(summary));
  assert.equal(summary.child_id, child);
  assert.equal(summary.queued_edges, 0);
  assert.equal(doneBeforeKill + (summary.edges_processed as number), EDGES, 'the rest, and only the rest');
  assert.equal(await count(db, sql`select count(*)::int as n from kg_edges where id like 'crash-%'`), EDGES);
  assert.equal(
    await count(
      db,
      sql`select count(*)::int as n from kg_edges where id like 'crash-%' and source_artifact_id = ${child}`,
    ),
    EDGES,
    'every edge moved to the child',
  );
  assert.equal(await rescoreEvents(db), EDGES, 'exactly one rescore event per edge');
  assert.equal(
    await count(
      db,
      sql`select count(*)::int as n from (select target_artifact_id from events where event_type = 'model_rescore'
            group by target_artifact_id having count(*) > 1) repeated`,
    ),
    0,
  );
  assert.equal(
    await count(
      db,
      sql`select count(*)::int as n from kg_edges e
           join lateral (select h.confidence, h.source_artifact_id from edge_history h
                          where h.edge_id = e.id order by h.id desc limit 1) last on true
          where e.id like 'crash-%'
            and (last.confidence <> e.confidence or last.source_artifact_id is distinct from e.source_artifact_id)`,
    ),
    0,
    "each edge's last history entry is its current value",
  );
  assert.equal(await ledgerTotal(db), facts.ledgerBefore, 'the ledger total is unchanged');
  assert.deepEqual(await queryRows(db, sql`select outcome from rescore_passes order by id`), [
    { outcome: 'abandoned' },
    { outcome: 'ok' },
  ]);
}

const postgres = testStores().find((candidate) => candidate.name === 'postgres');
const routes = [
  { via: 'directly', bouncer: false },
  { via: 'through PgBouncer in transaction mode', bouncer: true },
];

for (const route of postgres ? routes : []) {
  describe(`a rescore pass killed with SIGKILL on PostgreSQL, ${route.via}`, {
    skip:
      route.bouncer && !hasPgBouncer() && process.env.CI !== 'true' ? 'pgbouncer is not installed' : false,
  }, () => {
    let t: TestApp;
    let bouncer: PgBouncer | undefined;
    const servers: ServeProcess[] = [];
    let child: string;
    let env: Record<string, string>;

    before(async () => {
      t = await startTestApp(postgres as TestStore);
      child = await buildWorld(t);
      const directUrl = await databaseUrlOf(t.store);
      bouncer = route.bouncer
        ? await startPgBouncer(process.env.MODELGRAPH_TEST_PG_URL as string)
        : undefined;
      const url = bouncer ? bouncer.urlOf(new URL(directUrl).pathname.slice(1)) : directUrl;
      env = serveEnv({ DATABASE_URL: url });
    });
    after(async () => {
      await Promise.all(servers.map((server) => server.stop()));
      await bouncer?.stop();
      await t?.close();
    });

    it('lets a pass in another process continue the same promotion at once, losing and repeating nothing', async (context) => {
      const [dying, next] = await Promise.all([startServe(env), startServe(env)]);
      servers.push(dying, next);
      const ledgerBefore = await ledgerTotal(t.store.db);
      const killed = startPass(dying).catch(() => undefined);
      await untilMidPass(() => rescoreEvents(t.store.db));
      await dying.kill9();
      await killed;
      const doneBeforeKill = await rescoreEvents(t.store.db);
      assert.deepEqual(await queryRows(t.store.db, sql`select outcome from rescore_passes`), [
        { outcome: 'running' },
      ]);

      const summary = await runPass(next);
      await assertContinued(t.store.db, { child, doneBeforeKill, ledgerBefore, summary });
      // Once the pass has answered it holds nothing either: no server connection, pooled or not,
      // keeps an advisory lock of this database for nobody.
      assert.equal(
        await count(
          t.store.db,
          sql`select count(*)::int as n from pg_locks
               where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database())`,
        ),
        0,
      );
      context.diagnostic(
        `killed after ${doneBeforeKill} of ${EDGES} edges; the next pass took ${summary.edges_processed} at once`,
      );
    });
  });
}

describe('a rescore pass killed with SIGKILL on the embedded store, then serve restarted', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mg-crash-pglite-'));
  /** The data directory as a test store: opened by the test only while no `serve` has it. */
  const onDataDir: TestStore = {
    name: 'pglite',
    async open() {
      const store = await openStore({ dataDir });
      await store.migrate();
      return store;
    },
  };
  let serve: ServeProcess | undefined;
  after(async () => {
    await serve?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finds no stale claim after the restart: the first pass continues the same promotion at once', async (context) => {
    const world = await startTestApp(onDataDir);
    const child = await buildWorld(world);
    const ledgerBefore = await ledgerTotal(world.store.db);
    await world.close();

    const env = serveEnv({ MODELGRAPH_DATA_DIR: dataDir });
    serve = await startServe(env);
    const dying = serve;
    const killed = startPass(dying).catch(() => undefined);
    // The store is the process's own: count what the pass committed through the API.
    const committedOn = (server: ServeProcess) => async () => {
      const response = await fetch(`${server.baseUrl}/api/events?type=model_rescore&limit=1`);
      return (await response.json()).total as number;
    };
    await untilMidPass(committedOn(dying));
    await dying.kill9();
    await killed;

    serve = await startServe(env);
    const doneBeforeKill = await committedOn(serve)();
    const summary = await runPass(serve);
    await serve.stop();
    serve = undefined;

    const after = await startTestApp(onDataDir);
    try {
      await assertContinued(after.store.db, { child, doneBeforeKill, ledgerBefore, summary });
      context.diagnostic(
        `killed after ${doneBeforeKill} of ${EDGES} edges; restarted, the first pass took the rest`,
      );
    } finally {
      await after.close();
    }
  });
});
