/**
 * The payout lines of one promotion (docs/credit.md), computed and written nowhere: who made the version,
 * their PageRank shares of the pool, the split and the caps. The real payout pays these lines;
 * the impact preview shows them before the promotion exists.
 */
import type { Db } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { NotFound } from '../errors.ts';
import { findContributionFacts } from './contribution.repository.ts';
import { applyCaps, type CappedLine } from './core/caps.ts';
import { buildContributionGraph, type ContributionInput, modelNode } from './core/contribution-graph.ts';
import { toMicro } from './core/money.ts';
import { personalizedPageRank } from './core/pagerank.ts';
import { roleShares } from './core/shares.ts';
import { splitPool } from './core/split.ts';
import { findRecentIncome } from './ledger.repository.ts';

const DAY_MS = 86_400_000;

/** Who a payout is for: the promoted (or, for a preview, the candidate) version and the promoting evaluator. */
export interface PayoutSubject {
  childId: string;
  /** The promotion event's actor: the payout's eval runner. */
  actor: string;
}

/** The lines of one payout, before anything is written: what `payPromotion` pays and the preview shows. */
export interface PayoutPlan {
  poolMicro: number;
  lines: CappedLine[];
  withheldMicro: number;
}

async function loadContribution(db: Db, subject: PayoutSubject): Promise<ContributionInput | undefined> {
  const facts = await findContributionFacts(db, subject.childId);
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
    evalRunner: subject.actor,
  };
}

/**
 * Computes a payout's lines — the contribution graph, personalized PageRank, the role
 * shares, the split of the pool, and both caps over the payees' income of the last 24 hours — and
 * writes nothing. `beforeIncomeRead` runs between the split and that read: the real payout opens
 * and locks the payees' wallets there, so two payouts at once cannot both fit under the daily cap.
 */
export async function computePayoutLines(
  deps: Pick<Deps, 'db' | 'config' | 'clock'>,
  subject: PayoutSubject,
  beforeIncomeRead?: (agentIds: string[]) => Promise<void>,
): Promise<PayoutPlan> {
  const input = await loadContribution(deps.db, subject);
  if (!input) throw new NotFound(`the promoted version '${subject.childId}' does not exist`);
  const graph = buildContributionGraph(input);
  const shares = roleShares(graph, personalizedPageRank(graph, { source: modelNode(input.child.id) }));
  const poolMicro = toMicro(deps.config.creditPool);
  const amounts = splitPool(
    poolMicro,
    shares.map((share) => share.weight),
  );
  const agents = [...new Set(shares.map((share) => share.agentId))];
  await beforeIncomeRead?.(agents);
  const since = new Date(deps.clock.now().getTime() - DAY_MS);
  const { lines, withheldMicro } = applyCaps(
    shares.map((share, i) => ({ ...share, amountMicro: amounts[i] })),
    {
      poolMicro,
      agentShareCap: deps.config.creditAgentShareCap,
      dailyCapMicro: toMicro(deps.config.creditDailyCap),
      receivedLast24h: await findRecentIncome(deps.db, agents, since),
    },
  );
  return { poolMicro, lines, withheldMicro };
}
