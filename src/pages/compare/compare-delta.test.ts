import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { directionLabel, metricDelta } from './compare-delta.ts';

describe('metricDelta', () => {
  it('calls a smaller value better when lower is better, with a real minus sign', () => {
    assert.deepEqual(metricDelta(0.011, 0.023, 'lower_is_better'), { text: '−0.012', judgement: 'better' });
    assert.deepEqual(metricDelta(0.035, 0.023, 'lower_is_better'), { text: '+0.012', judgement: 'worse' });
  });

  it('calls a larger value better when higher is better', () => {
    assert.deepEqual(metricDelta(0.9, 0.8, 'higher_is_better'), { text: '+0.1', judgement: 'better' });
    assert.deepEqual(metricDelta(0.7, 0.8, 'higher_is_better'), { text: '−0.1', judgement: 'worse' });
  });

  it('reads floating-point noise as no difference', () => {
    assert.deepEqual(metricDelta(0.1 + 0.2, 0.3, 'lower_is_better'), { text: '±0', judgement: 'same' });
  });

  it('judges nothing when the direction is unknown, and gives no delta for a missing value', () => {
    assert.deepEqual(metricDelta(5, 3, 'unknown'), { text: '+2', judgement: 'unknown' });
    assert.equal(metricDelta(null, 3, 'lower_is_better'), null);
    assert.equal(metricDelta(3, null, 'lower_is_better'), null);
  });
});

describe('directionLabel', () => {
  it('shows an arrow and words for each direction', () => {
    assert.deepEqual(directionLabel('lower_is_better'), { arrow: '↓', text: 'lower is better' });
    assert.deepEqual(directionLabel('higher_is_better'), { arrow: '↑', text: 'higher is better' });
    assert.equal(directionLabel('unknown').text, 'direction unknown');
  });
});
