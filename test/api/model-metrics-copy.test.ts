/**
 * `model_metrics`, the per-metric copy of each version's `evaluation_metrics` that `metrics.<name>`
 * filters read, follows every way a version's metrics are written — in the same transaction, by
 * the triggers on `models`: the demo world, `POST /api/models`, `PATCH /api/models/{id}` (a merge,
 * and an archive that leaves them), the MLflow face's `model-versions/create` and the enrichment's
 * fill of its empty metrics — and a filter sees each change at once. The bench world generator's
 * copy is checked in test/bench/generate.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { actingAs } from '../../src/caller.ts';
import { loadDemoWorld } from '../../src/demo/load-demo.ts';
import { fillEmptyRegistration } from '../../src/registry/models/model-fill.service.ts';
import { runInUnit } from '../../src/unit-of-work.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { buildModelBody, registerModel, uniqueId } from '../support/factories.ts';
import { expectOk, mlflow } from '../support/mlflow.ts';
import { copiedMetricCount, copiedMetrics, metricCopyMismatches } from '../support/model-metrics.ts';
import { testStores } from '../support/stores.ts';

for (const store of testStores()) {
  describe(`the per-metric copy of versions' metrics on ${store.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(store);
    });
    after(() => t.close());

    /** The ids `GET /api/models` finds for `filter` over every version. */
    async function found(filter: string): Promise<string[]> {
      const response = await t.request(
        'GET',
        `/api/models?all_versions=true&limit=200&filter=${encodeURIComponent(filter)}`,
      );
      assert.equal(response.statusCode, 200, response.body);
      return response.json().models.map((model: { id: string }) => model.id);
    }

    it('copies the demo world’s metrics, one row per version and metric', async () => {
      await loadDemoWorld(t.deps);
      assert.ok((await copiedMetricCount(t.store.db)) > 20);
      assert.deepEqual(await metricCopyMismatches(t.store.db), []);
    });

    it('copies a registration’s metrics and none for a version without', async () => {
      const scored = await registerModel(t, buildModelBody({ evaluation_metrics: { auc: 0.91, f1: 0.5 } }));
      const bare = await registerModel(t, buildModelBody());
      assert.deepEqual(await copiedMetrics(t.store.db, scored.id), { auc: 0.91, f1: 0.5 });
      assert.deepEqual(await copiedMetrics(t.store.db, bare.id), {});
      assert.ok(
        (await found(`metrics.auc = 0.91 AND model_name = '${scored.model_name}'`)).includes(scored.id),
      );
    });

    it('follows an edit of the metrics (merged into the old) and keeps them through an archive', async () => {
      const model = await registerModel(t, buildModelBody({ evaluation_metrics: { auc: 0.91, f1: 0.5 } }));
      const mine = `model_name = '${model.model_name}'`;
      const patched = await t.request('PATCH', `/api/models/${model.id}`, {
        token: ADMIN_TOKEN,
        body: { evaluation_metrics: { auc: 0.7, rmse: 0.1 } },
      });
      assert.equal(patched.statusCode, 200, patched.body);
      assert.deepEqual(await copiedMetrics(t.store.db, model.id), { auc: 0.7, f1: 0.5, rmse: 0.1 });
      assert.deepEqual(await found(`${mine} AND metrics.auc > 0.8`), []);
      assert.deepEqual(await found(`${mine} AND metrics.auc < 0.8 AND metrics.rmse = 0.1`), [model.id]);

      const archived = await t.request('PATCH', `/api/models/${model.id}`, {
        token: ADMIN_TOKEN,
        body: { status: 'archived' },
      });
      assert.equal(archived.statusCode, 200, archived.body);
      assert.deepEqual(await copiedMetrics(t.store.db, model.id), { auc: 0.7, f1: 0.5, rmse: 0.1 });
    });

    it('copies the metrics the enrichment fills into a version created through the MLflow face', async () => {
      const token = await t.agentToken('metrics-copy-mlflow', ['write']);
      const name = uniqueId('mlflow-metrics');
      expectOk(await mlflow(t, 'POST', 'registered-models/create', { name }, token));
      expectOk(await mlflow(t, 'POST', 'model-versions/create', { name, source: 's3://b/m' }, token));
      const id = `${name}-v1`;
      assert.deepEqual(await copiedMetrics(t.store.db, id), {});
      const filled = await runInUnit(t.deps, (unit) =>
        fillEmptyRegistration(t.deps, {
          unit,
          caller: actingAs('metrics-copy-mlflow'),
          id,
          offered: { evaluationMetrics: { accuracy: 0.94, loss: 0.2 } },
          origin: { source: 'test' },
        }),
      );
      assert.deepEqual(filled, ['evaluation_metrics']);
      assert.deepEqual(await copiedMetrics(t.store.db, id), { accuracy: 0.94, loss: 0.2 });
      assert.deepEqual(await found(`model_name = '${name}' AND metrics.accuracy = 0.94`), [id]);
    });

    it('leaves no version’s copy out of step with its JSON', async () => {
      assert.deepEqual(await metricCopyMismatches(t.store.db), []);
    });
  });
}
