/**
 * The promotion request pages: the list of open requests, one request with its checks and impact
 * preview, and its approve / reject / withdraw forms for those allowed — with the refusals
 * (signed out, without the scope, the requester approving, a rejection without a reason, another
 * site), each writing nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { buildModelBody, registerModel, uniqueId } from '../support/factories.ts';
import { openRequest, setPolicy } from '../support/governance.ts';
import { testStores } from '../support/stores.ts';
import { countStatements, expectPage, postForm } from './page-support.ts';
import { expectNothingWritten, getPage, postCrossSite, signInCookie } from './session-support.ts';

for (const store of testStores()) {
  describe(`promotion request pages on ${store.name}`, () => {
    let t: TestApp;
    const name = uniqueId('govern');
    let requesterToken: string;
    let requesterCookie: string;
    let approverCookie: string;
    let writerCookie: string;
    const requester = uniqueId('asker');
    const approver = uniqueId('approver');
    const post = (url: string, fields: Record<string, string>, cookie?: string) =>
      postForm(t.app, url, fields, cookie);
    const requestJson = (id: number) =>
      t.request('GET', `/api/promotion-requests/${id}`).then((r) => r.json());

    before(async () => {
      t = await startTestApp(store);
      for (let i = 0; i < 4; i++) await registerModel(t, buildModelBody({ model_name: name }));
      await t.request('POST', `/api/models/${name}-v1/promote`, { token: ADMIN_TOKEN });
      await setPolicy(t, name, { required_approvals: 1, require_complete_provenance: true });
      requesterToken = await t.agentToken(requester, ['evaluate']);
      requesterCookie = await signInCookie(t.app, requesterToken);
      approverCookie = await signInCookie(t.app, await t.agentToken(approver, ['evaluate']));
      writerCookie = await signInCookie(t.app, await t.agentToken(uniqueId('writer'), ['write']));
    });
    after(() => t.close());

    it('lists the open requests and shows one with its checks, its preview state and, for an approver, the forms', async () => {
      const opened = await openRequest(t, `${name}-v2`, requesterToken, { note: 'better AIC' });
      const list = await expectPage(await getPage(t.app, '/promotion-requests'));
      assert.match(list, new RegExp(`<a href="/promotion-requests/${opened.id}">Request ${opened.id}</a>`));
      assert.match(list, /<strong aria-current="page">open<\/strong>/);
      assert.match(list, /<summary>Sign in to act on this page<\/summary>/);
      const signedIn = await expectPage(await getPage(t.app, '/promotion-requests', approverCookie));
      assert.match(signedIn, new RegExp(`Signed in as <strong>${approver}</strong>`));
      const filtered = await expectPage(
        await getPage(t.app, `/promotion-requests?status=open&model_name=${uniqueId('none')}`),
      );
      assert.match(filtered, /No open promotion request for this lineage\./);

      const visitor = await expectPage(await getPage(t.app, `/promotion-requests/${opened.id}`));
      assert.match(
        visitor,
        /<tr data-check="complete_provenance"><td>Complete provenance<\/td>\n<td class="failed">✗ fails<\/td><td>the provenance lacks a training dataset \(trained_on_dataset\)/,
      );
      assert.match(visitor, /No impact preview of this version over/);
      assert.match(visitor, /better AIC/);
      assert.doesNotMatch(visitor, /action="\/promotion-requests\/\d+\/(approve|reject|withdraw)"/);

      const asApprover = await expectPage(
        await getPage(t.app, `/promotion-requests/${opened.id}`, approverCookie),
      );
      assert.match(asApprover, new RegExp(`action="/promotion-requests/${opened.id}/approve"`));
      assert.match(asApprover, new RegExp(`action="/promotion-requests/${opened.id}/reject"`));
      assert.doesNotMatch(asApprover, /\/withdraw"/);
      const asRequester = await expectPage(
        await getPage(t.app, `/promotion-requests/${opened.id}`, requesterCookie),
      );
      assert.doesNotMatch(asRequester, /\/approve"/);
      assert.match(asRequester, new RegExp(`action="/promotion-requests/${opened.id}/withdraw"`));
      assert.match(asRequester, /You requested this promotion/);
    });

    it('records an approval through the form, which keeps the request open while a check fails', async () => {
      const opened = await openRequest(t, `${name}-v3`, requesterToken);
      const response = await post(
        `/promotion-requests/${opened.id}/approve`,
        { comment: 'looks right' },
        approverCookie,
      );
      assert.equal(response.statusCode, 303, response.body);
      assert.equal(response.headers.location, `/promotion-requests/${opened.id}?done=request_approved`);
      const after = await requestJson(opened.id);
      assert.equal(after.status, 'open');
      assert.deepEqual(
        after.approvals.map((a: { agent_id: string }) => a.agent_id),
        [approver],
      );
      const page = await expectPage(
        await getPage(t.app, `/promotion-requests/${opened.id}?done=request_approved`),
      );
      assert.match(page, /role="status">Your approval is recorded/);
      assert.match(page, new RegExp(`<strong>${approver}</strong>`));
    });

    it('promotes the version when the completing approval is sent through the form and every check passes', async () => {
      await setPolicy(t, name, { required_approvals: 1 });
      const opened = await openRequest(t, `${name}-v4`, requesterToken);
      assert.equal(
        (await post(`/promotion-requests/${opened.id}/approve`, {}, approverCookie)).statusCode,
        303,
      );
      assert.equal((await requestJson(opened.id)).status, 'approved');
      const lineage = await t.request('GET', `/api/lineages/${name}`).then((r) => r.json());
      assert.equal(lineage.promoted, `${name}-v4`);
      const approved = await expectPage(await getPage(t.app, '/promotion-requests?status=approved'));
      assert.match(approved, new RegExp(`Request ${opened.id}`));
    });

    it('refuses the requester approving, a reason-less rejection, a write-only agent, a visitor and another site, writing nothing', async () => {
      const open = (
        await t.request('GET', `/api/promotion-requests?status=open&model_name=${name}`).then((r) => r.json())
      ).requests;
      const id = open[0]?.id ?? (await openRequest(t, `${name}-v2`, requesterToken)).id;
      const refusals: [string, Record<string, string>, string | undefined, number, RegExp][] = [
        [`/promotion-requests/${id}/approve`, {}, requesterCookie, 403, /so may not decide its request/],
        [`/promotion-requests/${id}/reject`, { comment: '' }, approverCookie, 400, /comment/],
        [`/promotion-requests/${id}/approve`, {}, writerCookie, 403, /&#39;evaluate&#39; scope/],
        [`/promotion-requests/${id}/withdraw`, {}, approverCookie, 403, /may withdraw/],
        [`/promotion-requests/${id}/approve`, {}, undefined, 401, /Sign in to approve a promotion request/],
        [`/promotion-requests/999999/approve`, {}, approverCookie, 404, /does not exist/],
      ];
      for (const [url, fields, cookie, status, message] of refusals) {
        await expectNothingWritten(t.store.db, async () => {
          const body = await expectPage(await post(url, fields, cookie), status);
          assert.match(body, message, `${url} ${status}`);
        });
      }
      await expectNothingWritten(t.store.db, async () => {
        const response = await postCrossSite(
          t.app,
          `/promotion-requests/${id}/withdraw`,
          {},
          requesterCookie,
        );
        assert.equal(response.statusCode, 403);
      });
      assert.equal((await requestJson(id)).status, 'open');
    });

    it('rejects with a reason, and lets the requester withdraw, through the forms', async () => {
      const { requests } = await t
        .request('GET', `/api/promotion-requests?status=open&model_name=${name}`)
        .then((r) => r.json());
      const id = requests[0].id;
      assert.equal(
        (await post(`/promotion-requests/${id}/reject`, { comment: 'no evidence' }, approverCookie))
          .statusCode,
        303,
      );
      assert.equal((await requestJson(id)).status, 'rejected');
      const again = await openRequest(t, `${name}-v2`, requesterToken);
      assert.equal(
        (await post(`/promotion-requests/${again.id}/withdraw`, {}, requesterCookie)).statusCode,
        303,
      );
      assert.equal((await requestJson(again.id)).status, 'withdrawn');
    });

    it('reads the list in as many statements for three open requests as for one (no read per request)', async () => {
      const lineages = [uniqueId('listed'), uniqueId('listed'), uniqueId('listed')];
      for (const lineage of lineages) await registerModel(t, buildModelBody({ model_name: lineage }));
      const list = () => countStatements(t.store.db, () => getPage(t.app, '/promotion-requests'));
      await openRequest(t, `${lineages[0]}-v1`, requesterToken);
      const one = await list();
      for (const lineage of lineages.slice(1)) await openRequest(t, `${lineage}-v1`, requesterToken);
      const page = await expectPage(await getPage(t.app, '/promotion-requests'));
      for (const lineage of lineages) assert.match(page, new RegExp(`${lineage}-v1`));
      assert.equal(await list(), one);
    });

    it('answers an unknown or malformed request id with the 404 page', async () => {
      await expectPage(await getPage(t.app, '/promotion-requests/424242'), 404);
      await expectPage(await getPage(t.app, '/promotion-requests/abc'), 404);
      await expectPage(await getPage(t.app, '/promotion-requests?status=nope'), 400);
    });
  });
}
