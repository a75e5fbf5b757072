import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.ts';
import {
  addVersion,
  createArtifact,
  createDataset,
  expectError,
  expectNoWrites,
  uniqueId,
} from '../support/factories.ts';
import { testStores } from '../support/stores.ts';

for (const store of testStores()) {
  describe(`links on ${store.name}`, () => {
    let t: TestApp;
    let writerToken: string;
    const writerId = uniqueId('writer');
    before(async () => {
      t = await startTestApp(store);
      writerToken = await t.agentToken(writerId, ['write']);
    });
    after(() => t.close());

    describe('POST /api/links', () => {
      const link = (body: unknown, token = writerToken) => t.request('POST', '/api/links', { token, body });

      it('creates a pinned link recorded as the caller', async () => {
        const [source, target] = [await createArtifact(t, 'analysis'), await createDataset(t)];
        await addVersion(t, target);
        const response = await link({
          source_id: source,
          target_id: target,
          link_type: 'input',
          target_version: 2,
        });
        assert.equal(response.statusCode, 201, response.body);
        const created = response.json();
        assert.equal(typeof created.id, 'number');
        assert.deepEqual(
          [
            created.source_id,
            created.target_id,
            created.link_type,
            created.target_version,
            created.created_by,
          ],
          [source, target, 'input', 2, writerId],
        );
      });

      it('refuses a duplicate link with 409 already_exists and writes nothing', async () => {
        const [source, target] = [await createArtifact(t, 'analysis'), await createDataset(t)];
        await link({ source_id: source, target_id: target, link_type: 'input' });
        const response = await expectNoWrites(t, () =>
          link({ source_id: source, target_id: target, link_type: 'input' }),
        );
        expectError(response, 409, 'already_exists');
      });

      it('refuses a link to a missing artifact with 422 missing_reference naming it, and writes nothing', async () => {
        const source = await createArtifact(t, 'analysis');
        const ghost = uniqueId('ghost');
        const response = await expectNoWrites(t, () =>
          link({ source_id: source, target_id: ghost, link_type: 'input' }),
        );
        assert.deepEqual(expectError(response, 422, 'missing_reference').details, { missing: [ghost] });
      });

      it('refuses a link from a missing artifact with 422 missing_reference', async () => {
        const target = await createDataset(t);
        const response = await expectNoWrites(t, () =>
          link({ source_id: uniqueId('ghost'), target_id: target, link_type: 'derived_from' }),
        );
        expectError(response, 422, 'missing_reference');
      });

      it('refuses a pin to a version that does not exist with 422 missing_reference', async () => {
        const [source, target] = [await createArtifact(t, 'analysis'), await createDataset(t)];
        const response = await expectNoWrites(t, () =>
          link({ source_id: source, target_id: target, link_type: 'input', target_version: 5 }),
        );
        assert.deepEqual(expectError(response, 422, 'missing_reference').details, {
          missing: [`${target}@5`],
        });
      });

      it('refuses a trained_on link that does not start from a model with 422 rule_violation', async () => {
        const [source, target] = [await createArtifact(t, 'analysis'), await createDataset(t)];
        const response = await expectNoWrites(t, () =>
          link({ source_id: source, target_id: target, link_type: 'trained_on' }),
        );
        expectError(response, 422, 'rule_violation');
      });

      const badBodies: [string, Record<string, unknown>][] = [
        ['an unknown link_type', { source_id: 'a', target_id: 'b', link_type: 'cites' }],
        ['a missing target_id', { source_id: 'a', link_type: 'input' }],
        ['a target_version of 0', { source_id: 'a', target_id: 'b', link_type: 'input', target_version: 0 }],
        [
          'a target_version that is a string',
          { source_id: 'a', target_id: 'b', link_type: 'input', target_version: 'v1' },
        ],
        ['an unknown field', { source_id: 'a', target_id: 'b', link_type: 'input', weight: 1 }],
      ];
      for (const [what, body] of badBodies) {
        it(`refuses ${what} with 400 invalid_request`, async () => {
          expectError(await expectNoWrites(t, () => link(body)), 400, 'invalid_request');
        });
      }

      it('refuses a request without a token with 401 unauthenticated', async () => {
        const [source, target] = [await createArtifact(t, 'analysis'), await createDataset(t)];
        const response = await expectNoWrites(t, () =>
          t.request('POST', '/api/links', {
            body: { source_id: source, target_id: target, link_type: 'input' },
          }),
        );
        expectError(response, 401, 'unauthenticated');
      });
    });
  });
}
