/**
 * Who may retract and reinstate (the artifact's creator, or scope evaluate), what may be retracted
 * (datasets, analyses, benchmarks), and every refusal of the two routes — each with its status and
 * code, and nothing changed: no row added, no score, flag, review flag or retraction touched.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.ts';
import {
  buildModelBody,
  createArtifact,
  createDataset,
  createHypothesis,
  registerModel,
  sendRaw,
  uniqueId,
} from '../support/factories.ts';
import {
  expectRetractionRefused,
  reinstate,
  retract,
  sendReinstate,
  sendRetract,
} from '../support/retraction.ts';
import { testStores } from '../support/stores.ts';

for (const store of testStores()) {
  describe(`retraction rights and refusals on ${store.name}`, () => {
    let t: TestApp;
    let evaluator: string;
    let writer: string;
    let creator: string;
    let creatorId: string;
    let datasetId: string;
    let ownDatasetId: string;
    let hypothesisId: string;
    let modelId: string;
    let retractedId: string;
    const why = { reason: 'a reason' };

    before(async () => {
      t = await startTestApp(store);
      evaluator = await t.agentToken(uniqueId('evaluator'), ['evaluate']);
      writer = await t.agentToken(uniqueId('writer'), ['write']);
      creatorId = uniqueId('creator');
      creator = await t.agentToken(creatorId, ['write']);
      datasetId = await createDataset(t);
      ownDatasetId = await createArtifact(t, 'dataset', {}, creator);
      hypothesisId = await createHypothesis(t);
      modelId = (
        await registerModel(t, buildModelBody({ trained_on: [{ dataset_id: datasetId, version: 1 }] }))
      ).id;
      retractedId = await createDataset(t);
      await retract(t, retractedId, { reason: 'retracted whole' });
    });
    after(() => t.close());

    it('lets the creator retract and reinstate its own dataset with a write token', async () => {
      const done = await retract(t, ownDatasetId, { reason: 'my own mistake' }, creator);
      assert.equal(done.retracted.by, creatorId);
      const back = await reinstate(t, ownDatasetId, { reason: 'fixed upstream' }, creator);
      assert.equal(back.reinstated.by, creatorId);
    });

    it('lets an evaluator retract any analysis or benchmark', async () => {
      for (const type of ['analysis', 'benchmark'] as const) {
        const id = await createArtifact(t, type);
        const done = await retract(t, id, { reason: `${type} withdrawn` }, evaluator);
        assert.equal(done.artifact_id, id);
      }
    });

    const retractions: [string, () => ReturnType<TestApp['request']>, number, string][] = [
      [
        'no token',
        () => t.request('POST', `/api/artifacts/${datasetId}/retract`, { body: why }),
        401,
        'unauthenticated',
      ],
      ['a writer who did not create it', () => sendRetract(t, datasetId, why, writer), 403, 'forbidden'],
      ['an unknown artifact', () => sendRetract(t, uniqueId('nope'), why), 404, 'not_found'],
      ['a hypothesis', () => sendRetract(t, hypothesisId, why), 400, 'not_retractable'],
      ['a model version', () => sendRetract(t, modelId, why), 400, 'not_retractable'],
      [
        'a version the artifact does not have',
        () => sendRetract(t, datasetId, { ...why, version: 9 }),
        422,
        'missing_reference',
      ],
      ['version 0', () => sendRetract(t, datasetId, { ...why, version: 0 }), 400, 'invalid_request'],
      ['no reason', () => sendRetract(t, datasetId, {}), 400, 'invalid_request'],
      ['an empty reason', () => sendRetract(t, datasetId, { reason: '' }), 400, 'invalid_request'],
      ['a reason of blanks', () => sendRetract(t, datasetId, { reason: '   ' }), 400, 'invalid_request'],
      [
        'a reason of 2001 characters',
        () => sendRetract(t, datasetId, { reason: 'x'.repeat(2001) }),
        400,
        'invalid_request',
      ],
      [
        'an ftp evidence URL',
        () => sendRetract(t, datasetId, { ...why, evidence_url: 'ftp://example.org/erratum' }),
        400,
        'invalid_request',
      ],
      [
        'an evidence URL that is no URL',
        () => sendRetract(t, datasetId, { ...why, evidence_url: 'https://' }),
        400,
        'invalid_request',
      ],
      [
        'an unknown field',
        () => sendRetract(t, datasetId, { ...why, severity: 'high' }),
        400,
        'invalid_request',
      ],
      [
        'a dry_run that is not a boolean',
        () => sendRetract(t, datasetId, { ...why, dry_run: 'yes' }),
        400,
        'invalid_request',
      ],
      [
        'malformed JSON',
        () => sendRaw(t, 'POST', `/api/artifacts/${datasetId}/retract`, '{"reason":'),
        400,
        'invalid_request',
      ],
      ['an artifact retracted already', () => sendRetract(t, retractedId, why), 409, 'already_retracted'],
      [
        'a version of an artifact retracted whole',
        () => sendRetract(t, retractedId, { ...why, version: 1 }),
        409,
        'already_retracted',
      ],
      [
        'a dry run on an artifact retracted already',
        () => sendRetract(t, retractedId, { ...why, dry_run: true }),
        409,
        'already_retracted',
      ],
    ];
    for (const [what, send, status, code] of retractions) {
      it(`refuses to retract ${what} with ${status} ${code}, changing nothing`, async () => {
        await expectRetractionRefused(t, send, status, code);
      });
    }

    const reinstatements: [string, () => ReturnType<TestApp['request']>, number, string][] = [
      [
        'no token',
        () => t.request('POST', `/api/artifacts/${retractedId}/reinstate`, { body: why }),
        401,
        'unauthenticated',
      ],
      ['a writer who did not create it', () => sendReinstate(t, retractedId, why, writer), 403, 'forbidden'],
      ['an unknown artifact', () => sendReinstate(t, uniqueId('nope'), why), 404, 'not_found'],
      ['a hypothesis', () => sendReinstate(t, hypothesisId, why), 400, 'not_retractable'],
      [
        'a version the artifact does not have',
        () => sendReinstate(t, retractedId, { ...why, version: 4 }),
        422,
        'missing_reference',
      ],
      ['no reason', () => sendReinstate(t, retractedId, {}), 400, 'invalid_request'],
      [
        'an evidence URL (a reinstatement takes none)',
        () => sendReinstate(t, retractedId, { ...why, evidence_url: 'https://x.org' }),
        400,
        'invalid_request',
      ],
      ['an artifact that is not retracted', () => sendReinstate(t, datasetId, why), 409, 'not_retracted'],
      [
        'a version retracted only with its whole artifact',
        () => sendReinstate(t, retractedId, { ...why, version: 1 }),
        409,
        'not_retracted',
      ],
      [
        'a dry run on an artifact that is not retracted',
        () => sendReinstate(t, datasetId, { ...why, dry_run: true }),
        409,
        'not_retracted',
      ],
    ];
    for (const [what, send, status, code] of reinstatements) {
      it(`refuses to reinstate ${what} with ${status} ${code}, changing nothing`, async () => {
        await expectRetractionRefused(t, send, status, code);
      });
    }

    it('names the retraction in force in a 409 already_retracted', async () => {
      const error = await expectRetractionRefused(
        t,
        () => sendRetract(t, retractedId, why),
        409,
        'already_retracted',
      );
      assert.deepEqual(Object.keys(error.details as object).sort(), ['retraction_id', 'version']);
      assert.equal((error.details as { version: null }).version, null);
    });
  });
}
