/**
 * Ledger operations: idempotent transfers and mints, lazy demurrage, and the ledger's commands —
 * minting, a balance, a wallet, the account list, each in its caller's unit of work (a read
 * settles demurrage, which writes). Every move settles the demurrage of the wallets
 * it touches first, and every read settles before it reports, so the stored balances always add
 * up to the sum of all mints.
 */
import { assertScope, type Caller } from '../caller.ts';
import type { Tx } from '../db/database.ts';
import type { Deps, Unit } from '../deps.ts';
import { AlreadyExists, RuleViolation } from '../errors.ts';
import { decayBalance } from './core/demurrage.ts';
import {
  type AccountState,
  ensureAccounts,
  findAllAccountIds,
  findMint,
  findRecentTransfers,
  findTransfers,
  insertMint,
  insertTransfers,
  lockAccounts,
  markSettled,
  type TransferRow,
} from './ledger.repository.ts';

/** The system account that pays out and receives decayed credit. */
export const TREASURY = 'treasury';

/** The wallet account of an agent. */
export function walletOf(agentId: string): string {
  return `agent:${agentId}`;
}

/** When demurrage is measured and at what daily rate. */
export interface DemurrageClock {
  now: Date;
  ratePerDay: number;
}

/** A transfer to make; `id` is its idempotency key. */
export interface TransferProps {
  id: string;
  debitAccount: string;
  creditAccount: string;
  amountMicro: number;
  reason: string;
  eventId?: number | null;
}

/** Opens the treasury and the wallets of the listed agents if they are missing. */
export async function openAccounts(tx: Tx, agentIds: string[]): Promise<void> {
  await ensureAccounts(tx, [
    { id: TREASURY, agentId: null },
    // Sorted, so two payouts opening the same new wallets take their row locks in the same order.
    ...[...new Set(agentIds)].sort().map((agentId) => ({ id: walletOf(agentId), agentId })),
  ]);
}

/**
 * Settles demurrage on the listed accounts up to `clock.now`: each wallet's decayed part moves to
 * the treasury as a transfer. A wallet whose decay rounds to zero keeps its settlement time, so
 * frequent reads cannot stop the decay. Returns the locked, settled states.
 */
export async function settleDemurrage(tx: Tx, accountIds: string[], clock: DemurrageClock) {
  const states = await lockAccounts(tx, [...accountIds, TREASURY]);
  const transfers: TransferProps[] = [];
  const settled: string[] = [];
  for (const state of states) {
    if (state.agentId === null) continue;
    const elapsed = clock.now.getTime() - state.settledAt.getTime();
    const { balanceMicro, decayedMicro } = decayBalance(state.balanceMicro, elapsed, clock.ratePerDay);
    if (decayedMicro > 0) {
      transfers.push({
        id: `demurrage:${state.id}:${state.settledAt.getTime()}-${clock.now.getTime()}`,
        debitAccount: state.id,
        creditAccount: TREASURY,
        amountMicro: decayedMicro,
        reason: 'demurrage',
      });
    }
    if (decayedMicro > 0 || state.balanceMicro === 0) settled.push(state.id);
    state.balanceMicro = balanceMicro;
  }
  await insertTransfers(tx, transfers.map(toRow));
  await markSettled(tx, settled, clock.now);
  const treasury = states.find((state) => state.id === TREASURY);
  if (treasury) treasury.balanceMicro += transfers.reduce((sum, transfer) => sum + transfer.amountMicro, 0);
  return new Map(states.map((state) => [state.id, state]));
}

function toRow(props: TransferProps) {
  return {
    id: props.id,
    debitAccount: props.debitAccount,
    creditAccount: props.creditAccount,
    amountMicro: props.amountMicro,
    reason: props.reason,
    eventId: props.eventId ?? null,
  };
}

function sameTransfer(a: ReturnType<typeof toRow>, b: ReturnType<typeof toRow>): boolean {
  return (
    a.debitAccount === b.debitAccount &&
    a.creditAccount === b.creditAccount &&
    a.amountMicro === b.amountMicro &&
    a.reason === b.reason &&
    (a.eventId ?? null) === (b.eventId ?? null)
  );
}

/**
 * Makes transfers, all or none: a transfer whose id exists with the same content is a no-op, with
 * other content a 409; a debit larger than the (settled) balance is a 422. Returns the ids made.
 */
export async function transfer(tx: Tx, props: TransferProps[], clock: DemurrageClock): Promise<Set<string>> {
  const rows = props.map(toRow);
  const existing = new Map(
    (
      await findTransfers(
        tx,
        rows.map((row) => row.id),
      )
    ).map((row) => [row.id, row]),
  );
  const conflicts = rows.filter(
    (row) => existing.has(row.id) && !sameTransfer(row, existing.get(row.id) as typeof row),
  );
  if (conflicts.length > 0) {
    throw new AlreadyExists(
      `transfer(s) already exist with other content: ${conflicts.map((r) => r.id).join(', ')}`,
    );
  }
  const fresh = rows.filter((row) => !existing.has(row.id));
  const accounts = await settleDemurrage(
    tx,
    fresh.flatMap((row) => [row.debitAccount, row.creditAccount]),
    clock,
  );
  assertFunds(accounts, fresh);
  return insertTransfers(tx, fresh);
}

