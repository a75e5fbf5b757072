/**
 * A body the server cannot read is answered in the API's error format, naming what to change:
 * 400 `invalid_request` for malformed JSON, an empty or non-object body and a body that does not
 * match its Content-Length, 415 `unsupported_media_type` for any body that is not JSON — and in
 * MLflow's format on the MLflow face. Nothing is written.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { expectRefusal } from '../support/factories.ts';
import { testStores } from '../support/stores.ts';

const JSON_HINT = /content-type: application\/json/i;

for (const store of testStores()) {
  describe(`bodies the parser cannot read on ${store.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(store);
    });
    after(() => t.close());

    /** Sends `payload` as the admin with these headers. */
    const send = (
      url: string,
      payload: string,
      headers: Record<string, string>,
      method: 'POST' | 'PUT' = 'POST',
    ) =>
      t.app.inject({ method, url, payload, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...headers } });
    const json = { 'content-type': 'application/json' };

    const badJson: [string, string, RegExp][] = [
      ['malformed JSON', '{"type": "dataset", "title":', /the body is not valid JSON/],
      ['an empty body with a JSON content-type', '', /the body must be a JSON object/],
      ['a JSON null', 'null', /the body must be a JSON object/],
      ['a JSON array where an object is read', '[{"type": "dataset"}]', /the body must be a JSON object/],
      ['a JSON string', '"dataset"', /the body must be a JSON object/],
    ];
    for (const [what, payload, message] of badJson) {
      it(`answers ${what} with 400 invalid_request naming what to send`, async () => {
        const error = await expectRefusal(
          t,
          () => send('/api/artifacts', payload, json),
          400,
          'invalid_request',
        );
        assert.match(error.message, message);
        assert.deepEqual(Object.keys(error).sort(), ['code', 'details', 'message']);
      });
    }

    it('answers a body shorter than its Content-Length with 400 invalid_request', async () => {
      const error = await expectRefusal(
        t,
        () => send('/api/artifacts', '{}', { ...json, 'content-length': '40' }),
        400,
        'invalid_request',
      );
      assert.match(error.message, /Content-Length/);
    });

    const notJson: [string, Record<string, string>, string][] = [
      ['plain text', { 'content-type': 'text/plain' }, '{"type": "dataset", "title": "t"}'],
      ['a form', { 'content-type': 'application/x-www-form-urlencoded' }, 'type=dataset&title=t'],
      ['XML', { 'content-type': 'application/xml' }, '<artifact type="dataset"/>'],
      ['a JSON dialect the server has no reader for', { 'content-type': 'application/vnd.api+json' }, '{}'],
      ['no content-type at all', {}, '{"type": "dataset", "title": "t"}'],
    ];
    for (const [what, headers, payload] of notJson) {
      it(`answers ${what} with 415 unsupported_media_type saying to send JSON`, async () => {
        const error = await expectRefusal(
          t,
          () => send('/api/artifacts', payload, headers),
          415,
          'unsupported_media_type',
        );
        assert.match(error.message, JSON_HINT);
      });
    }

    it('answers the same on every write route, a PUT included', async () => {
      const error = await expectRefusal(
        t,
        () =>
          send(
            '/api/lineages/nothing/aliases/champ',
            'version_number=1',
            { 'content-type': 'text/plain' },
            'PUT',
          ),
        415,
        'unsupported_media_type',
      );
      assert.match(error.message, JSON_HINT);
    });

    it("answers on the MLflow face in MLflow's format, 400 INVALID_PARAMETER_VALUE", async () => {
      for (const [headers, payload, message] of [
        [{ 'content-type': 'application/xml' }, '<name>m</name>', JSON_HINT],
        [json, '{"name":', /not valid JSON/],
      ] as const) {
        const response = await send('/api/2.0/mlflow/registered-models/create', payload, headers);
        assert.equal(response.statusCode, 400, response.body);
        const body = response.json();
        assert.deepEqual(Object.keys(body).sort(), ['error_code', 'message']);
        assert.equal(body.error_code, 'INVALID_PARAMETER_VALUE');
        assert.match(body.message, message);
      }
    });

    it('still reads JSON with a charset, and a bodiless request with no content-type', async () => {
      const created = await send('/api/artifacts', '{"type": "dataset", "title": "t"}', {
        'content-type': 'application/json; charset=utf-8',
      });
      assert.equal(created.statusCode, 201, created.body);
      const promoted = await t.app.inject({
        method: 'POST',
        url: '/api/models/no-such-model/promote',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      assert.equal(promoted.json().error.code, 'not_found', 'no body to parse, so the route answers');
    });
  });
}
