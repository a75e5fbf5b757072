/**
 * The unit of work every write runs in. The edge — a route handler, a job's step, a CLI command, the
 * demo loader — opens it with `runInUnit` and hands it to the commands it calls as `props.unit`, so
 * several commands can share one transaction and no command opens its own. What the commands
 * publish reaches the in-transaction subscribers at once and the after-commit ones once the
 * transaction has committed, in the order it was published.
 */

import type { Deps, Unit } from './deps.ts';
import type { DomainEvent } from './domain-events.ts';

/** Runs `work` in one transaction, then the after-commit reactions to what it published; returns its result. */
export async function runInUnit<T>(deps: Deps, work: (unit: Unit) => Promise<T>): Promise<T> {
  const published: DomainEvent[] = [];
  const result = await deps.db.transaction((tx) => {
    const unit: Unit = {
      tx,
      async publish(event) {
        published.push(event);
        for (const subscriber of deps.subscribers) {
          if (subscriber.phase === 'in_transaction' && subscriber.on.includes(event.type)) {
            await subscriber.handle(deps, unit, event);
          }
        }
      },
    };
    return work(unit);
  });
  for (const event of published) await reactAfterCommit(deps, event);
  return result;
}

async function reactAfterCommit(deps: Deps, event: DomainEvent): Promise<void> {
  for (const subscriber of deps.subscribers) {
    if (subscriber.phase !== 'after_commit' || !subscriber.on.includes(event.type)) continue;
    try {
      await subscriber.handle(deps, event);
    } catch (error) {
      // The change has committed; its follow-up is retried by its own means (the daily payout job,
      // the enrichment queue), so a failure here is reported and never undoes the change.
      deps.logger.error(
        { err: error, subscriber: subscriber.name, event_type: event.type },
        'after-commit subscriber failed',
      );
    }
  }
}
