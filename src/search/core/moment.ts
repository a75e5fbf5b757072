/**
 * Moments as clients write them — the graph's `as_of` (docs/api.md#the-graph-as-of-a-moment), a
 * filter's `created_at >= '2026-04-01'`: an ISO 8601 date or date-time, checked for a real calendar
 * date and written back in one canonical form that PostgreSQL reads exactly (microseconds kept,
 * which a JavaScript `Date` would cut to milliseconds). Pure.
 */

const MOMENT_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?)?(Z|[+-]\d{2}:\d{2})?$/;

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The canonical form of a moment (`2026-04-05T12:00:00Z`, `2026-04-05T12:00:00.123456+02:00`),
 * or undefined when it is not an ISO 8601 date or date-time. A date alone is the start of that
 * day; a time without an offset is UTC (the page's date field sends one).
 */
export function parseMoment(text: string): string | undefined {
  const match = MOMENT_PATTERN.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', offset = 'Z'] = match;
  const [year, month, day] = [Number(y), Number(mo), Number(d)];
  const isDate = year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
  const isTime = Number(h) <= 23 && Number(mi) <= 59 && Number(s) <= 59;
  const isOffset = offset === 'Z' || (Number(offset.slice(1, 3)) <= 14 && Number(offset.slice(4)) <= 59);
  if (!(isDate && isTime && isOffset)) return undefined;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${fraction}${offset}`;
}
