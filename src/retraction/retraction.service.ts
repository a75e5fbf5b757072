/**
 * Retracting and reinstating a dataset, analysis or benchmark (docs/concepts.md#retraction): the
 * commands behind `POST /api/artifacts/{id}/retract` and `/reinstate` and the CLI. Each runs in its
 * caller's unit of work and takes the registry's retraction state first, so what it finds built on
 * the target and what it writes are one consistent step: the retraction's row, the scores and
 * flags of every model version built on it (set-based), the review flags of their active edges,
 * the events-log entry and the domain event the webhooks report. A dry run answers the same and
 * writes nothing. Nothing is ever deleted.
 */
import { type Caller, hasScope } from '../caller.ts';
import type { Deps, Unit } from '../deps.ts';
import { AlreadyRetracted, Forbidden, InvalidRequest, NotRetractable, NotRetracted } from '../errors.ts';
import { logEvent } from '../events/event.service.ts';
import { countActiveEdgesOfVersions, flagEdgesOfVersions } from '../kg/edge.service.ts';
import { assertVersionExists, getArtifact } from '../registry/artifacts/artifact.service.ts';
import {
  endRetractionInForce,
  getRetractionsInForce,
  getRetractionsReachedBy,
  listModelsBuiltOn,
  recordRetraction,
  takeRetractionState,
} from '../registry/artifacts/retraction.service.ts';
import {
  coveringRetraction,
  isRetractable,
  RETRACTABLE_TYPES,
  type Retraction,
  type RetractionTarget,
} from '../registry/core/retraction.ts';
import { refreshQualityScores } from '../registry/models/provenance.service.ts';
import {
  evidenceUrlProblem,
  IDS_SENT,
  type ReinstatementOutcome,
  type RequestProblem,
  type RetractionOutcome,
  reasonProblem,
  restoredBy,
} from './core/outcome.ts';

/** What both commands are asked: who, which artifact or version, and why. */
interface TargetProps {
  unit: Unit;
  /** The artifact's creator (scope `write`) or an evaluator (scope `evaluate`). */
  caller: Caller;
  artifactId: string;
  /** One version; the whole artifact when absent. */
  version?: number;
  /** Why (1…2000 characters). */
  reason: string;
  /** Compute the answer and write nothing. */
  dryRun: boolean;
}

/** A retraction to make. */
export interface RetractProps extends TargetProps {
  /** Where the evidence is (an http or https URL). */
  evidenceUrl?: string;
}

/** A retraction to end. */
export type ReinstateProps = TargetProps;

function refuse(problem: RequestProblem | undefined): void {
  if (problem) throw new InvalidRequest(problem.message, { field: problem.field });
}

/**
 * Whether `caller` may retract or reinstate this artifact: an evaluator, or the agent that created
 * it with `write`, and only a retractable type (the pages offer the action only then).
 */
export function mayRetract(caller: Caller, artifact: { type: string; createdBy: string }): boolean {
  if (!isRetractable(artifact.type)) return false;
  const isCreator = caller.agentId === artifact.createdBy && hasScope(caller, 'write');
  return isCreator || hasScope(caller, 'evaluate');
}

/**
 * Checks what every face could send wrong — the reason, the artifact (404), its type (400
 * `not_retractable`), the caller's right (403), the version (422) — then takes the retraction state
 * (a dry run only reads, so it stalls no writer) and returns the target with the retractions of the
 * artifact in force.
 */
async function openTarget(props: TargetProps): Promise<{ target: RetractionTarget; inForce: Retraction[] }> {
  const { unit, caller, artifactId, version } = props;
  refuse(reasonProblem(props.reason));
  const artifact = await getArtifact({ db: unit.tx }, artifactId);
  if (!isRetractable(artifact.type)) {
    throw new NotRetractable(
      `a ${artifact.type} cannot be retracted: only a ${RETRACTABLE_TYPES.join(', ')} (a model version is archived)`,
      { type: artifact.type },
    );
  }
  if (!mayRetract(caller, artifact)) {
    throw new Forbidden(
      `retracting '${artifactId}' needs the 'evaluate' scope, or to be the agent that created it`,
    );
  }
  if (version !== undefined) await assertVersionExists(unit.tx, artifactId, version);
  if (!props.dryRun) await takeRetractionState(unit.tx);
  return {
    target: { artifactId, version: version ?? null },
    inForce: await getRetractionsInForce({ db: unit.tx }, artifactId),
  };
}

const describe = (target: RetractionTarget) =>
  target.version === null ? `'${target.artifactId}'` : `version ${target.version} of '${target.artifactId}'`;

/**
 * Retracts an artifact or one version: records the retraction, flags and caps every model version
 * built on it and flags their active edges for review, in the caller's unit; 409 when a retraction
 * in force covers it already. With `dryRun`, the same answer and no write.
 */
