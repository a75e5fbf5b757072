import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.ts';
import {
  buildCompleteModelBody,
  buildModelBody,
  createProvenanceWorld,
  type ProvenanceWorld,
  registerModel,
  uniqueId,
} from '../support/factories.ts';
import { testStores } from '../support/stores.ts';
import { count, expectPage, svgLabelled } from './page-support.ts';

for (const store of testStores()) {
  describe(`model page /models/{id} on ${store.name}`, () => {
    let t: TestApp;
    let world: ProvenanceWorld;
    let lineage: string[];
    before(async () => {
      t = await startTestApp(store);
      world = await createProvenanceWorld(t);
      const modelName = uniqueId('lineage');
      lineage = [];
      for (const [rmse, aic] of [
        [0.3, -100],
        [0.2, -150],
        [0.1, -170],
      ]) {
        const model = await registerModel(
          t,
          buildCompleteModelBody(world, {
            model_name: modelName,
            title: `Lineage model v${lineage.length + 1}`,
            evaluation_metrics: { rmse, aic },
            architecture: { layers: 2 },
            training_config: { optimizer: { name: 'adam', lr: 0.001 }, epochs: 10 },
            inputs: [{ artifact_id: world.analysisInputId, version: 1 }],
          }),
        );
        lineage.push(model.id);
      }
    });
    after(() => t.close());

    it("links the version's PROV-JSON, RO-Crate and OpenLineage exports, each of which answers", async () => {
      const body = await expectPage(await t.request('GET', `/models/${lineage[2]}`));
      for (const [format, type] of [
        ['prov', 'application/json'],
        ['ro-crate', 'application/ld+json'],
        ['openlineage', 'application/json'],
      ]) {
        const href = `/api/models/${lineage[2]}/${format}`;
        assert.match(body, new RegExp(`<a href="${href}" type="${type.replace('+', '\\+')}">`), format);
        const response = await t.request('GET', href);
        assert.equal(response.statusCode, 200, response.body);
        assert.ok(String(response.headers['content-type']).startsWith(type), format);
      }
    });

    it('answers a valid page with metadata, metrics and flattened configuration', async () => {
      const body = await expectPage(await t.request('GET', `/models/${lineage[2]}`));
      assert.match(body, /<h1>Lineage model v3<\/h1>/);
      assert.match(body, new RegExp(`<code>${lineage[2]}</code>`));
      assert.match(body, /<td><code>rmse<\/code><\/td><td class="num">0.1<\/td>/);
      assert.match(body, /<td><code>optimizer.<wbr>lr<\/code><\/td><td>0.001<\/td>/);
      assert.match(body, /<td><code>optimizer.<wbr>name<\/code><\/td><td>adam<\/td>/);
      assert.match(body, /<td><code>layers<\/code><\/td><td>2<\/td>/);
      assert.match(
        body,
        new RegExp(`<a href="/models/${lineage[1]}">${lineage[1]}</a>`),
        'the parent is linked',
      );
    });

    it('lists the version history and draws one chart per metric across the versions', async () => {
      const body = await expectPage(await t.request('GET', `/models/${lineage[1]}`));
      assert.match(body, /<strong>v2 \(this version\)<\/strong>/);
      assert.match(body, new RegExp(`<a href="/models/${lineage[0]}">v1</a>`));
      for (const metric of ['aic', 'rmse']) {
        const chart = svgLabelled(body, `${metric} across versions`);
        assert.ok(chart, `a chart for ${metric}`);
        assert.equal(count(chart, '<circle cx='), 3, 'one point per version');
        assert.equal(count(chart, '<circle class="current"'), 1, "the page's version ringed");
        assert.match(chart, />v2 \(this\)<\/text>/);
        assert.match(chart, /<polyline /);
      }
    });

    it('shows the links with their pinned versions', async () => {
      const body = await expectPage(await t.request('GET', `/models/${lineage[0]}`));
      const pinned = (id: string) => `<code>${id}</code>, pinned to <a href="/artifacts/${id}#v1">v1</a>`;
      assert.match(body, new RegExp(pinned(world.datasetId)));
      assert.match(body, new RegExp(`<code>${world.analysisId}</code>, unpinned`));
      assert.match(body, new RegExp(`<code>${world.hypothesisId}</code>`));
      assert.match(body, new RegExp(pinned(world.analysisInputId)));
    });

    it('leads every provenance node and agent to its page, never to JSON', async () => {
      const body = await expectPage(await t.request('GET', `/models/${lineage[0]}`));
      for (const id of [world.datasetId, world.analysisId, world.hypothesisId]) {
        assert.match(body, new RegExp(`<li><a href="/artifacts/${id}">`), `${id} in the links`);
        assert.match(body, new RegExp(`<a href="/artifacts/${id}"><g class="node">`), `${id} in the DAG`);
      }
      assert.match(body, /<dt>Trained by<\/dt><dd><a href="\/agents\/admin">admin<\/a><\/dd>/);
      assert.doesNotMatch(body, /href="\/api\/artifacts/);
    });

    it('draws the provenance DAG with one node per DAG node and gives it as Mermaid text', async () => {
      const dag = (await t.request('GET', `/api/models/compare?ids=${lineage[0]},${lineage[1]}`)).json()
        .provenance[lineage[0]].dag;
      const body = await expectPage(await t.request('GET', `/models/${lineage[0]}`));
      const svg = svgLabelled(body, 'Provenance DAG');
      assert.ok(svg);
      assert.equal(count(svg, '<g class="node">'), dag.nodes.length);
      assert.equal(count(svg, '<g class="edge">'), dag.edges.length);
      assert.ok(dag.nodes.length >= 5, 'model, dataset, analysis, its input, hypothesis');
      const mermaid = body.slice(body.indexOf('<pre class="mermaid-source">'), body.indexOf('</pre>'));
      assert.match(mermaid, /flowchart LR/);
      assert.equal(count(mermaid, '[&quot;'), dag.nodes.length);
      assert.equal(count(mermaid, ' --&gt;|'), dag.edges.length);
      assert.match(body, /<details>\n<summary>Copy as Mermaid<\/summary>/);
    });

    it('shows a model titled with a script tag as text, in the page and inside the SVG', async () => {
      const model = await registerModel(t, buildModelBody({ title: '<script>alert(1)</script>' }));
      const body = await expectPage(await t.request('GET', `/models/${model.id}`));
      assert.ok(!body.includes('<script>alert(1)</script>'));
      assert.match(body, /<h1>&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/h1>/);
      const svg = svgLabelled(body, 'Provenance DAG') ?? '';
      assert.match(svg, /<title>&lt;script&gt;alert\(1\)&lt;\/script&gt; \(model/);
      assert.match(
        svg,
        /font-size="12" fill="#1f2933"><tspan x="[\d.]+">&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/tspan><\/text>/,
      );
    });

    it('answers a 404 page in the layout for an unknown model id', async () => {
      const ghost = uniqueId('ghost');
      const body = await expectPage(await t.request('GET', `/models/${ghost}`), 404);
      assert.match(body, /<h1>404 · Not found<\/h1>/);
      assert.match(body, new RegExp(`model version &#39;${ghost}&#39; does not exist`));
    });

    it('answers a 404 page for an artifact that is not a model', async () => {
      await expectPage(await t.request('GET', `/models/${world.datasetId}`), 404);
    });
  });
}
