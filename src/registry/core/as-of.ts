/**
 * The `as_of` moment of time travel — the graph's (docs/api.md#the-graph-as-of-a-moment) and a lineage's
 * (docs/api.md#history): reading the parameter (`parseMoment`, `search/core/moment.ts`, checks the
 * calendar and writes one canonical form) and showing it in the pages' date field. Pure.
 */
import { InvalidRequest } from '../../errors.ts';
import { parseMoment } from '../../search/core/moment.ts';

/** The moment as `YYYY-MM-DDTHH:MM:SS` in UTC, the value a `datetime-local` field shows. */
export function asOfFieldValue(canonical: string): string {
  return new Date(canonical).toISOString().slice(0, 19);
}

/** The canonical form of an `as_of` parameter; 400 naming it when it is not an ISO 8601 moment. */
export function readAsOf(text: string): string {
  const asOf = parseMoment(text);
  if (asOf === undefined) {
    throw new InvalidRequest(
      `as_of must be an ISO 8601 date or date-time (2026-04-05, 2026-04-05T12:00:00Z), got '${text.slice(0, 64)}'`,
      { parameter: 'as_of' },
    );
  }
  return asOf;
}
