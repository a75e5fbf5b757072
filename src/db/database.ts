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
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import { inProcessLocks, type Locks, postgresLocks } from './locks.ts';
import { routedDb } from './read-routing.ts';
import { openReplica, type Replica } from './replica.ts';
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
  /** The read replica (`DATABASE_READ_URL`), when there is one; `db` reads from it inside `onReplica`. */
  readonly replica?: Replica;
  /** Exclusive locks a job holds while it runs, released when it ends or its process dies. */
  readonly locks: Locks;
  /** The connection pools and their use, for the metrics (none on PGlite). */
  readonly pools: readonly PoolInUse[];
  /** Answers when the primary answers a query (health); throws when it cannot. */
  ping(): Promise<void>;
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

/** A pool and which server it talks to. */
export interface PoolInUse {
  readonly server: 'primary' | 'replica';
  readonly pool: Pick<pg.Pool, 'totalCount' | 'idleCount' | 'waitingCount'>;
}

/** Where the store lives: a PostgreSQL URL (and its replica), or else a PGlite data directory (`memory://` for tests). */
export interface StoreLocation {
  databaseUrl?: string;
  readDatabaseUrl?: string;
  dataDir: string;
  /**
   * PGlite only: the tarball of a data directory (PGlite's `dumpDataDir`) a new database starts
   * from instead of an empty one — how the tests open a migrated database without migrating.
   */
  image?: Blob;
}

/** Connections each process opens to each server. */
const POOL_SIZE = 10;

const MIGRATIONS = fileURLToPath(new URL('../../drizzle', import.meta.url));
// An arbitrary constant that names "the migration lock" among advisory locks.
const MIGRATION_LOCK = 7_004_001;

/** Opens the store named by `location`. It is not migrated yet: call `migrate()`. */
export async function openStore(location: StoreLocation): Promise<Store> {
  return location.databaseUrl
    ? openPostgres(location.databaseUrl, location.readDatabaseUrl)
    : openPglite(location.dataDir, location.image);
}

async function openPglite(dataDir: string, image: Blob | undefined): Promise<Store> {
  const onDisk = !dataDir.includes('://');
  if (onDisk) mkdirSync(dataDir, { recursive: true });
  // Before PGlite touches the directory: a second process would lose its own or the first one's writes.
  const lock = onDisk ? lockDataDir(dataDir) : undefined;
  let client: PGlite;
  try {
    // pg_trgm backs the catalog's text search; PostgreSQL servers ship it with their contrib modules.
    client = await PGlite.create(dataDir, { extensions: { pg_trgm }, loadDataDir: image });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  const locks = inProcessLocks();
  return {
    db,
    kind: 'pglite',
    locks,
    pools: [],
    ping: async () => {
      await client.query('select 1');
    },
    migrate: () => migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS }),
    listen: (channel, onNotify) => client.listen(channel, onNotify),
    close: async () => {
      await locks.releaseAll();
      await client.close();
      lock?.release();
    },
  };
}

async function openPostgres(url: string, readUrl: string | undefined): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE });
  // An idle connection the server drops (restart, admin termination) is replaced on the next query;
  // without a listener its error event would crash the process.
  pool.on('error', () => {});
  // Fail at open, not at the first request, when the server is unreachable.
  (await pool.connect()).release();
  const primary = drizzleNodePg(pool, { schema }) as unknown as Db;
  const replica = readUrl ? openReplica(readUrl, POOL_SIZE) : undefined;
  const locks = postgresLocks(url);
  return {
    db: replica ? routedDb(primary, drizzleNodePg(replica.pool, { schema }) as unknown as Db) : primary,
    kind: 'postgres',
    replica,
    locks,
    pools: [
      { server: 'primary', pool },
      ...(replica ? [{ server: 'replica' as const, pool: replica.pool }] : []),
    ],
    ping: async () => {
      await pool.query('select 1');
    },
    migrate: () => migratePostgres(url),
    listen: (channel, onNotify) => listenPostgres(url, channel, onNotify),
    close: async () => {
      await locks.releaseAll();
      await Promise.all([pool.end(), replica?.close()]);
    },
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

/**
 * Applies the pending migrations in one transaction that first takes a transaction-scoped advisory
 * lock, so processes started together migrate one at a time and the rest find nothing to do. A
 * session lock would not do: behind PgBouncer in transaction mode it stays on whichever server
 * connection ran it, after this client has gone.
 */
async function migratePostgres(url: string): Promise<void> {
  const migrations = readMigrationFiles({ migrationsFolder: MIGRATIONS });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin');
    await client.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('create schema if not exists drizzle');
    await client.query(
      'create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)',
    );
    const { rows } = await client.query<{ created_at: string }>(
      'select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1',
    );
    const appliedUntil = rows.length > 0 ? Number(rows[0].created_at) : -1;
    for (const migration of migrations.filter((pending) => pending.folderMillis > appliedUntil)) {
      for (const statement of migration.sql) await client.query(statement);
      await client.query('insert into drizzle.__drizzle_migrations (hash, created_at) values ($1, $2)', [
        migration.hash,
        migration.folderMillis,
      ]);
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
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

/**
 * Takes the shared form of `lockKey`'s lock on `key` until the transaction ends: any number of
 * shared holders run side by side, while `lockKey` on the same key waits for all of them (and they
 * for it).
 */
export async function lockKeyShared(tx: Tx, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock_shared(hashtext(${key}))`);
}
