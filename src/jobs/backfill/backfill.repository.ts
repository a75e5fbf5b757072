/**
 * The backfill's own SQL, set-based on both stores: one query resolves every
 * unattributed model edge to a model version (a read across edges, models, links and artifacts),
 * and the lineage locks its workers take. The writes are the edge repository's `attributeEdges`
 * and `markEdgesUnknown`, which re-check that each edge is still unattributed, so a second pass
 * running at the same moment can never attribute an edge twice.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/database.ts';
import { INFERRED_AT_PATTERN } from './core/inferred-at.ts';
import type { AttributionRule, ResolvedGroup } from './core/slices.ts';

interface GroupRow {
  lineage: string | null;
  rule: AttributionRule | null;
  model_id: string | null;
  version_number: number | null;
  edge_ids: string[];
}

/**
 * Resolves every edge waiting for the backfill, grouped by the model version it resolves to (one
 * group with all fields null holds the edges no rule resolves). The rules are tried in their documented order
 * through laterals that each run only when the earlier ones found nothing.
 */
export async function resolveUnattributedEdges(tx: Tx): Promise<ResolvedGroup[]> {
  // Offset-less `inferred_at` values mean UTC, whatever the server's own time zone is.
  await tx.execute(sql`set local time zone 'UTC'`);
  const rows = await queryRows<GroupRow>(
    tx,
    sql`with candidate as (
          select e.id, e.metadata, e.created_at, e.metadata->>'inferred_at' as raw_at
            from kg_edges e
           where e.origin = 'model' and e.source_artifact_id is null and not e.provenance_unknown
        ), timed as (
          -- Nested CASEs, not AND: only CASE guarantees the pattern is checked before the casts.
          select c.id, c.metadata, coalesce(
                   case when c.raw_at ~ ${INFERRED_AT_PATTERN} then
                     case when substr(c.raw_at, 9, 2)::int <= extract(day from
                                 make_date(substr(c.raw_at, 1, 4)::int, substr(c.raw_at, 6, 2)::int, 1)
                                 + interval '1 month - 1 day')
                          then c.raw_at::timestamptz end
                   end, c.created_at) as at
            from candidate c
        ), resolved as (
          select t.id,
                 case when by_id.id is not null then 'model_id'
                      when by_name.id is not null then 'model_name'
                      when by_analysis.id is not null then 'analysis' end as rule,
                 coalesce(by_id.id, by_name.id, by_analysis.id) as model_id,
                 coalesce(by_id.version_number, by_name.version_number, by_analysis.version_number)
                   as version_number,
                 coalesce(by_id.model_name, by_name.model_name, by_analysis.model_name) as lineage
            from timed t
            left join models by_id on by_id.id = t.metadata->>'model_id'
            left join lateral (
              select m.id, m.version_number, m.model_name from models m
               where by_id.id is null and m.model_name = t.metadata->>'model_name' and m.created_at <= t.at
               order by m.version_number desc limit 1
            ) by_name on true
            left join lateral (
              select m.id, m.version_number, m.model_name from models m
               where by_id.id is null and by_name.id is null and m.created_at <= t.at
                 and m.model_name = (
                   select min(producer.model_name)
                     from artifacts analysis
                     join links l on l.target_id = analysis.id and l.link_type = 'produced_by'
                     join models producer on producer.id = l.source_id
                    where analysis.id = t.metadata->>'analysis_id' and analysis.type = 'analysis'
                   having count(distinct producer.model_name) = 1)
               order by m.version_number desc limit 1
            ) by_analysis on true
        )
        select lineage, rule, model_id, version_number, array_agg(id order by id) as edge_ids
          from resolved
         group by lineage, rule, model_id, version_number`,
  );
  return rows.map((row) => ({
    lineage: row.lineage,
    rule: row.rule,
    modelId: row.model_id,
    versionNumber: row.version_number === null ? null : Number(row.version_number),
    edgeIds: row.edge_ids,
  }));
}

/**
 * Takes this transaction's advisory lock on each lineage, in lock-id order so that two passes
 * locking overlapping sets always queue instead of deadlocking. PostgreSQL evaluates volatile
 * select-list functions after the ORDER BY, which is what makes the order hold.
 */
export async function lockLineages(tx: Tx, lineages: string[]): Promise<void> {
  const keys = lineages.map((lineage) => `backfill-edges:${lineage}`);
  await tx.execute(
    sql`select pg_advisory_xact_lock(lock_id)
          from (select distinct hashtext(key) as lock_id from unnest(${sql.param(keys)}::text[]) as key) ids
         order by lock_id`,
  );
}
