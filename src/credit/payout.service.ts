/**
 * Credit on promotion (docs/credit.md): the payout lines of `payout-plan.service.ts` paid as ledger
 * transfers and recorded — in the caller's unit of work, idempotent per promotion — the treasury's
 * initial mint and reading a payout back. Who pays when is `payout.subscribers.ts` (after a
 * promotion commits) and `payout.job.ts` (the daily sweep of what is unpaid).
 */
import { type Caller, SYSTEM_AGENT_ID } from '../caller.ts';
import { lockKey } from '../db/database.ts';
import type { Deps, Unit } from '../deps.ts';
import { NotFound } from '../errors.ts';
import { findPromotion, logEvents } from '../events/event.service.ts';
import { toMicro } from './core/money.ts';
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

/** Pays one promotion in the unit's transaction; returns false when it was paid already (paying twice pays nothing new). */
async function payOnce(deps: Deps, unit: Unit, promotion: Promotion): Promise<boolean> {
  const { tx } = unit;
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
      transferId: line.amountMicro > 0 ? payoutTransferId(promotion.eventId, line.agentId, line.role) : null,
    })),
  );
  await logEvents(unit, {
    eventType: 'credit_payout',
    actor: 'credit',
    targets: lines.map(() => promotion.childId),
    metadata: lines.map((line) => ({
      promotion_event_id: promotion.eventId,
      agent_id: line.agentId,
      role: line.role,
      weight: line.weight,
      amount_micro: line.amountMicro,
      capped_by: line.cappedBy ?? null,
    })),
  });
  await unit.publish({ type: 'credit_payout_completed', promotionEventId: promotion.eventId });
  return true;
}

/** Pays the promotion logged as event `eventId`; returns false when it was paid already. 404 for another event. */
export async function payPromotion(deps: Deps, props: { unit: Unit; eventId: number }): Promise<boolean> {
  const promotion = await findPromotion({ db: props.unit.tx }, props.eventId);
  if (!promotion) throw new NotFound(`event ${props.eventId} is not a model promotion`);
  const paid = await payOnce(deps, props.unit, promotion);
  if (paid) deps.logger.info({ event_id: props.eventId, child_id: promotion.childId }, 'promotion paid');
  return paid;
}

/** The promotions that have no payout yet, oldest first. */
export function listUnpaidPromotions(deps: Pick<Deps, 'db'>): Promise<Promotion[]> {
  return findUnpaidPromotions(deps.db);
}

/** Funds the treasury once, when the ledger is first set up (a logged, idempotent mint). */
export async function fundTreasury(deps: Deps, props: { unit: Unit }): Promise<void> {
  if (deps.config.treasuryInitial <= 0) return;
  const system: Caller = { agentId: SYSTEM_AGENT_ID, scopes: ['admin'] };
  await mintCredit(deps, {
    unit: props.unit,
    caller: system,
    id: 'treasury-genesis',
    amountMicro: toMicro(deps.config.treasuryInitial),
    reason: 'initial treasury',
  });
}

/** One promotion's payout; 404 when the event has none. */
export async function getPayout(deps: Pick<Deps, 'db'>, eventId: number): Promise<Payout> {
  const found = await findPayout(deps.db, eventId);
  if (!found) throw new NotFound(`event ${eventId} has no payout`);
  return found;
}
