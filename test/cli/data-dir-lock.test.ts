/**
 * One process per embedded database, with real processes: while `serve` holds a data directory,
 * every other `modelgraph` process on it — a CLI command or a second `serve` — exits with status 1
 * and one line naming the directory and the holder's pid, having written nothing; a server killed
 * with SIGKILL leaves nothing that blocks the next process.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LOCK_FILE } from '../../src/db/data-dir-lock.ts';
import { freePort } from '../support/postgres-server.ts';
import { runModelgraph } from '../support/run-process.ts';
import { type ServeProcess, startServe } from '../support/serve-process.ts';

const workDir = mkdtempSync(join(tmpdir(), 'mg-lock-cli-'));
after(() => rmSync(workDir, { recursive: true, force: true }));

/** Runs `modelgraph <args>` on `dataDir` (asynchronously: serve answers meanwhile). */
const modelgraph = (dataDir: string, args: string[]) => runModelgraph(args, { MODELGRAPH_DATA_DIR: dataDir });

/** What a refused command could have written: the treasury's total, the last event, the artifacts. */
async function written(baseUrl: string, adminToken: string) {
  const get = async (path: string) =>
    (await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${adminToken}` } })).json();
  const accounts = (await get('/api/credit/accounts')) as { total_micro: number };
  const events = (await get('/api/events?limit=1')) as { events: { id: number }[] };
  const models = (await get('/api/models?limit=1')) as { total: number };
  return { total: accounts.total_micro, lastEvent: events.events[0]?.id, models: models.total };
}

describe('one process per embedded data directory', () => {
  const dataDir = join(workDir, 'data');
  const adminToken = 'lock-test-admin';
  let server: ServeProcess;

  before(async () => {
    server = await startServe({
      MODELGRAPH_DATA_DIR: dataDir,
      MODELGRAPH_DEMO: 'off',
      MODELGRAPH_RESCORE_CRON: 'off',
      MODELGRAPH_ADMIN_TOKEN: adminToken,
    });
  });
  after(() => server?.stop());

  it('holds the lock file, naming the serve process', () => {
    const record = JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8'));
    assert.equal(record.pid, server.child.pid);
  });

  const refusedCommands: [string, string[]][] = [
    ['credit mint', ['credit', 'mint', '--id', 'lock-test-mint', '--amount', '5', '--reason', 'locked']],
    ['migrate', ['migrate']],
    ['demo', ['demo']],
    ['rescore', ['rescore']],
  ];
  for (const [name, args] of refusedCommands) {
    it(`refuses ${name} with status 1 and one line naming the directory and serve's pid, writing nothing`, async () => {
      const before = await written(server.baseUrl, adminToken);
      const result = await modelgraph(dataDir, args);
      assert.equal(result.status, 1, result.stderr);
      assert.equal(
        result.stderr,
        `modelgraph: the data directory ${dataDir} is in use by process ${server.child.pid}\n`,
      );
      assert.equal(result.stdout, '');
      assert.deepEqual(await written(server.baseUrl, adminToken), before, 'no mint, no event, no artifact');
    });
  }

  it('refuses a second serve on the same directory the same way', async () => {
    const result = await modelgraph(dataDir, ['serve', '--port', String(await freePort())]);
    assert.equal(result.status, 1, result.stderr);
    assert.equal(
      result.stderr,
      `modelgraph: the data directory ${dataDir} is in use by process ${server.child.pid}\n`,
    );
  });

  it('frees the directory when serve stops: the refused mint was never made', async () => {
    await server.stop();
    const result = await modelgraph(dataDir, [
      'credit',
      'mint',
      '--id',
      'lock-test-mint',
      '--amount',
      '5',
      '--reason',
      'after the server stopped',
    ]);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, 'minted 5 credits into treasury\n');
    assert.equal(existsSync(join(dataDir, LOCK_FILE)), false, 'the command let go of the directory');
  });
});

describe('a server killed with SIGKILL', () => {
  it('leaves a stale lock that the next process takes over', async () => {
    const dataDir = join(workDir, 'killed');
    const server = await startServe({
      MODELGRAPH_DATA_DIR: dataDir,
      MODELGRAPH_DEMO: 'off',
      MODELGRAPH_RESCORE_CRON: 'off',
    });
    await server.kill9();
    assert.ok(existsSync(join(dataDir, LOCK_FILE)), 'SIGKILL left the lock file behind');
    const result = await modelgraph(dataDir, ['credit', 'payouts']);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^0 promotion\(s\) without a payout$/m);
  });
});

describe('the in-memory store', () => {
  it('takes no lock: two processes may each open their own', async () => {
    const [first, second] = await Promise.all([
      modelgraph('memory://', ['migrate']),
      modelgraph('memory://', ['migrate']),
    ]);
    assert.equal(first.status, 0, first.stderr);
    assert.equal(second.status, 0, second.stderr);
  });
});
