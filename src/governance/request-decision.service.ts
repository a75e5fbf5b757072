/**
 * Deciding promotion requests (docs/concepts.md#governed-promotion): approving (the approval that
 * brings the request to its required count, with every check passing, approves it and promotes the
 * version in the same transaction, through the one promotion command), rejecting, withdrawing, and
 * superseding the open requests of a lineage whose other version was promoted. Each runs under the
 * lineage's lock, as promotions do, so two approvals that would both complete a request promote once.
 */
import { assertScope, type Caller, hasScope } from '../caller.ts';
import { lockKey } from '../db/database.ts';
import type { Deps, Unit } from '../deps.ts';
import {
  AlreadyDecided,
  Forbidden,
  IllegalStatusChange,
  NotAnEligibleApprover,
  NotFound,
} from '../errors.ts';
import { logEvent } from '../events/event.service.ts';
import type { PromotionPolicy } from '../registry/core/policy.ts';
import { getMaintainers } from '../registry/lineages/lineage.service.ts';
import { policyOfLineage } from '../registry/lineages/policy.service.ts';
import { getModelVersion } from '../registry/models/model-read.service.ts';
import { promoteModel } from '../registry/models/promotion.service.ts';
import { allPassed, type Check } from './core/checks.ts';
import { ineligibilityOf } from './core/eligibility.ts';
import type { PromotionRequest, RequestStatus } from './core/request.ts';
import { closeRequest, findRequests, insertDecision } from './promotion-request.repository.ts';
import { checksOf } from './request-evidence.service.ts';

/** The deps of reads inside the unit's transaction (on PGlite, its one connection). */
export function inUnit(deps: Pick<Deps, 'clock'>, unit: Unit): Pick<Deps, 'db' | 'clock'> {
  return { db: unit.tx, clock: deps.clock };
}

/** A decision on a request. */
export interface DecideProps {
  unit: Unit;
  /** An evaluator (scope `evaluate`) for approve and reject; the requester or `admin` to withdraw. */
  caller: Caller;
  requestId: number;
  comment?: string;
}

/** The request, read again under its lineage's lock; 404 when unknown, 409 when no longer open. */
async function lockOpenRequest(unit: Unit, requestId: number): Promise<PromotionRequest> {
  const [unlocked] = await findRequests(unit.tx, [requestId]);
  if (!unlocked) throw new NotFound(`promotion request '${requestId}' does not exist`);
  await lockKey(unit.tx, `lineage:${unlocked.modelName}`);
  const [request] = await findRequests(unit.tx, [requestId]);
  if (request.status !== 'open') {
    throw new AlreadyDecided(`promotion request ${requestId} is ${request.status}, no longer open`, {
      status: request.status,
    });
  }
  return request;
}

/** Refuses an agent the policy does not let decide the request, or one that decided it already. */
async function assertMayDecide(
  unit: Unit,
  caller: Caller,
  request: PromotionRequest,
  policy: PromotionPolicy,
) {
  const version = await getModelVersion({ db: unit.tx }, request.modelId);
  const reason = ineligibilityOf(caller.agentId, {
    requestedBy: request.requestedBy,
    trainedBy: version.trainedBy,
    registeredBy: version.createdBy,
    maintainers: await getMaintainers({ db: unit.tx }, request.modelName),
    excludeContributors: policy.excludeContributors,
  });
  if (reason) {
    throw new NotAnEligibleApprover(`'${caller.agentId}' ${reason}, so may not decide its request`, {
      reason,
    });
  }
  const decided = [...request.approvals, ...request.rejections].some((d) => d.agentId === caller.agentId);
  if (decided)
    throw new AlreadyDecided(`'${caller.agentId}' has decided promotion request ${request.id} already`);
  if (version.status === 'archived') {
    throw new IllegalStatusChange(`'${version.id}' was archived: its request can only be withdrawn`);
  }
  return version;
}

