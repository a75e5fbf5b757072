/**
 * Promotions and their payouts: reads every promoted or superseded version of the plan with its
 * contribution data (the same facts `loadContribution` reads), replays the credit history in
 * memory (`credit-history.ts`), and writes events, accounts, mints, transfers and payouts in
 * chunks of set-based inserts.
 *
 * The transfers go in with the balance trigger (`ledger_transfers_apply`) disabled, and each
 * account's balance is then moved by the sum of its credits minus its debits in one `UPDATE` —
 * what the trigger would have added up row by row. Row by row, every transfer updates the
 * treasury's row once more inside one transaction, and each update has to walk past all the row
 * versions the earlier ones left (none can be pruned before the commit), so the trigger's cost
 * grows with the square of the transfers: hundreds of thousands take many minutes. The trigger
 * is enabled again in the same transaction; the replay has already checked that no balance goes
 * below zero at any point, and the `balance_micro >= 0` check holds the final balances.
 */
import { sql } from 'drizzle-orm';
import type { Config } from '../../src/config.ts';
import { toMicro } from '../../src/credit/core/money.ts';
import { queryRows, type Tx } from '../../src/db/database.ts';
import {
  type AccountState,
  type CreditHistory,
  type PlannedPromotion,
  replayCreditHistory,
} from './credit-history.ts';

interface PromotionRow {
  child_id: string;
  trained_by: string;
  actor: string;
  promoted_ms: number;
  previous_id: string | null;
  parents: { id: string; trainedBy: string }[] | null;
  trained_on: { id: string; createdBy: string }[] | null;
  eval_id: string | null;
  eval_creator: string | null;
  benchmark_id: string | null;
  benchmark_creator: string | null;
}

/** Every promotion the plan implies, with what a payout reads about its version. */
async function loadPromotions(tx: Tx): Promise<PlannedPromotion[]> {
  const rows = await queryRows<PromotionRow>(
    tx,
    sql`select v.id as child_id, v.trained_by, v.promoted_by as actor,
               round(extract(epoch from v.promoted_at) * 1000)::float8 as promoted_ms, v.previous_id,
               (select json_agg(json_build_object('id', p.id, 'trainedBy', p.trained_by) order by p.version_number desc)
                  from models p where p.model_name = m.model_name and p.version_number < m.version_number) as parents,
               (select json_agg(json_build_object('id', a.id, 'createdBy', a.created_by) order by l.id)
                  from links l join artifacts a on a.id = l.target_id
                 where l.source_id = v.id and l.link_type = 'trained_on') as trained_on,
               ev.id as eval_id, ev.created_by as eval_creator, bm.id as benchmark_id, bm.created_by as benchmark_creator
          from (select *, lag(id) over (partition by l order by j) as previous_id
                  from bench_gen.version where status in ('promoted', 'superseded')) v
          join models m on m.id = v.id
          left join artifacts ev on ev.id = m.eval_dataset_id
          left join artifacts bm on bm.id = m.benchmark_id`,
  );
  return rows.map((row) => ({
    child: { id: row.child_id, trainedBy: row.trained_by },
    parents: row.parents ?? [],
    datasets: [
      ...(row.trained_on ?? []).map((d) => ({ ...d, via: 'trained_on' as const })),
      ...(row.eval_id && row.eval_creator
        ? [{ id: row.eval_id, createdBy: row.eval_creator, via: 'eval' as const }]
        : []),
    ],
    benchmark:
      row.benchmark_id && row.benchmark_creator
        ? { id: row.benchmark_id, createdBy: row.benchmark_creator }
        : null,
    previousId: row.previous_id,
    actor: row.actor,
    promotedAtMs: Number(row.promoted_ms),
  }));
}

