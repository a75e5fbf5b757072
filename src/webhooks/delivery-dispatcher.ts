/**
 * The dispatcher inside `modelgraph serve`: a sweeper (`sweeper.ts`) of the outbox, woken when a
 * transaction that queued messages commits and on a poll, which also finds retries as they fall
 * due. Stopping aborts the requests in flight and waits for the sweep to record them.
 */
import type { Store } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { type Sweeper, startSweeper } from '../sweeper.ts';
import { OUTBOX_CHANNEL } from './delivery.repository.ts';
import { deliverDueMessages } from './delivery.service.ts';

/** How often the dispatcher looks for due deliveries without being woken. */
const DEFAULT_POLL_MS = 1000;

/** A running dispatcher. */
export type Dispatcher = Sweeper;

/** Starts the dispatcher on `store`; stop it before closing the store. */
export function startDispatcher(
  deps: Deps & { store: Pick<Store, 'listen'> },
  options: { pollMs?: number } = {},
): Promise<Dispatcher> {
  return startSweeper(deps, {
    name: 'webhook dispatcher',
    channel: OUTBOX_CHANNEL,
    pollMs: options.pollMs ?? DEFAULT_POLL_MS,
    async sweep(signal) {
      const summary = await deliverDueMessages(deps, { signal });
      if (summary.attempted > 0) deps.logger.info({ deliveries: summary }, 'webhook sweep finished');
    },
  });
}
