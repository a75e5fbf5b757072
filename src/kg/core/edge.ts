/**
 * The knowledge graph's domain types: an edge and one entry of its confidence history
 * (docs/concepts.md#knowledge-graph-edges).
 */

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
