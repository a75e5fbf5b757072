/**
 * A promotion request as plain data (docs/concepts.md#governed-promotion): the version it would
 * promote, who asked, its status, and the approvals and rejections it received.
 */
import { NotFound } from '../../errors.ts';
import type { Check } from './checks.ts';

/** The statuses of a request: open until approved, rejected, withdrawn or superseded. */
export const REQUEST_STATUSES = ['open', 'approved', 'rejected', 'withdrawn', 'superseded'] as const;
/** One status. */
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** An approval or a rejection. */
export interface RequestDecision {
  agentId: string;
  comment: string | null;
  at: Date;
}

/** A promotion request as stored. */
export interface PromotionRequest {
  id: number;
  modelId: string;
  modelName: string;
  status: RequestStatus;
  requestedBy: string;
  note: string | null;
  createdAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
  /** The approvals the policy required when the request was decided; null while it is open. */
  requiredApprovals: number | null;
  /** The checks as they stood when it was decided; null while it is open. */
  checks: Check[] | null;
  /** Oldest first. */
  approvals: RequestDecision[];
  rejections: RequestDecision[];
}

/** A request with the approvals it needs and its checks, as every face shows it. */
export interface RequestView {
  request: PromotionRequest;
  requiredApprovals: number;
  checks: Check[];
}

/** The id of a request in a path; 404 for anything that cannot be one (it names no request). */
export function parseRequestId(text: string): number {
  const id = /^[1-9][0-9]{0,14}$/.test(text) ? Number(text) : undefined;
  if (id === undefined) throw new NotFound(`promotion request '${text.slice(0, 64)}' does not exist`);
  return id;
}
