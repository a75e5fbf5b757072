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

describe('error pages with user text', () => {
  it('escapes what the visitor typed in 404 and 400 messages', async () => {
    const t = await startTestApp(testStores()[0]);
    try {
      const attack = '<script>alert(1)</script>';
      const missing = await expectPage(
        await t.request('GET', `/models/${encodeURIComponent(`x${attack}`)}`),
        404,
      );
      const compare = await expectPage(
        await t.request('GET', `/models/compare?ids=${encodeURIComponent(attack)}`),
        400,
      );
      for (const body of [missing, compare]) {
        assert.doesNotMatch(body, /<script>/);
      }
      assert.match(missing, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/, 'the unknown id is shown, as text');
    } finally {
      await t.close();
    }
  });
});
