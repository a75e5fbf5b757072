/**
 * Knowledge-graph edges and their confidence history in the database. Nothing here deletes an edge.
 */
import { and, asc, desc, eq, gte, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows, type Tx } from '../db/database.ts';
import { edgeHistory, kgEdges } from '../db/schema.ts';
import type { PageStart } from '../http/cursor.ts';

/** An edge row. */
export type EdgeRow = typeof kgEdges.$inferSelect;
/** A history row. */
export type HistoryRow = typeof edgeHistory.$inferSelect;
/** An edge ready to insert. */
export type EdgeInsert = typeof kgEdges.$inferInsert;

/**
 * Inserts edges whose id is free, in one statement; returns the ids it inserted. A new edge's
 * `updated_at` is its `created_at` (a column default of `now()` would be the transaction's start,
 * before the edge existed).
 */
export async function insertNewEdges(tx: Tx, rows: EdgeInsert[]): Promise<string[]> {
  const column = <T>(pick: (row: EdgeInsert) => T) => sql.param(rows.map(pick));
  const json = (pick: (row: EdgeInsert) => unknown) =>
    column((row) => (pick(row) === undefined || pick(row) === null ? null : JSON.stringify(pick(row))));
  const inserted = await queryRows<{ id: string }>(
    tx,
    sql`insert into kg_edges (id, subject, predicate, object, confidence, origin, source_artifact_id, source_version,
                              inputs, metadata, knowledge_level, agent_type, content_hash, created_at, updated_at)
        select id, subject, predicate, object, confidence, origin, source_artifact_id, source_version,
               inputs::jsonb, metadata::jsonb, knowledge_level, agent_type, content_hash, at, at
          from (select *, clock_timestamp() as at from unnest(${column((r) => r.id)}::text[], ${column((r) => r.subject)}::text[],
                      ${column((r) => r.predicate)}::text[], ${column((r) => r.object)}::text[],
                      ${column((r) => r.confidence)}::float8[], ${column((r) => r.origin)}::text[],
                      ${column((r) => r.sourceArtifactId ?? null)}::text[], ${column((r) => r.sourceVersion ?? null)}::int[],
                      ${json((r) => r.inputs)}::text[], ${json((r) => r.metadata ?? {})}::text[],
                      ${column((r) => r.knowledgeLevel)}::text[], ${column((r) => r.agentType)}::text[],
                      ${column((r) => r.contentHash ?? null)}::text[])
            as t(id, subject, predicate, object, confidence, origin, source_artifact_id, source_version,
                 inputs, metadata, knowledge_level, agent_type, content_hash)) as timed
        on conflict (id) do nothing
        returning id`,
  );
  return inserted.map((row) => row.id);
}

/** The content hash of each existing edge among `ids`. */
export async function findContentHashes(db: Db, ids: string[]): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: string; content_hash: string | null }>(
    db,
    sql`select id, content_hash from kg_edges where id = any(${sql.param(ids)}::text[])`,
  );
  return new Map(rows.map((row) => [row.id, row.content_hash]));
}

/** Appends a history row per listed edge with its current confidence and source, dated when it was set. */
export async function recordCurrentConfidence(
  tx: Tx,
  ids: string[],
  eventId: number | null = null,
): Promise<void> {
  if (ids.length === 0) return;
  await tx.execute(
    sql`insert into edge_history (edge_id, confidence, source_artifact_id, source_version, event_id, at)
        select id, confidence, source_artifact_id, source_version, ${eventId}::bigint, updated_at
          from kg_edges where id = any(${sql.param(ids)}::text[])`,
  );
}

/** Filters of `GET /api/kg/edges`. */
export interface EdgeFilter {
  sourceArtifactId?: string;
  subject?: string;
  object?: string;
  predicate?: string;
  flagged?: boolean;
  status?: string;
  provenanceUnknown?: boolean;
  minConfidence?: number;
}

function whereOf(filter: EdgeFilter): SQL | undefined {
  return and(
    filter.sourceArtifactId === undefined ? undefined : eq(kgEdges.sourceArtifactId, filter.sourceArtifactId),
    filter.subject === undefined ? undefined : eq(kgEdges.subject, filter.subject),
    filter.object === undefined ? undefined : eq(kgEdges.object, filter.object),
    filter.predicate === undefined ? undefined : eq(kgEdges.predicate, filter.predicate),
    filter.flagged === undefined ? undefined : eq(kgEdges.reviewFlag, filter.flagged),
    filter.status === undefined ? undefined : eq(kgEdges.status, filter.status),
    filter.provenanceUnknown === undefined
      ? undefined
      : eq(kgEdges.provenanceUnknown, filter.provenanceUnknown),
    filter.minConfidence === undefined ? undefined : gte(kgEdges.confidence, filter.minConfidence),
  );
}

/** The sort of every edge list, as named in its keyset cursors. */
export const EDGE_SORT = 'confidence:desc';

/** After the edge with this confidence (PostgreSQL's exact text form) and id, in `EDGE_SORT` order. */
function after(position: { value: string | null; id: string }): SQL {
  const confidence = sql`cast(${position.value} as float8)`;
  return sql`(${kgEdges.confidence} < ${confidence} or (${kgEdges.confidence} = ${confidence} and ${kgEdges.id} > ${position.id}))`;
}

/**
 * A page of matching edges, highest confidence first (ties by id), starting at an offset or after
 * a keyset position; whether more follow; and the count of all matches.
 */
export async function findEdges(db: Db, filter: EdgeFilter, page: { limit: number } & PageStart) {
  const where = whereOf(filter);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select()
      .from(kgEdges)
      .where('after' in page ? and(where, after(page.after)) : where)
      .orderBy(desc(kgEdges.confidence), asc(kgEdges.id))
      .limit(page.limit + 1)
      .offset('offset' in page ? page.offset : 0),
    db.select({ total: sql<number>`count(*)::int` }).from(kgEdges).where(where),
  ]);
  return { edges: rows.slice(0, page.limit), total, hasMore: rows.length > page.limit };
}

/** The edge with this id, or undefined. */
export async function findEdgeById(db: Db, id: string): Promise<EdgeRow | undefined> {
  const [row] = await db.select().from(kgEdges).where(eq(kgEdges.id, id));
  return row;
}

/** An edge's confidence history, oldest first. */
export async function findHistory(db: Db, edgeIds: string[]): Promise<HistoryRow[]> {
  if (edgeIds.length === 0) return [];
  return db
    .select()
    .from(edgeHistory)
    .where(sql`${edgeHistory.edgeId} = any(${sql.param(edgeIds)}::text[])`)
    .orderBy(asc(edgeHistory.id));
}

/** Records a reviewer's decision: the flag cleared, and the edge retracted or marked as validated. */
export async function applyReview(tx: Tx, id: string, decision: 'keep' | 'retract'): Promise<void> {
  await tx
    .update(kgEdges)
    .set({
      reviewFlag: false,
      updatedAt: sql`now()`,
      ...(decision === 'retract'
        ? { status: 'retracted' }
        : { agentType: 'manual_validation_of_automated_agent' }),
    })
    .where(eq(kgEdges.id, id));
}

/** Locks an edge row for a review. */
export async function lockEdge(tx: Tx, id: string): Promise<EdgeRow | undefined> {
  const [row] = await tx.select().from(kgEdges).where(eq(kgEdges.id, id)).for('update');
  return row;
}
