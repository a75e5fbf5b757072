/**
 * MLflow's own tracking server, from the full `mlflow` package pinned in
 * `requirements/python-mlflow.txt` (`.venv/mlflow`, built by `scripts/python-venvs.sh`): started on
 * a free loopback port in a process group of its own, ready once `/health` answers, and paused,
 * resumed or stopped as a whole. The MLflow 3 workflow tests run it on SQLite with served
 * artifacts; the benchmark runs it on PostgreSQL.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './postgres-server.ts';
import { venvBin } from './python.ts';

/** The `mlflow` command of `.venv/mlflow`. */
export const MLFLOW_COMMAND = join(venvBin('mlflow'), 'mlflow');

/** No telemetry and no background jobs: the server answers requests and nothing else. */
export const MLFLOW_QUIET_ENV = {
  MLFLOW_DISABLE_TELEMETRY: 'true',
  DO_NOT_TRACK: 'true',
  MLFLOW_SERVER_ENABLE_JOB_EXECUTION: 'false',
};

/** A running `mlflow server`. */
export interface MlflowServer {
  baseUrl: string;
  /** Stops every process of the server (SIGSTOP): it accepts connections and answers nothing. */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

/**
 * Starts `mlflow server --backend-store-uri <backendStoreUri> <args…>` on 127.0.0.1 and waits until
 * `/health` answers (at most two minutes: its first start migrates the backend store).
 */
export async function startMlflowServer(
  mlflow: string,
  backendStoreUri: string,
  args: string[] = [],
): Promise<MlflowServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    mlflow,
    [
      'server',
      '--backend-store-uri',
      backendStoreUri,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      ...args,
    ],
    // Its own process group, so pausing or stopping it reaches its workers too.
    { detached: true, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...MLFLOW_QUIET_ENV } },
  );
  const group = child.pid;
  if (group === undefined) throw new Error('mlflow server did not start');
  const baseUrl = `http://127.0.0.1:${port}`;
  const signal = (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-group, name);
  };
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    signal('SIGCONT');
    signal('SIGTERM');
    await Promise.race([exited, sleep(15_000)]);
    signal('SIGKILL');
  };
  for (let attempt = 0; attempt < 1200; attempt++) {
    if (child.exitCode !== null) throw new Error(`mlflow server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${baseUrl}/health`)).ok) {
        return { baseUrl, pause: () => signal('SIGSTOP'), resume: () => signal('SIGCONT'), stop };
      }
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  await stop();
  throw new Error('mlflow server did not answer /health within two minutes');
}
