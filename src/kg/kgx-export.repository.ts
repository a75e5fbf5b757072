/**
 * The reads behind the KGX export (SPEC §11): the edges KGX can carry and their distinct nodes,
 * under the filters of `GET /api/kg/edges`, as streamable queries (a cursor on PostgreSQL, keyset
 * pages on PGlite — see `db/stream.ts`), and their counts for a progress bar.
 *
 * An edge is exportable when its subject and its object are both KGX node ids: the test is the one
 * of `core/kgx.ts`, written in SQL so that the edges and the nodes files always agree.
 */
import { and, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/database.ts';
import { kgEdges, models } from '../db/schema.ts';
import type { StreamableQuery } from '../db/stream.ts';
import { KGX_NODE_ID_PATTERN, KGX_PREFIXES, type KgxEdgeRow } from './core/kgx.ts';
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

/** The exportable edges with their source's lineage: whole in any order, or pages in id order. */
export function kgxEdgeQuery(filter: EdgeFilter): StreamableQuery<KgxEdgeRow, string> {
  const where = exportable(filter);
  return {
    // No order: a cursor over a sequential scan is the fastest way through millions of rows.
    all: selectEdges(where),
    page: (after, limit) =>
      sql`${selectEdges(after === null ? where : sql`${where} and ${kgEdges.id} > ${after}`)}
          order by ${kgEdges.id} limit ${limit}`,
    keyOf: (row) => row.id,
  };
}

/** The distinct subjects and objects of the exportable edges: whole in any order, or pages in order. */
export function kgxNodeQuery(filter: EdgeFilter): StreamableQuery<{ id: string }, string> {
  const where = exportable(filter);
  // Each side walks its own index in order and stops after `limit` distinct values past the key,
  // so a page costs about `limit` rows instead of a distinct over the whole table.
  const side = (column: SQL, after: string | null, limit: number) =>
    sql`(select ${column} as id from ${kgEdges}
          where ${after === null ? where : sql`${where} and ${column} > ${after}`}
          group by ${column} order by ${column} limit ${limit})`;
  return {
    all: sql`select distinct node.id from ${kgEdges}
               cross join lateral (values (${kgEdges.subject}), (${kgEdges.object})) as node(id)
              where ${where}`,
    page: (after, limit) =>
      sql`select id from (${side(sql`${kgEdges.subject}`, after, limit)}
                          union ${side(sql`${kgEdges.object}`, after, limit)}) nodes
           order by id limit ${limit}`,
    keyOf: (row) => row.id,
  };
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
