import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { eventually } from '../../test/support/eventually.ts';
import { BatchFailed, RuntimeUnavailable } from './inference-errors.ts';
import type { InferenceItem } from './runner.ts';
import { createRunner } from './runners.ts';

/** These tests exercise the runner itself; the sandbox has its own suites (test/sandbox/). */
const UNCONFINED = { mode: 'off' } as const;

const fixtures = fileURLToPath(new URL('../../test/fixtures/inference/', import.meta.url));

/**
 * Whether the process with this pid still runs. A killed process stays a zombie until its parent
 * (or init) reaps it, and signal 0 still reaches a zombie, so the state in /proc decides.
 */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The state is the first field after the command name, which is in parentheses.
    const state = stat.charAt(stat.lastIndexOf(')') + 2);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/** A fresh file path for a fixture to write to. */
function scratchFile(name: string): string {
  return join(mkdtempSync(join(tmpdir(), 'mg-runner-')), name);
}

function itemsFor(xs: number[]): InferenceItem[] {
  return xs.map((x, index) => ({ id: `e${index}`, inputs: { x } }));
}

async function inferWith(
  script: string,
  items: InferenceItem[],
  timeoutMs = 10_000,
  args: string[] = [],
): Promise<Map<string, number>> {
  const runner = await createRunner(
    { kind: 'process', command: [process.execPath, script, ...args], cwd: fixtures },
    { timeoutMs, sandbox: UNCONFINED },
  );
  try {
    return await runner.infer(items);
  } finally {
    await runner.close();
  }
}

async function batchFailure(
  script: string,
  items: InferenceItem[],
  timeoutMs?: number,
  args?: string[],
): Promise<BatchFailed> {
  const error = await inferWith(script, items, timeoutMs, args).then(
    () => assert.fail('expected the batch to fail'),
    (reason: unknown) => reason,
  );
  assert.ok(error instanceof BatchFailed, `expected BatchFailed, got ${String(error)}`);
  assert.equal(error.code, 'batch_failed');
  return error;
}

