/**
 * The reads of knowledge-graph edges: filtered pages in confidence order (offset or keyset), one
 * edge, per-version counts, and confidence histories.
 */
import { and, asc, eq, gte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import {
  afterStart,
  offsetOf,
  orderOf,
  type Page,
  type PageStart,
  type SortKey,
  takePage,
} from '../db/keyset.ts';
import { edgeHistory, kgEdges } from '../db/schema.ts';
import type { ParsedFilter } from '../search/core/filter-parser.ts';
import type { Edge, HistoryEntry, ReviewReason } from './core/edge.ts';
import { edgeFilterCondition, type HistoryValues } from './edge-fields.repository.ts';

/** Filters of `GET /api/kg/edges`. */
export interface EdgeFilter {
  sourceArtifactId?: string;
  subject?: string;
  object?: string;
  predicate?: string;
  flagged?: boolean;
  /** Only flagged edges with this review reason. */
  reviewReason?: ReviewReason;
  status?: string;
  provenanceUnknown?: boolean;
  minConfidence?: number;
  /** A search-language filter, AND-ed with the rest (`edge-fields.repository.ts`). */
  expression?: ParsedFilter;
}

/**
 * The conditions on what an edge says and how it is held now (statement, review flag, status,
 * provenance flag): the history does not record these, so an `as_of` list applies them as they
 * are now.
 */
export function statementConditions(filter: EdgeFilter): SQL | undefined {
  return and(
    filter.subject === undefined ? undefined : eq(kgEdges.subject, filter.subject),
    filter.object === undefined ? undefined : eq(kgEdges.object, filter.object),
    filter.predicate === undefined ? undefined : eq(kgEdges.predicate, filter.predicate),
    filter.flagged === undefined ? undefined : eq(kgEdges.reviewFlag, filter.flagged),
    filter.reviewReason === undefined
      ? undefined
      : and(eq(kgEdges.reviewFlag, true), eq(kgEdges.reviewReason, filter.reviewReason)),
    filter.status === undefined ? undefined : eq(kgEdges.status, filter.status),
    filter.provenanceUnknown === undefined
      ? undefined
      : eq(kgEdges.provenanceUnknown, filter.provenanceUnknown),
  );
}

/**
 * The conditions on the values the history keeps (source, confidence), read from `values` — the
 * search-language filter's among them, since it may name either.
 */
export function historyConditions(filter: EdgeFilter, values: HistoryValues): SQL | undefined {
  return and(
    filter.sourceArtifactId === undefined ? undefined : eq(values.sourceArtifactId, filter.sourceArtifactId),
    filter.minConfidence === undefined ? undefined : gte(values.confidence, filter.minConfidence),
    filter.expression === undefined ? undefined : edgeFilterCondition(filter.expression, values),
  );
}

/** The condition "matches `filter`" over `kg_edges` as they are now (undefined when nothing is filtered). */
export function whereEdgesMatch(filter: EdgeFilter): SQL | undefined {
  return and(statementConditions(filter), historyConditions(filter, kgEdges));
}

// Every edge list: highest confidence first, ties by id.
const EDGE_SORT_KEY: SortKey = {
  expr: sql`${kgEdges.confidence}`,
  type: sql`float8`,
  id: sql`${kgEdges.id}`,
  order: 'desc',
};

/** A page of matching edges in `EDGE_SORT` order, the position after it, and the count of all matches. */
export async function findEdges(
  db: Db,
  filter: EdgeFilter,
  start: PageStart,
  limit: number,
): Promise<Page<Edge> & { total: number }> {
  const where = whereEdgesMatch(filter);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select()
      .from(kgEdges)
      .where(and(where, afterStart(EDGE_SORT_KEY, start)))
      .orderBy(orderOf(EDGE_SORT_KEY))
      .limit(limit + 1)
      .offset(offsetOf(start)),
    db.select({ total: sql<number>`count(*)::int` }).from(kgEdges).where(where),
  ]);
  return { ...takePage(rows, limit, (edge) => ({ value: String(edge.confidence), id: edge.id })), total };
}

/** The edge with this id, or undefined. */
export async function findEdgeById(db: Db, id: string): Promise<Edge | undefined> {
  const [row] = await db.select().from(kgEdges).where(eq(kgEdges.id, id));
  return row;
}

/** The listed edges' confidence histories, oldest first; only the entries at or before `asOf` when given. */
export async function findHistory(db: Db, edgeIds: string[], asOf?: string): Promise<HistoryEntry[]> {
  if (edgeIds.length === 0) return [];
  return db
    .select()
    .from(edgeHistory)
    .where(
      and(
        sql`${edgeHistory.edgeId} = any(${sql.param(edgeIds)}::text[])`,
        asOf === undefined ? undefined : sql`${edgeHistory.at} <= ${asOf}::timestamptz`,
      ),
    )
    .orderBy(asc(edgeHistory.id));
}
