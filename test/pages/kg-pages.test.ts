/**
 * The knowledge-graph pages: `/kg` (the landing) and `/kg/edges` (the graph browser): filters,
 * keyset pages that keep them, each node as `name (CURIE)`, links to pages; 400 pages for bad input.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { buildEdge, flagEdge, insertEdges } from '../kg/kg-support.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { uniqueId } from '../support/factories.ts';
import { countAllRows } from '../support/row-counts.ts';
import { testStores } from '../support/stores.ts';
import { expectPage, linkWithRel } from './page-support.ts';

for (const store of testStores()) {
  describe(`knowledge-graph pages on ${store.name}`, () => {
    let t: TestApp;
    const subject = `HGNC:${randomUUID()}`;
    const ids = Array.from({ length: 5 }, () => uniqueId('browse'));
    const getPage = (url: string) => t.app.inject({ method: 'GET', url });

    before(async () => {
      t = await startTestApp(store);
      await insertEdges(
        t,
        ids.map((id, i) =>
          buildEdge({
            id,
            subject,
            predicate: 'biolink:negatively_correlated_with',
            confidence: 0.5 + i / 10,
          }),
        ),
      );
      await flagEdge(t, ids[0]);
      const named = await t.request('POST', '/api/kg/nodes', {
        token: ADMIN_TOKEN,
        body: [
          { id: subject, name: 'Browsed <gene>' },
          { id: 'MONDO:0004975', name: 'Alzheimer disease' },
        ],
      });
      assert.equal(named.statusCode, 200, named.body);
    });
    after(() => t.close());

    it('lists the matching edges with named nodes, predicates in words, and links to pages', async () => {
      const body = await expectPage(
        await getPage(`/kg/edges?subject=${encodeURIComponent(subject)}&limit=10`),
      );
      assert.match(body, /<span data-total>5<\/span> matching \(subject Browsed &lt;gene&gt; \(HGNC:/);
      assert.match(body, new RegExp(`>Browsed &lt;gene&gt; \\(${subject}\\)</a>`));
      assert.match(body, />Alzheimer disease \(MONDO:0004975\)<\/a>/);
      assert.match(
        body,
        /<span title="biolink:negatively_correlated_with">negatively correlated with<\/span>/,
      );
      assert.match(body, new RegExp(`<a href="/kg/edges/${ids[4]}"`));
      assert.ok(body.indexOf(ids[4]) < body.indexOf(ids[3]), 'highest confidence first');
      assert.match(body, /⚑ flagged: large decrease/);
    });

    it('filters on flagged, and the form keeps what was asked', async () => {
      const body = await expectPage(
        await getPage(`/kg/edges?subject=${encodeURIComponent(subject)}&flagged=true&status=&predicate=`),
      );
      assert.match(body, /<span data-total>1<\/span>/);
      assert.match(body, new RegExp(`/kg/edges/${ids[0]}`));
      assert.match(body, /<option value="true" selected>flagged<\/option>/);
    });

    it('pages by keyset, keeping the filters, until the last page', async () => {
      const seen: string[] = [];
      let url: string | undefined = `/kg/edges?subject=${encodeURIComponent(subject)}&limit=2`;
      for (let pages = 0; url && pages < 5; pages++) {
        const body = await expectPage(await getPage(url));
        const onPage = ids.filter((id) => body.includes(`/kg/edges/${id}"`));
        seen.push(...onPage.sort((a, b) => body.indexOf(a) - body.indexOf(b)));
        url = linkWithRel(body, 'next');
        if (url) assert.match(url, /subject=HGNC/);
      }
      assert.deepEqual(seen, [...ids].reverse());
    });

    it('answers a bad filter with a 400 page, and reading writes nothing', async () => {
      const before = await countAllRows(t.store.db);
      await expectPage(await getPage('/kg/edges?flagged=perhaps'), 400);
      await expectPage(await getPage('/kg/edges?status=gone'), 400);
      await expectPage(await getPage('/kg/edges?cursor=not-a-cursor'), 400);
      await expectPage(await getPage('/kg/edges?colour=red'), 400);
      assert.deepEqual(await countAllRows(t.store.db), before);
    });

    it('has a landing at /kg that the breadcrumb and the navigation reach', async () => {
      const body = await expectPage(await getPage('/kg'));
      assert.match(body, /<h1>Knowledge graph<\/h1>/);
      assert.match(body, /<a href="\/kg\/edges\?status=active">\d+ active edges<\/a>/);
      assert.match(body, /<a href="\/kg">Knowledge graph<\/a>/);
      const edge = await expectPage(await getPage(`/kg/edges/${ids[0]}`));
      assert.match(edge, /<a href="\/kg">Knowledge graph<\/a> ›/);
    });
  });
}
