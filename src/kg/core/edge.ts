/**
 * The knowledge graph's domain types: an edge and one entry of its confidence history
 * (docs/concepts.md#knowledge-graph-edges).
 */

/** Why an edge waits for review: a rescore lowered its confidence sharply, or its model version is built on a retraction. */
export const REVIEW_REASONS = ['large_decrease', 'retracted_input'] as const;
/** One review reason. */
export type ReviewReason = (typeof REVIEW_REASONS)[number];

/** A knowledge-graph edge. */
export interface Edge {
  id: string;
  subject: string;
  predicate: string;
  object: string;
  confidence: number;
  origin: string;
  status: string;
  sourceArtifactId: string | null;
  sourceVersion: number | null;
  provenanceUnknown: boolean;
  reviewFlag: boolean;
  /** Why it waits for review (`REVIEW_REASONS`); null when it does not. */
  reviewReason: ReviewReason | null;
  inputs: unknown;
  metadata: Record<string, unknown>;
  knowledgeLevel: string;
  agentType: string;
  contentHash: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** One confidence an edge has had, with the model version and event that set it. */
export interface HistoryEntry {
  id: number;
  edgeId: string;
  confidence: number;
  sourceArtifactId: string | null;
  sourceVersion: number | null;
  eventId: number | null;
  at: Date;
}
