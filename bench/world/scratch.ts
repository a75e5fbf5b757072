/**
 * The generator's scratch space: a `bench_gen` schema holding the deterministic draw functions
 * and the plan tables, created before a world is loaded and dropped after. Every draw is a pure
 * function of (seed, stream, row number) through `hashint8extended`, which PostgreSQL keeps
 * stable across versions and platforms (hash partitioning depends on it), so PGlite and
 * PostgreSQL 15 draw the same world.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../src/db/database.ts';

/** The world's time origin: every generated timestamp is this plus a drawn offset. */
export const EPOCH = '2024-01-01 00:00:00+00';

/** A safe integer written into SQL text (for DDL, which takes no parameters, and plan constants). */
export function lit(value: number): SQL {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not a safe integer: ${value}`);
  return sql.raw(String(value));
}

/**
 * Creates `bench_gen` and its functions with the seed written into them:
 * - `u(stream, i)` a uniform draw in [0, 1) (52 bits of the hash), `i` below 4,194,304;
 * - `pick(stream, i, n)` uniform in 0…n−1, `zipf(stream, i, n)` skewed to 0 (⌊n·u³⌋: index 0
 *   gets n^(−1/3) of the draws, the way a few datasets and curators get most of the use);
 * - `at(days)` the epoch plus a number of days, as seconds so no calendar or time zone applies;
 * - `agent(n)` the id of agent n.
 */
export async function createScratch(tx: Tx, seed: number): Promise<void> {
  await tx.execute(sql`drop schema if exists bench_gen cascade`);
  await tx.execute(sql`create schema bench_gen`);
  const functions = [
    sql`create function bench_gen.u(stream int, i bigint) returns float8 language sql immutable parallel safe
        as $$ select (hashint8extended($2 * 1024 + $1, ${lit(seed)}) & 4503599627370495)::float8 / 4503599627370496 $$`,
    sql`create function bench_gen.pick(stream int, i bigint, n bigint) returns int language sql immutable parallel safe
        as $$ select floor(bench_gen.u($1, $2) * $3)::int $$`,
    sql`create function bench_gen.zipf(stream int, i bigint, n bigint) returns int language sql immutable parallel safe
        as $$ select floor(power(bench_gen.u($1, $2), 3) * $3)::int $$`,
    sql`create function bench_gen.at(days float8) returns timestamptz language sql immutable parallel safe
        as $$ select timestamptz ${sql.raw(`'${EPOCH}'`)} + $1 * 86400 * interval '1 second' $$`,
    sql`create function bench_gen.agent(n int) returns text language sql immutable parallel safe
        as $$ select 'agent-' || lpad($1::text, 5, '0') $$`,
    // A number k/scale as JSON text, exactly as JavaScript's JSON.stringify writes that double.
    sql`create function bench_gen.num(k bigint, scale int) returns text language sql immutable parallel safe
        as $$ select ($1::float8 / $2)::text $$`,
  ];
  for (const statement of functions) await tx.execute(statement);
}

/** Drops the scratch schema and everything in it. */
export async function dropScratch(tx: Tx): Promise<void> {
  await tx.execute(sql`drop schema if exists bench_gen cascade`);
}
