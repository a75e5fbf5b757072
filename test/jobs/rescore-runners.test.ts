import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/database.ts';
import { buildLogisticRegressionOnnx } from '../fixtures/inference/build-logistic-onnx.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { expectError, uniqueId } from '../support/factories.ts';
import { testStores } from '../support/stores.ts';
import { attributedEdge, fixtureRuntime, insertEdges } from '../support/world.ts';
import { startOipServer } from './oip-server.ts';
import {
  countRescoreEvents,
  expectBatchFailed,
  type Scenario,
  scenarioRunner,
  toolCallOf,
  WINDOW_HOURS,
} from './rescore-scenarios.ts';

const TIMEOUT_MS = 500;

const twoEdges = [
  { confidence: 0.6, inputs: { confidence: 0.1 } },
  { confidence: 0.3, inputs: { confidence: 0.9 } },
];

for (const store of testStores()) {
  describe(`rescore runner timeouts on ${store.name}`, () => {
    let t: TestApp;
    const run = scenarioRunner(() => t);
    before(async () => {
      t = await startTestApp(store, {
        MODELGRAPH_RESCORE_WINDOW_HOURS: String(WINDOW_HOURS),
        MODELGRAPH_RUNNER_TIMEOUT_MS: String(TIMEOUT_MS),
        MODELGRAPH_RESCORE_LOG: join(mkdtempSync(join(tmpdir(), 'mg-runners-')), 'model_rescore.log'),
      });
    });
    after(() => t.close());

    it('fails the batch of a process that hangs past MODELGRAPH_RUNNER_TIMEOUT_MS and keeps the edges', async () => {
      const scenario = await run(fixtureRuntime('hang.mjs'), twoEdges);
      await expectBatchFailed(scenario, [0.6, 0.3], /timed out after 500 ms/);
    });

    it('fails the batch of an inference server that never answers and keeps the edges', async () => {
      const server = await startOipServer('scorer', 'hang');
      try {
        const scenario = await run({ kind: 'http', url: server.url, model: 'scorer' }, twoEdges);
        await expectBatchFailed(scenario, [0.6, 0.3], /timed out after 500 ms/);
        assert.equal(server.requests.length, 1, 'the request reached the server');
      } finally {
        await server.stop();
      }
    });
  });

  describe(`rescore runner faults and answers on ${store.name}`, () => {
    let t: TestApp;
    const run = scenarioRunner(() => t);
    before(async () => {
      t = await startTestApp(store, {
        MODELGRAPH_RESCORE_WINDOW_HOURS: String(WINDOW_HOURS),
        MODELGRAPH_RESCORE_LOG: join(mkdtempSync(join(tmpdir(), 'mg-runners-')), 'model_rescore.log'),
      });
    });
    after(() => t.close());

    describe('POST /api/jobs/rescore refusals', () => {
      const countJobRows = async () =>
        (
          await queryRows<{ n: number }>(
            t.store.db,
            sql`select (select count(*)::int from rescore_passes) + (select count(*)::int from tool_calls) as n`,
          )
        )[0].n;
      const refuse = async (body: unknown, token: string | undefined, status: number, code: string) => {
        const before = await countJobRows();
        expectError(await t.request('POST', '/api/jobs/rescore', { token, body }), status, code);
        assert.equal(await countJobRows(), before, 'no pass ran');
      };

      it('refuses a caller without a token or with a bad one with 401', async () => {
        await refuse({}, undefined, 401, 'unauthenticated');
        await refuse({}, 'mg_wrong', 401, 'unauthenticated');
      });

      it('refuses write and evaluate tokens with 403', async () => {
        const token = await t.agentToken(uniqueId('evaluator'), ['write', 'evaluate']);
        await refuse({}, token, 403, 'forbidden');
      });

      for (const [what, body] of [
        ['a negative since_hours', { since_hours: -1 }],
        ['a zero since_hours', { since_hours: 0 }],
        ['a since_hours given as text', { since_hours: '24' }],
        ['a dry_run that is not a boolean', { dry_run: 'yes' }],
        ['an unknown field', { force: true }],
      ] as const) {
        it(`refuses ${what} with 400 invalid_request`, async () => {
          await refuse(body, ADMIN_TOKEN, 400, 'invalid_request');
        });
      }
    });

    it('fails the batch of a process that prints garbage and keeps the edges', async () => {
      const scenario = await run(fixtureRuntime('garbage.mjs'), twoEdges);
      await expectBatchFailed(scenario, [0.6, 0.3], /bad JSON on stdout line 2/);
    });

    it('fails the batch of a process that leaves out an id and keeps every edge of it', async () => {
      const scenario = await run(fixtureRuntime('omit-id.mjs'), twoEdges);
      await expectBatchFailed(scenario, [0.6, 0.3], new RegExp(`missing id "${scenario.edgeIds[1]}"`));
    });

    it('fails the batch of an inference server that answers 500 and keeps the edges', async () => {
      const server = await startOipServer('scorer', 'fail');
      try {
        const scenario = await run({ kind: 'http', url: server.url, model: 'scorer' }, twoEdges);
        await expectBatchFailed(scenario, [0.6, 0.3], /HTTP 500 .*CUDA out of memory/);
      } finally {
        await server.stop();
      }
    });

    it('re-scores edges through an Open Inference Protocol server', async () => {
      const server = await startOipServer('edge-scorer', 'answer');
      const edges = [
        { confidence: 0.9, inputs: { confidence: 0.4 } }, // −0.5 large_decrease
        { confidence: 0.5, inputs: { confidence: 0.52, note: 'é' } }, // stable
        { confidence: 0.2, inputs: { confidence: 0.8 } }, // increase
      ];
      let scenario: Scenario;
      try {
        scenario = await run({ kind: 'http', url: server.url, model: 'edge-scorer' }, edges);
      } finally {
        await server.stop();
      }
      const { edgeIds, summary, child } = scenario;
      assert.equal(server.requests.length, 1, 'one batch, one request');
      const [request] = server.requests;
      assert.equal(request.method, 'POST');
      assert.equal(request.url, '/v2/models/edge-scorer/infer');
      const [input] = request.body.inputs ?? [];
      assert.deepEqual(
        { ...input, data: undefined },
        { name: 'inputs', shape: [3], datatype: 'BYTES', data: undefined },
      );
      // Each item is the JSON text of the edge's stored inputs (jsonb may reorder keys).
      assert.deepEqual(
        input.data.map((item) => JSON.parse(item)),
        edges.map((edge) => edge.inputs),
      );
      assert.equal(summary.outcome, 'ok');
      assert.deepEqual(summary.histogram, {
        large_decrease: 1,
        decrease: 0,
        stable: 1,
        increase: 1,
        skipped_no_inputs: 0,
        failed: 0,
      });
      for (const [index, id] of edgeIds.entries()) {
        const edge = (await t.request('GET', `/api/kg/edges/${id}`)).json();
        assert.equal(edge.confidence, edges[index].inputs.confidence);
        assert.equal(edge.source_artifact_id, child);
        assert.equal(edge.source_version, 2);
        assert.equal(edge.review_flag, index === 0, 'only the large decrease is flagged');
        assert.deepEqual(
          edge.history.map((h: { confidence: number; source_artifact_id: string }) => [
            h.confidence,
            h.source_artifact_id,
          ]),
          [
            [edges[index].confidence, scenario.parent],
            [edges[index].inputs.confidence, child],
          ],
          'history is oldest first',
        );
        assert.equal(await countRescoreEvents(t, id), 1);
      }
      assert.equal((await toolCallOf(t, child)).error, null);
      const resent = await insertEdges(t, [
        { ...attributedEdge(edgeIds[0], scenario.parent, 1, 0.9, null), inputs: edges[0].inputs },
      ]);
      assert.deepEqual(
        [resent.inserted, resent.unchanged],
        [0, 1],
        'a re-send after rescoring is still a no-op',
      );
    });

    it('re-scores edges with an ONNX logistic regression to the logistic function', async () => {
      const weights = [0.5, -1.25, 2];
      const bias = 0.25;
      const file = join(mkdtempSync(join(tmpdir(), 'mg-onnx-')), 'logistic.onnx');
      writeFileSync(file, buildLogisticRegressionOnnx(weights, bias));
      const features = [
        [1, 0, 0],
        [0, 1, 0],
        [1, 1, 1],
        [-2, 0.5, 0.25],
      ];
      const scenario = await run(
        { kind: 'onnx', uri: pathToFileURL(file).href },
        features.map((row) => ({ confidence: 0.5, inputs: { features: row } })),
      );
      assert.equal(scenario.summary.outcome, 'ok');
      assert.equal(scenario.summary.histogram.failed, 0);
      assert.equal(scenario.summary.edges_processed, features.length);
      for (const [index, id] of scenario.edgeIds.entries()) {
        const z = features[index].reduce((sum, x, k) => sum + x * weights[k], bias);
        const expected = 1 / (1 + Math.exp(-z));
        const edge = (await t.request('GET', `/api/kg/edges/${id}`)).json();
        assert.ok(
          Math.abs(edge.confidence - expected) < 1e-6,
          `${id}: ${edge.confidence} is sigmoid(${z}) = ${expected}`,
        );
        assert.equal(edge.source_artifact_id, scenario.child);
      }
    });
  });
}
