/**
 * Helpers for the retraction suites: the retract and reinstate requests, and a fingerprint of what
 * a retraction can change — scores, flags, review flags and reasons, retractions, row counts — so a
 * refusal or a dry run can be checked to have changed nothing, updates included.
 */
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { queryRows } from '../../src/db/database.ts';
import { ADMIN_TOKEN, type TestApp } from './app.ts';
import { expectError } from './factories.ts';
import { countAllRows } from './row-counts.ts';

/** Sends `POST /api/artifacts/{id}/retract`. */
export function sendRetract(t: TestApp, artifactId: string, body: object, token = ADMIN_TOKEN) {
  return t.request('POST', `/api/artifacts/${encodeURIComponent(artifactId)}/retract`, { token, body });
}

/** Sends `POST /api/artifacts/{id}/reinstate`. */
export function sendReinstate(t: TestApp, artifactId: string, body: object, token = ADMIN_TOKEN) {
  return t.request('POST', `/api/artifacts/${encodeURIComponent(artifactId)}/reinstate`, { token, body });
}

/** Retracts; asserts the 200 and returns the answer. */
export async function retract(t: TestApp, artifactId: string, body: object, token = ADMIN_TOKEN) {
  const response = await sendRetract(t, artifactId, body, token);
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
}

/** Reinstates; asserts the 200 and returns the answer. */
export async function reinstate(t: TestApp, artifactId: string, body: object, token = ADMIN_TOKEN) {
  const response = await sendReinstate(t, artifactId, body, token);
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
}

/**
 * What a retraction can change, as comparable text: every model's score and stored verdict, every
 * edge's review flag, reason, status, confidence and update time, every retraction row, and the
 * row count of every table.
 */
export async function retractionFingerprint(t: TestApp) {
  const [row] = await queryRows<{ models: string; edges: string; retractions: string }>(
    t.store.db,
    sql`select
          (select md5(coalesce(string_agg(concat_ws('|', id, quality_score, provenance_complete,
                   provenance_missing::text, provenance_retracted::text), ',' order by id), '')) from models) as models,
          (select md5(coalesce(string_agg(concat_ws('|', id, review_flag, review_reason, status, confidence,
                   updated_at), ',' order by id), '')) from kg_edges) as edges,
          (select md5(coalesce(string_agg(concat_ws('|', id, artifact_id, version_number, reinstated_at),
                   ',' order by id), '')) from retractions) as retractions`,
  );
  return { ...row, rows: await countAllRows(t.store.db) };
}

/** Sends a request and expects the error `status`/`code` with nothing changed, updates included. */
export async function expectRetractionRefused(
  t: TestApp,
  send: () => Promise<LightMyRequestResponse>,
  status: number,
  code: string,
) {
  const before = await retractionFingerprint(t);
  const error = expectError(await send(), status, code);
  assert.deepEqual(await retractionFingerprint(t), before, `a ${status} ${code} changed something`);
  return error;
}
