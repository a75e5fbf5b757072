/**
 * What `/models/compare` reads: the `ids` query in either form the browser may send — `ids=a,b`
 * typed by hand, or `ids=a&ids=b` from the catalog's checkboxes — and the API's comparison of them.
 * The comparison service validates the list (2 to 50 distinct ids, 400 otherwise; 404 naming
 * unknown ids), so the page answers exactly as the API does.
 */
import { Type } from 'typebox';
import type { Db } from '../db/database.ts';
import { compareModelVersions } from '../registry/compare.service.ts';

/** The query: `ids` once or repeated, each possibly comma-separated; none at all is the service's 400. */
export const ComparePageQuery = Type.Object(
  {
    ids: Type.Optional(Type.Array(Type.String({ maxLength: 6500 }), { maxItems: 50 })),
  },
  { additionalProperties: false },
);

/** The comparison as `GET /api/models/compare` answers it. */
export type ComparisonData = Awaited<ReturnType<typeof compareModelVersions>>;

/** Compares the versions the `ids` values name, joined into the API's comma form (order and repeats kept). */
export function loadComparePage(db: Db, values: readonly string[] = []): Promise<ComparisonData> {
  return compareModelVersions(db, values.join(','));
}
