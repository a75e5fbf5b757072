import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.ts';
import { buildModelBody, expectError, registerModel } from '../support/factories.ts';
import { testStores } from '../support/stores.ts';

for (const store of testStores()) {
  describe(`GET /api/models parameters on ${store.name}`, () => {
    let t: TestApp;
    const list = async (query: string) => {
      const response = await t.request('GET', `/api/models?${query}`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json();
    };
    before(async () => {
      t = await startTestApp(store);
      for (const raw of [0.1, 0.2, 0.3]) await registerModel(t, buildModelBody({ raw_quality_score: raw }));
    });
    after(() => t.close());

    describe('bad parameters', () => {
      const cases: [string, string, string][] = [
        ['an unknown family', 'family=quantum', 'invalid_request'],
        ['an unknown status', 'status=deleted', 'invalid_request'],
        ['an unknown sort', 'sort=title', 'invalid_request'],
        ['an unknown order', 'order=up', 'invalid_request'],
        ['limit 0', 'limit=0', 'invalid_request'],
        ['limit 201', 'limit=201', 'invalid_request'],
        ['a limit that is not a number', 'limit=ten', 'invalid_request'],
        ['a negative offset', 'offset=-1', 'invalid_request'],
        ['an all_versions that is not a boolean', 'all_versions=maybe', 'invalid_request'],
        ['an unknown parameter', 'colour=red', 'unknown_parameter'],
        ['a cursor that is not a cursor', 'cursor=garbage', 'invalid_request'],
        [
          'a cursor of well-formed JSON in the wrong shape',
          `cursor=${Buffer.from('{"a":1}').toString('base64url')}`,
          'invalid_request',
        ],
      ];
      for (const [what, query, code] of cases) {
        it(`refuses ${what} with 400 ${code}`, async () => {
          expectError(await t.request('GET', `/api/models?${query}`), 400, code);
        });
      }

      it('names the unknown parameter in the details', async () => {
        const error = expectError(await t.request('GET', '/api/models?colour=red'), 400, 'unknown_parameter');
        assert.deepEqual(error.details, { parameter: 'colour' });
      });

      it('refuses a cursor together with an offset with 400 invalid_request', async () => {
        const { next_cursor } = await list('limit=1');
        const response = await t.request(
          'GET',
          `/api/models?limit=1&offset=0&cursor=${encodeURIComponent(next_cursor)}`,
        );
        expectError(response, 400, 'invalid_request');
      });

      it('accepts a cursor under the sort and order that issued it', async () => {
        const { next_cursor } = await list('limit=1&sort=quality_score&order=desc');
        const page = await list(
          `limit=1&sort=quality_score&order=desc&cursor=${encodeURIComponent(next_cursor)}`,
        );
        assert.equal(page.models.length, 1);
      });

      it('refuses a cursor from another sort with 400 invalid_request', async () => {
        const { next_cursor } = await list('limit=1&sort=quality_score');
        const response = await t.request(
          'GET',
          `/api/models?limit=1&sort=created_at&cursor=${encodeURIComponent(next_cursor)}`,
        );
        expectError(response, 400, 'invalid_request');
      });

      it('refuses a cursor from the other order of the same sort with 400 invalid_request', async () => {
        const { next_cursor } = await list('limit=1&sort=quality_score&order=desc');
        const response = await t.request(
          'GET',
          `/api/models?limit=1&sort=quality_score&order=asc&cursor=${encodeURIComponent(next_cursor)}`,
        );
        expectError(response, 400, 'invalid_request');
      });
    });
  });
}
