import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  categoryOf,
  isKgxNodeId,
  type KgxEdgeRow,
  kgxEdgeOf,
  kgxNodeOf,
  lineageInfores,
  reviewStateOf,
} from './kgx.ts';

const row = (overrides: Partial<KgxEdgeRow> = {}): KgxEdgeRow => ({
  id: 'edge-1',
  subject: 'HGNC:1100',
  predicate: 'biolink:regulates',
  object: 'MONDO:0004975',
  confidence: 0.42,
  status: 'active',
  review_flag: false,
  knowledge_level: 'prediction',
  agent_type: 'computational_model',
  source_artifact_id: 'model-x-v2',
  source_version: 2,
  model_name: 'model-x',
  ...overrides,
});

describe('isKgxNodeId', () => {
  it('accepts a CURIE whose prefix the Biolink context knows', () => {
    for (const id of [
      'HGNC:1100',
      'MONDO:0004975',
      'GO:0001774',
      'PUBCHEM.COMPOUND:2244',
      'UniProtKB:P12345',
    ]) {
      assert.equal(isKgxNodeId(id), true, id);
    }
  });

  it('refuses free text, unknown prefixes and what kgx does not read as a CURIE', () => {
    for (const id of [
      'TREM2',
      'GENE:xyz',
      'MG:model-3',
      'infores:modelgraph',
      'doi:10.1000/x',
      'HGNC:1 2',
      'HGNC:',
      'a:b:c',
      'hgnc:1',
    ]) {
      assert.equal(isKgxNodeId(id), false, id);
    }
  });
});

describe('the KGX form of an edge', () => {
  it('keeps a Biolink predicate and names the lineage as the knowledge source', () => {
    assert.deepEqual(kgxEdgeOf(row()), {
      id: 'edge-1',
      subject: 'HGNC:1100',
      predicate: 'biolink:regulates',
      object: 'MONDO:0004975',
      knowledge_level: 'prediction',
      agent_type: 'computational_model',
      primary_knowledge_source: 'infores:modelgraph-model-x',
      aggregator_knowledge_source: ['infores:modelgraph'],
      has_confidence_score: 0.42,
      source_artifact_id: 'model-x-v2',
      source_version: 2,
      review_state: 'unreviewed',
    });
  });

  it('says a predicate Biolink does not name as biolink:related_to, keeping it as original_predicate', () => {
    for (const predicate of ['RO:0002434', 'inhibits', 'biolink:RelatedTo', 'biolink:positively_regulates']) {
      const edge = kgxEdgeOf(row({ predicate }));
      assert.deepEqual([edge.predicate, edge.original_predicate], ['biolink:related_to', predicate]);
    }
  });

  it('names modelgraph itself as the source of an edge no version produced', () => {
    const edge = kgxEdgeOf(row({ source_artifact_id: null, source_version: null, model_name: null }));
    assert.equal(edge.primary_knowledge_source, 'infores:modelgraph');
    assert.equal('aggregator_knowledge_source' in edge, false);
  });

  it('makes a lineage name with a colon a CURIE local part', () => {
    assert.equal(lineageInfores('lab:model'), 'infores:modelgraph-lab.model');
  });

  it('gives the review state: flagged first, then retracted, kept by a reviewer, or unreviewed', () => {
    const state = (overrides: Partial<KgxEdgeRow>) => reviewStateOf(row(overrides));
    assert.equal(state({ review_flag: true, status: 'retracted' }), 'flagged');
    assert.equal(state({ status: 'retracted' }), 'retracted');
    assert.equal(state({ agent_type: 'manual_validation_of_automated_agent' }), 'kept');
    assert.equal(state({}), 'unreviewed');
  });
});

describe('the KGX form of a node', () => {
  it('has the Biolink category of its prefix, and NamedThing for the others', () => {
    assert.deepEqual(kgxNodeOf({ id: 'HGNC:1100' }), {
      id: 'HGNC:1100',
      category: ['biolink:Gene'],
      provided_by: ['infores:modelgraph'],
    });
    assert.equal(categoryOf('MONDO:0004975'), 'biolink:Disease');
    assert.equal(categoryOf('CHEBI:15365'), 'biolink:ChemicalEntity');
    assert.equal(categoryOf('MESH:D000544'), 'biolink:NamedThing');
  });

  it('carries the name, and the category its writer gave when Biolink knows it', () => {
    assert.deepEqual(kgxNodeOf({ id: 'HGNC:11', name: 'TREM2', category: 'biolink:Protein' }), {
      id: 'HGNC:11',
      name: 'TREM2',
      category: ['biolink:Protein'],
      provided_by: ['infores:modelgraph'],
    });
    assert.deepEqual(kgxNodeOf({ id: 'HGNC:11', name: 'TREM2', category: 'biolink:Nonsense' }).category, [
      'biolink:Gene',
    ]);
  });
});
