/**
 * Credit on promotion (docs/credit.md): the payout lines of `payout-plan.service.ts` paid as ledger
 * transfers and recorded — all in one transaction, idempotent per promotion — plus the daily job
 * that pays what is unpaid, the treasury's initial mint and reading a payout back.
 */
import { lockKey } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { NotFound } from '../errors.ts';
import { findPromotionEvent, insertEvent } from '../events/event.repository.ts';
import { publishEvent } from '../webhooks/outbox.service.ts';
import { toMicro } from './core/money.ts';
import { presentPayout } from './credit.presenter.ts';
import { lockAccounts } from './ledger.repository.ts';
import { demurrageNow, mintCredit, openAccounts, TREASURY, transfer, walletOf } from './ledger.service.ts';
import {
  findPayout,
  findUnpaidPromotions,
  hasPayout,
  insertPayout,
  type Payout,
  type Promotion,
} from './payout.repository.ts';
import { computePayoutLines } from './payout-plan.service.ts';

/** The id of the transfer that pays `agentId` for `role` in a promotion: replays find it taken. */
export function payoutTransferId(eventId: number, agentId: string, role: string): string {
  return `payout:${eventId}:${agentId}:${role}`;
}

async function payInTransaction(deps: Deps, promotion: Promotion): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    await lockKey(tx, `payout:${promotion.eventId}`);
    if (await hasPayout(tx, promotion.eventId)) return false;
    const clock = demurrageNow(deps);
    const { poolMicro, lines, withheldMicro } = await computePayoutLines(
      { ...deps, db: tx, clock: { now: () => clock.now } },
      promotion,
      async (agents) => {
        await openAccounts(tx, agents);
        await lockAccounts(tx, agents.map(walletOf));
      },
    );
    const paid = lines.filter((line) => line.amountMicro > 0);
    await transfer(
      tx,
      paid.map((line) => ({
        id: payoutTransferId(promotion.eventId, line.agentId, line.role),
        debitAccount: TREASURY,
        creditAccount: walletOf(line.agentId),
        amountMicro: line.amountMicro,
        reason: 'payout',
        eventId: promotion.eventId,
      })),
      clock,
    );
    await insertPayout(
      tx,
      { eventId: promotion.eventId, poolMicro, withheldMicro },
      lines.map((line) => ({
        eventId: promotion.eventId,
        agentId: line.agentId,
        role: line.role,
        weight: line.weight,
        amountMicro: line.amountMicro,
        cappedBy: line.cappedBy ?? null,
        transferId:
          line.amountMicro > 0 ? payoutTransferId(promotion.eventId, line.agentId, line.role) : null,
      })),
    );
    for (const line of lines) {
      await insertEvent(tx, {
        eventType: 'credit_payout',
        targetArtifactId: promotion.childId,
        actor: 'credit',
        detectionMetadata: {
          promotion_event_id: promotion.eventId,
          agent_id: line.agentId,
          role: line.role,
          weight: line.weight,
          amount_micro: line.amountMicro,
          capped_by: line.cappedBy ?? null,
        },
      });
    }
    await publishEvent(tx, deps, {
      type: 'credit_payout_completed',
      data: async () => presentPayout(await getPayout({ db: tx }, promotion.eventId)),
      eventId: promotion.eventId,
    });
    return true;
  });
}

/** Pays one promotion; returns false when it was paid already (paying twice pays nothing new). */
export async function payPromotion(deps: Deps, eventId: number): Promise<boolean> {
  const promotion = await findPromotionEvent(deps.db, eventId);
  if (!promotion) throw new NotFound(`event ${eventId} is not a model promotion`);
  const paid = await payInTransaction(deps, promotion);
  if (paid) deps.logger.info({ event_id: eventId, child_id: promotion.childId }, 'promotion paid');
  return paid;
}

/** Pays every promotion that has no payout yet (the daily job); returns how many it paid. */
export async function payMissingPayouts(deps: Deps): Promise<number> {
  let paid = 0;
  for (const promotion of await findUnpaidPromotions(deps.db)) {
    try {
      if (await payInTransaction(deps, promotion)) paid++;
    } catch (error) {
      // One promotion that cannot be paid (an empty treasury, say) must not hold back the others.
      deps.logger.error(
        { err: error, event_id: promotion.eventId },
        'payout failed; the next run retries it',
      );
    }
  }
  if (paid > 0) deps.logger.info({ paid }, 'missing payouts paid');
  return paid;
}

/** The promotions that have no payout yet, oldest first. */
export function listUnpaidPromotions(deps: Pick<Deps, 'db'>): Promise<Promotion[]> {
  return findUnpaidPromotions(deps.db);
}

/** Funds the treasury once, when the ledger is first set up (a logged, idempotent mint). */
export async function fundTreasury(deps: Deps): Promise<void> {
  if (deps.config.treasuryInitial <= 0) return;
  await mintCredit(deps, {
    id: 'treasury-genesis',
    amountMicro: toMicro(deps.config.treasuryInitial),
    reason: 'initial treasury',
    actor: 'system',
  });
}

/** One promotion's payout; 404 when the event has none. */
export async function getPayout(deps: Pick<Deps, 'db'>, eventId: number): Promise<Payout> {
  const found = await findPayout(deps.db, eventId);
  if (!found) throw new NotFound(`event ${eventId} has no payout`);
  return found;
}
