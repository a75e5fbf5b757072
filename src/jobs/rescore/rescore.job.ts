/**
 * The rescore job of SPEC §5: one pass takes the promotion at the head of the queue, runs the
 * child version's inference on the parent's edges in batches, and re-attributes them to the child.
 * `performRescore` is the single entry point for the CLI, the HTTP job route and the schedule.
 */
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import {
  BatchFailed,
  createRunner,
  type InferenceRunner,
  RuntimeUnavailable,
} from '../../inference/runner.ts';
import type { Logger } from '../../logger.ts';
import { bucketOf, confidenceDelta, countEdges, emptyHistogram, type Histogram } from './buckets.ts';
import {
  claimPass,
  countPendingEdges,
  type EdgeToRescore,
  enqueuePromotions,
  findChildModel,
  findPendingEdges,
  findPromotionsWithPendingEdges,
  findQueue,
  finishPass,
  insertToolCall,
  markPromotionsDone,
  type QueuedPromotion,
  type RescoredEdge,
  recordSkips,
  writeRescoredBatch,
} from './rescore.repository.ts';
import { appendRescoreLog } from './rescore-log.ts';

/** What the job runs on. */
export interface RescoreDeps {
  db: Db;
  config: Config;
  logger: Logger;
}

/** Options of one pass. */
export interface RescoreProps {
  /** Run inference and report, but write nothing to the database. */
  dryRun: boolean;
  /** Collect promotions made within this many hours (default: the rescore window). */
  sinceHours?: number;
}

/** The pass summary: the JSON line of `logs/model_rescore.log` (SPEC §5.1 step 7). */
export interface RescoreSummary {
  at: string;
  parent_id: string | null;
  child_id: string | null;
  edges_processed: number;
  histogram: Histogram;
  queued_edges: number;
  queued_promotions: number;
  duration_ms: number;
  outcome: 'ok' | 'noop' | 'failed' | 'dry_run';
  reason?: string;
}

/** Edges sent to the runner at once; each batch is written in its own transaction. */
export const RESCORE_BATCH_SIZE = 500;

interface PassState {
  histogram: Histogram;
  errors: string[];
  lastId: string;
  /** Wall time spent waiting for the runner, logged beside the summary (what the pass cannot speed up). */
  inferenceMs: number;
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

async function rescorePromotion(
  deps: RescoreDeps,
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
    if (props.dryRun) continue;
    await deps.db.transaction(async (tx) => {
      await writeRescoredBatch(tx, { ...promotion, childVersion: props.childVersion }, rescored);
      await recordSkips(tx, promotion.eventId, noInputs, 'skipped_no_inputs');
      await recordSkips(tx, promotion.eventId, failed, 'failed');
    });
  }
}

/** Runs one rescore pass and reports it (log line, tool-call record, pass row). */
export async function performRescore(deps: RescoreDeps, props: RescoreProps): Promise<RescoreSummary> {
  const started = performance.now();
  const sinceHours = props.sinceHours ?? deps.config.rescoreWindowHours;
  const state: PassState = { histogram: emptyHistogram(), errors: [], lastId: '', inferenceMs: 0 };
  let passId: number | undefined;
  if (!props.dryRun) {
    const claim = await deps.db.transaction((tx) => claimPass(tx, deps.config.rescoreWindowHours));
    if ('busySince' in claim) {
      const reason = `another pass started at ${claim.busySince}, within the last ${deps.config.rescoreWindowHours} h`;
      const queuedPromotions = (await findQueue(deps.db, sinceHours)).length;
      return report(deps, props, started, state, {
        ...idle('noop', reason),
        queued_promotions: queuedPromotions,
      });
    }
    passId = claim.passId;
    await enqueuePromotions(deps.db, sinceHours);
  }
  const queue = await dropFinishedPromotions(deps, props, await findQueue(deps.db, sinceHours));
  const summary = queue[0]
    ? await runHead(deps, props, queue[0], queue.length, state)
    : idle('noop', 'no promotion has edges waiting to be re-scored');
  return report(deps, props, started, state, summary, passId);
}

