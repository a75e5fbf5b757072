/**
 * The wire forms of the ledger (docs/api.md#events-and-credit): amounts in credits as JSON numbers,
 * each with its exact integer twin in micro-credits.
 */
import { toCredits } from './core/money.ts';
import type { AccountState, TransferRow } from './ledger.repository.ts';
import type { getWallet } from './ledger.service.ts';
import type { Payout } from './payout.repository.ts';
import type { PayoutPlan } from './payout-plan.service.ts';

/** A transfer as sent. */
export function presentTransfer(row: TransferRow) {
  return {
    id: row.id,
    debit_account: row.debitAccount,
    credit_account: row.creditAccount,
    amount: toCredits(row.amountMicro),
    amount_micro: row.amountMicro,
    reason: row.reason,
    event_id: row.eventId,
    created_at: row.createdAt.toISOString(),
  };
}

/** A wallet as sent. */
export function presentWallet(wallet: Awaited<ReturnType<typeof getWallet>>) {
  return {
    agent_id: wallet.agentId,
    balance: toCredits(wallet.balanceMicro),
    balance_micro: wallet.balanceMicro,
    transfers: wallet.transfers.map(presentTransfer),
  };
}

/** A balance as sent. */
export function presentBalance(balanceMicro: number) {
  return { balance: toCredits(balanceMicro), balance_micro: balanceMicro };
}

interface LineParts {
  agentId: string;
  role: string;
  weight: number;
  amountMicro: number;
  cappedBy?: string | null;
}

/** A pool, its lines and what the caps withheld, as sent (a paid payout or a preview). */
function presentLines(poolMicro: number, lines: LineParts[], withheldMicro: number) {
  return {
    pool: toCredits(poolMicro),
    pool_micro: poolMicro,
    payouts: lines.map((line) => ({
      agent_id: line.agentId,
      role: line.role,
      weight: line.weight,
      amount: toCredits(line.amountMicro),
      amount_micro: line.amountMicro,
      ...(line.cappedBy ? { capped_by: line.cappedBy } : {}),
    })),
    withheld: toCredits(withheldMicro),
    withheld_micro: withheldMicro,
  };
}

/** One promotion's payout as sent. */
export function presentPayout({ payout, lines }: Payout) {
  return { event_id: payout.eventId, ...presentLines(payout.poolMicro, lines, payout.withheldMicro) };
}

/** Payout lines computed but not paid (the impact preview's), as sent. */
export function presentPayoutPlan(plan: PayoutPlan) {
  return presentLines(plan.poolMicro, plan.lines, plan.withheldMicro);
}

/** Every account and their total, as sent. */
export function presentAccounts(accounts: AccountState[]) {
  const totalMicro = accounts.reduce((sum, state) => sum + state.balanceMicro, 0);
  return {
    accounts: accounts.map((state) => ({ id: state.id, ...presentBalance(state.balanceMicro) })),
    total: toCredits(totalMicro),
    total_micro: totalMicro,
  };
}
