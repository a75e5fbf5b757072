import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BadProvenanceTag, isProvenanceTag, readProvenanceTags } from './provenance-tags.ts';

describe('reserved provenance tags', () => {
  it('reads pinned and unpinned datasets, separated by commas with spaces', () => {
    assert.deepEqual(readProvenanceTags({ 'modelgraph.trained_on': 'ds-a, ds-b@3,,' }), {
      trainedOn: [
        { id: 'ds-a', version: null },
        { id: 'ds-b', version: 3 },
      ],
    });
  });

  it('reads every reserved key and ignores the others', () => {
    const declared = readProvenanceTags({
      'modelgraph.produced_by': 'an-1',
      'modelgraph.tests_hypothesis': 'hy-1',
      'modelgraph.inputs': 'x@1',
      'modelgraph.model_family': 'deep_learning',
      'modelgraph.raw_quality_score': '0.8',
      team: 'a',
    });
    assert.deepEqual(declared, {
      producedBy: 'an-1',
      testsHypothesis: 'hy-1',
      inputs: [{ id: 'x', version: 1 }],
      modelFamily: 'deep_learning',
      rawQualityScore: 0.8,
    });
    assert.equal(isProvenanceTag('team'), false);
    assert.equal(isProvenanceTag('modelgraph.inputs'), true);
  });

  it('refuses a version that is not a positive integer, an unknown family, a score outside 0…1', () => {
    const refused: Record<string, string>[] = [
      { 'modelgraph.trained_on': 'ds@0' },
      { 'modelgraph.trained_on': 'ds@v2' },
      { 'modelgraph.model_family': 'quantum' },
      { 'modelgraph.raw_quality_score': '1.5' },
      { 'modelgraph.raw_quality_score': 'high' },
      { 'modelgraph.raw_quality_score': '' },
    ];
    for (const tags of refused) {
      assert.throws(() => readProvenanceTags(tags), BadProvenanceTag, JSON.stringify(tags));
    }
  });
});