/**
 * Promotions whose parent has no pending edge are finished at no cost: they are marked done (in a
 * real pass) and do not use up the day's one lineage, so the head is the first with work to do.
 */
async function dropFinishedPromotions(deps: RescoreDeps, props: RescoreProps, queue: QueuedPromotion[]) {
  const pending = await findPromotionsWithPendingEdges(deps.db, queue);
  const head = queue.findIndex((promotion) => pending.has(promotion.eventId));
  const finished = head < 0 ? queue : queue.slice(0, head);
  if (!props.dryRun)
    await markPromotionsDone(
      deps.db,
      finished.map((promotion) => promotion.eventId),
    );
  return head < 0 ? [] : queue.slice(head);
}

function idle(outcome: 'noop' | 'failed', reason: string) {
  return { parent_id: null, child_id: null, queued_edges: 0, queued_promotions: 0, outcome, reason };
}

async function runHead(
  deps: RescoreDeps,
  props: RescoreProps,
  head: QueuedPromotion,
  queueLength: number,
  state: PassState,
) {
  const base = { parent_id: head.parentId, child_id: head.childId };
  const pendingBefore = await countPendingEdges(deps.db, head);
  const waiting = { queued_edges: pendingBefore, queued_promotions: queueLength };
  const child = await findChildModel(deps.db, head.childId);
  let runner: InferenceRunner;
  try {
    runner = await createRunner(child?.runtime, { timeoutMs: deps.config.runnerTimeoutMs });
  } catch (error) {
    if (!(error instanceof RuntimeUnavailable)) throw error;
    return {
      ...base,
      ...waiting,
      outcome: 'failed' as const,
      reason: `runtime of ${head.childId}: ${error.message}`,
    };
  }
  try {
    await rescorePromotion(
      deps,
      head,
      runner,
      { dryRun: props.dryRun, childVersion: child.version_number },
      state,
    );
  } catch (error) {
    if (!(error instanceof RuntimeUnavailable)) throw error;
    const remaining = props.dryRun ? pendingBefore : await countPendingEdges(deps.db, head);
    return {
      ...base,
      ...waiting,
      queued_edges: remaining,
      outcome: 'failed' as const,
      reason: error.message,
    };
  } finally {
    await runner.close();
  }
  const queuedEdges = props.dryRun
    ? pendingBefore - countEdges(state.histogram)
    : await countPendingEdges(deps.db, head);
  if (!props.dryRun && queuedEdges === 0) await markPromotionsDone(deps.db, [head.eventId]);
  return {
    ...base,
    queued_edges: queuedEdges,
    queued_promotions: queuedEdges === 0 ? queueLength - 1 : queueLength,
    outcome: props.dryRun ? ('dry_run' as const) : ('ok' as const),
  };
}

async function report(
  deps: RescoreDeps,
  props: RescoreProps,
  started: number,
  state: PassState,
  summary: Omit<RescoreSummary, 'at' | 'duration_ms' | 'histogram' | 'edges_processed'>,
  passId?: number,
): Promise<RescoreSummary> {
  const line: RescoreSummary = {
    at: new Date().toISOString(),
    ...summary,
    edges_processed: countEdges(state.histogram),
    histogram: state.histogram,
    duration_ms: Math.round(performance.now() - started),
  };
  await appendRescoreLog(deps.config.rescoreLog, line);
  deps.logger.info({ rescore: line, inference_ms: Math.round(state.inferenceMs) }, 'rescore pass finished');
  if (props.dryRun) return line;
  if (passId !== undefined) await finishPass(deps.db, passId, line.outcome, { ...line });
  await insertToolCall(deps.db, {
    tool: 'model_rescore',
    input: { parent_id: line.parent_id, child_id: line.child_id },
    output: { ...line },
    error:
      [line.reason && line.outcome === 'failed' ? line.reason : '', ...state.errors]
        .filter(Boolean)
        .join('\n') || null,
    durationMs: line.duration_ms,
  });
  return line;
}
