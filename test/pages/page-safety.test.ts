/**
 * Page safety (docs/security.md#pages): every page carries a Content-Security-Policy with no inline script
 * and no framing, nosniff and same-origin referrers; every state-changing form is refused (403 page, nothing
 * written) unless its Origin or Referer is this server — even with a valid session cookie.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { countKgRows, flagEdge, getEdge, insertEdges, buildEdge as kgEdge } from '../kg/kg-support.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { buildModelBody, registerModel, uniqueId } from '../support/factories.ts';
import { testStores } from '../support/stores.ts';
import { expectPage } from './page-support.ts';
import { expectNothingWritten, signInCookie } from './session-support.ts';

for (const store of testStores()) {
  describe(`page safety on ${store.name}`, () => {
    let t: TestApp;
    let cookie: string;
    let edgeId: string;

    const postForm = (url: string, fields: Record<string, string>, headers: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url,
        payload: new URLSearchParams(fields).toString(),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...(cookie ? { cookie } : {}),
          ...headers,
        },
      });

    before(async () => {
      t = await startTestApp(store);
      const modelId = (await registerModel(t, buildModelBody())).id;
      const token = await t.agentToken(uniqueId('reviewer'), ['evaluate']);
      const signedIn = await postForm('/kg/session', { token }, { origin: 'http://localhost' });
      assert.equal(signedIn.statusCode, 303, signedIn.body);
      cookie = String(signedIn.headers['set-cookie']).split(';')[0];
      [edgeId] = (
        await insertEdges(t, [kgEdge({ source_artifact_id: modelId, source_version: 1, origin: 'model' })])
      ).ids;
      await flagEdge(t, edgeId);
    });
    after(() => t.close());

    for (const url of ['/models', '/kg/review', '/promotion-requests', '/no-such-page']) {
      it(`sends ${url} with a CSP that forbids inline script and framing, nosniff and same-origin referrers`, async () => {
        const response = await t.app.inject({ method: 'GET', url });
        const csp = String(response.headers['content-security-policy']);
        assert.match(csp, /script-src 'self'/);
        assert.doesNotMatch(csp, /unsafe-inline/);
        assert.match(csp, /frame-ancestors 'none'/);
        assert.equal(response.headers['x-content-type-options'], 'nosniff');
        assert.equal(response.headers['referrer-policy'], 'same-origin');
      });
    }

    it('keeps the API documentation page working under its own CSP', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/docs' });
      assert.equal(response.statusCode, 200);
      const csp = String(response.headers['content-security-policy']);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.doesNotMatch(csp, /upgrade-insecure-requests/);
    });

    const refusals: [string, Record<string, string>][] = [
      ['from another site', { origin: 'https://evil.example' }],
      ['with a Referer from another site and no Origin', { referer: 'https://evil.example/page' }],
      ['with neither Origin nor Referer', {}],
      ['with Origin null (a sandboxed or file page)', { origin: 'null' }],
      ['from the same host on another port', { origin: 'http://localhost:8081' }],
    ];
    for (const [what, headers] of refusals) {
      it(`refuses a review form ${what} with a 403 page and writes nothing, cookie or not`, async () => {
        const before = await countKgRows(t);
        const response = await postForm(
          `/kg/edges/${edgeId}/review`,
          { decision: 'retract', note: 'x' },
          headers,
        );
        const body = await expectPage(response, 403);
        assert.match(body, /not sent from a page of this server/);
        assert.deepEqual(await countKgRows(t), before);
        assert.equal((await getEdge(t, edgeId)).review_flag, true);
      });
    }

    it('refuses a sign-in form from another site, without setting a cookie', async () => {
      const response = await postForm(
        '/kg/session',
        { token: 'whatever' },
        { origin: 'https://evil.example' },
      );
      await expectPage(response, 403);
      assert.equal(response.headers['set-cookie'], undefined);
    });

    it('refuses every write form of the lineage, model, request and retraction pages from another site, even signed in as admin, writing nothing', async () => {
      const model = await registerModel(t, buildModelBody());
      const name = model.model_name;
      const adminCookie = await signInCookie(t.app, ADMIN_TOKEN);
      const forms: [string, Record<string, string>][] = [
        [`/lineages/${name}/aliases`, { alias: 'x', version: '1' }],
        [`/lineages/${name}/aliases/x/remove`, {}],
        [`/lineages/${name}/description`, { description: 'x' }],
        [`/lineages/${name}/tags`, { key: 'k', value: 'v' }],
        [`/lineages/${name}/tags/k/remove`, {}],
        [`/models/${model.id}/description`, { description: 'x' }],
        [`/models/${model.id}/tags`, { key: 'k', value: 'v' }],
        [`/models/${model.id}/tags/k/remove`, {}],
        [`/models/${model.id}/promote`, {}],
        [`/models/${model.id}/promotion-requests`, {}],
        ['/promotion-requests/1/approve', {}],
        ['/promotion-requests/1/reject', { comment: 'x' }],
        ['/promotion-requests/1/withdraw', {}],
        ['/artifacts/dataset-x/retract', { reason: 'x' }],
        ['/artifacts/dataset-x/reinstate', { reason: 'x' }],
      ];
      for (const [url, fields] of forms) {
        await expectNothingWritten(t.store.db, async () => {
          const response = await t.app.inject({
            method: 'POST',
            url,
            payload: new URLSearchParams(fields).toString(),
            headers: {
              'content-type': 'application/x-www-form-urlencoded',
              cookie: adminCookie,
              origin: 'https://evil.example',
            },
          });
          const body = await expectPage(response, 403);
          assert.match(body, /not sent from a page of this server/, url);
        });
      }
    });

    it('accepts the same form from this server, by Origin or by Referer alone', async () => {
      const byReferer = await postForm(
        `/kg/edges/${edgeId}/review`,
        { decision: 'keep', note: 'checked' },
        { referer: 'http://localhost/kg/review' },
      );
      assert.equal(byReferer.statusCode, 303, byReferer.body);
      assert.equal((await getEdge(t, edgeId)).review_flag, false);
    });
  });
}
