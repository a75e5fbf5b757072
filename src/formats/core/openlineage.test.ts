import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildProvenanceRecord, FITTED_VERSION } from '../../../test/support/provenance-record-factory.ts';
import { buildRunEvent, deterministicRunId, modelVersionRun, modelVersionRunEvents } from './openlineage.ts';

const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('deterministicRunId', () => {
  it('is the RFC 4122 UUID version 5 of the name in modelgraph namespace', () => {
    // Python's own implementation agrees: uuid.uuid5(uuid.UUID('6d2f8f0e-4c1a-4b7e-9b3d-2a5c8e1f7a90'),
    // 'model-version:model-biophys-microglia-v3') == UUID('6562e64d-f1b8-5044-8fd9-d95944e33e90').
    assert.equal(
      deterministicRunId('model-version:model-biophys-microglia-v3'),
      '6562e64d-f1b8-5044-8fd9-d95944e33e90',
    );
  });

  it('gives the same name the same id and different names different ids', () => {
    const ids = ['a', 'b', 'a'].map(deterministicRunId);
    assert.equal(ids[0], ids[2]);
    assert.notEqual(ids[0], ids[1]);
    for (const id of ids) assert.match(id, UUID_V5);
  });
});

describe('the run that produced a model version', () => {
  const record = buildProvenanceRecord(FITTED_VERSION);

  it('is a run of the producing analysis, reading the pinned data of the version and of the analysis', () => {
    const run = modelVersionRun(record);
    assert.equal(run.job.name, 'a-fit');
    assert.deepEqual(run.inputs, [
      { name: 'd-train', version: '4' },
      { name: 'd-raw', version: '1' },
    ]);
    assert.deepEqual(run.outputs, [{ name: 'm', version: '2' }]);
    assert.equal(run.runId, deterministicRunId('model-version:m-v2'));
  });

  it('is a run of `<model_name>.train` when no analysis produced the version', () => {
    const bare = buildProvenanceRecord({ model: { id: 'x-v1', modelName: 'x' } });
    assert.equal(modelVersionRun(bare).job.name, 'x.train');
    assert.deepEqual(modelVersionRun(bare).inputs, []);
  });

  it('is told as a START and a COMPLETE with one runId at the registration time', () => {
    const events = modelVersionRunEvents(record, { producer: 'http://registry.test/' });
    assert.deepEqual(
      events.map((event) => [event.eventType, event.eventTime, (event.run as { runId: string }).runId]),
      [
        ['START', '2026-01-01T00:00:00.000Z', deterministicRunId('model-version:m-v2')],
        ['COMPLETE', '2026-01-01T00:00:00.000Z', deterministicRunId('model-version:m-v2')],
      ],
    );
  });

  it('puts a version facet on datasets whose version is known, and none on the others', () => {
    const event = buildRunEvent(
      'FAIL',
      new Date(0),
      {
        runId: 'r',
        job: { name: 'j', jobType: 'RESCORE' },
        inputs: [{ name: 'a', version: '3' }],
        outputs: [{ name: 'b', version: null }],
      },
      { producer: 'http://registry.test/' },
    );
    assert.deepEqual((event.inputs as { facets: unknown }[])[0].facets, {
      version: {
        _producer: 'http://registry.test/',
        _schemaURL:
          'https://openlineage.io/spec/facets/1-0-1/DatasetVersionDatasetFacet.json#/$defs/DatasetVersionDatasetFacet',
        datasetVersion: '3',
      },
    });
    assert.deepEqual((event.outputs as object[])[0], { namespace: 'modelgraph', name: 'b' });
  });
});
