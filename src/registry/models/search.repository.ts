/**
 * The searches of lineages and model versions (the MLflow face's `search`): conditions on names,
 * run ids, sources, version numbers and tags, an order of several keys, keyset pages. Retired
 * lineages and their versions are never found. Reads only; the tables belong to their repositories.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/database.ts';
import { afterKeys, type OrderKey, orderByKeys } from '../../db/ordered-keyset.ts';
import type {
  LineageSearch,
  LineageSortKey,
  NumberMatch,
  SortTerm,
  TagMatch,
  TextMatch,
  VersionSearch,
  VersionSortKey,
} from '../core/search.ts';

/** A page of a search: the ids in order (one more than asked when more follow), each with its keys' text. */
export interface SearchRow {
  id: string;
  position: string[];
}

const TEXT_OPERATORS: Record<TextMatch['op'], SQL> = {
  '=': sql`=`,
  '!=': sql`<>`,
  like: sql`like`,
  ilike: sql`ilike`,
};

const NUMBER_OPERATORS: Record<NumberMatch['op'], SQL> = {
  '=': sql`=`,
  '!=': sql`<>`,
  '<': sql`<`,
  '<=': sql`<=`,
  '>': sql`>`,
  '>=': sql`>=`,
};

function textConditions(expr: SQL, matches: TextMatch[]): SQL[] {
  return matches.map((match) => sql`${expr} ${TEXT_OPERATORS[match.op]} ${match.value}`);
}

function tagConditions(matches: TagMatch[], table: 'lineage_tags' | 'model_tags', owner: SQL): SQL[] {
  const column = sql.raw(table === 'lineage_tags' ? 'model_name' : 'model_id');
  return matches.map((match) => {
    // `!=` holds for owners without the tag too: "no tag with this key has this value".
    const op = match.op === '!=' ? sql`=` : TEXT_OPERATORS[match.op];
    const tagged = sql`exists (select 1 from ${sql.raw(table)} t
                                where t.${column} = ${owner} and t.key = ${match.key} and t.value ${op} ${match.value})`;
    return match.op === '!=' ? sql`not ${tagged}` : tagged;
  });
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
  props: { search: LineageSearch; order: SortTerm<LineageSortKey>[]; after?: string[]; limit: number },
): Promise<SearchRow[]> {
  return findPage(db, {
    from: sql`lineages l`,
    id: sql`l.model_name`,
    where: [
      sql`l.retired_at is null`,
      ...textConditions(sql`l.model_name`, props.search.name),
      ...tagConditions(props.search.tags, 'lineage_tags', sql`l.model_name`),
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

const RUN_ID = sql`coalesce((select a.metadata->>'run_id' from artifacts a where a.id = m.id), '')`;
const SOURCE = sql`coalesce((select av.uri from artifact_versions av
                              where av.artifact_id = m.id and av.version_number = 1), '')`;

/** One page of model version ids matching `search`, in `order` (which must be total), after `after`. */
export function findVersionSearchPage(
  db: Db,
  props: { search: VersionSearch; order: SortTerm<VersionSortKey>[]; after?: string[]; limit: number },
): Promise<SearchRow[]> {
  const { search } = props;
  return findPage(db, {
    from: sql`models m join lineages l on l.model_name = m.model_name`,
    id: sql`m.id`,
    where: [
      sql`l.retired_at is null`,
      ...textConditions(sql`m.model_name`, search.name),
      ...textConditions(RUN_ID, search.runId),
      ...textConditions(SOURCE, search.source),
      ...search.versionNumber.map(
        (match) => sql`m.version_number ${NUMBER_OPERATORS[match.op]} ${match.value}`,
      ),
      ...tagConditions(search.tags, 'model_tags', sql`m.id`),
    ],
    keys: props.order.map((term) => ({ ...VERSION_KEYS[term.key], direction: term.direction })),
    after: props.after,
    limit: props.limit,
  });
}
