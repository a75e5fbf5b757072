/**
 * Domain errors. Domain code throws these small named classes; only the HTTP layer
 * (`src/http/error-handler.ts`) turns them into a status and the `{error: {code, message}}` body.
 * Every class carries a stable snake_case `code`; `ERROR_CODES` lists them all with their status
 * so that a test can check they are unique and documented in docs/errors.md.
 */
export abstract class DomainError extends Error {
  /** Stable, documented snake_case code sent to clients. */
  abstract readonly code: string;
  /** Optional structured details sent to clients (ids that were missing, and so on). */
  readonly details?: unknown;

  constructor(message: string, details?: unknown) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

/** A parameter or body is malformed (400). */
export class InvalidRequest extends DomainError {
  readonly code = 'invalid_request';
}

/** Where a `filter` went wrong: the character position (0-based, in code points) and what would have fitted there. */
export interface FilterProblem {
  position: number;
  expected: string[];
}

/** A `filter` that does not parse, names an unknown field or goes past a limit (400). */
export class InvalidFilter extends DomainError {
  readonly code = 'invalid_filter';
  declare readonly details: FilterProblem;
}

/** Retracting a hypothesis or a model version: only datasets, analyses and benchmarks are retracted (400). */
export class NotRetractable extends DomainError {
  readonly code = 'not_retractable';
}

/** A query parameter the endpoint does not know (400). */
export class UnknownParameter extends DomainError {
  readonly code = 'unknown_parameter';
}

/** An alias name the registry keeps for itself: `latest` and `promoted` (400). */
export class ReservedAlias extends DomainError {
  readonly code = 'reserved_alias';
}

/**
 * No token, or a token the server does not know (401). The refusals of a known token — revoked,
 * expired, its agent deactivated — are kinds of it with codes of their own, so every face that
 * answers "sign in again" for this one answers it for them too.
 */
export class Unauthenticated extends DomainError {
  readonly code: string = 'unauthenticated';
}

/** A token its agent or an admin revoked (401). */
export class TokenRevoked extends Unauthenticated {
  override readonly code = 'token_revoked';
}

/** A token past its `expires_at` (401). */
export class TokenExpired extends Unauthenticated {
  override readonly code = 'token_expired';
}

/** A token of an agent an admin deactivated (401). */
export class AgentInactive extends Unauthenticated {
  override readonly code = 'agent_inactive';
}

/** The token is valid but lacks the scope for this action (403). */
export class Forbidden extends DomainError {
  readonly code = 'forbidden';
}

/** The caller is not a maintainer of the lineage it writes to (403). */
export class NotAMaintainer extends DomainError {
  readonly code = 'not_a_maintainer';
}

/** Approving or rejecting a promotion request one may not decide: its requester, or a contributor the policy excludes (403). */
export class NotAnEligibleApprover extends DomainError {
  readonly code = 'not_an_eligible_approver';
}

/** An id in the path that names nothing (404). */
export class NotFound extends DomainError {
  readonly code = 'not_found';
}

/** `<model_name>@<alias>?as_of=`: the alias named no version at that moment (404). */
export class AliasNotSet extends DomainError {
  readonly code = 'alias_not_set';
}

/** An id that is already taken (409). */
export class AlreadyExists extends DomainError {
  readonly code = 'already_exists';
}

/** A status change the model lifecycle does not allow (409). */
export class IllegalStatusChange extends DomainError {
  readonly code = 'illegal_status_change';
}

/** Promoting the version that is promoted already (409, `illegal_status_change`): a face may take it as "nothing to do". */
export class AlreadyPromoted extends IllegalStatusChange {}

/**
 * A direct promotion of a lineage whose policy requires approvals or evidence (409): it goes through a
 * promotion request, or an admin's override.
 */
export class PromotionNeedsRequest extends DomainError {
  readonly code = 'promotion_needs_request';
}

/** Opening a promotion request for a version that has an open one (409). */
export class RequestExists extends DomainError {
  readonly code = 'request_exists';
}

/** Deciding a promotion request that is not open, or that this agent has approved or rejected already (409). */
export class AlreadyDecided extends DomainError {
  readonly code = 'already_decided';
}

/** Registering a version in a lineage that was retired and not created again (409). */
export class LineageRetired extends DomainError {
  readonly code = 'lineage_retired';
}

/** Removing a lineage's only maintainer (409): a lineage keeps at least one. */
export class LastMaintainer extends DomainError {
  readonly code = 'last_maintainer';
}

/** Retracting an artifact or version that a retraction in force already covers (409). */
export class AlreadyRetracted extends DomainError {
  readonly code = 'already_retracted';
}

/** Reinstating an artifact or version that no retraction of its own holds (409). */
export class NotRetracted extends DomainError {
  readonly code = 'not_retracted';
}

/** The request body is larger than `MODELGRAPH_MAX_BODY_BYTES` (413). */
export class BodyTooLarge extends DomainError {
  readonly code = 'body_too_large';
}

/** A request body in a format the server does not read: the API reads JSON only (415). */
export class UnsupportedMediaType extends DomainError {
  readonly code = 'unsupported_media_type';
}

/** The request refers to an artifact, version or agent that does not exist (422). */
export class MissingReference extends DomainError {
  readonly code = 'missing_reference';
}

/** The request is well-formed but breaks a domain rule (422). */
export class RuleViolation extends DomainError {
  readonly code = 'rule_violation';
}

/** An impact preview of a lineage that has no promoted version to compare against (422). */
export class NoPromotedVersion extends DomainError {
  readonly code = 'no_promoted_version';
}

/** An impact preview of a candidate whose runtime is missing or cannot start (422). */
export class CandidateNotRunnable extends DomainError {
  readonly code = 'candidate_not_runnable';
}

/** A fault of the server's own (500): logged with its stack, answered without one. */
export class InternalError extends DomainError {
  readonly code = 'internal_error';
}

/** Every error class with its HTTP status. The HTTP layer and docs/errors.md both follow it. */
export const ERROR_CODES = [
  { type: InvalidRequest, status: 400 },
  { type: InvalidFilter, status: 400 },
  { type: UnknownParameter, status: 400 },
  { type: ReservedAlias, status: 400 },
  { type: TokenRevoked, status: 401 },
  { type: TokenExpired, status: 401 },
  { type: AgentInactive, status: 401 },
  { type: NotRetractable, status: 400 },
  { type: Unauthenticated, status: 401 },
  { type: Forbidden, status: 403 },
  { type: NotAMaintainer, status: 403 },
  { type: NotAnEligibleApprover, status: 403 },
  { type: NotFound, status: 404 },
  { type: AliasNotSet, status: 404 },
  { type: AlreadyExists, status: 409 },
  { type: IllegalStatusChange, status: 409 },
  { type: PromotionNeedsRequest, status: 409 },
  { type: RequestExists, status: 409 },
  { type: AlreadyDecided, status: 409 },
  { type: LineageRetired, status: 409 },
  { type: LastMaintainer, status: 409 },
  { type: AlreadyRetracted, status: 409 },
  { type: NotRetracted, status: 409 },
  { type: BodyTooLarge, status: 413 },
  { type: UnsupportedMediaType, status: 415 },
  { type: MissingReference, status: 422 },
  { type: RuleViolation, status: 422 },
  { type: NoPromotedVersion, status: 422 },
  { type: CandidateNotRunnable, status: 422 },
  { type: InternalError, status: 500 },
] as const;

/** The HTTP status for a domain error (500 for a class missing from the registry). */
export function statusOf(error: DomainError): number {
  return ERROR_CODES.find((entry) => error instanceof entry.type)?.status ?? 500;
}
