/**
 * The knowledge graph's write commands: the all-or-nothing bulk insert and a reviewer's decision.
 * The reads are `edge-read.service.ts`.
 */
import type { Caller } from '../caller.ts';
import type { Db, Tx } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { AlreadyExists, IllegalStatusChange, MissingReference, NotFound, RuleViolation } from '../errors.ts';
import { presentEvent } from '../events/event.presenter.ts';
import { type Event, insertEvent } from '../events/event.repository.ts';
import { assertMaintainsVersions } from '../registry/lineage.service.ts';
import { findVersionNumbers } from '../registry/model.repository.ts';
import { publishEvent } from '../webhooks/outbox.service.ts';
import type { Edge } from './core/edge.ts';
import {
  deriveEdgeId,
  type EdgeContent,
  hashEdgeContent,
  labelsForOrigin,
} from './core/edge-classification.ts';
import {
  applyReview,
  type EdgeInsert,
  findContentHashes,
  insertNewEdges,
  lockEdge,
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
  const versions = await findVersionNumbers(db, sourceIds);
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
  /** Attributing an edge to a model version needs a maintainer of its lineage (or `admin`). */
  caller: Caller;
  edges: NewEdgeRequest[];
}

/** Inserts up to 10,000 edges, all or none; re-sending an edge unchanged is a no-op, changed is 409. */
export async function insertEdges(
  deps: Pick<Deps, 'db'>,
  props: InsertEdgesProps,
): Promise<InsertEdgesResult> {
  return deps.db.transaction((tx) => insertInTransaction(tx, props));
}

async function insertInTransaction(tx: Tx, props: InsertEdgesProps): Promise<InsertEdgesResult> {
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
  edgeId: string;
  decision: 'keep' | 'retract';
  note: string;
  reviewer: string;
}

/** Clears an edge's review flag, retracting it or keeping it as validated, and logs the decision. */
export async function reviewEdge(
  deps: Pick<Deps, 'db' | 'clock'>,
  props: ReviewProps,
): Promise<{ edge: Edge; event: Event }> {
  const event = await deps.db.transaction(async (tx) => {
    const edge = await lockEdge(tx, props.edgeId);
    if (!edge) throw new NotFound(`edge '${props.edgeId}' does not exist`);
    if (!edge.reviewFlag) throw new IllegalStatusChange(`edge '${props.edgeId}' is not waiting for review`);
    await applyReview(tx, edge.id, props.decision);
    const reviewed = await insertEvent(tx, {
      eventType: 'kg_edge_reviewed',
      targetArtifactId: edge.id,
      actor: props.reviewer,
      detectionMetadata: { decision: props.decision, note: props.note, confidence: edge.confidence },
    });
    await publishEvent(tx, deps, {
      type: 'kg_edge_reviewed',
      data: presentEvent(reviewed),
      eventId: reviewed.id,
    });
    return reviewed;
  });
  return { edge: await getEdge(deps, props.edgeId), event };
}
