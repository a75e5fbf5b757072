/**
 * The store: one Drizzle database over either embedded PGlite or a PostgreSQL server. Everything
 * above this file sees only `Db` / `Tx`, so the same queries run on both.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema.ts';

/** Every table, for Drizzle's typed queries. */
export type Schema = typeof schema;
/** A database handle on either store. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A handle inside a transaction; functions that must run in one take this type. */
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

/** An open store and how to close it. */
export interface Store {
  readonly db: Db;
  readonly kind: 'pglite' | 'postgres';
  /** Applies the pending SQL migrations in `drizzle/`. */
  migrate(): Promise<void>;
  /**
   * Calls `onNotify` for every notification on `channel` (sent by `pg_notify` at a commit) until
   * the returned function is called: PGlite's own in-process notifications, or a LISTEN on a
   * dedicated PostgreSQL connection that reconnects when it drops.
   */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Where the store lives: a PostgreSQL URL, or else a PGlite data directory (`memory://` for tests). */
export interface StoreLocation {
  databaseUrl?: string;
  dataDir: string;
}

const MIGRATIONS = fileURLToPath(new URL('../../drizzle', import.meta.url));
// An arbitrary constant that names "the migration lock" among advisory locks.
const MIGRATION_LOCK = 7_004_001;

/** Opens the store named by `location`. It is not migrated yet: call `migrate()`. */
export async function openStore(location: StoreLocation): Promise<Store> {
  return location.databaseUrl ? openPostgres(location.databaseUrl) : openPglite(location.dataDir);
}

async function openPglite(dataDir: string): Promise<Store> {
  if (!dataDir.includes('://')) mkdirSync(dataDir, { recursive: true });
  // pg_trgm backs the catalog's text search; PostgreSQL servers ship it with their contrib modules.
  const client = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    migrate: () => migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS }),
    listen: (channel, onNotify) => client.listen(channel, onNotify),
    close: () => client.close(),
  };
}

async function openPostgres(url: string): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection the server drops (restart, admin termination) is replaced on the next query;
  // without a listener its error event would crash the process.
  pool.on('error', () => {});
  // Fail at open, not at the first request, when the server is unreachable.
  (await pool.connect()).release();
  return {
    db: drizzleNodePg(pool, { schema }) as unknown as Db,
    kind: 'postgres',
    migrate: () => migratePostgres(url),
    listen: (channel, onNotify) => listenPostgres(url, channel, onNotify),
    close: () => pool.end(),
  };
}

// How long a dropped LISTEN connection waits before it connects again.
const RELISTEN_DELAY_MS = 1000;

async function listenPostgres(url: string, channel: string, onNotify: () => void) {
  let client: pg.Client | undefined;
  let closed = false;
  let reconnecting = false;
  // A dropped connection (server restart, admin termination) listens again a moment later, and
  // keeps trying while the server is away; until then the caller's poll finds new rows.
  const reconnect = () => {
    if (closed || reconnecting) return;
    reconnecting = true;
    setTimeout(() => {
      reconnecting = false;
      connect().catch(reconnect);
    }, RELISTEN_DELAY_MS).unref();
  };
  const connect = async () => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', onNotify);
    next.on('error', () => {
      next.end().catch(() => {});
      reconnect();
    });
    await next.connect();
    await next.query(`listen ${pg.escapeIdentifier(channel)}`);
    if (closed) await next.end();
    else client = next;
  };
  await connect();
  return async () => {
    closed = true;
    await client?.end();
  };
}

async function migratePostgres(url: string): Promise<void> {
  // A session lock on a dedicated connection, so processes started together migrate one at a time.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migrateNodePg(drizzleNodePg(client), { migrationsFolder: MIGRATIONS });
  } finally {
    await client.end();
  }
}

/** Runs raw SQL and returns its rows; both drivers answer with `{rows}`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** Takes a transaction-scoped advisory lock on `key` (released at commit or rollback). */
export async function lockKey(tx: Tx, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
}
