/**
 * The official MLflow client is the test of the MLflow face: for each store, the real app
 * listens on a loopback port and `test_mlflow_client.py` drives it with `MlflowClient` and
 * `mlflow.register_model`, checking what happened through the native API — once with each client
 * version users run: the pinned 3.x (mlflow-skinny in requirements/python-dev.txt), 2.22 and 2.9
 * (requirements/python-mlflow-2.22.txt, python-mlflow-2.9.txt). The suite fails when pytest or
 * ruff does, printing their output.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ADMIN_TOKEN, startTestApp } from '../support/app.ts';
import { mlflowClientEnv } from '../support/mlflow.ts';
import { type PythonVenv, pythonUnavailable, venvBin } from '../support/python.ts';
import { runProcess } from '../support/run-process.ts';
import { type TestStore, testStores } from '../support/stores.ts';

const HERE = import.meta.dirname;

/** The environment of the client: the server, its tokens, no retries, no telemetry. */
function clientEnv(baseUrl: string, tokens: Record<string, string>): NodeJS.ProcessEnv {
  return mlflowClientEnv({
    MODELGRAPH_URL: baseUrl,
    MLFLOW_TRACKING_URI: baseUrl,
    MLFLOW_TRACKING_TOKEN: tokens.evaluator,
    MODELGRAPH_ADMIN_TOKEN: ADMIN_TOKEN,
    MODELGRAPH_WRITER_TOKEN: tokens.writer,
    MLFLOW_HTTP_REQUEST_TIMEOUT: '20',
  });
}

/** Runs a program of a venv in this folder; resolves with its exit status and everything it printed. */
async function run(command: string, args: string[], env: NodeJS.ProcessEnv) {
  const { status, stdout, stderr } = await runProcess(command, args, { cwd: HERE, env });
  return { code: status ?? 1, output: stdout + stderr };
}

const unavailable = pythonUnavailable('dev');

/** The MLflow clients the suite runs with: each venv's mlflow-skinny. */
const CLIENTS: { venv: PythonVenv; version: string }[] = [
  { venv: 'dev', version: '3.17' },
  { venv: 'mlflow-2.22', version: '2.22' },
  { venv: 'mlflow-2.9', version: '2.9' },
];

describe('the MLflow client suite passes ruff', { skip: unavailable }, () => {
  it('has no lint findings', async () => {
    const { code, output } = await run(
      join(venvBin('dev'), 'ruff'),
      ['check', '--no-cache', '.'],
      process.env,
    );
    assert.equal(code, 0, output);
  });
});

/** Runs test_mlflow_client.py with one client against a fresh app on `store`; returns pytest's exit and output. */
async function runSuite(store: TestStore, venv: PythonVenv) {
  // A fresh app per client: the suite reads global state (the rescore queue's next promotion).
  const t = await startTestApp(store);
  try {
    const baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const tokens = {
      evaluator: await t.agentToken('mlflow-agent', ['write', 'evaluate']),
      writer: await t.agentToken('mlflow-writer', ['write']),
    };
    const pytest = join(venvBin(venv), 'pytest');
    return await run(
      pytest,
      ['-q', '-p', 'no:cacheprovider', 'test_mlflow_client.py'],
      clientEnv(baseUrl, tokens),
    );
  } finally {
    await t.close();
  }
}

for (const store of testStores()) {
  describe(`MLflow's own client against the MLflow face on ${store.name}`, () => {
    for (const client of CLIENTS) {
      const skip = pythonUnavailable(client.venv);
      it(`passes every test of test_mlflow_client.py with MLflow ${client.version}'s client`, {
        skip,
      }, async () => {
        const { code, output } = await runSuite(store, client.venv);
        console.log(`MLflow ${client.version}: ${output.trim().split('\n').at(-1)}`);
        assert.equal(code, 0, output);
      });
    }
  });
}
