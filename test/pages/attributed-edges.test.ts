import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { renderAttributedEdges } from '../../src/pages/model/attributed-edges.widget.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { buildModelBody, registerModel, uniqueId } from '../support/factories.ts';
import { testStores } from '../support/stores.ts';
import { insertEdges } from '../support/world.ts';
import { assertValidFragment, count, expectPage, svgLabelled } from './page-support.ts';

for (const store of testStores()) {
  describe(`attributed-edges widget on ${store.name}`, () => {
    let t: TestApp;
    let modelId: string;
    const edgeId = (i: number) => `${modelId}-edge-${String(i).padStart(2, '0')}`;
    before(async () => {
      t = await startTestApp(store);
      modelId = (await registerModel(t, buildModelBody())).id;
      // 25 edges with distinct confidences spread over every bin, inserted in shuffled order.
      const edges = Array.from({ length: 25 }, (_, i) => ({
        id: `${modelId}-edge-${String(i).padStart(2, '0')}`,
        subject: `GENE:${i % 7}`,
        predicate: i % 2 ? 'biolink:regulates' : 'biolink:interacts_with',
        object: `MONDO:${i % 4}`,
        confidence: (i * 4 + 1) / 100,
        origin: 'model',
        source_artifact_id: modelId,
        source_version: 1,
      }));
      await insertEdges(t, [...edges].reverse());
      await t.store.db.execute(
        sql`update kg_edges set review_flag = true where id in (${edgeId(24)}, ${edgeId(20)}, ${edgeId(2)})`,
      );
      // The most confident edge of all is retracted: the panel shows active edges only.
      await insertEdges(t, [
        {
          id: `${modelId}-retracted`,
          subject: 'GENE:gone',
          predicate: 'biolink:regulates',
          object: 'MONDO:gone',
          confidence: 0.999,
          origin: 'model',
          source_artifact_id: modelId,
          source_version: 1,
        },
      ]);
      await t.store.db.execute(
        sql`update kg_edges set status = 'retracted' where id = ${`${modelId}-retracted`}`,
      );
    });
    after(() => t.close());

    it('is a valid HTML fragment on its own', async () => {
      await assertValidFragment(await renderAttributedEdges({ db: t.store.db }, modelId));
    });

    it('shows the top 20 active edges by confidence, highest first, in the graph and the table', async () => {
      const fragment = await renderAttributedEdges({ db: t.store.db }, modelId);
      const confidences = [...fragment.matchAll(/<td class="num">([0-9.]+)<\/td>/g)].map((m) => Number(m[1]));
      assert.equal(confidences.length, 20);
      assert.deepEqual(
        confidences,
        [...confidences].sort((a, b) => b - a),
      );
      assert.equal(confidences[0], 0.97);
      assert.equal(confidences[19], 0.21);
      assert.ok(!fragment.includes('GENE:gone'), 'the retracted edge is left out');
      const svg = svgLabelled(fragment, 'Top 20 edges') ?? '';
      assert.equal(count(svg, '<g class="edge">'), 20);
      assert.match(fragment, /Top 20 of 25 active edges/);
    });

    it('colours edges by confidence and explains the scale in a legend', async () => {
      const fragment = await renderAttributedEdges({ db: t.store.db }, modelId);
      for (const label of ['0.0–0.2', '0.2–0.4', '0.4–0.6', '0.6–0.8', '0.8–1.0'])
        assert.ok(fragment.includes(label), label);
      const svg = svgLabelled(fragment, 'Top 20 edges') ?? '';
      // 0.97 is in the top bin, 0.21 in the second: different strokes.
      assert.match(
        svg,
        /<title>GENE:3 biolink:interacts_with MONDO:0 · confidence 0.970 ⚑ flagged for review<\/title><path [^>]*stroke="#440154"/,
      );
      assert.match(
        svg,
        /<title>GENE:5 biolink:regulates MONDO:1 · confidence 0.210<\/title><path [^>]*stroke="#22a884"/,
      );
    });

    it('marks flagged edges: dashed, ⚑ on the label and in the table', async () => {
      const fragment = await renderAttributedEdges({ db: t.store.db }, modelId);
      const svg = svgLabelled(fragment, 'Top 20 edges') ?? '';
      assert.equal(count(svg, 'stroke-dasharray'), 2, 'the two flagged edges in the top 20');
      assert.equal(count(svg, '>⚑ biolink:'), 2);
      assert.equal(count(fragment, '<span class="flagged">⚑ flagged</span>'), 2);
    });

    it('links to all the edges of the version', async () => {
      const fragment = await renderAttributedEdges({ db: t.store.db }, modelId);
      assert.ok(fragment.includes(`<a href="/api/kg/edges?source_artifact_id=${modelId}">All 25 edges`));
    });

    it('says so when the version has no edges', async () => {
      const empty = (await registerModel(t, buildModelBody())).id;
      const fragment = await renderAttributedEdges({ db: t.store.db }, empty);
      assert.match(fragment, /No knowledge-graph edges are attributed to this version yet/);
      assert.ok(!fragment.includes('<svg'));
      await assertValidFragment(fragment);
    });

    it('shows edge text with markup as text, in the SVG and the table', async () => {
      const model = (await registerModel(t, buildModelBody())).id;
      await insertEdges(t, [
        {
          id: uniqueId('xss'),
          subject: '<script>alert(1)</script>',
          predicate: '<b>p</b>',
          object: 'MONDO:"x"',
          confidence: 0.5,
          origin: 'model',
          source_artifact_id: model,
          source_version: 1,
        },
      ]);
      const fragment = await renderAttributedEdges({ db: t.store.db }, model);
      assert.ok(!fragment.includes('<script>') && !fragment.includes('<b>'));
      assert.match(
        fragment,
        /<title>&lt;script&gt;alert\(1\)&lt;\/script&gt; &lt;b&gt;p&lt;\/b&gt; MONDO:&quot;x&quot;/,
      );
      assert.match(
        fragment,
        /<td><a href="\/kg\/edges\/xss-[^"]+">&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/a><\/td>/,
      );
      await assertValidFragment(fragment);
    });

    it('appears on the model page', async () => {
      const body = await expectPage(await t.request('GET', `/models/${modelId}`));
      assert.equal(count(svgLabelled(body, 'Top 20 edges') ?? '', '<g class="edge">'), 20);
    });
  });
}
