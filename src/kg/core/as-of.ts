/**
 * The `as_of` moment of the graph's time travel (docs/api.md#the-graph-as-of-a-moment), as the
 * edge page's date field shows it; reading one is `parseMoment` (`search/core/moment.ts`). Pure.
 */

/** The moment as `YYYY-MM-DDTHH:MM:SS` in UTC, the value a `datetime-local` field shows. */
export function asOfFieldValue(canonical: string): string {
  return new Date(canonical).toISOString().slice(0, 19);
}
