/**
 * Credit's reaction to a promotion: once it has committed, the promotion is paid in a unit of work
 * of its own. A failure never undoes the promotion; the daily sweep (`payout.job.ts`) pays it later.
 */
import { afterCommit } from '../deps.ts';
import { runInUnit } from '../unit-of-work.ts';
import { payPromotion } from './payout.service.ts';

/** Pays each promotion after it commits. */
export const payoutSubscribers = [
  afterCommit('credit: pay the promotion', ['model_version_promoted'], async (deps, event) => {
    await runInUnit(deps, (unit) => payPromotion(deps, { unit, eventId: event.logged.id }));
  }),
];
