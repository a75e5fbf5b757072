import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.ts';
import { testStores } from '../support/stores.ts';
import { expectPage } from './page-support.ts';

// HTML only (no data read): PGlite is enough.
for (const store of testStores().slice(0, 1)) {
  describe(`compare selection /models/compare on ${store.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(store);
    });
    after(() => t.close());

    it('accepts the repeated ids the compare form sends and the comma-separated form alike', async () => {
      for (const query of ['ids=a-v1&ids=b-v2', 'ids=a-v1,b-v2', 'ids=a-v1,b-v2&ids=a-v1']) {
        const body = await expectPage(await t.request('GET', `/models/compare?${query}`));
        assert.match(body, /2 versions selected/, query);
        assert.match(body, /<a href="\/api\/models\/compare\?ids=a-v1,b-v2">/, query);
      }
    });

    it('answers a 400 page without ids', async () => {
      await expectPage(await t.request('GET', '/models/compare'), 400);
    });
  });
}
