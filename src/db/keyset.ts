/**
 * Pages of any sorted list, by offset or by keyset: the SQL that starts a page after the last row
 * of the previous one (sort key, then `id` ascending as the tie-break, so pages never overlap or
 * skip), and the split of a `limit + 1` query into the page and the position after it.
 */
import { type SQL, sql } from 'drizzle-orm';

/** The sort key and id of a page's last row; the key is PostgreSQL's exact text form of the value. */
export interface KeysetPosition {
  value: string | null;
  id: string;
}

/** Where a page starts: an offset, or after a keyset position. */
export type PageStart = { offset: number } | { after: KeysetPosition };

/** How a list is sorted: the key expression, its SQL type (to read a position back), the id, the order. */
export interface SortKey {
  expr: SQL;
  type: SQL;
  id: SQL;
  order: 'asc' | 'desc';
}

/** The condition "after the page start" (always true for an offset start). */
export function afterStart(key: SortKey, start: PageStart): SQL {
  if (!('after' in start)) return sql`true`;
  const comparison = key.order === 'desc' ? sql`<` : sql`>`;
  const value = sql`cast(${start.after.value} as ${key.type})`;
  return sql`(${key.expr} ${comparison} ${value} or (${key.expr} = ${value} and ${key.id} > ${start.after.id}))`;
}

/** `order by` the sort key, then id ascending. */
export function orderOf(key: SortKey): SQL {
  return sql`${key.expr} ${key.order === 'desc' ? sql`desc` : sql`asc`}, ${key.id} asc`;
}

/** The rows to skip: the offset of an offset start, 0 after a position. */
export function offsetOf(start: PageStart): number {
  return 'offset' in start ? start.offset : 0;
}

/** One page of rows and the position after its last row (null when no row follows). */
export interface Page<T> {
  rows: T[];
  next: KeysetPosition | null;
}

/** Splits the `limit + 1` rows a page query fetched into the page and the position after it. */
export function takePage<T>(rows: T[], limit: number, positionOf: (row: T) => KeysetPosition): Page<T> {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, next: rows.length > limit && last ? positionOf(last) : null };
}
