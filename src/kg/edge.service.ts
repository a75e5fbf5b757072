/**
 * The knowledge graph's write commands: the all-or-nothing bulk insert and a reviewer's decision.
 * The reads are `edge-read.service.ts`.
 */
import { assertScope, type Caller } from '../caller.ts';
import type { Db } from '../db/database.ts';
import type { Deps, Unit } from '../deps.ts';
import { AlreadyExists, IllegalStatusChange, MissingReference, NotFound, RuleViolation } from '../errors.ts';
import { type Event, logEvent } from '../events/event.service.ts';
import { assertMaintainsVersions } from '../registry/lineages/lineage.service.ts';
import { getVersionNumbers } from '../registry/models/model-read.service.ts';
import type { Edge, ReviewReason } from './core/edge.ts';
import {
  deriveEdgeId,
  type EdgeContent,
  hashEdgeContent,
  labelsForOrigin,
} from './core/edge-classification.ts';
import {
  type Attributions,
  applyReview,
  attributeEdges as attributeRows,
  countActiveEdgesOf,
  type EdgeInsert,
  findContentHashes,
  flagActiveEdgesOf,
  insertNewEdges,
  lockEdge,
  markEdgesUnknown as markRowsUnknown,
  type Reattribution,
  reattributeEdges as reattributeRows,
  recordCurrentConfidence,
} from './edge.repository.ts';
import type { NewEdgeRequest } from './edge.schemas.ts';
import { getEdge } from './edge-read.service.ts';

/** What a bulk insert did. */
export interface InsertEdgesResult {
  inserted: number;
  unchanged: number;
  /** The id of every edge sent, in order (derived for edges sent without one). */
  ids: string[];
}

function toRow(edge: NewEdgeRequest): EdgeInsert {
  const content: EdgeContent = {
    subject: edge.subject,
    predicate: edge.predicate,
    object: edge.object,
    confidence: edge.confidence,
    origin: edge.origin,
    source_artifact_id: edge.source_artifact_id ?? null,
    source_version: edge.source_version ?? null,
    inputs: edge.inputs ?? null,
    metadata: edge.metadata ?? {},
  };
  const labels = labelsForOrigin(edge.origin);
  return {
    id: edge.id ?? deriveEdgeId(content),
    subject: content.subject,
    predicate: content.predicate,
    object: content.object,
    confidence: content.confidence,
    origin: content.origin,
    sourceArtifactId: content.source_artifact_id,
    sourceVersion: content.source_version,
    inputs: content.inputs,
    metadata: content.metadata,
    knowledgeLevel: labels.knowledgeLevel,
    agentType: labels.agentType,
    contentHash: hashEdgeContent(content),
  };
}

/** Throws 422 unless every named source is a model version sent with its own version number. */
async function assertSourcesExist(db: Db, rows: EdgeInsert[]): Promise<void> {
  const sourceIds = [...new Set(rows.flatMap((row) => (row.sourceArtifactId ? [row.sourceArtifactId] : [])))];
  const versions = await getVersionNumbers({ db }, sourceIds);
  const missing = sourceIds.filter((id) => !versions.has(id));
  if (missing.length > 0) {
    throw new MissingReference(`unknown model version(s) in source_artifact_id: ${missing.join(', ')}`, {
      missing,
    });
  }
  for (const row of rows) {
    if (!row.sourceArtifactId) {
      if (row.sourceVersion !== null)
        throw new RuleViolation(`edge '${row.id}' has a source_version but no source_artifact_id`);
      continue;
    }
    const expected = versions.get(row.sourceArtifactId);
    if (row.sourceVersion !== expected) {
      throw new RuleViolation(
        `edge '${row.id}': source_version must be ${expected}, the version number of '${row.sourceArtifactId}'`,
        { edge_id: row.id, expected },
      );
    }
  }
}

/** Keeps one row per id; two different contents under one id are a conflict. */
function dedupe(rows: EdgeInsert[]): EdgeInsert[] {
  const byId = new Map<string, EdgeInsert>();
  for (const row of rows) {
    const seen = byId.get(row.id);
    if (seen && seen.contentHash !== row.contentHash) {
      throw new AlreadyExists(`edge '${row.id}' is sent twice with different content`, { id: row.id });
    }
    byId.set(row.id, row);
  }
  return [...byId.values()];
}

