/**
 * The lineage list behind `GET /api/lineages`: a text filter on the name, tag filters, a
 * search-language filter over `LINEAGE_FIELDS`, newest
 * change first with the name as tie-break, offset or keyset pages, the count of all matches, and
 * each listed lineage's head, promoted version and number of versions in one query.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/database.ts';
import { compileFilter } from '../../db/filter-sql.ts';
import { afterStart, offsetOf, orderOf, type PageStart, type SortKey } from '../../db/keyset.ts';
import type { ParsedFilter } from '../../search/core/filter-parser.ts';
import type { TagFilter } from '../core/lineage.ts';
import { LINEAGE_FIELDS } from './filter-fields.repository.ts';
import { tagConditions } from './tag.repository.ts';

/** Which lineages. */
export interface LineageFilter {
  /** Case-insensitive substring of the name. */
  q?: string;
  tags: TagFilter[];
  /** A search-language filter, AND-ed with the rest. */
  expression?: ParsedFilter;
}

const SORT: SortKey = {
  expr: sql`l.updated_at`,
  type: sql`timestamptz`,
  id: sql`l.model_name`,
  order: 'desc',
};

function whereOf(filter: LineageFilter): SQL {
  const conditions = [sql`true`, ...tagConditions(filter.tags, 'lineage_tags', sql`l.model_name`)];
  if (filter.expression) conditions.push(compileFilter(filter.expression, LINEAGE_FIELDS));
  if (filter.q) {
    conditions.push(sql`strpos(lower(l.model_name), lower(${filter.q})) > 0`);
  }
  return sql.join(conditions, sql` and `);
}

/** One page of lineage names with their sort keys (one more than `limit` when more follow). */
export async function findLineagePage(db: Db, filter: LineageFilter, start: PageStart, limit: number) {
  return queryRows<{ model_name: string; sort_key: string }>(
    db,
    sql`select l.model_name, l.updated_at::text as sort_key from lineages l
         where ${whereOf(filter)} and ${afterStart(SORT, start)}
         order by ${orderOf(SORT)} limit ${limit + 1} offset ${offsetOf(start)}`,
  );
}

/** How many lineages match. */
export async function countLineages(db: Db, filter: LineageFilter): Promise<number> {
  const [row] = await queryRows<{ total: number }>(
    db,
    sql`select count(*)::int as total from lineages l where ${whereOf(filter)}`,
  );
  return row.total;
}

/** Each listed lineage's latest and promoted version ids and its number of versions. */
export async function findLineageHeads(db: Db, modelNames: string[]) {
  if (modelNames.length === 0)
    return new Map<string, { latest: string | null; promoted: string | null; versions: number }>();
  const rows = await queryRows<{
    model_name: string;
    latest: string | null;
    promoted: string | null;
    versions: number;
  }>(
    db,
    sql`select model_name, max(id) filter (where is_latest) as latest,
               max(id) filter (where status = 'promoted') as promoted, count(*)::int as versions
          from models where model_name = any(${sql.param(modelNames)}::text[]) group by model_name`,
  );
  return new Map(rows.map(({ model_name, ...heads }) => [model_name, heads]));
}
