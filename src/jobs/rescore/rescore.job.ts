/**
 * The rescore job (docs/jobs.md#rescoring-on-promotion): one pass takes the promotion at the head of the
 * queue, runs the child version's inference on the parent's edges in batches, and re-attributes them to the
 * child.
 * `performRescore(deps, props)` is the single entry point for the CLI, the HTTP job route and the
 * schedule; `runJob` wraps it with its log lines and tool-call record.
 */
import { assertScope, type Caller } from '../../caller.ts';
import type { HeldLock } from '../../db/locks.ts';
import type { Deps } from '../../deps.ts';
import { RuntimeUnavailable } from '../../inference/inference-errors.ts';
import type { InferenceRunner } from '../../inference/runner.ts';
import { createRunner, runnerOptionsFor } from '../../inference/runners.ts';
import { getModelVersions } from '../../registry/models/model-read.service.ts';
import { runInUnit } from '../../unit-of-work.ts';
import { type Job, runJob } from '../job.ts';
import { countEdges, emptyHistogram } from './core/buckets.ts';
import {
  type ClaimRules,
  claimPass,
  countPendingEdges,
  findPromotionsWithPendingEdges,
  findQueue,
  findRunningPassStart,
  finishPass,
  markPromotionsDone,
  type QueuedPromotion,
} from './rescore.repository.ts';
import type { RescoreSummary } from './rescore.schemas.ts';
import { PassLockLost, type RescorePassState, rescorePromotion } from './rescore-batches.ts';

/** Options of one pass. */
export interface RescoreProps {
  /** Who asks for it (`admin`): an agent over the API, or the CLI or the schedule acting as admin. */
  caller: Caller;
  /** Run inference and report, but write nothing to the database. */
  dryRun: boolean;
  /** Consider only queued promotions made within this many hours (default: every queued one). */
  sinceHours?: number;
}

/** A daily schedule must not skip a day because a pass started a few milliseconds late. */
const WINDOW_TOLERANCE = 0.01;

/** The lock a pass holds while it runs, across every process on the store. */
export const RESCORE_PASS_LOCK = 'modelgraph:rescore-pass';

/** How long a pass waits for the lock: long enough for the server to see that a killed pass's connection closed. */
const PASS_LOCK_WAIT_MS = 3_000;

function claimRules(deps: Deps): ClaimRules {
  return {
    now: deps.clock.now(),
    windowMs: deps.config.rescoreWindowHours * 3_600_000 * (1 - WINDOW_TOLERANCE),
  };
}

async function rescorePass(deps: Deps, props: RescoreProps, started: number) {
  assertScope(props.caller, 'admin');
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
  const noop = async (reason: string) =>
    report(deps, props, started, state, {
      ...idle('noop', reason),
      queued_promotions: (await findQueue(deps.db, since)).length,
    });
  // Held by this pass alone until it ends; a pass whose process died holds nothing (docs/jobs.md).
  const lock = await deps.locks.tryHold(RESCORE_PASS_LOCK, PASS_LOCK_WAIT_MS);
  if (!lock) {
    const runningSince = await findRunningPassStart(deps.db);
    return noop(`another pass is running${runningSince ? ` (started at ${runningSince})` : ''}`);
  }
  try {
    const claim = await runInUnit(deps, (unit) => claimPass(unit.tx, claimRules(deps)));
    if (!('passId' in claim)) {
      return await noop(
        `another pass started at ${claim.workedAt}, within the last ${deps.config.rescoreWindowHours} h`,
      );
    }
    const work = await workOnQueue(deps, props, since, state, { passId: claim.passId, lock });
    return await report(deps, props, started, state, work, claim.passId);
  } finally {
    await lock.release();
  }
}

/** A pass that holds the rescore's lock and its `rescore_passes` row. */
interface ClaimedPass {
  passId: number;
  lock: HeldLock;
}

async function workOnQueue(
  deps: Deps,
  props: RescoreProps,
  since: Date | undefined,
  state: RescorePassState,
  claimed?: ClaimedPass,
) {
  const queue = await dropFinishedPromotions(deps, props, await findQueue(deps.db, since));
  return queue[0]
    ? runHead(deps, props, { head: queue[0], queueLength: queue.length, claimed }, state)
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
  work: { head: QueuedPromotion; queueLength: number; claimed?: ClaimedPass },
  state: RescorePassState,
) {
  const { head, queueLength } = work;
  const base = { parent_id: head.parentId, child_id: head.childId };
  const pendingBefore = await countPendingEdges(deps.db, head);
  const waiting = { queued_edges: pendingBefore, queued_promotions: queueLength };
  const [child] = await getModelVersions(deps, [head.childId]);
  const passId = work.claimed?.passId;
  if (passId !== undefined && child) {
    await runInUnit(deps, (unit) =>
      unit.publish({ type: 'rescore_pass_started', passId, childId: child.id }),
    );
  }
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
      { dryRun: props.dryRun, childVersion: child?.versionNumber ?? 0, lock: work.claimed?.lock },
      state,
    );
  } catch (error) {
    if (!(error instanceof RuntimeUnavailable || error instanceof PassLockLost)) throw error;
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
    await runInUnit(deps, async (unit) => {
      await finishPass(unit.tx, passId, {
        outcome: line.outcome,
        summary: { ...line },
        at: deps.clock.now(),
      });
      // A pass that worked on a promotion tells the world how it ended; a no-op took none.
      if (line.child_id !== null && (line.outcome === 'ok' || line.outcome === 'failed')) {
        await unit.publish({
          type: 'rescore_pass_completed',
          passId,
          childId: line.child_id,
          summary: { ...line },
          flaggedEdgeIds: state.flaggedEdgeIds,
        });
      }
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
