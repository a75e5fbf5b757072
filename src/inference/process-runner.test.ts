import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { BatchFailed, RuntimeUnavailable } from './inference-errors.ts';
import type { InferenceItem } from './runner.ts';
import { createRunner } from './runners.ts';

/** These tests exercise the runner itself; the sandbox has its own suites (test/sandbox/). */
const UNCONFINED = { mode: 'off' } as const;

const fixtures = fileURLToPath(new URL('../../test/fixtures/inference/', import.meta.url));

/** Whether a process with this pid still runs (signal 0 only checks). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls `check` for up to two seconds; fails the test when it never holds. */
async function waitUntil(check: () => boolean): Promise<void> {
  for (let i = 0; i < 40 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  assert.ok(check(), 'the grandchild outlived the batch');
}

function itemsFor(xs: number[]): InferenceItem[] {
  return xs.map((x, index) => ({ id: `e${index}`, inputs: { x } }));
}

async function inferWith(
  script: string,
  items: InferenceItem[],
  timeoutMs = 10_000,
): Promise<Map<string, number>> {
  const runner = await createRunner(
    { kind: 'process', command: [process.execPath, script], cwd: fixtures },
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
): Promise<BatchFailed> {
  const error = await inferWith(script, items, timeoutMs).then(
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
    const started = Date.now();
    const error = await batchFailure('hang.mjs', itemsFor([1, 2]), 300);
    assert.match(error.message, /timed out after 300 ms/);
    assert.ok(Date.now() - started < 5_000);
  });

  it('times out even when a grandchild keeps the pipes open', async () => {
    // The grandchild inherits stdout/stderr and outlives its killed parent by two seconds.
    const spawnGrandchild = `require('node:child_process').spawn(process.execPath, ['-e', 'setTimeout(() => {}, 2000)'], { stdio: 'inherit' }); setInterval(() => {}, 1000);`;
    const runner = await createRunner(
      { kind: 'process', command: [process.execPath, '-e', spawnGrandchild] },
      { timeoutMs: 300, sandbox: UNCONFINED },
    );
    const started = Date.now();
    await assert.rejects(runner.infer(itemsFor([1])), /timed out after 300 ms/);
    assert.ok(Date.now() - started < 1_500, 'the runner waited for the grandchild');
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

  it('kills the whole process group on a timeout, grandchildren included', async () => {
    const pidFile = join(mkdtempSync(join(tmpdir(), 'mg-group-')), 'grandchild.pid');
    const runner = await createRunner(
      { kind: 'process', command: [process.execPath, join(fixtures, 'spawn-and-hang.mjs'), pidFile] },
      { timeoutMs: 500, sandbox: UNCONFINED },
    );
    await assert.rejects(runner.infer(itemsFor([1])), /timed out after 500 ms/);
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    assert.ok(grandchild > 0);
    await waitUntil(() => !isAlive(grandchild));
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
