/**
 * Opaque keyset cursors: the sort key and id of the last row of a page, bound to the sort they
 * came from so a cursor cannot be replayed under another order.
 */
import type { KeysetPosition, PageStart } from '../db/keyset.ts';
import { InvalidRequest } from '../errors.ts';

/** Encodes the position after a page, under the sort (and order) that produced it, e.g. `quality_score:desc`. */
export function encodeCursor(sort: string, position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([sort, position.value, position.id])).toString('base64url');
}

function parseCursor(cursor: string): [string, string | null, string] | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const isValid =
      Array.isArray(parsed) &&
      parsed.length === 3 &&
      typeof parsed[0] === 'string' &&
      (typeof parsed[1] === 'string' || parsed[1] === null) &&
      typeof parsed[2] === 'string';
    return isValid ? (parsed as [string, string | null, string]) : undefined;
  } catch {
    return undefined;
  }
}

/** Decodes a cursor for `sort`; throws 400 when it is malformed or from another sort. */
export function decodeCursor(cursor: string, sort: string): KeysetPosition {
  const parsed = parseCursor(cursor);
  if (!parsed) throw new InvalidRequest('cursor is not a cursor this server issued');
  if (parsed[0] !== sort) throw new InvalidRequest(`cursor belongs to sort '${parsed[0]}', not '${sort}'`);
  return { value: parsed[1], id: parsed[2] };
}

/** Where the page a query asks for starts: its `cursor` or its `offset` (400 when it names both). */
export function pageStartOf(query: { cursor?: string; offset?: number }, sort: string): PageStart {
  if (query.cursor !== undefined && query.offset !== undefined) {
    throw new InvalidRequest('cursor and offset cannot be used together');
  }
  return query.cursor ? { after: decodeCursor(query.cursor, sort) } : { offset: query.offset ?? 0 };
}

/** The `next_cursor` of a page: the encoded position after it, or null on the last page. */
export function nextCursorOf(sort: string, next: KeysetPosition | null): string | null {
  return next ? encodeCursor(sort, next) : null;
}
