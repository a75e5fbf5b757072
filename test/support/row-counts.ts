/**
 * Row counts of several tables in one query, for the suites that check nothing was written and
 * for the benchmark world's inventory.
 */
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../src/db/database.ts';

/** Rows per table, keyed by table name. */
export async function countTableRows(db: Db, tables: readonly string[]): Promise<Record<string, number>> {
  const columns = tables.map(
    (table) => sql`(select count(*)::int from ${sql.identifier(table)}) as ${sql.identifier(table)}`,
  );
  const [row] = await queryRows<Record<string, number>>(db, sql`select ${sql.join(columns, sql`, `)}`);
  return Object.fromEntries(tables.map((table) => [table, Number(row[table])]));
}
