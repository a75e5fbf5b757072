/**
 * The rescore pass's batches: the shared scoring loop (`rescore-scoring.ts`) with, unless it is a
 * dry run, one unit of work per batch that writes the events, the new confidences and the skipped
 * edges.
 */
import type { HeldLock } from '../../db/locks.ts';
import type { Deps } from '../../deps.ts';
import { logEvents } from '../../events/event.service.ts';
import type { InferenceRunner } from '../../inference/runner.ts';
import { reattributeEdges } from '../../kg/edge.service.ts';
import { runInUnit } from '../../unit-of-work.ts';
import { type QueuedPromotion, recordSkips } from './rescore.repository.ts';
import { type PassState, type ScoredBatch, scoreEdges } from './rescore-scoring.ts';

async function writeBatch(
  deps: Deps,
  promotion: QueuedPromotion & { childVersion: number },
  batch: ScoredBatch,
): Promise<void> {
  await runInUnit(deps, async (unit) => {
    const { tx } = unit;
    const { rescored } = batch;
    const events = await logEvents(unit, {
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
      unit,
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
 * The pass lost its lock before it was done (the lock's connection dropped): it writes no further
 * batch, since another pass may now take the promotion, and ends `failed`; the next pass continues.
 */
export class PassLockLost extends Error {
  constructor() {
    super('the pass lost its lock (its database connection dropped): the next pass continues the promotion');
    this.name = 'PassLockLost';
  }
}

/** A pass's state: the scoring loop's, and the edges the pass flagged for review, in the order written. */
export interface RescorePassState extends PassState {
  flaggedEdgeIds: string[];
}

/**
 * Re-scores up to `MODELGRAPH_RESCORE_MAX_EDGES` pending edges of one promotion with the child's
 * runner, batch by batch, counting each edge in `state`. Writes nothing in a dry run; a pass whose
 * `lock` is lost stops before its next write (`PassLockLost`).
 */
export async function rescorePromotion(
  deps: Deps,
  promotion: QueuedPromotion,
  runner: InferenceRunner,
  props: { dryRun: boolean; childVersion: number; lock?: Pick<HeldLock, 'isHeld'> },
  state: RescorePassState,
): Promise<void> {
  const target = { ...promotion, childVersion: props.childVersion };
  await scoreEdges(deps, promotion, runner, {
    maxEdges: deps.config.rescoreMaxEdges,
    state,
    onBatch: async (batch) => {
      if (props.dryRun) return;
      if (props.lock && !props.lock.isHeld()) throw new PassLockLost();
      await writeBatch(deps, target, batch);
      for (const edge of batch.rescored) {
        if (edge.bucket === 'large_decrease') state.flaggedEdgeIds.push(edge.id);
      }
    },
  });
}
