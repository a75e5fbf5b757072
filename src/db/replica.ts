/**
 * The read replica behind `DATABASE_READ_URL` (docs/scaling.md): its pool, whether reads should try it
 * now, and a probe of its lag. A replica that fails is set aside for a short back-off, during which
 * reads go to the primary; the first read after it tries the replica again.
 */
import pg from 'pg';

/** How long a failed replica is left alone before reads try it again. */
const BACK_OFF_MS = 5_000;
/** A replica that does not accept a connection within this is treated as down. */
const CONNECT_TIMEOUT_MS = 2_000;

/** The SQLSTATE classes and codes of a server that cannot serve: connection, shutdown, recovery. */
const UNAVAILABLE_SQLSTATE = /^(08|57P0[1-4]|53300)/;
/** The driver's own errors for a server it cannot reach or that went away. */
const UNREACHABLE = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EPIPE)$/;
const DRIVER_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/;
/** A query the standby cancelled because replay needed its rows: the primary would have answered it. */
const RECOVERY_CONFLICT = /conflict with recovery/;

/** A change of the replica's state, for the one log line it deserves. */
export type ReplicaTransition = 'went-down' | 'came-back';

/** A streaming replica and its state as this process last saw it. */
export interface Replica {
  readonly pool: pg.Pool;
  /** Whether a read should try the replica now (up, or down for longer than the back-off). */
  isAvailable(): boolean;
  /** Records that the replica answered. */
  reportSuccess(): void;
  /** Records that the replica failed to answer. */
  reportFailure(error: unknown): void;
  /** Calls `listener` when the replica goes down or comes back. */
  onTransition(listener: (transition: ReplicaTransition, error?: unknown) => void): void;
  /** Asks the replica how far its replay is behind (0 when it has replayed all it received). */
  probeLagMs(): Promise<number>;
  close(): Promise<void>;
}

/** Whether `error` (or its cause) says the server could not serve, rather than the query being wrong. */
export function isUnavailableServerError(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNREACHABLE.test(code))) return true;
    if (DRIVER_MESSAGES.test(current.message) || RECOVERY_CONFLICT.test(current.message)) return true;
  }
  return false;
}

/** Opens a pool on the replica (lazily: a replica down at start delays nothing). */
export function openReplica(url: string, poolSize: number): Replica {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  // A connection the replica drops (stopped, restarted) is replaced on the next read.
  pool.on('error', () => {});
  let downSince: number | undefined;
  let notify: (transition: ReplicaTransition, error?: unknown) => void = () => {};
  return {
    pool,
    isAvailable: () => downSince === undefined || Date.now() - downSince >= BACK_OFF_MS,
    reportSuccess() {
      if (downSince === undefined) return;
      downSince = undefined;
      notify('came-back');
    },
    reportFailure(error) {
      const wasUp = downSince === undefined;
      downSince = Date.now();
      if (wasUp) notify('went-down', error);
    },
    onTransition(listener) {
      notify = listener;
    },
    async probeLagMs() {
      const { rows } = await pool.query<{ lag_ms: number | null }>(
        `select case when pg_last_wal_receive_lsn() is not distinct from pg_last_wal_replay_lsn() then 0
                     else extract(epoch from now() - pg_last_xact_replay_timestamp()) * 1000 end::float8 as lag_ms`,
      );
      return Math.max(0, Math.round(rows[0]?.lag_ms ?? 0));
    },
    close: () => pool.end(),
  };
}
