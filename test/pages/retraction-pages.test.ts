/**
 * The retract and reinstate pages: the dry run lists what would be touched and writes nothing;
 * the form acts as the API does; and the refusals — signed out, without the right, a reason-less
 * form, a bad evidence URL, another site, a retraction twice — each write nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.ts';
import { uniqueId } from '../support/factories.ts';
import { buildRetractionWorld, type RetractionWorld } from '../support/retraction-world.ts';
import { testStores } from '../support/stores.ts';
import { expectPage, postForm } from './page-support.ts';
import { expectNothingWritten, getPage, postCrossSite, signInCookie } from './session-support.ts';

for (const store of testStores()) {
  describe(`retract and reinstate pages on ${store.name}`, () => {
    let t: TestApp;
    let world: RetractionWorld;
    let evaluatorCookie: string;
    let writerCookie: string;
    const artifact = () => t.request('GET', `/api/artifacts/${world.datasetId}`).then((r) => r.json());

    before(async () => {
      t = await startTestApp(store);
      world = await buildRetractionWorld(t);
      evaluatorCookie = await signInCookie(t.app, await t.agentToken(uniqueId('curator'), ['evaluate']));
      writerCookie = await signInCookie(t.app, await t.agentToken(uniqueId('stranger'), ['write']));
    });
    after(() => t.close());

    it('shows the dry run of retracting one version — the versions built on it, the edges it would flag — and writes nothing', async () => {
      await expectNothingWritten(t.store.db, async () => {
        const body = await expectPage(
          await getPage(t.app, `/artifacts/${world.datasetId}/retract?version=2`, evaluatorCookie),
        );
        assert.match(body, /A dry run: nothing has been written yet\./);
        for (const id of [world.pinnedV2, world.viaInput, world.viaDerived]) {
          assert.match(body, new RegExp(`<a href="/models/${id}">${id}</a>`), id);
        }
        for (const id of [world.pinnedV1, world.unpinned])
          assert.doesNotMatch(body, new RegExp(`<a href="/models/${id}">`));
        assert.match(body, /would flag <strong>3<\/strong> model versions/);
        assert.match(body, /<input type="hidden" name="version" value="2">/);
        assert.match(body, /<button type="submit" class="danger">Retract version 2<\/button>/);
      });
      assert.equal((await artifact()).retracted, null);
    });

    it('refuses a visitor (401 with the sign-in form), an agent without the right (403), a reason-less form, a bad evidence URL and another site, writing nothing', async () => {
      const url = `/artifacts/${world.datasetId}/retract`;
      await expectNothingWritten(t.store.db, async () => {
        const visitor = await expectPage(await getPage(t.app, url), 401);
        assert.match(visitor, /Sign in to retract an artifact\./);
        assert.match(visitor, /<form method="post" action="\/kg\/session"/);
        const refusals: [Record<string, string>, string | undefined, number, RegExp][] = [
          [{ reason: 'wrong' }, undefined, 401, /Sign in to retract an artifact/],
          [{ reason: 'wrong' }, writerCookie, 403, /needs the &#39;evaluate&#39; scope/],
          [{ reason: '' }, evaluatorCookie, 400, /reason/],
          [{ reason: 'wrong', evidence_url: 'ftp://x' }, evaluatorCookie, 400, /evidence_url/],
          [{ reason: 'wrong', version: '9' }, evaluatorCookie, 422, /version/],
        ];
        for (const [fields, cookie, status, message] of refusals) {
          const body = await expectPage(await postForm(t.app, url, fields, cookie), status);
          assert.match(body, message, JSON.stringify(fields));
        }
        await expectPage(await getPage(t.app, url, writerCookie), 403);
        const crossSite = await postCrossSite(t.app, url, { reason: 'wrong' }, evaluatorCookie);
        assert.equal(crossSite.statusCode, 403);
      });
    });

    it('retracts through the form with its reason and evidence, then refuses a second retraction with 409', async () => {
      const url = `/artifacts/${world.datasetId}/retract`;
      const fields = {
        version: '2',
        reason: 'Batch effect found',
        evidence_url: 'https://example.org/erratum',
      };
      const body = await expectPage(await postForm(t.app, url, fields, evaluatorCookie));
      assert.match(body, /<h1>Retracted [^<]* version 2<\/h1>/);
      assert.match(body, /3 model versions flagged and capped/);
      const after = await artifact();
      const v2 = after.versions.find((version: { version_number: number }) => version.version_number === 2);
      assert.equal(v2.retracted.reason, 'Batch effect found');
      assert.equal(v2.retracted.evidence_url, 'https://example.org/erratum');
      await expectNothingWritten(t.store.db, async () => {
        await expectPage(await postForm(t.app, url, fields, evaluatorCookie), 409);
      });
    });

    it('shows the dry run of reinstating, and reinstates through the form', async () => {
      const url = `/artifacts/${world.datasetId}/reinstate`;
      await expectNothingWritten(t.store.db, async () => {
        const dry = await expectPage(await getPage(t.app, `${url}?version=2`, evaluatorCookie));
        assert.match(dry, /Batch effect found/);
        assert.match(dry, /Reinstating it would give <strong>3<\/strong> of the 3 model versions/);
      });
      const body = await expectPage(
        await postForm(t.app, url, { version: '2', reason: 'Fixed upstream' }, evaluatorCookie),
      );
      assert.match(body, /<h1>Reinstated [^<]* version 2<\/h1>/);
      const v2 = (await artifact()).versions.find(
        (version: { version_number: number }) => version.version_number === 2,
      );
      assert.equal(v2.retracted, null);
    });
  });
}
