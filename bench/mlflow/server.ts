/**
 * MLflow's own server as the benchmark's peer: `.venv/mlflow` (the pinned `mlflow` and
 * `psycopg2-binary` of `requirements/python-mlflow.txt`, built by `scripts/python-venvs.sh` on first
 * use, the same venv the MLflow 3 workflow tests run), a database of its own on the bench's
 * PostgreSQL (`mlflow db upgrade` creates MLflow's tables), and `mlflow server` under gunicorn on a
 * free loopback port with the job runner off — the set-up the research notes measured as MLflow's
 * fastest on two cores.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  MLFLOW_COMMAND,
  MLFLOW_QUIET_ENV,
  type MlflowServer,
  startMlflowServer as startServer,
} from '../../test/support/mlflow-server.ts';

const ROOT = join(import.meta.dirname, '../..');

/** Builds `.venv/mlflow` unless it is built from the current requirements; returns its `mlflow`. */
export function ensureMlflowVenv(): string {
  execFileSync('bash', [join(ROOT, 'scripts/python-venvs.sh'), 'mlflow'], { stdio: 'inherit' });
  return MLFLOW_COMMAND;
}

/** `postgresql+psycopg2://…` for a database URL (SQLAlchemy 2.1 would pick psycopg 3 for `postgresql://`). */
export function sqlAlchemyUrl(databaseUrl: string): string {
  return databaseUrl.replace(/^postgres(ql)?:/, 'postgresql+psycopg2:');
}

/** Creates MLflow's tables in the database (its own migrations, to the head of 3.17.2). */
export function upgradeMlflowDatabase(mlflow: string, databaseUrl: string): void {
  execFileSync(mlflow, ['db', 'upgrade', sqlAlchemyUrl(databaseUrl)], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ...MLFLOW_QUIET_ENV },
  });
}

/** Starts `mlflow server` on the database under gunicorn with 2 workers, on 127.0.0.1. */
export function startMlflowServer(
  mlflow: string,
  databaseUrl: string,
  artifactRoot: string,
): Promise<MlflowServer> {
  return startServer(mlflow, sqlAlchemyUrl(databaseUrl), [
    '--default-artifact-root',
    artifactRoot,
    '--workers',
    '2',
    '--gunicorn-opts',
    '--timeout 120',
  ]);
}
