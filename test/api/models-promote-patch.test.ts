import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.ts';
import {
  buildCompleteModelBody,
  buildModelBody,
  createProvenanceWorld,
  expectError,
  expectNoWrites,
  getModel,
  type ProvenanceWorld,
  promotionEvents,
  registerModel,
  sendRaw,
  uniqueId,
} from '../support/factories.ts';
import { testStores } from '../support/stores.ts';

for (const store of testStores()) {
  describe(`promote and patch on ${store.name}`, () => {
    let t: TestApp;
    let world: ProvenanceWorld;
    let evaluatorToken: string;
    let writerToken: string;
    const evaluatorId = uniqueId('evaluator');
    before(async () => {
      t = await startTestApp(store);
      world = await createProvenanceWorld(t);
      evaluatorToken = await t.agentToken(evaluatorId, ['evaluate']);
      writerToken = await t.agentToken(uniqueId('writer'), ['write']);
    });
    after(() => t.close());

    const promoteAs = (id: string, token = evaluatorToken, body: unknown = {}) =>
      t.request('POST', `/api/models/${id}/promote`, { token, body });
    const patchAs = (id: string, body: unknown, token = evaluatorToken) =>
      t.request('PATCH', `/api/models/${id}`, { token, body });
    const lineage = async (modelName: string, count: number): Promise<string[]> => {
      const ids = [];
      for (let i = 0; i < count; i++)
        ids.push((await registerModel(t, buildModelBody({ model_name: modelName }))).id);
      return ids;
    };
    const statuses = async (id: string) =>
      (await getModel(t, id)).versions.map((v: { status: string }) => v.status);

    describe('POST /api/models/{id}/promote', () => {
      it('promotes a first version and answers {model, event} with a null parent_id', async () => {
        const [v1] = await lineage(uniqueId('first'), 1);
        const response = await promoteAs(v1);
        assert.equal(response.statusCode, 200, response.body);
        const { model, event } = response.json();
        assert.equal(model.id, v1);
        assert.equal(model.status, 'promoted');
        assert.equal(event.event_type, 'model_version_promoted');
        assert.equal(event.target_artifact_id, v1);
        assert.equal(event.actor, evaluatorId);
        assert.deepEqual(event.detection_metadata, { parent_id: null, child_id: v1, actor: evaluatorId });
        assert.deepEqual(promotionEvents(model), [event]);
      });

      it('supersedes the previously promoted version and names it as parent_id', async () => {
        const [v1, v2, v3] = await lineage(uniqueId('chain'), 3);
        await promoteAs(v1);
        const { event } = (await promoteAs(v3)).json();
        assert.deepEqual(event.detection_metadata, { parent_id: v1, child_id: v3, actor: evaluatorId });
        assert.deepEqual(await statuses(v2), ['superseded', 'candidate', 'promoted']);
        const { event: back } = (await promoteAs(v1)).json();
        assert.deepEqual(back.detection_metadata, { parent_id: v3, child_id: v1, actor: evaluatorId });
        assert.deepEqual(await statuses(v2), ['promoted', 'candidate', 'superseded']);
      });

      it('leaves exactly one promoted version when promotions of one lineage race', async () => {
        const ids = await lineage(uniqueId('race'), 3);
        const responses = await Promise.all(ids.map((id) => promoteAs(id)));
        assert.deepEqual(
          responses.map((response) => response.statusCode),
          [200, 200, 200],
        );
        const states = await statuses(ids[0]);
        assert.deepEqual([...states].sort(), ['promoted', 'superseded', 'superseded']);
        const parents = responses.map((response) => response.json().event.detection_metadata.parent_id);
        assert.equal(parents.filter((parent) => parent === null).length, 1);
        const promoted = ids[states.indexOf('promoted')];
        assert.ok(
          !parents.includes(promoted),
          'the last promoted version supersedes, it is never superseded',
        );
      });

      it('leaves other lineages alone', async () => {
        const [a1] = await lineage(uniqueId('lineage-a'), 1);
        const [b1] = await lineage(uniqueId('lineage-b'), 1);
        await promoteAs(a1);
        const { event } = (await promoteAs(b1)).json();
        assert.equal(event.detection_metadata.parent_id, null);
        assert.equal((await getModel(t, a1)).status, 'promoted');
      });

      it('keeps the notes with the event', async () => {
        const [v1] = await lineage(uniqueId('noted'), 1);
        const { event } = (await promoteAs(v1, evaluatorToken, { notes: 'beats v0 on rmse' })).json();
        assert.equal(event.detection_metadata.notes, 'beats v0 on rmse');
      });

      it('accepts a promotion sent without a body', async () => {
        const [v1] = await lineage(uniqueId('bodiless'), 1);
        const response = await t.app.inject({
          method: 'POST',
          url: `/api/models/${v1}/promote`,
          headers: { authorization: `Bearer ${evaluatorToken}` },
        });
        assert.equal(response.statusCode, 200, response.body);
        assert.equal(response.json().model.status, 'promoted');
      });

      it('refuses to promote the promoted version again with 409 and writes no event', async () => {
        const [v1] = await lineage(uniqueId('twice'), 1);
        await promoteAs(v1);
        expectError(await expectNoWrites(t, () => promoteAs(v1)), 409, 'illegal_status_change');
        assert.equal(promotionEvents(await getModel(t, v1)).length, 1);
      });

      it('refuses to promote an archived version with 409 and changes nothing', async () => {
        const [v1, v2] = await lineage(uniqueId('archived'), 2);
        await promoteAs(v1);
        assert.equal((await patchAs(v2, { status: 'archived' })).statusCode, 200);
        expectError(await expectNoWrites(t, () => promoteAs(v2)), 409, 'illegal_status_change');
        assert.deepEqual(await statuses(v1), ['promoted', 'archived']);
      });

      it('refuses a write-only token with 403 forbidden and changes nothing', async () => {
        const [v1] = await lineage(uniqueId('forbidden'), 1);
        expectError(await expectNoWrites(t, () => promoteAs(v1, writerToken)), 403, 'forbidden');
        assert.equal((await getModel(t, v1)).status, 'candidate');
      });

      it('refuses a request without a token with 401 unauthenticated', async () => {
        const [v1] = await lineage(uniqueId('anonymous'), 1);
        const response = await expectNoWrites(t, () =>
          t.request('POST', `/api/models/${v1}/promote`, { body: {} }),
        );
        expectError(response, 401, 'unauthenticated');
      });

      it('refuses a bad token with 401 unauthenticated', async () => {
        const [v1] = await lineage(uniqueId('bad-token'), 1);
        expectError(await expectNoWrites(t, () => promoteAs(v1, 'mg_bogus')), 401, 'unauthenticated');
      });

      it('answers 404 not_found for an unknown id and writes no event', async () => {
        expectError(await expectNoWrites(t, () => promoteAs(uniqueId('ghost'))), 404, 'not_found');
      });

      it('refuses an unknown field with 400 invalid_request', async () => {
        const [v1] = await lineage(uniqueId('extra'), 1);
        expectError(
          await expectNoWrites(t, () => promoteAs(v1, evaluatorToken, { force: true })),
          400,
          'invalid_request',
        );
      });
    });

    describe('PATCH /api/models/{id}', () => {
      it('recomputes quality_score from a new raw score under the provenance cap', async () => {
        const capped = await registerModel(t, buildModelBody({ raw_quality_score: 0.9 }));
        assert.equal(capped.quality_score, 0.3);
        const lowered = (await patchAs(capped.id, { raw_quality_score: 0.2 })).json();
        assert.deepEqual([lowered.raw_quality_score, lowered.quality_score], [0.2, 0.2]);
        const raised = (await patchAs(capped.id, { raw_quality_score: 0.8 })).json();
        assert.deepEqual([raised.raw_quality_score, raised.quality_score], [0.8, 0.3]);
      });

      it('passes a new raw score through unchanged when provenance is complete', async () => {
        const model = await registerModel(t, buildCompleteModelBody(world, { raw_quality_score: 0.5 }));
        const patched = (await patchAs(model.id, { raw_quality_score: 0.95 })).json();
        assert.equal(patched.quality_score, 0.95);
      });

      it('scores a cleared raw score as 0', async () => {
        const model = await registerModel(t, buildCompleteModelBody(world, { raw_quality_score: 0.5 }));
        const patched = (await patchAs(model.id, { raw_quality_score: null })).json();
        assert.deepEqual([patched.raw_quality_score, patched.quality_score], [null, 0]);
      });

      it('merges new metrics into the existing ones', async () => {
        const model = await registerModel(t, buildModelBody({ evaluation_metrics: { rmse: 0.1, mae: 0.2 } }));
        const response = await patchAs(model.id, { evaluation_metrics: { rmse: 0.05, r2: 0.9 } });
        assert.equal(response.statusCode, 200, response.body);
        assert.deepEqual(response.json().evaluation_metrics, { rmse: 0.05, mae: 0.2, r2: 0.9 });
        assert.equal(response.json().raw_quality_score, null);
      });

      it('archives a candidate version', async () => {
        const model = await registerModel(t, buildModelBody());
        const response = await patchAs(model.id, { status: 'archived' });
        assert.equal(response.statusCode, 200, response.body);
        assert.equal(response.json().status, 'archived');
        assert.equal((await getModel(t, model.id)).status, 'archived');
      });

      it('refuses to archive the promoted version with 409 and changes nothing', async () => {
        const [v1] = await lineage(uniqueId('keep-promoted'), 1);
        await promoteAs(v1);
        const response = await expectNoWrites(t, () =>
          patchAs(v1, { status: 'archived', raw_quality_score: 0.1 }),
        );
        expectError(response, 409, 'illegal_status_change');
        const model = await getModel(t, v1);
        assert.deepEqual([model.status, model.raw_quality_score], ['promoted', null]);
      });

      it('refuses a write-only token with 403 forbidden and changes nothing', async () => {
        const model = await registerModel(t, buildModelBody({ raw_quality_score: 0.1 }));
        expectError(await patchAs(model.id, { raw_quality_score: 0.2 }, writerToken), 403, 'forbidden');
        assert.equal((await getModel(t, model.id)).raw_quality_score, 0.1);
      });

      it('refuses a request without a token with 401 unauthenticated', async () => {
        const model = await registerModel(t, buildModelBody({ raw_quality_score: 0.1 }));
        const response = await t.request('PATCH', `/api/models/${model.id}`, {
          body: { raw_quality_score: 0.2 },
        });
        expectError(response, 401, 'unauthenticated');
        assert.equal((await getModel(t, model.id)).raw_quality_score, 0.1);
      });

      it('answers 404 not_found for an unknown id', async () => {
        expectError(await patchAs(uniqueId('ghost'), { raw_quality_score: 0.2 }), 404, 'not_found');
      });

      const badBodies: [string, unknown][] = [
        ['an empty body', {}],
        ['raw_quality_score 1.5', { raw_quality_score: 1.5 }],
        ['a negative raw_quality_score', { raw_quality_score: -0.1 }],
        ['a status other than archived', { status: 'promoted' }],
        ['a metric that is not a number', { evaluation_metrics: { rmse: '0.1' } }],
        ['an unknown field', { quality_score: 1 }],
      ];
      for (const [what, body] of badBodies) {
        it(`refuses ${what} with 400 invalid_request and changes nothing`, async () => {
          const model = await registerModel(t, buildModelBody({ raw_quality_score: 0.1 }));
          expectError(await expectNoWrites(t, () => patchAs(model.id, body)), 400, 'invalid_request');
          const after = await getModel(t, model.id);
          assert.deepEqual(
            [after.raw_quality_score, after.status, after.evaluation_metrics],
            [0.1, 'candidate', {}],
          );
        });
      }

      it('refuses malformed JSON with 400 invalid_request', async () => {
        const model = await registerModel(t, buildModelBody());
        expectError(
          await sendRaw(t, 'PATCH', `/api/models/${model.id}`, '{"raw_quality_score":'),
          400,
          'invalid_request',
        );
      });
    });
  });
}
