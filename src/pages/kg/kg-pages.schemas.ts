/**
 * The graph browser's query (`GET /kg/edges`): the filters of the edge list, a page size and the
 * keyset cursor of the next page.
 */
import { type Static, Type } from 'typebox';
import { EDGE_FILTERS } from '../../kg/edge.schemas.ts';

/** How many edges a page of the browser shows unless asked otherwise. */
export const EDGE_BROWSER_PAGE = 50;

/** `GET /kg/edges` query. */
export const EdgeBrowserQuery = Type.Object(
  {
    ...EDGE_FILTERS,
    limit: Type.Integer({ minimum: 1, maximum: 200, default: EDGE_BROWSER_PAGE }),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  },
  { additionalProperties: false },
);
/** A parsed `GET /kg/edges` query. */
export type EdgeBrowserRequest = Static<typeof EdgeBrowserQuery>;
