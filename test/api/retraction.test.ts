/**
 * Retraction through the API: the dry run and the retraction give the same answer, the model
 * versions built on the target (pinned to the version, unpinned on a whole artifact, through model
 * inputs and derived_from chains) are flagged and capped and their active edges flagged for review,
 * a version registered later is flagged from the start, and reinstating gives every score back while
 * edges keep their flags.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { buildModelBody, getModel, registerModel } from '../support/factories.ts';
import { reinstate, retract, retractionFingerprint, sendRetract } from '../support/retraction.ts';
import { buildRetractionWorld, type RetractionWorld } from '../support/retraction-world.ts';
import { testStores } from '../support/stores.ts';

type Edge = {
  id: string;
  review_flag: boolean;
  review_reason: string | null;
  confidence: number;
  status: string;
};

for (const store of testStores()) {
  describe(`retracting a dataset version on ${store.name}`, () => {
    let t: TestApp;
    let w: RetractionWorld;
    let before_: Record<string, { quality_score: number; flags: string[] }>;
    let answer: Record<string, unknown>;
    const edge = async (id: string): Promise<Edge> => (await t.request('GET', `/api/kg/edges/${id}`)).json();
    const reason = 'v2 mislabelled 40 donors; see the erratum';

    before(async () => {
      t = await startTestApp(store);
      w = await buildRetractionWorld(t);
      before_ = {};
      for (const id of [w.pinnedV2, w.unpinned, w.pinnedV1, w.viaInput, w.viaDerived, w.viaAnalysis]) {
        const model = await getModel(t, id);
        before_[id] = { quality_score: model.quality_score, flags: model.flags };
      }
    });
    after(() => t.close());

    it('answers a dry run with what it would touch, and writes nothing', async () => {
      const fingerprint = await retractionFingerprint(t);
      answer = await retract(t, w.datasetId, {
        version: 2,
        reason,
        evidence_url: 'https://doi.org/10.1000/erratum',
        dry_run: true,
      });
      assert.deepEqual(await retractionFingerprint(t), fingerprint, 'the dry run changed something');
      assert.equal(answer.artifact_id, w.datasetId);
      assert.equal(answer.version, 2);
      assert.equal(answer.dry_run, true);
      assert.deepEqual(answer.affected_models, [w.pinnedV2, w.viaInput, w.viaDerived].sort());
      assert.equal(answer.flagged_edges, 5, 'three active edges of pinnedV2 and two of viaDerived');
      const retracted = answer.retracted as Record<string, unknown>;
      assert.equal(retracted.by, 'admin');
      assert.equal(retracted.reason, reason);
      assert.equal(retracted.evidence_url, 'https://doi.org/10.1000/erratum');
      assert.ok(!Number.isNaN(Date.parse(retracted.at as string)));
    });

    it('retracts with the dry run’s answer, flagging and capping every version built on v2', async () => {
      const done = await retract(t, w.datasetId, {
        version: 2,
        reason,
        evidence_url: 'https://doi.org/10.1000/erratum',
      });
      assert.equal(done.dry_run, false);
      const strip = (a: Record<string, unknown>) => ({ ...a, dry_run: undefined, retracted: undefined });
      assert.deepEqual(strip(done), strip(answer));
      for (const id of [w.pinnedV2, w.viaInput, w.viaDerived]) {
        const model = await getModel(t, id);
        assert.ok(model.flags.includes('retracted_input'), `${id} is flagged`);
        assert.equal(model.quality_score, Math.min(before_[id].quality_score, 0.3), `${id} is capped`);
        assert.deepEqual(model.provenance.retracted, [{ artifact_id: w.datasetId, version: 2 }]);
      }
      const complete = await getModel(t, w.pinnedV2);
      assert.equal(complete.provenance.complete, true, 'the four rules still pass');
      assert.deepEqual(complete.provenance.missing, []);
    });

    it('leaves what is not built on v2 as it was: v1, unpinned links, an analysis’s input', async () => {
      for (const id of [w.unpinned, w.pinnedV1, w.viaAnalysis]) {
        const model = await getModel(t, id);
        assert.deepEqual(
          { quality_score: model.quality_score, flags: model.flags },
          before_[id],
          `${id} is unchanged`,
        );
        assert.equal(model.provenance.retracted, undefined);
      }
    });

    it('flags the active edges of the affected versions for review, changing nothing else', async () => {
      for (const id of [...w.edges.pinnedV2, ...w.edges.viaDerived]) {
        const flagged = await edge(id);
        assert.equal(flagged.review_flag, true, `${id} is flagged`);
        assert.equal(flagged.review_reason, 'retracted_input');
        assert.equal(flagged.status, 'active');
      }
      const confidences = await Promise.all(w.edges.pinnedV2.map(async (id) => (await edge(id)).confidence));
      assert.deepEqual(confidences, [0.9, 0.6, 0.3]);
      const reviewed = await edge(w.edges.retractedByReviewer);
      assert.deepEqual(
        { flag: reviewed.review_flag, reason: reviewed.review_reason, status: reviewed.status },
        { flag: false, reason: null, status: 'retracted' },
      );
    });

    it('shows the retraction on the artifact: its version, not the artifact, and the history', async () => {
      const detail = (await t.request('GET', `/api/artifacts/${w.datasetId}`)).json();
      assert.equal(detail.retracted, null);
      assert.equal(detail.versions[0].retracted, null);
      assert.deepEqual(
        { ...detail.versions[1].retracted, at: undefined },
        { by: 'admin', reason, evidence_url: 'https://doi.org/10.1000/erratum', at: undefined },
      );
      assert.equal(detail.retractions.length, 1);
      assert.equal(detail.retractions[0].version, 2);
      assert.equal(detail.retractions[0].reinstated, null);
    });

    it('lists the flagged versions with flag=retracted_input and the edges with reason=retracted_input', async () => {
      const list = (
        await t.request('GET', '/api/models?flag=retracted_input&all_versions=true&limit=200')
      ).json();
      assert.deepEqual(
        list.models.map((m: { id: string }) => m.id).sort(),
        [w.pinnedV2, w.viaInput, w.viaDerived].sort(),
      );
      assert.equal(list.total, 3);
      const queue = (await t.request('GET', '/api/kg/review?reason=retracted_input')).json();
      assert.equal(queue.total, 5);
      assert.ok(queue.edges.every((e: Edge) => e.review_reason === 'retracted_input'));
      assert.equal((await t.request('GET', '/api/kg/review?reason=large_decrease')).json().total, 0);
    });

    it('writes one artifact_retracted event with the counts', async () => {
      const events = (
        await t.request('GET', `/api/events?type=artifact_retracted&target=${w.datasetId}`)
      ).json();
      assert.equal(events.total, 1);
      const metadata = events.events[0].detection_metadata;
      assert.equal(metadata.version, 2);
      assert.equal(metadata.reason, reason);
      assert.equal(metadata.affected_models_count, 3);
      assert.equal(metadata.flagged_edges, 5);
      assert.deepEqual(metadata.affected_models, [w.pinnedV2, w.viaInput, w.viaDerived].sort());
    });

    it('flags and caps a version registered later on v2, or on an affected version, from the start', async () => {
      const onV2 = await registerModel(
        t,
        buildModelBody({ trained_on: [{ dataset_id: w.datasetId, version: 2 }], raw_quality_score: 0.95 }),
      );
      assert.deepEqual(onV2.flags, ['provenance_incomplete', 'retracted_input']);
      assert.equal(onV2.quality_score, 0.3);
      const onAffected = await registerModel(
        t,
        buildModelBody({
          trained_on: [{ dataset_id: w.datasetId, version: 1 }],
          inputs: [{ artifact_id: w.viaDerived }],
          raw_quality_score: 0.95,
        }),
      );
      assert.ok(onAffected.flags.includes('retracted_input'));
      assert.deepEqual(onAffected.provenance.retracted, [{ artifact_id: w.datasetId, version: 2 }]);
      const onV1 = await registerModel(
        t,
        buildModelBody({ trained_on: [{ dataset_id: w.datasetId, version: 1 }], raw_quality_score: 0.95 }),
      );
      assert.ok(!onV1.flags.includes('retracted_input'));
      // A PATCH of the raw score keeps the cap.
      const patched = await t.request('PATCH', `/api/models/${onV2.id}`, {
        token: ADMIN_TOKEN,
        body: { raw_quality_score: 0.99 },
      });
      assert.equal(patched.json().quality_score, 0.3);
    });

    it('flags a version that links to v2 later, and what is built on it', async () => {
      const later = await registerModel(t, buildModelBody({ raw_quality_score: 0.9 }));
      const onLater = await registerModel(t, buildModelBody({ inputs: [{ artifact_id: later.id }] }));
      assert.deepEqual(later.flags.includes('retracted_input'), false);
      const link = await t.request('POST', '/api/links', {
        token: ADMIN_TOKEN,
        body: { source_id: later.id, target_id: w.datasetId, link_type: 'trained_on', target_version: 2 },
      });
      assert.equal(link.statusCode, 201, link.body);
      assert.ok((await getModel(t, later.id)).flags.includes('retracted_input'));
      assert.ok((await getModel(t, onLater.id)).flags.includes('retracted_input'), 'transitively too');
    });

    it('reinstates: the scores and flags come back, the edges keep their review flags', async () => {
      const done = await reinstate(t, w.datasetId, { version: 2, reason: 'the erratum was itself wrong' });
      assert.equal(done.dry_run, false);
      assert.equal(done.version, 2);
      assert.equal(done.retraction.reason, reason);
      assert.equal(done.reinstated.reason, 'the erratum was itself wrong');
      for (const id of [w.pinnedV2, w.viaInput, w.viaDerived]) {
        const model = await getModel(t, id);
        assert.deepEqual(
          { quality_score: model.quality_score, flags: model.flags },
          before_[id],
          `${id} restored`,
        );
        assert.equal(model.provenance.retracted, undefined);
        assert.ok(done.restored_models.includes(id));
      }
      for (const id of [...w.edges.pinnedV2, ...w.edges.viaDerived]) {
        const kept = await edge(id);
        assert.deepEqual(
          [kept.review_flag, kept.review_reason],
          [true, 'retracted_input'],
          `${id} keeps its flag`,
        );
      }
      const detail = (await t.request('GET', `/api/artifacts/${w.datasetId}`)).json();
      assert.equal(detail.versions[1].retracted, null);
      assert.equal(detail.retractions.length, 1, 'the retraction stays in the history');
      assert.equal(detail.retractions[0].reinstated.reason, 'the erratum was itself wrong');
      const list = (await t.request('GET', '/api/models?flag=retracted_input&all_versions=true')).json();
      assert.equal(list.total, 0);
    });

    it('can retract the same version again after its reinstatement', async () => {
      const again = await sendRetract(t, w.datasetId, { version: 2, reason: 'retracted again' });
      assert.equal(again.statusCode, 200, again.body);
      const detail = (await t.request('GET', `/api/artifacts/${w.datasetId}`)).json();
      assert.equal(detail.retractions.length, 2);
      assert.equal(detail.versions[1].retracted.reason, 'retracted again');
    });
  });

  describe(`retracting a whole artifact on ${store.name}`, () => {
    let t: TestApp;
    let w: RetractionWorld;

    before(async () => {
      t = await startTestApp(store);
      w = await buildRetractionWorld(t);
    });
    after(() => t.close());

    it('reaches every link to it, pinned to any version or not', async () => {
      const done = await retract(t, w.datasetId, { reason: 'consent withdrawn' });
      assert.equal(done.version, null);
      assert.deepEqual(
        done.affected_models,
        [w.pinnedV2, w.unpinned, w.pinnedV1, w.viaInput, w.viaDerived].sort(),
        'not the version produced by an analysis that consumed it',
      );
      const detail = (await t.request('GET', `/api/artifacts/${w.datasetId}`)).json();
      assert.equal(detail.retracted.reason, 'consent withdrawn');
      assert.ok(
        detail.versions.every(
          (v: { retracted: { reason: string } }) => v.retracted.reason === 'consent withdrawn',
        ),
      );
      assert.deepEqual((await getModel(t, w.pinnedV1)).provenance.retracted, [
        { artifact_id: w.datasetId, version: null },
      ]);
    });

    it('keeps a version flagged while another retraction reaches it', async () => {
      const versionOne = await sendRetract(t, w.datasetId, { version: 1, reason: 'v1 also wrong' });
      assert.equal(versionOne.statusCode, 409, 'the whole artifact covers v1 already');
      const analysis = await retract(t, w.analysisId, { reason: 'the analysis is withdrawn' });
      assert.deepEqual(
        analysis.affected_models,
        [w.pinnedV2, w.viaInput, w.viaDerived, w.viaAnalysis].sort(),
      );
      const done = await reinstate(t, w.datasetId, { reason: 'consent restored', dry_run: true });
      assert.equal(done.dry_run, true);
      assert.deepEqual(done.restored_models, [w.unpinned, w.pinnedV1].sort());
      const real = await reinstate(t, w.datasetId, { reason: 'consent restored' });
      assert.deepEqual(
        { ...real, reinstated: undefined, dry_run: undefined },
        {
          ...done,
          reinstated: undefined,
          dry_run: undefined,
        },
      );
      assert.deepEqual((await getModel(t, w.pinnedV2)).provenance.retracted, [
        { artifact_id: w.analysisId, version: null },
      ]);
      assert.ok(!(await getModel(t, w.pinnedV1)).flags.includes('retracted_input'));
    });
  });
}
