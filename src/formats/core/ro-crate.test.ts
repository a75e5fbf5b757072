import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildProvenanceRecord, type RecordSpec } from '../../../test/support/provenance-record-factory.ts';
import { buildRoCrate } from './ro-crate.ts';

type Node = Record<string, unknown> & { '@id': string; '@type': string };
const BASE = 'http://registry.test';
const crateOf = (spec: RecordSpec) =>
  buildRoCrate(buildProvenanceRecord(spec), { base: BASE }) as { '@context': unknown; '@graph': Node[] };
const nodeOf = (graph: Node[], id: string) => graph.find((node) => node['@id'] === id);
const url = (path: string) => `${BASE}/api/${path}`;

describe('buildRoCrate', () => {
  const crate = crateOf({
    model: { id: 'm-v2', parentId: 'm-v1', trainedBy: 'ai-trainer' },
    artifacts: [
      ['d', 'dataset'],
      ['a', 'analysis'],
      ['h', 'hypothesis'],
      ['b', 'benchmark'],
      ['m-v1', 'model'],
    ],
    links: [
      ['m-v2', 'trained_on', 'd', 3],
      ['m-v2', 'produced_by', 'a', null],
      ['m-v2', 'tests_hypothesis', 'h', null],
      ['a', 'input', 'd', 2],
      ['a', 'input', 'b', null],
    ],
  });
  const graph = crate['@graph'];

  it('is described by its metadata file and declares modelgraph terms in its context', () => {
    assert.deepEqual(crate['@context'], ['https://w3id.org/ro/crate/1.1/context', { mg: `${BASE}/ns#` }]);
    assert.deepEqual(nodeOf(graph, 'ro-crate-metadata.json'), {
      '@id': 'ro-crate-metadata.json',
      '@type': 'CreativeWork',
      conformsTo: { '@id': 'https://w3id.org/ro/crate/1.1' },
      about: { '@id': './' },
    });
  });

  it('has the version and the datasets as parts, the rest as mentions', () => {
    const root = nodeOf(graph, './');
    assert.deepEqual(root?.hasPart, [
      { '@id': url('artifacts/m-v2') },
      { '@id': url('artifacts/d/') },
      { '@id': url('artifacts/d/versions/3/') },
      { '@id': url('artifacts/d/versions/2/') },
    ]);
    assert.deepEqual(root?.mentions, [
      { '@id': url('artifacts/a') },
      { '@id': url('artifacts/h') },
      { '@id': url('artifacts/b') },
      { '@id': url('artifacts/m-v1') },
    ]);
    assert.deepEqual(root?.mainEntity, { '@id': url('artifacts/m-v2') });
  });

  it('makes the producing analysis a completed action with the inputs as objects and the version as result', () => {
    const action = nodeOf(graph, url('artifacts/a'));
    assert.equal(action?.['@type'], 'CreateAction');
    assert.deepEqual(action?.object, [
      { '@id': url('artifacts/d/versions/2/') },
      { '@id': url('artifacts/b') },
      { '@id': url('artifacts/d/versions/3/') },
    ]);
    assert.deepEqual(action?.result, { '@id': url('artifacts/m-v2') });
    assert.deepEqual(action?.agent, { '@id': url('agents/ai-trainer') });
    assert.deepEqual(action?.actionStatus, { '@id': 'http://schema.org/CompletedActionStatus' });
  });

  it('says the version is based on its training data and parent and tests its hypothesis', () => {
    const model = nodeOf(graph, url('artifacts/m-v2'));
    assert.deepEqual(model?.isBasedOn, [
      { '@id': url('artifacts/d/versions/3/') },
      { '@id': url('artifacts/m-v1') },
    ]);
    assert.deepEqual(model?.['mg:testsHypothesis'], { '@id': url('artifacts/h') });
    assert.equal(nodeOf(graph, url('artifacts/h'))?.['@type'], 'Claim');
    assert.equal(nodeOf(graph, url('artifacts/b'))?.['mg:artifactType'], 'benchmark');
  });

  it('has people affiliated with the publishing registry, and AI agents as software', () => {
    assert.deepEqual(nodeOf(graph, url('agents/curator')), {
      '@id': url('agents/curator'),
      '@type': 'Person',
      name: 'Agent curator',
      affiliation: { '@id': `${BASE}/` },
    });
    assert.equal(nodeOf(graph, url('agents/ai-trainer'))?.['@type'], 'SoftwareApplication');
    assert.deepEqual(nodeOf(graph, './')?.publisher, { '@id': `${BASE}/` });
    assert.equal(nodeOf(graph, `${BASE}/`)?.['@type'], 'Organization');
  });

  it('is authored by the people who trained or registered the version, else by the registry', () => {
    assert.deepEqual(nodeOf(graph, './')?.author, { '@id': url('agents/registrar') });
    const byMachines = crateOf({ model: { trainedBy: 'ai-trainer', createdBy: 'ai-registrar' } })['@graph'];
    assert.deepEqual(nodeOf(byMachines, './')?.author, { '@id': `${BASE}/` });
    const byPeople = crateOf({})['@graph'];
    assert.deepEqual(nodeOf(byPeople, './')?.author, [
      { '@id': url('agents/trainer') },
      { '@id': url('agents/registrar') },
    ]);
  });

  it('never wraps a single value in an array', () => {
    for (const node of graph) {
      for (const [key, value] of Object.entries(node)) {
        assert.ok(!(Array.isArray(value) && value.length < 2), `${node['@id']} ${key}`);
      }
    }
  });

  it("uses the version's license URL, or says that none is declared", () => {
    const licensed = crateOf({ model: { metadata: { license: 'https://spdx.org/licenses/MIT' } } })['@graph'];
    assert.deepEqual(nodeOf(licensed, './')?.license, { '@id': 'https://spdx.org/licenses/MIT' });
    const bare = crateOf({})['@graph'];
    assert.deepEqual(nodeOf(bare, './')?.license, { '@id': '#license-undeclared' });
    assert.equal(nodeOf(bare, '#license-undeclared')?.name, 'No license declared');
  });
});
