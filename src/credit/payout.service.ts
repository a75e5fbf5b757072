/**
 * Credit on promotion (SPEC §6): who made the promoted version, their PageRank shares of the pool,
 * the caps, and the ledger transfers — all in one transaction, idempotent per promotion.
 */
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import { type Db, lockKey } from '../db/database.ts';
import { NotFound } from '../errors.ts';
import { insertEvent } from '../events/event.repository.ts';
import type { Logger } from '../logger.ts';
import { applyCaps } from './caps.ts';
import { buildContributionGraph, modelNode } from './contribution-graph.ts';
import { lockAccounts } from './ledger.repository.ts';
import { mint, openAccounts, TREASURY, transfer, walletOf } from './ledger.service.ts';
import { toMicro } from './money.ts';
import { personalizedPageRank } from './pagerank.ts';
import {
  findPromotion,
  findRecentIncome,
  findUnpaidPromotions,
  hasPayout,
  insertPayout,
  loadContribution,
  type Promotion,
} from './payout.repository.ts';
import { roleShares } from './shares.ts';
import { splitPool } from './split.ts';

/** What credit work runs on. */
export interface CreditDeps {
  db: Db;
  config: Config;
  clock: Clock;
  logger: Logger;
}

const DAY_MS = 86_400_000;

/** The id of the transfer that pays `agentId` for `role` in a promotion: replays find it taken. */
export function payoutTransferId(eventId: number, agentId: string, role: string): string {
  return `payout:${eventId}:${agentId}:${role}`;
}

async function payInTransaction(deps: CreditDeps, promotion: Promotion): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    await lockKey(tx, `payout:${promotion.eventId}`);
    if (await hasPayout(tx, promotion.eventId)) return false;
    const input = await loadContribution(tx, promotion);
    if (!input) throw new NotFound(`the promoted version '${promotion.childId}' does not exist`);
    const graph = buildContributionGraph(input);
    const shares = roleShares(graph, personalizedPageRank(graph, { source: modelNode(input.child.id) }));
    const poolMicro = toMicro(deps.config.creditPool);
    const amounts = splitPool(
      poolMicro,
      shares.map((share) => share.weight),
    );
    const now = deps.clock.now();
    const agents = [...new Set(shares.map((share) => share.agentId))];
    await openAccounts(tx, agents);
    // Lock the payees' wallets before reading their recent income: a concurrent payout of another
    // promotion to the same agent waits here and then reads this one's transfers, so two payouts
    // at once cannot both fit under the daily cap.
    await lockAccounts(tx, agents.map(walletOf));
    const { lines, withheldMicro } = applyCaps(
      shares.map((share, i) => ({ ...share, amountMicro: amounts[i] })),
      {
        poolMicro,
        agentShareCap: deps.config.creditAgentShareCap,
        dailyCapMicro: toMicro(deps.config.creditDailyCap),
        receivedLast24h: await findRecentIncome(tx, agents, new Date(now.getTime() - DAY_MS)),
      },
    );
    const paid = lines.filter((line) => line.amountMicro > 0);
    const demurrage = { now, ratePerDay: deps.config.demurragePerDay };
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
      demurrage,
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
    return true;
  });
}

/** Pays one promotion; returns false when it was paid already (paying twice pays nothing new). */
export async function payPromotion(deps: CreditDeps, eventId: number): Promise<boolean> {
  const promotion = await findPromotion(deps.db, eventId);
  if (!promotion) throw new NotFound(`event ${eventId} is not a model promotion`);
  const paid = await payInTransaction(deps, promotion);
  if (paid) deps.logger.info({ event_id: eventId, child_id: promotion.childId }, 'promotion paid');
  return paid;
}

/** Pays every promotion that has no payout yet (the daily job); returns how many it paid. */
export async function payMissingPayouts(deps: CreditDeps): Promise<number> {
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

/** Funds the treasury once, when the ledger is first set up (a logged, idempotent mint). */
export async function fundTreasury(deps: CreditDeps): Promise<void> {
  if (deps.config.treasuryInitial <= 0) return;
  const minted = await deps.db.transaction(async (tx) => {
    await openAccounts(tx, []);
    return mint(
      tx,
      {
        id: 'treasury-genesis',
        account: TREASURY,
        amountMicro: toMicro(deps.config.treasuryInitial),
        reason: 'initial treasury',
        actor: 'system',
      },
      { now: deps.clock.now(), ratePerDay: deps.config.demurragePerDay },
    );
  });
  if (minted)
    deps.logger.info({ credits: deps.config.treasuryInitial }, 'treasury funded by its initial mint');
}
