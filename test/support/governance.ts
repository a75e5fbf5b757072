/**
 * Governed promotion through the HTTP API, as the suites use it: set a lineage's policy, open a
 * promotion request, decide it, read it back — each asserting the success status it expects.
 */
import assert from 'node:assert/strict';
import { ADMIN_TOKEN, type TestApp } from './app.ts';

/** A promotion request as the API sends it. */
export interface RequestJson {
  id: number;
  model_id: string;
  model_name: string;
  status: string;
  requested_by: string;
  note: string | null;
  created_at: string;
  decided_at: string | null;
  required_approvals: number;
  approvals: { agent_id: string; comment: string | null; at: string }[];
  rejections: { agent_id: string; comment: string | null; at: string }[];
  checks: { name: string; passed: boolean; detail: string }[];
}

/** Sets a lineage's policy as admin; asserts the 200 and returns the policy. */
export async function setPolicy(t: TestApp, modelName: string, policy: object) {
  const response = await t.request('PUT', `/api/lineages/${modelName}/policy`, {
    token: ADMIN_TOKEN,
    body: policy,
  });
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
}

/** Opens a promotion request for a version; asserts the 201 and returns the request. */
export async function openRequest(t: TestApp, versionId: string, token: string, body: object = {}) {
  const response = await t.request('POST', `/api/models/${versionId}/promotion-requests`, { token, body });
  assert.equal(response.statusCode, 201, response.body);
  return response.json() as RequestJson;
}

/** Sends an approve, reject or withdraw of a request. */
export function decide(
  t: TestApp,
  requestId: number,
  action: 'approve' | 'reject' | 'withdraw',
  token: string,
  body: object = {},
) {
  return t.request('POST', `/api/promotion-requests/${requestId}/${action}`, { token, body });
}

/** Decides a request; asserts the 200 and returns the request afterwards. */
export async function decideOk(
  t: TestApp,
  requestId: number,
  action: 'approve' | 'reject' | 'withdraw',
  token: string,
  body: object = {},
) {
  const response = await decide(t, requestId, action, token, body);
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as RequestJson;
}

/** A request as `GET /api/promotion-requests/{id}` answers it; asserts the 200. */
export async function readRequest(t: TestApp, requestId: number) {
  const response = await t.request('GET', `/api/promotion-requests/${requestId}`);
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as RequestJson;
}

/** The status of every version of a lineage, by id. */
export async function statusesOf(t: TestApp, modelName: string): Promise<Record<string, string>> {
  const response = await t.request('GET', `/api/lineages/${modelName}`);
  assert.equal(response.statusCode, 200, response.body);
  const versions: { id: string; status: string }[] = response.json().versions;
  return Object.fromEntries(versions.map((version) => [version.id, version.status]));
}

/** The checks of a request by name: whether each passed. */
export function checksByName(request: RequestJson): Record<string, boolean> {
  return Object.fromEntries(request.checks.map((check) => [check.name, check.passed]));
}
