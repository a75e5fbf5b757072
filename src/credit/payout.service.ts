/**
 * Credit on promotion (SPEC §6): who made the promoted version, their PageRank shares of the pool,
 * the caps, and the ledger transfers — all in one transaction, idempotent per promotion — plus the
 * daily job that pays what is unpaid, the treasury's initial mint and reading a payout back.
 */
import { lockKey } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { NotFound } from '../errors.ts';
import { findPromotionEvent, insertEvent } from '../events/event.repository.ts';
import { findContributionFacts } from '../registry/model.repository.ts';
import { applyCaps } from './core/caps.ts';
import { buildContributionGraph, type ContributionInput, modelNode } from './core/contribution-graph.ts';
import { toMicro } from './core/money.ts';
import { personalizedPageRank } from './core/pagerank.ts';
import { roleShares } from './core/shares.ts';
import { splitPool } from './core/split.ts';
import { findRecentIncome, lockAccounts } from './ledger.repository.ts';
import { demurrageNow, mintCredit, openAccounts, TREASURY, transfer, walletOf } from './ledger.service.ts';
import {
  findPayout,
  findUnpaidPromotions,
  hasPayout,
  insertPayout,
  type Promotion,
} from './payout.repository.ts';

const DAY_MS = 86_400_000;

/** The id of the transfer that pays `agentId` for `role` in a promotion: replays find it taken. */
export function payoutTransferId(eventId: number, agentId: string, role: string): string {
  return `payout:${eventId}:${agentId}:${role}`;
}

async function loadContribution(deps: Deps, promotion: Promotion): Promise<ContributionInput | undefined> {
  const facts = await findContributionFacts(deps.db, promotion.childId);
  if (!facts) return undefined;
  const [child, ...parents] = facts.chain;
  const benchmark = facts.related.find((row) => row.role === 'benchmark');
  return {
    child,
    parents,
    datasets: facts.related
      .filter((row) => row.role !== 'benchmark')
      .map((row) => ({ id: row.id, createdBy: row.createdBy, via: row.role as 'trained_on' | 'eval' })),
    benchmark: benchmark ? { id: benchmark.id, createdBy: benchmark.createdBy } : null,
    evalRunner: promotion.actor,
  };
}

async function payInTransaction(deps: Deps, promotion: Promotion): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    await lockKey(tx, `payout:${promotion.eventId}`);
    if (await hasPayout(tx, promotion.eventId)) return false;
    const input = await loadContribution({ ...deps, db: tx }, promotion);
    if (!input) throw new NotFound(`the promoted version '${promotion.childId}' does not exist`);
    const graph = buildContributionGraph(input);
    const shares = roleShares(graph, personalizedPageRank(graph, { source: modelNode(input.child.id) }));
    const poolMicro = toMicro(deps.config.creditPool);
    const amounts = splitPool(
      poolMicro,
      shares.map((share) => share.weight),
    );
    const clock = demurrageNow(deps);
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
        receivedLast24h: await findRecentIncome(tx, agents, new Date(clock.now.getTime() - DAY_MS)),
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

/** A payout record and its lines. */
export type Payout = NonNullable<Awaited<ReturnType<typeof findPayout>>>;

/** One promotion's payout; 404 when the event has none. */
export async function getPayout(deps: Pick<Deps, 'db'>, eventId: number): Promise<Payout> {
  const found = await findPayout(deps.db, eventId);
  if (!found) throw new NotFound(`event ${eventId} has no payout`);
  return found;
}
