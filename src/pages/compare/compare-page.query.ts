/**
 * What `/models/compare` reads: the `ids` query in either form the browser may send — `ids=a,b`
 * typed by hand, or `ids=a&ids=b` from the catalog's checkboxes — joined into the API's comma
 * form, so the page answers exactly as the API does (2 to 50 distinct ids, 400 otherwise; 404
 * naming unknown ids).
 */
import { Type } from 'typebox';
import type { CompareJson } from '../../registry/models/compare.schemas.ts';

/**
 * The query: `ids` once or repeated, each possibly comma-separated; none at all is the command's
 * 400. `back` is the catalog page the selection was made on (`catalogBackUrl`).
 */
export const ComparePageQuery = Type.Object(
  {
    ids: Type.Optional(Type.Array(Type.String({ maxLength: 6500 }), { maxItems: 50 })),
    back: Type.Optional(Type.String({ maxLength: 8000 })),
  },
  { additionalProperties: false },
);

/** The notice the catalog shows when fewer than two versions were ticked for comparison. */
export const COMPARE_NOTICE = 'compare_needs_two';

/**
 * Where to send a selection of fewer than two versions: back to the catalog page it was made on,
 * with the notice — or undefined (then the page answers the command's 400) when `back` is not a
 * catalog URL of this site, so the parameter cannot redirect anywhere else.
 */
export function catalogBackUrl(ids: string, back: string | undefined): string | undefined {
  const distinct = new Set(
    ids
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
  );
  if (distinct.size >= 2 || back === undefined || !/^\/models(\?|$)/.test(back)) return undefined;
  const url = new URL(back, 'http://catalog.invalid');
  url.searchParams.delete('notice');
  url.searchParams.set('notice', COMPARE_NOTICE);
  return `${url.pathname}${url.search}`;
}

/** The comparison as `GET /api/models/compare` answers it. */
export type ComparisonData = CompareJson;

/** The `ids` values joined into the API's comma form (order and repeats kept). */
export function joinCompareIds(values: readonly string[] = []): string {
  return values.join(',');
}
