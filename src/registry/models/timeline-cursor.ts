/**
 * The cursors of a lineage's timeline, shared by the API's paginated timeline and the lineage
 * page's "Older entries" link: a timeline key (moment, event, place in the event) as an opaque
 * cursor bound to the timeline's order, and back (400 for a cursor this server did not issue).
 */
import { InvalidRequest } from '../../errors.ts';
import { decodeCursor, nextCursorOf } from '../../http/cursor.ts';
import { parseMoment } from '../../search/core/moment.ts';
import type { TimelineKey } from '../core/history.ts';

/** The order timeline cursors are bound to. */
const TIMELINE_SORT = 'timeline:desc';

/** The timeline key a cursor carries (`<event>.<place>` as its id); 400 for anything else. */
export function decodeTimelineCursor(cursor: string): TimelineKey {
  const position = decodeCursor(cursor, TIMELINE_SORT);
  const match = /^(\d{1,15})\.(\d{1,9})$/.exec(position.id);
  const at = position.value === null ? undefined : parseMoment(position.value);
  if (!match || at === undefined) throw new InvalidRequest('cursor is not a cursor this server issued');
  return { at: position.value as string, seq: Number(match[1]), sub: Number(match[2]) };
}

/** The cursor of the page after the one that ended at `next`, or null on the last page. */
export function encodeTimelineCursor(next: TimelineKey | null): string | null {
  return nextCursorOf(TIMELINE_SORT, next && { value: next.at, id: `${next.seq}.${next.sub}` });
}
