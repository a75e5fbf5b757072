/**
 * Hostile input (docs/security.md#hostile-input): each request the server cannot store is a 400 in the error
 * format, never a 500, and writes nothing — NUL characters and lone surrogates anywhere, JSON nested past 64
 * levels, numbers past their column, malformed percent-encodings, `null` bodies — and every id the id pattern
 * allows (128 characters) can be read back.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { buildModelBody, expectError, registerModel, sendRaw } from '../support/factories.ts';
import { countAllRows } from '../support/row-counts.ts';
import { testStores } from '../support/stores.ts';

const nested = (depth: number, leaf: string) => `${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`;

for (const store of testStores()) {
  describe(`hostile input on ${store.name}`, () => {
    let t: TestApp;
    let modelId: string;
    before(async () => {
      t = await startTestApp(store);
      modelId = (await registerModel(t, buildModelBody())).id;
    });
    after(() => t.close());

    /** Sends a request, expects a 400 invalid_request and checks no table changed. */
    async function expect400(send: () => ReturnType<TestApp['request']>, message?: RegExp) {
      const before = await countAllRows(t.store.db);
      const response = await send();
      const error = expectError(response, 400, 'invalid_request');
      if (message) assert.match(error.message, message);
      assert.deepEqual(await countAllRows(t.store.db), before);
    }
    const raw = (url: string, payload: string) => () => sendRaw(t, 'POST', url, payload);
    const get = (url: string) => () => t.request('GET', url);

    const bodies: [string, string, string, RegExp][] = [
      ['a NUL in a body field', '/api/artifacts', '{"type":"dataset","title":"a\\u0000b"}', /NUL/],
      [
        'a NUL in a JSON key',
        '/api/artifacts',
        '{"type":"dataset","title":"t","metadata":{"k\\u0000":1}}',
        /NUL/,
      ],
      [
        'a NUL deep in metadata',
        '/api/artifacts',
        `{"type":"dataset","title":"t","metadata":${nested(30, '"\\u0000"')}}`,
        /NUL/,
      ],
      [
        'a raw NUL byte in the body text',
        '/api/artifacts',
        '{"type":"dataset","title":"a\u0000b"}',
        /JSON|NUL/,
      ],
      ['a lone high surrogate', '/api/artifacts', '{"type":"dataset","title":"x\\ud800y"}', /surrogate/],
      [
        'a lone low surrogate in a key',
        '/api/artifacts',
        '{"type":"dataset","title":"t","metadata":{"\\udc00":1}}',
        /surrogate/,
      ],
      [
        'metadata nested 5,000 deep',
        '/api/artifacts',
        `{"type":"dataset","title":"t","metadata":${nested(5000, '1')}}`,
        /64 levels/,
      ],
      [
        'scopes nested 10,000 deep',
        '/api/agents/admin/tokens',
        `{"scopes":${'['.repeat(10000)}${']'.repeat(10000)}}`,
        /64 levels/,
      ],
      [
        'a target_version past an integer column',
        '/api/links',
        '{"source_id":"a","target_id":"b","link_type":"input","target_version":3000000000}',
        /target_version/,
      ],
      [
        'a prototype-poisoning key',
        '/api/artifacts',
        '{"type":"dataset","title":"t","__proto__":{"admin":true}}',
        /JSON/,
      ],
    ];
    for (const [what, url, payload, message] of bodies) {
      it(`refuses ${what} with 400 and writes nothing`, () => expect400(raw(url, payload), message));
    }

    it('refuses a parameter_count past what a bigint holds exactly with 400', () =>
      expect400(
        () =>
          t.request('POST', '/api/models', {
            token: ADMIN_TOKEN,
            body: buildModelBody({ parameter_count: 1e20 }),
          }),
        /parameter_count/,
      ));

    const queries: [string, string][] = [
      ['a NUL in a query value', '/api/models?q=a%00b'],
      ['a NUL in a filter of the edge list', '/api/kg/edges?subject=x%00'],
      ['offset=1e308 on /api/models', '/api/models?offset=1e308'],
      ['offset=1e308 on /api/kg/edges', '/api/kg/edges?offset=1e308'],
      ['offset=1e308 on /api/events', '/api/events?offset=1e308'],
      ['offset=1e308 on /api/kg/review', '/api/kg/review?offset=1e308'],
      ['offset=99999999999999999999 on /api/events', '/api/events?offset=99999999999999999999'],
      ['event_id=1e308 on /api/credit/payouts', '/api/credit/payouts?event_id=1e308'],
      ['a NUL in a path id', '/api/models/a%00b'],
      ['a NUL in an artifact id', '/api/artifacts/a%00b'],
      ['a malformed percent-encoding in a path', '/api/models/%ff'],
      ['a malformed percent-encoding in an edge path', '/api/kg/edges/%e0%80'],
    ];
    for (const [what, url] of queries) {
      it(`refuses ${what} with 400 in the API's error format`, () => expect400(get(url)));
    }

    it('answers a malformed percent-encoding on a page path with the 400 page', async () => {
      const response = await t.request('GET', '/models/%ff');
      assert.equal(response.statusCode, 400);
      assert.match(String(response.headers['content-type']), /^text\/html/);
      assert.match(response.body, /<h1>/);
    });

    it('refuses a promotion whose body is null with 400 and does not promote', async () => {
      await expect400(raw(`/api/models/${modelId}/promote`, 'null'), /the body must be a JSON object/);
      assert.equal((await t.request('GET', `/api/models/${modelId}`)).json().status, 'candidate');
    });

    it('refuses a job whose body is a JSON array or null with 400', async () => {
      await expect400(raw('/api/jobs/rescore', 'null'));
      await expect400(raw('/api/jobs/backfill-edges', '[1]'));
    });

    it('reads back an id of the full 128 characters the id pattern allows, on every path', async () => {
      const id = `d${'x'.repeat(127)}`;
      const created = await t.request('POST', '/api/artifacts', {
        token: ADMIN_TOKEN,
        body: { id, type: 'dataset', title: 'long' },
      });
      assert.equal(created.statusCode, 201, created.body);
      assert.equal((await t.request('GET', `/api/artifacts/${id}`)).statusCode, 200);
      const model = await registerModel(t, buildModelBody({ id: `m${'y'.repeat(127)}` }));
      assert.equal((await t.request('GET', `/api/models/${model.id}`)).statusCode, 200);
      assert.equal((await t.request('GET', `/models/${model.id}`)).statusCode, 200);
      expectError(await t.request('GET', `/api/agents/${'z'.repeat(128)}`), 404, 'not_found');
    });
  });
}
