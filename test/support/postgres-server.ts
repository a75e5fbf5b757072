/**
 * Starts a throw-away PostgreSQL server for the test and bench runs: `initdb` into a temp dir
 * (as the `postgres` user when we are root, since initdb refuses root), `pg_ctl start` on a free
 * loopback port, and `stop()` to tear it all down.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running server: its superuser URL and how to stop it. */
export interface PostgresServer {
  url: string;
  stop(): void;
}

const PG_BINARIES = [
  '/usr/lib/postgresql/15/bin',
  '/usr/lib/postgresql/16/bin',
  '/usr/lib/postgresql/17/bin',
];

/** The folder holding `initdb` and `pg_ctl`, or undefined when no PostgreSQL server is installed. */
export function findPostgresBinaries(): string | undefined {
  return PG_BINARIES.find((dir) => existsSync(join(dir, 'initdb')));
}

/** A TCP port free on the loopback interface right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const isRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL program (`initdb`, `pg_ctl`, `pg_basebackup`…), as `postgres` when we are root. */
export function runPostgresTool(tool: string, args: string[]): void {
  const bin = findPostgresBinaries();
  if (!bin) throw new Error(`no PostgreSQL server binaries in ${PG_BINARIES.join(', ')}`);
  const [cmd, cmdArgs] = isRoot
    ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]]
    : [join(bin, tool), args];
  execFileSync(cmd, cmdArgs, { stdio: 'pipe' });
}

/** A fresh temp folder the server's user owns (initdb and pg_basebackup write into it). */
export function serverOwnedTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (isRoot)
    chownSync(
      dir,
      Number(execFileSync('id', ['-u', 'postgres'])),
      Number(execFileSync('id', ['-g', 'postgres'])),
    );
  return dir;
}

/** The options every test server starts with: loopback only, its socket in its data folder, no fsync. */
export function serverOptions(port: number, dataDir: string): string {
  return `-p ${port} -k ${dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
}

/** Initialises and starts a server; throws with the server's own words when it cannot. */
export async function startPostgres(): Promise<PostgresServer> {
  const dataDir = serverOwnedTempDir('modelgraph-pg-');
  const run = runPostgresTool;
  const port = await freePort();
  run('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const options = serverOptions(port, dataDir);
  run('pg_ctl', ['-D', dataDir, '-o', options, '-l', join(dataDir, 'server.log'), '-w', 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
