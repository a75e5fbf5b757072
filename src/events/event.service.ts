/**
 * Reading the events log.
 */
import type { Deps } from '../deps.ts';
import { type EventFilter, findEvents } from './event.repository.ts';

/** A page of the log, newest first, with the count of all matches. */
export function listEvents(
  deps: Pick<Deps, 'db'>,
  filter: EventFilter,
  page: { limit: number; offset: number },
) {
  return findEvents(deps.db, filter, page);
}
