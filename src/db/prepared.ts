/**
 * Queries built once: the hottest reads (a model version's detail, the plain catalog page) are
 * built into SQL text the first time they run on a database handle and then only bound to new
 * values (drizzle's prepared queries, filled through `sql.placeholder`). The statements stay
 * unnamed — node-postgres sends an unnamed statement when the name is empty — because PgBouncer
 * 1.18 in transaction mode cannot carry a named statement from one server connection to the next
 * (docs/decisions.md, "Queries built once, statements unnamed"). What is saved is the query
 * builder's work in JavaScript, not PostgreSQL's parse.
 */
import { resolvedDb } from './read-routing.ts';

/**
 * The unnamed statement's name: node-postgres sends a statement without a name (parsed for this
 * execution only) when the name is empty.
 */
export const UNNAMED = '';

/**
 * A query built by `build` once per database handle — the primary, the replica, PGlite, or a
 * transaction — and reused for every later run on that handle.
 */
export function builtOnce<D extends object, Q>(build: (db: D) => Q): (db: D) => Q {
  const built = new WeakMap<D, Q>();
  return (db) => {
    // Under the replica routing the same `db` stands for two pools: build once for each.
    const handle = resolvedDb(db);
    let query = built.get(handle);
    if (query === undefined) {
      query = build(handle);
      built.set(handle, query);
    }
    return query;
  };
}

/**
 * `builtOnce` for a query whose text depends on a few switches (its shape): `build(db, props)` runs
 * once per shape and handle, with the props of the first request of that shape — so what varies
 * between requests of one shape must be placeholders, never values.
 */
export function builtOncePerShape<D extends object, P, Q>(
  build: (db: D, props: P) => Q,
): (shape: string, props: P) => (db: D) => Q {
  const shapes = new Map<string, (db: D) => Q>();
  return (shape, props) => {
    let query = shapes.get(shape);
    if (query === undefined) {
      query = builtOnce((db: D) => build(db, props));
      shapes.set(shape, query);
    }
    return query;
  };
}
