/**
 * An offset page of one table's rows and the count of all the rows that match — two statements
 * sent at once, one round trip — for the lists paged by `limit` and `offset`.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './database.ts';

/** What one offset page asks: the table, the condition, the order and the window. */
export interface OffsetPageQuery<T extends PgTable> {
  table: T;
  where: SQL | undefined;
  orderBy: SQL[];
  limit: number;
  offset: number;
}

/** The page's rows in order and the count of every row `where` holds for. */
export async function findOffsetPage<T extends PgTable>(
  db: Db,
  query: OffsetPageQuery<T>,
): Promise<{ rows: T['$inferSelect'][]; total: number }> {
  const table = query.table as PgTable;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select()
      .from(table)
      .where(query.where)
      .orderBy(...query.orderBy)
      .limit(query.limit)
      .offset(query.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(table).where(query.where),
  ]);
  return { rows: rows as T['$inferSelect'][], total };
}