function assertFunds(accounts: Map<string, AccountState>, rows: ReturnType<typeof toRow>[]): void {
  const debits = new Map<string, number>();
  for (const row of rows) debits.set(row.debitAccount, (debits.get(row.debitAccount) ?? 0) + row.amountMicro);
  for (const [account, amount] of debits) {
    const balance = accounts.get(account)?.balanceMicro;
    if (balance === undefined) throw new RuleViolation(`account '${account}' does not exist`);
    if (balance < amount) {
      throw new RuleViolation(
        `account '${account}' holds ${balance} micro-credits, not the ${amount} to move`,
        {
          account,
          balance_micro: balance,
          amount_micro: amount,
        },
      );
    }
  }
}

/** A mint to make; `id` is its idempotency key. */
export interface MintProps {
  id: string;
  account: string;
  amountMicro: number;
  reason: string;
  actor: string;
}

/** Mints credit into an account (the only way the total grows); a re-sent mint is a no-op. */
export async function mint(tx: Tx, props: MintProps, clock: DemurrageClock): Promise<boolean> {
  await settleDemurrage(tx, [props.account], clock);
  if (await insertMint(tx, props)) return true;
  const existing = await findMint(tx, props.id);
  const isSame =
    existing?.account === props.account &&
    existing.amountMicro === props.amountMicro &&
    existing.reason === props.reason;
  if (!isSame) throw new AlreadyExists(`mint '${props.id}' already exists with other content`);
  return false;
}

/** Settles and reads the balances of the listed accounts (all accounts when none are listed). */
export async function readBalances(tx: Tx, accountIds: string[], clock: DemurrageClock) {
  const states = await settleDemurrage(tx, accountIds, clock);
  return [...states.values()].filter((state) => accountIds.includes(state.id));
}

/** Demurrage as of the deps' clock, at the configured rate. */
export function demurrageNow(deps: Pick<Deps, 'clock' | 'config'>): DemurrageClock {
  return { now: deps.clock.now(), ratePerDay: deps.config.demurragePerDay };
}

/** A mint into the treasury (the only way the total grows); `id` makes it idempotent. */
export interface MintCreditProps {
  unit: Unit;
  /** Who mints (`admin`): an agent, or the CLI or the system acting as admin. */
  caller: Caller;
  id: string;
  amountMicro: number;
  reason: string;
}

/** Mints credit into the treasury and logs it; returns false when this mint was made already. */
export async function mintCredit(deps: Deps, props: MintCreditProps): Promise<boolean> {
  assertScope(props.caller, 'admin');
  const { tx } = props.unit;
  const { id, amountMicro, reason } = props;
  const mintProps = { id, amountMicro, reason, actor: props.caller.agentId, account: TREASURY };
  await openAccounts(tx, []);
  const minted = await mint(tx, mintProps, demurrageNow(deps));
  if (minted) deps.logger.info({ mint: mintProps }, 'credit minted');
  return minted;
}

/** An agent's balance in micro-credits, demurrage settled as of now (0 for an agent never paid). */
export async function getBalance(deps: Deps, props: { unit: Unit; agentId: string }): Promise<number> {
  await openAccounts(props.unit.tx, [props.agentId]);
  const [state] = await readBalances(props.unit.tx, [walletOf(props.agentId)], demurrageNow(deps));
  return state?.balanceMicro ?? 0;
}

/** An agent's wallet: the settled balance and the last 50 transfers in or out. */
export async function getWallet(
  deps: Deps,
  props: { unit: Unit; agentId: string },
): Promise<{ agentId: string; balanceMicro: number; transfers: TransferRow[] }> {
  const balanceMicro = await getBalance(deps, props);
  const transfers = await findRecentTransfers(props.unit.tx, walletOf(props.agentId), 50);
  return { agentId: props.agentId, balanceMicro, transfers };
}

/** Every account, treasury included, settled as of now, sorted by id (for `admin`). */
export async function listAccounts(
  deps: Deps,
  props: { unit: Unit; caller: Caller },
): Promise<AccountState[]> {
  assertScope(props.caller, 'admin');
  const { tx } = props.unit;
  const states = await readBalances(tx, await findAllAccountIds(tx), demurrageNow(deps));
  return states.sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * What a wallet stored as `stored` holds now: its balance less the demurrage not yet settled —
 * the balance a settling read (`getBalance`) would leave, worked out without writing, for pages
 * that only show it. A wallet never opened holds 0.
 */
export function balanceAsOf(
  deps: Pick<Deps, 'clock' | 'config'>,
  stored: { balanceMicro: number; settledAt: Date } | undefined,
): number {
  if (!stored) return 0;
  const { now, ratePerDay } = demurrageNow(deps);
  return decayBalance(stored.balanceMicro, now.getTime() - stored.settledAt.getTime(), ratePerDay)
    .balanceMicro;
}
