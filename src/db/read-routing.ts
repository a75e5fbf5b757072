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

/** A database handle that is `replica` inside `onReplica` and `primary` everywhere else. */
export function routedDb<D extends object>(primary: D, replica: D): D {
  const current = () => (target.getStore() === 'replica' ? replica : primary);
  return new Proxy(primary, {
    get(_primary, property) {
      const db = current();
      const value = Reflect.get(db, property, db);
      return typeof value === 'function' ? value.bind(db) : value;
    },
  });
}
