/**
 * The world's promotion history replayed through the app's own credit rules, in memory: for each
 * promotion in time order, its `model_version_promoted` event, then the payout the promote route
 * makes after commit (`payInTransaction` in `src/credit/payout.service.ts`) — contribution graph,
 * personalized PageRank, split, the 40 % and rolling 24-hour caps, demurrage settled on the
 * wallets it pays, transfers, payout lines and `credit_payout` events. The result is rows to
 * insert, identical to what paying each promotion as it happened would have written, except
 * timestamps, which are the promotion's (plus microseconds, in the app's write order).
 *
 * When the treasury could not cover a pool it is topped up first by an explicit mint, as an
 * operator would (`modelgraph credit mint`); otherwise the payout would fail and the promotion
 * would stay unpaid.
 */
import { applyCaps } from '../../src/credit/core/caps.ts';
import {
  buildContributionGraph,
  type ContributionInput,
  modelNode,
} from '../../src/credit/core/contribution-graph.ts';
import { decayBalance } from '../../src/credit/core/demurrage.ts';
import { personalizedPageRank } from '../../src/credit/core/pagerank.ts';
import { roleShares } from '../../src/credit/core/shares.ts';
import { splitPool } from '../../src/credit/core/split.ts';
import { TREASURY, walletOf } from '../../src/credit/ledger.service.ts';
import { payoutTransferId } from '../../src/credit/payout.service.ts';

/** A promotion to replay: the promoted version's contribution data and when and by whom. */
export interface PlannedPromotion extends Omit<ContributionInput, 'evalRunner'> {
  /** The lineage's previously promoted version, null on a first promotion. */
  previousId: string | null;
  /** The promoting agent (the event's actor, paid as eval runner). */
  actor: string;
  /** Whole milliseconds since the Unix epoch. */
  promotedAtMs: number;
}

/** The configured credit rules (`Config` in micro-credits). */
export interface CreditRules {
  poolMicro: number;
  agentShareCap: number;
  dailyCapMicro: number;
  demurragePerDay: number;
  /** How much one treasury top-up mints. */
  topUpMicro: number;
}

/** A ledger account as the replay tracks it. */
export interface AccountState {
  id: string;
  agentId: string | null;
  balanceMicro: number;
  settledAtMs: number;
  /** Microseconds since the epoch; set for accounts the replay opens. */
  createdAtUs?: number;
}

/** An event row; `createdAtUs` is microseconds since the Unix epoch, like every `…Us` below. */
export interface EventRow {
  id: number;
  eventType: string;
  targetArtifactId: string;
  actor: string;
  detectionMetadata: Record<string, unknown>;
  createdAtUs: number;
}

/** A ledger transfer row. */
export interface TransferRow {
  id: string;
  debitAccount: string;
  creditAccount: string;
  amountMicro: number;
  reason: string;
  eventId: number | null;
  createdAtUs: number;
}

/** A mint row. */
export interface MintRow {
  id: string;
  account: string;
  amountMicro: number;
  reason: string;
  actor: string;
  createdAtUs: number;
}

/** A payout and its lines. */
export interface PayoutRow {
  eventId: number;
  poolMicro: number;
  withheldMicro: number;
  createdAtUs: number;
}

/** One payout line. */
export interface PayoutLineRow {
  eventId: number;
  agentId: string;
  role: string;
  weight: number;
  amountMicro: number;
  cappedBy: string | null;
  transferId: string | null;
}

/** Everything the replay writes. `openedAccounts` hold their final `settledAtMs`. */
export interface CreditHistory {
  events: EventRow[];
  transfers: TransferRow[];
  mints: MintRow[];
  payouts: PayoutRow[];
  lines: PayoutLineRow[];
  openedAccounts: AccountState[];
}

const DAY_MS = 86_400_000;
/** The payout runs this long after its promotion commits. */
const PAYOUT_DELAY_MS = 500;
/** A top-up is minted this long after the promotion, before its payout. */
const TOP_UP_DELAY_MS = 100;

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Payouts an agent received, oldest first, for the rolling 24-hour cap. */
type IncomeLog = Map<string, { atUs: number; amountMicro: number }[]>;

function recentIncome(log: IncomeLog, agentIds: string[], sinceUs: number): Map<string, number> {
  const totals = new Map<string, number>();
  for (const agentId of agentIds) {
    const entries = log.get(agentId);
    if (!entries) continue;
    while (entries.length > 0 && entries[0].atUs <= sinceUs) entries.shift();
    const total = entries.reduce((sum, entry) => sum + entry.amountMicro, 0);
    if (total > 0) totals.set(agentId, total);
  }
  return totals;
}

/**
 * Replays the promotions (any order; they are sorted by time, then child id) on top of the
 * existing accounts (the funded treasury). Event ids start at `firstEventId`.
 */
