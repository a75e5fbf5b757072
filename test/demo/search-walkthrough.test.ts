/**
 * The README's "Searching" walk-through, step by step through the API on the demo world: the
 * scientist's question in one call, OR and NOT with a metric sort, an edge filter, and a mistake
 * answered with where it is — each answer also checked against the demo's own rows, and the
 * walk-through run twice (it only reads, so a used world answers the same).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadDemoWorld } from '../../src/demo/load-demo.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { testStores } from '../support/stores.ts';

const SEA_AD = 'dataset-allen_brain-SEA-AD';

interface Item {
  id: string;
  model_family: string;
  status: string;
  flags: string[];
  evaluation_metrics: Record<string, number>;
  trained_on: string[];
}

for (const store of testStores()) {
  describe(`the search walk-through on the demo world, on ${store.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(store);
      await loadDemoWorld(t.deps);
    });
    after(() => t.close());

    const get = async (path: string, filter: string, query = '') => {
      const response = await t.request('GET', `/api${path}?filter=${encodeURIComponent(filter)}&${query}`);
      return { status: response.statusCode, body: response.json() };
    };

    async function walkThrough() {
      const question = await get(
        '/models',
        `trained_on IN ('${SEA_AD}@2', '${SEA_AD}@3') AND metrics.auc > 0.8 AND status != 'archived'`,
        'all_versions=true',
      );
      assert.equal(question.status, 200);
      const found: string[] = question.body.models.map((model: Item) => model.id);
      assert.ok(found.includes('model-dl-microglia-states-v1'));
      assert.ok(found.includes('model-dl-microglia-states-v2'));
      const detail = async (id: string) => (await t.request('GET', `/api/models/${id}`)).json();
      for (const id of found) {
        const model = await detail(id);
        const pins = model.links.trained_on.map(
          (link: { id: string; version: number }) => `${link.id}@${link.version}`,
        );
        assert.ok(pins.includes(`${SEA_AD}@2`) || pins.includes(`${SEA_AD}@3`), id);
        assert.ok(model.evaluation_metrics.auc > 0.8 && model.status !== 'archived', id);
      }

      const sorted = await get(
        '/models',
        "family = 'biophysical' OR (metrics.rmse < 0.05 AND NOT flag = 'provenance_incomplete')",
        'sort=metrics.rmse&order=asc&limit=3',
      );
      assert.equal(sorted.status, 200);
      assert.equal(sorted.body.models[0].id, 'model-biophys-microglia-v3');
      const rmses = sorted.body.models.map((model: Item) => model.evaluation_metrics.rmse);
      assert.deepEqual(
        rmses,
        [...rmses].sort((a, b) => a - b),
      );

      const edges = await get('/kg/edges', "origin = 'curated' OR confidence >= 0.8", 'limit=3');
      assert.equal(edges.status, 200);
      for (const edge of edges.body.edges) assert.ok(edge.origin === 'curated' || edge.confidence >= 0.8);

      const mistake = await get('/models', "status = 'promoted' AND colour = 'red'");
      assert.equal(mistake.status, 400);
      assert.equal(mistake.body.error.code, 'invalid_filter');
      assert.equal(mistake.body.error.details.position, 24);
      assert.deepEqual(mistake.body.error.details.expected.slice(0, 2), ['id', 'model_name']);
      return { found, sorted: sorted.body.models.map((model: Item) => model.id), edges: edges.body.total };
    }

    it('answers each step as the README says, and the same on the used world', async () => {
      const first = await walkThrough();
      assert.deepEqual(await walkThrough(), first);
    });
  });
}
