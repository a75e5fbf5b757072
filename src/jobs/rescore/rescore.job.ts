/**
 * The rescore job (docs/jobs.md#rescoring-on-promotion): one pass takes the promotion at the head of the
 * queue, runs the child version's inference on the parent's edges in batches, and re-attributes them to the
 * child.
 * `performRescore(deps, props)` is the single entry point for the CLI, the HTTP job route and the
 * schedule; `runJob` wraps it with its log lines and tool-call record.
 */
import type { Deps } from '../../deps.ts';
import { RuntimeUnavailable } from '../../inference/inference-errors.ts';
import type { InferenceRunner } from '../../inference/runner.ts';
import { createRunner, runnerOptionsFor } from '../../inference/runners.ts';
import { findModelVersion } from '../../registry/model.repository.ts';
import { type Job, runJob } from '../job.ts';
import { countEdges, emptyHistogram } from './core/buckets.ts';
import {
  type ClaimRules,
  claimPass,
  countPendingEdges,
  findPromotionsWithPendingEdges,
  findQueue,
  finishPass,
  markPromotionsDone,
  type QueuedPromotion,
  type Refusal,
  renewLease,
} from './rescore.repository.ts';
import type { RescoreSummary } from './rescore.schemas.ts';
import { announcePassEnd, announcePassStart } from './rescore-announcements.ts';
import { type RescorePassState, rescorePromotion } from './rescore-batches.ts';

/** Options of one pass. */
export interface RescoreProps {
  /** Run inference and report, but write nothing to the database. */
  dryRun: boolean;
  /** Consider only queued promotions made within this many hours (default: every queued one). */
  sinceHours?: number;
}

/** A daily schedule must not skip a day because a pass started a few milliseconds late. */
const WINDOW_TOLERANCE = 0.01;

function claimRules(deps: Deps): ClaimRules {
  return {
    now: deps.clock.now(),
    windowMs: deps.config.rescoreWindowHours * 3_600_000 * (1 - WINDOW_TOLERANCE),
    leaseMs: deps.config.rescoreLeaseSeconds * 1000,
  };
}

function refusalReason(refusal: Refusal, windowHours: number): string {
  return 'running' in refusal
    ? `another pass is running (started at ${refusal.running})`
    : `another pass started at ${refusal.workedAt}, within the last ${windowHours} h`;
}

/** Renews the pass's lease while it works, so a pass that dies frees the rescore within one lease. */
function keepLease(deps: Deps, passId: number): () => void {
  const timer = setInterval(
    () =>
      renewLease(deps.db, passId, deps.clock.now()).catch((error) =>
        deps.logger.warn({ err: error, pass_id: passId }, 'rescore lease renewal failed'),
      ),
    (deps.config.rescoreLeaseSeconds * 1000) / 3,
  );
  timer.unref();
  return () => clearInterval(timer);
}

async function rescorePass(deps: Deps, props: RescoreProps, started: number) {
  const since =
    props.sinceHours === undefined
      ? undefined
      : new Date(deps.clock.now().getTime() - props.sinceHours * 3_600_000);
  const state: RescorePassState = {
    histogram: emptyHistogram(),
    errors: [],
    lastId: '',
    inferenceMs: 0,
    flaggedEdgeIds: [],
  };
  if (props.dryRun) return report(deps, props, started, state, await workOnQueue(deps, props, since, state));
  const claim = await deps.db.transaction((tx) => claimPass(tx, claimRules(deps)));
  if (!('passId' in claim)) {
    const reason = refusalReason(claim, deps.config.rescoreWindowHours);
    const queuedPromotions = (await findQueue(deps.db, since)).length;
    return report(deps, props, started, state, {
      ...idle('noop', reason),
      queued_promotions: queuedPromotions,
    });
  }
  const stopLease = keepLease(deps, claim.passId);
  try {
    return report(
      deps,
      props,
      started,
      state,
      await workOnQueue(deps, props, since, state, claim.passId),
      claim.passId,
    );
  } finally {
    stopLease();
  }
}

async function workOnQueue(
  deps: Deps,
  props: RescoreProps,
  since: Date | undefined,
  state: RescorePassState,
  passId?: number,
) {
  const queue = await dropFinishedPromotions(deps, props, await findQueue(deps.db, since));
  return queue[0]
    ? runHead(deps, props, { head: queue[0], queueLength: queue.length, passId }, state)
    : idle('noop', 'no promotion has edges waiting to be re-scored');
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
  work: { head: QueuedPromotion; queueLength: number; passId?: number },
  state: RescorePassState,
) {
  const { head, queueLength } = work;
  const base = { parent_id: head.parentId, child_id: head.childId };
  const pendingBefore = await countPendingEdges(deps.db, head);
  const waiting = { queued_edges: pendingBefore, queued_promotions: queueLength };
  const child = await findModelVersion(deps.db, head.childId);
  if (work.passId !== undefined && child) await announcePassStart(deps, work.passId, child);
  let runner: InferenceRunner;
  try {
    runner = await createRunner(
      child?.runtime,
      runnerOptionsFor(deps, { id: head.childId, isRuntimeByAdmin: child?.isRuntimeByAdmin ?? false }),
    );
  } catch (error) {
    if (!(error instanceof RuntimeUnavailable)) throw error;
    return {
      ...base,
      ...waiting,
      outcome: 'failed' as const,
      reason: `runtime of ${head.childId}: ${error.message}`,
    };
  }
  // Recorded in the summary, so an admin's runtime that ran unconfined for lack of a sandbox shows.
  const sandbox = runner.sandbox === undefined ? {} : { sandbox: runner.sandbox };
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
      ...sandbox,
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
    ...sandbox,
    queued_edges: queuedEdges,
    queued_promotions: queuedEdges === 0 ? queueLength - 1 : queueLength,
    outcome: props.dryRun ? ('dry_run' as const) : ('ok' as const),
  };
}

async function report(
  deps: Deps,
  props: RescoreProps,
  started: number,
  state: RescorePassState,
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
  if (!props.dryRun && passId !== undefined) {
    await deps.db.transaction(async (tx) => {
      await finishPass(tx, passId, { outcome: line.outcome, summary: { ...line }, at: deps.clock.now() });
      await announcePassEnd(tx, deps, passId, line, state.flaggedEdgeIds);
    });
  }
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
