/**
 * Opaque keyset cursors: the sort key and id of the last row of a page, bound to the sort they
 * came from — and to the list's `filter`, when it has one — so a cursor cannot be replayed under
 * another order or another filter.
 */
import { createHash } from 'node:crypto';
import type { KeysetPosition, PageStart } from '../db/keyset.ts';
import { InvalidRequest } from '../errors.ts';

type Cursor = [sort: string, value: string | null, id: string, filter?: string];

/** A short digest of a filter's text: enough to tell filters apart, without carrying them. */
function filterDigest(filter: string | undefined): string | undefined {
  const text = filter?.trim();
  return text ? createHash('sha256').update(text).digest('base64url').slice(0, 16) : undefined;
}

/**
 * Encodes the position after a page, under the sort (and order) that produced it, e.g.
 * `quality_score:desc`, and the filter it was found by.
 */
export function encodeCursor(sort: string, position: KeysetPosition, filter?: string): string {
  const digest = filterDigest(filter);
  const cursor: Cursor = digest
    ? [sort, position.value, position.id, digest]
    : [sort, position.value, position.id];
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function parseCursor(cursor: string): Cursor | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const isValid =
      Array.isArray(parsed) &&
      (parsed.length === 3 || (parsed.length === 4 && typeof parsed[3] === 'string')) &&
      typeof parsed[0] === 'string' &&
      (typeof parsed[1] === 'string' || parsed[1] === null) &&
      typeof parsed[2] === 'string';
    return isValid ? (parsed as Cursor) : undefined;
  } catch {
    return undefined;
  }
}

/** Decodes a cursor for `sort` and `filter`; throws 400 when it is malformed or from another sort or filter. */
export function decodeCursor(cursor: string, sort: string, filter?: string): KeysetPosition {
  const parsed = parseCursor(cursor);
  if (!parsed) throw new InvalidRequest('cursor is not a cursor this server issued');
  if (parsed[0] !== sort) throw new InvalidRequest(`cursor belongs to sort '${parsed[0]}', not '${sort}'`);
  if (parsed[3] !== filterDigest(filter)) {
    throw new InvalidRequest('cursor belongs to another filter: page on with the filter that gave it');
  }
  return { value: parsed[1], id: parsed[2] };
}

/**
 * Where the page a query asks for starts: its `cursor` or its `offset` (400 when it names both, or
 * when the cursor came from another sort or `filter`).
 */
export function pageStartOf(
  query: { cursor?: string; offset?: number; filter?: string },
  sort: string,
): PageStart {
  if (query.cursor !== undefined && query.offset !== undefined) {
    throw new InvalidRequest('cursor and offset cannot be used together');
  }
  return query.cursor
    ? { after: decodeCursor(query.cursor, sort, query.filter) }
    : { offset: query.offset ?? 0 };
}

/** The `next_cursor` of a page: the encoded position after it (bound to `filter`), or null on the last page. */
export function nextCursorOf(sort: string, next: KeysetPosition | null, filter?: string): string | null {
  return next ? encodeCursor(sort, next, filter) : null;
}