/** A bulk insert: who writes it, and up to 10,000 edges. */
export interface InsertEdgesProps {
  unit: Unit;
  /** A writer (scope `write`); attributing an edge to a model version needs a maintainer of its lineage (or `admin`). */
  caller: Caller;
  edges: NewEdgeRequest[];
}

/** Inserts up to 10,000 edges, all or none; re-sending an edge unchanged is a no-op, changed is 409. */
export async function insertEdges(_deps: Deps, props: InsertEdgesProps): Promise<InsertEdgesResult> {
  assertScope(props.caller, 'write');
  const { tx } = props.unit;
  const all = props.edges.map(toRow);
  const rows = dedupe(all);
  await assertSourcesExist(tx, rows);
  const sources = [...new Set(rows.flatMap((row) => (row.sourceArtifactId ? [row.sourceArtifactId] : [])))];
  await assertMaintainsVersions(tx, props.caller, sources);
  const inserted = new Set(await insertNewEdges(tx, rows));
  const existing = await findContentHashes(
    tx,
    rows.filter((row) => !inserted.has(row.id)).map((row) => row.id),
  );
  const conflicts = rows.filter((row) => existing.has(row.id) && existing.get(row.id) !== row.contentHash);
  if (conflicts.length > 0) {
    const ids = conflicts.map((row) => row.id);
    throw new AlreadyExists(`edge(s) already exist with different content: ${ids.slice(0, 20).join(', ')}`, {
      ids,
    });
  }
  await recordCurrentConfidence(tx, [...inserted]);
  return { inserted: inserted.size, unchanged: rows.length - inserted.size, ids: all.map((row) => row.id) };
}

/** A reviewer's decision on a flagged edge. */
export interface ReviewProps {
  unit: Unit;
  /** The reviewer (scope `evaluate`). */
  caller: Caller;
  edgeId: string;
  decision: 'keep' | 'retract';
  note: string;
}

/** Clears an edge's review flag, retracting it or keeping it as validated, and logs and publishes the decision. */
export async function reviewEdge(_deps: Deps, props: ReviewProps): Promise<{ edge: Edge; event: Event }> {
  assertScope(props.caller, 'evaluate');
  const { unit } = props;
  const edge = await lockEdge(unit.tx, props.edgeId);
  if (!edge) throw new NotFound(`edge '${props.edgeId}' does not exist`);
  if (!edge.reviewFlag) throw new IllegalStatusChange(`edge '${props.edgeId}' is not waiting for review`);
  await applyReview(unit.tx, edge.id, props.decision);
  const event = await logEvent(unit, {
    eventType: 'kg_edge_reviewed',
    targetArtifactId: edge.id,
    actor: props.caller.agentId,
    detectionMetadata: { decision: props.decision, note: props.note, confidence: edge.confidence },
  });
  await unit.publish({ type: 'kg_edge_reviewed', logged: event });
  return { edge: await getEdge({ db: unit.tx }, props.edgeId), event };
}

/**
 * Moves the rescored edges still attributed to the parent version to the child with their new
 * confidences (a history row each, tied to its event); a large decrease flags the edge for review.
 */
export function reattributeEdges(
  unit: Unit,
  from: { id: string },
  to: { id: string; versionNumber: number },
  edges: Reattribution[],
): Promise<void> {
  return reattributeRows(unit.tx, from, to, edges);
}

/** Attributes edges the backfill resolved to their model versions; returns how many each rule attributed. */
export function attributeEdges(
  unit: Unit,
  attributions: Attributions,
): Promise<{ rule: string; count: number }[]> {
  return attributeRows(unit.tx, attributions);
}

/** Marks edges no backfill rule resolved as of unknown provenance; returns how many it marked. */
export function markEdgesUnknown(unit: Unit, edgeIds: string[]): Promise<number> {
  return markRowsUnknown(unit.tx, edgeIds);
}

/**
 * Puts every active edge attributed to the listed model versions in the review queue for `reason`
 * (a retraction they are built on), in the unit's transaction; returns how many it flagged.
 */
export function flagEdgesOfVersions(unit: Unit, versionIds: string[], reason: ReviewReason): Promise<number> {
  return flagActiveEdgesOf(unit.tx, versionIds, reason);
}

/** How many active edges the listed model versions are the source of (what `flagEdgesOfVersions` would flag). */
export function countActiveEdgesOfVersions(deps: Pick<Deps, 'db'>, versionIds: string[]): Promise<number> {
  return countActiveEdgesOf(deps.db, versionIds);
}
