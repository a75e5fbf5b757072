import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.ts';
import {
  buildModelBody,
  createAnalysis,
  createArtifact,
  createDataset,
  createLink,
  expectError,
  registerModel,
  uniqueId,
} from '../support/factories.ts';
import { testStores } from '../support/stores.ts';

interface DagEdge {
  from: string;
  to: string;
  link_type: string;
  version: number | null;
}

const byKey = (a: DagEdge, b: DagEdge) => `${a.from}>${a.to}`.localeCompare(`${b.from}>${b.to}`);

for (const store of testStores()) {
  describe(`GET /api/models/compare on ${store.name}`, () => {
    let t: TestApp;
    // m1 and m2 share a pinned dataset and an eval dataset; m3 was evaluated elsewhere.
    const w = {} as Record<
      'dA' | 'dB' | 'dC' | 'evalA' | 'evalB' | 'analysis' | 'analysisInput' | 'raw1' | 'raw0' | 'extra',
      string
    >;
    const m = {} as Record<'m1' | 'm2' | 'm3', string>;

    const compare = async (ids: string[]) => {
      const response = await t.request(
        'GET',
        `/api/models/compare?ids=${ids.map(encodeURIComponent).join(',')}`,
      );
      assert.equal(response.statusCode, 200, response.body);
      return response.json();
    };

    before(async () => {
      t = await startTestApp(store);
      for (const key of [
        'dA',
        'dB',
        'dC',
        'evalA',
        'evalB',
        'analysisInput',
        'raw1',
        'raw0',
        'extra',
      ] as const) {
        w[key] = await createDataset(t);
      }
      // raw0 is four hops from the model: model → analysis → input → raw1 → raw0.
      await createLink(t, { source_id: w.analysisInput, target_id: w.raw1, link_type: 'derived_from' });
      await createLink(t, { source_id: w.raw1, target_id: w.raw0, link_type: 'derived_from' });
      w.analysis = await createAnalysis(t, [{ artifact_id: w.analysisInput, version: 1 }]);
      m.m1 = (
        await registerModel(
          t,
          buildModelBody({
            model_family: 'biophysical',
            parameter_count: 10,
            architecture: { layers: 2, activation: { type: 'relu' } },
            parameters: { k_on: 1 },
            training_config: { epochs: 10, optimizer: { name: 'adam', lr: 0.01 } },
            evaluation_metrics: { rmse: 0.1, accuracy: 0.8, custom_score: 1 },
            eval_dataset_id: w.evalA,
            trained_on: [{ dataset_id: w.dA, version: 1 }, { dataset_id: w.dB }],
            produced_by: { analysis_id: w.analysis },
          }),
        )
      ).id;
      m.m2 = (
        await registerModel(
          t,
          buildModelBody({
            model_family: 'biophysical',
            parameter_count: 20,
            architecture: { layers: 3, activation: { type: 'relu' } },
            training_config: { epochs: 10, optimizer: { name: 'sgd', lr: 0.01 } },
            evaluation_metrics: { rmse: 0.2, accuracy: 0.9 },
            eval_dataset_id: w.evalA,
            trained_on: [{ dataset_id: w.dA, version: 1 }, { dataset_id: w.dC }],
            inputs: [{ artifact_id: w.extra, version: 1 }],
          }),
        )
      ).id;
      m.m3 = (
        await registerModel(
          t,
          buildModelBody({
            model_family: 'statistical',
            eval_dataset_id: w.evalB,
            trained_on: [{ dataset_id: w.dA }],
          }),
        )
      ).id;
    });
    after(() => t.close());

    it('returns the list items in the order asked', async () => {
      const result = await compare([m.m2, m.m1]);
      assert.deepEqual(
        result.models.map((item: { id: string }) => item.id),
        [m.m2, m.m1],
      );
      assert.equal(result.models[1].produced_by, w.analysis);
    });

    it('diffs the flattened dot-paths of architecture, parameters and training_config', async () => {
      const { metadata_diff } = await compare([m.m1, m.m2]);
      const byField = Object.fromEntries(
        metadata_diff.map((row: { field: string; values: unknown; differs: boolean }) => [row.field, row]),
      );
      const expected: Record<string, [unknown, unknown, boolean]> = {
        model_family: ['biophysical', 'biophysical', false],
        parameter_count: [10, 20, true],
        'architecture.layers': [2, 3, true],
        'architecture.activation.type': ['relu', 'relu', false],
        'parameters.k_on': [1, null, true],
        'training_config.epochs': [10, 10, false],
        'training_config.optimizer.name': ['adam', 'sgd', true],
        'training_config.optimizer.lr': [0.01, 0.01, false],
      };
      assert.deepEqual(Object.keys(byField).sort(), Object.keys(expected).sort());
      for (const [field, [v1, v2, differs]] of Object.entries(expected)) {
        assert.deepEqual(byField[field], { field, values: { [m.m1]: v1, [m.m2]: v2 }, differs }, field);
      }
    });

    it('marks the best value of each metric by its direction', async () => {
      const { metrics } = await compare([m.m1, m.m2]);
      assert.deepEqual(metrics, [
        {
          metric: 'accuracy',
          values: { [m.m1]: 0.8, [m.m2]: 0.9 },
          direction: 'higher_is_better',
          best: m.m2,
        },
        { metric: 'custom_score', values: { [m.m1]: 1, [m.m2]: null }, direction: 'unknown', best: null },
        { metric: 'rmse', values: { [m.m1]: 0.1, [m.m2]: 0.2 }, direction: 'lower_is_better', best: m.m1 },
      ]);
    });

    it('splits training data into shared and unique, counting a pinned dataset as id@version', async () => {
      const { training_data } = await compare([m.m1, m.m2]);
      assert.deepEqual(training_data, {
        shared: [`${w.dA}@1`],
        unique: { [m.m1]: [w.dB], [m.m2]: [w.dC] },
        jaccard: 1 / 3,
      });
    });

    it('does not match a pinned dataset with the same dataset unpinned', async () => {
      const { training_data } = await compare([m.m1, m.m3]);
      assert.deepEqual(training_data.shared, []);
      assert.deepEqual(training_data.unique[m.m3], [w.dA]);
      assert.equal(training_data.jaccard, 0);
    });

    it("counts the producing analysis's inputs among a model's inputs", async () => {
      const { inputs } = await compare([m.m1, m.m2]);
      assert.deepEqual(inputs.shared, [`${w.dA}@1`]);
      assert.deepEqual(inputs.unique[m.m1], [`${w.analysisInput}@1`, w.dB].sort());
      assert.deepEqual(inputs.unique[m.m2], [`${w.extra}@1`, w.dC].sort());
    });

    it('draws each provenance DAG through the analysis to its inputs, at most 3 hops deep', async () => {
      const { provenance } = await compare([m.m1, m.m2]);
      const dag = provenance[m.m1].dag;
      assert.deepEqual(
        [...dag.edges].sort(byKey),
        [
          { from: m.m1, to: w.dA, link_type: 'trained_on', version: 1 },
          { from: m.m1, to: w.dB, link_type: 'trained_on', version: null },
          { from: m.m1, to: w.analysis, link_type: 'produced_by', version: null },
          { from: w.analysis, to: w.analysisInput, link_type: 'input', version: 1 },
          { from: w.analysisInput, to: w.raw1, link_type: 'derived_from', version: null },
        ].sort(byKey),
      );
      const nodes = Object.fromEntries(
        dag.nodes.map((node: { id: string; type: string }) => [node.id, node.type]),
      );
      assert.deepEqual(nodes, {
        [m.m1]: 'model',
        [w.dA]: 'dataset',
        [w.dB]: 'dataset',
        [w.analysis]: 'analysis',
        [w.analysisInput]: 'dataset',
        [w.raw1]: 'dataset',
      });
      assert.equal(provenance[m.m1].complete, false);
      assert.deepEqual(provenance[m.m1].missing, ['inputs_pinned']);
      assert.deepEqual(
        provenance[m.m2].dag.nodes.map((node: { id: string }) => node.id).sort(),
        [m.m2, w.dA, w.dC, w.extra].sort(),
      );
      assert.deepEqual(provenance[m.m2].missing, ['produced_by_analysis', 'inputs_pinned']);
    });

    it('warns eval_dataset_mismatch when the models were evaluated on different datasets', async () => {
      const { warnings } = await compare([m.m1, m.m3]);
      assert.equal(warnings.length, 1);
      assert.equal(warnings[0].code, 'eval_dataset_mismatch');
      assert.deepEqual(warnings[0].ids, [m.m1, m.m3]);
      assert.deepEqual(warnings[0].eval_datasets, { [m.m1]: w.evalA, [m.m3]: w.evalB });
    });

    it('gives no warning when every model was evaluated on the same dataset', async () => {
      assert.deepEqual((await compare([m.m1, m.m2])).warnings, []);
    });

    describe('bad requests', () => {
      it('refuses a single id with 400 invalid_request', async () => {
        expectError(await t.request('GET', `/api/models/compare?ids=${m.m1}`), 400, 'invalid_request');
      });

      it('refuses 51 ids with 400 invalid_request', async () => {
        const ids = Array.from({ length: 51 }, (_, i) => `model-${i}`).join(',');
        expectError(await t.request('GET', `/api/models/compare?ids=${ids}`), 400, 'invalid_request');
      });

      it('accepts 50 ids, so that 48 unknown ones among them are a 404', async () => {
        const unknown = Array.from({ length: 48 }, (_, i) => `unknown-${i}`);
        const response = await t.request(
          'GET',
          `/api/models/compare?ids=${[m.m1, m.m2, ...unknown].join(',')}`,
        );
        assert.deepEqual(expectError(response, 404, 'not_found').details, { missing: unknown });
      });

      it('refuses duplicate ids with 400 invalid_request', async () => {
        expectError(
          await t.request('GET', `/api/models/compare?ids=${m.m1},${m.m2},${m.m1}`),
          400,
          'invalid_request',
        );
      });

      it('refuses a missing ids parameter with 400 invalid_request', async () => {
        expectError(await t.request('GET', '/api/models/compare'), 400, 'invalid_request');
      });

      it('refuses an unknown parameter with 400 unknown_parameter', async () => {
        const response = await t.request('GET', `/api/models/compare?ids=${m.m1},${m.m2}&metric=rmse`);
        expectError(response, 400, 'unknown_parameter');
      });

      it('answers 404 not_found naming every unknown id', async () => {
        const [ghost1, ghost2] = [uniqueId('ghost'), uniqueId('ghost')];
        const response = await t.request('GET', `/api/models/compare?ids=${ghost1},${m.m1},${ghost2}`);
        const error = expectError(response, 404, 'not_found');
        assert.deepEqual(error.details, { missing: [ghost1, ghost2] });
        assert.match(error.message, new RegExp(`${ghost1}.*${ghost2}`));
      });

      it('answers 404 for an id that names an artifact that is not a model', async () => {
        const benchmark = await createArtifact(t, 'benchmark');
        const response = await t.request('GET', `/api/models/compare?ids=${m.m1},${benchmark}`);
        assert.deepEqual(expectError(response, 404, 'not_found').details, { missing: [benchmark] });
      });
    });
  });
}
