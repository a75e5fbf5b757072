import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  computeQualityScore,
  evaluateProvenance,
  flagsOf,
  type LinkFact,
  type ProvenanceFacts,
} from './provenance.ts';

const link = (overrides: Partial<LinkFact>): LinkFact => ({
  sourceId: 'model-x-v1',
  linkType: 'trained_on',
  targetId: 'dataset-a',
  targetType: 'dataset',
  isPinned: true,
  ...overrides,
});

function completeFacts(): ProvenanceFacts {
  return {
    links: [
      link({}),
      link({ linkType: 'produced_by', targetId: 'analysis-a', targetType: 'analysis', isPinned: false }),
    ],
    analysisInputs: [link({ sourceId: 'analysis-a', linkType: 'input', targetId: 'dataset-b' })],
  };
}

describe('evaluateProvenance', () => {
  it('passes all four rules for a pinned, produced, trained model', () => {
    assert.deepEqual(evaluateProvenance(completeFacts()), {
      complete: true,
      missing: [],
      completeness: 1,
      retracted: [],
    });
  });

  it('lists the retractions the model is built on in a stable order, leaving the four rules alone', () => {
    const facts = {
      ...completeFacts(),
      retracted: [
        { artifactId: 'dataset-b', version: 2 },
        { artifactId: 'dataset-a', version: 3 },
        { artifactId: 'dataset-a', version: null },
      ],
    };
    const provenance = evaluateProvenance(facts);
    assert.equal(provenance.complete, true);
    assert.deepEqual(provenance.retracted, [
      { artifactId: 'dataset-a', version: null },
      { artifactId: 'dataset-a', version: 3 },
      { artifactId: 'dataset-b', version: 2 },
    ]);
  });

  it('fails trained_on_dataset alone when the model names no dataset', () => {
    const facts = completeFacts();
    facts.links = facts.links.filter((l) => l.linkType !== 'trained_on');
    assert.deepEqual(evaluateProvenance(facts).missing, ['trained_on_dataset']);
  });

  it('fails trained_on_dataset when the trained_on target is not a dataset', () => {
    const facts = completeFacts();
    facts.links[0] = link({ targetType: 'analysis' });
    assert.deepEqual(evaluateProvenance(facts).missing, ['trained_on_dataset']);
  });

  it('fails produced_by_analysis alone without a producing analysis', () => {
    const facts = completeFacts();
    facts.links = facts.links.filter((l) => l.linkType !== 'produced_by');
    assert.deepEqual(evaluateProvenance(facts).missing, ['produced_by_analysis']);
  });

  it("fails inputs_pinned alone when the analysis's input is unpinned", () => {
    const facts = completeFacts();
    facts.analysisInputs[0] = { ...facts.analysisInputs[0], isPinned: false };
    assert.deepEqual(evaluateProvenance(facts).missing, ['inputs_pinned']);
    assert.equal(evaluateProvenance(facts).completeness, 0.75);
  });

  it('counts an unpinned link as fixed once a pinned link with the same ends and type exists', () => {
    const facts = completeFacts();
    facts.links.push(link({ linkType: 'input', targetId: 'dataset-c', isPinned: false }));
    assert.deepEqual(evaluateProvenance(facts).missing, ['inputs_pinned']);
    facts.links.push(link({ linkType: 'input', targetId: 'dataset-c', isPinned: true }));
    assert.deepEqual(evaluateProvenance(facts).missing, []);
  });

  it('fails hypothesis_link alone when the declared hypothesis is another kind of artifact', () => {
    const facts = completeFacts();
    facts.links.push(
      link({ linkType: 'tests_hypothesis', targetId: 'bench-a', targetType: 'benchmark', isPinned: false }),
    );
    assert.deepEqual(evaluateProvenance(facts).missing, ['hypothesis_link']);
  });

  it('lists every failed rule in the documented order', () => {
    assert.deepEqual(evaluateProvenance({ links: [], analysisInputs: [] }).missing, [
      'trained_on_dataset',
      'produced_by_analysis',
    ]);
  });
});

describe('computeQualityScore', () => {
  const complete = { complete: true, missing: [], completeness: 1, retracted: [] };
  const incomplete = {
    complete: false,
    missing: ['inputs_pinned' as const],
    completeness: 0.75,
    retracted: [],
  };
  const retracted = [{ artifactId: 'dataset-a', version: 2 }];

  it('keeps the raw score when provenance is complete', () => {
    assert.equal(computeQualityScore(0.9, complete, 0.3), 0.9);
  });

  it('caps the score at 0.3 when provenance is incomplete', () => {
    assert.equal(computeQualityScore(0.9, incomplete, 0.3), 0.3);
    assert.deepEqual(flagsOf(incomplete), ['provenance_incomplete']);
  });

  it('does not raise a raw score below the cap', () => {
    assert.equal(computeQualityScore(0.2, incomplete, 0.3), 0.2);
  });

  it('caps the score of a complete version built on a retraction, flagged retracted_input', () => {
    assert.equal(computeQualityScore(0.9, { ...complete, retracted }, 0.3), 0.3);
    assert.deepEqual(flagsOf({ ...complete, retracted }), ['retracted_input']);
    assert.deepEqual(flagsOf({ ...incomplete, retracted }), ['provenance_incomplete', 'retracted_input']);
    assert.deepEqual(flagsOf(complete), []);
  });

  it('scores a missing raw score as 0', () => {
    assert.equal(computeQualityScore(null, complete, 0.3), 0);
  });
});
