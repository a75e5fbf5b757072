import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startTestApp } from '../support/app.ts';
import { testStores } from '../support/stores.ts';
import { expectPage } from './page-support.ts';

// A broken database is simulated by closing the embedded store: PGlite is enough.
describe('page errors', () => {
  it('answers a 500 page in the layout, with no stack trace, when the database fails', async () => {
    const t = await startTestApp(testStores()[0]);
    await t.store.close();
    try {
      for (const url of ['/models', '/models/some-model-v1']) {
        const body = await expectPage(await t.request('GET', url), 500);
        assert.match(body, /<h1>500 · Something went wrong<\/h1>/);
        assert.doesNotMatch(body, /\bat .*\.ts:\d+|Error:|PGlite/);
      }
    } finally {
      await t.app.close();
    }
  });
});
