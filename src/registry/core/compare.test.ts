import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildModelSummary } from '../../../test/support/domain-factories.ts';
import { type ComparedModel, compareModels, flattenObject, metricDirection, overlap } from './compare.ts';
import type { ModelVersion } from './model.ts';

type Overrides = Partial<Omit<ComparedModel, 'summary'>> & Partial<ModelVersion>;

function compared(
  id: string,
  overrides: Overrides = {},
  metrics: Record<string, number> = {},
): ComparedModel {
  const { trainingData = [], inputs = [], dag = { nodes: [], edges: [] }, ...model } = overrides;
  return {
    summary: buildModelSummary({ id, evaluationMetrics: metrics, ...model }),
    trainingData,
    inputs,
    dag,
  };
}

describe('compare', () => {
  it('reads metric direction from the name, prefixes included', () => {
    assert.equal(metricDirection('rmse'), 'lower_is_better');
    assert.equal(metricDirection('val_loss'), 'lower_is_better');
    assert.equal(metricDirection('roc_auc'), 'higher_is_better');
    assert.equal(metricDirection('test.f1'), 'higher_is_better');
    assert.equal(metricDirection('elbo'), 'unknown');
  });

  it('flattens nested objects into dot-paths with arrays as leaves', () => {
    assert.deepEqual(
      [...flattenObject({ optimizer: { name: 'adam', lr: 0.001 }, layers: [64, 32] }, 'training_config')],
      [
        ['training_config.optimizer.name', 'adam'],
        ['training_config.optimizer.lr', 0.001],
        ['training_config.layers', [64, 32]],
      ],
    );
  });

  it('marks the best value per metric by its direction and leaves unknown directions without a best', () => {
    const result = compareModels([
      compared('a', {}, { rmse: 0.2, auc: 0.8, elbo: 3 }),
      compared('b', {}, { rmse: 0.1, auc: 0.7 }),
    ]);
    const byName = Object.fromEntries(result.metrics.map((m) => [m.metric, m]));
    assert.equal(byName.rmse.best, 'b');
    assert.equal(byName.auc.best, 'a');
    assert.equal(byName.elbo.best, null);
    assert.deepEqual(byName.elbo.values, { a: 3, b: null });
  });

  it('diffs flattened metadata and says which fields differ', () => {
    const result = compareModels([
      compared('a', { trainingConfig: { lr: 0.1, seed: 1 } }),
      compared('b', { trainingConfig: { lr: 0.2, seed: 1 } }),
    ]);
    const fields = Object.fromEntries(result.metadata_diff.map((d) => [d.field, d.differs]));
    assert.deepEqual(fields, {
      model_family: false,
      parameter_count: false,
      'training_config.lr': true,
      'training_config.seed': false,
    });
  });

  it('computes shared and unique training data and their Jaccard index', () => {
    const result = compareModels([
      compared('a', { trainingData: ['d1@1', 'd2'] }),
      compared('b', { trainingData: ['d1@1', 'd3@2'] }),
    ]);
    assert.deepEqual(result.training_data, {
      shared: ['d1@1'],
      unique: { a: ['d2'], b: ['d3@2'] },
      jaccard: 1 / 3,
    });
  });

  it('warns when the models were evaluated on different datasets', () => {
    const result = compareModels([compared('a'), compared('b', { evalDatasetId: 'other' })]);
    assert.equal(result.warnings[0].code, 'eval_dataset_mismatch');
    assert.deepEqual(compareModels([compared('a'), compared('b')]).warnings, []);
  });

  it('counts a key shared by only some of three models as neither shared nor unique', () => {
    const result = overlap(
      new Map([
        ['a', ['x', 'y']],
        ['b', ['x', 'y']],
        ['c', ['x']],
      ]),
    );
    assert.deepEqual(result, { shared: ['x'], unique: { a: [], b: [], c: [] }, union: 2 });
  });
});
