/**
 * Factories for the HTTP suites: valid request bodies with one line of overrides, helpers that
 * create datasets, analyses, hypotheses and model versions through the API and return what the
 * test needs, and the shared assertions of the error format and of "nothing was written".
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { ADMIN_TOKEN, type TestApp } from './app.ts';
import { countAllRows, countTableRows } from './row-counts.ts';

/** A fresh id with a readable prefix, unique across the tests sharing one database. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** The artifact types `POST /api/artifacts` accepts. */
export type ArtifactType = 'dataset' | 'analysis' | 'hypothesis' | 'benchmark';

/** Creates an artifact (version 1 included) and returns its id; asserts the 201. */
export async function createArtifact(
  t: TestApp,
  type: ArtifactType,
  overrides: Record<string, unknown> = {},
  token = ADMIN_TOKEN,
): Promise<string> {
  const id = uniqueId(type);
  const body = { id, type, title: `${type} ${id}`, ...overrides };
  const response = await t.request('POST', '/api/artifacts', { token, body });
  assert.equal(response.statusCode, 201, response.body);
  return response.json().id;
}

/** Creates a dataset and returns its id. */
export const createDataset = (t: TestApp, overrides: Record<string, unknown> = {}) =>
  createArtifact(t, 'dataset', overrides);

/** Creates a hypothesis and returns its id. */
export const createHypothesis = (t: TestApp, overrides: Record<string, unknown> = {}) =>
  createArtifact(t, 'hypothesis', overrides);

/** Adds the next version of an artifact and returns its number. */
export async function addVersion(
  t: TestApp,
  artifactId: string,
  body: Record<string, unknown> = {},
): Promise<number> {
  const response = await t.request('POST', `/api/artifacts/${artifactId}/versions`, {
    token: ADMIN_TOKEN,
    body,
  });
  assert.equal(response.statusCode, 201, response.body);
  return response.json().version_number;
}

/** Creates a link through the API; asserts the 201 and returns the link. */
export async function createLink(
  t: TestApp,
  body: { source_id: string; target_id: string; link_type: string; target_version?: number | null },
) {
  const response = await t.request('POST', '/api/links', { token: ADMIN_TOKEN, body });
  assert.equal(response.statusCode, 201, response.body);
  return response.json();
}

/** Creates an analysis whose `input` links point at `inputs` (pinned when a version is given). */
export async function createAnalysis(
  t: TestApp,
  inputs: { artifact_id: string; version?: number }[] = [],
): Promise<string> {
  const id = await createArtifact(t, 'analysis');
  for (const input of inputs) {
    await createLink(t, {
      source_id: id,
      target_id: input.artifact_id,
      link_type: 'input',
      target_version: input.version,
    });
  }
  return id;
}

/** The ids of a complete provenance: a dataset, an analysis with a pinned input, a hypothesis. */
export interface ProvenanceWorld {
  datasetId: string;
  analysisId: string;
  analysisInputId: string;
  hypothesisId: string;
}

/** Creates everything a model version needs for complete provenance. */
export async function createProvenanceWorld(t: TestApp): Promise<ProvenanceWorld> {
  const datasetId = await createDataset(t);
  const analysisInputId = await createDataset(t);
  const analysisId = await createAnalysis(t, [{ artifact_id: analysisInputId, version: 1 }]);
  const hypothesisId = await createHypothesis(t);
  return { datasetId, analysisId, analysisInputId, hypothesisId };
}

/** A valid `POST /api/models` body for a new lineage with no links, plus `overrides`. */
export function buildModelBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const modelName = uniqueId('model');
  return {
    model_name: modelName,
    title: `Model ${modelName}`,
    model_family: 'biophysical',
    trained_on: [],
    ...overrides,
  };
}

/** A `POST /api/models` body whose provenance is complete in `world`, plus `overrides`. */
export function buildCompleteModelBody(world: ProvenanceWorld, overrides: Record<string, unknown> = {}) {
  return buildModelBody({
    trained_on: [{ dataset_id: world.datasetId, version: 1 }],
    produced_by: { analysis_id: world.analysisId },
    tests_hypothesis: { hypothesis_id: world.hypothesisId },
    raw_quality_score: 0.9,
    ...overrides,
  });
}

/** Registers a model version; asserts the 201 and returns the detail. */
export async function registerModel(t: TestApp, body: Record<string, unknown>, token = ADMIN_TOKEN) {
  const response = await t.request('POST', '/api/models', { token, body });
  assert.equal(response.statusCode, 201, response.body);
  return response.json();
}

/** Fetches a model version's detail; asserts the 200. */
export async function getModel(t: TestApp, id: string) {
  const response = await t.request('GET', `/api/models/${encodeURIComponent(id)}`);
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
}

/** Promotes a model version as the admin; asserts the 200 and returns `{model, event}`. */
export async function promote(t: TestApp, id: string, token = ADMIN_TOKEN) {
  const response = await t.request('POST', `/api/models/${id}/promote`, { token, body: {} });
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
}

/** The `model_version_promoted` events of a model detail, newest first (payouts also target a version). */
export function promotionEvents<T extends { event_type: string }>(detail: { events: T[] }): T[] {
  return detail.events.filter((event) => event.event_type === 'model_version_promoted');
}

/** Asserts the API's error format with this status and code; returns the `error` object. */
export function expectError(response: LightMyRequestResponse, status: number, code: string) {
  assert.equal(response.statusCode, status, response.body);
  const body = response.json();
  assert.equal(body.error.code, code, response.body);
  assert.equal(typeof body.error.message, 'string');
  assert.ok(body.error.message.length > 0);
  return body.error as { code: string; message: string; details?: unknown };
}

/** Sends a raw, unparsed JSON body (for malformed-JSON cases). */
export function sendRaw(
  t: TestApp,
  method: 'POST' | 'PATCH',
  url: string,
  payload: string,
  token = ADMIN_TOKEN,
) {
  return t.app.inject({
    method,
    url,
    payload,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });
}

/** The tables whose row counts show whether a request wrote anything. */
export const WRITE_TABLES = [
  'agents',
  'tokens',
  'artifacts',
  'artifact_versions',
  'links',
  'models',
  'events',
] as const;

/** Row counts of every table a registry write can touch. */
export function countRows(t: TestApp): Promise<Record<string, number>> {
  return countTableRows(t.store.db, WRITE_TABLES);
}

/** Runs `send` and asserts no table changed its row count (no partial writes). */
export async function expectNoWrites(
  t: TestApp,
  send: () => Promise<LightMyRequestResponse>,
): Promise<LightMyRequestResponse> {
  const before = await countRows(t);
  const response = await send();
  assert.deepEqual(await countRows(t), before, `a ${response.statusCode} response left rows behind`);
  return response;
}

/** `total` of the all-versions list filtered by `q` (how many model versions match a name). */
export async function countModelsMatching(t: TestApp, q: string): Promise<number> {
  const response = await t.request('GET', `/api/models?all_versions=true&q=${encodeURIComponent(q)}`);
  assert.equal(response.statusCode, 200, response.body);
  return response.json().total;
}

/** Sends a request and expects the error `status`/`code` with every table of the schema unchanged. */
export async function expectRefusal(
  t: TestApp,
  send: () => Promise<LightMyRequestResponse>,
  status: number,
  code: string,
): Promise<{ code: string; message: string; details?: unknown }> {
  const before = await countAllRows(t.store.db);
  const error = expectError(await send(), status, code);
  assert.deepEqual(await countAllRows(t.store.db), before, `a ${status} ${code} wrote rows`);
  return error;
}
