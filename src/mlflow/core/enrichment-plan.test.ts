import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { locationOf, pinsOf, planEnrichment, roleOf } from './enrichment-plan.ts';
import { BadTrackingAnswer, type TrackedDataset, type TrackedRun } from './tracking-facts.ts';

const dataset = (
  name: string,
  digest: string,
  context: string | null,
  source = '{"tags": {}}',
): TrackedDataset => ({
  name,
  digest,
  sourceType: 'code',
  source,
  context,
});

const RUN: TrackedRun = {
  runId: 'abc123',
  runName: 'brave-owl',
  experimentId: '4',
  userId: 'ana',
  status: 'FINISHED',
  artifactUri: 'mlflow-artifacts:/4/abc123/artifacts',
  params: { C: '0.5' },
  metrics: { accuracy: 0.9 },
  datasets: [
    dataset('train', 'aa11', 'training', '{"uri": "s3://bucket/train.parquet"}'),
    dataset('holdout', 'bb22', 'evaluation'),
    dataset('valid', 'cc33', 'Validation'),
    dataset('extra', 'dd44', null),
    dataset('probe', 'ee55', 'testing'),
    dataset('train again', 'aa11', 'evaluation'),
    dataset('no digest', '', 'training'),
    dataset('odd digest', 'a b', 'training'),
  ],
};

describe('planEnrichment', () => {
  const plan = planEnrichment(RUN, 'http://mlflow:5000');

  it('makes the run an analysis named by its id, linking to its page', () => {
    assert.equal(plan.analysis.id, 'mlflow-run-abc123');
    assert.equal(plan.analysis.title, 'MLflow run brave-owl');
    assert.equal(plan.analysis.uri, 'http://mlflow:5000/#/experiments/4/runs/abc123');
    assert.deepEqual(plan.parameters, { C: '0.5' });
    assert.deepEqual(plan.metrics, { accuracy: 0.9 });
  });

  it('makes one dataset per digest, with every role it was logged in', () => {
    assert.deepEqual(
      plan.datasets.map((planned) => [planned.id, planned.roles]),
      [
        ['mlflow-dataset-aa11', ['training', 'evaluation']],
        ['mlflow-dataset-bb22', ['evaluation']],
        ['mlflow-dataset-cc33', ['evaluation']],
        ['mlflow-dataset-dd44', ['training']],
        ['mlflow-dataset-ee55', ['input']],
      ],
    );
    const [train] = plan.datasets;
    assert.equal(train.digest, 'aa11');
    assert.equal(train.uri, 's3://bucket/train.parquet');
    assert.deepEqual(train.metadata, {
      mlflow: {
        name: 'train',
        digest: 'aa11',
        source_type: 'code',
        source: { uri: 's3://bucket/train.parquet' },
      },
    });
  });

  it('leaves out datasets without a digest that makes an id, saying why', () => {
    assert.deepEqual(plan.skipped, [
      { name: 'no digest', reason: 'no digest' },
      { name: 'odd digest', reason: "digest 'a b' makes no valid id" },
    ]);
  });

  it('pins each role to the versions the datasets got', () => {
    const versions = new Map([
      ['mlflow-dataset-aa11', 1],
      ['mlflow-dataset-bb22', 2],
    ]);
    assert.deepEqual(pinsOf(plan, 'training', versions), [
      { id: 'mlflow-dataset-aa11', version: 1 },
      { id: 'mlflow-dataset-dd44', version: null },
    ]);
    assert.deepEqual(
      pinsOf(plan, 'evaluation', versions).map((pin) => pin.id),
      ['mlflow-dataset-aa11', 'mlflow-dataset-bb22', 'mlflow-dataset-cc33'],
    );
  });

  it('refuses a run id that makes no artifact id', () => {
    assert.throws(() => planEnrichment({ ...RUN, runId: 'a/b' }, 'http://mlflow'), BadTrackingAnswer);
  });
});

describe('roleOf and locationOf', () => {
  it('reads training (or no context) as training, eval contexts as evaluation, others as inputs', () => {
    assert.deepEqual([null, 'training', 'eval', 'evaluation', 'validation', 'test'].map(roleOf), [
      'training',
      'training',
      'evaluation',
      'evaluation',
      'evaluation',
      'input',
    ]);
  });

  it("reads the location MLflow's source names, if any", () => {
    assert.equal(locationOf('{"url": "https://x/y.csv"}'), 'https://x/y.csv');
    assert.equal(locationOf('{"path": "/data/z"}'), '/data/z');
    assert.equal(locationOf('{"tags": {}}'), undefined);
    assert.equal(locationOf('not json'), undefined);
  });
});