/** Closes an open request with its outcome and logs and publishes `promotion_request_decided`. */
export async function closeAndLog(
  unit: Unit,
  request: PromotionRequest,
  outcome: {
    status: Exclude<RequestStatus, 'open'>;
    actor: string;
    requiredApprovals: number;
    checks: Check[];
    comment?: string | null;
    promotedId?: string;
  },
): Promise<void> {
  const { status, actor } = outcome;
  await closeRequest(unit.tx, request.id, { ...outcome, decidedBy: actor });
  const [closed] = await findRequests(unit.tx, [request.id]);
  const logged = await logEvent(unit, {
    eventType: 'promotion_request_decided',
    targetArtifactId: request.modelId,
    actor,
    detectionMetadata: {
      request_id: request.id,
      model_name: request.modelName,
      status,
      approved_by: closed.approvals.map((approval) => approval.agentId),
      rejected_by: closed.rejections.map((rejection) => rejection.agentId),
      comment: outcome.comment ?? null,
      ...(outcome.promotedId ? { promoted_id: outcome.promotedId } : {}),
      actor,
    },
  });
  await unit.publish({ type: 'promotion_request_decided', logged, requestId: request.id, status });
}

/**
 * Records an eligible evaluator's approval or rejection of an open request, under its lineage's
 * lock; returns the request as it was before, the policy and the checks now.
 */
async function recordDecision(deps: Deps, props: DecideProps, verdict: 'approve' | 'reject') {
  const { unit, caller } = props;
  assertScope(caller, 'evaluate');
  const request = await lockOpenRequest(unit, props.requestId);
  const policy = await policyOfLineage(unit.tx, request.modelName);
  const version = await assertMayDecide(unit, caller, request, policy);
  const comment = props.comment ?? null;
  await insertDecision(unit.tx, { requestId: request.id, agentId: caller.agentId, verdict, comment });
  const checks = await checksOf(inUnit(deps, unit), version, policy);
  return { request, policy, checks, comment };
}

/**
 * Records an approval. When the approvals reach the policy's count and every check passes, the
 * request is approved and its version promoted in the caller's transaction; otherwise the request
 * stays open (a failing check keeps the approval). Returns the request's status afterwards.
 */
export async function approvePromotionRequest(deps: Deps, props: DecideProps): Promise<RequestStatus> {
  const { unit, caller } = props;
  const { request, policy, checks } = await recordDecision(deps, props, 'approve');
  const approvedBy = [...request.approvals.map((approval) => approval.agentId), caller.agentId];
  if (approvedBy.length < policy.requiredApprovals || !allPassed(checks)) return 'open';
  const { requiredApprovals } = policy;
  await closeAndLog(unit, request, { status: 'approved', actor: caller.agentId, requiredApprovals, checks });
  await promoteModel(deps, {
    unit,
    caller,
    id: request.modelId,
    approval: { requestId: request.id, approvedBy },
  });
  return 'approved';
}

/** Rejects a request (one eligible evaluator's rejection closes it), with the reviewer's comment. */
export async function rejectPromotionRequest(deps: Deps, props: DecideProps): Promise<void> {
  const { request, policy, checks, comment } = await recordDecision(deps, props, 'reject');
  const { requiredApprovals } = policy;
  const actor = props.caller.agentId;
  await closeAndLog(props.unit, request, { status: 'rejected', actor, requiredApprovals, checks, comment });
}

/** Withdraws a request: its requester or `admin`. */
export async function withdrawPromotionRequest(deps: Deps, props: DecideProps): Promise<void> {
  const { unit, caller } = props;
  const request = await lockOpenRequest(unit, props.requestId);
  if (caller.agentId !== request.requestedBy && !hasScope(caller, 'admin')) {
    throw new Forbidden(
      `only '${request.requestedBy}', who requested it, or admin may withdraw request ${request.id}`,
    );
  }
  const policy = await policyOfLineage(unit.tx, request.modelName);
  const version = await getModelVersion({ db: unit.tx }, request.modelId);
  const checks = await checksOf(inUnit(deps, unit), version, policy);
  const { requiredApprovals } = policy;
  const comment = props.comment ?? null;
  await closeAndLog(unit, request, {
    status: 'withdrawn',
    actor: caller.agentId,
    requiredApprovals,
    checks,
    comment,
  });
}
