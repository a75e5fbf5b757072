/**
 * The reads behind the KGX export: the edges KGX can carry and their distinct nodes,
 * under the filters of `GET /api/kg/edges`, streamed in batches (a cursor on PostgreSQL, keyset
 * windows on PGlite — see `db/stream.ts`), and their counts for a progress bar.
 *
 * An edge is exportable when its subject and its object are both KGX node ids: the test is the one
 * of `core/kgx.ts`, written in SQL so that the edges and the nodes files always agree.
 */
import { and, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/database.ts';
import { kgEdges, kgNodes, models } from '../db/schema.ts';
import { type StreamableQuery, streamRows } from '../db/stream.ts';
import { KGX_NODE_ID_PATTERN, KGX_PREFIXES, type KgxEdgeRow, type KgxNodeRow } from './core/kgx.ts';
import { type EdgeFilter, whereEdgesMatch } from './edge-list.repository.ts';

function isNodeId(column: SQL): SQL {
  return sql`(${column} ~ ${KGX_NODE_ID_PATTERN} and split_part(${column}, ':', 1) = any(${sql.param(KGX_PREFIXES)}::text[]))`;
}

/** The filter's edges that KGX can carry. */
function exportable(filter: EdgeFilter): SQL {
  return and(
    whereEdgesMatch(filter),
    isNodeId(sql`${kgEdges.subject}`),
    isNodeId(sql`${kgEdges.object}`),
  ) as SQL;
}

function selectEdges(where: SQL): SQL {
  return sql`select ${kgEdges.id} as id, ${kgEdges.subject} as subject, ${kgEdges.predicate} as predicate,
                    ${kgEdges.object} as object, ${kgEdges.confidence} as confidence, ${kgEdges.status} as status,
                    ${kgEdges.reviewFlag} as review_flag, ${kgEdges.knowledgeLevel} as knowledge_level,
                    ${kgEdges.agentType} as agent_type, ${kgEdges.sourceArtifactId} as source_artifact_id,
                    ${kgEdges.sourceVersion} as source_version, ${models.modelName} as model_name
               from ${kgEdges} left join ${models} on ${models.id} = ${kgEdges.sourceArtifactId}
              where ${where}`;
}

/** The key `size` entries of `column`'s index past `after` (null when fewer remain), as `end`. */
function keyPast(column: SQL, after: string | null, size: number): SQL {
  return sql`(select ${column} from ${kgEdges} ${after === null ? sql`` : sql`where ${column} > ${after}`}
               order by ${column} offset ${size - 1} limit 1)`;
}

/** `column` in (after, end]. */
function within(column: SQL, after: string | null, end: string | null): SQL {
  return (
    and(
      after === null ? undefined : sql`${column} > ${after}`,
      end === null ? undefined : sql`${column} <= ${end}`,
    ) ?? sql`true`
  );
}

function kgxEdgeQuery(filter: EdgeFilter): StreamableQuery {
  const where = exportable(filter);
  const id = sql`${kgEdges.id}`;
  return {
    // No order: a cursor over a sequential scan is the fastest way through millions of rows.
    all: selectEdges(where),
    windowEnd: (after, size) => sql`select ${keyPast(id, after, size)} as "end"`,
    window: (after, end) => sql`${selectEdges(sql`${where} and ${within(id, after, end)}`)} order by ${id}`,
  };
}

/** The node ids `ids` selects (a column `id`), each with its name and category when it has them. */
function withNames(ids: SQL): SQL {
  return sql`select node.id, ${kgNodes.name} as name, ${kgNodes.category} as category
               from (${ids}) as node left join ${kgNodes} on ${kgNodes.id} = node.id`;
}

function kgxNodeQuery(filter: EdgeFilter): StreamableQuery {
  const where = exportable(filter);
  const [subject, object] = [sql`${kgEdges.subject}`, sql`${kgEdges.object}`];
  return {
    all: withNames(sql`select distinct node.id from ${kgEdges}
               cross join lateral (values (${subject}), (${object})) as node(id)
              where ${where}`),
    // The nearer of the two sides' ends, so that neither side's index is walked further than `size`
    // (least() skips a null: a side with fewer entries left than `size` does not end the window).
    windowEnd: (after, size) =>
      sql`select least(${keyPast(subject, after, size)}, ${keyPast(object, after, size)}) as "end"`,
    window: (after, end) =>
      sql`${withNames(sql`select ${subject} as id from ${kgEdges} where ${where} and ${within(subject, after, end)}
          union
          select ${object} from ${kgEdges} where ${where} and ${within(object, after, end)}`)}
          order by node.id`,
  };
}

/** The exportable edges of the filter with their source's lineage, in batches (see `db/stream.ts`). */
export function streamKgxEdges(db: Db, filter: EdgeFilter): AsyncGenerator<KgxEdgeRow[]> {
  return streamRows<KgxEdgeRow>(db, kgxEdgeQuery(filter));
}

/** The distinct subjects and objects of the filter's exportable edges with their names, in batches. */
export function streamKgxNodes(db: Db, filter: EdgeFilter): AsyncGenerator<KgxNodeRow[]> {
  return streamRows<KgxNodeRow>(db, kgxNodeQuery(filter));
}

/** How many edges match the filter, and how many of them KGX can carry. */
export async function countKgxEdges(
  db: Db,
  filter: EdgeFilter,
): Promise<{ matching: number; exportable: number }> {
  const [row] = await queryRows<{ matching: number; exportable: number }>(
    db,
    sql`select count(*)::int as matching,
               (count(*) filter (where ${isNodeId(sql`${kgEdges.subject}`)} and ${isNodeId(sql`${kgEdges.object}`)}))::int
                 as exportable
          from ${kgEdges} where ${whereEdgesMatch(filter) ?? sql`true`}`,
  );
  return row;
}

/** How many distinct nodes the exportable edges of the filter have. */
export async function countKgxNodes(db: Db, filter: EdgeFilter): Promise<number> {
  const [row] = await queryRows<{ nodes: number }>(
    db,
    sql`select count(distinct node.id)::int as nodes from ${kgEdges}
          cross join lateral (values (${kgEdges.subject}), (${kgEdges.object})) as node(id)
         where ${exportable(filter)}`,
  );
  return row.nodes;
}
