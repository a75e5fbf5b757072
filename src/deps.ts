/**
 * What every operation runs on — the database, the configuration, the logger and the clock —
 * built once per process by `openDeps` (the server, the CLI, the schedule, bench) or around an
 * already open store by `depsOf` (tests).
 */
import { type Clock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import { type Db, openStore, type Store } from './db/database.ts';
import { createLogger, type Logger } from './logger.ts';
import { createMetrics, type Metrics } from './metrics.ts';

/** The dependencies of commands, jobs and faces. */
export interface Deps {
  readonly db: Db;
  readonly config: Config;
  readonly logger: Logger;
  /** The clock demurrage, payouts and job timestamps read (the system clock unless a test moves time). */
  readonly clock: Clock;
  /** Where requests, pool use and job runs are counted (`GET /metrics`). */
  readonly metrics: Metrics;
}

/** Deps that own their store: close them when the process is done. */
export interface OpenDeps extends Deps {
  readonly store: Store;
  close(): Promise<void>;
}

/** Optional parts; the defaults are a logger at `LOG_LEVEL`, the system clock and fresh metrics. */
export interface DepsOptions {
  logger?: Logger;
  clock?: Clock;
  metrics?: Metrics;
}

/** Deps around a store that is already open and migrated. */
export function depsOf(store: Store, config: Config, options: DepsOptions = {}): OpenDeps {
  const metrics = options.metrics ?? createMetrics();
  metrics.watchPools(() =>
    store.pools.map(({ server, pool }) => ({
      server,
      totalCount: pool.totalCount,
      idleCount: pool.idleCount,
      waitingCount: pool.waitingCount,
    })),
  );
  return Object.freeze({
    db: store.db,
    store,
    config,
    logger: options.logger ?? createLogger(config.logLevel),
    clock: options.clock ?? systemClock,
    metrics,
    close: () => store.close(),
  });
}

/** Opens the configured store, applies pending migrations and builds the deps around it. */
export async function openDeps(config: Config, options: DepsOptions = {}): Promise<OpenDeps> {
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    readDatabaseUrl: config.databaseReadUrl,
    dataDir: config.dataDir,
  });
  const deps = depsOf(store, config, { metrics: createMetrics({ withProcessMetrics: true }), ...options });
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  deps.logger.info({ store: store.kind, replica: store.replica !== undefined }, 'database ready');
  return deps;
}

/** Runs `work` on the configured store, opened and migrated, and closes it afterwards (the CLI's commands). */
export async function withDeps<T>(
  config: Config,
  options: DepsOptions,
  work: (deps: OpenDeps) => Promise<T>,
): Promise<T> {
  const deps = await openDeps(config, options);
  try {
    return await work(deps);
  } finally {
    await deps.close();
  }
}
