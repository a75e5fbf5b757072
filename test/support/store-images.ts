/**
 * Migrated databases made once and copied for every test store, so a suite pays for a copy instead
 * of PGlite's initdb and the migrations: a PGlite data image (the tarball of a migrated data
 * directory, `dumpDataDir`) that each fresh in-memory PGlite loads, and a template database on the
 * PostgreSQL server that each test database is created from (`CREATE DATABASE … TEMPLATE`).
 * Both are named by a hash of the migrations, so a changed migration makes new ones.
 * `scripts/run-tests.ts` makes them before the test files start; a test file run on its own makes
 * them on first use.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import pg from 'pg';
import { openStore } from '../../src/db/database.ts';

const ROOT = join(import.meta.dirname, '../..');
const MIGRATIONS = join(ROOT, 'drizzle');
/** Where the PGlite images are kept between runs (`.tmp/` is git-ignored). */
const IMAGE_DIR = join(ROOT, '.tmp', 'test-images');
// An image of another key not used for a day is from migrations that are gone.
const STALE_IMAGE_MS = 24 * 3600 * 1000;
// An arbitrary constant naming "making the template database" among advisory locks.
const TEMPLATE_LOCK = 7_004_002;

/** A short hash of the migration journal and every migration's SQL: what a migrated database depends on. */
export function migrationsKey(folder = MIGRATIONS): string {
  const hash = createHash('sha256').update(readFileSync(join(folder, 'meta', '_journal.json')));
  for (const migration of readMigrationFiles({ migrationsFolder: folder })) hash.update(migration.hash);
  return hash.digest('hex').slice(0, 16);
}

/** The installed PGlite's version: a data directory is only read back by the PGlite that wrote it. */
function pgliteVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.resolve('@electric-sql/pglite')));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
}

/**
 * The path of the migrated PGlite image of the current migrations, built first when missing.
 * Concurrent builders each write a file of their own and rename it into place, so a reader never
 * sees half an image.
 */
export async function ensurePgliteImage(): Promise<string> {
  const file = join(IMAGE_DIR, `pglite-${pgliteVersion()}-${migrationsKey()}.tar`);
  if (existsSync(file)) return file;
  mkdirSync(IMAGE_DIR, { recursive: true });
  const store = await openStore({ dataDir: 'memory://' });
  try {
    await store.migrate();
    // Drizzle's PGlite handle exposes its client; the Store interface has no use for a dump.
    const client = (store.db as unknown as { $client: { dumpDataDir(c: 'none'): Promise<Blob> } }).$client;
    const image = await client.dumpDataDir('none');
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await image.arrayBuffer()));
    renameSync(partial, file);
  } finally {
    await store.close();
  }
  for (const other of readdirSync(IMAGE_DIR).map((name) => join(IMAGE_DIR, name))) {
    if (other !== file && Date.now() - statSync(other).mtimeMs > STALE_IMAGE_MS)
      rmSync(other, { force: true });
  }
  return file;
}

let image: Promise<Blob> | undefined;

/** The migrated PGlite image, read once per process. */
export function pgliteImage(): Promise<Blob> {
  image ??= ensurePgliteImage().then((file) => new Blob([readFileSync(file)]));
  return image;
}

/** Runs `work` on a connection to the server's maintenance database at `adminUrl`. */
export async function withAdminClient<T>(
  adminUrl: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The URL of `database` on the server at `adminUrl`. */
export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.href;
}

/**
 * The name of the migrated template database of the current migrations on the server at
 * `adminUrl`, made first when missing: migrated under another name, then renamed and marked a
 * template that takes no connections — PostgreSQL copies a template only while nobody is connected
 * to it. One process makes it (an advisory lock); the others wait and find it made.
 */
export async function ensureTemplateDatabase(adminUrl: string): Promise<string> {
  const template = `mg_template_${migrationsKey()}`;
  const building = `${template}_building`;
  return withAdminClient(adminUrl, async (client) => {
    await client.query('select pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    try {
      const found = await client.query('select 1 from pg_database where datname = $1', [template]);
      if (found.rowCount === 1) return template;
      await client.query(`drop database if exists ${building} with (force)`);
      await client.query(`create database ${building}`);
      const store = await openStore({ databaseUrl: databaseUrl(adminUrl, building), dataDir: '' });
      try {
        await store.migrate();
      } finally {
        await store.close();
      }
      await client.query(`alter database ${building} rename to ${template}`);
      await client.query(`alter database ${template} with is_template true allow_connections false`);
      return template;
    } finally {
      await client.query('select pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
    }
  });
}

const templates = new Map<string, Promise<string>>();

/** `ensureTemplateDatabase`, once per process and server. */
export function templateDatabase(adminUrl: string): Promise<string> {
  if (!templates.has(adminUrl)) templates.set(adminUrl, ensureTemplateDatabase(adminUrl));
  return templates.get(adminUrl) as Promise<string>;
}

/**
 * Creates `database` as a copy of `template`. Copies may run side by side; PostgreSQL refuses one
 * only while a session is connected to the template, and the template takes no connections.
 */
export async function cloneDatabase(adminUrl: string, template: string, database: string): Promise<void> {
  await withAdminClient(adminUrl, (client) =>
    client.query(`create database ${database} template ${template}`),
  );
}
