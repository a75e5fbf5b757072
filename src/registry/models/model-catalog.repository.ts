/**
 * The catalog query behind `GET /api/models` and the `/models` page: filters (the parameters and a
 * search-language `filter`), sorts with a stable `id` tie-break, offset or keyset pages, and the
 * count of all matches (from `model_counts`, kept exact by triggers on `models`, whenever the
 * filter allows).
 */
import { eq, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Db, queryRows } from '../../db/database.ts';
import { compileFilter } from '../../db/filter-sql.ts';
import { afterStart, offsetOf, orderOf, type PageStart, type SortKey } from '../../db/keyset.ts';
import { artifacts, models } from '../../db/schema.ts';
import { comparisonsOf } from '../../search/core/filter-ast.ts';
import type { ParsedFilter } from '../../search/core/filter-parser.ts';
import type { TagFilter } from '../core/lineage.ts';
import { type MODEL_SORTS, type ModelSort, type ModelSummary, sortMetricOf } from '../core/model.ts';
import type { ModelFlag } from '../core/provenance.ts';
import { COUNTED_FIELDS, FLAG_CONDITIONS, MODEL_FIELDS, metricOf } from './filter-fields.repository.ts';
import { rowToModelSummary, summaryColumns } from './model.repository.ts';
import { tagConditions } from './tag.repository.ts';

/** Which rows of the catalog and in which order. */
export interface ModelListFilter {
  family?: string;
  dataset?: string;
  hypothesis?: string;
  status?: string;
  /** Only versions carrying this flag. */
  flag?: ModelFlag;
  allVersions: boolean;
  q?: string;
  /** Tags the version must have (all of them). */
  tags: TagFilter[];
  /** A search-language filter, AND-ed with the rest. */
  expression?: ParsedFilter;
  sort: ModelSort;
  order: 'asc' | 'desc';
}

// A null parameter count sorts as the smallest value, so keyset pages stay total-ordered.
const SORT_EXPRESSIONS: Record<(typeof MODEL_SORTS)[number], { expr: SQL; type: SQL }> = {
  quality_score: { expr: sql`m.quality_score`, type: sql`float8` },
  created_at: { expr: sql`m.created_at`, type: sql`timestamptz` },
  parameter_count: { expr: sql`coalesce(m.parameter_count, -1)`, type: sql`bigint` },
};

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

function whereClause(filter: ModelListFilter): SQL {
  const conditions: SQL[] = [sql`true`, ...tagConditions(filter.tags, 'model_tags', sql`m.id`)];
  if (filter.expression) conditions.push(compileFilter(filter.expression, MODEL_FIELDS));
  if (!filter.allVersions) conditions.push(sql`m.is_latest`);
  if (filter.family) conditions.push(sql`m.model_family = ${filter.family}`);
  if (filter.status) conditions.push(sql`m.status = ${filter.status}`);
  if (filter.flag) conditions.push(FLAG_CONDITIONS[filter.flag]);
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    // A semi-join on artifacts alone, so both patterns can use its trigram indexes (title, id).
    conditions.push(
      sql`m.id in (select a.id from artifacts a where a.title ilike ${pattern} or a.id ilike ${pattern})`,
    );
  }
  for (const [linkType, target] of [
    ['trained_on', filter.dataset],
    ['tests_hypothesis', filter.hypothesis],
  ] as const) {
    if (target) {
      conditions.push(
        sql`exists (select 1 from links l where l.source_id = m.id and l.link_type = ${linkType} and l.target_id = ${target})`,
      );
    }
  }
  return sql.join(conditions, sql` and `);
}

/**
 * The catalog's sort key for a filter. A version without the sorted metric comes last in either
 * order: it sorts as −∞ descending and +∞ ascending (no stored metric can be infinite: JSON has no
 * infinity), which keeps the key non-null for keyset pages.
 */
function sortKeyOf(filter: ModelListFilter): SortKey {
  const metric = sortMetricOf(filter.sort);
  const expression =
    metric === undefined
      ? SORT_EXPRESSIONS[filter.sort as (typeof MODEL_SORTS)[number]]
      : {
          expr: sql`coalesce(${metricOf(metric)}, ${filter.order === 'desc' ? '-Infinity' : 'Infinity'}::float8)`,
          type: sql`float8`,
        };
  return { ...expression, id: sql`m.id`, order: filter.order };
}

/** A summary on a catalog page with its sort key (the keyset position after it). */
export type PagedSummary = ModelSummary & { sortKey: string | null };

/**
 * One page of matching summaries in order, with their sort keys (one row more than `limit` when
 * more follow), in one statement: the page's ids are chosen first (walking the index past the
 * offset without reading anything else), then only their summaries are built.
 */
export async function findModelSummaryPage(
  db: Db,
  filter: ModelListFilter,
  start: PageStart,
  limit: number,
): Promise<PagedSummary[]> {
  const key = sortKeyOf(filter);
  // The outer query names the table `m` too, so the sort expressions apply to both.
  const m = alias(models, 'm');
  const rows = await db
    .select({ ...summaryColumns(m), sortKey: sql<string | null>`(${key.expr})::text` })
    .from(m)
    .innerJoin(artifacts, eq(artifacts.id, m.id))
    .where(
      sql`${m.id} in (select m.id from models m
                       where ${whereClause(filter)} and ${afterStart(key, start)}
                       order by ${orderOf(key)}
                       limit ${limit + 1} offset ${offsetOf(start)})`,
    )
    .orderBy(orderOf(key));
  return rows.map(({ sortKey, ...row }) => ({ ...rowToModelSummary(row), sortKey }));
}

/**
 * Whether the search-language filter reads only what `model_counts` counts by (family, status):
 * then it compiles to the same condition on `model_counts m`, whose columns have the same names.
 */
function readsOnlyCountedFields(expression: ParsedFilter | undefined): boolean {
  if (!expression) return true;
  return comparisonsOf(expression.expr).every(
    ({ field }) => field.key === undefined && Object.hasOwn(COUNTED_FIELDS.fields, field.name),
  );
}

/**
 * How many versions match the filter, regardless of paging. Without a text, dataset, hypothesis,
 * tag or flag filter, and with a search-language filter over family and status at most, the
 * answer is a sum over the few `model_counts` rows the filter selects; otherwise a count.
 */
export async function countModels(db: Db, filter: ModelListFilter): Promise<number> {
  const counted =
    filter.q ||
    filter.dataset ||
    filter.hypothesis ||
    filter.flag ||
    filter.tags.length > 0 ||
    !readsOnlyCountedFields(filter.expression);
  const query = counted
    ? sql`select count(*)::int as total from models m where ${whereClause(filter)}`
    : sql`select coalesce(sum(m.versions), 0)::int as total from model_counts m
           where ${filter.allVersions ? sql`true` : sql`m.is_latest`}
             and ${filter.family ? sql`m.model_family = ${filter.family}` : sql`true`}
             and ${filter.status ? sql`m.status = ${filter.status}` : sql`true`}
             and ${filter.expression ? compileFilter(filter.expression, COUNTED_FIELDS) : sql`true`}`;
  const [row] = await queryRows<{ total: number }>(db, query);
  return row.total;
}
