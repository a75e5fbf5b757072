/**
 * Page tokens of the MLflow searches: opaque to the client, which only sends back the
 * `next_page_token` it got. A token carries the keyset position after the page and a digest of the
 * search it came from (endpoint, filter, order), so replaying it under another search is a 400
 * instead of a page that silently skips or repeats.
 */
import { createHash } from 'node:crypto';
import { InvalidRequest } from '../../errors.ts';

/** What a token is bound to. */
export interface TokenScope {
  endpoint: string;
  filter: string;
  orderBy: readonly string[];
}

function digestOf(scope: TokenScope): string {
  return createHash('sha256')
    .update(JSON.stringify([scope.endpoint, scope.filter, scope.orderBy]))
    .digest('base64url')
    .slice(0, 16);
}

/** The token of the position after a page. */
export function encodePageToken(scope: TokenScope, position: string[]): string {
  return Buffer.from(JSON.stringify({ s: digestOf(scope), p: position })).toString('base64url');
}

/** The position a token names (undefined for no token or an empty one); 400 when it is not one of ours for this search. */
export function decodePageToken(scope: TokenScope, token: string | undefined): string[] | undefined {
  if (token === undefined || token === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidRequest('Invalid page token, could not decode it.');
  }
  const { s, p } = (parsed ?? {}) as { s?: unknown; p?: unknown };
  if (typeof s !== 'string' || !Array.isArray(p) || !p.every((value) => typeof value === 'string')) {
    throw new InvalidRequest('Invalid page token: not a token this server issued.');
  }
  if (s !== digestOf(scope)) {
    throw new InvalidRequest('Invalid page token: it belongs to a search with another filter or order.');
  }
  return p;
}
