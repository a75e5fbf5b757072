/**
 * Several `serve` processes on one PostgreSQL behave as one, connected directly and
 * through Debian's PgBouncer in transaction mode. Two processes started at once on an empty
 * database migrate it once; the concurrency cases of the registry, rescore and credit suites hold
 * across processes: contiguous version numbers with one latest, one promoted version, one working
 * rescore pass, one payout (two `credit payouts --pay-missing` commands at once).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { openStore, queryRows } from '../../src/db/database.ts';
import { createContributors, registerPaidModel } from '../credit/credit-world.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { promoteUnpaid } from '../support/commands.ts';
import { buildModelBody, uniqueId } from '../support/factories.ts';
import { hasPgBouncer, type PgBouncer, startPgBouncer } from '../support/pgbouncer.ts';
import { type ServeProcess, startServe } from '../support/serve-process.ts';
import { withAdminClient } from '../support/store-images.ts';
import { testStores } from '../support/stores.ts';
import { attributedEdge, fixtureRuntime, insertEdges, promote, registerLineage } from '../support/world.ts';

const BIN = join(import.meta.dirname, '../../bin/modelgraph.js');
const MIGRATIONS = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../drizzle/meta/_journal.json'), 'utf8'),
).entries.length;

/** Sends a JSON request to a serve process as the admin; answers with the status and the parsed body. */
async function call(server: ServeProcess, method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, json: () => JSON.parse(text) };
}

const routes = [
  { via: 'directly', bouncer: false },
  { via: 'through PgBouncer in transaction mode', bouncer: true },
];

const hasPostgres = testStores().some((candidate) => candidate.name === 'postgres');

