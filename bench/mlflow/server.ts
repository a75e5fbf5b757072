/**
 * MLflow's own server as the benchmark's peer: a virtualenv with the pinned `mlflow` and
 * `psycopg2-binary` (`requirements/bench-mlflow.txt`, built here on first use, never by CI), a
 * database of its own on the bench's PostgreSQL (`mlflow db upgrade` creates MLflow's tables), and
 * `mlflow server` under gunicorn on a free loopback port with the job runner off — the set-up the
 * research notes measured as MLflow's fastest on two cores.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../test/support/postgres-server.ts';

const ROOT = join(import.meta.dirname, '../..');
const REQUIREMENTS = join(ROOT, 'requirements/bench-mlflow.txt');
/** Where the bench keeps MLflow's virtualenv (git-ignored). */
export const MLFLOW_VENV = join(ROOT, '.tmp/mlflow-bench-venv');

// No telemetry and no background jobs: the server answers requests and nothing else.
const QUIET = {
  MLFLOW_DISABLE_TELEMETRY: 'true',
  DO_NOT_TRACK: 'true',
  MLFLOW_SERVER_ENABLE_JOB_EXECUTION: 'false',
};

/** Builds (or reuses) the virtualenv from the pinned requirements; a stamp records their hash. */
export function ensureMlflowVenv(): string {
  const want = createHash('sha256').update(readFileSync(REQUIREMENTS)).digest('hex');
  const stamp = join(MLFLOW_VENV, '.requirements.sha256');
  const mlflow = join(MLFLOW_VENV, 'bin/mlflow');
  if (existsSync(mlflow) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === want) return mlflow;
  console.error(`bench: building ${MLFLOW_VENV} from requirements/bench-mlflow.txt`);
  execFileSync('python3', ['-m', 'venv', '--clear', MLFLOW_VENV], { stdio: 'inherit' });
  const pip = [join(MLFLOW_VENV, 'bin/python'), '-m', 'pip', '--disable-pip-version-check', '--quiet'];
  execFileSync(pip[0], [...pip.slice(1), 'install', '--no-deps', '-r', REQUIREMENTS], { stdio: 'inherit' });
  execFileSync(pip[0], [...pip.slice(1), 'check'], { stdio: 'inherit' });
  writeFileSync(stamp, want);
  return mlflow;
}

/** `postgresql+psycopg2://…` for a database URL (SQLAlchemy 2.1 would pick psycopg 3 for `postgresql://`). */
export function sqlAlchemyUrl(databaseUrl: string): string {
  return databaseUrl.replace(/^postgres(ql)?:/, 'postgresql+psycopg2:');
}

/** Creates MLflow's tables in the database (its own migrations, to the head of 3.17.2). */
export function upgradeMlflowDatabase(mlflow: string, databaseUrl: string): void {
  execFileSync(mlflow, ['db', 'upgrade', sqlAlchemyUrl(databaseUrl)], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ...QUIET },
  });
}

/** A running `mlflow server`. */
export interface MlflowServer {
  baseUrl: string;
  stop(): Promise<void>;
}

/** Starts `mlflow server` on the database, on 127.0.0.1, and waits until `/health` answers. */
export async function startMlflowServer(
  mlflow: string,
  databaseUrl: string,
  artifactRoot: string,
): Promise<MlflowServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    mlflow,
    [
      'server',
      '--backend-store-uri',
      sqlAlchemyUrl(databaseUrl),
      '--default-artifact-root',
      artifactRoot,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--workers',
      '2',
      '--gunicorn-opts',
      '--timeout 120',
    ],
    // Its own process group, so stopping it stops gunicorn's workers too.
    { detached: true, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...QUIET } },
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid, 'SIGTERM');
    await Promise.race([exited, sleep(15_000)]);
    if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
  };
  for (let attempt = 0; attempt < 600; attempt++) {
    if (child.exitCode !== null) throw new Error(`mlflow server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${baseUrl}/health`)).ok) return { baseUrl, stop };
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  await stop();
  throw new Error('mlflow server did not answer /health within 60 s');
}
