import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '../errors.ts';
import { BatchFailed, createRunner, parseRuntime, RuntimeUnavailable } from './runner.ts';

const options = { timeoutMs: 1_000 };

describe('parseRuntime', () => {
  it('accepts the three runtime kinds of the spec', () => {
    assert.deepEqual(parseRuntime({ kind: 'process', command: ['python3', 'eval.py'], cwd: '/srv/model' }), {
      kind: 'process',
      command: ['python3', 'eval.py'],
      cwd: '/srv/model',
    });
    assert.deepEqual(parseRuntime({ kind: 'http', url: 'http://kserve:8080', model: 'm' }), {
      kind: 'http',
      url: 'http://kserve:8080',
      model: 'm',
    });
    assert.deepEqual(parseRuntime({ kind: 'onnx', uri: 'file:///models/m.onnx' }), {
      kind: 'onnx',
      uri: 'file:///models/m.onnx',
    });
  });

  const invalid: [string, unknown, RegExp][] = [
    ['a missing runtime', undefined, /no runtime/],
    ['a runtime that is not an object', 'python3 eval.py', /JSON object/],
    ['an unknown kind', { kind: 'grpc' }, /unknown runtime kind "grpc"/],
    ['an empty command', { kind: 'process', command: [] }, /"command"/],
    ['a command given as a string', { kind: 'process', command: 'python3 eval.py' }, /"command"/],
    ['a command with a non-string argument', { kind: 'process', command: ['python3', 1] }, /"command"/],
    ['a non-string cwd', { kind: 'process', command: ['x'], cwd: 3 }, /"cwd"/],
    ['an http url that is not http', { kind: 'http', url: 'ftp://host', model: 'm' }, /"url"/],
    ['an http runtime without model', { kind: 'http', url: 'http://host' }, /"model"/],
    ['an onnx uri that is not a file: URL', { kind: 'onnx', uri: 'https://host/m.onnx' }, /file: URL/],
  ];
  for (const [what, runtime, reason] of invalid) {
    it(`rejects ${what} as an unavailable runtime`, () => {
      assert.throws(
        () => parseRuntime(runtime),
        (error: unknown) => {
          assert.ok(error instanceof RuntimeUnavailable);
          assert.match(error.message, reason);
          return true;
        },
      );
    });
  }
});

describe('createRunner', () => {
  it('rejects an invalid runtime with RuntimeUnavailable', async () => {
    await assert.rejects(createRunner(null, options), RuntimeUnavailable);
  });

  it('refuses a timeout that is not a positive number', async () => {
    await assert.rejects(createRunner({ kind: 'process', command: ['x'] }, { timeoutMs: 0 }), RangeError);
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

describe('inference errors', () => {
  it('are domain errors with stable codes', () => {
    const unavailable = new RuntimeUnavailable('no model');
    const failed = new BatchFailed('exited with code 1', 'Traceback…');
    assert.ok(unavailable instanceof DomainError);
    assert.ok(failed instanceof DomainError);
    assert.equal(unavailable.code, 'runtime_unavailable');
    assert.equal(failed.code, 'batch_failed');
    assert.equal(failed.name, 'BatchFailed');
    assert.equal(failed.stderr, 'Traceback…');
  });
});