async function loadAccounts(tx: Tx): Promise<AccountState[]> {
  const rows = await queryRows<{
    id: string;
    agent_id: string | null;
    balance_micro: string | number;
    settled_ms: number;
  }>(
    tx,
    sql`select id, agent_id, balance_micro, round(extract(epoch from settled_at) * 1000)::float8 as settled_ms
          from ledger_accounts`,
  );
  return rows.map((row) => ({
    id: row.id,
    agentId: row.agent_id,
    balanceMicro: Number(row.balance_micro),
    settledAtMs: Number(row.settled_ms),
  }));
}

const CHUNK = 20_000;
/** A microsecond count since the Unix epoch as a timestamptz. */
const fromUs = (column: string) => sql.raw(`timestamptz 'epoch' + ${column} * interval '1 microsecond'`);

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) await write(rows.slice(start, start + CHUNK));
}

const column = <T, V>(rows: T[], pick: (row: T) => V) => sql.param(rows.map(pick));

/** Writes the promotion and `credit_payout` events, ids and all. */
export async function writeEvents(tx: Tx, history: CreditHistory): Promise<void> {
  await inChunks(history.events, (rows) =>
    tx.execute(sql`
      insert into events (id, event_type, target_artifact_id, actor, detection_metadata, created_at)
      select id, event_type, target, actor, metadata::jsonb, ${fromUs('at_us')}
        from unnest(${column(rows, (r) => r.id)}::bigint[], ${column(rows, (r) => r.eventType)}::text[],
                    ${column(rows, (r) => r.targetArtifactId)}::text[], ${column(rows, (r) => r.actor)}::text[],
                    ${column(rows, (r) => JSON.stringify(r.detectionMetadata))}::text[],
                    ${column(rows, (r) => r.createdAtUs)}::bigint[])
             as t(id, event_type, target, actor, metadata, at_us)`),
  );
  await tx.execute(sql`select setval(pg_get_serial_sequence('events', 'id'), (select max(id) from events))`);
}

/**
 * The `model_version_archived` event of every archived version, as archiving writes it (its trainer
 * archived it when its row last changed): the lineage history reads archives from the events log.
 */
export async function writeArchiveEvents(tx: Tx): Promise<void> {
  await tx.execute(sql`
    insert into events (event_type, target_artifact_id, actor, detection_metadata, created_at)
    select 'model_version_archived', id, trained_by,
           jsonb_build_object('model_name', model_name, 'actor', trained_by), updated_at
      from models where status = 'archived' order by updated_at, id`);
}

async function writeAccountsAndMints(tx: Tx, history: CreditHistory): Promise<void> {
  const accounts = history.openedAccounts;
  await inChunks(accounts, (rows) =>
    tx.execute(sql`
      insert into ledger_accounts (id, agent_id, balance_micro, settled_at, created_at)
      select id, agent_id, 0, ${fromUs('settled_ms * 1000')}, ${fromUs('at_us')}
        from unnest(${column(rows, (r) => r.id)}::text[], ${column(rows, (r) => r.agentId)}::text[],
                    ${column(rows, (r) => r.settledAtMs)}::bigint[], ${column(rows, (r) => r.createdAtUs)}::bigint[])
             as t(id, agent_id, settled_ms, at_us)`),
  );
  await inChunks(history.mints, (rows) =>
    tx.execute(sql`
      insert into ledger_mints (id, account, amount_micro, reason, actor, created_at)
      select id, account, amount, reason, actor, ${fromUs('at_us')}
        from unnest(${column(rows, (r) => r.id)}::text[], ${column(rows, (r) => r.account)}::text[],
                    ${column(rows, (r) => r.amountMicro)}::bigint[], ${column(rows, (r) => r.reason)}::text[],
                    ${column(rows, (r) => r.actor)}::text[], ${column(rows, (r) => r.createdAtUs)}::bigint[])
             as t(id, account, amount, reason, actor, at_us)`),
  );
}

