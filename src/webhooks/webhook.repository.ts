/**
 * Webhook subscriptions in the database: the only SQL that writes `webhooks`.
 */
import { and, arrayOverlaps, asc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/database.ts';
import { webhooks } from '../db/schema.ts';

/** A subscription, secret included (only the creation answer shows it). */
export type Webhook = typeof webhooks.$inferSelect;

/** The fields a PATCH may change. */
export interface WebhookChanges {
  url?: string;
  eventTypes?: string[];
  active?: boolean;
  description?: string | null;
}

/** Stores a new subscription and returns it. */
export async function insertWebhook(tx: Tx, row: typeof webhooks.$inferInsert): Promise<Webhook> {
  const [inserted] = await tx.insert(webhooks).values(row).returning();
  return inserted;
}

/** Every subscription, oldest first. */
export function findWebhooks(db: Db): Promise<Webhook[]> {
  return db.select().from(webhooks).orderBy(asc(webhooks.createdAt), asc(webhooks.id));
}

/** One subscription, or undefined. */
export async function findWebhook(db: Db, id: string): Promise<Webhook | undefined> {
  const [row] = await db.select().from(webhooks).where(eq(webhooks.id, id));
  return row;
}

/** Whether any active subscription receives `eventType`. */
export async function hasActiveSubscription(db: Db, eventType: string): Promise<boolean> {
  const rows = await db
    .select({ id: webhooks.id })
    .from(webhooks)
    .where(and(eq(webhooks.active, true), arrayOverlaps(webhooks.eventTypes, [eventType, '*'])))
    .limit(1);
  return rows.length > 0;
}

/** Applies a PATCH; returns the subscription as it now is, or undefined when there is none. */
export async function updateWebhook(
  tx: Tx,
  id: string,
  changes: WebhookChanges,
): Promise<Webhook | undefined> {
  const [row] = await tx
    .update(webhooks)
    .set({ ...changes, updatedAt: sql`clock_timestamp()` })
    .where(eq(webhooks.id, id))
    .returning();
  return row;
}
