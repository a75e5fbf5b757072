/**
 * The writes of knowledge-graph edges and their confidence history — the only SQL that writes
 * `kg_edges` and `edge_history`: inserts, reviews, the rescore's re-attribution and the
 * backfill's attribution, each set-based. Nothing here deletes an edge. The reads are
 * `edge-list.repository.ts`.
 */
import { eq, sql } from 'drizzle-orm';
import { type Db, queryRows, type Tx } from '../db/database.ts';
import { kgEdges } from '../db/schema.ts';
import type { Edge, ReviewReason } from './core/edge.ts';
import { type BiolinkLabels, MODEL_PREDICTION, NOT_PROVIDED } from './core/edge-classification.ts';

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

/** Records a reviewer's decision: the flag and its reason cleared, and the edge retracted or marked as validated. */
export async function applyReview(tx: Tx, id: string, decision: 'keep' | 'retract'): Promise<void> {
  await tx
    .update(kgEdges)
    .set({
      reviewFlag: false,
      reviewReason: null,
      updatedAt: sql`now()`,
      ...(decision === 'retract'
        ? { status: 'retracted' }
        : { agentType: 'manual_validation_of_automated_agent' }),
    })
    .where(eq(kgEdges.id, id));
}

/** Locks an edge row for a review. */
export async function lockEdge(tx: Tx, id: string): Promise<Edge | undefined> {
  const [row] = await tx.select().from(kgEdges).where(eq(kgEdges.id, id)).for('update');
  return row;
}

/** One edge's new confidence from a rescore pass, with the event that records the change. */
export interface Reattribution {
  edgeId: string;
  confidence: number;
  /** Flag the edge for review (a large decrease); an edge already flagged stays flagged, for its first reason. */
  flag: boolean;
  eventId: number;
}

/**
 * Moves edges still attributed to `from.id` to the child version with their new confidences, and
 * appends a history row per edge it moved, tied to its event. An edge no longer on the parent (a
 * concurrent pass got there first) is left alone.
 */
export async function reattributeEdges(
  tx: Tx,
  from: { id: string },
  to: { id: string; versionNumber: number },
  edges: Reattribution[],
): Promise<void> {
  if (edges.length === 0) return;
  await tx.execute(sql`
    with batch as (
      select * from unnest(${sql.param(edges.map((e) => e.edgeId))}::text[],
                           ${sql.param(edges.map((e) => e.confidence))}::float8[],
                           ${sql.param(edges.map((e) => e.flag))}::boolean[],
                           ${sql.param(edges.map((e) => e.eventId))}::bigint[]) as t(id, confidence, flag, event_id)
    ), updated as (
      update kg_edges e
         set confidence = b.confidence, source_artifact_id = ${to.id},
             source_version = ${to.versionNumber}, review_flag = e.review_flag or b.flag,
             review_reason = coalesce(e.review_reason, case when b.flag then 'large_decrease' end),
             updated_at = now()
        from batch b
       where e.id = b.id and e.source_artifact_id = ${from.id}
      returning e.id, e.confidence, b.event_id
    )
    insert into edge_history (edge_id, confidence, source_artifact_id, source_version, event_id)
    select u.id, u.confidence, ${to.id}, ${to.versionNumber}, u.event_id from updated u`);
}

/** Edges the backfill resolved to model versions, by the rule that resolved each (parallel arrays). */
export interface Attributions {
  edgeIds: string[];
  modelIds: string[];
  versionNumbers: number[];
  rules: string[];
}

/**
 * Attributes edges that are still unattributed, appends one history row per edge it changed, and
 * returns how many it changed per rule. The re-check makes a concurrent second pass harmless.
 */
export async function attributeEdges(
  tx: Tx,
  attributions: Attributions,
): Promise<{ rule: string; count: number }[]> {
  const labels: BiolinkLabels = MODEL_PREDICTION;
  const rows = await queryRows<{ rule: string; count: number }>(
    tx,
    sql`with target as (
          select * from unnest(${sql.param(attributions.edgeIds)}::text[], ${sql.param(attributions.modelIds)}::text[],
                               ${sql.param(attributions.versionNumbers)}::int[], ${sql.param(attributions.rules)}::text[])
                   as t(edge_id, model_id, version_number, rule)
        ), updated as (
          update kg_edges e
             set source_artifact_id = t.model_id, source_version = t.version_number,
                 knowledge_level = ${labels.knowledgeLevel}, agent_type = ${labels.agentType},
                 updated_at = now()
            from target t
           where e.id = t.edge_id and e.origin = 'model'
             and e.source_artifact_id is null and not e.provenance_unknown
          returning e.id, e.confidence, e.source_artifact_id, e.source_version, t.rule
        ), history as (
          insert into edge_history (edge_id, confidence, source_artifact_id, source_version, event_id)
          select id, confidence, source_artifact_id, source_version, null from updated
        )
        select rule, count(*)::int as count from updated group by rule`,
  );
  return rows.map((row) => ({ rule: row.rule, count: Number(row.count) }));
}

/** Marks the listed edges that are still unattributed as of unknown provenance; returns how many. */
export async function markEdgesUnknown(tx: Tx, edgeIds: string[]): Promise<number> {
  const [row] = await queryRows<{ count: number }>(
    tx,
    sql`with updated as (
        update kg_edges
           set provenance_unknown = true, source_artifact_id = null, source_version = null,
               knowledge_level = ${NOT_PROVIDED.knowledgeLevel}, agent_type = ${NOT_PROVIDED.agentType},
               updated_at = now()
         where id = any(${sql.param(edgeIds)}::text[]) and origin = 'model'
           and source_artifact_id is null and not provenance_unknown
        returning 1
        )
        select count(*)::int as count from updated`,
  );
  return Number(row.count);
}

/**
 * Flags every active edge attributed to the listed model versions for review with `reason`, in one
 * statement; confidences, attributions and statuses stay. Returns how many edges it flagged.
 */
export async function flagActiveEdgesOf(tx: Tx, versionIds: string[], reason: ReviewReason): Promise<number> {
  if (versionIds.length === 0) return 0;
  const [row] = await queryRows<{ count: number }>(
    tx,
    sql`with flagged as (
          update kg_edges
             set review_flag = true, review_reason = ${reason}, updated_at = now()
           where source_artifact_id = any(${sql.param(versionIds)}::text[]) and status = 'active'
          returning 1
        )
        select count(*)::int as count from flagged`,
  );
  return Number(row.count);
}

/** How many active edges are attributed to the listed model versions. */
export async function countActiveEdgesOf(db: Db, versionIds: string[]): Promise<number> {
  if (versionIds.length === 0) return 0;
  const [row] = await queryRows<{ count: number }>(
    db,
    sql`select count(*)::int as count from kg_edges
         where source_artifact_id = any(${sql.param(versionIds)}::text[]) and status = 'active'`,
  );
  return Number(row.count);
}
