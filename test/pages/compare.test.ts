import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.ts';
import {
  buildCompleteModelBody,
  buildModelBody,
  createDataset,
  createProvenanceWorld,
  type ProvenanceWorld,
  registerModel,
  uniqueId,
} from '../support/factories.ts';
import { testStores } from '../support/stores.ts';
import { count, expectPage, svgLabelled } from './page-support.ts';

/** The markup of the first element that opens with `opening`, up to its closing `</tr>`. */
function rowOf(body: string, opening: string): string {
  const start = body.indexOf(opening);
  assert.ok(start >= 0, `a row opening with ${opening}`);
  return body.slice(start, body.indexOf('</tr>', start));
}

/** The `<td>` of one model in a row. */
function cellOf(row: string, modelId: string): string {
  const match = row.match(new RegExp(`<td class="([^"]*)" data-model="${modelId}">(.*?)</td>`));
  assert.ok(match, `a cell for ${modelId} in ${row}`);
  return match[0];
}

for (const store of testStores()) {
  describe(`compare page /models/compare on ${store.name}`, () => {
    let t: TestApp;
    let world: ProvenanceWorld;
    let evalA: string;
    let evalB: string;
    let extraDataset: string;
    let inputOfFirst: string;
    let m1: string;
    let m2: string;
    let m3: string;
    const page = async (query: string, status = 200) =>
      expectPage(await t.request('GET', `/models/compare?${query}`), status);

    before(async () => {
      t = await startTestApp(store);
      world = await createProvenanceWorld(t);
      [evalA, evalB, extraDataset, inputOfFirst] = await Promise.all([
        createDataset(t),
        createDataset(t),
        createDataset(t),
        createDataset(t),
      ]);
      m1 = (
        await registerModel(
          t,
          buildCompleteModelBody(world, {
            title: 'Compare baseline',
            evaluation_metrics: { rmse: 0.3, accuracy: 0.8, aic: -100 },
            training_config: { optimizer: 'adam', epochs: 10 },
            eval_dataset_id: evalA,
            inputs: [{ artifact_id: inputOfFirst, version: 1 }],
          }),
        )
      ).id;
      m2 = (
        await registerModel(
          t,
          buildCompleteModelBody(world, {
            title: 'Compare challenger',
            trained_on: [
              { dataset_id: world.datasetId, version: 1 },
              { dataset_id: extraDataset, version: 1 },
            ],
            evaluation_metrics: { rmse: 0.2, accuracy: 0.75, aic: -150 },
            training_config: { optimizer: 'adam', epochs: 20 },
            eval_dataset_id: evalA,
          }),
        )
      ).id;
      m3 = (
        await registerModel(
          t,
          buildModelBody({
            title: 'Compare other eval',
            evaluation_metrics: { rmse: 0.25, accuracy: 0.9 },
            eval_dataset_id: evalB,
          }),
        )
      ).id;
    });
    after(() => t.close());

    it('answers a valid page in the layout with a header row per version, linked, with quality and flag', async () => {
      const body = await page(`ids=${m1},${m3}`);
      assert.match(body, /<h1>Compare 2 model versions<\/h1>/);
      const first = rowOf(body, `<tr data-model="${m1}">`);
      assert.match(first, new RegExp(`<a href="/models/${m1}">Compare baseline</a>`));
      assert.match(first, /v1/);
      assert.match(first, /<span class="badge candidate">candidate<\/span>/);
      assert.match(first, /<strong>0.90<\/strong>/);
      assert.doesNotMatch(first, /provenance incomplete/);
      const third = rowOf(body, `<tr data-model="${m3}">`);
      assert.match(third, /⚠ provenance incomplete/, 'the capped score shows its flag');
    });

    it('stars the best value of a lower-is-better and of a higher-is-better metric in the right column', async () => {
      const body = await page(`ids=${m1},${m2},${m3}`);
      const rmse = rowOf(body, '<tr data-metric="rmse">');
      assert.match(rmse, /↓ lower is better/);
      assert.match(cellOf(rmse, m2), /^<td class="num best" data-model="[^"]+"><strong>★ 0.2<\/strong>/);
      assert.doesNotMatch(cellOf(rmse, m1), /best|★/);
      assert.doesNotMatch(cellOf(rmse, m3), /best|★/);
      const accuracy = rowOf(body, '<tr data-metric="accuracy">');
      assert.match(accuracy, /↑ higher is better/);
      assert.match(cellOf(accuracy, m3), /class="num best".*<strong>★ 0.9<\/strong>/);
      assert.doesNotMatch(cellOf(accuracy, m1), /★/);
      assert.equal(count(body, '<td class="num best"'), 3, 'one best per metric: rmse, accuracy, aic');
    });

    it('shows each value’s delta against the first version, coloured by the metric’s direction', async () => {
      const body = await page(`ids=${m1},${m2}`);
      const rmse = rowOf(body, '<tr data-metric="rmse">');
      assert.match(cellOf(rmse, m1), /<span class="delta muted">baseline<\/span>/);
      assert.match(cellOf(rmse, m2), /<span class="delta better" title="better than #1">−0.1<\/span>/);
      const accuracy = rowOf(body, '<tr data-metric="accuracy">');
      assert.match(cellOf(accuracy, m2), /<span class="delta worse" title="worse than #1">−0.05<\/span>/);
      const aic = rowOf(body, '<tr data-metric="aic">');
      assert.match(cellOf(aic, m2), /<span class="delta better"[^>]*>−50<\/span>/);
      const reversed = await page(`ids=${m2},${m1}`);
      assert.match(
        cellOf(rowOf(reversed, '<tr data-metric="rmse">'), m1),
        /<span class="delta worse"[^>]*>\+0.1<\/span>/,
        'the baseline follows the order asked',
      );
    });

    it('draws a bar chart per metric with one bar per reported value', async () => {
      const body = await page(`ids=${m1},${m2},${m3}`);
      const aic = svgLabelled(body, 'aic by model');
      assert.ok(aic);
      assert.equal(count(aic, '<rect '), 2, 'the third version reported no aic');
      assert.equal(count(aic, '<g class="bar">'), 3);
      assert.match(aic, /fill="#15803d"\/>/, 'the best bar is green');
      assert.ok(svgLabelled(body, 'rmse by model'));
      assert.ok(svgLabelled(body, 'accuracy by model'));
    });

    it('lists the differing settings first and highlighted, and the shared ones apart', async () => {
      const body = await page(`ids=${m1},${m2}`);
      const epochs = rowOf(body, '<tr class="differs" data-field="training_config.epochs">');
      assert.match(epochs, /<span class="marker" title="the values differ">≠<\/span>/);
      assert.match(epochs, /<td>10<\/td><td class="changed">20<\/td>/);
      assert.doesNotMatch(body, /class="differs" data-field="training_config.optimizer"/);
      const optimizer = rowOf(body, '<tr class="same" data-field="training_config.optimizer">');
      assert.match(optimizer, /<td>adam<\/td>/);
      assert.doesNotMatch(optimizer, /≠/);
      assert.ok(body.indexOf('Differs (') < body.indexOf('Same ('), 'the differing rows come first');
      assert.ok(body.indexOf('training_config.epochs') < body.indexOf('training_config.optimizer'));
    });

    it('draws one provenance DAG per version, each with its Mermaid text', async () => {
      const body = await page(`ids=${m1},${m2},${m3}`);
      assert.equal(count(body, 'aria-label="Provenance DAG of'), 3);
      const first = svgLabelled(body, 'Provenance DAG of #1 Compare baseline');
      assert.ok(first);
      assert.ok(count(first, '<g class="node">') >= 5, 'model, datasets, analysis, its input, hypothesis');
      const third = svgLabelled(body, 'Provenance DAG of #3 Compare other eval');
      assert.equal(count(third ?? '', '<g class="node">'), 1, 'no links: the model alone');
      assert.equal(count(body, '<summary>Copy as Mermaid</summary>'), 3);
      assert.equal(count(body, 'id="dag-0-arrow-0"'), 1, 'marker ids are unique per DAG');
    });

    it('shows the shared and unique training data with the Jaccard index, and the shared and unique inputs', async () => {
      const body = await page(`ids=${m1},${m2}`);
      const [training, inputs] = body.split('<div class="card overlap">').slice(1);
      assert.match(training, /<strong class="jaccard">0.50<\/strong>/);
      assert.match(
        training,
        new RegExp(
          `<dd class="shared"><ul class="keys"><li><code>${world.datasetId}@1</code></li></ul></dd>`,
        ),
      );
      assert.match(
        training,
        new RegExp(
          `<dd class="unique" data-model="${m2}"><ul class="keys"><li><code>${extraDataset}@1</code></li></ul></dd>`,
        ),
      );
      assert.match(
        training,
        new RegExp(`<dd class="unique" data-model="${m1}"><span class="muted">none</span></dd>`),
      );
      const shared = inputs.slice(inputs.indexOf('<dd class="shared">'), inputs.indexOf('</dd>'));
      assert.match(
        shared,
        new RegExp(`<code>${world.analysisInputId}@1</code>`),
        "the analysis's input is shared",
      );
      assert.match(shared, new RegExp(`<code>${world.datasetId}@1</code>`));
      assert.match(
        inputs,
        new RegExp(`data-model="${m1}"><ul class="keys"><li><code>${inputOfFirst}@1</code>`),
      );
    });

    it('shows the eval-dataset warning when the evaluation datasets differ, and not when they match', async () => {
      const mismatch = await page(`ids=${m1},${m3}`);
      const callout = mismatch.slice(mismatch.indexOf('<div class="callout warn"'));
      assert.match(callout, /^<div class="callout warn" data-warning="eval_dataset_mismatch">/);
      assert.match(callout, /Evaluated on different datasets/);
      assert.match(callout, new RegExp(`evaluated on <code>${evalA}</code>`));
      assert.match(callout, new RegExp(`evaluated on <code>${evalB}</code>`));
      const same = await page(`ids=${m1},${m2}`);
      assert.doesNotMatch(same, /callout warn|eval_dataset_mismatch/);
    });

    it('accepts the ids repeated, as the catalog form sends them, and comma-separated alike', async () => {
      const repeated = await page(`ids=${m1}&ids=${m2}&ids=${m3}`);
      const comma = await page(`ids=${m1},${m2},${m3}`);
      const mixed = await page(`ids=${m1}&ids=${m2},${m3}`);
      assert.match(repeated, /<h1>Compare 3 model versions<\/h1>/);
      assert.equal(repeated, comma);
      assert.equal(mixed, comma);
      assert.ok(repeated.indexOf(`<tr data-model="${m1}">`) < repeated.indexOf(`<tr data-model="${m3}">`));
    });

    it('answers a 400 page for no ids, one id, more than 50 ids and a repeated id', async () => {
      const many = Array.from({ length: 51 }, (_, i) => `model-${i}`).join(',');
      for (const query of ['', `ids=${m1}`, `ids=${many}`, `ids=${m1}&ids=${m1}`, `ids=${m1},${m2},${m1}`]) {
        const body = await page(query, 400);
        assert.match(body, /<h1>400 · Bad request<\/h1>/, query);
        assert.match(body, /ids must (name 2 to 50 model versions|be distinct)/, query);
      }
    });

    it('answers a 404 page naming every unknown id', async () => {
      const ghosts = [uniqueId('ghost'), uniqueId('ghost')];
      const body = await page(`ids=${m1},${ghosts.join(',')}`, 404);
      assert.match(body, /<h1>404 · Not found<\/h1>/);
      for (const ghost of ghosts) assert.match(body, new RegExp(ghost));
      assert.doesNotMatch(body, new RegExp(`unknown model version\\(s\\):[^<]*${m1}`));
    });

    it('shows a model titled with a script tag, and script-like settings, as text everywhere', async () => {
      const evil = await registerModel(
        t,
        buildModelBody({
          title: '<script>alert(1)</script>',
          evaluation_metrics: { rmse: 0.5 },
          training_config: { note: '<img src=x onerror=alert(2)>' },
        }),
      );
      const body = await page(`ids=${m1},${evil.id}`);
      assert.ok(!body.includes('<script>'), 'no script element');
      assert.ok(!body.includes('<img'), 'no image element');
      const escaped = '&lt;script&gt;alert(1)&lt;/script&gt;';
      assert.ok(count(body, escaped) >= 5, 'header row, columns, chart rows, DAG');
      assert.match(body, /&lt;img src=x onerror=alert\(2\)&gt;/);
      const dag = svgLabelled(body, 'Provenance DAG of #2') ?? '';
      assert.match(dag, /<title>&lt;script&gt;alert\(1\)&lt;\/script&gt; \(model/);
    });
  });
}
