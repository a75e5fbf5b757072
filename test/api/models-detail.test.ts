import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.ts';
import {
  buildCompleteModelBody,
  buildModelBody,
  createDataset,
  createProvenanceWorld,
  expectError,
  getModel,
  type ProvenanceWorld,
  promote,
  promotionEvents,
  registerModel,
  uniqueId,
} from '../support/factories.ts';
import { testStores } from '../support/stores.ts';

for (const store of testStores()) {
  describe(`GET /api/models/{id} on ${store.name}`, () => {
    let t: TestApp;
    let world: ProvenanceWorld;
    before(async () => {
      t = await startTestApp(store);
      world = await createProvenanceWorld(t);
    });
    after(() => t.close());

    it('lists the whole lineage oldest first, from any version', async () => {
      const modelName = uniqueId('lineage');
      const registered = [];
      for (const raw of [0.1, 0.2, 0.3]) {
        registered.push(
          await registerModel(t, buildModelBody({ model_name: modelName, raw_quality_score: raw })),
        );
      }
      const fromFirst = await getModel(t, registered[0].id);
      assert.deepEqual(
        fromFirst.versions.map((v: Record<string, unknown>) => [
          v.id,
          v.version_number,
          v.status,
          v.is_latest,
          v.quality_score,
        ]),
        [
          [`${modelName}-v1`, 1, 'candidate', false, 0.1],
          [`${modelName}-v2`, 2, 'candidate', false, 0.2],
          [`${modelName}-v3`, 3, 'candidate', true, 0.3],
        ],
      );
      assert.deepEqual((await getModel(t, registered[2].id)).versions, fromFirst.versions);
      assert.deepEqual(
        fromFirst.versions.map((v: { created_at: string }) => v.created_at),
        registered.map((m) => m.created_at),
      );
    });

    it('describes each link with the linked artifact id, type, title and pinned version', async () => {
      const extraInput = await createDataset(t);
      const model = await registerModel(
        t,
        buildCompleteModelBody(world, {
          trained_on: [{ dataset_id: world.datasetId, version: 1 }, { dataset_id: extraInput }],
          inputs: [{ artifact_id: world.analysisInputId, version: 1 }],
        }),
      );
      const detail = await getModel(t, model.id);
      assert.deepEqual(detail.links, {
        trained_on: [
          { id: world.datasetId, type: 'dataset', title: `dataset ${world.datasetId}`, version: 1 },
          { id: extraInput, type: 'dataset', title: `dataset ${extraInput}`, version: null },
        ],
        produced_by: [
          { id: world.analysisId, type: 'analysis', title: `analysis ${world.analysisId}`, version: null },
        ],
        tests_hypothesis: [
          {
            id: world.hypothesisId,
            type: 'hypothesis',
            title: `hypothesis ${world.hypothesisId}`,
            version: null,
          },
        ],
        inputs: [
          {
            id: world.analysisInputId,
            type: 'dataset',
            title: `dataset ${world.analysisInputId}`,
            version: 1,
          },
        ],
      });
      assert.deepEqual(detail.provenance, {
        complete: false,
        missing: ['inputs_pinned'],
        completeness: 0.75,
      });
    });

    it('shows the stored provenance and score of a complete model', async () => {
      const detail = await getModel(t, (await registerModel(t, buildCompleteModelBody(world))).id);
      assert.deepEqual(detail.provenance, { complete: true, missing: [], completeness: 1 });
      assert.deepEqual(detail.flags, []);
      assert.equal(detail.quality_score, 0.9);
      assert.deepEqual(detail.attributed_edges, { count: 0, flagged: 0 });
    });

    it('has no events before a promotion and the promotion event after it', async () => {
      const model = await registerModel(t, buildModelBody());
      assert.deepEqual((await getModel(t, model.id)).events, []);
      const { event } = await promote(t, model.id);
      const detail = await getModel(t, model.id);
      assert.deepEqual(promotionEvents(detail), [event]);
      assert.equal(event.target_artifact_id, model.id);
      assert.ok(
        detail.events.every((e: { target_artifact_id: string }) => e.target_artifact_id === model.id),
      );
    });

    it('lists the newest event first', async () => {
      const modelName = uniqueId('evented');
      const v1 = await registerModel(t, buildModelBody({ model_name: modelName }));
      const v2 = await registerModel(t, buildModelBody({ model_name: modelName }));
      const first = (await promote(t, v1.id)).event;
      await promote(t, v2.id);
      const again = (await promote(t, v1.id)).event;
      const detail = await getModel(t, v1.id);
      assert.deepEqual(
        promotionEvents<{ event_type: string; id: number }>(detail).map((e) => e.id),
        [again.id, first.id],
      );
      const times = detail.events.map((e: { created_at: string }) => e.created_at);
      assert.deepEqual(times, [...times].sort().reverse());
    });

    it('answers 404 not_found for an unknown id', async () => {
      expectError(await t.request('GET', `/api/models/${uniqueId('ghost')}`), 404, 'not_found');
    });

    it('answers 404 not_found for an artifact that is not a model', async () => {
      expectError(await t.request('GET', `/api/models/${world.datasetId}`), 404, 'not_found');
    });
  });
}
