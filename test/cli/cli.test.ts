import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { KgxExportQuery } from '../../src/kg/edge.schemas.ts';
import { freePort } from '../support/postgres-server.ts';

const BIN = fileURLToPath(new URL('../../bin/modelgraph.js', import.meta.url));
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });

describe('modelgraph CLI', () => {
  it('prints the usage with every command', () => {
    const result = run(['--help']);
    assert.equal(result.status, 0);
    for (const command of [
      'serve',
      'migrate',
      'demo',
      'rescore',
      'backfill-edges',
      'deliver-webhooks',
      'export-kgx',
      'credit payouts',
      'retract',
      'reinstate',
    ]) {
      assert.match(result.stderr, new RegExp(command));
    }
  });

  it("names every filter option export-kgx accepts in its usage (written apart from the options' schema)", () => {
    const usage = run(['--help']).stderr;
    const options = Object.keys(KgxExportQuery.properties).map((name) => `--${name.replaceAll('_', '-')}`);
    assert.ok(options.length > 0);
    for (const option of options) assert.match(usage, new RegExp(`\\[${option} `), option);
  });

  it('refuses an unknown command with exit code 2', () => {
    const result = run(['frobnicate']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /unknown command 'frobnicate'/);
  });

  it('stops on a bad configuration value with one line naming the variable', () => {
    const result = run(['migrate'], { MODELGRAPH_QUALITY_CAP: 'high' });
    assert.equal(result.status, 2);
    assert.equal(result.stderr.trim().split('\n').length, 1);
    assert.match(result.stderr, /MODELGRAPH_QUALITY_CAP="high" is invalid/);
  });

  it('serve --port and --host override PORT and HOST', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mg-cli-serve-'));
    const port = await freePort();
    const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--host', '127.0.0.1'], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        LOG_LEVEL: 'warn',
        MODELGRAPH_DATA_DIR: dataDir,
        MODELGRAPH_DEMO: 'off',
        MODELGRAPH_RESCORE_CRON: 'off',
        // Both would stop the start if the flags did not replace them.
        PORT: '1',
        HOST: 'no-such-host.invalid',
      },
      stdio: 'inherit',
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      let status: number | undefined;
      for (let attempt = 0; attempt < 300 && child.exitCode === null && status === undefined; attempt++) {
        status = await fetch(`http://127.0.0.1:${port}/api/health`)
          .then((response) => response.status)
          .catch(() => undefined);
        if (status === undefined) await sleep(100);
      }
      assert.equal(status, 200, `serve answered on --port ${port}`);
    } finally {
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
