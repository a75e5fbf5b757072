/**
 * The events log as the other features use it: appending to it inside a unit of work, and reading
 * it back (the API's list, a target's last events, a promotion by its event id).
 */
import type { Deps, Unit } from '../deps.ts';
import {
  type Event,
  type EventFilter,
  findEvents,
  findEventsForTarget,
  findPromotionEvent,
  insertEvent,
  insertEvents,
  type NewEvent,
} from './event.repository.ts';

export type { Event } from './event.repository.ts';

/** Appends one event in the unit's transaction and returns it. */
export function logEvent(unit: Unit, event: NewEvent): Promise<Event> {
  return insertEvent(unit.tx, event);
}

/** Appends many events of one type and actor in one statement; returns their ids with their targets, in order. */
export function logEvents(
  unit: Unit,
  batch: { eventType: string; actor: string; targets: string[]; metadata: NewEvent['detectionMetadata'][] },
) {
  return insertEvents(unit.tx, batch);
}

/** A page of the log, newest first, with the count of all matches. */
export function listEvents(
  deps: Pick<Deps, 'db'>,
  filter: EventFilter,
  page: { limit: number; offset: number },
) {
  return findEvents(deps.db, filter, page);
}

/** The newest `limit` events that target an artifact or edge id. */
export function listEventsForTarget(
  deps: Pick<Deps, 'db'>,
  targetId: string,
  limit: number,
): Promise<Event[]> {
  return findEventsForTarget(deps.db, targetId, limit);
}

/** The promotion logged as event `eventId` (its promoted version and who promoted it), if it is one. */
export function findPromotion(deps: Pick<Deps, 'db'>, eventId: number) {
  return findPromotionEvent(deps.db, eventId);
}
