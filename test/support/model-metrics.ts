/**
 * Reads of `model_metrics`, the per-metric copy of each version's `evaluation_metrics` that the
 * search language compares through: whether it is exact, and one version's rows.
 */
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../src/db/database.ts';

/**
 * Every (version, metric) on which the copy and the JSON disagree — a row missing, left over or
 * holding another value — as `id name`; empty when the copy is exact.
 */
export async function metricCopyMismatches(db: Db): Promise<string[]> {
  const rows = await queryRows<{ row: string }>(
    db,
    sql`select coalesce(j.version_id, c.version_id) || ' ' || coalesce(j.name, c.name) as row
          from (select m.id as version_id, e.key as name, (e.value)::float8 as value
                  from models m, jsonb_each(m.evaluation_metrics) e
                 where jsonb_typeof(e.value) = 'number') j
          full join model_metrics c on c.version_id = j.version_id and c.name = j.name
         where j.value is distinct from c.value
         order by 1`,
  );
  return rows.map(({ row }) => row);
}

/** The copy's metrics of one version, by name. */
export async function copiedMetrics(db: Db, versionId: string): Promise<Record<string, number>> {
  const rows = await queryRows<{ name: string; value: number }>(
    db,
    sql`select name, value from model_metrics where version_id = ${versionId} order by name`,
  );
  return Object.fromEntries(rows.map(({ name, value }) => [name, Number(value)]));
}

/** How many rows the copy holds. */
export async function copiedMetricCount(db: Db): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from model_metrics`);
  return row.n;
}
