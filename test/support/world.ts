/**
 * Small worlds for job tests, built through the HTTP API: a lineage whose versions run a given
 * model process, promoted, with edges attributed to a version.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { ADMIN_TOKEN, type TestApp } from './app.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/inference/', import.meta.url)).replace(/\/$/, '');

/**
 * A `process` runtime running a fixture script from `test/fixtures/inference/`; its `cwd` is that
 * folder, which is how the sandbox comes to show the script.
 */
export function fixtureRuntime(script: string) {
  return { kind: 'process', command: [process.execPath, `${FIXTURES}/${script}`], cwd: FIXTURES };
}

/**
 * Registers versions of a lineage (each with its runtime, or none) and returns their ids, oldest
 * first; `token` registers them (the admin token unless given).
 */
export async function registerLineage(
  t: TestApp,
  modelName: string,
  runtimes: (object | null)[],
  token = ADMIN_TOKEN,
): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, runtime] of runtimes.entries()) {
    const response = await t.request('POST', '/api/models', {
      token,
      body: {
        model_name: modelName,
        title: `${modelName} v${index + 1}`,
        model_family: 'statistical',
        trained_on: [],
        runtime,
      },
    });
    assert.equal(response.statusCode, 201, response.body);
    ids.push(response.json().id);
  }
  return ids;
}

/** Promotes a version and returns the event. */
export async function promote(t: TestApp, id: string) {
  const response = await t.request('POST', `/api/models/${id}/promote`, { token: ADMIN_TOKEN, body: {} });
  assert.equal(response.statusCode, 200, response.body);
  return response.json().event;
}

/** Inserts edges through the API. */
export async function insertEdges(t: TestApp, edges: object[]) {
  const response = await t.request('POST', '/api/kg/edges', { token: ADMIN_TOKEN, body: edges });
  assert.equal(response.statusCode, 201, response.body);
  return response.json();
}

/** An edge attributed to `source` (version `version`) with old confidence and the child's answer as inputs. */
export function attributedEdge(
  id: string,
  source: string,
  version: number,
  confidence: number,
  answer: number | null,
) {
  return {
    id,
    subject: `GENE:${id}`,
    predicate: 'biolink:regulates',
    object: 'MONDO:0004975',
    confidence,
    origin: 'model',
    source_artifact_id: source,
    source_version: version,
    ...(answer === null ? {} : { inputs: { confidence: answer } }),
  };
}
