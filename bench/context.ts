/**
 * What every workload gets: the store the app runs on, the raw driver for the same database (the
 * baseline each ratio divides by), the app listening on a loopback port, the generated world's
 * sample ids, and how many requests a measurement makes.
 */
import type pg from 'pg';
import type { Store } from '../src/db/database.ts';
import type { Deps } from '../src/deps.ts';
import type { GeneratedWorld } from './generate.ts';

/** Runs SQL text through the driver itself (no ORM, no HTTP) and returns the rows. */
export type RawSql = (text: string, params?: unknown[]) => Promise<unknown[]>;

/** A workload's inputs. */
export interface BenchContext {
  store: Store;
  raw: RawSql;
  /** Runs several `;`-separated statements on one connection (for `begin; …; rollback;`). */
  rawScript(text: string): Promise<void>;
  /** The app (`buildApp`) listening on 127.0.0.1. */
  baseUrl: string;
  world: GeneratedWorld;
  /** What the app runs on: the commands and jobs a workload calls directly take these. */
  deps: Deps;
  /** Requests per measured case (at least 200 on the full world). */
  runs: number;
  /**
   * The PostgreSQL URL of the world's database (undefined on PGlite), for workloads that open pools
   * of their own; the MLflow peer gets a database beside it.
   */
  databaseUrl?: string;
}

interface PgliteClient {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  exec(text: string): Promise<unknown>;
}

/** The raw driver under a store: PGlite's own client, or a pool of its own on PostgreSQL. */
export function rawDriverOf(store: Store, pool?: pg.Pool): Pick<BenchContext, 'raw' | 'rawScript'> {
  if (pool) {
    return {
      raw: async (text, params) => (await pool.query(text, params)).rows,
      // Without parameters node-postgres sends the simple protocol: every statement, one connection.
      rawScript: async (text) => {
        await pool.query(text);
      },
    };
  }
  const client = (store.db as unknown as { $client: PgliteClient }).$client;
  return {
    raw: async (text, params) => (await client.query(text, params)).rows,
    rawScript: async (text) => {
      await client.exec(text);
    },
  };
}