describe('process runner', () => {
  it('scores every item with the confidence the process writes', async () => {
    const scores = await inferWith('sigmoid-model.mjs', itemsFor([0, 2, -1]));
    assert.equal(scores.size, 3);
    assert.equal(scores.get('e0'), 0.5);
    assert.ok(Math.abs((scores.get('e1') ?? 0) - 1 / (1 + Math.exp(-2))) < 1e-12);
    assert.ok(Math.abs((scores.get('e2') ?? 0) - 1 / (1 + Math.exp(1))) < 1e-12);
  });

  it('streams a batch larger than the pipe buffers', async () => {
    const xs = Array.from({ length: 20_000 }, (_, index) => (index % 21) - 10);
    const scores = await inferWith('sigmoid-model.mjs', itemsFor(xs));
    assert.equal(scores.size, xs.length);
    assert.ok(Math.abs((scores.get('e19999') ?? 0) - 1 / (1 + Math.exp(-xs[19_999]))) < 1e-12);
  });

  it('fails the batch with the exit code and stderr when the process crashes', async () => {
    const error = await batchFailure('crash.mjs', itemsFor([1]));
    assert.match(error.message, /exited with code 3/);
    assert.match(error.stderr ?? '', /weights\.pt not found/);
  });

  it('fails the batch when the process dies by a signal', async () => {
    const error = await batchFailure('self-kill.mjs', itemsFor([1]));
    assert.match(error.message, /killed by signal SIGKILL/);
  });

  it('kills the process and fails the batch when it times out', async () => {
    // hang.mjs answers nothing; only after a minute does it exit by itself, saying so in this file.
    const exitedFile = scratchFile('exited');
    const error = await batchFailure('hang.mjs', itemsFor([1, 2]), 300, [exitedFile]);
    assert.match(error.message, /timed out after 300 ms/);
    assert.equal(existsSync(exitedFile), false, 'the runner waited for the process to exit by itself');
  });

  it('fails the batch at once when a grandchild out of its process group keeps the pipes open', async () => {
    // The grandchild holds stdout and stderr for a minute, beyond the runner's group kill.
    const pidFile = scratchFile('grandchild.pid');
    const error = await batchFailure('spawn-escaped-and-hang.mjs', itemsFor([1]), 10_000, [pidFile]);
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    try {
      assert.match(error.message, /bad JSON on stdout line 1: not JSON/);
      assert.ok(isRunning(grandchild), 'the runner waited for the grandchild to close the pipes');
    } finally {
      try {
        process.kill(grandchild, 'SIGKILL');
      } catch {
        // It is gone already (ESRCH): nothing is left to stop.
      }
    }
  });

  it("gives the process a clean environment: PATH, HOME, LANG, TMPDIR and its own env, never the server's", async () => {
    process.env.MODELGRAPH_ADMIN_TOKEN = 'server-secret';
    process.env.DATABASE_URL = 'postgres://secret@db/modelgraph';
    try {
      const runner = await createRunner(
        {
          kind: 'process',
          command: [process.execPath, 'env-probe.mjs'],
          cwd: fixtures,
          env: { MODEL_SETTING: 'from-runtime' },
        },
        { timeoutMs: 10_000, sandbox: UNCONFINED },
      );
      assert.deepEqual([...(await runner.infer(itemsFor([1, 2]))).values()], [1, 1]);
    } finally {
      delete process.env.MODELGRAPH_ADMIN_TOKEN;
      delete process.env.DATABASE_URL;
    }
  });

  it('kills the whole process group when the batch fails, grandchildren included', async () => {
    const pidFile = scratchFile('grandchild.pid');
    const error = await batchFailure('spawn-and-hang.mjs', itemsFor([1]), 10_000, [pidFile]);
    assert.match(error.message, /bad JSON on stdout line 1: not JSON/);
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    assert.ok(grandchild > 0);
    // SIGKILL is delivered at once but the process ends a moment later; it never ends by itself.
    await eventually(() => !isRunning(grandchild), 'the grandchild outlived the batch');
  });

  it('fails the batch when the process prints a line that is not JSON', async () => {
    const error = await batchFailure('garbage.mjs', itemsFor([1]));
    assert.match(error.message, /bad JSON on stdout line 2: Loading model/);
  });

  it('fails the batch when the process omits an id', async () => {
    const error = await batchFailure('omit-id.mjs', itemsFor([1, 2, 3]));
    assert.match(error.message, /missing id "e2"/);
  });

  it('fails the batch when the process answers for an unknown id', async () => {
    const error = await batchFailure('unknown-id.mjs', itemsFor([1]));
    assert.match(error.message, /unknown id "e0-x"/);
  });

  it('fails the batch when a confidence is outside 0…1', async () => {
    const error = await batchFailure('out-of-range.mjs', itemsFor([1]));
    assert.match(error.message, /confidence out of range for id "e0": 1\.5/);
  });

  it('fails the batch, without crashing, when the process exits before reading its input', async () => {
    const error = await batchFailure('exit-unread.mjs', itemsFor(Array.from({ length: 50_000 }, () => 1)));
    assert.match(error.message, /missing ids "e0", .* and 49995 more/);
  });

  it('reports an unavailable runtime when the command does not exist', async () => {
    const runner = await createRunner(
      { kind: 'process', command: ['modelgraph-no-such-command'] },
      { timeoutMs: 1000, sandbox: UNCONFINED },
    );
    await assert.rejects(runner.infer(itemsFor([1])), (error: unknown) => {
      assert.ok(error instanceof RuntimeUnavailable);
      assert.equal(error.code, 'runtime_unavailable');
      assert.match(error.message, /cannot start "modelgraph-no-such-command": ENOENT/);
      return true;
    });
  });
});
