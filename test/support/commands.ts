/**
 * Commands as the test suites call them directly: each in a unit of work of its own, as a route
 * would run it, and a promotion that commits without its after-commit payout, as if its server
 * had stopped in between.
 */
import { payPromotion } from '../../src/credit/payout.service.ts';
import type { Deps } from '../../src/deps.ts';
import type { Event } from '../../src/events/event.service.ts';
import { type PromoteModelProps, promoteModel } from '../../src/registry/models/promotion.service.ts';
import { runInUnit } from '../../src/unit-of-work.ts';

/** Promotes in a unit of its own; the after-commit subscribers (the payout) do not run. */
export function promoteUnpaid(deps: Deps, props: Omit<PromoteModelProps, 'unit'>): Promise<Event> {
  const inTransactionOnly = deps.subscribers.filter((subscriber) => subscriber.phase === 'in_transaction');
  return runInUnit({ ...deps, subscribers: inTransactionOnly }, (unit) =>
    promoteModel(deps, { ...props, unit }),
  );
}

/** Pays the promotion logged as `eventId` in a unit of its own; false when it was paid already. */
export function payNow(deps: Deps, eventId: number): Promise<boolean> {
  return runInUnit(deps, (unit) => payPromotion(deps, { unit, eventId }));
}
