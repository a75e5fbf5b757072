import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RuntimeUnavailable } from './inference-errors.ts';
import { createRunner } from './runners.ts';

/** These tests exercise the runner itself; the sandbox has its own suites (test/sandbox/). */
const UNCONFINED = { mode: 'off' } as const;

const options = { timeoutMs: 1_000, sandbox: UNCONFINED };

describe('createRunner', () => {
  it('rejects an invalid runtime with RuntimeUnavailable', async () => {
    await assert.rejects(createRunner(null, options), RuntimeUnavailable);
  });

  it('refuses a timeout that is not a positive number', async () => {
    await assert.rejects(
      createRunner({ kind: 'process', command: ['x'] }, { timeoutMs: 0, sandbox: UNCONFINED }),
      RangeError,
    );
  });

  it('answers an empty batch without starting the runtime', async () => {
    const runner = await createRunner({ kind: 'process', command: ['modelgraph-no-such-command'] }, options);
    assert.equal((await runner.infer([])).size, 0);
  });

  it('fails a batch that repeats an id', async () => {
    const runner = await createRunner({ kind: 'process', command: ['modelgraph-no-such-command'] }, options);
    const items = [
      { id: 'a', inputs: {} },
      { id: 'a', inputs: {} },
    ];
    await assert.rejects(runner.infer(items), /duplicate id "a"/);
  });

  it('fails a batch whose inputs cannot be written as JSON', async () => {
    const runner = await createRunner({ kind: 'process', command: [process.execPath, '-e', ''] }, options);
    await assert.rejects(runner.infer([{ id: 'a', inputs: { n: 1n } }]), /inputs of id "a" are not JSON/);
  });
});
