import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BadTrackingAnswer, sourceRunOfLoggedModel, trackedRunOf } from './tracking-facts.ts';

// The shapes of MLflow 3.17's answers, trimmed to the fields read.
const RUN_ANSWER = {
  run: {
    info: {
      run_uuid: '940e9b04c0c54b86b36e98eaf49e15d8',
      run_id: '940e9b04c0c54b86b36e98eaf49e15d8',
      experiment_id: '1',
      run_name: 'honorable-moth-456',
      user_id: 'root',
      status: 'FINISHED',
      artifact_uri: 'mlflow-artifacts:/1/940e9b04c0c54b86b36e98eaf49e15d8/artifacts',
    },
    data: {
      metrics: [
        { key: 'accuracy', value: 0.94, timestamp: 1, step: 0 },
        { key: 'loss', value: 'NaN', timestamp: 1, step: 0 },
      ],
      params: [
        { key: 'C', value: '0.5' },
        { key: 'max_iter', value: '200' },
      ],
      tags: [{ key: 'mlflow.runName', value: 'honorable-moth-456' }],
    },
    inputs: {
      dataset_inputs: [
        {
          tags: [{ key: 'mlflow.data.context', value: 'training' }],
          dataset: { name: 'train', digest: '89e3f862', source_type: 'code', source: '{"tags": {}}' },
        },
        {
          dataset: { name: 'holdout', digest: '510cd81c', source_type: 's3', source: '{"uri": "s3://b/h"}' },
        },
      ],
    },
  },
};

describe('trackedRunOf', () => {
  it("reads a run's parameters, finite metrics and dataset inputs with their contexts", () => {
    assert.deepEqual(trackedRunOf(RUN_ANSWER), {
      runId: '940e9b04c0c54b86b36e98eaf49e15d8',
      runName: 'honorable-moth-456',
      experimentId: '1',
      userId: 'root',
      status: 'FINISHED',
      artifactUri: 'mlflow-artifacts:/1/940e9b04c0c54b86b36e98eaf49e15d8/artifacts',
      params: { C: '0.5', max_iter: '200' },
      metrics: { accuracy: 0.94 },
      datasets: [
        {
          name: 'train',
          digest: '89e3f862',
          sourceType: 'code',
          source: '{"tags": {}}',
          context: 'training',
        },
        {
          name: 'holdout',
          digest: '510cd81c',
          sourceType: 's3',
          source: '{"uri": "s3://b/h"}',
          context: null,
        },
      ],
    });
  });

  it('reads a run that logged nothing, as MLflow leaves its empty lists out', () => {
    const run = trackedRunOf({ run: { info: { run_id: 'abc' }, data: {} } });
    assert.deepEqual([run.params, run.metrics, run.datasets], [{}, {}, []]);
  });

  it('refuses an answer that is not a run', () => {
    for (const answer of [
      null,
      [],
      { run: 'x' },
      { run: { info: {} } },
      { run: { info: { run_id: 'a' }, data: { params: 3 } } },
    ]) {
      assert.throws(() => trackedRunOf(answer), BadTrackingAnswer, JSON.stringify(answer));
    }
  });
});

describe('sourceRunOfLoggedModel', () => {
  it('reads the run that made a logged model, and null for one logged outside a run', () => {
    assert.equal(
      sourceRunOfLoggedModel({ model: { info: { model_id: 'm-1', source_run_id: 'r-1' } } }),
      'r-1',
    );
    assert.equal(sourceRunOfLoggedModel({ model: { info: { model_id: 'm-1' } } }), null);
    assert.throws(() => sourceRunOfLoggedModel({ models: [] }), BadTrackingAnswer);
  });
});
