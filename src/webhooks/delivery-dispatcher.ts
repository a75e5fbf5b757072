/**
 * The dispatcher inside `modelgraph serve`: a sweep of the outbox whenever a transaction that queued
 * messages commits (LISTEN/NOTIFY on PostgreSQL, PGlite's in-process notifications) and on a poll,
 * which also finds retries as they fall due. One sweep runs at a time; a wake-up during a sweep
 * runs one more after it. Stopping aborts the requests in flight and waits for the sweep to record
 * them.
 */
import type { Store } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { OUTBOX_CHANNEL } from './delivery.repository.ts';
import { deliverDueMessages } from './delivery.service.ts';

/** How often the dispatcher looks for due deliveries without being woken. */
const DEFAULT_POLL_MS = 1000;

/** A running dispatcher. */
export interface Dispatcher {
  /** Sweeps now (or right after the sweep under way). */
  wake(): void;
  stop(): Promise<void>;
}

/** Starts the dispatcher on `store`; stop it before closing the store. */
export async function startDispatcher(
  deps: Deps & { store: Pick<Store, 'listen'> },
  options: { pollMs?: number } = {},
): Promise<Dispatcher> {
  const stopping = new AbortController();
  let sweeping: Promise<void> | undefined;
  let wokenDuringSweep = false;

  const sweepUntilQuiet = async () => {
    do {
      wokenDuringSweep = false;
      try {
        const summary = await deliverDueMessages(deps, { signal: stopping.signal });
        if (summary.attempted > 0) deps.logger.info({ deliveries: summary }, 'webhook sweep finished');
      } catch (error) {
        deps.logger.error({ err: error }, 'webhook sweep failed; the next poll tries again');
      }
    } while (wokenDuringSweep && !stopping.signal.aborted);
    sweeping = undefined;
  };
  const wake = () => {
    if (stopping.signal.aborted) return;
    if (sweeping) wokenDuringSweep = true;
    else sweeping = sweepUntilQuiet();
  };

  const unlisten = await deps.store.listen(OUTBOX_CHANNEL, wake);
  const poll = setInterval(wake, options.pollMs ?? DEFAULT_POLL_MS);
  poll.unref();
  wake();
  deps.logger.info({ poll_ms: options.pollMs ?? DEFAULT_POLL_MS }, 'webhook dispatcher started');
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
