import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import {
  buildCompleteModelBody,
  createAnalysis,
  createArtifact,
  createDataset,
  createLink,
  createProvenanceWorld,
  expectError,
  expectNoWrites,
  getModel,
  type ProvenanceWorld,
  registerModel,
  uniqueId,
} from '../support/factories.ts';
import { testStores } from '../support/stores.ts';

const CAPPED = { quality_score: 0.3, flags: ['provenance_incomplete'] };

for (const store of testStores()) {
  describe(`provenance and quality score on ${store.name}`, () => {
    let t: TestApp;
    let world: ProvenanceWorld;
    before(async () => {
      t = await startTestApp(store);
      world = await createProvenanceWorld(t);
    });
    after(() => t.close());

    const scoreOf = async (id: string) => {
      const model = await getModel(t, id);
      return { quality_score: model.quality_score, flags: model.flags, missing: model.provenance.missing };
    };
    const listItem = async (id: string) => {
      const response = await t.request('GET', `/api/models?all_versions=true&q=${id}`);
      return response.json().models.find((item: { id: string }) => item.id === id);
    };

    it('passes a complete model version its raw score unflagged', async () => {
      const model = await registerModel(t, buildCompleteModelBody(world, { raw_quality_score: 0.9 }));
      assert.deepEqual(await scoreOf(model.id), { quality_score: 0.9, flags: [], missing: [] });
      assert.deepEqual((await listItem(model.id)).provenance, {
        complete: true,
        missing: [],
        completeness: 1,
      });
    });

    describe('each rule failing alone caps the score at 0.3 and names only that rule', () => {
      const cases: [string, string, (w: ProvenanceWorld, t: TestApp) => Promise<Record<string, unknown>>][] =
        [
          ['trained_on_dataset', 'no trained_on link', async () => ({ trained_on: [] })],
          [
            'trained_on_dataset',
            'a trained_on link to something that is not a dataset',
            async (_w, app) => ({
              trained_on: [{ dataset_id: await createArtifact(app, 'benchmark'), version: 1 }],
            }),
          ],
          ['produced_by_analysis', 'no produced_by link', async () => ({ produced_by: undefined })],
          [
            'produced_by_analysis',
            'a produced_by link to something that is not an analysis',
            async (w) => ({ produced_by: { analysis_id: w.hypothesisId } }),
          ],
          [
            'inputs_pinned',
            'an unpinned trained_on link',
            async (w) => ({ trained_on: [{ dataset_id: w.datasetId }] }),
          ],
          [
            'inputs_pinned',
            'an unpinned input of the model',
            async (w) => ({ inputs: [{ artifact_id: w.analysisInputId }] }),
          ],
          [
            'inputs_pinned',
            'an unpinned input of the producing analysis',
            async (_w, app) => ({
              produced_by: {
                analysis_id: await createAnalysis(app, [{ artifact_id: await createDataset(app) }]),
              },
            }),
          ],
          [
            'hypothesis_link',
            'a tests_hypothesis link to something that is not a hypothesis',
            async (w) => ({ tests_hypothesis: { hypothesis_id: w.analysisInputId } }),
          ],
        ];
      for (const [rule, what, overrides] of cases) {
        it(`names ${rule} for ${what}`, async () => {
          const body = buildCompleteModelBody(world, {
            raw_quality_score: 0.9,
            ...(await overrides(world, t)),
          });
          const model = await registerModel(t, body);
          assert.deepEqual(await scoreOf(model.id), { ...CAPPED, missing: [rule] });
          const item = await listItem(model.id);
          assert.deepEqual(item.provenance, { complete: false, missing: [rule], completeness: 0.75 });
          assert.deepEqual([item.quality_score, item.flags], [0.3, ['provenance_incomplete']]);
        });
      }
    });

    it('counts every failed rule in completeness', async () => {
      const model = await registerModel(
        t,
        buildCompleteModelBody(world, { trained_on: [], produced_by: undefined, raw_quality_score: 0.9 }),
      );
      assert.deepEqual(model.provenance, {
        complete: false,
        missing: ['trained_on_dataset', 'produced_by_analysis'],
        completeness: 0.5,
      });
    });

    it('does not raise a raw score that is already below the cap', async () => {
      const model = await registerModel(
        t,
        buildCompleteModelBody(world, { produced_by: undefined, raw_quality_score: 0.1 }),
      );
      assert.deepEqual(await scoreOf(model.id), {
        ...CAPPED,
        quality_score: 0.1,
        missing: ['produced_by_analysis'],
      });
    });

    it('scores a missing raw score as 0 whether or not provenance is complete', async () => {
      const complete = await registerModel(t, buildCompleteModelBody(world, { raw_quality_score: null }));
      const incomplete = await registerModel(
        t,
        buildCompleteModelBody(world, { raw_quality_score: undefined, trained_on: [] }),
      );
      assert.equal(complete.quality_score, 0);
      assert.equal(incomplete.quality_score, 0);
    });

    describe('links added later', () => {
      it('lifts the cap when a pinned trained_on link completes the provenance', async () => {
        const model = await registerModel(t, buildCompleteModelBody(world, { trained_on: [] }));
        assert.deepEqual(await scoreOf(model.id), { ...CAPPED, missing: ['trained_on_dataset'] });
        await createLink(t, {
          source_id: model.id,
          target_id: world.datasetId,
          link_type: 'trained_on',
          target_version: 1,
        });
        assert.deepEqual(await scoreOf(model.id), { quality_score: 0.9, flags: [], missing: [] });
      });

      it('keeps the cap when the added trained_on link is unpinned, now for inputs_pinned', async () => {
        const model = await registerModel(t, buildCompleteModelBody(world, { trained_on: [] }));
        await createLink(t, { source_id: model.id, target_id: world.datasetId, link_type: 'trained_on' });
        assert.deepEqual(await scoreOf(model.id), { ...CAPPED, missing: ['inputs_pinned'] });
      });

      it('lifts the cap when an unpinned trained_on link gets its pinned twin', async () => {
        const model = await registerModel(
          t,
          buildCompleteModelBody(world, { trained_on: [{ dataset_id: world.datasetId }] }),
        );
        assert.deepEqual(await scoreOf(model.id), { ...CAPPED, missing: ['inputs_pinned'] });
        await createLink(t, {
          source_id: model.id,
          target_id: world.datasetId,
          link_type: 'trained_on',
          target_version: 1,
        });
        assert.deepEqual(await scoreOf(model.id), { quality_score: 0.9, flags: [], missing: [] });
      });

      it('lifts the cap when the missing produced_by link is added', async () => {
        const model = await registerModel(t, buildCompleteModelBody(world, { produced_by: undefined }));
        assert.deepEqual(await scoreOf(model.id), { ...CAPPED, missing: ['produced_by_analysis'] });
        await createLink(t, { source_id: model.id, target_id: world.analysisId, link_type: 'produced_by' });
        assert.deepEqual(await scoreOf(model.id), { quality_score: 0.9, flags: [], missing: [] });
      });

      it('caps every model of an analysis that gains an unpinned input', async () => {
        const analysis = await createAnalysis(t, [{ artifact_id: world.datasetId, version: 1 }]);
        const models = [];
        for (let i = 0; i < 2; i++) {
          models.push(
            await registerModel(t, buildCompleteModelBody(world, { produced_by: { analysis_id: analysis } })),
          );
        }
        assert.deepEqual(
          models.map((m) => m.quality_score),
          [0.9, 0.9],
        );
        await createLink(t, { source_id: analysis, target_id: await createDataset(t), link_type: 'input' });
        for (const model of models) {
          assert.deepEqual(await scoreOf(model.id), { ...CAPPED, missing: ['inputs_pinned'] });
        }
      });

      it('leaves the score alone when the link is refused', async () => {
        const model = await registerModel(t, buildCompleteModelBody(world, { trained_on: [] }));
        const response = await expectNoWrites(t, () =>
          t.request('POST', '/api/links', {
            token: ADMIN_TOKEN,
            body: {
              source_id: model.id,
              target_id: world.datasetId,
              link_type: 'trained_on',
              target_version: 7,
            },
          }),
        );
        expectError(response, 422, 'missing_reference');
        assert.deepEqual(await scoreOf(model.id), { ...CAPPED, missing: ['trained_on_dataset'] });
      });

      it('re-sorts the quality_score list as soon as the link is added', async () => {
        const tag = uniqueId('resort');
        const steady = await registerModel(
          t,
          buildCompleteModelBody(world, { title: `${tag} steady`, raw_quality_score: 0.5 }),
        );
        const lifted = await registerModel(
          t,
          buildCompleteModelBody(world, {
            title: `${tag} lifted`,
            produced_by: undefined,
            raw_quality_score: 0.8,
          }),
        );
        const order = async () =>
          (await t.request('GET', `/api/models?q=${tag}&sort=quality_score`))
            .json()
            .models.map((item: { id: string; quality_score: number }) => [item.id, item.quality_score]);
        assert.deepEqual(await order(), [
          [steady.id, 0.5],
          [lifted.id, 0.3],
        ]);
        await createLink(t, { source_id: lifted.id, target_id: world.analysisId, link_type: 'produced_by' });
        assert.deepEqual(await order(), [
          [lifted.id, 0.8],
          [steady.id, 0.5],
        ]);
      });
    });
  });

  describe(`configured quality cap on ${store.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(store, { MODELGRAPH_QUALITY_CAP: '0.5' });
    });
    after(() => t.close());

    it('caps an incomplete model at MODELGRAPH_QUALITY_CAP', async () => {
      const world = await createProvenanceWorld(t);
      const model = await registerModel(
        t,
        buildCompleteModelBody(world, { produced_by: undefined, raw_quality_score: 0.9 }),
      );
      assert.equal(model.quality_score, 0.5);
      assert.deepEqual(model.flags, ['provenance_incomplete']);
    });
  });
}
