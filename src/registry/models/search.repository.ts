/**
 * The searches of lineages and model versions (the MLflow face's `search`): a search-language
 * filter over the MLflow fields (names, run ids, sources, version numbers and tags), an order of
 * several keys, keyset pages. Retired lineages and their versions are never found. Reads only; the
 * tables belong to their repositories.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/database.ts';
import { compileFilter } from '../../db/filter-sql.ts';
import { afterKeys, type OrderKey, orderByKeys } from '../../db/ordered-keyset.ts';
import type { ParsedFilter } from '../../search/core/filter-parser.ts';
import type { LineageSortKey, SortTerm, VersionSortKey } from '../core/search.ts';
import { MLFLOW_LINEAGE_FIELDS, MLFLOW_VERSION_FIELDS } from './filter-fields.repository.ts';

/** A page of a search: the ids in order (one more than asked when more follow), each with its keys' text. */
export interface SearchRow {
  id: string;
  position: string[];
}

async function findPage(
  db: Db,
  query: { from: SQL; id: SQL; where: SQL[]; keys: OrderKey[]; after?: string[]; limit: number },
): Promise<SearchRow[]> {
  const conditions = [...query.where, ...(query.after ? [afterKeys(query.keys, query.after)] : [])];
  const positions = sql.join(
    query.keys.map((key, i) => sql`(${key.expr})::text as ${sql.identifier(`k${i}`)}`),
    sql`, `,
  );
  const rows = await queryRows<Record<string, string>>(
    db,
    sql`select ${query.id} as id, ${positions} from ${query.from}
         where ${sql.join(conditions, sql` and `)}
         order by ${orderByKeys(query.keys)} limit ${query.limit + 1}`,
  );
  return rows.map((row) => ({ id: row.id, position: query.keys.map((_, i) => row[`k${i}`]) }));
}

const LINEAGE_KEYS: Record<LineageSortKey, Omit<OrderKey, 'direction'>> = {
  name: { expr: sql`l.model_name`, type: sql`text` },
  updated_at: { expr: sql`l.updated_at`, type: sql`timestamptz` },
};

/** One page of lineage names matching `search`, in `order` (which must be total), after `after`. */
export function findLineageSearchPage(
  db: Db,
  props: { search?: ParsedFilter; order: SortTerm<LineageSortKey>[]; after?: string[]; limit: number },
): Promise<SearchRow[]> {
  return findPage(db, {
    from: sql`lineages l`,
    id: sql`l.model_name`,
    where: [
      sql`l.retired_at is null`,
      ...(props.search ? [compileFilter(props.search, MLFLOW_LINEAGE_FIELDS)] : []),
    ],
    keys: props.order.map((term) => ({ ...LINEAGE_KEYS[term.key], direction: term.direction })),
    after: props.after,
    limit: props.limit,
  });
}

const VERSION_KEYS: Record<VersionSortKey, Omit<OrderKey, 'direction'>> = {
  name: { expr: sql`m.model_name`, type: sql`text` },
  version_number: { expr: sql`m.version_number`, type: sql`integer` },
  created_at: { expr: sql`m.created_at`, type: sql`timestamptz` },
  updated_at: { expr: sql`m.updated_at`, type: sql`timestamptz` },
};

/** One page of model version ids matching `search`, in `order` (which must be total), after `after`. */
export function findVersionSearchPage(
  db: Db,
  props: { search?: ParsedFilter; order: SortTerm<VersionSortKey>[]; after?: string[]; limit: number },
): Promise<SearchRow[]> {
  return findPage(db, {
    from: sql`models m join lineages l on l.model_name = m.model_name`,
    id: sql`m.id`,
    where: [
      sql`l.retired_at is null`,
      ...(props.search ? [compileFilter(props.search, MLFLOW_VERSION_FIELDS)] : []),
    ],
    keys: props.order.map((term) => ({ ...VERSION_KEYS[term.key], direction: term.direction })),
    after: props.after,
    limit: props.limit,
  });
}
