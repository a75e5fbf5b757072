/**
 * A server that dies takes its sandboxes along: whether it dies while bubblewrap waits for its user
 * namespace (a root server writes that map itself) or while the runtime runs, no process of the
 * sandbox is left on the host. Skipped locally without bubblewrap; in CI a failure.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { outputOf } from '../support/child-output.ts';
import { uniqueId } from '../support/factories.ts';
import { bwrapUnavailable } from './sandbox-support.ts';

const skip = await bwrapUnavailable();

/** The host processes whose command line holds `marker`. */
function processesWith(marker: string): string[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
      } catch {
        return false;
      }
    });
}

/** Polls, for up to ten seconds, until no process holds `marker`; answers those still there. */
async function survivorsOf(marker: string): Promise<string[]> {
  for (let i = 0; i < 100 && processesWith(marker).length > 0; i++) await sleep(100);
  return processesWith(marker);
}

describe('a server that dies', { skip }, () => {
  for (const mode of ['die-at-start', 'die-while-running']) {
    it(`leaves no process of its sandbox behind (${mode})`, async () => {
      const marker = uniqueId('orphan');
      const runtime = {
        kind: 'process',
        command: [process.execPath, '-e', "console.log('ready'); setInterval(() => {}, 1000)", marker],
      };
      const server = await outputOf(
        spawn(process.execPath, [
          '--import',
          'tsx',
          join(import.meta.dirname, 'confined-batch.ts'),
          JSON.stringify(runtime),
          mode,
        ]),
      );
      assert.equal(server.status, 0, server.stderr);
      const holder = server.stdout.trim()
        ? (JSON.parse(server.stdout) as { holder?: number }).holder
        : undefined;
      try {
        assert.deepEqual(await survivorsOf(marker), []);
      } finally {
        if (holder !== undefined) process.kill(holder, 'SIGKILL');
      }
    });
  }
});
