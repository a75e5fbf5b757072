/**
 * Hostile process runtimes in the real sandbox (docs/security.md#the-sandbox): each is registered
 * by a `write` token whose program the operator listed, and tries one thing it must not do — see
 * the server's processes or environment, read the data directory or the server's files, reach
 * the database or the server over the network, write outside /tmp, fill /tmp, allocate past the
 * memory limit, fork past the process limit, spin past the CPU limit, leave a process behind.
 * Each batch fails with the reason the sandbox gave, the pass records it, no edge moves, nothing
 * lands on the host, and the server keeps serving. Skipped locally without bubblewrap; in CI a
 * failure.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { expectBatchFailed, type Scenario, toolCallOf } from '../jobs/rescore-scenarios.ts';
import { uniqueId } from '../support/factories.ts';
import { testStores } from '../support/stores.ts';
import {
  bwrapUnavailable,
  readableTempDir,
  SANDBOX_FIXTURES,
  survivorsOf,
  useWriterSuite,
} from './sandbox-support.ts';

const skip = await bwrapUnavailable();
const INSTALL_DIR = resolve(import.meta.dirname, '../..');
const THIS_FILE = basename(fileURLToPath(import.meta.url));
const twoEdges = [
  { confidence: 0.6, inputs: { confidence: 0.1 } },
  { confidence: 0.3, inputs: { confidence: 0.9 } },
];

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.end();
      resolvePromise(true);
    });
    socket.on('error', () => resolvePromise(false));
  });
}

for (const store of testStores()) {
  describe(`hostile runtimes in the sandbox on ${store.name}`, { skip }, () => {
    const workspace = readableTempDir('mg-sandbox-');
    // The data directory lies inside a directory the runtime may see: it must stay hidden anyway.
    const dataDir = join(workspace, 'data');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'secret.txt'), 'the embedded database lives here');
    const suite = useWriterSuite(store, () => ({
      MODELGRAPH_RUNTIME_COMMANDS: process.execPath,
      MODELGRAPH_RUNTIME_PATHS: `${SANDBOX_FIXTURES},${workspace}`,
      MODELGRAPH_DATA_DIR: dataDir,
      MODELGRAPH_RUNTIME_TMP_MB: '4',
      MODELGRAPH_RUNTIME_MEMORY_MB: '1024',
      MODELGRAPH_RUNTIME_CPU_SECONDS: '1',
      MODELGRAPH_RUNNER_TIMEOUT_MS: '30000',
    }));
    let httpPort: number;
    const hostile = (attack: string, ...args: string[]) => ({
      kind: 'process',
      command: [process.execPath, join(SANDBOX_FIXTURES, 'hostile.mjs'), attack, ...args],
      cwd: workspace,
    });

    before(async () => {
      await suite.app.app.listen({ port: 0, host: '127.0.0.1' });
      httpPort = (suite.app.app.server.address() as { port: number }).port;
    });

    /** The batch failed with `reason`, nothing escaped, the pass ran confined and the server serves. */
    async function expectContained(scenario: Scenario, reason: RegExp) {
      await expectBatchFailed(scenario, [0.6, 0.3], reason);
      const call = await toolCallOf(suite.app, scenario.child);
      assert.doesNotMatch(call.error ?? '', /ESCAPED/);
      assert.equal(scenario.summary.sandbox, 'bwrap');
      assert.equal((await suite.app.request('GET', '/api/health')).statusCode, 200);
    }

    it("cannot see the server's processes nor read its environment", async () => {
      const [half, rest] = [THIS_FILE.slice(0, 4), THIS_FILE.slice(4)];
      const scenario = await suite.run(hostile('processes', String(process.pid), half, rest), twoEdges);
      await expectContained(
        scenario,
        new RegExp(`blocked: could not read /proc/${process.pid}/environ ENOENT`),
      );
    });

    it("cannot read the data directory, the server's files or the system's secrets", async () => {
      const secrets = [
        join(dataDir, 'secret.txt'),
        join(INSTALL_DIR, 'package.json'),
        join(INSTALL_DIR, 'src', 'config.ts'),
        '/etc/shadow',
      ];
      assert.ok(
        secrets.every((path) => existsSync(path)),
        'each file exists on the host',
      );
      const scenario = await suite.run(hostile('read', ...secrets), twoEdges);
      await expectContained(
        scenario,
        /blocked: could not read .*secret\.txt (EACCES|ENOENT).*package\.json ENOENT/,
      );
    });

    it('cannot connect to the server, to PostgreSQL or anywhere else', async () => {
      const targets = [`127.0.0.1:${httpPort}`, '10.0.0.1:80', '1.1.1.1:443'];
      const pgUrl = process.env.MODELGRAPH_TEST_PG_URL;
      if (store.name === 'postgres' && pgUrl) targets.push(`127.0.0.1:${new URL(pgUrl).port}`);
      assert.ok(await canConnect(httpPort), 'the server listens, seen from outside the sandbox');
      const scenario = await suite.run(hostile('connect', ...targets), twoEdges);
      await expectContained(
        scenario,
        new RegExp(`blocked: could not connect to 127\\.0\\.0\\.1:${httpPort} ECONNREFUSED`),
      );
    });

    it('cannot write outside its private /tmp', async () => {
      const targets = [
        join(workspace, 'owned'),
        join(SANDBOX_FIXTURES, 'owned'),
        '/usr/lib/owned',
        '/etc/owned',
        '/owned',
        '/dev/owned',
      ];
      const scenario = await suite.run(hostile('write', ...targets), twoEdges);
      await expectContained(scenario, /blocked: could not write .*owned (EROFS|EACCES)/);
      for (const target of targets) assert.equal(existsSync(target), false, `${target} on the host`);
    });

    it('cannot fill /tmp past MODELGRAPH_RUNTIME_TMP_MB, and leaves nothing in the host /tmp', async () => {
      const scenario = await suite.run(hostile('fill-tmp', '64'), twoEdges);
      await expectContained(scenario, /blocked: \/tmp full after [0-4] MiB: ENOSPC/);
      assert.equal(existsSync('/tmp/fill-0'), false);
    });

    it('cannot allocate past MODELGRAPH_RUNTIME_MEMORY_MB', async () => {
      const scenario = await suite.run(hostile('alloc', '2048'), twoEdges);
      await expectContained(scenario, /blocked: allocation refused after \d+ MiB/);
    });

    it('cannot start more processes than the limit of 64', async () => {
      const scenario = await suite.run(hostile('fork', '100'), twoEdges);
      await expectContained(scenario, /blocked: started \d+ of 100 processes/);
    });

    it('is stopped by the CPU time limit, and the record says so', async () => {
      const scenario = await suite.run(hostile('spin', '60'), twoEdges);
      await expectContained(
        scenario,
        /process exited with code 152 \(killed by SIGXCPU: it used the 1 s of CPU time/,
      );
    });

    it('leaves no process behind once its batch is answered', async () => {
      const marker = uniqueId('lingering');
      const scenario = await suite.run(hostile('linger', marker), twoEdges);
      assert.equal(scenario.summary.histogram.failed, 0, 'the batch itself is answered');
      assert.equal(scenario.summary.sandbox, 'bwrap');
      assert.deepEqual(await survivorsOf(marker), []);
    });

    it('still runs a well-behaved runtime afterwards: as nobody, with a clean environment and its own /tmp', async () => {
      const scenario = await suite.run(
        {
          kind: 'process',
          command: [process.execPath, join(SANDBOX_FIXTURES, 'well-behaved.mjs')],
          cwd: workspace,
          env: { MODEL_SETTING: 'from-runtime' },
        },
        twoEdges,
      );
      assert.equal(scenario.summary.outcome, 'ok');
      assert.equal(scenario.summary.sandbox, 'bwrap');
      assert.equal(
        scenario.summary.histogram.failed,
        0,
        (await toolCallOf(suite.app, scenario.child)).error ?? '',
      );
      for (const [index, id] of scenario.edgeIds.entries()) {
        const edge = (await suite.app.request('GET', `/api/kg/edges/${id}`)).json();
        assert.equal(edge.confidence, twoEdges[index].inputs.confidence);
        assert.equal(edge.source_artifact_id, scenario.child);
      }
    });
  });

  describe(`a runtime whose cwd is / in the sandbox on ${store.name}`, { skip }, () => {
    const dataDir = readableTempDir('mg-sandbox-data-');
    writeFileSync(join(dataDir, 'secret.txt'), 'the embedded database lives here');
    // No MODELGRAPH_RUNTIME_PATHS: a writer may name any cwd, even the root.
    const suite = useWriterSuite(store, () => ({
      MODELGRAPH_RUNTIME_COMMANDS: process.execPath,
      MODELGRAPH_DATA_DIR: dataDir,
    }));

    it("sees the system but not the server's files, its data, its home, other sockets or the host's /tmp", async () => {
      const secrets = [
        join(dataDir, 'secret.txt'),
        join(INSTALL_DIR, 'package.json'),
        join(homedir(), '.profile'),
        ...readdirSync('/tmp')
          .map((name) => join('/tmp', name))
          .slice(0, 20),
      ].filter((path) => existsSync(path));
      const code = `const fs = require('fs');
        const lines = fs.readFileSync(0, 'utf8').split('\\n').filter(Boolean);
        if (!fs.readFileSync('/etc/passwd', 'utf8').includes('root:')) { console.error('no system files'); process.exit(4); }
        const seen = process.argv.slice(1).filter((path) => { try { return fs.readFileSync(path).length > 0; } catch { return false; } });
        if (seen.length > 0) { console.error('ESCAPED: read ' + seen.join(', ')); }
        else { console.error('blocked: read none of ' + (process.argv.length - 1) + ' files'); process.exit(3); }
        for (const line of lines) console.log(JSON.stringify({ id: JSON.parse(line).id, confidence: 1 }));`;
      const scenario = await suite.run(
        { kind: 'process', command: [process.execPath, '-e', code, ...secrets], cwd: '/' },
        twoEdges,
      );
      await expectBatchFailed(scenario, [0.6, 0.3], /blocked: read none of \d+ files/);
      assert.equal(scenario.summary.sandbox, 'bwrap');
    });
  });
}
