/**
 * Conversions between credits (what people read, a JS number) and micro-credits (what the ledger
 * stores, an integer). Every amount the API shows as credits has an exact integer twin in micro.
 */

/** Micro-credits in one credit: the ledger's unit is 10⁻⁶ credit. */
export const MICRO_PER_CREDIT = 1_000_000;

/**
 * Converts credits to the nearest integer number of micro-credits (halves away from zero).
 *
 * Rounds the decimal the number prints as, not its binary value times 10⁶: `0.0000005` is stored
 * as a double a hair below 5·10⁻⁷, so `Math.round(x * 1e6)` would give 0 where the person who
 * wrote `0.0000005` expects 1.
 *
 * @throws RangeError when `credits` is not finite or the result is beyond Number.MAX_SAFE_INTEGER.
 */
export function toMicro(credits: number): number {
  if (!Number.isFinite(credits)) throw new RangeError(`credits must be a finite number, got ${credits}`);
  const [mantissa = '0', exponent = '0'] = Math.abs(credits).toString().split('e');
  const [whole = '0', fraction = ''] = mantissa.split('.');
  const digits = BigInt(whole + fraction);
  // credits = digits · 10^(decimalShift), and micro = credits · 10^6.
  const decimalShift = Number(exponent) - fraction.length + 6;
  let micro: bigint;
  if (decimalShift >= 0) {
    micro = digits * 10n ** BigInt(decimalShift);
  } else {
    const divisor = 10n ** BigInt(-decimalShift);
    micro = digits / divisor + (2n * (digits % divisor) >= divisor ? 1n : 0n);
  }
  if (micro > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`${credits} credits is beyond the largest exact micro-credit amount`);
  }
  // `0 - 0` would be -0, which JSON prints as 0 but assert.equal tells apart.
  return credits < 0 && micro !== 0n ? -Number(micro) : Number(micro);
}

/**
 * Converts an integer number of micro-credits to credits, for display: 1234567 → 1.234567.
 *
 * Division by 10⁶ is correctly rounded, so the result is the double nearest the exact decimal —
 * the same double the literal `1.234567` parses to (multiplying by 1e-6 would round twice).
 * `toMicro(toCredits(m)) === m` holds for |m| < 10¹⁵ (a billion credits); beyond that a double
 * cannot hold every micro-credit, which is why the API also returns the `_micro` integer.
 *
 * @throws RangeError when `micro` is not a safe integer.
 */
export function toCredits(micro: number): number {
  if (!Number.isSafeInteger(micro))
    throw new RangeError(`micro-credits must be a safe integer, got ${micro}`);
  return micro / MICRO_PER_CREDIT;
}
