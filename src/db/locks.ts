/**
 * Exclusive locks held for the length of a job (a rescore pass), released when the job ends — or
 * when its process dies, so a dead job holds nothing.
 *
 * On PostgreSQL a lock is a transaction-scoped advisory lock taken in a transaction kept open, for
 * as long as the lock is held, on a connection of its own. The server releases it when that
 * transaction ends: at `release()`, or when the connection drops because the process was killed.
 * A transaction-scoped lock works behind PgBouncer in transaction mode too, which pins the client to
 * one server connection for the whole transaction and closes that connection when the client goes
 * away mid-transaction; a session-level lock would stay on whichever server connection took it.
 *
 * PGlite is one process's store (nothing else can open it meanwhile), so there a lock is a name in
 * this process's memory, and a restart finds none held.
 */
import pg from 'pg';

/** A lock this process holds. */
export interface HeldLock {
  /** False once the lock is gone without `release()`: its connection dropped (the server ended it). */
  isHeld(): boolean;
  /** Gives the lock up. */
  release(): Promise<void>;
}

/** Exclusive, named locks shared by every process on one store. */
export interface Locks {
  /**
   * Takes the lock named `key`; undefined when someone holds it. On PostgreSQL it waits up to
   * `waitMs` for the holder to let go — a process killed a moment ago is gone only once the server
   * has seen its connection close; in memory the holder is this process, so it never waits.
   */
  tryHold(key: string, waitMs?: number): Promise<HeldLock | undefined>;
  /** Gives up every lock still held (the store is closing). */
  releaseAll(): Promise<void>;
}

/** Locks held in this process's memory: PGlite's, and those of suites that run one process. */
export function inProcessLocks(): Locks {
  const held = new Set<string>();
  return {
    async tryHold(key) {
      if (held.has(key)) return undefined;
      held.add(key);
      let isReleased = false;
      return {
        isHeld: () => !isReleased,
        async release() {
          isReleased = true;
          held.delete(key);
        },
      };
    },
    async releaseAll() {
      held.clear();
    },
  };
}

// PostgreSQL's SQLSTATE for a lock wait that ran out of `lock_timeout`.
const LOCK_NOT_AVAILABLE = '55P03';

/** Locks held by PostgreSQL for connections of their own to `url`. */
export function postgresLocks(url: string): Locks {
  const open = new Set<pg.Client>();
  const end = async (client: pg.Client) => {
    open.delete(client);
    await client.end().catch(() => {});
  };
  return {
    async tryHold(key, waitMs = 0) {
      const client = new pg.Client({ connectionString: url, application_name: `modelgraph lock ${key}` });
      let isLost = false;
      // A dropped connection is a lost lock, not a crash of the process.
      client.on('error', () => {
        isLost = true;
      });
      client.on('end', () => {
        isLost = true;
      });
      await client.connect();
      open.add(client);
      try {
        await client.query('begin');
        // The transaction stays idle between the job's own statements, which run on other connections.
        await client.query('set local idle_in_transaction_session_timeout = 0');
        await client.query(`set local lock_timeout = ${Math.max(1, Math.round(waitMs))}`);
        await client.query('select pg_advisory_xact_lock(hashtext($1))', [key]);
      } catch (error) {
        await end(client);
        if ((error as { code?: string }).code === LOCK_NOT_AVAILABLE) return undefined;
        throw error;
      }
      let isReleased = false;
      return {
        isHeld: () => !isReleased && !isLost,
        async release() {
          if (isReleased) return;
          isReleased = true;
          await client.query('rollback').catch(() => {});
          await end(client);
        },
      };
    },
    async releaseAll() {
      await Promise.all([...open].map(end));
    },
  };
}
