import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  type FillableState,
  filledFieldNames,
  fillOfEmpty,
  type RegistrationFill,
} from './registration-fill.ts';

const EMPTY: FillableState = {
  runId: null,
  parameters: {},
  evaluationMetrics: {},
  evalDatasetId: null,
  linkTypes: new Set(),
};

const OFFERED: RegistrationFill = {
  runId: 'run-1',
  parameters: { C: '0.5' },
  evaluationMetrics: { accuracy: 0.9 },
  producedBy: 'mlflow-run-run-1',
  trainedOn: [{ id: 'mlflow-dataset-aa', version: 1 }],
  evalDatasetId: 'mlflow-dataset-bb',
  inputs: [{ id: 'mlflow-dataset-cc', version: 1 }],
};

describe('fillOfEmpty', () => {
  it('fills every field of a version that has none of them', () => {
    assert.deepEqual(fillOfEmpty(EMPTY, OFFERED), OFFERED);
    assert.deepEqual(filledFieldNames(OFFERED), [
      'run_id',
      'parameters',
      'evaluation_metrics',
      'produced_by',
      'trained_on',
      'eval_dataset_id',
      'inputs',
    ]);
  });

  it('keeps what the registration sent or its tags declared', () => {
    const declared: FillableState = {
      runId: 'run-0',
      parameters: { C: '1' },
      evaluationMetrics: { f1: 0.5 },
      evalDatasetId: 'holdout',
      linkTypes: new Set(['trained_on', 'produced_by', 'input']),
    };
    assert.deepEqual(fillOfEmpty(declared, OFFERED), {});
  });

  it('fills only the empty fields, each on its own', () => {
    const partly: FillableState = { ...EMPTY, parameters: { C: '1' }, linkTypes: new Set(['trained_on']) };
    const fill = fillOfEmpty(partly, OFFERED);
    assert.equal(fill.parameters, undefined);
    assert.equal(fill.trainedOn, undefined);
    assert.deepEqual(fill.evaluationMetrics, { accuracy: 0.9 });
    assert.equal(fill.producedBy, 'mlflow-run-run-1');
  });

  it('offers nothing with empty values', () => {
    assert.deepEqual(
      fillOfEmpty(EMPTY, { parameters: {}, evaluationMetrics: {}, trainedOn: [], inputs: [] }),
      {},
    );
  });

  it('never sets a field the version already holds, whatever is offered', () => {
    const state: fc.Arbitrary<FillableState> = fc.record({
      runId: fc.option(fc.constant('r'), { nil: null }),
      parameters: fc.constantFrom<Record<string, unknown>>({}, { a: 1 }),
      evaluationMetrics: fc.constantFrom<Record<string, number>>({}, { m: 1 }),
      evalDatasetId: fc.option(fc.constant('d'), { nil: null }),
      linkTypes: fc.subarray(['trained_on', 'produced_by', 'input']).map((types) => new Set(types)),
    });
    fc.assert(
      fc.property(state, (held) => {
        const fill = fillOfEmpty(held, OFFERED);
        if (held.runId) assert.equal(fill.runId, undefined);
        if (Object.keys(held.parameters).length > 0) assert.equal(fill.parameters, undefined);
        if (Object.keys(held.evaluationMetrics).length > 0) assert.equal(fill.evaluationMetrics, undefined);
        if (held.evalDatasetId) assert.equal(fill.evalDatasetId, undefined);
        if (held.linkTypes.has('trained_on')) assert.equal(fill.trainedOn, undefined);
        if (held.linkTypes.has('produced_by')) assert.equal(fill.producedBy, undefined);
        if (held.linkTypes.has('input')) assert.equal(fill.inputs, undefined);
      }),
    );
  });
});