for (const route of hasPostgres ? routes : []) {
  describe(`two serve processes on one PostgreSQL, ${route.via}`, {
    skip:
      route.bouncer && !hasPgBouncer() && process.env.CI !== 'true' ? 'pgbouncer is not installed' : false,
  }, () => {
    const adminUrl = process.env.MODELGRAPH_TEST_PG_URL as string;
    const database = `mg_test_multi_${randomUUID().replaceAll('-', '')}`;
    const directUrl = Object.assign(new URL(adminUrl), { pathname: `/${database}` }).href;
    let bouncer: PgBouncer | undefined;
    let url: string;
    let servers: ServeProcess[] = [];
    let t: TestApp;
    const env = () => ({
      DATABASE_URL: url,
      MODELGRAPH_ADMIN_TOKEN: ADMIN_TOKEN,
      MODELGRAPH_DEMO: 'off',
      MODELGRAPH_RESCORE_CRON: 'off',
      MODELGRAPH_RESCORE_LOG: join(mkdtempSync(join(tmpdir(), 'mg-multi-')), 'rescore.log'),
    });

    before(async () => {
      await withAdminClient(adminUrl, (client) => client.query(`create database ${database}`));
      bouncer = route.bouncer ? await startPgBouncer(adminUrl) : undefined;
      url = bouncer ? bouncer.urlOf(database) : directUrl;
      // Both start on the empty database at once: each migrates, one at a time.
      servers = await Promise.all([startServe(env()), startServe(env())]);
      // The world is built from the test process itself, straight on the database.
      t = await startTestApp({
        name: 'postgres',
        async open() {
          const opened = await openStore({ databaseUrl: directUrl, dataDir: '' });
          await opened.migrate();
          return opened;
        },
      });
    });
    after(async () => {
      await Promise.all(servers.map((server) => server.stop()));
      await t?.close();
      await bouncer?.stop();
      await withAdminClient(adminUrl, (client) =>
        client.query(`drop database if exists ${database} with (force)`),
      );
    });

    it('migrates an empty database once when both start at the same time', async () => {
      const [row] = await queryRows<{ n: number }>(
        t.store.db,
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      );
      assert.equal(row.n, MIGRATIONS);
    });

    it('numbers registrations of one lineage sent to both processes 1…n with one latest version', async () => {
      const modelName = uniqueId('racing');
      const responses = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          call(servers[i % 2], 'POST', '/api/models', buildModelBody({ model_name: modelName })),
        ),
      );
      assert.deepEqual(
        responses.map((response) => response.status),
        Array(8).fill(201),
        responses.map((response) => response.text).join('\n'),
      );
      const { versions } = (await call(servers[0], 'GET', `/api/models/${modelName}-v1`)).json();
      assert.deepEqual(
        versions.map((v: { id: string; is_latest: boolean }) => [v.id, v.is_latest]),
        [1, 2, 3, 4, 5, 6, 7, 8].map((n) => [`${modelName}-v${n}`, n === 8]),
      );
    });

    it('answers catalog pages and details (statements built once, unnamed) many at a time from both processes', async () => {
      const ids = await registerLineage(t, uniqueId('read'), [null, null, null]);
      // More requests than either pool has connections: the same statements run on many server
      // connections, which a named statement would not survive behind PgBouncer's transaction mode.
      const responses = await Promise.all(
        Array.from({ length: 48 }, (_, i) =>
          call(
            servers[i % 2],
            'GET',
            i % 3 === 0
              ? `/api/models/${ids[i % ids.length]}`
              : `/api/models?all_versions=true&limit=${1 + (i % 5)}&offset=${i % 2}`,
          ),
        ),
      );
      for (const [i, response] of responses.entries()) {
        assert.equal(response.status, 200, response.text);
        if (i % 3 === 0) assert.equal(response.json().id, ids[i % ids.length]);
        else {
          const { models, total } = response.json();
          assert.equal(models.length, Math.min(1 + (i % 5), total - (i % 2)));
        }
      }
    });

    it('leaves exactly one promoted version when both processes promote versions of one lineage', async () => {
      const ids = await registerLineage(t, uniqueId('race'), [null, null, null, null]);
      const responses = await Promise.all(
        ids.map((id, i) => call(servers[i % 2], 'POST', `/api/models/${id}/promote`, {})),
      );
      assert.deepEqual(
        responses.map((response) => response.status),
        [200, 200, 200, 200],
        responses.map((response) => response.text).join('\n'),
      );
      const { versions } = (await call(servers[1], 'GET', `/api/models/${ids[0]}`)).json();
      const states = versions.map((v: { status: string }) => v.status).sort();
      assert.deepEqual(states, ['promoted', 'superseded', 'superseded', 'superseded']);
      const parents = responses.map((response) => response.json().event.detection_metadata.parent_id);
      assert.equal(
        parents.filter((parent) => parent === null).length,
        1,
        'one promotion found none before it',
      );
    });

    it('lets exactly one of two rescore passes, one on each process, do the work', async () => {
      const [p1, p2] = await registerLineage(t, uniqueId('lineage-race'), [
        null,
        fixtureRuntime('echo-model.mjs'),
      ]);
      await insertEdges(
        t,
        Array.from({ length: 50 }, (_, i) => attributedEdge(uniqueId(`race-${i}`), p1, 1, 0.5, 0.2)),
      );
      await promote(t, p1);
      await promote(t, p2);
      const passes = await Promise.all(
        servers.map((server) => call(server, 'POST', '/api/jobs/rescore', {})),
      );
      assert.deepEqual(
        passes.map((pass) => pass.status),
        [200, 200],
        passes.map((pass) => pass.text).join('\n'),
      );
      assert.deepEqual(passes.map((pass) => pass.json().outcome).sort(), ['noop', 'ok']);
      const worked = passes.map((pass) => pass.json()).find((summary) => summary.outcome === 'ok');
      assert.equal(worked.histogram.large_decrease, 50);
      const entries = await queryRows<{ n: number }>(
        t.store.db,
        sql`select count(*)::int as n from edge_history h join kg_edges e on e.id = h.edge_id
               where e.source_artifact_id = ${p2} group by h.edge_id`,
      );
      assert.equal(entries.length, 50);
      assert.ok(
        entries.every((edge) => edge.n === 2),
        'each edge has its insertion and one rescore in its history',
      );
    });

    it('pays a promotion once when two payout commands run at the same time', async () => {
      const contributors = await createContributors(t);
      const modelId = await registerPaidModel(t, contributors);
      // A promotion committed without its after-commit payout, as if its server had stopped in between.
      const event = await promoteUnpaid(t.deps, {
        id: modelId,
        caller: { agentId: contributors.ids.evaluator, scopes: ['evaluate'] },
      });
      const payMissing = () =>
        promisify(execFile)(process.execPath, [BIN, 'credit', 'payouts', '--pay-missing'], {
          env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env(), LOG_LEVEL: 'warn' },
        });
      const outputs = await Promise.all([payMissing(), payMissing()]);
      const paid = outputs.map(({ stdout }) => Number(/paid (\d+) promotion/.exec(stdout)?.[1]));
      assert.deepEqual(paid.sort(), [0, 1], outputs.map(({ stdout }) => stdout).join('\n'));
      const count = async (query: ReturnType<typeof sql>) =>
        (await queryRows<{ n: number }>(t.store.db, query))[0].n;
      assert.equal(
        await count(sql`select count(*)::int as n from credit_payouts where event_id = ${event.id}`),
        1,
      );
      assert.equal(
        await count(sql`select count(*)::int as n from ledger_transfers where event_id = ${event.id}`),
        await count(
          sql`select count(distinct id)::int as n from ledger_transfers where event_id = ${event.id}`,
        ),
      );
      assert.ok(
        (await count(sql`select count(*)::int as n from ledger_transfers where event_id = ${event.id}`)) > 0,
        'the payout moved credit',
      );
    });
  });
}
