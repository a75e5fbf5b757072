/**
 * What every inference runner is: scores batches of edges with one model version.
 */
import type { SandboxPolicy, SandboxStatus } from './sandbox-policy.ts';

/** One edge to score: its id and the JSON inputs the model reads. */
export interface InferenceItem {
  readonly id: string;
  readonly inputs: unknown;
}

/** Scores batches of edges with one model version; `close()` frees what the runtime holds. */
export interface InferenceRunner {
  /** How a process runtime runs (in the sandbox, unconfined by choice, or unconfined for lack of it). */
  readonly sandbox?: SandboxStatus;
  /** Confidence in 0…1 per item id; rejects with `BatchFailed` or `RuntimeUnavailable`. */
  infer(items: readonly InferenceItem[]): Promise<Map<string, number>>;
  close(): Promise<void>;
}

/** How runners behave. */
export interface RunnerOptions {
  /** Bounds one batch (`MODELGRAPH_RUNNER_TIMEOUT_MS`). */
  readonly timeoutMs: number;
  /** Whether and how a process runtime is confined (docs/security.md#the-sandbox). */
  readonly sandbox: SandboxPolicy;
}
