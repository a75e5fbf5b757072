/**
 * The daily sweep of unpaid promotions: every promotion with no payout yet (its after-commit
 * payout failed, or the process stopped in between) is paid, each in a unit of work of its own so
 * one that cannot be paid (an empty treasury, say) does not hold back the others.
 */
import type { Deps } from '../deps.ts';
import { runInUnit } from '../unit-of-work.ts';
import { listUnpaidPromotions, payPromotion } from './payout.service.ts';

/** Pays every promotion that has no payout yet; returns how many it paid. */
export async function payMissingPayouts(deps: Deps): Promise<number> {
  let paid = 0;
  for (const { eventId } of await listUnpaidPromotions(deps)) {
    try {
      if (await runInUnit(deps, (unit) => payPromotion(deps, { unit, eventId }))) paid++;
    } catch (error) {
      deps.logger.error({ err: error, event_id: eventId }, 'payout failed; the next run retries it');
    }
  }
  if (paid > 0) deps.logger.info({ paid }, 'missing payouts paid');
  return paid;
}
