/**
 * The stores every database suite runs on: embedded PGlite always, and the PostgreSQL server that
 * `scripts/run-tests.ts` started (`MODELGRAPH_TEST_PG_URL`). Each `open()` gives a fresh, migrated,
 * empty database; `close()` drops it.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openStore, queryRows, type Store } from '../../src/db/database.ts';

/** A kind of store a suite can run on. */
export interface TestStore {
  name: 'pglite' | 'postgres';
  open(): Promise<Store>;
}

const pgliteStore: TestStore = {
  name: 'pglite',
  async open() {
    const store = await openStore({ dataDir: 'memory://' });
    await store.migrate();
    return store;
  },
};

function postgresStore(adminUrl: string): TestStore {
  return {
    name: 'postgres',
    async open() {
      const name = `mg_test_${randomUUID().replaceAll('-', '')}`;
      await withAdminClient(adminUrl, (client) => client.query(`create database ${name}`));
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const store = await openStore({ databaseUrl: url.href, dataDir: '' });
      await store.migrate();
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

async function withAdminClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
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
  const url = new URL(process.env.MODELGRAPH_TEST_PG_URL as string);
  url.pathname = `/${row.name}`;
  return url.href;
}
