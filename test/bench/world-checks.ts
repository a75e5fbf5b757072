/**
 * Read-only checks on a generated world for `generate.test.ts`: the schema's own objects (to see
 * that the bulk load put every index, key and trigger back), the ledger's sums, lineage rules,
 * and samples of rows to recompute with the app's code.
 */
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../src/db/database.ts';
import type { EdgeContent } from '../../src/kg/core/edge-classification.ts';

/** Every index, constraint and trigger of the public schema, as definitions, sorted. */
export async function schemaObjects(db: Db): Promise<string[]> {
  const rows = await queryRows<{ def: string }>(
    db,
    sql`select pg_get_indexdef(i.indexrelid) as def
          from pg_index i join pg_class c on c.oid = i.indrelid
         where c.relnamespace = 'public'::regnamespace
        union all
        select conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
          from pg_constraint where connamespace = 'public'::regnamespace
        union all
        select tgrelid::regclass::text || ' ' || tgname || ' ' || tgenabled::text || ' ' || pg_get_triggerdef(oid)
          from pg_trigger where not tgisinternal
        union all
        select 'schema ' || nspname::text from pg_namespace where nspname = 'bench_gen'`,
  );
  return rows.map((row) => row.def).sort();
}

/** Accounts whose balance is not their mints plus credits minus debits, and the ledger's totals. */
export async function ledgerSums(db: Db) {
  const [row] = await queryRows<{ mismatched: number; balances: string; minted: string; negative: number }>(
    db,
    sql`with moved as (
          select account, sum(delta) as delta from (
            select credit_account as account, amount_micro as delta from ledger_transfers
            union all select debit_account, -amount_micro from ledger_transfers
            union all select account, amount_micro from ledger_mints) legs
           group by account)
        select (select count(*)::int from ledger_accounts a left join moved m on m.account = a.id
                 where a.balance_micro <> coalesce(m.delta, 0)) as mismatched,
               (select sum(balance_micro)::text from ledger_accounts) as balances,
               (select sum(amount_micro)::text from ledger_mints) as minted,
               (select count(*)::int from ledger_accounts where balance_micro < 0) as negative`,
  );
  return row;
}

/** Payouts that do not add up: paid transfers plus withheld must be the pool, lines must match transfers. */
export async function unbalancedPayouts(db: Db): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from credit_payouts p
         where p.pool_micro <> p.withheld_micro
               + coalesce((select sum(t.amount_micro) from ledger_transfers t
                            where t.event_id = p.event_id and t.reason = 'payout'), 0)
            or (select coalesce(sum(amount_micro), 0) from credit_payout_lines l where l.event_id = p.event_id)
               <> p.pool_micro - p.withheld_micro`,
  );
  return row.n;
}

/** Lineages that break a lineage rule (numbering, parent, latest, one promoted), by rule. */
export async function lineageViolations(db: Db) {
  const [row] = await queryRows<Record<string, number>>(
    db,
    sql`with lineage as (
          select model_name, count(*) as versions, max(version_number) as highest,
                 count(*) filter (where is_latest) as latest,
                 count(*) filter (where is_latest and version_number = (select max(version_number) from models x
                                                                        where x.model_name = m.model_name)) as latest_is_highest,
                 count(*) filter (where status = 'promoted') as promoted,
                 count(*) filter (where status in ('promoted', 'superseded')) as ever_promoted
            from models m group by model_name)
        select (select count(*)::int from lineage where versions <> highest) as gaps,
               (select count(*)::int from lineage where latest <> 1 or latest_is_highest <> 1) as latest,
               (select count(*)::int from lineage where promoted > 1) as promoted,
               (select count(*)::int from lineage where ever_promoted > 0 and promoted = 0) as superseded_without_promoted,
               (select count(*)::int from models m where m.parent_id is distinct from
                  (select p.id from models p where p.model_name = m.model_name
                      and p.version_number = m.version_number - 1)) as parents,
               (select count(*)::int from models m where (m.status in ('promoted', 'superseded')) <>
                  exists (select 1 from events e where e.event_type = 'model_version_promoted'
                             and e.target_artifact_id = m.id)) as promotion_events,
               (select count(*)::int from models m where (m.status = 'archived') <>
                  exists (select 1 from events e where e.event_type = 'model_version_archived'
                             and e.target_artifact_id = m.id)) as archive_events`,
  );
  return row;
}

/** An edge as the content hash sees it. */
export interface EdgeSample extends EdgeContent {
  id: string;
  content_hash: string;
  history: number;
  history_matches: boolean;
}

/** Every `step`-th edge with its content and whether its one history row records it as inserted. */
export async function sampleEdges(db: Db, step: number): Promise<EdgeSample[]> {
  return queryRows<EdgeSample>(
    db,
    sql`select e.id, e.subject, e.predicate, e.object, e.confidence, e.origin, e.source_artifact_id,
               e.source_version, e.inputs, e.metadata, e.content_hash,
               (select count(*)::int from edge_history h where h.edge_id = e.id) as history,
               exists (select 1 from edge_history h where h.edge_id = e.id and h.confidence = e.confidence
                         and h.source_artifact_id is not distinct from e.source_artifact_id
                         and h.at = e.updated_at and h.event_id is null) as history_matches
          from (select *, row_number() over (order by id) as n from kg_edges) e
         where e.n % ${step} = 0`,
  );
}

/** Stored provenance and score of the listed models, keyed by id. */
export async function storedScores(db: Db, ids: string[]) {
  const rows = await queryRows<{
    id: string;
    quality_score: number;
    provenance_complete: boolean;
    missing: string;
  }>(
    db,
    sql`select id, quality_score, provenance_complete, array_to_string(provenance_missing, ',') as missing
          from models where id = any(${sql.param(ids)}::text[]) order by id`,
  );
  return rows;
}
