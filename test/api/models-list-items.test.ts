/**
 * The catalog reads its items under the names the API sends and completes them in place
 * (`listItemColumns`, `presentModelListItem`'s twin for pages): every item of `GET /api/models` must
 * be exactly what compare presents for the same version from its whole summary — links of every
 * kind, aliases, tags, a retraction in force, incomplete provenance, a null parameter count.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { retract } from '../support/retraction.ts';
import { buildRetractionWorld } from '../support/retraction-world.ts';
import { testStores } from '../support/stores.ts';

for (const store of testStores()) {
  describe(`catalog items read as sent on ${store.name}`, () => {
    let t: TestApp;
    let ids: string[];

    before(async () => {
      t = await startTestApp(store);
      const w = await buildRetractionWorld(t);
      ids = [w.pinnedV2, w.unpinned, w.pinnedV1, w.viaInput, w.viaDerived, w.viaAnalysis];
      const put = (url: string, body: object) => t.request('PUT', url, { token: ADMIN_TOKEN, body });
      const pinned = (await t.request('GET', `/api/models/${w.pinnedV2}`)).json();
      assert.equal(
        (await put(`/api/lineages/${pinned.model_name}/aliases/champion`, { version_number: 1 })).statusCode,
        200,
      );
      assert.equal((await put(`/api/models/${w.pinnedV2}/tags/team`, { value: 'vision' })).statusCode, 200);
      await retract(t, w.datasetId, { version: 1, reason: 'a labelling error in v1' });
    });
    after(() => t.close());

    it('lists every version exactly as compare presents it, on each page shape', async () => {
      const compared = (await t.request('GET', `/api/models/compare?ids=${ids.join(',')}`)).json().models;
      const expected = new Map(compared.map((item: { id: string }) => [item.id, item]));
      assert.ok(
        compared.some((item: { provenance: { retracted?: unknown } }) => item.provenance.retracted),
        'the fixture has a version built on a retraction',
      );
      for (const query of [
        'all_versions=true&limit=200',
        'all_versions=true&limit=200&sort=quality_score&order=asc',
      ]) {
        const response = await t.request('GET', `/api/models?${query}`);
        assert.equal(response.statusCode, 200, response.body);
        const listed = response.json().models.filter((item: { id: string }) => expected.has(item.id));
        assert.equal(listed.length, ids.length);
        for (const item of listed) assert.deepEqual(item, expected.get(item.id));
      }
      // A filtered page (built per request) reads the same columns.
      const tagged = (await t.request('GET', `/api/models?tag=team:vision`)).json().models;
      assert.deepEqual(tagged, [expected.get(ids[0])]);
    });
  });
}
