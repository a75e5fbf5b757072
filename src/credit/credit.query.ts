/**
 * Read models of the ledger: wallets, payouts and the account list, in credits with exact
 * micro-credit twins, demurrage settled as of now.
 */
import type { Db } from '../db/database.ts';
import { NotFound } from '../errors.ts';
import { findAllAccountIds, findRecentTransfers, type TransferRow } from './ledger.repository.ts';
import { openAccounts, readBalances, walletOf } from './ledger.service.ts';
import { toCredits } from './money.ts';
import { findPayout } from './payout.repository.ts';
import type { CreditDeps } from './payout.service.ts';

function presentTransfer(row: TransferRow) {
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

const demurrageNow = (deps: CreditDeps) => ({
  now: deps.clock.now(),
  ratePerDay: deps.config.demurragePerDay,
});

/** An agent's settled balance (0 for an agent that was never paid). */
export async function loadBalance(deps: CreditDeps, agentId: string): Promise<number> {
  const account = walletOf(agentId);
  await deps.db.transaction((tx) => openAccounts(tx, [agentId]));
  const [state] = await readBalances(deps.db, [account], demurrageNow(deps));
  return state?.balanceMicro ?? 0;
}

/** `GET /api/agents/{id}/wallet`: the settled balance and the last 50 transfers. */
export async function loadWallet(deps: CreditDeps, agentId: string) {
  const balanceMicro = await loadBalance(deps, agentId);
  const transfers = await findRecentTransfers(deps.db, walletOf(agentId), 50);
  return {
    agent_id: agentId,
    balance: toCredits(balanceMicro),
    balance_micro: balanceMicro,
    transfers: transfers.map(presentTransfer),
  };
}

/** `GET /api/credit/payouts?event_id=`: one promotion's payout; 404 when it has none. */
export async function loadPayout(db: Db, eventId: number) {
  const found = await findPayout(db, eventId);
  if (!found) throw new NotFound(`event ${eventId} has no payout`);
  return {
    event_id: eventId,
    pool: toCredits(found.payout.poolMicro),
    pool_micro: found.payout.poolMicro,
    payouts: found.lines.map((line) => ({
      agent_id: line.agentId,
      role: line.role,
      weight: line.weight,
      amount: toCredits(line.amountMicro),
      amount_micro: line.amountMicro,
      ...(line.cappedBy ? { capped_by: line.cappedBy } : {}),
    })),
    withheld: toCredits(found.payout.withheldMicro),
    withheld_micro: found.payout.withheldMicro,
  };
}

/** `GET /api/credit/accounts`: every account settled as of now, and their total. */
export async function loadAccounts(deps: CreditDeps) {
  const ids = await findAllAccountIds(deps.db);
  const states = await readBalances(deps.db, ids, demurrageNow(deps));
  const totalMicro = states.reduce((sum, state) => sum + state.balanceMicro, 0);
  return {
    accounts: states
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((state) => ({
        id: state.id,
        balance: toCredits(state.balanceMicro),
        balance_micro: state.balanceMicro,
      })),
    total: toCredits(totalMicro),
    total_micro: totalMicro,
  };
}
