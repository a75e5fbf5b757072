/**
 * The knowledge graph as it stood at a moment: each edge's confidence, source and
 * source version are those of its last history entry at or before `asOf`; an edge with no entry
 * by then is left out. Reads only.
 *
 * Recomputing every edge's last entry would cost one history lookup per edge (seconds on two
 * million edges), so the lists split the edges in two. An edge with no history entry after
 * `asOf` stands today as it stood then, because every write that changes an edge's confidence or
 * source appends the history entry that records it, in the same statement or transaction
 * (`edge.repository.ts`), and every edge gets its first entry when it is inserted: those edges
 * are read from `kg_edges` through its usual indexes. Only the edges changed since — found by
 * `edge_history (at)` — are looked up in the history, through `edge_history (edge_id, at, id)`.
 * A list as of a recent moment costs about what the current list costs; one as of long ago costs
 * more, in proportion to what changed since.
 */
import { and, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/database.ts';
import {
  afterStart,
  offsetOf,
  orderOf,
  type Page,
  type PageStart,
  type SortKey,
  takePage,
} from '../db/keyset.ts';
import { kgEdges } from '../db/schema.ts';
import type { Edge } from './core/edge.ts';
import type { HistoryValues } from './edge-fields.repository.ts';
import { type EdgeFilter, historyConditions, statementConditions } from './edge-list.repository.ts';

const at = (asOf: string) => sql`${asOf}::timestamptz`;

/** The columns of an `Edge`, with the history-kept ones taken from `values`. */
function edgeColumns(values: { confidence: SQL; sourceArtifactId: SQL; sourceVersion: SQL }): SQL {
  return sql`kg_edges.id, kg_edges.subject, kg_edges.predicate, kg_edges.object, ${values.confidence} as confidence,
    kg_edges.origin, kg_edges.status, ${values.sourceArtifactId} as "sourceArtifactId",
    ${values.sourceVersion} as "sourceVersion", kg_edges.provenance_unknown as "provenanceUnknown",
    kg_edges.review_flag as "reviewFlag", kg_edges.review_reason as "reviewReason", kg_edges.inputs, kg_edges.metadata, kg_edges.knowledge_level as "knowledgeLevel",
    kg_edges.agent_type as "agentType", kg_edges.content_hash as "contentHash", kg_edges.created_at as "createdAt",
    kg_edges.updated_at as "updatedAt"`;
}

const CURRENT = edgeColumns({
  confidence: sql`kg_edges.confidence`,
  sourceArtifactId: sql`kg_edges.source_artifact_id`,
  sourceVersion: sql`kg_edges.source_version`,
});
const PAST = edgeColumns({
  confidence: sql`p.confidence`,
  sourceArtifactId: sql`p.source_artifact_id`,
  sourceVersion: sql`p.source_version`,
});
// Inside a query over `touched kg_edges`: the values the changed edge had at the moment.
const PAST_VALUES: HistoryValues = {
  confidence: sql`kg_edges.past_confidence`,
  sourceArtifactId: sql`kg_edges.past_source_artifact_id`,
};

type RawEdge = Omit<Edge, 'createdAt' | 'updatedAt'> & { createdAt: string | Date; updatedAt: string | Date };

// Raw queries get timestamps as PostgreSQL's text (the drivers' parsers are Drizzle's), not as Dates.
const toEdge = (row: RawEdge): Edge => ({
  ...row,
  createdAt: new Date(row.createdAt),
  updatedAt: new Date(row.updatedAt),
});

/** The last history entry of `edgeId` at or before `asOf`, as a lateral subquery. */
const lastEntry = (edgeId: SQL, asOf: string) =>
  sql`(select h.confidence, h.source_artifact_id, h.source_version from edge_history h
        where h.edge_id = ${edgeId} and h.at <= ${at(asOf)} order by h.at desc, h.id desc limit 1)`;

/**
 * `touched`: every edge with a history entry after `asOf`, with the values of its last entry at or
 * before `asOf` (`existed` false when it had none). Under a filter it also carries its filterable
 * columns as they are now (named as in `kg_edges`, so the list's conditions apply to it under that
 * alias) and skips the history of an edge created later; without one, the row is not read at all.
 * One history lookup per changed edge, and one primary-key lookup under a filter.
 */
const touchedCte = (asOf: string, isFiltered: boolean) => {
  const changed = sql`(select distinct edge_id as id from edge_history where at > ${at(asOf)}) c`;
  const last = (createdLater: SQL) =>
    sql`left join lateral (select h.confidence, h.source_artifact_id, h.source_version from edge_history h
                            where h.edge_id = c.id and h.at <= ${at(asOf)}${createdLater}
                            order by h.at desc, h.id desc limit 1) p on true`;
  const past = sql`p.confidence is not null as existed, p.confidence as past_confidence,
                   p.source_artifact_id as past_source_artifact_id, p.source_version as past_source_version`;
  return isFiltered
    ? sql`touched as materialized (
            select kg_edges.id, kg_edges.subject, kg_edges.predicate, kg_edges.object, kg_edges.confidence,
                   kg_edges.source_artifact_id, kg_edges.review_flag, kg_edges.review_reason, kg_edges.status,
                   kg_edges.provenance_unknown, kg_edges.origin, kg_edges.created_at, ${past}
              from ${changed} join kg_edges on kg_edges.id = c.id
              ${last(sql` and kg_edges.created_at <= ${at(asOf)}`)})`
    : sql`touched as materialized (select c.id, ${past} from ${changed} ${last(sql``)})`;
};

const isFiltered = (filter: EdgeFilter) =>
  statementConditions(filter) !== undefined || historyConditions(filter, kgEdges) !== undefined;

/**
 * "The edge's last history entry is at or before `asOf`": nothing changed it since, so it stands
 * as its row says. Its latest entry is read per edge through `edge_history (edge_id, at, id)` while
 * the edges are walked in list order; as a join, the planner would size the recent changes by the
 * statistics of `at`, which cannot know that a pass just re-scored thousands of edges in seconds.
 */
const unchangedSince = (asOf: string) =>
  sql`(select max(h.at) from edge_history h where h.edge_id = ${kgEdges.id}) <= ${at(asOf)}`;

const sortKey = (expr: SQL, id: SQL): SortKey => ({ expr, type: sql`float8`, id, order: 'desc' });

/** The changed edges' half of a page: at most `enough` of them, in list order, read in full for those only. */
function pastHalf(filter: EdgeFilter, start: PageStart, enough: number): SQL {
  const key = sortKey(sql`kg_edges.past_confidence`, sql`kg_edges.id`);
  const then = and(
    sql`kg_edges.existed`,
    statementConditions(filter),
    historyConditions(filter, PAST_VALUES),
    afterStart(key, start),
  );
  return sql`(select ${PAST} from (
                select kg_edges.id, kg_edges.past_confidence as confidence, kg_edges.past_source_artifact_id as source_artifact_id,
                       kg_edges.past_source_version as source_version
                  from touched kg_edges where ${then} order by ${orderOf(key)} limit ${enough}) p
              join kg_edges on kg_edges.id = p.id
              order by ${orderOf(sortKey(sql`p.confidence`, sql`p.id`))} limit ${enough})`;
}

/** The conditions of `filter` on the edges as they are now, and on the changed ones as they were. */
function conditionsOf(filter: EdgeFilter) {
  return {
    matchingNow: and(statementConditions(filter), historyConditions(filter, kgEdges)) ?? sql`true`,
    matchingThen: and(
      sql`kg_edges.existed`,
      statementConditions(filter),
      historyConditions(filter, PAST_VALUES),
    ),
  };
}

/**
 * A page of the edges matching `filter` as they stood at `asOf` (highest confidence then first,
 * ties by id), the position after it, and the count of all matches. The count is the current
 * list's own — the large part, served by the same indexes, and run beside the rest — less the
 * changed edges that match now, plus those that matched then; the page and that correction are one
 * statement, so the changed edges' history is read once. Each half of the page yields at most
 * offset + limit + 1 rows, in index order, and the two are merged.
 */
export async function findEdgesAsOf(
  db: Db,
  filter: EdgeFilter,
  asOf: string,
  start: PageStart,
  limit: number,
): Promise<Page<Edge> & { total: number }> {
  const enough = offsetOf(start) + limit + 1;
  const currentKey = sortKey(sql`${kgEdges.confidence}`, sql`${kgEdges.id}`);
  const current = and(
    statementConditions(filter),
    historyConditions(filter, kgEdges),
    unchangedSince(asOf),
    afterStart(currentKey, start),
  );
  const { matchingNow, matchingThen } = conditionsOf(filter);
  const [rows, [{ matching }]] = await Promise.all([
    queryRows<RawEdge & { correction: number }>(
      db,
      sql`with ${touchedCte(asOf, isFiltered(filter))},
          page as (
            select * from (
              (select ${CURRENT} from kg_edges where ${current} order by ${orderOf(currentKey)} limit ${enough})
              union all
              ${pastHalf(filter, start, enough)}
            ) r
            order by ${orderOf(sortKey(sql`r.confidence`, sql`r.id`))} limit ${limit + 1} offset ${offsetOf(start)})
          select t.correction, page.*
            from (select ((select count(*) from touched kg_edges where ${matchingThen})
                        - (select count(*) from touched kg_edges where ${matchingNow}))::int as correction) t
            left join page on true
           order by ${orderOf(sortKey(sql`page.confidence`, sql`page.id`))}`,
    ),
    queryRows<{ matching: number }>(
      db,
      sql`select count(*)::int as matching from kg_edges where ${matchingNow}`,
    ),
  ]);
  // With an empty page, the one row carries only the correction.
  const edges = rows
    .filter((row) => row.id !== null)
    .map(({ correction: _correction, ...row }) => toEdge(row));
  return {
    ...takePage(edges, limit, (edge) => ({ value: String(edge.confidence), id: edge.id })),
    total: matching + rows[0].correction,
  };
}

/** The edge with this id as it stood at `asOf`, or undefined when it does not exist or had no entry by then. */
export async function findEdgeAsOf(db: Db, id: string, asOf: string): Promise<Edge | undefined> {
  const [row] = await queryRows<RawEdge>(
    db,
    sql`select ${PAST} from kg_edges cross join lateral ${lastEntry(sql`${kgEdges.id}`, asOf)} p
         where kg_edges.id = ${id}`,
  );
  return row && toEdge(row);
}
