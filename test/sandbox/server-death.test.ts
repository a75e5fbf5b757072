/**
 * A server that dies takes its sandboxes along: whether it dies while bubblewrap waits for its user
 * namespace (a root server writes that map itself) or while the runtime runs, no process of the
 * sandbox is left on the host. Skipped locally without bubblewrap; in CI a failure.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { uniqueId } from '../support/factories.ts';
import { outputOf } from '../support/run-process.ts';
import { bwrapUnavailable, survivorsOf } from './sandbox-support.ts';

const skip = await bwrapUnavailable();

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
