/**
 * A streaming replica of a test PostgreSQL server (docs/scaling.md): `pg_basebackup -R` of the primary
 * over loopback (PostgreSQL 15's defaults, wal_level=replica and the replication lines initdb
 * writes into pg_hba.conf, are what it needs), started as a hot standby on its own port. It can be
 * stopped and started again, its replay paused and resumed, and waited on until it has replayed
 * everything the primary wrote.
 */

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { freePort, runPostgresTool, serverOptions, serverOwnedTempDir } from './postgres-server.ts';

/** A running (or stopped) replica. */
export interface ReplicaServer {
  /** The replica's URL for `database` (the same database name as on the primary). */
  urlOf(database: string): string;
  stop(): void;
  start(): void;
  /** Stops replaying WAL (the replica keeps answering, with what it had): a lag on demand. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Resolves once the replica has received (not necessarily replayed) all the primary had written. */
  received(): Promise<void>;
  /**
   * Resolves once the replica has replayed all the primary had written when this was called (its
   * insert position: the test server commits asynchronously, so a commit may still be in its WAL
   * buffers).
   */
  caughtUp(): Promise<void>;
  /** Stops it and deletes its data folder. */
  remove(): void;
}

async function queryOne<T>(url: string, text: string): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows[0] as T;
  } finally {
    await client.end();
  }
}

/** Base-backs-up the server at `primaryUrl` (a superuser URL) and starts the copy as its standby. */
export async function startReplica(primaryUrl: string): Promise<ReplicaServer> {
  const primary = new URL(primaryUrl);
  const dataDir = serverOwnedTempDir('modelgraph-replica-');
  runPostgresTool('pg_basebackup', [
    '-h',
    primary.hostname,
    '-p',
    primary.port,
    '-U',
    primary.username || 'postgres',
    '-D',
    dataDir,
    '-R',
    '-X',
    'stream',
    '-c',
    'fast',
    '--no-sync',
  ]);
  const port = await freePort();
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const start = () =>
    runPostgresTool('pg_ctl', [
      '-D',
      dataDir,
      '-o',
      serverOptions(port, dataDir),
      '-l',
      join(dataDir, 'replica.log'),
      '-w',
      'start',
    ]);
  const stop = () => runPostgresTool('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
  /** Waits until the replica's `position` passes the primary's insert position of now. */
  const reach = async (position: string) => {
    const { lsn } = await queryOne<{ lsn: string }>(
      primaryUrl,
      'select pg_current_wal_insert_lsn()::text as lsn',
    );
    for (let attempt = 0; attempt < 200; attempt++) {
      const { done } = await queryOne<{ done: boolean }>(
        adminUrl,
        `select ${position} >= '${lsn}'::pg_lsn as done`,
      );
      if (done) return;
      await sleep(50);
    }
    throw new Error(`the replica's ${position} did not reach ${lsn} within 10 s`);
  };
  start();
  return {
    urlOf(database) {
      const url = new URL(adminUrl);
      url.pathname = `/${database}`;
      return url.href;
    },
    start,
    stop,
    async pauseReplay() {
      await queryOne(adminUrl, 'select pg_wal_replay_pause()');
      for (let attempt = 0; attempt < 20; attempt++) {
        const { state } = await queryOne<{ state: string }>(
          adminUrl,
          'select pg_get_wal_replay_pause_state() as state',
        );
        // 'pause requested' already stops the next record; 'paused' once the startup process saw it.
        if (state === 'paused') return;
        await sleep(25);
      }
    },
    resumeReplay: () => queryOne(adminUrl, 'select pg_wal_replay_resume()'),
    received: () => reach('pg_last_wal_receive_lsn()'),
    caughtUp: () => reach('pg_last_wal_replay_lsn()'),
    remove() {
      try {
        stop();
      } catch {
        // Already stopped by the test.
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
