import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { renderAttributedEdges } from '../../src/pages/model/attributed-edges.widget.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { buildModelBody, registerModel, uniqueId } from '../support/factories.ts';
import { testStores } from '../support/stores.ts';
import { insertEdges } from '../support/world.ts';
import { assertValidFragment, count, countStatements, expectPage, svgLabelled } from './page-support.ts';

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
      const named = await t.request('POST', '/api/kg/nodes', {
        token: ADMIN_TOKEN,
        body: [
          { id: 'GENE:3', name: 'TREM2 <gene>' },
          { id: 'MONDO:0', name: 'Alzheimer disease' },
        ],
      });
      assert.equal(named.statusCode, 200, named.body);
    });
    after(() => t.close());

    /** The panel of a new model version with one edge `subject predicate object`. */
    async function panelOfOneEdge(subject: string, predicate: string, object: string): Promise<string> {
      const model = (await registerModel(t, buildModelBody())).id;
      const edge = { id: uniqueId('one'), subject, predicate, object, confidence: 0.5, origin: 'model' };
      await insertEdges(t, [{ ...edge, source_artifact_id: model, source_version: 1 }]);
      return renderAttributedEdges({ db: t.store.db }, model);
    }

    it('is a valid HTML fragment on its own', async () => {
      await assertValidFragment(await renderAttributedEdges({ db: t.store.db }, modelId));
    });

    it('shows the top 20 active edges by confidence, highest first, in the graph and the table', async () => {
      const fragment = await renderAttributedEdges({ db: t.store.db }, modelId);
      const confidences = [...fragment.matchAll(/<td class="num"><a [^>]*>([0-9.]+)<\/a><\/td>/g)].map((m) =>
        Number(m[1]),
      );
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
        /<title>TREM2 &lt;gene&gt; \(GENE:3\) interacts with Alzheimer disease \(MONDO:0\) · confidence 0.970 ⚑ flagged for review<\/title><path [^>]*stroke="#440154"/,
      );
      assert.match(
        svg,
        /<title>GENE:5 regulates MONDO:1 · confidence 0.210<\/title><path [^>]*stroke="#22a884"/,
      );
    });

    it('marks flagged edges: dashed, ⚑ on the label and in the table', async () => {
      const fragment = await renderAttributedEdges({ db: t.store.db }, modelId);
      const svg = svgLabelled(fragment, 'Top 20 edges') ?? '';
      assert.equal(count(svg, 'stroke-dasharray'), 2, 'the two flagged edges in the top 20');
      assert.equal(count(svg, '>⚑ interacts with<'), 2);
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
      const fragment = await panelOfOneEdge('<script>alert(1)</script>', '<b>p</b>', 'MONDO:"x"');
      assert.ok(!fragment.includes('<script>') && !fragment.includes('<b>'));
      assert.match(
        fragment,
        /<title>&lt;script&gt;alert\(1\)&lt;\/script&gt; &lt;b&gt;p&lt;\/b&gt; MONDO:&quot;x&quot;/,
      );
      assert.match(
        fragment,
        /<td><a href="\/kg\/edges\?subject=%3Cscript%3Ealert\(1\)%3C%2Fscript%3E">&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/a><\/td>/,
      );
      await assertValidFragment(fragment);
    });

    it('shows named nodes as name (CURIE) in the table and tooltips, the name alone in the graph', async () => {
      const fragment = await renderAttributedEdges({ db: t.store.db }, modelId);
      assert.match(
        fragment,
        /<td><a href="\/kg\/edges\?subject=GENE%3A3">TREM2 &lt;gene&gt; \(GENE:3\)<\/a><\/td>/,
      );
      assert.match(
        fragment,
        /<td><a href="\/kg\/edges\?object=MONDO%3A0">Alzheimer disease \(MONDO:0\)<\/a><\/td>/,
      );
      assert.match(
        fragment,
        /<td><a href="\/kg\/edges\?subject=GENE%3A5">GENE:5<\/a><\/td>/,
        'unnamed: the CURIE',
      );
      const svg = svgLabelled(fragment, 'Top 20 edges') ?? '';
      assert.match(
        svg,
        /<g class="node"><title>TREM2 &lt;gene&gt; \(GENE:3\)<\/title><rect [^>]*\/><text [^>]*><tspan [^>]*>TREM2 &lt;gene&gt;<\/tspan><\/text>/,
      );
      assert.match(
        svg,
        /<g class="node"><title>GENE:5<\/title><rect [^>]*\/><text [^>]*><tspan [^>]*>GENE:5<\/tspan>/,
      );
      // The edge page stays one click away, from the confidence.
      assert.match(
        fragment,
        new RegExp(
          `<a href="/kg/edges/${edgeId(24)}" aria-label="Edge ${edgeId(24)}, confidence 0.970">0.970</a>`,
        ),
      );
    });

    it('shows predicates in words, whole, in the table and on the graph', async () => {
      const fragment = await panelOfOneEdge('GENE:long', 'biolink:negatively_correlated_with', 'MONDO:long');
      assert.match(
        fragment,
        /<td><span title="biolink:negatively_correlated_with">negatively correlated with<\/span><\/td>/,
      );
      const svg = svgLabelled(fragment, 'Top 1 edges') ?? '';
      assert.match(
        svg,
        /<g class="edge">.*<text [^>]*><tspan [^>]*>negatively correlated with<\/tspan><\/text><\/g>/,
      );
      assert.ok(!svg.includes('…') && !svg.includes('biolink:'), 'never cut, never the raw CURIE');
    });

    it('reads the names of all its nodes in one statement', async () => {
      const empty = (await registerModel(t, buildModelBody())).id;
      // The page of edges and their count, then one statement for the names of up to 40 nodes.
      assert.equal(
        await countStatements(t.store.db, () => renderAttributedEdges({ db: t.store.db }, modelId)),
        3,
      );
      assert.equal(
        await countStatements(t.store.db, () => renderAttributedEdges({ db: t.store.db }, empty)),
        2,
      );
    });

    it('draws the graph across the content width', async () => {
      const css = await t.request('GET', '/assets/style.css');
      assert.match(css.body, /\.attributed-edges svg\.graph \{ width: 100%; max-height: 85vh; \}/);
      const svg = svgLabelled(await renderAttributedEdges({ db: t.store.db }, modelId), 'Top 20 edges') ?? '';
      assert.match(svg, /^<svg class="graph" [^>]*viewBox="0 0 \d+ \d+"/);
    });

    it('appears on the model page', async () => {
      const body = await expectPage(await t.request('GET', `/models/${modelId}`));
      assert.equal(count(svgLabelled(body, 'Top 20 edges') ?? '', '<g class="edge">'), 20);
    });
  });
}
