/**
 * The append-only events log.
 */
import { desc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/database.ts';
import { events, type JsonObject } from '../db/schema.ts';

/** An event row. */
export type EventRow = typeof events.$inferSelect;

/** Appends one event and returns it. */
export async function insertEvent(
  tx: Tx,
  row: { eventType: string; targetArtifactId: string; actor: string; detectionMetadata: JsonObject },
): Promise<EventRow> {
  const [inserted] = await tx.insert(events).values(row).returning();
  return inserted;
}

/** The newest `limit` events that target an artifact or edge id. */
export async function findEventsForTarget(db: Db, targetId: string, limit: number): Promise<EventRow[]> {
  return db
    .select()
    .from(events)
    .where(eq(events.targetArtifactId, targetId))
    .orderBy(desc(events.createdAt), desc(events.id))
    .limit(limit);
}

/** The public JSON form of an event. */
export function presentEvent(row: EventRow) {
  return {
    id: row.id,
    event_type: row.eventType,
    target_artifact_id: row.targetArtifactId,
    actor: row.actor,
    detection_metadata: row.detectionMetadata,
    created_at: row.createdAt.toISOString(),
  };
}
