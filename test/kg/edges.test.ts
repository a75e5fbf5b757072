import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.ts';
import { buildModelBody, createDataset, expectError, registerModel, uniqueId } from '../support/factories.ts';
import { testStores } from '../support/stores.ts';
import { buildEdge, countKgRows, expectNoKgWrites, getEdge, insertEdges, postEdges } from './kg-support.ts';

for (const store of testStores()) {
  describe(`knowledge-graph edges on ${store.name}`, () => {
    let t: TestApp;
    let model: { id: string; version_number: number };
    before(async () => {
      t = await startTestApp(store);
      model = await registerModel(t, buildModelBody());
    });
    after(() => t.close());

    const modelEdge = (overrides: Record<string, unknown> = {}) =>
      buildEdge({ origin: 'model', source_artifact_id: model.id, source_version: 1, ...overrides });

    describe('POST /api/kg/edges', () => {
      it('inserts a batch, answers {inserted, unchanged, ids}, and records one history entry per edge', async () => {
        const edges = [modelEdge({ confidence: 0.8, inputs: { x: 1 } }), buildEdge(), buildEdge()];
        const before = await countKgRows(t);
        const response = await postEdges(t, edges);
        assert.equal(response.statusCode, 201, response.body);
        assert.deepEqual(response.json(), { inserted: 3, unchanged: 0, ids: edges.map((e) => e.id) });
        const afterInsert = await countKgRows(t);
        assert.equal(afterInsert.edges, before.edges + 3);
        assert.equal(afterInsert.history, before.history + 3);
        const stored = await getEdge(t, edges[0].id as string);
        assert.equal(stored.confidence, 0.8);
        assert.equal(stored.status, 'active');
        assert.equal(stored.source_artifact_id, model.id);
        assert.equal(stored.source_version, 1);
        assert.equal(stored.review_flag, false);
        assert.deepEqual(stored.inputs, { x: 1 });
        assert.deepEqual(stored.metadata, {});
        assert.ok(
          stored.updated_at >= stored.created_at,
          `updated ${stored.updated_at}, created ${stored.created_at}`,
        );
        assert.equal(stored.history.length, 1);
        assert.deepEqual(
          { ...stored.history[0], at: undefined },
          { confidence: 0.8, source_artifact_id: model.id, source_version: 1, event_id: null, at: undefined },
        );
        assert.ok(
          stored.history[0].at >= stored.created_at,
          'the first confidence is not older than the edge',
        );
      });

      it('derives the id of an edge sent without one, the same for the same content', async () => {
        const edge = buildEdge({ id: undefined });
        const first = await insertEdges(t, [edge]);
        assert.match(first.ids[0], /^edge-[0-9a-f]{24}$/);
        const second = await insertEdges(t, [edge]);
        assert.deepEqual(second, { inserted: 0, unchanged: 1, ids: first.ids });
        const other = await insertEdges(t, [{ ...edge, object: 'MONDO:0000001' }]);
        assert.notEqual(other.ids[0], first.ids[0], 'another statement gets another id');
      });

      it('treats re-sending the same edges as a no-op that writes no history', async () => {
        const edges = [modelEdge(), buildEdge({ metadata: { a: 1, b: [1, 2] } })];
        await insertEdges(t, edges);
        const reordered = [edges[0], { ...edges[1], metadata: { b: [1, 2], a: 1 } }];
        const response = await expectNoKgWrites(t, () => postEdges(t, reordered));
        assert.equal(response.statusCode, 201, response.body);
        assert.deepEqual(response.json(), { inserted: 0, unchanged: 2, ids: edges.map((e) => e.id) });
      });

      it('refuses an existing id with different content with 409 and writes nothing of the batch', async () => {
        const existing = buildEdge({ confidence: 0.4 });
        await insertEdges(t, [existing]);
        const fresh = buildEdge();
        const response = await expectNoKgWrites(t, () =>
          postEdges(t, [fresh, { ...existing, confidence: 0.9 }]),
        );
        const error = expectError(response, 409, 'already_exists');
        assert.deepEqual(error.details, { ids: [existing.id] });
        expectError(await t.request('GET', `/api/kg/edges/${fresh.id}`), 404, 'not_found');
        assert.equal((await getEdge(t, existing.id as string)).confidence, 0.4);
      });

      it('refuses one id sent twice with different content with 409 and writes nothing', async () => {
        const edge = buildEdge();
        const fresh = buildEdge();
        const response = await expectNoKgWrites(t, () =>
          postEdges(t, [fresh, edge, { ...edge, confidence: 0.7 }]),
        );
        expectError(response, 409, 'already_exists');
        expectError(await t.request('GET', `/api/kg/edges/${edge.id}`), 404, 'not_found');
      });

      it('writes none of a batch whose last edge names an unknown source (422 missing_reference)', async () => {
        const batch = [
          modelEdge(),
          buildEdge(),
          modelEdge({ source_artifact_id: uniqueId('no-such-model') }),
        ];
        const response = await expectNoKgWrites(t, () => postEdges(t, batch));
        const error = expectError(response, 422, 'missing_reference');
        assert.deepEqual(error.details, { missing: [batch[2].source_artifact_id] });
        for (const edge of batch.slice(0, 2)) {
          expectError(await t.request('GET', `/api/kg/edges/${edge.id}`), 404, 'not_found');
        }
        const dataset = await createDataset(t);
        const notAModel = modelEdge({ source_artifact_id: dataset });
        expectError(await expectNoKgWrites(t, () => postEdges(t, [notAModel])), 422, 'missing_reference');
      });

      it("refuses a source_version other than the model's version_number with 422 rule_violation", async () => {
        const second = await registerModel(t, buildModelBody({ model_name: uniqueId('lineage') }));
        const v2 = await registerModel(t, buildModelBody({ model_name: second.model_name }));
        assert.equal(v2.version_number, 2);
        for (const bad of [
          modelEdge({ source_version: 2 }),
          modelEdge({ source_artifact_id: v2.id, source_version: 1 }),
          modelEdge({ source_version: null }),
          modelEdge({ source_version: undefined }),
        ]) {
          const response = await expectNoKgWrites(t, () => postEdges(t, [buildEdge(), bad]));
          expectError(response, 422, 'rule_violation');
        }
        await insertEdges(t, [modelEdge({ source_artifact_id: v2.id, source_version: 2 })]);
      });

      it('refuses a source_version without a source_artifact_id with 422 rule_violation', async () => {
        for (const bad of [
          buildEdge({ source_version: 1 }),
          buildEdge({ source_artifact_id: null, source_version: 1 }),
        ]) {
          const response = await expectNoKgWrites(t, () => postEdges(t, [bad]));
          expectError(response, 422, 'rule_violation');
        }
      });

      it('accepts a model edge without a source as a legacy edge labelled as a prediction', async () => {
        const edge = buildEdge({ origin: 'model' });
        await insertEdges(t, [edge]);
        const stored = await getEdge(t, edge.id as string);
        assert.equal(stored.source_artifact_id, null);
        assert.equal(stored.source_version, null);
        assert.equal(stored.provenance_unknown, false);
        assert.equal(stored.knowledge_level, 'prediction');
        assert.equal(stored.agent_type, 'computational_model');
        assert.equal(stored.inputs, null);
      });

      it('labels each origin with its Biolink knowledge level and agent type', async () => {
        const expected: [Record<string, unknown>, string, string][] = [
          [modelEdge(), 'prediction', 'computational_model'],
          [buildEdge({ origin: 'curated' }), 'knowledge_assertion', 'manual_agent'],
          [buildEdge({ origin: 'literature' }), 'knowledge_assertion', 'text_mining_agent'],
          [buildEdge({ origin: 'other' }), 'not_provided', 'not_provided'],
        ];
        await insertEdges(
          t,
          expected.map(([edge]) => edge),
        );
        for (const [edge, knowledgeLevel, agentType] of expected) {
          const stored = await getEdge(t, edge.id as string);
          assert.deepEqual(
            [stored.knowledge_level, stored.agent_type],
            [knowledgeLevel, agentType],
            edge.origin as string,
          );
        }
      });

      const badBodies: [string, unknown][] = [
        ['a confidence above 1', [buildEdge({ confidence: 1.5 })]],
        ['a confidence below 0', [buildEdge({ confidence: -0.1 })]],
        ['an unknown origin', [buildEdge({ origin: 'oracle' })]],
        ['an unknown field', [buildEdge({ weight: 3 })]],
        ['a missing subject', [buildEdge({ subject: undefined })]],
        ['a bad id', [buildEdge({ id: '-bad id' })]],
        ['a version 0', [buildEdge({ source_version: 0 })]],
        ['metadata that is not an object', [buildEdge({ metadata: [1] })]],
        ['an empty array', []],
        ['an object instead of an array', buildEdge()],
        ['10,001 edges', Array.from({ length: 10_001 }, (_, i) => buildEdge({ id: `over-limit-${i}` }))],
      ];
      for (const [what, body] of badBodies) {
        it(`refuses ${what} with 400 invalid_request and writes nothing`, async () => {
          // A valid edge first: the whole batch must be refused, not only the bad item.
          const payload =
            Array.isArray(body) && body.length > 0 && body.length < 10 ? [buildEdge(), ...body] : body;
          const response = await expectNoKgWrites(t, () => postEdges(t, payload));
          expectError(response, 400, 'invalid_request');
        });
      }

      it('refuses a request without a token with 401 and one without the write scope with 403', async () => {
        const edge = buildEdge();
        const anonymous = await expectNoKgWrites(t, () =>
          t.request('POST', '/api/kg/edges', { body: [edge] }),
        );
        expectError(anonymous, 401, 'unauthenticated');
        const badToken = await expectNoKgWrites(t, () => postEdges(t, [edge], 'not-a-token'));
        expectError(badToken, 401, 'unauthenticated');
        const evaluator = await t.agentToken(uniqueId('evaluator'), ['evaluate']);
        expectError(await expectNoKgWrites(t, () => postEdges(t, [edge], evaluator)), 403, 'forbidden');
        const writer = await t.agentToken(uniqueId('writer'), ['write']);
        assert.equal((await postEdges(t, [edge], writer)).statusCode, 201);
      });

      it('refuses a body over MODELGRAPH_MAX_BODY_BYTES with 413 body_too_large', async () => {
        const small = await startTestApp(store, { MODELGRAPH_MAX_BODY_BYTES: '2048' });
        try {
          const edges = Array.from({ length: 20 }, () => buildEdge());
          const response = await expectNoKgWrites(small, () => postEdges(small, edges));
          expectError(response, 413, 'body_too_large');
          assert.equal((await postEdges(small, edges.slice(0, 2))).statusCode, 201, 'a small batch fits');
        } finally {
          await small.close();
        }
      });

      it('takes 10,000 edges in one call, all or none', async () => {
        const prefix = uniqueId('bulk');
        const batch = Array.from({ length: 10_000 }, (_, i) =>
          modelEdge({ id: `${prefix}-${i}`, subject: `${prefix}:${i}`, confidence: (i % 100) / 100 }),
        );
        const broken = [...batch.slice(0, -1), { ...batch[9_999], source_artifact_id: uniqueId('ghost') }];
        expectError(await expectNoKgWrites(t, () => postEdges(t, broken)), 422, 'missing_reference');
        const before = await countKgRows(t);
        const result = await insertEdges(t, batch);
        assert.equal(result.inserted, 10_000);
        assert.equal(result.ids.length, 10_000);
        const afterInsert = await countKgRows(t);
        assert.equal(afterInsert.edges - before.edges, 10_000);
        assert.equal(afterInsert.history - before.history, 10_000);
      });
    });
  });
}
