/**
 * Keyset pages over an order of several keys, each ascending or descending (MLflow's searches sort
 * by `last_updated_timestamp DESC, name ASC, version_number DESC`): the SQL that starts a page
 * strictly after a row, and the `order by`. The keys must end with a unique combination and be
 * non-null, so pages never overlap or skip.
 */
import { type SQL, sql } from 'drizzle-orm';

/** One key of an order: its expression, its SQL type (to read a position back) and direction. */
export interface OrderKey {
  expr: SQL;
  type: SQL;
  direction: 'asc' | 'desc';
}

/** `order by` the keys, in order. */
export function orderByKeys(keys: OrderKey[]): SQL {
  return sql.join(
    keys.map((key) => sql`${key.expr} ${key.direction === 'desc' ? sql`desc` : sql`asc`}`),
    sql`, `,
  );
}

/**
 * The condition "after the row whose keys were `values`" (PostgreSQL's text form of each). The
 * first key is also bounded on its own, so an index on it starts the scan at the position instead
 * of filtering every row before it.
 */
export function afterKeys(keys: OrderKey[], values: string[]): SQL {
  if (values.length !== keys.length) throw new Error('a keyset position needs one value per key');
  const value = (i: number) => sql`cast(${values[i]} as ${keys[i].type})`;
  const beyond = (i: number) => (keys[i].direction === 'desc' ? sql`<` : sql`>`);
  const branches = keys.map((key, i) => {
    const equal = keys.slice(0, i).map((prior, j) => sql`${prior.expr} = ${value(j)}`);
    return sql.join([...equal, sql`${key.expr} ${beyond(i)} ${value(i)}`], sql` and `);
  });
  const bound = keys[0].direction === 'desc' ? sql`<=` : sql`>=`;
  return sql`(${keys[0].expr} ${bound} ${value(0)} and (${sql.join(branches, sql` or `)}))`;
}
