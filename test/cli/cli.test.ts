import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

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
});
