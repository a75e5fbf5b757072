/**
 * What every inference runner is: scores batches of edges with one model version.
 */

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
