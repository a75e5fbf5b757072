/**
 * The rescore job of SPEC §5: one pass takes the promotion at the head of the queue, runs the
 * child version's inference on the parent's edges in batches, and re-attributes them to the child.
 * `performRescore(deps, props)` is the single entry point for the CLI, the HTTP job route and the
 * schedule; `runJob` wraps it with its log lines and tool-call record.
 */
import type { Deps } from '../../deps.ts';
import { RuntimeUnavailable } from '../../inference/inference-errors.ts';
import type { InferenceRunner } from '../../inference/runner.ts';
import { createRunner } from '../../inference/runners.ts';
import { findModelVersion } from '../../registry/model.repository.ts';
import { type Job, runJob } from '../job.ts';
import { countEdges, emptyHistogram } from './core/buckets.ts';
import {
  claimPass,
  countPendingEdges,
  enqueuePromotions,
  findPromotionsWithPendingEdges,
  findQueue,
  finishPass,
  markPromotionsDone,
  type QueuedPromotion,
} from './rescore.repository.ts';
import type { RescoreSummary } from './rescore.schemas.ts';
import { type PassState, rescorePromotion } from './rescore-batches.ts';

/** Options of one pass. */
export interface RescoreProps {
  /** Run inference and report, but write nothing to the database. */
  dryRun: boolean;
  /** Collect promotions made within this many hours (default: the rescore window). */
  sinceHours?: number;
}

async function rescorePass(deps: Deps, props: RescoreProps, started: number) {
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
async function dropFinishedPromotions(deps: Deps, props: RescoreProps, queue: QueuedPromotion[]) {
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
  deps: Deps,
  props: RescoreProps,
  head: QueuedPromotion,
  queueLength: number,
  state: PassState,
) {
  const base = { parent_id: head.parentId, child_id: head.childId };
  const pendingBefore = await countPendingEdges(deps.db, head);
  const waiting = { queued_edges: pendingBefore, queued_promotions: queueLength };
  const child = await findModelVersion(deps.db, head.childId);
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
      { dryRun: props.dryRun, childVersion: child?.versionNumber ?? 0 },
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
  deps: Deps,
  props: RescoreProps,
  started: number,
  state: PassState,
  summary: Omit<RescoreSummary, 'at' | 'duration_ms' | 'histogram' | 'edges_processed'>,
  passId?: number,
) {
  const line: RescoreSummary = {
    at: deps.clock.now().toISOString(),
    ...summary,
    edges_processed: countEdges(state.histogram),
    histogram: state.histogram,
    duration_ms: Math.round(performance.now() - started),
  };
  if (!props.dryRun && passId !== undefined) await finishPass(deps.db, passId, line.outcome, { ...line });
  return {
    summary: line,
    input: { parent_id: line.parent_id, child_id: line.child_id },
    errors: [line.reason && line.outcome === 'failed' ? line.reason : '', ...state.errors],
    isDryRun: props.dryRun,
    logExtras: { inference_ms: Math.round(state.inferenceMs) },
  };
}

/** The rescore as a job: its tool name, log line and log file. */
const RESCORE_JOB: Job<RescoreProps, RescoreSummary> = {
  tool: 'model_rescore',
  message: 'rescore pass finished',
  logFile: (deps) => deps.config.rescoreLog,
  perform: rescorePass,
};

/** Runs one rescore pass and reports it (log line, tool-call record, pass row). */
export function performRescore(deps: Deps, props: RescoreProps): Promise<RescoreSummary> {
  return runJob(deps, RESCORE_JOB, props);
}
