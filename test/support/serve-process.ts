/**
 * `modelgraph serve` as a real child process (`bin/modelgraph.js`), for the suites that must kill
 * a server the hard way or run several: started on a free loopback port with the given
 * environment, ready when its API answers.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './postgres-server.ts';

const BIN = join(import.meta.dirname, '../../bin/modelgraph.js');

/** A running `serve` process. */
export interface ServeProcess {
  baseUrl: string;
  child: ChildProcess;
  /** Kills it with SIGKILL (no shutdown of any kind) and waits until it is gone. */
  kill9(): Promise<void>;
  /** Stops it with SIGTERM (a clean shutdown) and waits until it is gone. */
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

async function waitUntilAnswering(child: ChildProcess, baseUrl: string): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.exitCode !== null) throw new Error(`serve exited with code ${child.exitCode} before answering`);
    try {
      if ((await fetch(`${baseUrl}/api/events?limit=1`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error('serve did not answer within 30 s');
}

/** Starts `serve` with `env` (on top of a minimal environment) and waits until it answers. */
export async function startServe(env: Record<string, string>): Promise<ServeProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LOG_LEVEL: 'warn',
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(child, baseUrl);
  return {
    baseUrl,
    child,
    async kill9() {
      child.kill('SIGKILL');
      await exited(child);
    },
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
    },
  };
}
