/**
 * The test stores themselves: each `open()` is a migrated database of its own, copied from the
 * migrated image (PGlite) or template database (PostgreSQL), on which `migrate()` finds nothing to
 * do; copies opened side by side all succeed; the image and template are named by the migrations.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { queryRows, type Store } from '../../src/db/database.ts';
import { countAllRows } from './row-counts.ts';
import { migrationsKey, templateDatabase, withAdminClient } from './store-images.ts';
import { testStores } from './stores.ts';

const MIGRATIONS = join(import.meta.dirname, '..', '..', 'drizzle');
const MIGRATION_COUNT = readMigrationFiles({ migrationsFolder: MIGRATIONS }).length;

async function appliedMigrations(store: Store): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    store.db,
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  );
  return row.n;
}

async function hasTable(store: Store, table: string): Promise<boolean> {
  const [row] = await queryRows<{ found: boolean }>(
    store.db,
    sql`select to_regclass(${table}) is not null as found`,
  );
  return row.found;
}

for (const testStore of testStores()) {
  describe(`test stores on ${testStore.name}`, () => {
    const opened: Store[] = [];
    const open = async () => {
      const store = await testStore.open();
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    it('opens a migrated database on which migrate() finds nothing to do', async () => {
      const store = await open();
      assert.equal(await appliedMigrations(store), MIGRATION_COUNT);
      const rows = await countAllRows(store.db);
      await store.migrate();
      assert.equal(await appliedMigrations(store), MIGRATION_COUNT);
      assert.deepEqual(await countAllRows(store.db), rows);
    });

    it('gives every open() a database of its own', async () => {
      const [first, second] = await Promise.all([open(), open()]);
      await first.db.execute(sql`create table probe_only_here (x int)`);
      await first.db.execute(sql`insert into probe_only_here values (1)`);
      assert.equal(await hasTable(first, 'probe_only_here'), true);
      assert.equal(await hasTable(second, 'probe_only_here'), false);
      assert.equal(await hasTable(await open(), 'probe_only_here'), false, 'the image was not changed');
    });
  });
}

for (const testStore of testStores().filter((candidate) => candidate.name === 'postgres')) {
  describe(`the template database on ${testStore.name}`, () => {
    it('is copied by eight CREATE DATABASE side by side', async () => {
      const stores = await Promise.all(Array.from({ length: 8 }, () => testStore.open()));
      try {
        const counts = await Promise.all(stores.map(appliedMigrations));
        assert.deepEqual(counts, Array(8).fill(MIGRATION_COUNT));
      } finally {
        await Promise.all(stores.map((store) => store.close()));
      }
    });

    it('is a template that takes no connections, named by the migrations', async () => {
      const adminUrl = process.env.MODELGRAPH_TEST_PG_URL as string;
      const template = await templateDatabase(adminUrl);
      assert.equal(template, `mg_template_${migrationsKey()}`);
      const { rows } = await withAdminClient(adminUrl, (client) =>
        client.query('select datistemplate, datallowconn from pg_database where datname = $1', [template]),
      );
      assert.deepEqual(rows, [{ datistemplate: true, datallowconn: false }]);
    });
  });
}

describe('the migrations key', () => {
  const folder = mkdtempSync(join(tmpdir(), 'mg-migrations-'));
  cpSync(MIGRATIONS, folder, { recursive: true });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it("changes when a migration's SQL or the journal changes, and only then", () => {
    const original = migrationsKey(folder);
    assert.equal(migrationsKey(folder), original);
    assert.equal(migrationsKey(folder), migrationsKey(MIGRATIONS));
    const [first] = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')).entries;
    const sqlFile = join(folder, `${first.tag}.sql`);
    writeFileSync(sqlFile, `${readFileSync(sqlFile, 'utf8')}\n-- one more line\n`);
    const afterSql = migrationsKey(folder);
    assert.notEqual(afterSql, original);
    const journal = join(folder, 'meta', '_journal.json');
    writeFileSync(
      journal,
      readFileSync(journal, 'utf8').replace(`"when": ${first.when}`, `"when": ${first.when + 1}`),
    );
    assert.notEqual(migrationsKey(folder), afterSql);
  });
});
