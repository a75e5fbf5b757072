/**
 * Payout records in the database — the only SQL on `credit_payouts` and `credit_payout_lines` —
 * and the promotions still waiting for one.
 */
import { asc, desc, eq, sql } from 'drizzle-orm';
import { type Db, queryRows, type Tx } from '../db/database.ts';
import { creditPayoutLines, creditPayouts } from '../db/schema.ts';

/** A promotion event and the version it promoted. */
export interface Promotion {
  eventId: number;
  childId: string;
  actor: string;
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

/** A payout record and its lines. */
export type Payout = NonNullable<Awaited<ReturnType<typeof findPayout>>>;
