import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '../errors.ts';
import { BatchFailed, RuntimeUnavailable } from './inference-errors.ts';
import { parseRuntime } from './runtime.ts';

describe('parseRuntime', () => {
  it('accepts the three runtime kinds', () => {
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
    ['an unknown kind', { kind: 'grpc' }, /runtime\.kind must be one of "process", "http", "onnx"/],
    ['an empty command', { kind: 'process', command: [] }, /runtime\.command/],
    ['a command given as a string', { kind: 'process', command: 'python3 eval.py' }, /runtime\.command/],
    [
      'a command with a non-string argument',
      { kind: 'process', command: ['python3', 1] },
      /runtime\.command/,
    ],
    [
      'a command naming no program',
      { kind: 'process', command: [''] },
      /runtime\.command must name a program/,
    ],
    ['a non-string cwd', { kind: 'process', command: ['x'], cwd: 3 }, /runtime\.cwd/],
    ['an http url that is not http', { kind: 'http', url: 'ftp://host', model: 'm' }, /runtime\.url/],
    ['an http url that does not parse', { kind: 'http', url: 'http://[::1', model: 'm' }, /runtime\.url/],
    ['an http runtime without model', { kind: 'http', url: 'http://host' }, /runtime\.model is required/],
    [
      'an onnx uri that is not a file: URL',
      { kind: 'onnx', uri: 'https://host/m.onnx' },
      /runtime\.uri must be a file: URL/,
    ],
    ['an unknown field', { kind: 'onnx', uri: 'file:///m.onnx', shell: true }, /additional properties/],
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
