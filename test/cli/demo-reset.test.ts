/**
 * `modelgraph demo --reset`: the demo world as first loaded, after walk-throughs changed it — on
 * the embedded store (refused while a server holds it) and on PostgreSQL (only with `--confirm`
 * naming the database). Real child processes of `bin/modelgraph.js`.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runModelgraph } from '../support/run-process.ts';
import { type ServeProcess, startServe } from '../support/serve-process.ts';
import { databaseUrlOf, testStores } from '../support/stores.ts';

const workDir = mkdtempSync(join(tmpdir(), 'mg-demo-reset-'));
after(() => rmSync(workDir, { recursive: true, force: true }));

const modelgraph = runModelgraph;

const mint = (env: Record<string, string>) =>
  modelgraph(
    ['credit', 'mint', '--id', 'not-in-the-demo', '--amount', '3', '--reason', 'a walk-through'],
    env,
  );

const ADMIN = 'demo-reset-admin';
const MICROGLIA_V3 = 'model-biophys-microglia-v3';

async function statusOf(server: ServeProcess, id: string): Promise<string> {
  const response = await fetch(`${server.baseUrl}/api/models/${id}`);
  assert.equal(response.status, 200);
  return ((await response.json()) as { status: string }).status;
}

describe('demo --reset on the embedded store', () => {
  const env = { MODELGRAPH_DATA_DIR: join(workDir, 'data'), MODELGRAPH_RESCORE_CRON: 'off' };
  let server: ServeProcess | undefined;
  after(() => server?.stop());

  it('is refused while the server holds the store, and afterwards brings back the demo as first loaded', async () => {
    // Loaded before the server starts, so that serve answers without loading it first.
    assert.equal((await modelgraph(['demo'], env)).status, 0);
    server = await startServe({ ...env, MODELGRAPH_ADMIN_TOKEN: ADMIN });
    const promoted = await fetch(`${server.baseUrl}/api/models/${MICROGLIA_V3}/promote`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(promoted.status, 200);
    assert.equal(await statusOf(server, MICROGLIA_V3), 'promoted');

    const refused = await modelgraph(['demo', '--reset'], env);
    assert.equal(refused.status, 1);
    assert.equal(
      refused.stderr,
      `modelgraph: the data directory ${env.MODELGRAPH_DATA_DIR} is in use by process ${server.child.pid}\n`,
    );
    assert.equal(await statusOf(server, MICROGLIA_V3), 'promoted', 'the refused reset changed nothing');
    await server.stop();

    assert.equal((await mint(env)).stdout, 'minted 3 credits into treasury\n');
    const reset = await modelgraph(['demo', '--reset'], env);
    assert.equal(reset.status, 0, reset.stderr);
    assert.match(reset.stdout, /^demo world loaded: 10 lineages, \d+ model versions, 48 edges$/m);
    assert.equal((await mint(env)).stdout, 'minted 3 credits into treasury\n', 'the reset dropped the mint');

    server = await startServe({ ...env, MODELGRAPH_ADMIN_TOKEN: ADMIN });
    assert.notEqual(await statusOf(server, MICROGLIA_V3), 'promoted', 'v3 is the candidate again');
    assert.equal(await statusOf(server, 'model-biophys-microglia-v2'), 'promoted');
  });
});

describe('demo without --reset', () => {
  it('refuses a database that already holds a registry, naming --reset', async () => {
    const env = { MODELGRAPH_DATA_DIR: join(workDir, 'twice') };
    assert.equal((await modelgraph(['demo'], env)).status, 0);
    const again = await modelgraph(['demo'], env);
    assert.equal(again.status, 1);
    assert.equal(
      again.stderr,
      'modelgraph: the database already holds a registry: modelgraph demo --reset empties it and loads the demo world again\n',
    );
  });
});

for (const store of testStores().filter((candidate) => candidate.name === 'postgres')) {
  describe('demo --reset on PostgreSQL', () => {
    it('needs --confirm naming the database, and then brings back the demo', async () => {
      const database = await store.open();
      try {
        const url = await databaseUrlOf(database);
        const name = new URL(url).pathname.slice(1);
        const env = { DATABASE_URL: url };
        assert.equal((await modelgraph(['demo'], env)).status, 0);
        assert.equal((await mint(env)).stdout, 'minted 3 credits into treasury\n');

        for (const args of [['--reset'], ['--reset', '--confirm', 'postgres']]) {
          const refused = await modelgraph(['demo', ...args], env);
          assert.equal(refused.status, 2);
          assert.equal(
            refused.stderr,
            `modelgraph: demo --reset drops every table of the PostgreSQL database ${name} (DATABASE_URL): run it with --confirm ${name}\n`,
          );
          assert.equal(
            (await mint(env)).stdout,
            "mint 'not-in-the-demo' was made already\n",
            'nothing dropped',
          );
        }

        const reset = await modelgraph(['demo', '--reset', '--confirm', name], env);
        assert.equal(reset.status, 0, reset.stderr);
        assert.match(reset.stdout, /^demo world loaded: 10 lineages/m);
        assert.equal((await mint(env)).stdout, 'minted 3 credits into treasury\n');
      } finally {
        await database.close();
      }
    });
  });
}
