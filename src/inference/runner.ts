import { createHttpRunner } from './http-runner.ts';
import { BatchFailed, RuntimeUnavailable } from './inference-errors.ts';
import { createOnnxRunner } from './onnx-runner.ts';
import { createProcessRunner } from './process-runner.ts';

export { BatchFailed, RuntimeUnavailable } from './inference-errors.ts';

/** One edge to score: its id and the JSON inputs the model reads. */
export interface InferenceItem {
  readonly id: string;
  readonly inputs: unknown;
}

/** Scores batches of edges with one model version; `close()` frees what the runtime holds. */
export interface InferenceRunner {
  /** Confidence in 0…1 per item id; rejects with `BatchFailed` or `RuntimeUnavailable`. */
  infer(items: readonly InferenceItem[]): Promise<Map<string, number>>;
  close(): Promise<void>;
}

/** How runners behave; `timeoutMs` bounds one batch (MODELGRAPH_RUNNER_TIMEOUT_MS). */
export interface RunnerOptions {
  readonly timeoutMs: number;
}

/** A local process speaking JSON Lines on stdin/stdout. */
export interface ProcessRuntime {
  readonly kind: 'process';
  readonly command: readonly string[];
  readonly cwd?: string;
}

/** A server speaking the Open Inference Protocol (KServe v2). */
export interface HttpRuntime {
  readonly kind: 'http';
  readonly url: string;
  readonly model: string;
}

/** An ONNX model file run in-process by onnxruntime. */
export interface OnnxRuntime {
  readonly kind: 'onnx';
  readonly uri: string;
}

/** A model version's validated `runtime`. */
export type Runtime = ProcessRuntime | HttpRuntime | OnnxRuntime;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/** Checks a model version's `runtime` JSON against the spec; throws `RuntimeUnavailable` saying what is wrong. */
export function parseRuntime(runtime: unknown): Runtime {
  if (runtime === undefined || runtime === null) {
    throw new RuntimeUnavailable('the model version has no runtime');
  }
  if (!isRecord(runtime)) throw new RuntimeUnavailable('runtime must be a JSON object');
  switch (runtime.kind) {
    case 'process': {
      const { command, cwd } = runtime;
      // Arguments may be empty strings; only the program name may not.
      if (
        !Array.isArray(command) ||
        !isNonEmptyString(command[0]) ||
        !command.every((arg) => typeof arg === 'string')
      ) {
        throw new RuntimeUnavailable('process runtime needs "command": an array of strings naming a program');
      }
      if (cwd !== undefined && !isNonEmptyString(cwd)) {
        throw new RuntimeUnavailable('process runtime "cwd" must be a non-empty string');
      }
      return { kind: 'process', command, cwd };
    }
    case 'http': {
      const { url, model } = runtime;
      if (!isNonEmptyString(url) || !/^https?:\/\//.test(url) || !URL.canParse(url)) {
        throw new RuntimeUnavailable('http runtime needs "url": an http:// or https:// URL');
      }
      if (!isNonEmptyString(model)) {
        throw new RuntimeUnavailable('http runtime needs "model": a non-empty string');
      }
      return { kind: 'http', url, model };
    }
    case 'onnx': {
      const { uri } = runtime;
      if (!isNonEmptyString(uri) || !uri.startsWith('file:')) {
        throw new RuntimeUnavailable('onnx runtime needs "uri": a file: URL');
      }
      return { kind: 'onnx', uri };
    }
    default:
      throw new RuntimeUnavailable(`unknown runtime kind ${JSON.stringify(runtime.kind)}`);
  }
}

/**
 * Answers an empty batch without starting anything, and refuses duplicate ids, which would
 * otherwise collapse in the result map and look like a model that left one out.
 */
function guardBatches(runner: InferenceRunner): InferenceRunner {
  return {
    async infer(items) {
      if (items.length === 0) return new Map();
      const seen = new Set<string>();
      for (const { id } of items) {
        if (seen.has(id)) throw new BatchFailed(`duplicate id "${id}" in the batch`);
        seen.add(id);
      }
      return runner.infer(items);
    },
    close: () => runner.close(),
  };
}

/**
 * Validates a model version's `runtime` and returns the runner for its kind. Throws
 * `RuntimeUnavailable` when the runtime is missing, malformed or cannot be loaded.
 */
export async function createRunner(runtime: unknown, options: RunnerOptions): Promise<InferenceRunner> {
  if (!Number.isFinite(options.timeoutMs) || options.timeoutMs <= 0) {
    throw new RangeError(`timeoutMs must be a positive number, got ${options.timeoutMs}`);
  }
  const parsed = parseRuntime(runtime);
  switch (parsed.kind) {
    case 'process':
      return guardBatches(createProcessRunner(parsed, options));
    case 'http':
      return guardBatches(createHttpRunner(parsed, options));
    case 'onnx':
      return guardBatches(await createOnnxRunner(parsed, options));
  }
}
