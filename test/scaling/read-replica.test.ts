/**
 * The read replica (docs/scaling.md) on a real streaming replica: `pg_basebackup -R` of the test server,
 * started as a hot standby, behind `DATABASE_READ_URL`. Pure reads are served by it (its transaction count
 * moves, the primary's does not, and with replay paused they show the replica's older state); a read after
 * the caller's own write, and the page a form redirects to, see the write; the reads that settle demurrage
 * answer from the primary; a stopped replica degrades the health check, logs one warning and fails no read.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { pino } from 'pino';
import { openStore } from '../../src/db/database.ts';
import { flagEdge, insertEdges, buildEdge as kgEdge } from '../kg/kg-support.ts';
import { postForm } from '../pages/page-support.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { buildModelBody, registerModel, uniqueId } from '../support/factories.ts';
import { type ReplicaServer, startReplica } from '../support/replica-server.ts';
import { databaseUrlOf, type TestStore, testStores } from '../support/stores.ts';

/** The primary's store with a replica pool on the same database of `replica`. */
function withReplica(
  primary: TestStore,
  replica: ReplicaServer,
  onDatabase: (name: string) => void,
): TestStore {
  return {
    name: 'postgres',
    async open() {
      const base = await primary.open();
      const url = await databaseUrlOf(base);
      const name = new URL(url).pathname.slice(1);
      onDatabase(name);
      await replica.caughtUp();
      const routed = await openStore({ databaseUrl: url, readDatabaseUrl: replica.urlOf(name), dataDir: '' });
      return {
        ...routed,
        async close() {
          await routed.close();
          await base.close();
        },
      };
    },
  };
}

/**
 * The transactions `database` has committed on the server at `url`. The app's idle connections
 * to it are ended first: a backend reports its counts when it exits (while idle it may hold them
 * for seconds), and the pool opens new ones on the next query.
 */
async function committedTransactions(url: string, database: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `select pg_terminate_backend(pid, 5000) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`,
      [database],
    );
    const { rows } = await client.query<{ n: string }>(
      'select xact_commit::text as n from pg_stat_database where datname = $1',
      [database],
    );
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