export function replayCreditHistory(
  promotions: PlannedPromotion[],
  existingAccounts: AccountState[],
  rules: CreditRules,
  firstEventId: number,
): CreditHistory {
  const accounts = new Map(existingAccounts.map((account) => [account.id, { ...account }]));
  const treasury = accounts.get(TREASURY);
  if (!treasury) throw new Error('the treasury account does not exist: fund it before replaying payouts');
  const history: CreditHistory = {
    events: [],
    transfers: [],
    mints: [],
    payouts: [],
    lines: [],
    openedAccounts: [],
  };
  const income: IncomeLog = new Map();
  let nextEventId = firstEventId;
  const ordered = [...promotions].sort(
    (a, b) => a.promotedAtMs - b.promotedAtMs || compareText(a.child.id, b.child.id),
  );
  for (const promotion of ordered) {
    const eventId = nextEventId++;
    const { child, actor } = promotion;
    history.events.push({
      id: eventId,
      eventType: 'model_version_promoted',
      targetArtifactId: child.id,
      actor,
      detectionMetadata: { parent_id: promotion.previousId, child_id: child.id, actor },
      createdAtUs: promotion.promotedAtMs * 1000,
    });
    if (treasury.balanceMicro < rules.poolMicro) {
      history.mints.push({
        id: `bench-treasury-top-up-${history.mints.length + 1}`,
        account: TREASURY,
        amountMicro: rules.topUpMicro,
        reason: 'treasury top-up',
        actor: 'admin',
        createdAtUs: (promotion.promotedAtMs + TOP_UP_DELAY_MS) * 1000,
      });
      treasury.balanceMicro += rules.topUpMicro;
    }
    nextEventId = payPromotion(history, { accounts, income, rules }, promotion, eventId, nextEventId);
  }
  history.openedAccounts = [...accounts.values()].filter((account) => account.createdAtUs !== undefined);
  return history;
}

interface LedgerState {
  accounts: Map<string, AccountState>;
  income: IncomeLog;
  rules: CreditRules;
}

/** One payout, in `payInTransaction`'s order of writes; returns the next free event id. */
function payPromotion(
  history: CreditHistory,
  state: LedgerState,
  promotion: PlannedPromotion,
  eventId: number,
  nextEventId: number,
): number {
  const { accounts, rules } = state;
  const nowMs = promotion.promotedAtMs + PAYOUT_DELAY_MS;
  let clockUs = nowMs * 1000;
  const input: ContributionInput = { ...promotion, evalRunner: promotion.actor };
  const graph = buildContributionGraph(input);
  const shares = roleShares(graph, personalizedPageRank(graph, { source: modelNode(input.child.id) }));
  const amounts = splitPool(
    rules.poolMicro,
    shares.map((share) => share.weight),
  );
  const agents = [...new Set(shares.map((share) => share.agentId))];
  for (const agentId of [...agents].sort(compareText)) {
    const id = walletOf(agentId);
    if (!accounts.has(id))
      accounts.set(id, { id, agentId, balanceMicro: 0, settledAtMs: nowMs, createdAtUs: clockUs++ });
  }
  const { lines, withheldMicro } = applyCaps(
    shares.map((share, i) => ({ ...share, amountMicro: amounts[i] })),
    {
      poolMicro: rules.poolMicro,
      agentShareCap: rules.agentShareCap,
      dailyCapMicro: rules.dailyCapMicro,
      receivedLast24h: recentIncome(state.income, agents, (nowMs - DAY_MS) * 1000),
    },
  );
  const paid = lines.filter((line) => line.amountMicro > 0);
  const treasury = accounts.get(TREASURY) as AccountState;
  // settleDemurrage over the accounts the transfers touch, in the id order lockAccounts reads them.
  const touched = [...new Set([TREASURY, ...paid.map((line) => walletOf(line.agentId))])].sort(compareText);
  for (const id of touched) {
    const account = accounts.get(id) as AccountState;
    if (account.agentId === null) continue;
    const decay = decayBalance(account.balanceMicro, nowMs - account.settledAtMs, rules.demurragePerDay);
    if (decay.decayedMicro > 0) {
      history.transfers.push({
        id: `demurrage:${id}:${account.settledAtMs}-${nowMs}`,
        debitAccount: id,
        creditAccount: TREASURY,
        amountMicro: decay.decayedMicro,
        reason: 'demurrage',
        eventId: null,
        createdAtUs: clockUs++,
      });
      treasury.balanceMicro += decay.decayedMicro;
    }
    if (decay.decayedMicro > 0 || account.balanceMicro === 0) account.settledAtMs = nowMs;
    account.balanceMicro = decay.balanceMicro;
  }
  const total = paid.reduce((sum, line) => sum + line.amountMicro, 0);
  if (treasury.balanceMicro < total) throw new Error(`the treasury cannot pay promotion event ${eventId}`);
  for (const line of paid) {
    const wallet = accounts.get(walletOf(line.agentId)) as AccountState;
    const atUs = clockUs++;
    history.transfers.push({
      id: payoutTransferId(eventId, line.agentId, line.role),
      debitAccount: TREASURY,
      creditAccount: wallet.id,
      amountMicro: line.amountMicro,
      reason: 'payout',
      eventId,
      createdAtUs: atUs,
    });
    treasury.balanceMicro -= line.amountMicro;
    wallet.balanceMicro += line.amountMicro;
    const log = state.income.get(line.agentId) ?? [];
    log.push({ atUs, amountMicro: line.amountMicro });
    state.income.set(line.agentId, log);
  }
  history.payouts.push({ eventId, poolMicro: rules.poolMicro, withheldMicro, createdAtUs: clockUs++ });
  for (const line of lines) {
    history.lines.push({
      eventId,
      agentId: line.agentId,
      role: line.role,
      weight: line.weight,
      amountMicro: line.amountMicro,
      cappedBy: line.cappedBy ?? null,
      transferId: line.amountMicro > 0 ? payoutTransferId(eventId, line.agentId, line.role) : null,
    });
  }
  for (const line of lines) {
    history.events.push({
      id: nextEventId++,
      eventType: 'credit_payout',
      targetArtifactId: promotion.child.id,
      actor: 'credit',
      detectionMetadata: {
        promotion_event_id: eventId,
        agent_id: line.agentId,
        role: line.role,
        weight: line.weight,
        amount_micro: line.amountMicro,
        capped_by: line.cappedBy ?? null,
      },
      createdAtUs: clockUs++,
    });
  }
  return nextEventId;
}
