/**
 * The runner registry: one factory per runtime kind. A new runner is one file and one line here
 * (and its schema in `runtime.ts`).
 */
import type { Deps } from '../deps.ts';
import { createHttpRunner } from './http-runner.ts';
import { BatchFailed } from './inference-errors.ts';
import { createOnnxRunner } from './onnx-runner.ts';
import { createProcessRunner } from './process-runner.ts';
import type { InferenceRunner, RunnerOptions } from './runner.ts';
import { parseRuntime, type Runtime, type RuntimeKind } from './runtime.ts';
import { sandboxSettingsOf } from './sandbox.ts';

type RunnerFactory<K extends RuntimeKind> = (
  runtime: Extract<Runtime, { kind: K }>,
  options: RunnerOptions,
) => InferenceRunner | Promise<InferenceRunner>;

const RUNNERS: { [K in RuntimeKind]: RunnerFactory<K> } = {
  process: createProcessRunner,
  http: createHttpRunner,
  onnx: createOnnxRunner,
};

/**
 * Answers an empty batch without starting anything, and refuses duplicate ids, which would
 * otherwise collapse in the result map and look like a model that left one out.
 */
function guardBatches(runner: InferenceRunner): InferenceRunner {
  return {
    sandbox: runner.sandbox,
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
 * Validates a model version's stored `runtime` and returns the runner for its kind. Throws
 * `RuntimeUnavailable` when the runtime is missing, malformed or cannot be loaded.
 */
export async function createRunner(runtime: unknown, options: RunnerOptions): Promise<InferenceRunner> {
  if (!Number.isFinite(options.timeoutMs) || options.timeoutMs <= 0) {
    throw new RangeError(`timeoutMs must be a positive number, got ${options.timeoutMs}`);
  }
  const parsed = parseRuntime(runtime);
  const create = RUNNERS[parsed.kind] as RunnerFactory<typeof parsed.kind>;
  return guardBatches(await create(parsed, options));
}

/** The model version whose runtime runs: its id, and whether an `admin` registered that runtime. */
export interface RunningVersion {
  readonly id: string;
  readonly isRuntimeByAdmin: boolean;
}

/**
 * The runner options of the configuration for one version's runtime: the batch timeout, and the
 * sandbox policy — with a warning in the log whenever an admin's runtime runs unconfined because
 * the sandbox cannot start.
 */
export function runnerOptionsFor(
  deps: Pick<Deps, 'config' | 'logger'>,
  version: RunningVersion,
): RunnerOptions {
  const { config, logger } = deps;
  return {
    timeoutMs: config.runnerTimeoutMs,
    sandbox:
      config.runtimeSandbox === 'off'
        ? { mode: 'off' }
        : {
            mode: 'bwrap',
            settings: sandboxSettingsOf(config),
            isAdminRegistered: version.isRuntimeByAdmin,
            warn: (reason) =>
              logger.warn(
                { model_id: version.id, sandbox: 'unavailable', reason },
                'the sandbox cannot start: running a runtime registered by admin without it',
              ),
          },
  };
}
