import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { splitPool } from './split.ts';

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('splitPool', () => {
  it('splits in proportion and adds up exactly', () => {
    assert.deepEqual(splitPool(100, [3, 1]), [75, 25]);
    assert.deepEqual(splitPool(10, [0.1, 0.2, 0.7]), [1, 2, 7]);
    assert.deepEqual(splitPool(100_000_000, [0.5, 0.25, 0.25]), [50_000_000, 25_000_000, 25_000_000]);
  });

  it('gives leftover micro-credits to the largest remainders, ties to the lower index', () => {
    assert.deepEqual(splitPool(100, [1, 1, 1]), [34, 33, 33]);
    assert.deepEqual(splitPool(2, [1, 1, 1]), [1, 1, 0]);
    // Exact shares 1.4, 2.8, 2.8: floors 1, 2, 2 and two left over, both to the .8 remainders.
    assert.deepEqual(splitPool(7, [1, 2, 2]), [1, 3, 3]);
  });

  it('gives zero-weight entries nothing', () => {
    assert.deepEqual(splitPool(5, [0, 1, 0]), [0, 5, 0]);
  });

  it('pays nobody when the weights sum to 0 or there are none', () => {
    assert.deepEqual(splitPool(5, [0, 0]), [0, 0]);
    assert.deepEqual(splitPool(5, []), []);
  });

  it('is exact for weights of wildly different magnitudes', () => {
    assert.deepEqual(splitPool(1e12, [Number.MIN_VALUE, 1e300]), [0, 1e12]);
    assert.deepEqual(splitPool(Number.MAX_SAFE_INTEGER, [1, 1]), [2 ** 52, 2 ** 52 - 1]);
  });

  it('refuses negative, NaN or infinite weights and a bad pool', () => {
    assert.throws(() => splitPool(10, [1, -1]), RangeError);
    assert.throws(() => splitPool(10, [Number.NaN]), RangeError);
    assert.throws(() => splitPool(10, [Number.POSITIVE_INFINITY]), RangeError);
    assert.throws(() => splitPool(-1, [1]), RangeError);
    assert.throws(() => splitPool(1.5, [1]), RangeError);
  });

  it('always adds up to the pool, each amount within 1 of its exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 12 }),
        (pool, weights) => {
          const amounts = splitPool(pool, weights);
          const total = sum(weights);
          if (total === 0) {
            assert.deepEqual(
              amounts,
              weights.map(() => 0),
            );
            return;
          }
          assert.equal(sum(amounts), pool);
          amounts.forEach((amount, i) => {
            assert.ok(Number.isSafeInteger(amount) && amount >= 0);
            // Floating error in the check itself is far below the 1 allowed.
            assert.ok(
              Math.abs(amount - (pool * (weights[i] ?? 0)) / total) < 1 + 1e-3,
              `${amount} vs ${weights[i]}`,
            );
          });
          assert.deepEqual(splitPool(pool, weights), amounts);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
