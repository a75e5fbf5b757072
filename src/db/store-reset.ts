/**
 * Empties a store back to a fresh, migrated database: every table, sequence, trigger and the
 * migrations' own record are dropped with their schemas, and the migrations run again. What
 * `modelgraph demo --reset` starts from; the same SQL on PGlite and PostgreSQL.
 */
import { sql } from 'drizzle-orm';
import type { Store } from './database.ts';

/** Drops everything the migrations made (the `public` and `drizzle` schemas) and migrates again. */
export async function resetStore(store: Store): Promise<void> {
  await store.db.transaction(async (tx) => {
    await tx.execute(sql`drop schema if exists drizzle cascade`);
    await tx.execute(sql`drop schema if exists public cascade`);
    await tx.execute(sql`create schema public`);
  });
  await store.migrate();
}
