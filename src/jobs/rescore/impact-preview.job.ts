/**
 * The impact preview (docs/jobs.md#impact-preview-before-you-promote): what promoting a candidate would do to
 * what the platform believes. It runs the candidate's real inference over the active edges attributed to its
 * lineage's promoted version through the rescore's own scoring loop (`scoreEdges`: the same batches, runner
 * and buckets as the pass that follows a promotion), and the payout's own computation (`computePayoutLines`)
 * — and writes nothing but its `tool_calls` record.
 */
import { assertScope, type Caller } from '../../caller.ts';
import { presentPayoutPlan } from '../../credit/credit.presenter.ts';
import { computePayoutLines } from '../../credit/payout-plan.service.ts';
import type { Deps } from '../../deps.ts';
import { CandidateNotRunnable, IllegalStatusChange, NoPromotedVersion, NotFound } from '../../errors.ts';
import { RuntimeUnavailable } from '../../inference/inference-errors.ts';
import type { InferenceRunner } from '../../inference/runner.ts';
import { createRunner, runnerOptionsFor } from '../../inference/runners.ts';
import { findPromotedVersion, getModelVersions } from '../../registry/models/model-read.service.ts';
import { findLatestPreview } from '../job.repository.ts';
import { type Job, runJob } from '../job.ts';
import { countEdges, emptyHistogram } from './core/buckets.ts';
import { flaggedEdgeIds, largestChanges, type ScoredChange } from './core/impact.ts';
import type { ImpactPreviewJson } from './impact-preview.schemas.ts';
import { countPendingEdges, type RescoreScope } from './rescore.repository.ts';
import { type PassState, scoreEdges } from './rescore-scoring.ts';

/** A preview request. */
export interface ImpactPreviewProps {
  /** The candidate version. */
  id: string;
  /** The evaluator asking: the eval runner of the payout it previews (the promotion's actor). */
  caller: Caller;
  /** The most edges to re-score; `MODELGRAPH_RESCORE_MAX_EDGES` (one pass) when absent. */
  maxEdges?: number;
}

/** The candidate, its lineage's promoted version, and a runner for the candidate; 404, 409 or 422 otherwise. */
async function prepare(deps: Deps, props: ImpactPreviewProps) {
  const [child] = await getModelVersions(deps, [props.id]);
  if (!child) throw new NotFound(`model version '${props.id}' does not exist`);
  if (child.status === 'promoted' || child.status === 'archived') {
    throw new IllegalStatusChange(
      `'${child.id}' is ${child.status} and cannot be promoted, so there is nothing to preview`,
    );
  }
  const parent = await findPromotedVersion(deps, child.modelName);
  if (!parent) {
    throw new NoPromotedVersion(`lineage '${child.modelName}' has no promoted version to re-score against`);
  }
  try {
    const runner = await createRunner(child.runtime, runnerOptionsFor(deps, child));
    return { child, parent, runner };
  } catch (error) {
    if (error instanceof RuntimeUnavailable)
      throw new CandidateNotRunnable(`runtime of ${child.id}: ${error.message}`);
    throw error;
  }
}

/** Scores the parent's edges with the candidate's runner, keeping every change in memory. */
async function score(deps: Deps, scope: RescoreScope, runner: InferenceRunner, maxEdges: number) {
  const state: PassState = { histogram: emptyHistogram(), errors: [], lastId: '', inferenceMs: 0 };
  const changes: ScoredChange[] = [];
  try {
    await scoreEdges(deps, scope, runner, {
      maxEdges,
      state,
      onBatch: async ({ edges, rescored }) => {
        const byId = new Map(edges.map((edge) => [edge.id, edge]));
        for (const change of rescored) {
          const { subject, predicate, object } = byId.get(change.id) ?? {
            subject: '',
            predicate: '',
            object: '',
          };
          changes.push({ ...change, subject, predicate, object });
        }
      },
    });
  } catch (error) {
    if (error instanceof RuntimeUnavailable) throw new CandidateNotRunnable(error.message);
    throw error;
  } finally {
    await runner.close();
  }
  return { state, changes };
}

