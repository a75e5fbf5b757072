/**
 * Which server a query goes to when the store has a read replica: the primary, unless the code
 * runs inside `onReplica(…)` (a pure read the HTTP layer sent there). The decision travels with
 * the async context, so the commands and repositories below stay unaware of it and take one `Db`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

type Target = 'replica' | 'primary';
const target = new AsyncLocalStorage<Target>();

/** Runs `work` with the store's reads on its replica (when it has one). */
export function onReplica<T>(work: () => T): T {
  return target.run('replica', work);
}

/** Runs `work` on the primary even inside `onReplica` (authentication: a revoked token stops at once). */
export function onPrimary<T>(work: () => T): T {
  return target.run('primary', work);
}

/** Read on a routed handle, the handle a query would use at this moment (`resolvedDb`). */
const CURRENT = Symbol('the handle in use');

/**
 * The handle `db` stands for now: under `routedDb`, the replica's or the primary's (whichever a
 * query run here would use); any other handle is itself. Queries built once per handle
 * (`db/prepared.ts`) key on it, since a built query keeps the handle it was built on.
 */
export function resolvedDb<D extends object>(db: D): D {
  return (db as { [CURRENT]?: D })[CURRENT] ?? db;
}

/** A database handle that is `replica` inside `onReplica` and `primary` everywhere else. */
export function routedDb<D extends object>(primary: D, replica: D): D {
  const current = () => (target.getStore() === 'replica' ? replica : primary);
  return new Proxy(primary, {
    get(_primary, property) {
      const db = current();
      if (property === CURRENT) return db;
      const value = Reflect.get(db, property, db);
      return typeof value === 'function' ? value.bind(db) : value;
    },
  });
}
