/**
 * The public JSON forms of edges and their history.
 */
import type { Edge, HistoryEntry } from './core/edge.ts';

/** An edge as the API shows it. */
export function presentEdge(row: Edge) {
  return {
    id: row.id,
    subject: row.subject,
    predicate: row.predicate,
    object: row.object,
    confidence: row.confidence,
    origin: row.origin,
    status: row.status,
    source_artifact_id: row.sourceArtifactId,
    source_version: row.sourceVersion,
    provenance_unknown: row.provenanceUnknown,
    review_flag: row.reviewFlag,
    review_reason: row.reviewFlag ? row.reviewReason : null,
    inputs: row.inputs ?? null,
    metadata: row.metadata,
    knowledge_level: row.knowledgeLevel,
    agent_type: row.agentType,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** One history entry as the API shows it. */
export function presentHistory(row: HistoryEntry) {
  return {
    confidence: row.confidence,
    source_artifact_id: row.sourceArtifactId,
    source_version: row.sourceVersion,
    event_id: row.eventId,
    at: row.at.toISOString(),
  };
}
