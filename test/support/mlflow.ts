/**
 * Requests to the MLflow face as MLflow's client sends them (GET parameters in the query string,
 * every other method's in a JSON body) and the assertions of its error format, including "nothing
 * was written" over every table of the schema.
 */
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from './app.ts';
import { countAllRows } from './row-counts.ts';

/**
 * The environment of a process running MLflow's Python client: this one's, less any `MLFLOW_*`
 * setting, with no retries, no telemetry and no bytecode files, plus `vars`.
 */
export function mlflowClientEnv(vars: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('MLFLOW_')),
  );
  return {
    ...inherited,
    MLFLOW_HTTP_REQUEST_MAX_RETRIES: '0',
    MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR: '0',
    MLFLOW_HTTP_REQUEST_BACKOFF_JITTER: '0',
    MLFLOW_HTTP_REQUEST_TIMEOUT: '60',
    MLFLOW_DISABLE_TELEMETRY: 'true',
    DO_NOT_TRACK: 'true',
    PYTHONDONTWRITEBYTECODE: '1',
    ...vars,
  };
}

/** Calls `/api/2.0/mlflow/<path>` with `params` in the query (GET) or as the JSON body. */
export function mlflow(
  t: TestApp,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  params: Record<string, unknown> = {},
  token?: string,
): Promise<LightMyRequestResponse> {
  const url = `/api/2.0/mlflow/${path}`;
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (method === 'GET') {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
      for (const item of Array.isArray(value) ? value : [value]) query.append(key, String(item));
    }
    return t.app.inject({ method, url: `${url}?${query}`, headers });
  }
  return t.app.inject({
    method,
    url,
    payload: JSON.stringify(params),
    headers: { ...headers, 'content-type': 'application/json' },
  });
}

/** Asserts a 200 with a JSON object and returns it. */
export function expectOk(response: LightMyRequestResponse) {
  assert.equal(response.statusCode, 200, response.body);
  const body = response.json();
  assert.equal(typeof body, 'object');
  return body;
}

/** Asserts MLflow's error format with this status and `error_code`; returns the message. */
export function expectMlflowError(response: LightMyRequestResponse, status: number, code: string): string {
  assert.equal(response.statusCode, status, response.body);
  const body = response.json();
  assert.equal(body.error_code, code, response.body);
  assert.equal(typeof body.message, 'string');
  assert.ok(body.message.length > 0);
  return body.message;
}

/** Sends a request and expects MLflow's error `status`/`code` with every table unchanged; returns the message. */
export async function expectMlflowRefusal(
  t: TestApp,
  send: () => Promise<LightMyRequestResponse>,
  status: number,
  code: string,
): Promise<string> {
  const before = await countAllRows(t.store.db);
  const message = expectMlflowError(await send(), status, code);
  assert.deepEqual(await countAllRows(t.store.db), before, `a ${status} ${code} wrote rows`);
  return message;
}
