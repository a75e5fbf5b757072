/**
 * Placeholder replaced by the demo world loader.
 */
import { sql } from 'drizzle-orm';
import type { Config } from '../config.ts';
import { type Db, queryRows } from '../db/database.ts';

/** Whether the database holds no artifact yet. */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const [row] = await queryRows<{ empty: boolean }>(db, sql`select not exists (select 1 from artifacts) as empty`);
  return row.empty;
}

/** Loads the demo world. */
export async function loadDemoWorld(_db: Db, _config: Config) {
  return { models: 0 };
}
