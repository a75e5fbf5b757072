import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatCount, formatDate, formatLeaf, formatNumber } from './format.ts';

describe('formats', () => {
  it('shows numbers with at most four significant digits and a dash for nothing', () => {
    assert.deepEqual([0.023456, -450, 1, null, undefined].map(formatNumber), [
      '0.02346',
      '-450',
      '1',
      '—',
      '—',
    ]);
  });

  it('abbreviates parameter counts', () => {
    assert.deepEqual([12, 35_000, 1_234_567, 7e9, null].map(formatCount), ['12', '35k', '1.23M', '7B', '—']);
  });

  it('keeps the date of a timestamp and writes non-strings as JSON', () => {
    assert.equal(formatDate('2026-04-05T12:00:00.000Z'), '2026-04-05');
    assert.deepEqual(['adam', 3, [1, 2], null, {}].map(formatLeaf), ['adam', '3', '[1,2]', 'null', '{}']);
  });
});
