/**
 * The sandbox of a server that does not run as root — the setup docs/security.md recommends —
 * where bubblewrap maps the server's own uid instead of the map a root server writes. When these
 * tests run as root, they start the runner as `nobody` (confined-batch.ts); otherwise every other
 * sandbox suite already runs this way and this one is skipped. Skipped too without bubblewrap
 * (a failure in CI).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { outputOf } from '../support/run-process.ts';
import { bwrapUnavailable, SANDBOX_FIXTURES } from './sandbox-support.ts';

const NOBODY = 65534;
const skip =
  (await bwrapUnavailable()) ||
  (process.getuid?.() !== 0 && 'the tests run unprivileged already: every sandbox suite covers this case');

interface BatchOutcome {
  sandbox?: string;
  scores?: Record<string, number>;
  error?: string;
  stderr?: string;
}

/** Runs one batch of `runtime` in the sandbox of a server running as `nobody`. */
async function runAsNobody(runtime: object): Promise<BatchOutcome> {
  const { status, stdout, stderr } = await outputOf(
    spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'confined-batch.ts'), JSON.stringify(runtime)],
      {
        uid: NOBODY,
        gid: NOBODY,
        env: { PATH: '/usr/bin:/bin', HOME: '/tmp', LANG: 'C.UTF-8' },
      },
    ),
  );
  assert.equal(status, 0, `confined-batch.ts failed: ${stderr}`);
  return JSON.parse(stdout);
}

const fixture = (script: string, ...args: string[]) => ({
  kind: 'process',
  command: [process.execPath, join(SANDBOX_FIXTURES, script), ...args],
  cwd: SANDBOX_FIXTURES,
  env: { MODEL_SETTING: 'from-runtime' },
});

describe('the sandbox of a server that is not root', { skip }, () => {
  it('runs a well-behaved runtime as nobody, with its clean environment and private /tmp', async () => {
    const outcome = await runAsNobody(fixture('well-behaved.mjs'));
    assert.deepEqual(outcome, { sandbox: 'bwrap', scores: { a: 0.25, b: 0.75 } });
  });

  it('holds the process limit', async () => {
    const outcome = await runAsNobody(fixture('hostile.mjs', 'fork', '100'));
    assert.equal(outcome.error, 'process exited with code 3');
    assert.match(outcome.stderr ?? '', /^blocked: started \d+ of 100 processes/);
  });

  it("cannot see the server's processes", async () => {
    const outcome = await runAsNobody(
      fixture('hostile.mjs', 'processes', String(process.pid), 'confined', '-batch'),
    );
    assert.match(outcome.stderr ?? '', /^blocked: could not read \/proc\/\d+\/environ ENOENT/);
  });
});
