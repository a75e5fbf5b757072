/**
 * The comparison's pure core against a reference written the plain way (fast-check): the metadata
 * diff, the metric table and the overlaps of training data and inputs are what comparing every
 * value with every other value finds — for random models with nested, empty and array-valued
 * configurations, scalars that look like JSON (`'{}'`, `'[]'`, `'null'`), shared and unique keys.
 * The API suite (`models-compare.test.ts`) pins the answer on real data; this one pins the
 * algorithm on data the worlds do not have.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  type ComparedModel,
  compareModels,
  flattenObject,
  overlap,
} from '../../src/registry/core/compare.ts';
import type { ModelSummary } from '../../src/registry/core/model.ts';
import { storedProvenance } from '../../src/registry/core/provenance.ts';

const RUNS = 300;
const SEED = 20261206;

/** The metadata diff as first written: every field, each value's JSON, distinct when two differ. */
function referenceDiff(models: ComparedModel[]) {
  const flats = models.map(({ summary: { model } }) => {
    const flat = new Map<string, unknown>([
      ['model_family', model.modelFamily],
      ['parameter_count', model.parameterCount],
    ]);
    for (const [name, value] of [
      ['architecture', model.architecture],
      ['parameters', model.parameters],
      ['training_config', model.trainingConfig],
    ] as const) {
      for (const [path, leaf] of flattenObject(value, name)) flat.set(path, leaf);
    }
    return flat;
  });
  const fields = [...new Set(flats.flatMap((flat) => [...flat.keys()]))];
  return fields.map((field) => {
    const values = Object.fromEntries(
      models.map((model, i) => [model.summary.model.id, flats[i].get(field) ?? null]),
    );
    const distinct = new Set(Object.values(values).map((value) => JSON.stringify(value)));
    return { field, values, differs: distinct.size > 1 };
  });
}

/** The overlaps as first written: a key is shared when every set has it, unique when one does. */
function referenceOverlap(keysById: Map<string, string[]>) {
  const sets = [...keysById.values()].map((keys) => new Set(keys));
  const union = new Set(sets.flatMap((set) => [...set]));
  const shared = [...union].filter((key) => sets.every((set) => set.has(key))).sort();
  const unique = Object.fromEntries(
    [...keysById].map(([id, keys]) => [
      id,
      [...new Set(keys)].filter((key) => sets.filter((set) => set.has(key)).length === 1).sort(),
    ]),
  );
  return { shared, unique, union: union.size };
}

const leaf = fc.oneof(
  fc.constantFrom('{}', '[]', 'null', '1', 'adam', ''),
  fc.integer({ min: -2, max: 2 }),
  fc.constantFrom(0.5, -0, true, false, null),
  fc.constant({}),
  fc.array(fc.oneof(fc.integer({ min: 0, max: 2 }), fc.constantFrom('a', '[]')), { maxLength: 2 }),
);
const config: fc.Arbitrary<Record<string, unknown>> = fc.dictionary(
  fc.constantFrom('lr', 'depth', 'opt', 'layers'),
  fc.oneof(leaf, fc.dictionary(fc.constantFrom('a', 'b'), leaf, { maxKeys: 2 })),
  { maxKeys: 3 },
);
const keys = fc.array(fc.constantFrom('d1', 'd2', 'd2@1', 'd3', 'a1'), { maxLength: 4 });

const comparedModel = (id: string) =>
  fc
    .record({
      modelFamily: fc.constantFrom('gnn', 'tree'),
      parameterCount: fc.option(fc.integer({ min: 1, max: 3 })),
      architecture: config,
      parameters: config,
      trainingConfig: config,
      metrics: fc.dictionary(
        fc.constantFrom('rmse', 'val_auc', 'f1', 'speed'),
        fc.integer({ min: 0, max: 3 }),
        {
          maxKeys: 3,
        },
      ),
      trainingData: keys,
      inputs: keys,
    })
    .map(
      (m): ComparedModel => ({
        summary: {
          model: {
            id,
            title: id,
            modelFamily: m.modelFamily,
            parameterCount: m.parameterCount,
            architecture: m.architecture,
            parameters: m.parameters,
            trainingConfig: m.trainingConfig,
            evaluationMetrics: m.metrics,
            provenance: storedProvenance(true, []),
            evalDatasetId: null,
          } as ModelSummary['model'],
          links: [],
          aliases: [],
          tags: {},
        },
        trainingData: m.trainingData,
        inputs: [...m.trainingData, ...m.inputs],
        dag: { nodes: [], edges: [] },
      }),
    );

const models = fc
  .integer({ min: 2, max: 6 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => comparedModel(`model-${i}`))));

describe('the comparison core against its plain reference', () => {
  it('finds the same metadata diff, field by field and in the same order', () => {
    fc.assert(
      fc.property(models, (compared) => {
        assert.deepEqual(compareModels(compared).metadata_diff, referenceDiff(compared));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('finds the same shared and unique keys, and the same union', () => {
    fc.assert(
      fc.property(models, (compared) => {
        for (const pick of [(m: ComparedModel) => m.trainingData, (m: ComparedModel) => m.inputs]) {
          const byId = new Map(compared.map((m) => [m.summary.model.id, pick(m)]));
          assert.deepEqual(overlap(byId), referenceOverlap(byId));
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('tells an object from a string with the same JSON text', () => {
    const [a, b] = fc.sample(comparedModel('x'), { numRuns: 2, seed: SEED });
    const withValue = (m: ComparedModel, id: string, value: unknown): ComparedModel => ({
      ...m,
      summary: { ...m.summary, model: { ...m.summary.model, id, trainingConfig: { opt: value } } },
    });
    for (const [left, right, differs] of [
      [{}, '{}', true],
      [[], '[]', true],
      [null, 'null', true],
      [[1, 'a'], [1, 'a'], false],
      [{}, {}, false],
    ] as const) {
      const diff = compareModels([withValue(a, 'm1', left), withValue(b, 'm2', right)]).metadata_diff;
      assert.equal(
        diff.find((row) => row.field === 'training_config.opt')?.differs,
        differs,
        `${left} ${right}`,
      );
    }
  });
});
