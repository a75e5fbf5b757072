/**
 * Row counts of several tables in one query, for the suites that check nothing was written and
 * for the benchmark world's inventory.
 */
import { sql } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { type Db, queryRows } from '../../src/db/database.ts';
import * as schema from '../../src/db/schema.ts';

/** Rows per table, keyed by table name. */
export async function countTableRows(db: Db, tables: readonly string[]): Promise<Record<string, number>> {
  const columns = tables.map(
    (table) => sql`(select count(*)::int from ${sql.identifier(table)}) as ${sql.identifier(table)}`,
  );
  const [row] = await queryRows<Record<string, number>>(db, sql`select ${sql.join(columns, sql`, `)}`);
  return Object.fromEntries(tables.map((table) => [table, Number(row[table])]));
}

/** The name of every table of the schema. */
export const ALL_TABLES: readonly string[] = Object.values(schema).flatMap((value) => {
  try {
    return [getTableConfig(value as PgTable).name];
  } catch {
    return [];
  }
});

/** Row counts of every table of the schema, in one query. */
export function countAllRows(db: Db): Promise<Record<string, number>> {
  return countTableRows(db, ALL_TABLES);
}
