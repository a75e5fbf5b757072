import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.ts';
import {
  addVersion,
  buildModelBody,
  createAnalysis,
  createArtifact,
  createDataset,
  expectError,
  expectNoWrites,
  registerModel,
  sendRaw,
  uniqueId,
} from '../support/factories.ts';
import { testStores } from '../support/stores.ts';

for (const store of testStores()) {
  describe(`artifacts on ${store.name}`, () => {
    let t: TestApp;
    let writerToken: string;
    const writerId = uniqueId('writer');
    before(async () => {
      t = await startTestApp(store);
      writerToken = await t.agentToken(writerId, ['write']);
    });
    after(() => t.close());

    const post = (body: unknown, token = writerToken) => t.request('POST', '/api/artifacts', { token, body });

    describe('POST /api/artifacts', () => {
      it('creates the artifact with version 1, recorded as the caller', async () => {
        const id = uniqueId('dataset');
        const response = await post({
          id,
          type: 'dataset',
          title: 'SEA-AD snRNA-seq',
          metadata: { organism: 'human' },
          version: { digest: 'sha256:abc', uri: 's3://bucket/sea-ad' },
        });
        assert.equal(response.statusCode, 201, response.body);
        const artifact = response.json();
        assert.equal(artifact.id, id);
        assert.equal(artifact.type, 'dataset');
        assert.equal(artifact.created_by, writerId);
        assert.deepEqual(artifact.metadata, { organism: 'human' });
        assert.equal(artifact.versions.length, 1);
        assert.equal(artifact.versions[0].version_number, 1);
        assert.equal(artifact.versions[0].digest, 'sha256:abc');
        assert.equal(artifact.versions[0].uri, 's3://bucket/sea-ad');
        assert.equal(artifact.versions[0].created_by, writerId);
        assert.deepEqual(artifact.links, []);
      });

      it('generates an id from the title, and a suffixed one when it is taken', async () => {
        const title = `Allen Brain ${uniqueId('Atlas')}`;
        const first = (await post({ type: 'dataset', title })).json();
        const second = (await post({ type: 'dataset', title })).json();
        assert.match(first.id, /^allen-brain-atlas-[0-9a-f]{8}$/);
        assert.equal(second.id, `${first.id}-2`);
      });

      it('refuses a duplicate id with 409 already_exists and writes nothing', async () => {
        const id = await createDataset(t);
        const response = await expectNoWrites(t, () => post({ id, type: 'hypothesis', title: 'Another' }));
        expectError(response, 409, 'already_exists');
        assert.equal((await t.request('GET', `/api/artifacts/${id}`)).json().type, 'dataset');
      });

      it("refuses type 'model' with 422 rule_violation and writes nothing", async () => {
        const id = uniqueId('sneaky-model');
        const response = await expectNoWrites(t, () =>
          post({ id, type: 'model', title: 'Not via /api/models' }),
        );
        expectError(response, 422, 'rule_violation');
        expectError(await t.request('GET', `/api/artifacts/${id}`), 404, 'not_found');
      });

      const badBodies: [string, Record<string, unknown>][] = [
        ['a missing title', { type: 'dataset' }],
        ['a missing type', { title: 'x' }],
        ['an unknown type', { type: 'notebook', title: 'x' }],
        ['a title of the wrong type', { type: 'dataset', title: 42 }],
        ['metadata that is not an object', { type: 'dataset', title: 'x', metadata: 'a string' }],
        ['an unknown field', { type: 'dataset', title: 'x', owner: 'me' }],
        ['an unknown field in version', { type: 'dataset', title: 'x', version: { size: 3 } }],
        ['an id that does not match the pattern', { id: 'has space', type: 'dataset', title: 'x' }],
        ['an id longer than 128 characters', { id: 'a'.repeat(129), type: 'dataset', title: 'x' }],
      ];
      for (const [what, body] of badBodies) {
        it(`refuses ${what} with 400 invalid_request and writes nothing`, async () => {
          expectError(await expectNoWrites(t, () => post(body)), 400, 'invalid_request');
        });
      }

      it('refuses malformed JSON with 400 invalid_request and writes nothing', async () => {
        const response = await expectNoWrites(t, () =>
          sendRaw(t, 'POST', '/api/artifacts', '{"type": "dataset",'),
        );
        expectError(response, 400, 'invalid_request');
      });

      it('refuses a request without a token with 401 unauthenticated and writes nothing', async () => {
        const response = await expectNoWrites(t, () =>
          t.request('POST', '/api/artifacts', { body: { type: 'dataset', title: 'x' } }),
        );
        expectError(response, 401, 'unauthenticated');
      });

      it('refuses a bad token with 401 unauthenticated and writes nothing', async () => {
        const response = await expectNoWrites(t, () => post({ type: 'dataset', title: 'x' }, 'mg_wrong'));
        expectError(response, 401, 'unauthenticated');
      });

      it('refuses a token without the write scope with 403 forbidden and writes nothing', async () => {
        const evaluator = await t.agentToken(uniqueId('evaluator-only'), ['evaluate']);
        const response = await expectNoWrites(t, () => post({ type: 'dataset', title: 'x' }, evaluator));
        expectError(response, 403, 'forbidden');
      });
    });

    describe('POST /api/artifacts/{id}/versions', () => {
      it('numbers new versions 2, 3, … and records the caller', async () => {
        const id = await createDataset(t);
        const response = await t.request('POST', `/api/artifacts/${id}/versions`, {
          token: writerToken,
          body: { digest: 'sha256:v2', uri: 'file:///v2', metadata: { rows: 10 } },
        });
        assert.equal(response.statusCode, 201, response.body);
        const version: Record<string, unknown> = response.json();
        assert.deepEqual(
          { ...version, created_at: undefined },
          {
            artifact_id: id,
            version_number: 2,
            digest: 'sha256:v2',
            uri: 'file:///v2',
            metadata: { rows: 10 },
            created_by: writerId,
            created_at: undefined,
          },
        );
        assert.equal(await addVersion(t, id), 3);
        const versions = (await t.request('GET', `/api/artifacts/${id}`)).json().versions;
        assert.deepEqual(
          versions.map((v: { version_number: number }) => v.version_number),
          [1, 2, 3],
        );
      });

      it('answers 404 not_found for an unknown artifact and writes nothing', async () => {
        const response = await expectNoWrites(t, () =>
          t.request('POST', `/api/artifacts/${uniqueId('ghost')}/versions`, { token: writerToken, body: {} }),
        );
        expectError(response, 404, 'not_found');
      });

      it('refuses a new version of a model version with 422 rule_violation', async () => {
        const model = await registerModel(t, buildModelBody());
        const response = await expectNoWrites(t, () =>
          t.request('POST', `/api/artifacts/${model.id}/versions`, { token: writerToken, body: {} }),
        );
        expectError(response, 422, 'rule_violation');
      });

      it('refuses an unknown field with 400 invalid_request', async () => {
        const id = await createDataset(t);
        const response = await expectNoWrites(t, () =>
          t.request('POST', `/api/artifacts/${id}/versions`, {
            token: writerToken,
            body: { version_number: 7 },
          }),
        );
        expectError(response, 400, 'invalid_request');
      });

      it('refuses a request without a token with 401 unauthenticated', async () => {
        const id = await createDataset(t);
        const response = await expectNoWrites(t, () =>
          t.request('POST', `/api/artifacts/${id}/versions`, { body: {} }),
        );
        expectError(response, 401, 'unauthenticated');
      });
    });

    describe('GET /api/artifacts/{id}', () => {
      it('returns links in both directions with the other end described', async () => {
        const dataset = await createDataset(t);
        const analysis = await createAnalysis(t, [{ artifact_id: dataset, version: 1 }]);
        const downstream = await createArtifact(t, 'benchmark');
        await t.request('POST', '/api/links', {
          token: writerToken,
          body: { source_id: downstream, target_id: analysis, link_type: 'derived_from' },
        });
        const detail = (await t.request('GET', `/api/artifacts/${analysis}`)).json();
        const summary = detail.links.map((link: Record<string, unknown>) => ({
          direction: link.direction,
          link_type: link.link_type,
          other: link.other,
          target_version: link.target_version,
        }));
        assert.deepEqual(summary, [
          {
            direction: 'out',
            link_type: 'input',
            other: { id: dataset, type: 'dataset', title: `dataset ${dataset}` },
            target_version: 1,
          },
          {
            direction: 'in',
            link_type: 'derived_from',
            other: { id: downstream, type: 'benchmark', title: `benchmark ${downstream}` },
            target_version: null,
          },
        ]);
      });

      it('answers 404 not_found for an unknown id', async () => {
        expectError(await t.request('GET', `/api/artifacts/${uniqueId('ghost')}`), 404, 'not_found');
      });
    });
  });
}
