/**
 * Rescore scenarios for runner tests: a lineage whose new version runs a given runtime, edges
 * attributed to the old version, both promoted, and one pass over HTTP; plus the checks of a
 * failed batch (edges untouched, no event, the reason in the tool-call record).
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/database.ts';
import { ADMIN_TOKEN, type TestApp } from '../support/app.ts';
import { uniqueId } from '../support/factories.ts';
import { attributedEdge, insertEdges, promote, registerLineage } from '../support/world.ts';

/** The rescore window of these apps, in hours. */
export const WINDOW_HOURS = 0.0005; // 1.8 s: a pass blocks the next one only briefly
const WINDOW_MS = WINDOW_HOURS * 3_600_000;

/** One pass over one promotion, and what it said. */
export interface Scenario {
  t: TestApp;
  parent: string;
  child: string;
  edgeIds: string[];
  summary: {
    outcome: string;
    parent_id: string;
    child_id: string;
    edges_processed: number;
    histogram: Record<string, number>;
    reason?: string;
    sandbox?: string;
  };
}

/**
 * Runs rescore passes on `t`, one per scenario, waiting out the pass window in between; the
 * lineages are registered with `registrant()` (the admin token unless given).
 */
export function scenarioRunner(getApp: () => TestApp, registrant: () => string = () => ADMIN_TOKEN) {
  let lastPassAt = 0;
  /** Registers a lineage whose v2 has `runtime`, attributes edges to v1, promotes both, runs one pass. */
  return async (runtime: object, edges: { confidence: number; inputs: unknown }[]): Promise<Scenario> => {
    const t = getApp();
    await sleep(Math.max(0, lastPassAt + WINDOW_MS + 200 - Date.now()));
    const [parent, child] = await registerLineage(t, uniqueId('lineage'), [null, runtime], registrant());
    const prefix = uniqueId('e');
    const edgeIds = edges.map((_, index) => `${prefix}-${index}`);
    await insertEdges(
      t,
      edges.map((edge, index) => ({
        ...attributedEdge(edgeIds[index], parent, 1, edge.confidence, null),
        inputs: edge.inputs,
      })),
    );
    await promote(t, parent);
    await promote(t, child);
    const response = await t.request('POST', '/api/jobs/rescore', {
      token: ADMIN_TOKEN,
      body: { since_hours: 1 },
    });
    lastPassAt = Date.now();
    assert.equal(response.statusCode, 200, response.body);
    const summary = response.json();
    assert.equal(summary.parent_id, parent, 'the pass took this scenario’s promotion');
    assert.equal(summary.child_id, child);
    return { t, parent, child, edgeIds, summary };
  };
}

/** The tool-call record of the pass that re-scored with `child`. */
export async function toolCallOf(t: TestApp, child: string) {
  const [row] = await queryRows<{
    error: string | null;
    input: object;
    output: { histogram: Record<string, number> };
  }>(
    t.store.db,
    sql`select error, input, output from tool_calls where tool = 'model_rescore' and input->>'child_id' = ${child}
         order by id desc limit 1`,
  );
  assert.ok(row, `a tool-call row names ${child}`);
  return row;
}

/** How many `model_rescore` events target an edge. */
export async function countRescoreEvents(t: TestApp, edgeId: string): Promise<number> {
  return (await t.request('GET', `/api/events?type=model_rescore&target=${edgeId}`)).json().total;
}

/** Asserts a batch failure: every edge failed, kept as it was, and the reason is in the tool-call record. */
export async function expectBatchFailed(scenario: Scenario, confidences: number[], reason: RegExp) {
  const { t, parent, child, edgeIds, summary } = scenario;
  assert.equal(summary.outcome, 'ok', 'a failed batch does not fail the pass');
  assert.deepEqual(summary.histogram, {
    large_decrease: 0,
    decrease: 0,
    stable: 0,
    increase: 0,
    skipped_no_inputs: 0,
    failed: edgeIds.length,
  });
  assert.equal(summary.edges_processed, edgeIds.length);
  for (const [index, id] of edgeIds.entries()) {
    const edge = (await t.request('GET', `/api/kg/edges/${id}`)).json();
    assert.equal(edge.confidence, confidences[index], `${id} keeps its confidence`);
    assert.equal(edge.source_artifact_id, parent, `${id} stays attributed to the parent`);
    assert.equal(edge.source_version, 1);
    assert.equal(edge.review_flag, false);
    assert.equal(edge.history.length, 1, 'no history row is added');
    assert.equal(await countRescoreEvents(t, id), 0, 'no model_rescore event is written');
  }
  const call = await toolCallOf(t, child);
  assert.match(call.error ?? '', reason);
  assert.equal(call.output.histogram.failed, edgeIds.length);
  assert.deepEqual(call.input, { parent_id: parent, child_id: child });
}