for (const store of testStores().filter((candidate) => candidate.name === 'postgres')) {
  describe('reads on a streaming replica (DATABASE_READ_URL)', () => {
    const primaryUrl = process.env.MODELGRAPH_TEST_PG_URL as string;
    let replica: ReplicaServer;
    let database: string;
    let t: TestApp;
    const logLines: { level: number; msg: string }[] = [];

    const listedIds = async (cookie?: string) => {
      const response = await t.app.inject({
        method: 'GET',
        url: '/api/models?limit=100&all_versions=true',
        headers: cookie ? { cookie } : {},
      });
      assert.equal(response.statusCode, 200, response.body);
      return response.json().models.map((model: { id: string }) => model.id) as string[];
    };
    const wroteCookieOf = (response: { headers: Record<string, unknown> }) =>
      [response.headers['set-cookie']]
        .flat()
        .map(String)
        .find((cookie) => cookie.startsWith('mg_wrote='))
        ?.split(';')[0];

    before(async () => {
      replica = await startReplica(primaryUrl);
      const logger = pino({ level: 'info' }, { write: (line: string) => logLines.push(JSON.parse(line)) });
      t = await startTestApp(
        withReplica(store, replica, (name) => {
          database = name;
        }),
        {},
        undefined,
        logger,
      );
    });
    after(async () => {
      await t?.close();
      replica?.remove();
    });

    it('serves pure reads from the replica: its transactions count them, the primary sees none', async () => {
      await registerModel(t, buildModelBody());
      await replica.caughtUp();
      const before = {
        primary: await committedTransactions(primaryUrl, database),
        replica: await committedTransactions(replica.urlOf('postgres'), database),
      };
      for (let i = 0; i < 40; i++) assert.equal((await listedIds()).length, 1);
      const after = {
        primary: await committedTransactions(primaryUrl, database),
        replica: await committedTransactions(replica.urlOf('postgres'), database),
      };
      assert.ok(
        after.replica - before.replica >= 40,
        `the replica committed ${after.replica - before.replica}`,
      );
      // A few at most (an autovacuum worker's visit counts too); 40 reads there would show as 40.
      assert.ok(
        after.primary - before.primary <= 3,
        `the primary committed ${after.primary - before.primary}`,
      );
    });

    it('shows the replica its own writes but the writer the primary (mg_wrote), replay paused', async () => {
      const first = await registerModel(t, buildModelBody());
      await replica.caughtUp();
      await replica.pauseReplay();
      let written = '';
      try {
        const response = await t.request('POST', '/api/models', {
          token: ADMIN_TOKEN,
          body: buildModelBody(),
        });
        assert.equal(response.statusCode, 201, response.body);
        const cookie = wroteCookieOf(response);
        assert.equal(cookie, 'mg_wrote=1');
        written = response.json().id;
        assert.match(String(response.headers['set-cookie']), /Max-Age=10; Path=\/; HttpOnly; SameSite=Lax/);

        const stale = await listedIds();
        assert.ok(
          stale.includes(first.id) && !stale.includes(written),
          `a plain read comes from the paused replica: ${first.id} ${written} ${stale}`,
        );
        assert.ok((await listedIds(cookie)).includes(written), "the writer's read comes from the primary");
        const detail = await t.app.inject({
          method: 'GET',
          url: `/api/models/${written}`,
          headers: { cookie },
        });
        assert.equal(detail.statusCode, 200);

        await replica.received();
        await sleep(5);
        const health = (await t.request('GET', '/api/health')).json();
        assert.equal(health.status, 'ok');
        assert.equal(health.replica, 'ok');
        assert.ok(health.replica_lag_ms > 0, `lag ${health.replica_lag_ms} ms while replay is paused`);
      } finally {
        await replica.resumeReplay();
      }
      await replica.caughtUp();
      // Replaying again: a plain read (the replica's) now shows the write, and health reports a lag
      // (whatever the other suites' writes on the shared primary leave in flight, never a duration).
      assert.ok((await listedIds()).includes(written), 'the replica shows the write once replay resumed');
      const resumed = (await t.request('GET', '/api/health')).json();
      assert.equal(resumed.replica, 'ok');
      assert.ok(Number.isInteger(resumed.replica_lag_ms) && resumed.replica_lag_ms >= 0);
    });

    it('follows a form post to the page it redirects to and shows the write there', async () => {
      const [edge] = (await insertEdges(t, [kgEdge()])).ids;
      await flagEdge(t, edge);
      const reviewer = await t.agentToken(uniqueId('reviewer'), ['evaluate']);
      const form = (url: string, fields: Record<string, string>, cookie?: string) =>
        postForm(t.app, url, fields, cookie);
      const signIn = await form('/kg/session', { token: reviewer });
      const session = [signIn.headers['set-cookie']]
        .flat()
        .map(String)
        .find((c) => c.startsWith('mg_token='));
      const sessionCookie = String(session).split(';')[0];
      await replica.caughtUp();
      await replica.pauseReplay();
      try {
        const response = await form(
          `/kg/edges/${edge}/review`,
          { decision: 'keep', note: '' },
          sessionCookie,
        );
        assert.equal(response.statusCode, 303, response.body);
        const wrote = wroteCookieOf(response);
        assert.ok(wrote, 'the redirect carries the cookie');
        const queue = (cookie: string) =>
          t.app.inject({ method: 'GET', url: String(response.headers.location), headers: { cookie } });
        const followed = await queue(`${sessionCookie}; ${wrote}`);
        assert.equal(followed.statusCode, 200);
        assert.ok(!followed.body.includes(`data-edge-id="${edge}"`), 'the kept edge left the queue');
        const fromReplica = await queue(sessionCookie);
        assert.ok(
          fromReplica.body.includes(`data-edge-id="${edge}"`),
          'without the cookie: the paused replica',
        );
      } finally {
        await replica.resumeReplay();
      }
    });

    it('answers the reads that settle demurrage from the primary, since they write', async () => {
      const agent = uniqueId('payee');
      await t.agentToken(agent, ['write']);
      await replica.caughtUp();
      for (const url of [`/api/agents/${agent}`, `/api/agents/${agent}/wallet`]) {
        assert.equal((await t.request('GET', url)).statusCode, 200, url);
      }
      assert.equal((await t.request('GET', '/api/credit/accounts', { token: ADMIN_TOKEN })).statusCode, 200);
      for (const url of [
        '/api/models',
        '/api/kg/edges',
        '/api/events',
        '/models',
        '/kg/review',
        '/api/lineages',
      ]) {
        assert.equal((await t.request('GET', url)).statusCode, 200, url);
      }
    });

    it('degrades the health check when the replica stops, logs one warning and fails no read', async () => {
      const model = await registerModel(t, buildModelBody());
      await replica.caughtUp();
      // The health check marks the replica up, whatever a blip of the busy machine did before.
      assert.equal((await t.request('GET', '/api/health')).json().replica, 'ok');
      const linesBefore = logLines.length;
      replica.stop();
      try {
        for (let i = 0; i < 5; i++) {
          assert.ok((await listedIds()).includes(model.id));
          assert.equal((await t.request('GET', `/api/models/${model.id}`)).statusCode, 200);
          assert.equal((await t.request('GET', '/models')).statusCode, 200);
        }
        const health = await t.request('GET', '/api/health');
        assert.equal(health.statusCode, 200);
        const { runtime_sandbox: _sandbox, ...databases } = health.json();
        assert.deepEqual(databases, {
          status: 'degraded',
          store: 'postgres',
          primary: 'ok',
          replica: 'down',
          replica_lag_ms: null,
        });
        const warnings = logLines.slice(linesBefore).filter((line) => line.level === 40);
        assert.deepEqual(
          warnings.map((line) => line.msg),
          ['read replica unavailable: reads go to the primary'],
        );
      } finally {
        replica.start();
      }
      const health = (await t.request('GET', '/api/health')).json();
      assert.equal(health.status, 'ok');
      assert.equal(health.replica, 'ok');
      assert.ok(
        logLines.some((line) => line.msg === 'read replica answering again: pure reads go back to it'),
      );
    });
  });
}
