/**
 * The append-only events log: the only SQL that writes `events`.
 */
import { and, desc, eq, gte, sql } from 'drizzle-orm';
import { type Db, queryRows, type Tx } from '../db/database.ts';
import { findOffsetPage } from '../db/offset-page.ts';
import { builtOnce, UNNAMED } from '../db/prepared.ts';
import { events, type JsonObject } from '../db/schema.ts';
import type { LoggedEvent } from '../domain-events.ts';

/** One event of the improvement log. */
export type Event = LoggedEvent;

/** An event to append. */
export interface NewEvent {
  eventType: string;
  targetArtifactId: string;
  actor: string;
  detectionMetadata: JsonObject;
}

type EventRow = typeof events.$inferSelect;

/** The domain form of an event row. */
export function rowToEvent(row: EventRow): Event {
  return {
    id: row.id,
    eventType: row.eventType,
    targetArtifactId: row.targetArtifactId,
    actor: row.actor,
    detectionMetadata: row.detectionMetadata,
    createdAt: row.createdAt,
  };
}

/** Appends one event and returns it. */
export async function insertEvent(tx: Tx, event: NewEvent): Promise<Event> {
  const [inserted] = await tx.insert(events).values(event).returning();
  return rowToEvent(inserted);
}

/**
 * Appends many events of one type and actor in one statement; returns each new event's id with
 * its target, in the order given.
 */
export async function insertEvents(
  tx: Tx,
  batch: { eventType: string; actor: string; targets: string[]; metadata: JsonObject[] },
): Promise<{ id: number; targetArtifactId: string }[]> {
  if (batch.targets.length === 0) return [];
  return queryRows<{ id: number; targetArtifactId: string }>(
    tx,
    sql`insert into events (event_type, target_artifact_id, actor, detection_metadata)
        select ${batch.eventType}, target, ${batch.actor}, metadata::jsonb
          from unnest(${sql.param(batch.targets)}::text[],
                      ${sql.param(batch.metadata.map((m) => JSON.stringify(m)))}::text[]) with ordinality
               as t(target, metadata, n)
         order by n
        returning id::int as id, target_artifact_id as "targetArtifactId"`,
  );
}

/** The newest `limit` events that target an artifact or edge id. */
export async function findEventsForTarget(db: Db, targetId: string, limit: number): Promise<Event[]> {
  const rows = await eventsForTarget(db).execute({ targetId, limit });
  return rows.map(rowToEvent);
}

// A model version's detail reads it on every request: built once (db/prepared.ts).
const eventsForTarget = builtOnce((db: Db) =>
  db
    .select()
    .from(events)
    .where(eq(events.targetArtifactId, sql.placeholder('targetId')))
    .orderBy(desc(events.createdAt), desc(events.id))
    .limit(sql.placeholder('limit'))
    .prepare(UNNAMED),
);

/** Filters of the events log. */
export interface EventFilter {
  type?: string;
  target?: string;
  /** Only events this agent (or face) caused. */
  actor?: string;
  since?: Date;
}

/** A page of the log, newest first, and the count of all matches. */
export async function findEvents(
  db: Db,
  filter: EventFilter,
  page: { limit: number; offset: number },
): Promise<{ events: Event[]; total: number }> {
  const where = and(
    filter.type === undefined ? undefined : eq(events.eventType, filter.type),
    filter.target === undefined ? undefined : eq(events.targetArtifactId, filter.target),
    filter.actor === undefined ? undefined : eq(events.actor, filter.actor),
    filter.since === undefined ? undefined : gte(events.createdAt, filter.since),
  );
  const orderBy = [desc(events.createdAt), desc(events.id)];
  const { rows, total } = await findOffsetPage(db, { table: events, where, orderBy, ...page });
  return { events: rows.map(rowToEvent), total };
}

/** The promotion event with this id, if it is one: its id, the promoted version and who promoted it. */
export async function findPromotionEvent(db: Db, eventId: number) {
  const [row] = await queryRows<{ eventId: number; childId: string; actor: string }>(
    db,
    sql`select id::int as "eventId", target_artifact_id as "childId", actor from events
         where id = ${eventId} and event_type = 'model_version_promoted'`,
  );
  return row;
}
