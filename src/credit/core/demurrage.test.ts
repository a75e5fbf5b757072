import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decayBalance, MS_PER_DAY } from './demurrage.ts';

describe('decayBalance', () => {
  it('takes exactly the rate over one whole day', () => {
    assert.deepEqual(decayBalance(1_000_000, MS_PER_DAY, 0.01), {
      balanceMicro: 990_000,
      decayedMicro: 10_000,
    });
  });

  it('compounds over whole days', () => {
    assert.deepEqual(decayBalance(1_000_000, 2 * MS_PER_DAY, 0.01), {
      balanceMicro: 980_100,
      decayedMicro: 19_900,
    });
    assert.equal(decayBalance(1_000_000, 3 * MS_PER_DAY, 0.01).balanceMicro, 970_299);
    assert.equal(decayBalance(100_000_000, 4 * MS_PER_DAY, 0.1).balanceMicro, 65_610_000);
  });

  it('does not lose a micro-credit when floating point lands a hair below the exact integer', () => {
    // 1e6 · 0.95³ = 857375 exactly, but 1e6 * 0.95 ** 3 is 857374.9999999999 in doubles.
    assert.equal(decayBalance(1_000_000, 3 * MS_PER_DAY, 0.05).balanceMicro, 857_375);
    assert.equal(decayBalance(100_000_000_000, 5 * MS_PER_DAY, 0.01).balanceMicro, 95_099_004_990);
    // 1e12 · 0.999⁵ = 995009990004.999: a true fraction just below an integer is still floored.
    assert.equal(decayBalance(1_000_000_000_000, 5 * MS_PER_DAY, 0.001).balanceMicro, 995_009_990_004);
  });

  it('decays continuously within a day, rounding the balance down', () => {
    const half = decayBalance(1_000_000, MS_PER_DAY / 2, 0.01);
    assert.equal(half.balanceMicro, Math.floor(1e6 * 0.99 ** 0.5));
    assert.equal(half.balanceMicro, 994_987);
    assert.equal(half.decayedMicro, 5013);
  });

  it('decays nothing for zero or negative elapsed time, rate 0 or an empty wallet', () => {
    assert.deepEqual(decayBalance(1_000_000, 0, 0.01), { balanceMicro: 1_000_000, decayedMicro: 0 });
    assert.deepEqual(decayBalance(1_000_000, -5000, 0.01), { balanceMicro: 1_000_000, decayedMicro: 0 });
    assert.deepEqual(decayBalance(1_000_000, MS_PER_DAY, 0), { balanceMicro: 1_000_000, decayedMicro: 0 });
    assert.deepEqual(decayBalance(0, MS_PER_DAY, 0.01), { balanceMicro: 0, decayedMicro: 0 });
  });

  it('takes everything at rate 1', () => {
    assert.deepEqual(decayBalance(123, 1, 1), { balanceMicro: 0, decayedMicro: 123 });
  });

  it('refuses a fractional or negative balance, NaN elapsed and a rate outside [0, 1]', () => {
    assert.throws(() => decayBalance(1.5, 1, 0.01), RangeError);
    assert.throws(() => decayBalance(-1, 1, 0.01), RangeError);
    assert.throws(() => decayBalance(1, Number.NaN, 0.01), RangeError);
    assert.throws(() => decayBalance(1, 1, 1.5), RangeError);
    assert.throws(() => decayBalance(1, 1, -0.01), RangeError);
  });

  it('always splits the old balance exactly into remaining and decayed, never growing', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: -MS_PER_DAY, max: 3650 * MS_PER_DAY }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (balance, elapsed, rate) => {
          const { balanceMicro, decayedMicro } = decayBalance(balance, elapsed, rate);
          assert.equal(balanceMicro + decayedMicro, balance);
          assert.ok(Number.isSafeInteger(balanceMicro) && balanceMicro >= 0 && balanceMicro <= balance);
          assert.ok(decayedMicro >= 0);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
