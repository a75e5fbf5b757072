/**
 * MLflow's `order_by` clauses (`"name DESC"`, ``"`last_updated_timestamp` ASC"``): a key the
 * endpoint can sort by and a direction (ASC by default). A key the endpoint cannot sort by, a
 * clause of more than two words, another direction or the same key twice is a 400, never the 500
 * MLflow's own server answers for some of them.
 */
import { InvalidRequest } from '../../errors.ts';

/** One parsed clause, its key already translated to the search's own key. */
export interface OrderTerm<K extends string> {
  key: K;
  direction: 'asc' | 'desc';
}

/** Parses `clauses` against `keys` (MLflow key → search key). */
export function parseOrderBy<K extends string>(
  clauses: readonly string[],
  keys: Readonly<Record<string, K>>,
): OrderTerm<K>[] {
  const seen = new Set<K>();
  return clauses.map((clause) => {
    const words = clause.trim().split(/\s+/);
    const name = words[0]?.replace(/^`(.*)`$/, '$1') ?? '';
    const direction = (words[1] ?? 'ASC').toUpperCase();
    if (words.length > 2 || (direction !== 'ASC' && direction !== 'DESC')) {
      throw new InvalidRequest(`Invalid ordering key in order_by clause '${clause}'.`);
    }
    const key = Object.hasOwn(keys, name) ? keys[name] : undefined;
    if (key === undefined) {
      throw new InvalidRequest(
        `Invalid order by key '${name}' specified. Valid keys are ${Object.keys(keys).join(', ')}.`,
      );
    }
    if (seen.has(key)) throw new InvalidRequest(`order_by names '${name}' twice.`);
    seen.add(key);
    return { key, direction: direction === 'DESC' ? 'desc' : 'asc' };
  });
}
