/**
 * The wire form of promotion requests.
 */
import type { RequestDecision, RequestView } from './core/request.ts';
import type { PromotionRequestJsonType } from './promotion-request.schemas.ts';

function presentDecision(decision: RequestDecision) {
  return { agent_id: decision.agentId, comment: decision.comment, at: decision.at.toISOString() };
}

/** A request as sent: its fields, the approvals it needs, its approvals and rejections, its checks. */
export function presentRequest({
  request,
  requiredApprovals,
  checks,
}: RequestView): PromotionRequestJsonType {
  return {
    id: request.id,
    model_id: request.modelId,
    model_name: request.modelName,
    status: request.status,
    requested_by: request.requestedBy,
    note: request.note,
    created_at: request.createdAt.toISOString(),
    decided_at: request.decidedAt?.toISOString() ?? null,
    required_approvals: requiredApprovals,
    approvals: request.approvals.map(presentDecision),
    rejections: request.rejections.map(presentDecision),
    checks: checks.map(({ name, passed, detail }) => ({ name, passed, detail })),
  };
}