async function perform(deps: Deps, props: ImpactPreviewProps) {
  const { child, parent, runner } = await prepare(deps, props);
  const scope: RescoreScope = { parentId: parent.id, eventId: null };
  const maxEdges = props.maxEdges ?? deps.config.rescoreMaxEdges;
  const edgesTotal = await countPendingEdges(deps.db, scope);
  const { state, changes } = await score(deps, scope, runner, maxEdges);
  const payout = await computePayoutLines(deps, { childId: child.id, actor: props.caller.agentId });
  const flagged = flaggedEdgeIds(changes);
  const summary: ImpactPreviewJson = {
    child_id: child.id,
    parent_id: parent.id,
    edges_total: edgesTotal,
    edges_considered: countEdges(state.histogram),
    histogram: state.histogram,
    would_flag: { count: flagged.length, edge_ids: flagged },
    largest_changes: largestChanges(changes).map((change) => ({
      edge_id: change.id,
      subject: change.subject,
      predicate: change.predicate,
      object: change.object,
      old_confidence: change.oldConfidence,
      new_confidence: change.newConfidence,
      delta: change.delta,
      bucket: change.bucket,
    })),
    payout_preview: presentPayoutPlan(payout),
    computed_at: deps.clock.now().toISOString(),
  };
  return {
    summary,
    input: { child_id: child.id, parent_id: parent.id, max_edges: maxEdges, actor: props.caller.agentId },
    errors: state.errors,
    isDryRun: false,
    logExtras: { inference_ms: Math.round(state.inferenceMs) },
  };
}

/** The preview as a job: timed, logged, and recorded in `tool_calls` — its only write. */
const IMPACT_PREVIEW_JOB: Job<ImpactPreviewProps, ImpactPreviewJson> = {
  tool: 'impact_preview',
  message: 'impact preview computed',
  perform,
  // The log line keeps the counts; the flagged ids (up to max_edges of them) stay in the record.
  logged: (summary) => ({ ...summary, would_flag: { count: summary.would_flag.count }, largest_changes: [] }),
};

/**
 * Previews a candidate's promotion; 404 unknown id, 409 promoted or archived, 422 when
 * the lineage has no promoted version or the candidate cannot run.
 */
export async function previewImpact(deps: Deps, props: ImpactPreviewProps): Promise<ImpactPreviewJson> {
  assertScope(props.caller, 'evaluate');
  return runJob(deps, IMPACT_PREVIEW_JOB, props);
}

/** A recorded impact preview, as the checks of a promotion request read it. */
export interface RecordedImpactPreview {
  /** Its `tool_calls` record. */
  toolCallId: number;
  childId: string;
  parentId: string;
  /** When it was computed (the deps' clock of the process that ran it). */
  computedAt: Date;
  /** The edges it would flag for review. */
  wouldFlag: number;
  /** The edges it gave a new confidence (not skipped for lack of inputs, not in a failed batch). */
  scoredEdges: number;
}

/** The newest preview of `childId` over `parentId` in the tool-call records, if any. */
export async function findLatestImpactPreview(
  deps: Pick<Deps, 'db'>,
  childId: string,
  parentId: string,
): Promise<RecordedImpactPreview | undefined> {
  const record = await findLatestPreview(deps.db, childId, parentId);
  if (!record) return undefined;
  const output = record.output as unknown as ImpactPreviewJson;
  const { large_decrease, decrease, stable, increase } = output.histogram;
  return {
    toolCallId: record.id,
    childId,
    parentId,
    computedAt: new Date(output.computed_at),
    wouldFlag: output.would_flag.count,
    scoredEdges: large_decrease + decrease + stable + increase,
  };
}
