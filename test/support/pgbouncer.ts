/**
 * Debian's PgBouncer in transaction mode in front of a test PostgreSQL server, on a free loopback
 * port (docs/scaling.md: any number of `serve` processes, directly or through PgBouncer in
 * transaction mode). It runs as `postgres` when we are root (PgBouncer refuses root), daemonised with a pid
 * file, and `stop()` ends that one process.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, serverOwnedTempDir } from './postgres-server.ts';

const PGBOUNCER = '/usr/sbin/pgbouncer';

/** A running PgBouncer. */
export interface PgBouncer {
  /** The URL of `database` through the bouncer. */
  urlOf(database: string): string;
  stop(): Promise<void>;
}

/** Whether Debian's pgbouncer is installed (`.ci/run` installs it). */
export const hasPgBouncer = () => existsSync(PGBOUNCER);

/** Starts PgBouncer in transaction mode for every database of the server at `serverUrl`. */
export async function startPgBouncer(serverUrl: string): Promise<PgBouncer> {
  const server = new URL(serverUrl);
  const dir = serverOwnedTempDir('modelgraph-pgbouncer-');
  const port = await freePort();
  const pidFile = join(dir, 'pgbouncer.pid');
  writeFileSync(join(dir, 'users.txt'), '"postgres" ""\n');
  writeFileSync(
    join(dir, 'pgbouncer.ini'),
    `[databases]
* = host=${server.hostname} port=${server.port}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${port}
unix_socket_dir =
auth_type = trust
auth_file = ${join(dir, 'users.txt')}
pool_mode = transaction
default_pool_size = 20
max_client_conn = 400
pidfile = ${pidFile}
logfile = ${join(dir, 'pgbouncer.log')}
`,
  );
  const asRoot = process.getuid?.() === 0;
  const [cmd, args] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', PGBOUNCER, '-d', join(dir, 'pgbouncer.ini')]]
    : [PGBOUNCER, ['-d', join(dir, 'pgbouncer.ini')]];
  execFileSync(cmd, args, { stdio: 'pipe' });
  for (let attempt = 0; attempt < 100 && !existsSync(pidFile); attempt++) await sleep(50);
  const pid = Number(readFileSync(pidFile, 'utf8'));
  return {
    urlOf(database) {
      return `postgres://postgres@127.0.0.1:${port}/${database}`;
    },
    async stop() {
      process.kill(pid, 'SIGTERM');
      for (let attempt = 0; attempt < 100; attempt++) {
        try {
          process.kill(pid, 0);
        } catch {
          break;
        }
        await sleep(50);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
