/**
 * The README's "When a dataset is retracted" walk-through, step by step through the API on the demo
 * world: an evaluator of its own, the dry run of retracting SEA-AD's version 2 (nothing written),
 * the retraction, the flagged versions and their edges in the review queue, and the reinstatement
 * that leaves the demo as it was (scores and flags; edges keep their review flags). Run twice on one
 * database — on a fresh demo world and on the used one — as the walk-through must run on both.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadDemoWorld } from '../../src/demo/load-demo.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { uniqueId } from '../support/factories.ts';
import { reinstate, retract, retractionFingerprint } from '../support/retraction.ts';
import { testStores } from '../support/stores.ts';

const SEA_AD = 'dataset-allen_brain-SEA-AD';
const REASON = 'donor metadata swapped in release 2';

type Item = { id: string; quality_score: number; flags: string[] };

for (const store of testStores()) {
  describe(`the retraction walk-through on the demo world, on ${store.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(store);
      await loadDemoWorld(t.deps);
    });
    after(() => t.close());

    const catalog = async (): Promise<Item[]> =>
      (await t.request('GET', '/api/models?all_versions=true&limit=200')).json().models;

    /** The walk-through's steps; returns what the test checks across runs. */
    async function walkThrough(context: { diagnostic(message: string): void }) {
      const reviewer = uniqueId('reviewer');
      const token = await t.agentToken(reviewer, ['evaluate']);
      const catalogBefore = await catalog();

      const fingerprint = await retractionFingerprint(t);
      const dry = await retract(t, SEA_AD, { version: 2, reason: REASON, dry_run: true }, token);
      assert.deepEqual(await retractionFingerprint(t), fingerprint, 'the dry run wrote nothing');
      assert.ok(dry.affected_models.includes('model-biophys-microglia-v2'));

      const done = await retract(
        t,
        SEA_AD,
        { version: 2, reason: REASON, evidence_url: 'https://example.org/sea-ad/erratum' },
        token,
      );
      assert.deepEqual(done.affected_models, dry.affected_models);
      assert.equal(done.flagged_edges, dry.flagged_edges);
      assert.equal(done.retracted.by, reviewer);
      context.diagnostic(
        `SEA-AD v2 reaches ${done.affected_models.length} versions (${done.affected_models.join(', ')}) and ${done.flagged_edges} edges`,
      );

      const flagged = (
        await t.request('GET', '/api/models?flag=retracted_input&all_versions=true&limit=50')
      ).json();
      assert.deepEqual(flagged.models.map((m: Item) => m.id).sort(), [...done.affected_models].sort());
      assert.ok(flagged.models.every((m: Item) => m.quality_score <= 0.3));
      const microglia = (await t.request('GET', '/api/models/model-biophys-microglia-v2')).json();
      assert.deepEqual(microglia.provenance.retracted, [{ artifact_id: SEA_AD, version: 2 }]);
      const dataset = (await t.request('GET', `/api/artifacts/${SEA_AD}`)).json();
      assert.equal(dataset.versions[1].retracted.reason, REASON);
      assert.equal(dataset.retracted, null);

      const queue = (await t.request('GET', '/api/kg/review?reason=retracted_input&limit=5')).json();
      assert.ok(queue.total >= done.flagged_edges);
      assert.ok(
        queue.edges.every((edge: { review_reason: string }) => edge.review_reason === 'retracted_input'),
      );

      const back = await reinstate(
        t,
        SEA_AD,
        { version: 2, reason: 'the erratum was wrong, not the data' },
        token,
      );
      assert.deepEqual([...back.restored_models].sort(), [...done.affected_models].sort());
      const catalogAfter = await catalog();
      assert.deepEqual(
        catalogAfter.map(({ id, quality_score, flags }) => ({ id, quality_score, flags })),
        catalogBefore.map(({ id, quality_score, flags }) => ({ id, quality_score, flags })),
        'the demo is as it was: every score and flag',
      );
      return done;
    }

    it('runs on a fresh demo world, and again on the used one', async (context) => {
      const first = await walkThrough(context);
      assert.ok(first.flagged_edges > 0, "microglia v2's edges are reached on a fresh world");
      const second = await walkThrough(context);
      assert.deepEqual(second.affected_models, first.affected_models);
      const history = (await t.request('GET', `/api/artifacts/${SEA_AD}`)).json().retractions;
      assert.equal(history.length, 2, 'both runs are in the history');
      assert.ok(history.every((entry: { reinstated: object | null }) => entry.reinstated !== null));
      // The other walk-throughs still work: the microglia promotion preview, for one.
      const preview = await t.request('POST', '/api/models/model-biophys-microglia-v3/impact-preview', {
        token: ADMIN_TOKEN,
        body: {},
      });
      assert.equal(preview.statusCode, 200, preview.body);
      assert.equal(preview.json().edges_total, 40);
    });
  });
}
