import { fileURLToPath } from 'node:url';
import ort from 'onnxruntime-node';
import { pairScores } from './batch-checks.ts';
import { BatchFailed, RuntimeUnavailable } from './inference-errors.ts';
import type { InferenceItem, InferenceRunner, RunnerOptions } from './runner.ts';
import type { OnnxRuntime } from './runtime.ts';

/**
 * Runs an `onnx` runtime in-process with onnxruntime (CPU). The session is loaded once per runner
 * and released by `close()`. Each item's inputs are `{"features": [numbers]}`; the model's first
 * float tensor output is read as the probability ([n] or [n,1], or column 1 of [n,2]).
 */
export async function createOnnxRunner(
  runtime: OnnxRuntime,
  options: RunnerOptions,
): Promise<InferenceRunner> {
  const session = await openSession(runtime.uri);
  const input = session.inputMetadata[0];
  // Classifiers exported from scikit-learn put an int64 label first; the probabilities come after it.
  const output = session.outputMetadata.find(
    (meta) => meta.isTensor && (meta.type === 'float32' || meta.type === 'float64'),
  );
  if (input === undefined || output === undefined) {
    await session.release();
    throw new RuntimeUnavailable(`ONNX model ${runtime.uri} needs one input and a float tensor output`);
  }
  const width = input.isTensor && typeof input.shape[1] === 'number' ? input.shape[1] : undefined;
  return {
    infer: (items) =>
      failAfter(options.timeoutMs, async () => {
        const results = await session.run({ [input.name]: buildFeatureTensor(items, width) }, [output.name]);
        return pairScores(items, readProbabilities(results[output.name], items.length));
      }),
    close: () => session.release(),
  };
}

async function openSession(uri: string): Promise<ort.InferenceSession> {
  let path: string;
  try {
    path = fileURLToPath(uri);
  } catch (error) {
    throw new RuntimeUnavailable(`ONNX uri ${uri} is not a file: URL: ${(error as Error).message}`);
  }
  try {
    return await ort.InferenceSession.create(path);
  } catch (error) {
    throw new RuntimeUnavailable(`cannot load ONNX model: ${(error as Error).message}`);
  }
}

/** A float32 [n, k] tensor of the items' features; `width` is the k the model declares, if it does. */
function buildFeatureTensor(items: readonly InferenceItem[], width: number | undefined): ort.Tensor {
  let columns = width;
  const data: number[] = [];
  for (const item of items) {
    const features = (item.inputs as { features?: unknown } | null)?.features;
    if (
      !Array.isArray(features) ||
      !features.every((value) => typeof value === 'number' && Number.isFinite(value))
    ) {
      throw new BatchFailed(`inputs of id "${item.id}" need "features": an array of finite numbers`);
    }
    columns ??= features.length;
    if (features.length !== columns) {
      throw new BatchFailed(`id "${item.id}" has ${features.length} features, expected ${columns}`);
    }
    for (const value of features) data.push(value);
  }
  return new ort.Tensor('float32', Float32Array.from(data), [items.length, columns ?? 0]);
}

/** One probability per row: the value of a [n] or [n,1] output, or the positive class of [n,2]. */
function readProbabilities(output: ort.OnnxValue | undefined, count: number): number[] {
  const dims = output?.dims ?? [];
  const columns = dims.length === 1 ? 1 : dims.length === 2 ? dims[1] : 0;
  if (output === undefined || dims[0] !== count || (columns !== 1 && columns !== 2)) {
    throw new BatchFailed(
      `ONNX output has shape [${dims.join(',')}], expected [${count}], [${count},1] or [${count},2]`,
    );
  }
  const data = output.data as ArrayLike<number>;
  return Array.from({ length: count }, (_, row) => data[row * columns + columns - 1]);
}

/**
 * Bounds the wait for a batch. onnxruntime cannot cancel a run in flight, so on timeout the
 * computation finishes in the background and its result is dropped.
 */
async function failAfter<T>(timeoutMs: number, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BatchFailed(`ONNX run timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([work(), timeout]);
  } catch (error) {
    if (error instanceof BatchFailed) throw error;
    throw new BatchFailed(`ONNX run failed: ${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}
