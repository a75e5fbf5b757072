/**
 * A throw-away PostgreSQL server for benchmarks: the test suite's `startPostgres()` (initdb in a
 * temp dir, a free loopback port), plus one fresh database on it, so the generator and the runner
 * get a URL to open and one `stop()` that removes it all.
 */
import pg from 'pg';
import { startPostgres } from '../test/support/postgres-server.ts';

/** A running benchmark server: the URL of its benchmark database and how to tear it down. */
export interface BenchPostgres {
  /** `postgres://…/<database>`, ready for `openStore({ databaseUrl })`. */
  url: string;
  /** The superuser URL of the `postgres` maintenance database. */
  adminUrl: string;
  /** The server's major version (15 for 15.x). */
  majorVersion: number;
  /** Stops the server and deletes its data directory. */
  stop(): void;
}

/** Starts a server and creates `database` on it (default `modelgraph_bench`). */
export async function startBenchPostgres(database = 'modelgraph_bench'): Promise<BenchPostgres> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`not a plain database name: ${database}`);
  const server = await startPostgres();
  try {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    let majorVersion: number;
    try {
      await client.query(`create database ${database}`);
      const { rows } = await client.query<{ major: number }>(
        `select current_setting('server_version_num')::int / 10000 as major`,
      );
      majorVersion = rows[0].major;
    } finally {
      await client.end();
    }
    const url = new URL(server.url);
    url.pathname = `/${database}`;
    return { url: url.href, adminUrl: server.url, majorVersion, stop: () => server.stop() };
  } catch (error) {
    server.stop();
    throw error;
  }
}
