/**
 * The official MLflow client is the test of the MLflow face: for each store, the real app
 * listens on a loopback port and `test_mlflow_client.py` drives it with `MlflowClient` and
 * `mlflow.register_model` (mlflow-skinny, pinned in requirements/python-dev.txt), checking what
 * happened through the native API. The suite fails when pytest or ruff does, printing their output.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { pythonUnavailable, venvBin } from '../support/python.ts';
import { testStores } from '../support/stores.ts';

const HERE = import.meta.dirname;

/** Runs a program to its end; resolves with its exit code and everything it printed. */
function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: HERE, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** The environment of the client: the server, its tokens, no retries, no telemetry, no workspace. */
function clientEnv(baseUrl: string, tokens: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('MLFLOW_')),
  );
  return {
    ...inherited,
    MODELGRAPH_URL: baseUrl,
    MLFLOW_TRACKING_URI: baseUrl,
    MLFLOW_TRACKING_TOKEN: tokens.evaluator,
    MODELGRAPH_ADMIN_TOKEN: ADMIN_TOKEN,
    MODELGRAPH_WRITER_TOKEN: tokens.writer,
    MLFLOW_HTTP_REQUEST_MAX_RETRIES: '0',
    MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR: '0',
    MLFLOW_HTTP_REQUEST_BACKOFF_JITTER: '0',
    MLFLOW_HTTP_REQUEST_TIMEOUT: '20',
    MLFLOW_DISABLE_TELEMETRY: 'true',
    DO_NOT_TRACK: 'true',
    PYTHONDONTWRITEBYTECODE: '1',
  };
}

const unavailable = pythonUnavailable('dev');

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

for (const store of testStores()) {
  describe(`MLflow's own client against the MLflow face on ${store.name}`, { skip: unavailable }, () => {
    let t: TestApp;
    let baseUrl: string;
    const tokens: Record<string, string> = {};
    before(async () => {
      t = await startTestApp(store);
      baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
      tokens.evaluator = await t.agentToken('mlflow-agent', ['write', 'evaluate']);
      tokens.writer = await t.agentToken('mlflow-writer', ['write']);
    });
    after(() => t.close());

    it('passes every test of test_mlflow_client.py', async () => {
      const pytest = join(venvBin('dev'), 'pytest');
      const { code, output } = await run(
        pytest,
        ['-q', '-p', 'no:cacheprovider', 'test_mlflow_client.py'],
        clientEnv(baseUrl, tokens),
      );
      console.log(output.trim().split('\n').at(-1));
      assert.equal(code, 0, output);
    });
  });
}
