import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONFIDENCE_BINS, confidenceBinIndex, confidenceColour } from './confidence-scale.ts';

describe('confidence scale', () => {
  it('has five bins covering 0 to 1 with labels for the legend', () => {
    assert.deepEqual(
      CONFIDENCE_BINS.map((bin) => bin.label),
      ['0.0–0.2', '0.2–0.4', '0.4–0.6', '0.6–0.8', '0.8–1.0'],
    );
    assert.equal(new Set(CONFIDENCE_BINS.map((bin) => bin.colour)).size, 5);
  });

  it('puts each confidence in its bin, the upper bound in the next one and 1.0 in the top one', () => {
    assert.deepEqual([0, 0.19, 0.2, 0.5, 0.79, 0.8, 1].map(confidenceBinIndex), [0, 0, 1, 2, 3, 4, 4]);
  });

  it('clamps values outside 0…1 and NaN', () => {
    assert.equal(confidenceBinIndex(-0.5), 0);
    assert.equal(confidenceBinIndex(7), 4);
    assert.equal(confidenceBinIndex(Number.NaN), 0);
  });

  it('darkens as confidence grows', () => {
    assert.equal(confidenceColour(0.05), CONFIDENCE_BINS[0].colour);
    assert.equal(confidenceColour(0.95), CONFIDENCE_BINS[4].colour);
  });
});
