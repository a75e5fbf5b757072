import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/database.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { expectError, sendRaw, uniqueId } from '../support/factories.ts';
import { countAllRows } from '../support/row-counts.ts';
import { testStores } from '../support/stores.ts';
import { attributedEdge, fixtureRuntime, insertEdges, promote, registerLineage } from '../support/world.ts';

interface Preview {
  child_id: string;
  parent_id: string;
  edges_total: number;
  edges_considered: number;
  histogram: Record<string, number>;
  would_flag: { count: number; edge_ids: string[] };
  largest_changes: {
    edge_id: string;
    old_confidence: number;
    new_confidence: number;
    delta: number;
    bucket: string;
  }[];
  payout_preview: { pool_micro: number; payouts: Record<string, unknown>[]; withheld_micro: number };
  computed_at: string;
}

for (const store of testStores()) {
  describe(`POST /api/models/{id}/impact-preview on ${store.name}`, () => {
    let t: TestApp;
    let evaluator: string;
    let v1: string;
    let v2: string;
    const edgeIds: string[] = [];

    const preview = (id: string, body: unknown = {}, token = evaluator) =>
      t.request('POST', `/api/models/${id}/impact-preview`, { token, body });
    /** Sends a request and asserts it wrote nothing at all, in any table. */
    const expectNothingWritten = async (send: () => ReturnType<typeof preview>) => {
      const before = await countAllRows(t.store.db);
      const response = await send();
      assert.deepEqual(await countAllRows(t.store.db), before, `a ${response.statusCode} left rows behind`);
      return response;
    };

    before(async () => {
      t = await startTestApp(store, { MODELGRAPH_RESCORE_WINDOW_HOURS: '0.0005' });
      evaluator = await t.agentToken(uniqueId('evaluator'), ['evaluate']);
      [v1, v2] = await registerLineage(t, uniqueId('preview'), [null, fixtureRuntime('echo-model.mjs')]);
      await promote(t, v1);
      const prefix = uniqueId('p');
      const cases: [number, number | null][] = [
        [0.9, 0.5], // −0.40 large_decrease
        [0.8, 0.45], // −0.35 large_decrease
        [0.6, 0.5], // −0.10 decrease
        [0.5, 0.52], // stable
        [0.3, 0.6], // +0.30 increase
        [0.7, null], // no inputs
      ];
      for (const [index, [confidence, answer]] of cases.entries()) {
        edgeIds.push(`${prefix}-${index}`);
        await insertEdges(t, [attributedEdge(edgeIds[index], v1, 1, confidence, answer)]);
      }
    });
    after(() => t.close());

    it("previews the candidate's real inference and payout, writing only one tool-call record", async () => {
      const before = await countAllRows(t.store.db);
      const response = await preview(v2);
      assert.equal(response.statusCode, 200, response.body);
      const after = await countAllRows(t.store.db);
      assert.deepEqual(after, { ...before, tool_calls: before.tool_calls + 1 }, 'only tool_calls grew');
      const body: Preview = response.json();
      assert.equal(body.child_id, v2);
      assert.equal(body.parent_id, v1);
      assert.equal(body.edges_total, 6);
      assert.equal(body.edges_considered, 6);
      assert.deepEqual(body.histogram, {
        large_decrease: 2,
        decrease: 1,
        stable: 1,
        increase: 1,
        skipped_no_inputs: 1,
        failed: 0,
      });
      assert.deepEqual(body.would_flag, { count: 2, edge_ids: [edgeIds[0], edgeIds[1]] });
      assert.deepEqual(
        body.largest_changes.map((change) => [change.edge_id, change.delta, change.bucket]),
        [
          [edgeIds[0], -0.4, 'large_decrease'],
          [edgeIds[1], -0.35, 'large_decrease'],
          [edgeIds[4], 0.3, 'increase'],
          [edgeIds[2], -0.1, 'decrease'],
          [edgeIds[3], 0.02, 'stable'],
        ],
      );
      const payouts = body.payout_preview.payouts as { amount_micro: number }[];
      assert.ok(payouts.length > 0, 'someone would be paid');
      assert.equal(
        payouts.reduce((sum, line) => sum + line.amount_micro, 0) + body.payout_preview.withheld_micro,
        body.payout_preview.pool_micro,
      );
      assert.ok(Date.parse(body.computed_at) > 0);

      const [record] = await queryRows<{
        input: Record<string, unknown>;
        output: Preview;
        error: string | null;
      }>(
        t.store.db,
        sql`select input, output, error from tool_calls where tool = 'impact_preview' order by id desc limit 1`,
      );
      assert.deepEqual(record.input.child_id, v2);
      assert.equal(record.input.max_edges, 10_000);
      assert.deepEqual(record.output.histogram, body.histogram);
      assert.equal(record.error, null);
    });

    it('caps the edges it considers at max_edges, in the order a pass takes them', async () => {
      const response = await preview(v2, { max_edges: 2 });
      assert.equal(response.statusCode, 200, response.body);
      const body: Preview = response.json();
      assert.equal(body.edges_total, 6);
      assert.equal(body.edges_considered, 2);
      assert.deepEqual(body.would_flag.edge_ids, [edgeIds[0], edgeIds[1]]);
    });

    it('agrees edge by edge with the pass that follows the promotion, and with its payout', async () => {
      const { child, token } = await freshLineage('agree');
      const predicted: Preview = (await preview(child.v2, {}, token)).json();
      const event = (await t.request('POST', `/api/models/${child.v2}/promote`, { token, body: {} })).json()
        .event;
      const pass = await t.request('POST', '/api/jobs/rescore', {
        token: ADMIN_TOKEN,
        body: { since_hours: 1 },
      });
      assert.equal(pass.json().child_id, child.v2, pass.body);
      assert.deepEqual(pass.json().histogram, predicted.histogram);
      for (const change of predicted.largest_changes) {
        const edge = (await t.request('GET', `/api/kg/edges/${change.edge_id}`)).json();
        assert.equal(edge.confidence, change.new_confidence, change.edge_id);
        assert.equal(edge.review_flag, predicted.would_flag.edge_ids.includes(change.edge_id));
      }
      const paid = (await t.request('GET', `/api/credit/payouts?event_id=${event.id}`)).json();
      assert.deepEqual(paid.payouts, predicted.payout_preview.payouts);
      assert.equal(paid.withheld_micro, predicted.payout_preview.withheld_micro);
    });

    /** A lineage of its own (v1 promoted with edges, v2 echoing), and an evaluator's token. */
    async function freshLineage(name: string) {
      const [a1, a2] = await registerLineage(t, uniqueId(name), [null, fixtureRuntime('echo-model.mjs')]);
      await promote(t, a1);
      await insertEdges(t, [
        attributedEdge(uniqueId('f'), a1, 1, 0.9, 0.2),
        attributedEdge(uniqueId('f'), a1, 1, 0.4, 0.45),
        attributedEdge(uniqueId('f'), a1, 1, 0.2, 0.7),
      ]);
      return { child: { v1: a1, v2: a2 }, token: await t.agentToken(uniqueId('promoter'), ['evaluate']) };
    }

    it('counts a failed batch as failed and keeps the runner’s words in the record, writing no skip', async () => {
      const [g1, g2] = await registerLineage(t, uniqueId('garbage'), [null, fixtureRuntime('garbage.mjs')]);
      await promote(t, g1);
      await insertEdges(t, [attributedEdge(uniqueId('g'), g1, 1, 0.5, 0.5)]);
      const before = await countAllRows(t.store.db);
      const body: Preview = (await preview(g2)).json();
      assert.equal(body.histogram.failed, 1);
      assert.deepEqual(await countAllRows(t.store.db), { ...before, tool_calls: before.tool_calls + 1 });
      const [record] = await queryRows<{ error: string | null }>(
        t.store.db,
        sql`select error from tool_calls where tool = 'impact_preview' order by id desc limit 1`,
      );
      assert.match(record.error ?? '', /JSON/);
    });

    it('answers 404 for an unknown version, writing nothing', async () => {
      expectError(await expectNothingWritten(() => preview('no-such-model')), 404, 'not_found');
    });

    it('answers 409 for the promoted version and for an archived one, writing nothing', async () => {
      expectError(await expectNothingWritten(() => preview(v1)), 409, 'illegal_status_change');
      const [, , a3] = await registerLineage(t, uniqueId('archived'), [
        null,
        null,
        fixtureRuntime('echo-model.mjs'),
      ]);
      const patched = await t.request('PATCH', `/api/models/${a3}`, {
        token: ADMIN_TOKEN,
        body: { status: 'archived' },
      });
      assert.equal(patched.statusCode, 200, patched.body);
      expectError(await expectNothingWritten(() => preview(a3)), 409, 'illegal_status_change');
    });

    it('answers 422 when the lineage has no promoted version, writing nothing', async () => {
      const [, n2] = await registerLineage(t, uniqueId('unpromoted'), [
        null,
        fixtureRuntime('echo-model.mjs'),
      ]);
      expectError(await expectNothingWritten(() => preview(n2)), 422, 'no_promoted_version');
    });

    it('answers 422 when the candidate has no runtime or its runtime cannot start, writing nothing', async () => {
      const [r1, r2, r3] = await registerLineage(t, uniqueId('runtime'), [
        null,
        null,
        { kind: 'process', command: ['/nonexistent/modelgraph-model'] },
      ]);
      await promote(t, r1);
      await insertEdges(t, [attributedEdge(uniqueId('r'), r1, 1, 0.5, 0.5)]);
      const none = expectError(await expectNothingWritten(() => preview(r2)), 422, 'candidate_not_runnable');
      assert.match(none.message, /no runtime/);
      const broken = expectError(
        await expectNothingWritten(() => preview(r3)),
        422,
        'candidate_not_runnable',
      );
      assert.match(broken.message, /cannot start/);
    });

    it('answers 401 without a valid token and 403 without the evaluate scope, writing nothing', async () => {
      const writer = await t.agentToken(uniqueId('writer'), ['write']);
      const anonymous = () =>
        t.app.inject({ method: 'POST', url: `/api/models/${v2}/impact-preview`, payload: {} });
      expectError(await expectNothingWritten(anonymous), 401, 'unauthenticated');
      expectError(await expectNothingWritten(() => preview(v2, {}, 'not-a-token')), 401, 'unauthenticated');
      expectError(await expectNothingWritten(() => preview(v2, {}, writer)), 403, 'forbidden');
    });

    it('answers 400 for a bad body, writing nothing', async () => {
      const url = `/api/models/${v2}/impact-preview`;
      for (const body of [
        { foo: 1 },
        { max_edges: 0 },
        { max_edges: 100_001 },
        { max_edges: '5' },
        { max_edges: 1.5 },
        [],
      ]) {
        expectError(await expectNothingWritten(() => preview(v2, body)), 400, 'invalid_request');
      }
      for (const raw of ['null', '{"max_edges":', '"text"']) {
        expectError(
          await expectNothingWritten(() => sendRaw(t, 'POST', url, raw, evaluator)),
          400,
          'invalid_request',
        );
      }
    });

    it('previews with the defaults when the POST has no body', async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/models/${v2}/impact-preview`,
        headers: { authorization: `Bearer ${evaluator}` },
      });
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json().edges_considered, 6);
    });
  });
}
