/**
 * Splits an integer pool of micro-credits in proportion to weights, exactly.
 */

/**
 * Splits `poolMicro` into integer amounts proportional to `weights` that add up to `poolMicro`
 * exactly, by the largest-remainder method: everyone gets the floor of their exact share, and the
 * micro-credits left over go one each to the largest remainders, ties to the lower index.
 *
 * The arithmetic is exact (BigInt over the weights' binary values), so each amount is within 1 of
 * its exact share and the same input always gives the same output, whatever the pool's size.
 * Weights that sum to 0 (or no weights) mean nobody earned anything: all amounts are 0 and the
 * whole pool is left for the caller to keep (the treasury), rather than an error the payout would
 * have to special-case.
 *
 * @throws RangeError when `poolMicro` is not a non-negative safe integer, or a weight is negative,
 *   NaN or infinite.
 */
export function splitPool(poolMicro: number, weights: number[]): number[] {
  if (!Number.isSafeInteger(poolMicro) || poolMicro < 0) {
    throw new RangeError(`poolMicro must be a non-negative safe integer, got ${poolMicro}`);
  }
  for (const weight of weights) {
    if (!(Number.isFinite(weight) && weight >= 0)) {
      throw new RangeError(`weights must be finite and ≥ 0, got ${weight}`);
    }
  }
  const scaled = toCommonIntegers(weights);
  const total = scaled.reduce((sum, weight) => sum + weight, 0n);
  if (total === 0n) return weights.map(() => 0);

  const pool = BigInt(poolMicro);
  const amounts = scaled.map((weight) => (pool * weight) / total);
  const remainders = scaled.map((weight) => (pool * weight) % total);
  // Σ remainders = leftover · total and each remainder < total, so leftover < weights.length.
  const leftover = Number(pool - amounts.reduce((sum, amount) => sum + amount, 0n));
  const byRemainder = weights
    .map((_, index) => index)
    .sort((a, b) => compareBigInt(remainders[b], remainders[a]) || a - b);
  for (const index of byRemainder.slice(0, leftover)) amounts[index] += 1n;
  return amounts.map(Number);
}

/**
 * Writes each weight as mantissa · 2^exponent (exact for any double) and shifts them all to the
 * smallest exponent, giving integers in the same ratios as the weights.
 */
function toCommonIntegers(weights: number[]): bigint[] {
  const parts = weights.map(toBinaryParts);
  const lowest = Math.min(...parts.filter((part) => part.mantissa > 0n).map((part) => part.exponent));
  return parts.map(({ mantissa, exponent }) =>
    mantissa === 0n ? 0n : mantissa << BigInt(exponent - lowest),
  );
}

function toBinaryParts(value: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  const biasedExponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  // IEEE 754 binary64: subnormals have no implicit leading 1 and the exponent of the smallest normal.
  return biasedExponent === 0
    ? { mantissa: fraction, exponent: -1074 }
    : { mantissa: fraction | (1n << 52n), exponent: biasedExponent - 1075 };
}

function compareBigInt(a: bigint, b: bigint): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
