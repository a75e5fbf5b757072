/**
 * Opaque keyset cursors: the sort key and id of the last row of a page, bound to the sort they
 * came from so a cursor cannot be replayed under another order.
 */
import { InvalidRequest } from '../errors.ts';

/** The position a cursor stands for. */
export interface CursorPosition {
  /** Which sort (and order) produced it, e.g. `quality_score:desc`. */
  sort: string;
  /** The sort key of the last row, as PostgreSQL's text form (exact for floats and timestamps). */
  value: string | null;
  /** The id of the last row. */
  id: string;
}

/** Where a page starts: an offset, or the sort key and id of the previous page's last row. */
export type PageStart = { offset: number } | { after: { value: string | null; id: string } };

/** Encodes a position as an opaque URL-safe string. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.sort, position.value, position.id])).toString('base64url');
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
export function decodeCursor(cursor: string, sort: string): CursorPosition {
  const parsed = parseCursor(cursor);
  if (!parsed) throw new InvalidRequest('cursor is not a cursor this server issued');
  if (parsed[0] !== sort) throw new InvalidRequest(`cursor belongs to sort '${parsed[0]}', not '${sort}'`);
  return { sort: parsed[0], value: parsed[1], id: parsed[2] };
}
