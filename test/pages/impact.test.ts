import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { startTestApp, type TestApp } from '../support/app.ts';
import { uniqueId } from '../support/factories.ts';
import { countAllRows } from '../support/row-counts.ts';
import { testStores } from '../support/stores.ts';
import { attributedEdge, fixtureRuntime, insertEdges, promote, registerLineage } from '../support/world.ts';
import { count, expectPage, postForm as sendForm, svgLabelled } from './page-support.ts';

for (const store of testStores()) {
  describe(`promotion impact panel and page on ${store.name}`, () => {
    let t: TestApp;
    let v1: string;
    let v2: string;
    let evaluatorCookie: string;
    let writerCookie: string;
    const edgeIds = [uniqueId('i-drop'), uniqueId('i-rise'), uniqueId('i-none')];

    const postForm = (url: string, fields: Record<string, string>, cookie?: string) =>
      sendForm(t.app, url, fields, cookie);
    const getPage = (url: string, cookie?: string) =>
      t.app.inject({ method: 'GET', url, headers: cookie === undefined ? {} : { cookie } });
    const cookieOf = (response: LightMyRequestResponse) => {
      const header = response.headers['set-cookie'];
      return String(Array.isArray(header) ? header[0] : header).split(';')[0];
    };
    /** Posts the form and asserts the answer is this status as a page, and that nothing at all was written. */
    const expectRefused = async (
      fields: Record<string, string>,
      status: number,
      cookie?: string,
      id = v2,
    ) => {
      const before = await countAllRows(t.store.db);
      const body = await expectPage(await postForm(`/models/${id}/impact-preview`, fields, cookie), status);
      assert.deepEqual(await countAllRows(t.store.db), before, `a ${status} page left rows behind`);
      return body;
    };

    before(async () => {
      t = await startTestApp(store);
      [v1, v2] = await registerLineage(t, uniqueId('impact'), [null, fixtureRuntime('echo-model.mjs')]);
      await promote(t, v1);
      await insertEdges(t, [
        attributedEdge(edgeIds[0], v1, 1, 0.9, 0.3),
        attributedEdge(edgeIds[1], v1, 1, 0.2, 0.6),
        attributedEdge(edgeIds[2], v1, 1, 0.5, null),
      ]);
      const signIn = await postForm('/kg/session', {
        token: await t.agentToken(uniqueId('page-evaluator'), ['evaluate']),
        next: `/models/${v2}#impact`,
      });
      assert.equal(signIn.statusCode, 303, signIn.body);
      assert.equal(signIn.headers.location, `/models/${v2}#impact`, 'the sign-in comes back to the panel');
      evaluatorCookie = cookieOf(signIn);
      writerCookie = `mg_token=${await t.agentToken(uniqueId('page-writer'), ['write'])}`;
    });
    after(() => t.close());

    it("offers a signed-out visitor of a candidate's page the sign-in form that comes back to the panel", async () => {
      const body = await expectPage(await getPage(`/models/${v2}`));
      assert.match(
        body,
        /<section id="impact" class="card impact" aria-labelledby="h-impact"><h2 id="h-impact">Promotion impact<\/h2>/,
      );
      assert.match(body, new RegExp(`<input type="hidden" name="next" value="/models/${v2}#impact">`));
      assert.doesNotMatch(body, /action="\/models\/[^"]*\/impact-preview"/);
    });

    it('offers a signed-in evaluator the preview form', async () => {
      const body = await expectPage(await getPage(`/models/${v2}`, evaluatorCookie));
      assert.match(body, new RegExp(`<form method="post" action="/models/${v2}/impact-preview"`));
      assert.match(body, /<input type="number" name="max_edges" min="1" max="100000"/);
    });

    it('shows no panel on the promoted version, and says why there is nothing to preview without one', async () => {
      assert.doesNotMatch(await expectPage(await getPage(`/models/${v1}`, evaluatorCookie)), /id="impact"/);
      const [, lone] = await registerLineage(t, uniqueId('lone'), [null, fixtureRuntime('echo-model.mjs')]);
      assert.match(
        await expectPage(await getPage(`/models/${lone}`, evaluatorCookie)),
        /No version of this lineage is promoted yet/,
      );
    });

    it('runs the preview and shows the histogram chart, the flagged edges, the largest changes and the payout', async () => {
      const before = await countAllRows(t.store.db);
      const body = await expectPage(
        await postForm(`/models/${v2}/impact-preview`, { max_edges: '' }, evaluatorCookie),
      );
      assert.deepEqual(await countAllRows(t.store.db), { ...before, tool_calls: before.tool_calls + 1 });
      assert.match(body, new RegExp(`<h1>Promotion impact of ${v2}</h1>`));
      const chart = svgLabelled(body, `What a rescore after promoting ${v2} would do`);
      assert.ok(chart, 'the histogram chart');
      assert.equal(count(chart, '<rect '), 6, 'a bar for each bucket');
      const drawn = [...chart.matchAll(/<rect [^>]*width="([0-9.]+)"/g)].filter((m) => Number(m[1]) > 0);
      assert.equal(drawn.length, 3, 'drawn for the three buckets with edges in them');
      assert.match(body, /1 edge would be flagged for review\./);
      assert.match(body, new RegExp(`<li><a href="/kg/edges/${edgeIds[0]}">${edgeIds[0]}</a></li>`));
      assert.deepEqual(
        [...body.matchAll(/<tr data-edge-id="([^"]+)">/g)].map((m) => m[1]),
        [edgeIds[0], edgeIds[1]],
        'the largest changes, largest first',
      );
      assert.match(body, /<td class="num flagged">−0.600<\/td>/);
      assert.match(body, /<caption>Pool 100 credits/);
      assert.ok(count(body, '<td>trainer</td>') >= 1, 'the payout lines');
      assert.match(
        body,
        new RegExp(`<form method="post" action="/models/${v2}/impact-preview"`),
        'run it again',
      );
    });

    it('caps the preview at the form’s max_edges and keeps the value', async () => {
      const body = await expectPage(
        await postForm(`/models/${v2}/impact-preview`, { max_edges: '1' }, evaluatorCookie),
      );
      assert.match(body, /would take <strong>1<\/strong> of the 3 active edges/);
      assert.match(
        body,
        /name="max_edges" min="1" max="100000" step="1" aria-describedby="max-edges-hint" value="1"/,
      );
    });

    it('answers 401 with the sign-in form when signed out, and 403 without the evaluate scope, writing nothing', async () => {
      const signedOut = await expectRefused({}, 401);
      assert.match(signedOut, /Sign in to preview a promotion\./);
      assert.match(signedOut, new RegExp(`name="next" value="/models/${v2}#impact"`));
      await expectRefused({}, 403, writerCookie);
    });

    it('answers 404, 409 and 422 pages as the API does, writing nothing', async () => {
      await expectRefused({}, 404, evaluatorCookie, 'no-such-model');
      await expectRefused({}, 409, evaluatorCookie, v1);
      const [, lone] = await registerLineage(t, uniqueId('lone'), [null, fixtureRuntime('echo-model.mjs')]);
      assert.match(await expectRefused({}, 422, evaluatorCookie, lone), /has no promoted version/);
    });

    it('answers 400 for a bad max_edges or an unknown field, writing nothing', async () => {
      const bodies: Record<string, string>[] = [
        { max_edges: 'abc' },
        { max_edges: '0' },
        { max_edges: '100001' },
        { other: '1' },
      ];
      for (const fields of bodies) {
        await expectRefused(fields, 400, evaluatorCookie);
      }
    });

    it('refuses a sign-in that would send the browser to another site', async () => {
      const response = await postForm('/kg/session', { token: 'whatever', next: '//evil.example/' });
      await expectPage(response, 400);
    });

    it('links the compare page to the panel when a candidate is compared with its promoted version', async () => {
      const body = await expectPage(await getPage(`/models/compare?ids=${v1},${v2}`));
      assert.match(
        body,
        new RegExp(`<a href="/models/${v2}#impact">Preview the promotion impact of ${v2}</a>`),
      );
      const [, b2, b3] = await registerLineage(t, uniqueId('other'), [null, null, null]);
      assert.doesNotMatch(await expectPage(await getPage(`/models/compare?ids=${b2},${b3}`)), /impact-links/);
    });
  });
}
