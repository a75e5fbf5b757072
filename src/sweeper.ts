/**
 * A background sweep inside `modelgraph serve`: runs `sweep` whenever a transaction that queued work
 * commits (a notification on `channel`: LISTEN/NOTIFY on PostgreSQL, PGlite's in-process
 * notifications) and on a poll, which also finds retries as they fall due. One sweep runs at a
 * time; a wake-up during a sweep runs one more after it. Stopping aborts the sweep's signal and
 * waits for it to record what it was doing. The webhook dispatcher and the MLflow enrichment worker
 * are sweepers.
 */
import type { Store } from './db/database.ts';
import type { Logger } from './logger.ts';

/** A running sweeper. */
export interface Sweeper {
  /** Sweeps now (or right after the sweep under way). */
  wake(): void;
  stop(): Promise<void>;
}

/** What a sweeper does and when. */
export interface SweeperOptions {
  /** Its name in log lines (`webhook dispatcher`). */
  name: string;
  /** The notification channel that wakes it. */
  channel: string;
  /** How often it sweeps without being woken. */
  pollMs: number;
  /** One sweep until nothing is due; stops early when `signal` aborts. A throw is logged. */
  sweep(signal: AbortSignal): Promise<void>;
}

/** Starts a sweeper on `store`; stop it before closing the store. */
export async function startSweeper(
  deps: { logger: Logger; store: Pick<Store, 'listen'> },
  options: SweeperOptions,
): Promise<Sweeper> {
  const stopping = new AbortController();
  let sweeping: Promise<void> | undefined;
  let wokenDuringSweep = false;

  const sweepUntilQuiet = async () => {
    do {
      wokenDuringSweep = false;
      try {
        await options.sweep(stopping.signal);
      } catch (error) {
        deps.logger.error({ err: error }, `${options.name}: sweep failed; the next poll tries again`);
      }
    } while (wokenDuringSweep && !stopping.signal.aborted);
    sweeping = undefined;
  };
  const wake = () => {
    if (stopping.signal.aborted) return;
    if (sweeping) wokenDuringSweep = true;
    else sweeping = sweepUntilQuiet();
  };

  const unlisten = await deps.store.listen(options.channel, wake);
  const poll = setInterval(wake, options.pollMs);
  poll.unref();
  wake();
  deps.logger.info({ poll_ms: options.pollMs }, `${options.name} started`);
  return {
    wake,
    async stop() {
      stopping.abort();
      clearInterval(poll);
      await unlisten();
      await sweeping;
    },
  };
}
