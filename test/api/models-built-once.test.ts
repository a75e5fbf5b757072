/**
 * The catalog page and the version detail run statements built once (src/db/prepared.ts): a later
 * request of the same shape is answered with its own values, never the first request's, and two
 * databases in one process (two apps, or a primary and its replica) each get statements of their own.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.ts';
import { buildModelBody, registerModel, uniqueId } from '../support/factories.ts';
import { testStores } from '../support/stores.ts';

for (const store of testStores()) {
  describe(`statements built once on ${store.name}`, () => {
    let first: TestApp;
    let second: TestApp;
    const ids: Record<string, string> = {};

    before(async () => {
      [first, second] = await Promise.all([startTestApp(store), startTestApp(store)]);
      for (const family of ['biophysical', 'deep_learning', 'statistical']) {
        ids[family] = (await registerModel(first, buildModelBody({ model_family: family }))).id;
      }
      ids.second = (await registerModel(second, buildModelBody({ model_family: 'biophysical' }))).id;
    });
    after(() => Promise.all([first.close(), second.close()]));

    const list = async (t: TestApp, query: string) => {
      const response = await t.request('GET', `/api/models?${query}`);
      assert.equal(response.statusCode, 200, response.body);
      const body = response.json();
      return { ids: body.models.map((model: { id: string }) => model.id), total: body.total };
    };

    it('binds each request of one shape to its own family, limit and offset', async () => {
      assert.deepEqual(await list(first, 'family=biophysical'), { ids: [ids.biophysical], total: 1 });
      assert.deepEqual(await list(first, 'family=deep_learning'), { ids: [ids.deep_learning], total: 1 });
      assert.deepEqual(await list(first, 'family=statistical&status=candidate'), {
        ids: [ids.statistical],
        total: 1,
      });
      assert.deepEqual(await list(first, 'family=statistical&status=promoted'), { ids: [], total: 0 });
      const newestFirst = [ids.statistical, ids.deep_learning, ids.biophysical];
      assert.deepEqual(await list(first, 'limit=2'), { ids: newestFirst.slice(0, 2), total: 3 });
      assert.deepEqual(await list(first, 'limit=2&offset=2'), { ids: newestFirst.slice(2), total: 3 });
      assert.deepEqual(await list(first, 'limit=1&offset=1'), { ids: newestFirst.slice(1, 2), total: 3 });
    });

    it('answers each detail with its own version', async () => {
      for (const family of ['biophysical', 'deep_learning', 'statistical']) {
        const response = await first.request('GET', `/api/models/${ids[family]}`);
        assert.equal(response.statusCode, 200, response.body);
        assert.deepEqual(
          { id: response.json().id, family: response.json().model_family },
          { id: ids[family], family },
        );
      }
      const missing = await first.request('GET', `/api/models/${uniqueId('nothing')}`);
      assert.equal(missing.statusCode, 404);
    });

    it('keeps the statements of two databases in one process apart', async () => {
      assert.deepEqual(await list(second, 'family=biophysical'), { ids: [ids.second], total: 1 });
      assert.deepEqual(await list(first, 'family=biophysical'), { ids: [ids.biophysical], total: 1 });
      assert.equal((await second.request('GET', `/api/models/${ids.biophysical}`)).statusCode, 404);
      assert.equal((await second.request('GET', `/api/models/${ids.second}`)).statusCode, 200);
    });
  });
}