async function writeTransfers(tx: Tx, history: CreditHistory): Promise<void> {
  const [{ count }] = await queryRows<{ count: number }>(
    tx,
    sql`select count(*)::int as count from ledger_transfers`,
  );
  if (count > 0)
    throw new Error('the ledger already holds transfers: balances cannot be summed from scratch');
  await tx.execute(sql`alter table ledger_transfers disable trigger ledger_transfers_apply`);
  await inChunks(history.transfers, (rows) =>
    tx.execute(sql`
      insert into ledger_transfers (id, debit_account, credit_account, amount_micro, reason, event_id, created_at)
      select id, debit, credit, amount, reason, event_id, ${fromUs('at_us')}
        from unnest(${column(rows, (r) => r.id)}::text[], ${column(rows, (r) => r.debitAccount)}::text[],
                    ${column(rows, (r) => r.creditAccount)}::text[], ${column(rows, (r) => r.amountMicro)}::bigint[],
                    ${column(rows, (r) => r.reason)}::text[], ${column(rows, (r) => r.eventId)}::bigint[],
                    ${column(rows, (r) => r.createdAtUs)}::bigint[])
             as t(id, debit, credit, amount, reason, event_id, at_us)`),
  );
  await tx.execute(sql`
    update ledger_accounts a set balance_micro = a.balance_micro + moved.delta
      from (select account, sum(delta) as delta
              from (select credit_account as account, amount_micro as delta from ledger_transfers
                    union all
                    select debit_account, -amount_micro from ledger_transfers) legs
             group by account) moved
     where a.id = moved.account`);
  await tx.execute(sql`alter table ledger_transfers enable trigger ledger_transfers_apply`);
}

/** Writes the payout records and their lines. */
export async function writePayouts(tx: Tx, history: CreditHistory): Promise<void> {
  await inChunks(history.payouts, (rows) =>
    tx.execute(sql`
      insert into credit_payouts (event_id, pool_micro, withheld_micro, created_at)
      select event_id, pool, withheld, ${fromUs('at_us')}
        from unnest(${column(rows, (r) => r.eventId)}::bigint[], ${column(rows, (r) => r.poolMicro)}::bigint[],
                    ${column(rows, (r) => r.withheldMicro)}::bigint[], ${column(rows, (r) => r.createdAtUs)}::bigint[])
             as t(event_id, pool, withheld, at_us)`),
  );
  await inChunks(history.lines, (rows) =>
    tx.execute(sql`
      insert into credit_payout_lines (event_id, agent_id, role, weight, amount_micro, capped_by, transfer_id)
      select * from unnest(${column(rows, (r) => r.eventId)}::bigint[], ${column(rows, (r) => r.agentId)}::text[],
                           ${column(rows, (r) => r.role)}::text[], ${column(rows, (r) => r.weight)}::float8[],
                           ${column(rows, (r) => r.amountMicro)}::bigint[], ${column(rows, (r) => r.cappedBy)}::text[],
                           ${column(rows, (r) => r.transferId)}::text[])`),
  );
}

/**
 * Reads every promotion of the plan and replays its payout on top of the current accounts (the
 * funded treasury); event ids continue after the last event.
 */
export async function replayPromotions(tx: Tx, config: Config): Promise<CreditHistory> {
  const promotions = await loadPromotions(tx);
  const [{ next }] = await queryRows<{ next: number }>(
    tx,
    sql`select (coalesce(max(id), 0) + 1)::int as next from events`,
  );
  return replayCreditHistory(
    promotions,
    await loadAccounts(tx),
    {
      poolMicro: toMicro(config.creditPool),
      agentShareCap: config.creditAgentShareCap,
      dailyCapMicro: toMicro(config.creditDailyCap),
      demurragePerDay: config.demurragePerDay,
      topUpMicro: toMicro(Math.max(config.treasuryInitial, config.creditPool)),
    },
    next,
  );
}

/** Writes the opened wallets, the top-up mints and the transfers, and moves the balances. */
export async function writeLedger(tx: Tx, history: CreditHistory): Promise<void> {
  await writeAccountsAndMints(tx, history);
  await writeTransfers(tx, history);
}
