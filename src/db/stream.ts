/**
 * Reading a large result without holding it: batches of rows pulled one at a time, so memory stays
 * flat however many rows match. On PostgreSQL the whole query runs once behind a server-side cursor
 * (`pg-query-stream`) on a connection of its own; PGlite has one connection shared by every request,
 * so there the rows are read as keyset windows and other requests run between two windows.
 */
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import QueryStream from 'pg-query-stream';
import { type Db, queryRows } from './database.ts';

/**
 * A query that can be read whole (behind a cursor) or window by window in the order of a text key.
 * A window is the rows whose key lies in (after, end], where `end` is the key `size` index entries
 * past `after`: finding it walks an index without any filter, so every window costs about `size`
 * rows whatever the planner believes of the filters (PGlite has no autovacuum, so no statistics,
 * and a filtered `order by … limit` then sorts everything left at every page).
 */
export interface StreamableQuery {
  /** The whole query, in any order (read behind a cursor). */
  all: SQL;
  /** One row `{end}`: the key `size` entries past `after` (from the start when null), or null when fewer remain. */
  windowEnd(after: string | null, size: number): SQL;
  /** The rows with a key in (after, end] (to the last when `end` is null), in key order. */
  window(after: string | null, end: string | null): SQL;
}

/** How many rows a batch holds: one cursor fetch, or one keyset page. */
export const DEFAULT_BATCH_ROWS = 2000;

const dialect = new PgDialect();

/** The pool behind a node-postgres Drizzle database, or undefined on PGlite. */
function poolOf(db: Db): pg.Pool | undefined {
  const client = (db as unknown as { $client?: unknown }).$client;
  return client instanceof pg.Pool ? client : undefined;
}

/**
 * The query's rows in batches (of at most `batchSize` rows behind a cursor; of one window by
 * keyset), each fetched only when the consumer asks for
 * it (so a slow reader holds the cursor back instead of filling memory). Stopping early — a closed
 * connection, a `break` — closes the cursor and returns its connection to the pool.
 */
export function streamRows<Row>(
  db: Db,
  query: StreamableQuery,
  batchSize = DEFAULT_BATCH_ROWS,
): AsyncGenerator<Row[]> {
  const pool = poolOf(db);
  return pool
    ? streamFromCursor<Row>(pool, query.all, batchSize)
    : streamByWindows<Row>(db, query, batchSize);
}

async function* streamFromCursor<Row>(pool: pg.Pool, all: SQL, batchSize: number): AsyncGenerator<Row[]> {
  const { sql: text, params } = dialect.sqlToQuery(all);
  const client = await pool.connect();
  let failure: Error | undefined;
  const stream = client.query(new QueryStream(text, params, { batchSize }));
  try {
    let batch: Row[] = [];
    for await (const row of stream) {
      batch.push(row as Row);
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  } catch (error) {
    failure = error as Error;
    throw error;
  } finally {
    stream.destroy();
    // A connection whose cursor failed is discarded rather than handed to the next request.
    client.release(failure);
  }
}

async function* streamByWindows<Row>(db: Db, query: StreamableQuery, size: number): AsyncGenerator<Row[]> {
  let after: string | null = null;
  for (;;) {
    const ends: { end: string | null }[] = await queryRows(db, query.windowEnd(after, size));
    const { end } = ends[0];
    const rows = await queryRows<Row>(db, query.window(after, end));
    if (rows.length > 0) yield rows;
    if (end === null) return;
    after = end;
  }
}
