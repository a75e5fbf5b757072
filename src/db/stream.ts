/**
 * Reading a large result without holding it: batches of rows pulled one at a time, so memory stays
 * flat however many rows match. On PostgreSQL the whole query runs once behind a server-side cursor
 * (`pg-query-stream`) on a connection of its own; PGlite has one connection shared by every request,
 * so there the query is re-run as keyset pages and other requests run between two pages.
 */
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import QueryStream from 'pg-query-stream';
import { type Db, queryRows } from './database.ts';

/** A query that can be read in order, either whole or one keyset page at a time. */
export interface StreamableQuery<Row, Key> {
  /** The whole query, in key order (read behind a cursor). */
  all: SQL;
  /** The rows after `after` (from the first when null), in key order, at most `limit` of them. */
  page(after: Key | null, limit: number): SQL;
  /** The key of a row, to start the next page after it. */
  keyOf(row: Row): Key;
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
 * The query's rows in batches of at most `batchSize`, each fetched only when the consumer asks for
 * it (so a slow reader holds the cursor back instead of filling memory). Stopping early — a closed
 * connection, a `break` — closes the cursor and returns its connection to the pool.
 */
export function streamRows<Row, Key>(
  db: Db,
  query: StreamableQuery<Row, Key>,
  batchSize = DEFAULT_BATCH_ROWS,
): AsyncGenerator<Row[]> {
  const pool = poolOf(db);
  return pool ? streamFromCursor(pool, query.all, batchSize) : streamByKeyset(db, query, batchSize);
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

async function* streamByKeyset<Row, Key>(
  db: Db,
  query: StreamableQuery<Row, Key>,
  batchSize: number,
): AsyncGenerator<Row[]> {
  let after: Key | null = null;
  for (;;) {
    const rows = await queryRows<Row>(db, query.page(after, batchSize));
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
    after = query.keyOf(rows[rows.length - 1]);
  }
}
