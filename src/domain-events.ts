/**
 * What happened: the domain events a command publishes in its transaction (`unit.publish`) and
 * subscribers react to. The vocabulary is shared by every feature, so it is plain data — ids,
 * numbers and the events-log entry the change wrote — and names no feature's types: a producer
 * never learns who listens, a listener never imports its producer's code.
 */
import type { JsonObject } from './db/schema.ts';

/** An entry of the append-only events log, as the change that wrote it returned it. */
export interface LoggedEvent {
  id: number;
  eventType: string;
  targetArtifactId: string;
  actor: string;
  detectionMetadata: JsonObject;
  createdAt: Date;
}

/** A new version of a dataset, analysis, hypothesis or benchmark was added. */
export interface ArtifactVersionCreated {
  type: 'artifact_version_created';
  artifactId: string;
  versionNumber: number;
}

/** A link between two artifacts was created (outside a registration, which links its own version). */
export interface LinkCreated {
  type: 'link_created';
  sourceId: string;
  targetId: string;
}

/** A model version was registered (a lineage's next version, with its links and score). */
export interface ModelVersionRegistered {
  type: 'model_version_registered';
  versionId: string;
}

/** A version became its lineage's promoted one; `previousId` is the version it superseded. */
export interface ModelVersionPromoted {
  type: 'model_version_promoted';
  logged: LoggedEvent;
  versionId: string;
  modelName: string;
  versionNumber: number;
  previousId: string | null;
}

/** A promotion request was opened (docs/concepts.md#governed-promotion). */
export interface PromotionRequested {
  type: 'promotion_requested';
  logged: LoggedEvent;
  requestId: number;
}

/** A promotion request left `open`: approved, rejected, withdrawn or superseded. */
export interface PromotionRequestDecided {
  type: 'promotion_request_decided';
  logged: LoggedEvent;
  requestId: number;
  status: string;
}

/** A change whose whole story is its events-log entry. */
export interface LoggedChange<T extends string> {
  type: T;
  logged: LoggedEvent;
}

/** A rescore pass took a promotion and starts running its child version. */
export interface RescorePassStarted {
  type: 'rescore_pass_started';
  passId: number;
  childId: string;
}

/** A rescore pass that worked on a promotion ended (`ok` or `failed`). */
export interface RescorePassCompleted {
  type: 'rescore_pass_completed';
  passId: number;
  childId: string;
  /** The pass summary, as its log line shows it. */
  summary: JsonObject & { outcome: string };
  /** The edges the pass flagged for review, in the order it wrote them. */
  flaggedEdgeIds: string[];
}

/**
 * A dataset, analysis or benchmark (`version` null) or one of its versions was retracted: the model
 * versions built on it are flagged and capped, their active edges flagged for review.
 */
export interface ArtifactRetracted {
  type: 'artifact_retracted';
  logged: LoggedEvent;
  artifactId: string;
  version: number | null;
  reason: string;
  evidenceUrl: string | null;
  /** Every model version built on it, sorted. */
  affectedModelIds: string[];
  /** How many active edges it flagged for review. */
  flaggedEdges: number;
}

/** A retraction ended: the versions no other retraction reaches got their scores back. */
export interface ArtifactReinstated {
  type: 'artifact_reinstated';
  logged: LoggedEvent;
  artifactId: string;
  version: number | null;
  /** Why it was reinstated. */
  reason: string;
  /** Every model version built on it, sorted. */
  affectedModelIds: string[];
  /** Those no other retraction reaches, which lost the `retracted_input` flag. */
  restoredModelIds: string[];
}

/** A promotion's payout was written to the ledger. */
export interface PayoutCompleted {
  type: 'credit_payout_completed';
  promotionEventId: number;
}

/** Every domain event. */
export type DomainEvent =
  | ArtifactVersionCreated
  | LinkCreated
  | ModelVersionRegistered
  | ModelVersionPromoted
  | PromotionRequested
  | PromotionRequestDecided
  | LoggedChange<'model_alias_set'>
  | LoggedChange<'model_alias_deleted'>
  | LoggedChange<'kg_edge_reviewed'>
  | LoggedChange<'token_issued'>
  | LoggedChange<'token_revoked'>
  | LoggedChange<'agent_deactivated'>
  | LoggedChange<'agent_reactivated'>
  | LoggedChange<'agent_updated'>
  | RescorePassStarted
  | RescorePassCompleted
  | ArtifactRetracted
  | ArtifactReinstated
  | PayoutCompleted;

/** The name of a domain event. */
export type DomainEventType = DomainEvent['type'];

/** The domain event of one name. */
export type DomainEventOf<K extends DomainEventType> = Extract<DomainEvent, { type: K }>;
