import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { buildLogisticRegressionOnnx } from '../../test/fixtures/inference/build-logistic-onnx.ts';
import { BatchFailed, RuntimeUnavailable } from './inference-errors.ts';
import type { InferenceRunner } from './runner.ts';
import { createRunner } from './runners.ts';

/** These tests exercise the runner itself; the sandbox has its own suites (test/sandbox/). */
const UNCONFINED = { mode: 'off' } as const;

const weights = [0.5, -1.25, 2];
const bias = -0.3;

function expectedScore(features: number[]): number {
  const z = features.reduce((sum, value, index) => sum + value * weights[index], bias);
  return 1 / (1 + Math.exp(-z));
}

describe('onnx runner', () => {
  let dir: string;
  let runner: InferenceRunner;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'modelgraph-onnx-'));
    const file = join(dir, 'logistic.onnx');
    await writeFile(file, buildLogisticRegressionOnnx(weights, bias));
    runner = await createRunner(
      { kind: 'onnx', uri: pathToFileURL(file).href },
      { timeoutMs: 10_000, sandbox: UNCONFINED },
    );
  });

  after(async () => {
    await runner.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('scores each item with the logistic regression of its features', async () => {
    const rows = [
      [0, 0, 0],
      [1, 2, 3],
      [-4, 0.5, 1.5],
      [10, -3, -2],
    ];
    const scores = await runner.infer(
      rows.map((features, index) => ({ id: `e${index}`, inputs: { features } })),
    );
    assert.equal(scores.size, rows.length);
    rows.forEach((features, index) => {
      const score = scores.get(`e${index}`) ?? Number.NaN;
      assert.ok(
        Math.abs(score - expectedScore(features)) < 1e-5,
        `e${index}: ${score} vs ${expectedScore(features)}`,
      );
    });
  });

  it('reuses its session across batches', async () => {
    const first = await runner.infer([{ id: 'x', inputs: { features: [1, 1, 1] } }]);
    const second = await runner.infer([{ id: 'x', inputs: { features: [1, 1, 1] } }]);
    assert.equal(first.get('x'), second.get('x'));
  });

  it('reads the positive-class column of a two-class output that follows an int64 label', async () => {
    const file = join(dir, 'two-class.onnx');
    await writeFile(file, buildLogisticRegressionOnnx(weights, bias, { twoClass: true }));
    const twoClass = await createRunner(
      { kind: 'onnx', uri: pathToFileURL(file).href },
      { timeoutMs: 10_000, sandbox: UNCONFINED },
    );
    try {
      const scores = await twoClass.infer([{ id: 'e', inputs: { features: [1, 2, 3] } }]);
      assert.ok(Math.abs((scores.get('e') ?? Number.NaN) - expectedScore([1, 2, 3])) < 1e-5);
    } finally {
      await twoClass.close();
    }
  });

  it('fails the batch when an item has the wrong number of features', async () => {
    await assert.rejects(
      runner.infer([
        { id: 'ok', inputs: { features: [1, 2, 3] } },
        { id: 'short', inputs: { features: [1, 2] } },
      ]),
      (error: unknown) => {
        assert.ok(error instanceof BatchFailed);
        assert.match(error.message, /id "short" has 2 features, expected 3/);
        return true;
      },
    );
  });

  it('fails the batch when an item has no features array', async () => {
    await assert.rejects(
      runner.infer([{ id: 'bad', inputs: { x: 1 } }]),
      /inputs of id "bad" need "features"/,
    );
  });

  it('reports an unavailable runtime when the model file is missing', async () => {
    const uri = pathToFileURL(join(dir, 'missing.onnx')).href;
    await assert.rejects(
      createRunner({ kind: 'onnx', uri }, { timeoutMs: 1_000, sandbox: UNCONFINED }),
      (error: unknown) => {
        assert.ok(error instanceof RuntimeUnavailable);
        assert.match(error.message, /cannot load ONNX model: .*missing\.onnx.*doesn't exist/);
        return true;
      },
    );
  });

  it('reports an unavailable runtime when the file is not an ONNX model', async () => {
    const file = join(dir, 'garbage.onnx');
    await writeFile(file, 'not a model');
    await assert.rejects(
      createRunner(
        { kind: 'onnx', uri: pathToFileURL(file).href },
        { timeoutMs: 1_000, sandbox: UNCONFINED },
      ),
      RuntimeUnavailable,
    );
  });
});
