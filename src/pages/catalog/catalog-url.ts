/**
 * Catalog URLs: the list query as a query string, so every link (pagination, sort) carries the
 * whole state of the page. Pure.
 */
import type { ListModelsRequest } from '../../registry/models/model.schemas.ts';

/** The catalog's query, as validated by the list API's schema. */
export type CatalogQuery = ListModelsRequest;

// In the order they appear in the form, so URLs read the same way.
const KEYS = [
  'filter',
  'q',
  'family',
  'status',
  'flag',
  'dataset',
  'hypothesis',
  'all_versions',
  'sort',
  'order',
  'limit',
] as const;

/** `/models?…` for this query with `page` (offset or cursor) in place of the current position. */
export function catalogUrl(query: CatalogQuery, page: { offset?: number; cursor?: string } = {}): string {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = query[key];
    if (value === undefined || value === false) continue;
    params.set(key, String(value));
  }
  for (const tag of query.tag ?? []) params.append('tag', tag);
  if (page.cursor !== undefined) params.set('cursor', page.cursor);
  else if (page.offset) params.set('offset', String(page.offset));
  return `/models?${params}`;
}

/** The pagination links of a page of results (undefined where there is no such page). */
export function pageLinks(
  query: CatalogQuery,
  result: { total: number; offset: number; next_cursor: string | null; shown: number },
): { previous?: string; next?: string; first?: string } {
  // A page reached by cursor has no offset to step back from: offer the first page instead.
  if (query.cursor !== undefined) {
    return {
      first: catalogUrl(query),
      next: result.next_cursor ? catalogUrl(query, { cursor: result.next_cursor }) : undefined,
    };
  }
  const offset = result.offset;
  return {
    previous: offset > 0 ? catalogUrl(query, { offset: Math.max(0, offset - query.limit) }) : undefined,
    next:
      offset + result.shown < result.total ? catalogUrl(query, { offset: offset + query.limit }) : undefined,
  };
}
