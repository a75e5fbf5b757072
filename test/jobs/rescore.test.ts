import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/database.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { countTableRows } from '../support/row-counts.ts';
import { testStores } from '../support/stores.ts';
import { attributedEdge, fixtureRuntime, insertEdges, promote, registerLineage } from '../support/world.ts';

const WINDOW_HOURS = 0.0005; // 1.8 s, so "after the window" is a short wait
const WINDOW_MS = WINDOW_HOURS * 3_600_000;

for (const store of testStores()) {
  describe(`rescore cycle on ${store.name}`, () => {
    let t: TestApp;
    let logPath: string;
    const pass = async (body: object = {}) => {
      const response = await t.request('POST', '/api/jobs/rescore', { token: ADMIN_TOKEN, body });
      assert.equal(response.statusCode, 200, response.body);
      return response.json();
    };
    const count = async (table: string) => (await countTableRows(t.store.db, [table]))[table];
    const edge = async (id: string) => (await t.request('GET', `/api/kg/edges/${id}`)).json();

    before(async () => {
      logPath = join(mkdtempSync(join(tmpdir(), 'mg-rescore-')), 'model_rescore.log');
      t = await startTestApp(store, {
        MODELGRAPH_RESCORE_WINDOW_HOURS: String(WINDOW_HOURS),
        MODELGRAPH_RESCORE_MAX_EDGES: '3',
        MODELGRAPH_RESCORE_LOG: logPath,
      });
    });
    after(() => t.close());

    it('re-scores a promotion over two passes, flags only large decreases, and queues the next promotion', async () => {
      const [a1, a2] = await registerLineage(t, 'lineage-a', [null, fixtureRuntime('echo-model.mjs')]);
      const [b1, b2] = await registerLineage(t, 'lineage-b', [null, fixtureRuntime('echo-model.mjs')]);
      await insertEdges(t, [
        attributedEdge('a-1', a1, 1, 0.9, 0.5), // −0.40 large_decrease
        attributedEdge('a-2', a1, 1, 0.6, 0.5), // −0.10 decrease
        attributedEdge('a-3', a1, 1, 0.5, 0.52), // +0.02 stable
        attributedEdge('a-4', a1, 1, 0.3, 0.6), // +0.30 increase
        attributedEdge('a-5', a1, 1, 0.7, null), // no inputs
        attributedEdge('b-1', b1, 1, 0.4, 0.41),
      ]);
      for (const id of [a1, a2, b1, b2]) await promote(t, id);

      const dry = await pass({ dry_run: true });
      assert.equal(dry.outcome, 'dry_run');
      assert.deepEqual(dry.histogram, {
        large_decrease: 1,
        decrease: 1,
        stable: 1,
        increase: 0,
        skipped_no_inputs: 0,
        failed: 0,
      });
      assert.equal(await count('rescore_passes'), 0, 'a dry run writes nothing');
      assert.equal(
        await count('rescore_queue'),
        2,
        'each promotion with a parent is queued by its promote transaction',
      );
      assert.equal((await edge('a-1')).source_artifact_id, a1);

      const first = await pass();
      assert.equal(first.outcome, 'ok');
      assert.equal(first.parent_id, a1);
      assert.equal(first.child_id, a2);
      assert.equal(first.edges_processed, 3);
      assert.deepEqual(first.histogram, {
        large_decrease: 1,
        decrease: 1,
        stable: 1,
        increase: 0,
        skipped_no_inputs: 0,
        failed: 0,
      });
      assert.equal(first.queued_edges, 2);
      assert.equal(first.queued_promotions, 2, 'lineage b waits behind lineage a');

      const second = await pass();
      assert.equal(second.outcome, 'noop');
      assert.match(second.reason, /another pass started/);
      assert.equal(second.edges_processed, 0);

      await sleep(WINDOW_MS + 200);
      const third = await pass();
      assert.equal(third.outcome, 'ok');
      assert.equal(third.parent_id, a1);
      assert.deepEqual(third.histogram, {
        large_decrease: 0,
        decrease: 0,
        stable: 0,
        increase: 1,
        skipped_no_inputs: 1,
        failed: 0,
      });
      assert.equal(third.queued_edges, 0);
      assert.equal(third.queued_promotions, 1);

      await sleep(WINDOW_MS + 200);
      const fourth = await pass();
      assert.equal(fourth.parent_id, b1);
      assert.deepEqual(fourth.histogram, {
        large_decrease: 0,
        decrease: 0,
        stable: 1,
        increase: 0,
        skipped_no_inputs: 0,
        failed: 0,
      });
      assert.equal(fourth.queued_promotions, 0);

      const rescored = await edge('a-1');
      assert.equal(rescored.confidence, 0.5);
      assert.equal(rescored.source_artifact_id, a2);
      assert.equal(rescored.source_version, 2);
      assert.equal(rescored.review_flag, true);
      assert.equal(rescored.review_reason, 'large_decrease');
      assert.deepEqual(
        rescored.history.map((h: { confidence: number; source_artifact_id: string }) => [
          h.confidence,
          h.source_artifact_id,
        ]),
        [
          [0.9, a1],
          [0.5, a2],
        ],
      );
      const event = (await t.request('GET', `/api/events?type=model_rescore&target=a-1`)).json().events[0];
      assert.deepEqual(event.detection_metadata, {
        old_confidence: 0.9,
        new_confidence: 0.5,
        delta: -0.4,
        bucket: 'large_decrease',
        parent_id: a1,
        child_id: a2,
      });
      assert.equal(rescored.history[1].event_id, event.id);
      for (const id of ['a-2', 'a-3', 'a-4']) {
        assert.equal((await edge(id)).review_flag, false, `${id} is not flagged`);
        assert.equal((await edge(id)).review_reason, null, `${id} has no review reason`);
      }
      const untouched = await edge('a-5');
      assert.equal(untouched.confidence, 0.7);
      assert.equal(untouched.source_artifact_id, a1);

      const review = (await t.request('GET', '/api/kg/review')).json();
      assert.deepEqual(
        review.edges.map((e: { id: string }) => e.id),
        ['a-1'],
      );
      assert.equal(await count('kg_edges'), 6, 'no edge is deleted');
      assert.equal((await t.request('GET', '/api/events?type=model_rescore')).json().total, 5);

      const lines = readFileSync(logPath, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      assert.deepEqual(
        lines.map((line) => line.outcome),
        ['dry_run', 'ok', 'noop', 'ok', 'ok'],
      );
      for (const line of lines) {
        for (const field of [
          'at',
          'parent_id',
          'child_id',
          'edges_processed',
          'histogram',
          'queued_edges',
          'queued_promotions',
          'duration_ms',
          'outcome',
        ]) {
          assert.ok(field in line, `log line has ${field}`);
        }
      }
      const calls = await queryRows<{ tool: string; output: { outcome: string } }>(
        t.store.db,
        sql`select tool, output from tool_calls order by id`,
      );
      assert.deepEqual(
        calls.map((call) => [call.tool, call.output.outcome]),
        [
          ['model_rescore', 'ok'],
          ['model_rescore', 'noop'],
          ['model_rescore', 'ok'],
          ['model_rescore', 'ok'],
        ],
      );
    });

    it('fails a pass whose child has no runtime and leaves the queue as it was', async () => {
      await sleep(WINDOW_MS + 200);
      const [c1, c2] = await registerLineage(t, 'lineage-c', [null, null]);
      await insertEdges(t, [attributedEdge('c-1', c1, 1, 0.5, 0.9)]);
      await promote(t, c1);
      await promote(t, c2);
      const failed = await pass();
      assert.equal(failed.outcome, 'failed');
      assert.match(failed.reason, /no runtime/);
      assert.equal(failed.queued_promotions, 1);
      assert.equal((await edge('c-1')).confidence, 0.5);
      const [queued] = await queryRows<{ status: string }>(
        t.store.db,
        sql`select status from rescore_queue where child_id = ${c2}`,
      );
      assert.equal(queued.status, 'queued');
      await t.store.db.execute(
        sql`update models set runtime = ${JSON.stringify(fixtureRuntime('echo-model.mjs'))}::jsonb where id = ${c2}`,
      );
      const retried = await pass();
      assert.equal(retried.outcome, 'ok', 'a failed pass does not hold the 24-hour slot');
      assert.equal((await edge('c-1')).confidence, 0.9);
    });

    it('finishes queued promotions with nothing to re-score at no cost and works on the first that has edges', async () => {
      await sleep(WINDOW_MS + 200);
      const [e1, e2] = await registerLineage(t, 'lineage-e', [null, fixtureRuntime('echo-model.mjs')]);
      const [f1, f2] = await registerLineage(t, 'lineage-f', [null, fixtureRuntime('echo-model.mjs')]);
      await insertEdges(t, [attributedEdge('f-1', f1, 1, 0.5, 0.8)]);
      for (const id of [e1, e2, f1, f2]) await promote(t, id);
      const worked = await pass();
      assert.equal(worked.outcome, 'ok');
      assert.deepEqual([worked.parent_id, worked.child_id], [f1, f2]);
      assert.equal((await edge('f-1')).confidence, 0.8);
      const statuses = await queryRows<{ child_id: string; status: string }>(
        t.store.db,
        sql`select child_id, status from rescore_queue where child_id in (${e2}, ${f2}) order by child_id`,
      );
      assert.deepEqual(
        statuses.map((row) => [row.child_id, row.status]),
        [
          [e2, 'done'],
          [f2, 'done'],
        ],
      );
    });

    it('counts a crashing child as failed, keeps the edges, and does not retry them', async () => {
      await sleep(WINDOW_MS + 200);
      const [d1, d2] = await registerLineage(t, 'lineage-d', [null, fixtureRuntime('crash.mjs')]);
      await insertEdges(t, [attributedEdge('d-1', d1, 1, 0.5, 0.9), attributedEdge('d-2', d1, 1, 0.6, 0.1)]);
      await promote(t, d1);
      await promote(t, d2);
      const crashed = await pass();
      assert.equal(crashed.outcome, 'ok');
      assert.equal(crashed.histogram.failed, 2);
      assert.equal(crashed.queued_edges, 0);
      const [call] = await queryRows<{ error: string }>(
        t.store.db,
        sql`select error from tool_calls order by id desc limit 1`,
      );
      assert.match(call.error, /weights\.pt not found/, 'stderr is kept in the tool-call record');
      const kept = await edge('d-1');
      assert.equal(kept.confidence, 0.5);
      assert.equal(kept.source_artifact_id, d1);
      await sleep(WINDOW_MS + 200);
      const next = await pass();
      assert.equal(next.outcome, 'noop', 'the failed edges are not retried');
    });
  });
}
