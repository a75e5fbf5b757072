/**
 * What a world holds: rows per table, and a content digest per table — md5 over every row's text
 * in byte order, read as UTC with shortest floats, so two worlds (or one world on PGlite and on
 * PostgreSQL) can be compared exactly. The rows `prepareStore` writes at the real time of day
 * (the admin agent, the treasury and its genesis mint) are digested without their timestamps.
 */
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../src/db/database.ts';
import { countTableRows } from '../../test/support/row-counts.ts';

/** Every table of the schema, the ones a world leaves empty included. */
export const WORLD_TABLES = [
  'agents',
  'tokens',
  'artifacts',
  'artifact_versions',
  'links',
  'models',
  'kg_edges',
  'edge_history',
  'events',
  'rescore_queue',
  'rescore_skips',
  'rescore_passes',
  'tool_calls',
  'ledger_accounts',
  'ledger_transfers',
  'ledger_mints',
  'credit_payouts',
  'credit_payout_lines',
] as const;

/** Rows per table. */
export function countRows(db: Db): Promise<Record<string, number>> {
  return countTableRows(db, WORLD_TABLES);
}

// The set-up rows stamped with the time the store was prepared, digested without the stamp.
const ROW_TEXT: Partial<Record<(typeof WORLD_TABLES)[number], string>> = {
  agents: `case when t.id = 'admin' then concat_ws('|', t.id, t.display_name, t.kind) else t::text end`,
  ledger_accounts: `case when t.id = 'treasury' then concat_ws('|', t.id, t.balance_micro) else t::text end`,
  ledger_mints: `case when t.id = 'treasury-genesis' then concat_ws('|', t.id, t.account, t.amount_micro) else t::text end`,
};

/** An md5 per table over all its rows. */
export async function worldDigest(db: Db): Promise<Record<string, string>> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local time zone 'UTC'`);
    await tx.execute(sql`set local extra_float_digits = 1`);
    await tx.execute(sql`set local datestyle = 'ISO, YMD'`);
    const digests: Record<string, string> = {};
    for (const table of WORLD_TABLES) {
      const rowText = ROW_TEXT[table] ?? 't::text';
      const [row] = await queryRows<{ digest: string }>(
        tx,
        sql.raw(`select md5(coalesce(string_agg(row_text, E'\\n' order by row_text collate "C"), '')) as digest
                   from (select ${rowText} as row_text from ${table} t) rows`),
      );
      digests[table] = row.digest;
    }
    return digests;
  });
}
