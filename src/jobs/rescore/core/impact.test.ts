import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flaggedEdgeIds, largestChanges, type ScoredChange } from './impact.ts';

const change = (id: string, delta: number, bucket: ScoredChange['bucket']): ScoredChange => ({
  id,
  subject: `S:${id}`,
  predicate: 'biolink:regulates',
  object: 'O:1',
  oldConfidence: 0.5,
  newConfidence: 0.5 + delta,
  delta,
  bucket,
});

describe('flaggedEdgeIds', () => {
  it('lists the large decreases only, in id order', () => {
    const changes = [
      change('e-3', -0.4, 'large_decrease'),
      change('e-1', -0.1, 'decrease'),
      change('e-2', -0.3, 'large_decrease'),
      change('e-4', 0.3, 'increase'),
    ];
    assert.deepEqual(flaggedEdgeIds(changes), ['e-2', 'e-3']);
  });
});

describe('largestChanges', () => {
  it('orders by the size of the change either way, ties by id, and keeps the first ones', () => {
    const changes = [
      change('e-a', 0.1, 'increase'),
      change('e-b', -0.45, 'large_decrease'),
      change('e-d', 0.2, 'increase'),
      change('e-c', -0.2, 'decrease'),
      change('e-e', 0, 'stable'),
    ];
    assert.deepEqual(
      largestChanges(changes, 3).map((c) => c.id),
      ['e-b', 'e-c', 'e-d'],
    );
    assert.equal(largestChanges(changes).length, 5, 'fewer than 20 changes: all of them');
  });

  it('does not reorder its input', () => {
    const changes = [change('e-a', 0.1, 'increase'), change('e-b', -0.45, 'large_decrease')];
    largestChanges(changes);
    assert.deepEqual(
      changes.map((c) => c.id),
      ['e-a', 'e-b'],
    );
  });
});
