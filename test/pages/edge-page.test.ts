import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { uniqueId } from '../support/factories.ts';
import { countAllRows } from '../support/row-counts.ts';
import { testStores } from '../support/stores.ts';
import { attributedEdge, fixtureRuntime, insertEdges, promote, registerLineage } from '../support/world.ts';
import { count, expectPage, svgLabelled } from './page-support.ts';

for (const store of testStores()) {
  describe(`edge page /kg/edges/{id} on ${store.name}`, () => {
    let t: TestApp;
    let v1: string;
    let v2: string;
    let edgeId: string;
    let beforeRescore: string;
    let beforeEdge: string;

    const getPage = (url: string) => t.app.inject({ method: 'GET', url });

    before(async () => {
      t = await startTestApp(store);
      [v1, v2] = await registerLineage(t, uniqueId('edgepage'), [null, fixtureRuntime('echo-model.mjs')]);
      await promote(t, v1);
      beforeEdge = new Date().toISOString();
      await sleep(20);
      edgeId = uniqueId('page-edge');
      await insertEdges(t, [attributedEdge(edgeId, v1, 1, 0.9, 0.4)]);
      await sleep(20);
      beforeRescore = new Date().toISOString();
      await sleep(20);
      await promote(t, v2);
      const pass = await t.request('POST', '/api/jobs/rescore', {
        token: ADMIN_TOKEN,
        body: { since_hours: 1 },
      });
      assert.equal(pass.json().outcome, 'ok', pass.body);
    });
    after(() => t.close());

    it('shows the statement, the standing now, the chart labelled by model version, and the events', async () => {
      const body = await expectPage(await getPage(`/kg/edges/${edgeId}`));
      assert.match(
        body,
        new RegExp(
          `<h1><a href="/kg/edges\\?subject=GENE%3A${edgeId}">GENE:${edgeId}</a> <span class="muted" title="biolink:regulates">regulates</span> <a href="/kg/edges\\?object=MONDO%3A0004975">MONDO:0004975</a></h1>`,
        ),
      );
      assert.match(body, /<strong data-confidence>0.400<\/strong>/);
      assert.match(body, new RegExp(`<a href="/models/${v2}">${v2}</a> <span class="muted">\\(v2\\)</span>`));
      const chart = svgLabelled(body, `Confidence of ${edgeId} over time`);
      assert.ok(chart, 'the confidence chart');
      assert.equal(count(chart, '<circle '), 2, 'one point per history entry');
      assert.match(
        chart,
        />v1<\/text>.*>v2<\/text>/s,
        'each point labelled with its model version, in order',
      );
      assert.match(chart, /<polyline /);
      assert.match(body, /<code>model_rescore<\/code>/);
      assert.match(body, new RegExp(`0.900 → 0.400 \\(large_decrease\\) by ${v2}`));
      assert.match(body, /<input type="datetime-local" name="as_of" step="1">/);
      assert.doesNotMatch(body, /As of \d/, 'no as-of column without as_of');
    });

    it('shows the edge as it stood at as_of beside how it stands now, greying what came later', async () => {
      const body = await expectPage(await getPage(`/kg/edges/${edgeId}?as_of=${beforeRescore}`));
      assert.match(body, /<strong data-as-of-confidence>0.900<\/strong>/);
      assert.match(body, /<strong data-confidence>0.400<\/strong>/);
      assert.match(body, new RegExp(`<a href="/models/${v1}">${v1}</a>`));
      assert.equal(count(body, '<tr class="later">'), 1, 'the rescore came after the moment');
      assert.match(body, new RegExp(`value="${beforeRescore.slice(0, 19)}"`), 'the field keeps the moment');
      assert.match(body, new RegExp(`<a href="/kg/edges/${edgeId}">Now</a>`));
      assert.match(body, new RegExp(`href="/api/kg/edges/${edgeId}\\?as_of=`));
    });

    it('reads the date field’s value (UTC, no offset) and an empty field as now', async () => {
      // A browser's datetime-local value, to the minute: a minute from now, so after every entry.
      const field = new Date(Date.now() + 60_000).toISOString().slice(0, 16);
      const body = await expectPage(await getPage(`/kg/edges/${edgeId}?as_of=${field}`));
      assert.match(body, /<strong data-as-of-confidence>0.400<\/strong>/);
      assert.match(body, new RegExp(`value="${field}:00"`));
      const now = await expectPage(await getPage(`/kg/edges/${edgeId}?as_of=`));
      assert.doesNotMatch(now, /data-as-of-confidence/);
    });

    it('says when the edge did not exist yet at as_of', async () => {
      const body = await expectPage(await getPage(`/kg/edges/${edgeId}?as_of=${beforeEdge}`));
      assert.match(body, /This edge did not exist yet\./);
    });

    it('answers the 404 page for an unknown edge and the 400 page for a bad as_of or parameter, writing nothing', async () => {
      const before = await countAllRows(t.store.db);
      const missing = await expectPage(await getPage('/kg/edges/no-such-edge'), 404);
      assert.match(missing, /edge &#39;no-such-edge&#39; does not exist/);
      const bad = await expectPage(await getPage(`/kg/edges/${edgeId}?as_of=2026-02-30`), 400);
      assert.match(bad, /as_of must be an ISO 8601 date/);
      await expectPage(await getPage(`/kg/edges/${edgeId}?when=now`), 400);
      assert.deepEqual(await countAllRows(t.store.db), before);
    });

    it('is linked from the review queue, where the rescore put the edge, and says why it is flagged', async () => {
      const body = await expectPage(await getPage('/kg/review'));
      assert.match(
        body,
        new RegExp(`<a class="edge-id" href="/kg/edges/${edgeId}"><code>${edgeId}</code></a>`),
      );
      const page = await expectPage(await getPage(`/kg/edges/${edgeId}`));
      assert.match(page, /⚑ flagged for review \(large decrease\)<\/span>/);
    });

    it('is linked from the attributed-edges widget of the model page', async () => {
      const body = await expectPage(await getPage(`/models/${v2}`));
      assert.match(body, new RegExp(`<a href="/kg/edges/${edgeId}" aria-label="Edge ${edgeId}, confidence `));
    });
  });
}