export async function retractArtifact(deps: Deps, props: RetractProps): Promise<RetractionOutcome> {
  refuse(evidenceUrlProblem(props.evidenceUrl));
  const { target, inForce } = await openTarget(props);
  const { unit, caller } = props;
  const covering =
    target.version === null
      ? inForce.find((retraction) => retraction.version === null)
      : coveringRetraction(inForce, target.version);
  if (covering) {
    const what = covering.version === null ? `'${target.artifactId}'` : describe(target);
    throw new AlreadyRetracted(`${what} is retracted already (since ${covering.retractedAt.toISOString()})`, {
      retraction_id: covering.id,
      version: covering.version,
    });
  }
  const affectedModels = await listModelsBuiltOn({ db: unit.tx }, target);
  const evidenceUrl = props.evidenceUrl ?? null;
  const outcome = { artifactId: target.artifactId, version: target.version, affectedModels };
  if (props.dryRun) {
    const flaggedEdges = await countActiveEdgesOfVersions({ db: unit.tx }, affectedModels);
    const retracted = { at: deps.clock.now(), by: caller.agentId, reason: props.reason, evidenceUrl };
    return { ...outcome, retracted, flaggedEdges, dryRun: true };
  }
  const retraction = await recordRetraction(unit, {
    artifactId: target.artifactId,
    versionNumber: target.version,
    reason: props.reason,
    evidenceUrl,
    retractedBy: caller.agentId,
  });
  await refreshQualityScores(unit.tx, affectedModels, deps.config.qualityCap);
  const flaggedEdges = await flagEdgesOfVersions(unit, affectedModels, 'retracted_input');
  const logged = await logEvent(unit, {
    eventType: 'artifact_retracted',
    targetArtifactId: target.artifactId,
    actor: caller.agentId,
    detectionMetadata: {
      retraction_id: retraction.id,
      version: target.version,
      reason: props.reason,
      evidence_url: evidenceUrl,
      affected_models_count: affectedModels.length,
      affected_models: affectedModels.slice(0, IDS_SENT),
      flagged_edges: flaggedEdges,
    },
  });
  await unit.publish({
    type: 'artifact_retracted',
    logged,
    artifactId: target.artifactId,
    version: target.version,
    reason: props.reason,
    evidenceUrl,
    affectedModelIds: affectedModels,
    flaggedEdges,
  });
  const retracted = { at: retraction.retractedAt, by: caller.agentId, reason: props.reason, evidenceUrl };
  return { ...outcome, retracted, flaggedEdges, dryRun: false };
}

/**
 * Ends the retraction of an artifact or version (kept in its history): the model versions built on
 * it that no other retraction reaches lose `retracted_input` and get their scores back; edges keep
 * their review flags for reviewers to decide. 409 when the target has no retraction of its own in
 * force. With `dryRun`, the same answer and no write.
 */
export async function reinstateArtifact(deps: Deps, props: ReinstateProps): Promise<ReinstatementOutcome> {
  const { target, inForce } = await openTarget(props);
  const { unit, caller } = props;
  const own = inForce.find((retraction) => retraction.version === target.version);
  if (!own) {
    const byWhole = target.version !== null && inForce.some((retraction) => retraction.version === null);
    throw new NotRetracted(
      byWhole
        ? `${describe(target)} is retracted with the whole artifact: reinstate '${target.artifactId}' instead`
        : `${describe(target)} has no retraction in force`,
      { version: target.version },
    );
  }
  const affectedModels = await listModelsBuiltOn({ db: unit.tx }, target);
  const reached = await getRetractionsReachedBy({ db: unit.tx }, affectedModels);
  const restoredModels = restoredBy(target, affectedModels, reached);
  const retraction = {
    at: own.retractedAt,
    by: own.retractedBy,
    reason: own.reason,
    evidenceUrl: own.evidenceUrl,
  };
  const outcome = {
    artifactId: target.artifactId,
    version: target.version,
    retraction,
    affectedModels,
    restoredModels,
  };
  if (props.dryRun) {
    return {
      ...outcome,
      reinstated: { at: deps.clock.now(), by: caller.agentId, reason: props.reason },
      dryRun: true,
    };
  }
  const ended = await endRetractionInForce(unit, own.id, { by: caller.agentId, reason: props.reason });
  await refreshQualityScores(unit.tx, affectedModels, deps.config.qualityCap);
  const logged = await logEvent(unit, {
    eventType: 'artifact_reinstated',
    targetArtifactId: target.artifactId,
    actor: caller.agentId,
    detectionMetadata: {
      retraction_id: own.id,
      version: target.version,
      reason: props.reason,
      affected_models_count: affectedModels.length,
      affected_models: affectedModels.slice(0, IDS_SENT),
      restored_models_count: restoredModels.length,
    },
  });
  await unit.publish({
    type: 'artifact_reinstated',
    logged,
    artifactId: target.artifactId,
    version: target.version,
    reason: props.reason,
    affectedModelIds: affectedModels,
    restoredModelIds: restoredModels,
  });
  const reinstated = { at: ended.reinstatedAt ?? deps.clock.now(), by: caller.agentId, reason: props.reason };
  return { ...outcome, reinstated, dryRun: false };
}
