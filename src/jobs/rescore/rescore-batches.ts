/**
 * The rescore's inner loop (SPEC §5.1 steps 3–6): the parent's pending edges in batches, the
 * child's inference on each batch, the buckets of each change, and — unless it is a dry run — one
 * transaction per batch that writes the events, the new confidences and the skipped edges.
 */
import type { Deps } from '../../deps.ts';
import { insertEvents } from '../../events/event.repository.ts';
import { BatchFailed } from '../../inference/inference-errors.ts';
import type { InferenceRunner } from '../../inference/runner.ts';
import { reattributeEdges } from '../../kg/edge.repository.ts';
import { type Bucket, bucketOf, confidenceDelta } from './core/buckets.ts';
import {
  type EdgeToRescore,
  findPendingEdges,
  type QueuedPromotion,
  recordSkips,
} from './rescore.repository.ts';
import type { Histogram } from './rescore.schemas.ts';

/** Edges sent to the runner at once; each batch is written in its own transaction. */
export const RESCORE_BATCH_SIZE = 500;

/** What a pass accumulates while it works through batches. */
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

async function scoreBatch(runner: InferenceRunner, edges: EdgeToRescore[], state: PassState) {
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

async function writeBatch(
  deps: Deps,
  promotion: QueuedPromotion & { childVersion: number },
  batch: { rescored: RescoredEdge[]; noInputs: string[]; failed: string[] },
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const { rescored } = batch;
    const events = await insertEvents(tx, {
      eventType: 'model_rescore',
      actor: 'model_rescore',
      targets: rescored.map((edge) => edge.id),
      metadata: rescored.map((edge) => ({
        old_confidence: edge.oldConfidence,
        new_confidence: edge.newConfidence,
        delta: edge.delta,
        bucket: edge.bucket,
        parent_id: promotion.parentId,
        child_id: promotion.childId,
      })),
    });
    await reattributeEdges(
      tx,
      { id: promotion.parentId },
      { id: promotion.childId, versionNumber: promotion.childVersion },
      rescored.map((edge, i) => ({
        edgeId: edge.id,
        confidence: edge.newConfidence,
        flag: edge.bucket === 'large_decrease',
        eventId: events[i].id,
      })),
    );
    await recordSkips(tx, promotion.eventId, batch.noInputs, 'skipped_no_inputs');
    await recordSkips(tx, promotion.eventId, batch.failed, 'failed');
  });
}

/**
 * Re-scores up to `MODELGRAPH_RESCORE_MAX_EDGES` pending edges of one promotion with the child's
 * runner, batch by batch, counting each edge in `state`. Writes nothing in a dry run.
 */
export async function rescorePromotion(
  deps: Deps,
  promotion: QueuedPromotion,
  runner: InferenceRunner,
  props: { dryRun: boolean; childVersion: number },
  state: PassState,
): Promise<void> {
  const thresholds = {
    largeDecrease: deps.config.rescoreLargeDecrease,
    stableBand: deps.config.rescoreStableBand,
  };
  let budget = deps.config.rescoreMaxEdges;
  while (budget > 0) {
    const edges = await findPendingEdges(
      deps.db,
      promotion,
      state.lastId,
      Math.min(RESCORE_BATCH_SIZE, budget),
    );
    if (edges.length === 0) return;
    budget -= edges.length;
    state.lastId = edges[edges.length - 1].id;
    const { noInputs, failed, scores } = await scoreBatch(runner, edges, state);
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
    if (!props.dryRun)
      await writeBatch(
        deps,
        { ...promotion, childVersion: props.childVersion },
        { rescored, noInputs, failed },
      );
  }
}
