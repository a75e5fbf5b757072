import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { buildModelBody, expectError, expectNoWrites, uniqueId } from '../support/factories.ts';
import { testStores } from '../support/stores.ts';

for (const store of testStores()) {
  describe(`body size limit on ${store.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(store, { MODELGRAPH_MAX_BODY_BYTES: '2000' });
    });
    after(() => t.close());

    it('refuses a body over MODELGRAPH_MAX_BODY_BYTES with 413 body_too_large and writes nothing', async () => {
      const id = uniqueId('too-big');
      const body = { id, type: 'dataset', title: 'big', metadata: { blob: 'x'.repeat(3000) } };
      const response = await expectNoWrites(t, () =>
        t.request('POST', '/api/artifacts', { token: ADMIN_TOKEN, body }),
      );
      expectError(response, 413, 'body_too_large');
      expectError(await t.request('GET', `/api/artifacts/${id}`), 404, 'not_found');
    });

    it('still accepts a body under the limit', async () => {
      const body = { type: 'dataset', title: 'small', metadata: { blob: 'x'.repeat(500) } };
      assert.equal((await t.request('POST', '/api/artifacts', { token: ADMIN_TOKEN, body })).statusCode, 201);
    });

    it('refuses a model registration over the limit with 413 body_too_large', async () => {
      const body = buildModelBody({ metadata: { notes: 'x'.repeat(3000) } });
      const response = await expectNoWrites(t, () =>
        t.request('POST', '/api/models', { token: ADMIN_TOKEN, body }),
      );
      expectError(response, 413, 'body_too_large');
    });
  });
}
