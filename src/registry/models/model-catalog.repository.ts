/**
 * The catalog query behind `GET /api/models` and the `/models` page: filters (the parameters and a
 * search-language `filter`), sorts with a stable `id` tie-break, offset or keyset pages, and the
 * count of all matches (from `model_counts`, kept exact by triggers on `models`, whenever the
 * filter allows).
 */
import { eq, type Placeholder, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Db, queryRows } from '../../db/database.ts';
import { compileFilter } from '../../db/filter-sql.ts';
import { afterStart, offsetOf, orderOf, type PageStart, type SortKey } from '../../db/keyset.ts';
import { builtOncePerShape, UNNAMED } from '../../db/prepared.ts';
import { artifacts, modelCounts } from '../../db/schema.ts';
import { comparisonsOf } from '../../search/core/filter-ast.ts';
import type { ParsedFilter } from '../../search/core/filter-parser.ts';
import type { TagFilter } from '../core/lineage.ts';
import { type MODEL_SORTS, type ModelSort, sortMetricOf } from '../core/model.ts';
import type { ModelFlag } from '../core/provenance.ts';
import { COUNTED_FIELDS, FLAG_CONDITIONS, MODEL_FIELDS, metricOf } from './filter-fields.repository.ts';
import { catalogModels, listItemColumns } from './model.repository.ts';
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

/**
 * One page of matching list items in order, with their sort keys (one row more than `limit` when
 * more follow), in one statement: the page's ids are chosen first (walking the index past the
 * offset without reading anything else), then only their items are read (`listItemColumns`). A
 * plain offset page (`plainShapeOf`) runs a statement built once for its shape.
 */
export async function findModelItemPage(
  db: Db,
  filter: ModelListFilter,
  start: PageStart,
  limit: number,
): Promise<ListItemRow[]> {
  const shape = plainShapeOf(filter, start);
  return shape
    ? builtPage(
        shape,
        filter,
      )(db).execute({ ...plainValuesOf(filter), rows: limit + 1, offset: offsetOf(start) })
    : pageQuery(db, filter, start, limit + 1);
}

/** A catalog row: a list item under the names the API sends, its stored verdict, and its sort key. */
export type ListItemRow = Awaited<ReturnType<typeof pageQuery>>[number];

function pageQuery(db: Db, filter: ModelListFilter, start: PageStart, rows: number | Placeholder) {
  const key = sortKeyOf(filter);
  // The outer query names the table `m` too, so the sort expressions apply to both.
  const m = catalogModels;
  return db
    .select({ ...listItemColumns(m), sortKey: sql<string | null>`(${key.expr})::text` })
    .from(m)
    .innerJoin(artifacts, eq(artifacts.id, m.id))
    .where(
      sql`${m.id} in (select m.id from models m
                       where ${whereClause(filter)} and ${afterStart(key, start)}
                       order by ${orderOf(key)}
                       limit ${rows} offset ${offsetOf(start)})`,
    )
    .orderBy(orderOf(key));
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

/** Whether the filter has a text, link, tag or flag condition: one `model_counts` cannot answer. */
function hasRowConditions(filter: ModelListFilter): boolean {
  return !!(filter.q || filter.dataset || filter.hypothesis || filter.flag || filter.tags.length > 0);
}

/**
 * The shape of a plain offset page — no text, link, tag, flag or search-language filter, no
 * metric sort — whose page and count statements are built once (db/prepared.ts) and then only
 * bound to the family, status, limit and offset; undefined for any other page.
 */
function plainShapeOf(filter: ModelListFilter, start: PageStart): string | undefined {
  const plain =
    'offset' in start &&
    !hasRowConditions(filter) &&
    !filter.expression &&
    sortMetricOf(filter.sort) === undefined;
  if (!plain) return undefined;
  return [filter.sort, filter.order, filter.allVersions, !!filter.family, !!filter.status].join(':');
}

/**
 * The filter of a plain shape with placeholders where its values go: the ordinary builders then
 * write `$n` parameters that each run fills (`plainValuesOf`), not the values of the first request.
 */
function placeholderFilter(filter: ModelListFilter): ModelListFilter {
  const bound = (name: string, value: string | undefined) =>
    value === undefined ? undefined : (sql.placeholder(name) as unknown as string);
  return { ...filter, family: bound('family', filter.family), status: bound('status', filter.status) };
}

function plainValuesOf(filter: ModelListFilter) {
  return { family: filter.family, status: filter.status };
}

const builtPage = builtOncePerShape((db: Db, filter: ModelListFilter) =>
  pageQuery(
    db,
    placeholderFilter(filter),
    { offset: sql.placeholder('offset') as unknown as number },
    sql.placeholder('rows'),
  ).prepare(UNNAMED),
);

/**
 * How many versions match the filter, regardless of paging. Without a text, dataset, hypothesis,
 * tag or flag filter, and with a search-language filter over family and status at most, the
 * answer is a sum over the few `model_counts` rows the filter selects; otherwise a count.
 */
export async function countModels(db: Db, filter: ModelListFilter): Promise<number> {
  const shape = plainShapeOf(filter, { offset: 0 });
  const [row] = shape
    ? await builtCount(shape, filter)(db).execute(plainValuesOf(filter))
    : await countQuery(db, filter);
  return row.total;
}

function countQuery(db: Db, filter: ModelListFilter) {
  const counted = hasRowConditions(filter) || !readsOnlyCountedFields(filter.expression);
  const query = counted
    ? sql`select count(*)::int as total from models m where ${whereClause(filter)}`
    : sql`select coalesce(sum(m.versions), 0)::int as total from model_counts m where ${countersWhere(filter)}`;
  return queryRows<{ total: number }>(db, query);
}

/** The `model_counts` rows (as `m`) a filter without text, link, tag or flag conditions selects. */
function countersWhere(filter: ModelListFilter): SQL {
  return sql`${filter.allVersions ? sql`true` : sql`m.is_latest`}
             and ${filter.family ? sql`m.model_family = ${filter.family}` : sql`true`}
             and ${filter.status ? sql`m.status = ${filter.status}` : sql`true`}
             and ${filter.expression ? compileFilter(filter.expression, COUNTED_FIELDS) : sql`true`}`;
}

const builtCount = builtOncePerShape((db: Db, filter: ModelListFilter) => {
  const m = alias(modelCounts, 'm');
  return db
    .select({ total: sql<number>`coalesce(sum(${m.versions}), 0)::int` })
    .from(m)
    .where(countersWhere(placeholderFilter(filter)))
    .prepare(UNNAMED);
});
