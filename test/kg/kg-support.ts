/**
 * Helpers for the knowledge-graph suites: a valid edge with one line of overrides, row counts of
 * the tables an edge write touches, and the assertion that a request wrote none of them.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { queryRows } from '../../src/db/database.ts';
import { ADMIN_TOKEN, type TestApp } from '../support/app.ts';
import { uniqueId } from '../support/factories.ts';

/** A valid `POST /api/kg/edges` item (a curated edge with a fresh id and subject), plus `overrides`. */
export function buildEdge(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: uniqueId('edge'),
    subject: `GENE:${randomUUID()}`,
    predicate: 'biolink:regulates',
    object: 'MONDO:0004975',
    confidence: 0.5,
    origin: 'curated',
    ...overrides,
  };
}

/** Sends `POST /api/kg/edges`. */
export function postEdges(t: TestApp, body: unknown, token = ADMIN_TOKEN) {
  return t.request('POST', '/api/kg/edges', { token, body });
}

/** Inserts edges as the admin; asserts the 201 and returns `{inserted, unchanged, ids}`. */
export async function insertEdges(t: TestApp, edges: object[]) {
  const response = await postEdges(t, edges);
  assert.equal(response.statusCode, 201, response.body);
  return response.json() as { inserted: number; unchanged: number; ids: string[] };
}

/** Fetches one edge with its history; asserts the 200. */
export async function getEdge(t: TestApp, id: string) {
  const response = await t.request('GET', `/api/kg/edges/${encodeURIComponent(id)}`);
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
}

/** Row counts of the tables an edge write or review can touch. */
export async function countKgRows(t: TestApp) {
  const [row] = await queryRows<{ edges: number; history: number; events: number }>(
    t.store.db,
    sql`select (select count(*)::int from kg_edges) as edges,
               (select count(*)::int from edge_history) as history,
               (select count(*)::int from events) as events`,
  );
  return row;
}

/** Runs `send` and asserts no edge, history row or event was added (no partial writes). */
export async function expectNoKgWrites(
  t: TestApp,
  send: () => Promise<LightMyRequestResponse>,
): Promise<LightMyRequestResponse> {
  const before = await countKgRows(t);
  const response = await send();
  assert.deepEqual(await countKgRows(t), before, `a ${response.statusCode} response left rows behind`);
  return response;
}

/** Sets an edge's review flag directly, with its reason, as a rescore with a large decrease would. */
export async function flagEdge(t: TestApp, id: string): Promise<void> {
  await t.store.db.execute(
    sql`update kg_edges set review_flag = true, review_reason = 'large_decrease' where id = ${id}`,
  );
}
