/**
 * The ledger in the database: accounts, transfers and mints. Balances change only through the
 * triggers of migration 0001 (a transfer or a mint moves them in the same statement); these
 * functions never write a balance themselves.
 */
import { desc, eq, or, sql } from 'drizzle-orm';
import { type Db, queryRows, type Tx } from '../db/database.ts';
import { ledgerAccounts, ledgerMints, ledgerTransfers } from '../db/schema.ts';

/** A transfer row. */
export type TransferRow = typeof ledgerTransfers.$inferSelect;
/** A mint row. */
export type MintRow = typeof ledgerMints.$inferSelect;

/** Opens accounts that do not exist yet (a wallet names its agent). */
export async function ensureAccounts(
  tx: Tx,
  accounts: { id: string; agentId: string | null }[],
): Promise<void> {
  if (accounts.length === 0) return;
  await tx.insert(ledgerAccounts).values(accounts).onConflictDoNothing();
}

/** An account's balance and when demurrage was last settled on it. */
export interface AccountState {
  id: string;
  agentId: string | null;
  balanceMicro: number;
  settledAt: Date;
}

/** Locks the listed accounts (in id order, so concurrent movers cannot deadlock) and reads them. */
export async function lockAccounts(tx: Tx, ids: string[]): Promise<AccountState[]> {
  if (ids.length === 0) return [];
  const rows = await queryRows<{
    id: string;
    agent_id: string | null;
    balance_micro: number | string;
    settled_ms: number | string;
  }>(
    tx,
    sql`select id, agent_id, balance_micro, (extract(epoch from settled_at) * 1000)::float8 as settled_ms
          from ledger_accounts where id = any(${sql.param([...new Set(ids)].sort())}::text[])
         order by id for update`,
  );
  return rows.map((row) => ({
    id: row.id,
    agentId: row.agent_id,
    balanceMicro: Number(row.balance_micro),
    settledAt: new Date(Number(row.settled_ms)),
  }));
}

/** Every account id, for a settlement of the whole ledger. */
export async function findAllAccountIds(db: Db): Promise<string[]> {
  const rows = await db.select({ id: ledgerAccounts.id }).from(ledgerAccounts).orderBy(ledgerAccounts.id);
  return rows.map((row) => row.id);
}

/** Marks accounts as settled at `at`. */
export async function markSettled(tx: Tx, ids: string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await tx.execute(
    sql`update ledger_accounts set settled_at = ${at.toISOString()}::timestamptz where id = any(${sql.param(ids)}::text[])`,
  );
}

/** Inserts transfers whose id is new; returns the ids inserted. */
export async function insertTransfers(
  tx: Tx,
  rows: (typeof ledgerTransfers.$inferInsert)[],
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const inserted = await tx
    .insert(ledgerTransfers)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: ledgerTransfers.id });
  return new Set(inserted.map((row) => row.id));
}

/** Transfers with these ids. */
export async function findTransfers(db: Db, ids: string[]): Promise<TransferRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(ledgerTransfers)
    .where(sql`${ledgerTransfers.id} = any(${sql.param(ids)}::text[])`);
}

/** Inserts a mint unless its id exists; returns whether it was inserted. */
export async function insertMint(tx: Tx, row: typeof ledgerMints.$inferInsert): Promise<boolean> {
  const inserted = await tx
    .insert(ledgerMints)
    .values(row)
    .onConflictDoNothing()
    .returning({ id: ledgerMints.id });
  return inserted.length > 0;
}

/** The mint with this id. */
export async function findMint(db: Db, id: string): Promise<MintRow | undefined> {
  const [row] = await db.select().from(ledgerMints).where(eq(ledgerMints.id, id));
  return row;
}

/** The most recent transfers into or out of an account. */
export async function findRecentTransfers(db: Db, accountId: string, limit: number): Promise<TransferRow[]> {
  return db
    .select()
    .from(ledgerTransfers)
    .where(or(eq(ledgerTransfers.debitAccount, accountId), eq(ledgerTransfers.creditAccount, accountId)))
    .orderBy(desc(ledgerTransfers.createdAt), desc(ledgerTransfers.id))
    .limit(limit);
}

/** Micro-credits each listed agent received as payouts since `since`. */
export async function findRecentIncome(
  db: Db,
  agentIds: string[],
  since: Date,
): Promise<Map<string, number>> {
  const rows = await queryRows<{ agent_id: string; total: number | string }>(
    db,
    sql`select a.agent_id, sum(t.amount_micro) as total
          from ledger_transfers t join ledger_accounts a on a.id = t.credit_account
         where t.reason = 'payout' and t.created_at > ${since.toISOString()}::timestamptz
           and a.agent_id = any(${sql.param(agentIds)}::text[])
         group by a.agent_id`,
  );
  return new Map(rows.map((row) => [row.agent_id, Number(row.total)]));
}
