/**
 * What a client gets for a request in the wrong format: a body without `content-type:
 * application/json` is 415 `unsupported_media_type` saying which header to send, and a value
 * outside a fixed set (an enum, in a query or a body) is 400 naming every allowed value — each
 * with nothing written.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { buildModelBody, expectRefusal, uniqueId } from '../support/factories.ts';
import { testStores } from '../support/stores.ts';

for (const store of testStores()) {
  describe(`request formats on ${store.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(store);
    });
    after(() => t.close());

    /** POST /api/agents with a raw body and the given headers (no content-type unless named). */
    const postAgent = (payload: string, headers: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/api/agents',
        payload,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...headers },
      });

    const mediaTypes: [string, Record<string, string>, RegExp][] = [
      [
        'no content-type',
        {},
        /^the request has a body but no content-type: send JSON with the header content-type: application\/json$/,
      ],
      [
        'text/plain',
        { 'content-type': 'text/plain' },
        /of content-type text\/plain: .*content-type: application\/json/,
      ],
      [
        "a form's content-type (curl -d without -H)",
        { 'content-type': 'application/x-www-form-urlencoded' },
        /of content-type application\/x-www-form-urlencoded: .*content-type: application\/json/,
      ],
    ];
    for (const [what, headers, message] of mediaTypes) {
      it(`answers a body with ${what} with 415 unsupported_media_type and writes nothing`, async () => {
        const id = uniqueId('agent');
        const body = JSON.stringify({ id, display_name: 'Nobody', kind: 'human' });
        const error = await expectRefusal(t, () => postAgent(body, headers), 415, 'unsupported_media_type');
        assert.match(error.message, message);
        assert.deepEqual(error.details, { content_type: headers['content-type'] ?? null });
        assert.equal((await t.request('GET', `/api/agents/${id}`)).statusCode, 404);
      });
    }

    it('still accepts a write without a body and without a content-type', async () => {
      const model = await t.request('POST', '/api/models', { token: ADMIN_TOKEN, body: buildModelBody() });
      assert.equal(model.statusCode, 201, model.body);
      const promoted = await t.app.inject({
        method: 'POST',
        url: `/api/models/${model.json().id}/promote`,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      assert.equal(promoted.statusCode, 200, promoted.body);
    });

    it('names every allowed value of an enum in a query string', async () => {
      const error = await expectRefusal(
        t,
        () => t.request('GET', '/api/models?family=geological'),
        400,
        'invalid_request',
      );
      assert.equal(error.message, 'family must be one of "biophysical", "deep_learning", "statistical"');
    });

    it('names every allowed value of an enum in a body, and writes nothing', async () => {
      const error = await expectRefusal(
        t,
        () =>
          t.request('POST', '/api/models', {
            token: ADMIN_TOKEN,
            body: buildModelBody({ model_family: 'geological' }),
          }),
        400,
        'invalid_request',
      );
      assert.equal(
        error.message,
        'model_family must be one of "biophysical", "deep_learning", "statistical"',
      );
    });

    it('names every allowed value of a union of literals in a body', async () => {
      const error = await expectRefusal(
        t,
        () =>
          t.request('POST', '/api/agents', {
            token: ADMIN_TOKEN,
            body: { id: uniqueId('agent'), display_name: 'R', kind: 'robot' },
          }),
        400,
        'invalid_request',
      );
      assert.equal(error.message, 'kind must be one of "human", "ai"');
    });
  });
}
