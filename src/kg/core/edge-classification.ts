/**
 * Pure rules about edges: the Biolink `knowledge_level` / `agent_type` an edge gets, and the
 * content hash and id of an edge as sent.
 */
import { createHash } from 'node:crypto';

/** An edge's Biolink knowledge level and agent type. */
export interface BiolinkLabels {
  knowledgeLevel: string;
  agentType: string;
}

/** A model's inference, attributed or waiting for the backfill. */
export const MODEL_PREDICTION: BiolinkLabels = {
  knowledgeLevel: 'prediction',
  agentType: 'computational_model',
};
/** An edge whose producer cannot be recovered. */
export const NOT_PROVIDED: BiolinkLabels = { knowledgeLevel: 'not_provided', agentType: 'not_provided' };

const BY_ORIGIN: Record<string, BiolinkLabels> = {
  model: MODEL_PREDICTION,
  curated: { knowledgeLevel: 'knowledge_assertion', agentType: 'manual_agent' },
  literature: { knowledgeLevel: 'knowledge_assertion', agentType: 'text_mining_agent' },
  other: NOT_PROVIDED,
};

/** The labels a new edge of this origin starts with. */
export function labelsForOrigin(origin: string): BiolinkLabels {
  return BY_ORIGIN[origin] ?? NOT_PROVIDED;
}

/** The fields of an edge as a client sends it. */
export interface EdgeContent {
  subject: string;
  predicate: string;
  object: string;
  confidence: number;
  origin: string;
  source_artifact_id: string | null;
  source_version: number | null;
  inputs: unknown;
  metadata: Record<string, unknown>;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, child]) => `${JSON.stringify(key)}:${canonicalJson(child)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The hash of an edge's content (key order does not matter), to tell a re-send from a conflict. */
export function hashEdgeContent(content: EdgeContent): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/** The id of an edge sent without one: derived from its statement and source, so re-sends match. */
export function deriveEdgeId(
  content: Pick<EdgeContent, 'subject' | 'predicate' | 'object' | 'origin' | 'source_artifact_id'>,
) {
  const key = canonicalJson([
    content.subject,
    content.predicate,
    content.object,
    content.origin,
    content.source_artifact_id,
  ]);
  return `edge-${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
}
