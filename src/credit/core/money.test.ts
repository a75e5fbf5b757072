import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { MICRO_PER_CREDIT, toCredits, toMicro } from './money.ts';

describe('toMicro', () => {
  it('converts whole and fractional credits to integer micro-credits', () => {
    assert.equal(MICRO_PER_CREDIT, 1_000_000);
    assert.equal(toMicro(100), 100_000_000);
    assert.equal(toMicro(1.234567), 1_234_567);
    assert.equal(toMicro(0.1 + 0.2), 300_000);
    assert.equal(toMicro(0), 0);
    assert.equal(toMicro(-2.5), -2_500_000);
  });

  it('rounds to the nearest micro-credit, halves away from zero, as the decimal is written', () => {
    assert.equal(toMicro(0.0000005), 1);
    assert.equal(toMicro(0.0000004999), 0);
    assert.equal(toMicro(1.0000015), 1_000_002);
    assert.equal(toMicro(-0.0000005), -1);
    assert.ok(Object.is(toMicro(-0.0000001), 0), 'no negative zero');
    assert.equal(toMicro(1e-7), 0);
    assert.equal(toMicro(1.5e9), 1_500_000_000_000_000);
  });

  it('refuses amounts beyond the largest safe integer and non-finite input', () => {
    assert.equal(toMicro(9_007_199_254), 9_007_199_254_000_000);
    assert.throws(() => toMicro(9_007_199_255), RangeError);
    assert.throws(() => toMicro(1e300), RangeError);
    assert.throws(() => toMicro(Number.NaN), RangeError);
    assert.throws(() => toMicro(Number.POSITIVE_INFINITY), RangeError);
  });
});

describe('toCredits', () => {
  it('gives the exact decimal as a number', () => {
    assert.equal(toCredits(1_234_567), 1.234567);
    assert.equal(toCredits(100_000_000), 100);
    assert.equal(toCredits(1), 0.000001);
    assert.equal(toCredits(-3), -0.000003);
  });

  it('refuses fractional and unsafe micro amounts', () => {
    assert.throws(() => toCredits(1.5), RangeError);
    assert.throws(() => toCredits(Number.MAX_SAFE_INTEGER + 1), RangeError);
  });

  it('round-trips every micro amount below 10^15', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15 + 1, max: 1e15 - 1 }), (micro) => {
        assert.equal(toMicro(toCredits(micro)), micro);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips credits with at most six decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), (micro) => {
        const credits = Number((micro / 1e6).toFixed(6));
        assert.equal(toCredits(toMicro(credits)), credits);
      }),
    );
  });
});
