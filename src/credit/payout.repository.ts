/**
 * What a payout reads (the promotion's contribution data, recent income) and writes (the payout
 * record and its lines), in a fixed number of queries per promotion.
 */
import { asc, desc, eq, sql } from 'drizzle-orm';
import { type Db, queryRows, type Tx } from '../db/database.ts';
import { creditPayoutLines, creditPayouts } from '../db/schema.ts';
import type { ContributionInput } from './contribution-graph.ts';

/** A promotion event and the version it promoted. */
export interface Promotion {
  eventId: number;
  childId: string;
  actor: string;
}

/** The promotion event with this id, if it is one. */
export async function findPromotion(db: Db, eventId: number): Promise<Promotion | undefined> {
  const [row] = await queryRows<Promotion>(
    db,
    sql`select id::int as "eventId", target_artifact_id as "childId", actor from events
         where id = ${eventId} and event_type = 'model_version_promoted'`,
  );
  return row;
}

/** Promotion events that have no payout yet, oldest first. */
export async function findUnpaidPromotions(db: Db): Promise<Promotion[]> {
  return queryRows<Promotion>(
    db,
    sql`select e.id::int as "eventId", e.target_artifact_id as "childId", e.actor from events e
         where e.event_type = 'model_version_promoted'
           and not exists (select 1 from credit_payouts p where p.event_id = e.id)
         order by e.id`,
  );
}

/** The contribution data of a promoted version: its trainer, parent chain, datasets, benchmark. */
export async function loadContribution(db: Db, promotion: Promotion): Promise<ContributionInput | undefined> {
  const chain = await queryRows<{ id: string; trained_by: string; depth: number }>(
    db,
    sql`with recursive chain(id, trained_by, parent_id, depth) as (
          select id, trained_by, parent_id, 0 from models where id = ${promotion.childId}
          union all
          select m.id, m.trained_by, m.parent_id, c.depth + 1
            from models m join chain c on m.id = c.parent_id where c.depth < 50)
        select id, trained_by, depth from chain order by depth`,
  );
  const [child, ...parents] = chain;
  if (!child) return undefined;
  const related = await queryRows<{
    id: string;
    created_by: string;
    role: 'trained_on' | 'eval' | 'benchmark';
  }>(
    db,
    sql`select a.id, a.created_by, 'trained_on' as role from links l join artifacts a on a.id = l.target_id
         where l.source_id = ${child.id} and l.link_type = 'trained_on'
        union all
        select a.id, a.created_by, 'eval' from models m join artifacts a on a.id = m.eval_dataset_id where m.id = ${child.id}
        union all
        select a.id, a.created_by, 'benchmark' from models m join artifacts a on a.id = m.benchmark_id where m.id = ${child.id}`,
  );
  const benchmark = related.find((row) => row.role === 'benchmark');
  return {
    child: { id: child.id, trainedBy: child.trained_by },
    parents: parents.map((parent) => ({ id: parent.id, trainedBy: parent.trained_by })),
    datasets: related
      .filter((row) => row.role !== 'benchmark')
      .map((row) => ({ id: row.id, createdBy: row.created_by, via: row.role as 'trained_on' | 'eval' })),
    benchmark: benchmark ? { id: benchmark.id, createdBy: benchmark.created_by } : null,
    evalRunner: promotion.actor,
  };
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

/** Whether a promotion has been paid. */
export async function hasPayout(db: Db, eventId: number): Promise<boolean> {
  const rows = await db
    .select({ id: creditPayouts.eventId })
    .from(creditPayouts)
    .where(eq(creditPayouts.eventId, eventId));
  return rows.length > 0;
}

/** Stores a payout record with its lines. */
export async function insertPayout(
  tx: Tx,
  payout: typeof creditPayouts.$inferInsert,
  lines: (typeof creditPayoutLines.$inferInsert)[],
): Promise<void> {
  await tx.insert(creditPayouts).values(payout);
  if (lines.length > 0) await tx.insert(creditPayoutLines).values(lines);
}

/** A payout record and its lines, or undefined when the event was not paid. */
export async function findPayout(db: Db, eventId: number) {
  const [payout] = await db.select().from(creditPayouts).where(eq(creditPayouts.eventId, eventId));
  if (!payout) return undefined;
  const lines = await db
    .select()
    .from(creditPayoutLines)
    .where(eq(creditPayoutLines.eventId, eventId))
    .orderBy(desc(creditPayoutLines.weight), asc(creditPayoutLines.agentId), asc(creditPayoutLines.role));
  return { payout, lines };
}
