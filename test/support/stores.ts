/**
 * The stores every database suite runs on: embedded PGlite always, and the PostgreSQL server that
 * `scripts/run-tests.ts` started (`MODELGRAPH_TEST_PG_URL`). Each `open()` gives a fresh, migrated,
 * empty database of its own — a copy of the migrated image or template database
 * (`store-images.ts`), so `migrate()` finds nothing to do; `close()` drops it.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { openStore, queryRows, type Store } from '../../src/db/database.ts';
import {
  cloneDatabase,
  databaseUrl,
  pgliteImage,
  templateDatabase,
  withAdminClient,
} from './store-images.ts';

/** A kind of store a suite can run on. */
export interface TestStore {
  name: 'pglite' | 'postgres';
  open(): Promise<Store>;
}

const pgliteStore: TestStore = {
  name: 'pglite',
  // Its own in-memory database, started from the migrated image.
  open: async () => openStore({ dataDir: 'memory://', image: await pgliteImage() }),
};

function postgresStore(adminUrl: string): TestStore {
  return {
    name: 'postgres',
    async open() {
      const name = `mg_test_${randomUUID().replaceAll('-', '')}`;
      await cloneDatabase(adminUrl, await templateDatabase(adminUrl), name);
      const store = await openStore({ databaseUrl: databaseUrl(adminUrl, name), dataDir: '' });
      return {
        ...store,
        async close() {
          await store.close();
          await withAdminClient(adminUrl, (client) => client.query(`drop database ${name} with (force)`));
        },
      };
    },
  };
}

/** The stores to run database suites on. In CI a missing PostgreSQL server is an error, not a skip. */
export function testStores(): TestStore[] {
  const url = process.env.MODELGRAPH_TEST_PG_URL;
  if (!url && process.env.CI === 'true') throw new Error('CI=true but MODELGRAPH_TEST_PG_URL is not set');
  return url ? [pgliteStore, postgresStore(url)] : [pgliteStore];
}

/** The URL of a PostgreSQL store's own database (for a second pool or a child process on it). */
export async function databaseUrlOf(store: Store): Promise<string> {
  const [row] = await queryRows<{ name: string }>(store.db, sql`select current_database() as name`);
  return databaseUrl(process.env.MODELGRAPH_TEST_PG_URL as string, row.name);
}
