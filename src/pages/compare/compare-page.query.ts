/**
 * What `/models/compare` reads: the `ids` query in either form the browser may send — `ids=a,b`
 * typed by hand, or `ids=a&ids=b` from the catalog's checkboxes — joined into the API's comma
 * form, so the page answers exactly as the API does (2 to 50 distinct ids, 400 otherwise; 404
 * naming unknown ids).
 */
import { Type } from 'typebox';
import type { CompareJson } from '../../registry/models/compare.schemas.ts';

/** The query: `ids` once or repeated, each possibly comma-separated; none at all is the command's 400. */
export const ComparePageQuery = Type.Object(
  {
    ids: Type.Optional(Type.Array(Type.String({ maxLength: 6500 }), { maxItems: 50 })),
  },
  { additionalProperties: false },
);

/** The comparison as `GET /api/models/compare` answers it. */
export type ComparisonData = CompareJson;

/** The `ids` values joined into the API's comma form (order and repeats kept). */
export function joinCompareIds(values: readonly string[] = []): string {
  return values.join(',');
}
