/**
 * Which `metadata.inferred_at` strings the backfill trusts as the edge's time. PostgreSQL 15 has
 * no `pg_input_is_valid`, so the SQL screens the text with this pattern before casting it; the
 * pattern is written for both PostgreSQL's and JavaScript's regex engines so it can be unit-tested.
 */

/**
 * An ISO 8601 date, or date and time with optional seconds, fraction and offset. Every field is
 * range-checked except the day against its month's length, which the SQL checks separately;
 * years before 1000 and offsets beyond ±14:59 are refused so that the cast can never fail.
 */
export const INFERRED_AT_PATTERN =
  '^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])' +
  '([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,9})?)?(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?)?$';
