/**
 * The one scoring loop of a rescore (run, bucket, flag, skip), shared by the rescore pass and the
 * impact preview: a parent's pending edges in batches of 500 by id, the child's inference on each
 * batch, the bucket of each change. What happens to a scored batch — written in its own
 * transaction, or only collected — is the caller's `onBatch`, so a preview and the pass that
 * follows a promotion see the same edges, batches, runner answers and buckets.
 */
import type { Deps } from '../../deps.ts';
import { BatchFailed } from '../../inference/inference-errors.ts';
import type { InferenceRunner } from '../../inference/runner.ts';
import { type Bucket, bucketOf, confidenceDelta } from './core/buckets.ts';
import { type EdgeToRescore, findPendingEdges, type RescoreScope } from './rescore.repository.ts';
import type { Histogram } from './rescore.schemas.ts';

/** Edges sent to the runner at once; each batch of a pass is written in its own transaction. */
export const RESCORE_BATCH_SIZE = 500;

/** What scoring accumulates while it works through batches. */
export interface PassState {
  histogram: Histogram;
  errors: string[];
  lastId: string;
  /** Wall time spent waiting for the runner, logged beside the summary (what the pass cannot speed up). */
  inferenceMs: number;
}

/** One re-scored edge. */
export interface RescoredEdge {
  id: string;
  oldConfidence: number;
  newConfidence: number;
  delta: number;
  bucket: Bucket;
}

/** One scored batch: the edges it took, the new confidences, and the edges it could not score. */
export interface ScoredBatch {
  edges: EdgeToRescore[];
  rescored: RescoredEdge[];
  noInputs: string[];
  failed: string[];
}

/** How far to score and what to do with each batch. */
export interface ScoringProps {
  /** The most edges to take (`MODELGRAPH_RESCORE_MAX_EDGES` for a pass, `max_edges` for a preview). */
  maxEdges: number;
  state: PassState;
  onBatch(batch: ScoredBatch): Promise<void>;
}

async function inferBatch(runner: InferenceRunner, edges: EdgeToRescore[], state: PassState) {
  const withInputs = edges.filter((edge) => edge.inputs !== null && edge.inputs !== undefined);
  const noInputs = edges.filter((edge) => !withInputs.includes(edge)).map((edge) => edge.id);
  const started = performance.now();
  try {
    const scores = await runner.infer(withInputs.map((edge) => ({ id: edge.id, inputs: edge.inputs })));
    return { noInputs, failed: [] as string[], scores };
  } catch (error) {
    if (!(error instanceof BatchFailed)) throw error;
    state.errors.push(error.stderr ? `${error.message}\n${error.stderr}` : error.message);
    return { noInputs, failed: withInputs.map((edge) => edge.id), scores: new Map<string, number>() };
  } finally {
    state.inferenceMs += performance.now() - started;
  }
}

/**
 * Scores up to `maxEdges` pending edges of `scope` with the child's runner, batch by batch (each
 * batch read after `state.lastId`), counts each edge in `state.histogram` and hands the batch to
 * `onBatch` before reading the next. Rejects with `RuntimeUnavailable` when the runner cannot run.
 */
export async function scoreEdges(
  deps: Pick<Deps, 'db' | 'config'>,
  scope: RescoreScope,
  runner: InferenceRunner,
  props: ScoringProps,
): Promise<void> {
  const { state } = props;
  const thresholds = {
    largeDecrease: deps.config.rescoreLargeDecrease,
    stableBand: deps.config.rescoreStableBand,
  };
  let budget = props.maxEdges;
  while (budget > 0) {
    const edges = await findPendingEdges(deps.db, scope, state.lastId, Math.min(RESCORE_BATCH_SIZE, budget));
    if (edges.length === 0) return;
    budget -= edges.length;
    state.lastId = edges[edges.length - 1].id;
    const { noInputs, failed, scores } = await inferBatch(runner, edges, state);
    const rescored: RescoredEdge[] = edges.flatMap((edge) => {
      const newConfidence = scores.get(edge.id);
      if (newConfidence === undefined) return [];
      const delta = confidenceDelta(edge.confidence, newConfidence);
      return [
        {
          id: edge.id,
          oldConfidence: edge.confidence,
          newConfidence,
          delta,
          bucket: bucketOf(delta, thresholds),
        },
      ];
    });
    for (const edge of rescored) state.histogram[edge.bucket]++;
    state.histogram.skipped_no_inputs += noInputs.length;
    state.histogram.failed += failed.length;
    await props.onBatch({ edges, rescored, noInputs, failed });
  }
}
