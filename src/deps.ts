/**
 * What every operation runs on — the database and its job locks, the configuration, the logger,
 * the clock and the subscribers to its domain events — built once per process by `openDeps` (the server, the CLI,
 * the schedule, bench) or around an already open store by `depsOf` (tests); and the unit of work a
 * write command runs in.
 */
import { type Clock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import { type Db, openStore, type Store, type Tx } from './db/database.ts';
import type { Locks } from './db/locks.ts';
import type { DomainEvent, DomainEventOf, DomainEventType } from './domain-events.ts';
import { createLogger, type Logger } from './logger.ts';
import { createMetrics, type Metrics } from './metrics.ts';

/** The dependencies of commands, jobs and faces. */
export interface Deps {
  readonly db: Db;
  /** Exclusive locks a job holds while it runs (the rescore pass), released when it ends or its process dies. */
  readonly locks: Locks;
  readonly config: Config;
  readonly logger: Logger;
  /** The clock demurrage, payouts and job timestamps read (the system clock unless a test moves time). */
  readonly clock: Clock;
  /** Where requests, pool use and job runs are counted (`GET /metrics`). */
  readonly metrics: Metrics;
  /** Who reacts to the domain events commands publish (wired once, in `subscribers.ts`). */
  readonly subscribers: readonly Subscriber[];
}

/**
 * One unit of work: the transaction a write command runs in, opened by its caller at the edge (a
 * route, a job, a CLI command; `runInUnit`), and the door through which the command tells the
 * subscribers what happened.
 */
export interface Unit {
  readonly tx: Tx;
  /** Publishes a domain event: in-transaction subscribers react now, after-commit ones once it commits. */
  publish(event: DomainEvent): Promise<void>;
}

/** A reaction inside the publishing transaction: its writes (a queue row, an outbox row) commit or roll back with the change. */
export interface InTransactionSubscriber {
  readonly name: string;
  readonly phase: 'in_transaction';
  /** The event types it hears. */
  readonly on: readonly DomainEventType[];
  handle(deps: Deps, unit: Unit, event: DomainEvent): Promise<void>;
}

/** A reaction once the publishing transaction has committed (a payout, an enrichment): its failure is logged, never undoing the change. */
export interface AfterCommitSubscriber {
  readonly name: string;
  readonly phase: 'after_commit';
  /** The event types it hears. */
  readonly on: readonly DomainEventType[];
  handle(deps: Deps, event: DomainEvent): Promise<void>;
}

/** A reaction to domain events, wired once at the top (`subscribers.ts`). */
export type Subscriber = InTransactionSubscriber | AfterCommitSubscriber;

// The casts below narrow what a handler receives: `runInUnit` hands it only the events it names in `on`.

/** A subscriber that reacts inside the publishing transaction to the events named `on`. */
export function inTransaction<K extends DomainEventType>(
  name: string,
  on: readonly K[],
  handle: (deps: Deps, unit: Unit, event: DomainEventOf<K>) => Promise<void>,
): InTransactionSubscriber {
  return { name, phase: 'in_transaction', on, handle: handle as InTransactionSubscriber['handle'] };
}

/** A subscriber that reacts to the events named `on` once the publishing transaction has committed. */
export function afterCommit<K extends DomainEventType>(
  name: string,
  on: readonly K[],
  handle: (deps: Deps, event: DomainEventOf<K>) => Promise<void>,
): AfterCommitSubscriber {
  return { name, phase: 'after_commit', on, handle: handle as AfterCommitSubscriber['handle'] };
}

/** Deps that own their store: close them when the process is done. */
export interface OpenDeps extends Deps {
  readonly store: Store;
  close(): Promise<void>;
}

/** The subscribers, and optional parts: the defaults are a logger at `LOG_LEVEL`, the system clock and fresh metrics. */
export interface DepsOptions {
  subscribers: readonly Subscriber[];
  logger?: Logger;
  clock?: Clock;
  metrics?: Metrics;
}

/** Deps around a store that is already open and migrated. */
export function depsOf(store: Store, config: Config, options: DepsOptions): OpenDeps {
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
    locks: store.locks,
    store,
    config,
    logger: options.logger ?? createLogger(config.logLevel),
    clock: options.clock ?? systemClock,
    metrics,
    subscribers: options.subscribers,
    close: () => store.close(),
  });
}

/** Opens the configured store, applies pending migrations and builds the deps around it. */
export async function openDeps(config: Config, options: DepsOptions): Promise<OpenDeps> {
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
