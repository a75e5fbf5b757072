import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { buildModelBody, expectError, registerModel, uniqueId } from '../support/factories.ts';
import { testStores } from '../support/stores.ts';
import {
  attributedEdge,
  fixtureRuntime,
  insertEdges as insertWorldEdges,
  promote,
  registerLineage,
} from '../support/world.ts';
import { buildEdge, countKgRows, flagEdge, getEdge, insertEdges } from './kg-support.ts';

for (const store of testStores()) {
  describe(`knowledge-graph review on ${store.name}`, () => {
    let t: TestApp;
    let evaluatorId: string;
    let evaluator: string;
    let model: { id: string };
    before(async () => {
      t = await startTestApp(store);
      evaluatorId = uniqueId('reviewer');
      evaluator = await t.agentToken(evaluatorId, ['evaluate']);
      model = await registerModel(t, buildModelBody());
    });
    after(() => t.close());

    /** Inserts a model edge attributed to `model`, flagged for review unless told otherwise. */
    const seedEdge = async (flagged = true, overrides: Record<string, unknown> = {}) => {
      const edge = buildEdge({
        origin: 'model',
        source_artifact_id: model.id,
        source_version: 1,
        ...overrides,
      });
      await insertEdges(t, [edge]);
      if (flagged) await flagEdge(t, edge.id as string);
      return edge.id as string;
    };
    // `null` sends no Authorization header at all.
    const review = (id: string, body: unknown, token: string | null = evaluator) =>
      t.request('POST', `/api/kg/edges/${id}/review`, { token: token ?? undefined, body });
    const queue = async (query = 'limit=1000') => {
      const response = await t.request('GET', `/api/kg/review?${query}`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json() as {
        edges: { id: string; review_flag: boolean; review_reason: string | null }[];
        total: number;
      };
    };
    const reviewEvents = async (id: string) =>
      (await t.request('GET', `/api/events?type=kg_edge_reviewed&target=${id}`)).json().events;

    describe('GET /api/kg/review', () => {
      it('lists an edge flagged by a rescore with a large decrease, and not its stable sibling', async () => {
        const [v1, v2] = await registerLineage(t, uniqueId('lineage'), [
          null,
          fixtureRuntime('echo-model.mjs'),
        ]);
        const [dropped, steady] = [uniqueId('dropped'), uniqueId('steady')];
        await insertWorldEdges(t, [
          attributedEdge(dropped, v1, 1, 0.9, 0.4),
          attributedEdge(steady, v1, 1, 0.5, 0.5),
        ]);
        await promote(t, v1);
        await promote(t, v2);
        const pass = await t.request('POST', '/api/jobs/rescore', { token: ADMIN_TOKEN, body: {} });
        assert.equal(pass.json().histogram.large_decrease, 1, pass.body);
        const listed = (await queue()).edges.map((edge) => edge.id);
        assert.ok(listed.includes(dropped));
        assert.ok(!listed.includes(steady));
        const byReason = await queue('reason=large_decrease&limit=1000');
        assert.deepEqual(
          byReason.edges.filter((edge) => edge.id === dropped).map((edge) => edge.review_reason),
          ['large_decrease'],
          'the rescore says why it flagged the edge',
        );
        assert.ok(byReason.edges.every((edge) => edge.review_reason === 'large_decrease'));
        assert.ok(
          !(await queue('reason=retracted_input')).edges.some((edge) => edge.id === dropped),
          'another reason leaves it out',
        );
      });

      it('lists flagged edges only, with a total of all of them', async () => {
        const flagged = [await seedEdge(true), await seedEdge(true)];
        const plain = await seedEdge(false);
        const { edges, total } = await queue();
        assert.ok(
          edges.every((edge) => edge.review_flag),
          'every listed edge is flagged',
        );
        for (const id of flagged)
          assert.ok(
            edges.some((edge) => edge.id === id),
            `${id} is listed`,
          );
        assert.ok(!edges.some((edge) => edge.id === plain));
        assert.equal(total, edges.length);
        const page = await queue('limit=1&offset=1');
        assert.equal(page.edges.length, 1);
        assert.equal(page.total, total);
        assert.equal(page.edges[0].id, edges[1].id);
      });

      it('refuses an unknown parameter and a bad limit with 400', async () => {
        expectError(await t.request('GET', '/api/kg/review?flagged=false'), 400, 'unknown_parameter');
        expectError(await t.request('GET', '/api/kg/review?limit=0'), 400, 'invalid_request');
        expectError(await t.request('GET', '/api/kg/review?reason=curious'), 400, 'invalid_request');
      });
    });

    describe('POST /api/kg/edges/{id}/review', () => {
      it('keeps an edge: clears the flag, stays active, becomes a manual validation, and logs an event', async () => {
        const id = await seedEdge();
        const before = await getEdge(t, id);
        const response = await review(id, { decision: 'keep', note: 'checked against the literature' });
        assert.equal(response.statusCode, 200, response.body);
        const { edge, event } = response.json();
        assert.equal(edge.review_flag, false);
        assert.equal(edge.review_reason, null, 'the decision clears the reason with the flag');
        assert.equal(edge.status, 'active');
        assert.equal(edge.agent_type, 'manual_validation_of_automated_agent');
        assert.equal(edge.confidence, before.confidence);
        assert.equal(edge.source_artifact_id, model.id);
        assert.equal(event.event_type, 'kg_edge_reviewed');
        assert.equal(event.target_artifact_id, id);
        assert.equal(event.actor, evaluatorId);
        assert.deepEqual(event.detection_metadata, {
          decision: 'keep',
          note: 'checked against the literature',
          confidence: before.confidence,
        });
        const stored = await getEdge(t, id);
        assert.deepEqual(stored, { ...edge, history: before.history }, 'the answer is the stored edge');
        assert.ok(Date.parse(stored.updated_at) >= Date.parse(before.updated_at));
        assert.deepEqual(
          (await reviewEvents(id)).map((e: { id: number }) => e.id),
          [event.id],
        );
        assert.ok(!(await queue()).edges.some((e) => e.id === id), 'a kept edge leaves the queue');
      });

      it('retracts an edge: clears the flag and sets status retracted, without deleting it', async () => {
        const id = await seedEdge();
        const before = await countKgRows(t);
        const response = await review(id, { decision: 'retract', note: 'contradicted by new data' });
        assert.equal(response.statusCode, 200, response.body);
        assert.equal(response.json().edge.status, 'retracted');
        const stored = await getEdge(t, id);
        assert.equal(stored.status, 'retracted');
        assert.equal(stored.review_flag, false);
        assert.equal(stored.agent_type, 'computational_model');
        const afterReview = await countKgRows(t);
        assert.equal(afterReview.edges, before.edges, 'nothing is deleted');
        assert.equal(afterReview.events, before.events + 1);
        const [event] = await reviewEvents(id);
        assert.equal(event.detection_metadata.decision, 'retract');
        const listed = (
          await t.request('GET', `/api/kg/edges?status=retracted&subject=${stored.subject}`)
        ).json();
        assert.deepEqual(
          listed.edges.map((e: { id: string }) => e.id),
          [id],
        );
      });

      /** Sends a review that must fail, and asserts the edge and the events log did not change. */
      const expectRefused = async (id: string, send: () => Promise<LightMyRequestResponse>) => {
        const before = await getEdge(t, id);
        const counts = await countKgRows(t);
        const response = await send();
        assert.deepEqual(await getEdge(t, id), before, 'the edge is unchanged');
        assert.deepEqual(await countKgRows(t), counts, 'nothing is written');
        return response;
      };
      const valid = { decision: 'keep', note: 'ok' };

      it('refuses a review without a token or with an unknown token with 401', async () => {
        const id = await seedEdge();
        expectError(await expectRefused(id, () => review(id, valid, null)), 401, 'unauthenticated');
        expectError(await expectRefused(id, () => review(id, valid, 'mg_nope')), 401, 'unauthenticated');
      });

      it('refuses a token with only the write scope with 403', async () => {
        const id = await seedEdge();
        const writer = await t.agentToken(uniqueId('writer'), ['write']);
        expectError(await expectRefused(id, () => review(id, valid, writer)), 403, 'forbidden');
      });

      it('answers 404 not_found for an unknown edge and writes nothing', async () => {
        const counts = await countKgRows(t);
        expectError(await review(uniqueId('ghost'), valid), 404, 'not_found');
        assert.deepEqual(await countKgRows(t), counts);
      });

      it('refuses to review an edge that is not flagged with 409 illegal_status_change', async () => {
        const id = await seedEdge(false);
        expectError(await expectRefused(id, () => review(id, valid)), 409, 'illegal_status_change');
        const reviewed = await seedEdge();
        assert.equal((await review(reviewed, { decision: 'retract', note: 'no' })).statusCode, 200);
        expectError(
          await expectRefused(reviewed, () => review(reviewed, valid)),
          409,
          'illegal_status_change',
        );
      });

      const badBodies: [string, unknown][] = [
        ['an unknown decision', { decision: 'delete', note: 'x' }],
        ['a missing decision', { note: 'x' }],
        ['a missing note', { decision: 'keep' }],
        ['a note that is not text', { decision: 'keep', note: 5 }],
        ['an unknown field', { decision: 'keep', note: 'x', confidence: 0.1 }],
        ['an array', [valid]],
      ];
      for (const [what, body] of badBodies) {
        it(`refuses ${what} with 400 invalid_request and leaves the edge as it was`, async () => {
          const id = await seedEdge();
          expectError(await expectRefused(id, () => review(id, body)), 400, 'invalid_request');
        });
      }
    });
  });
}
