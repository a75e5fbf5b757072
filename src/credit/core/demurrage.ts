/**
 * Demurrage (docs/credit.md#demurrage): wallet balances decay continuously, and the decayed credit goes back
 * to the treasury. Applied lazily, whenever a balance is read or moved.
 */

/** Milliseconds in one day, the unit the demurrage rate is given per. */
export const MS_PER_DAY = 86_400_000;

/**
 * Decays `balanceMicro` over `elapsedMs` at `ratePerDay`, continuously:
 * remaining = floor(balance · (1 − rate)^(elapsedMs / 1 day)), so exactly `rate` is gone after one
 * whole day. Rounding down means the wallet never holds a fraction the ledger cannot store, and
 * `decayedMicro = balance − remaining` makes the two add up to the old balance exactly, so the
 * transfer to the treasury keeps the total of all accounts unchanged. Elapsed ≤ 0 (clock skew)
 * or rate 0 decays nothing.
 *
 * Applying it twice over two intervals can take up to 1 micro-credit more than once over their
 * sum (each application rounds down); the total across accounts is conserved either way.
 *
 * @throws RangeError when the balance is not a non-negative safe integer, elapsedMs is NaN, or
 *   the rate is outside [0, 1].
 */
export function decayBalance(
  balanceMicro: number,
  elapsedMs: number,
  ratePerDay: number,
): { balanceMicro: number; decayedMicro: number } {
  if (!Number.isSafeInteger(balanceMicro) || balanceMicro < 0) {
    throw new RangeError(`balanceMicro must be a non-negative safe integer, got ${balanceMicro}`);
  }
  if (Number.isNaN(elapsedMs)) throw new RangeError('elapsedMs must be a number');
  if (!(ratePerDay >= 0 && ratePerDay <= 1))
    throw new RangeError(`ratePerDay must be in [0, 1], got ${ratePerDay}`);
  if (elapsedMs <= 0 || ratePerDay === 0 || balanceMicro === 0) return { balanceMicro, decayedMicro: 0 };

  const exact = balanceMicro * (1 - ratePerDay) ** (elapsedMs / MS_PER_DAY);
  const remaining = Math.min(balanceMicro, Math.max(0, floorWithinRounding(exact)));
  return { balanceMicro: remaining, decayedMicro: balanceMicro - remaining };
}

/**
 * Floors `value`, except that a value within 4 ε (relative, a few ulps) below an integer counts as
 * that integer: `**` and `*` are each off by about an ulp, and a true 857375 (1e6 · 0.95³)
 * computed as 857374.9999999999 must not lose a micro-credit to the floor. Exact results that
 * really fall that close to an integer without being one would need ~15 significant digits.
 */
function floorWithinRounding(value: number): number {
  const nearest = Math.round(value);
  return Math.abs(value - nearest) <= 4 * Number.EPSILON * Math.max(1, Math.abs(value))
    ? nearest
    : Math.floor(value);
}
