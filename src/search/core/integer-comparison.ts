/**
 * A comparison of an integer column with a number, restated with an integer bound so the column is
 * compared as its own type and its indexes apply (a number compared as a float would cast the
 * column instead): `x > 2.5` is `x > 2`, `x >= 2.5` is `x >= 3`, `x < 2.5` is `x < 3`, `x <= 2.5`
 * is `x <= 2`, and `x = 2.5` holds for no integer. Pure.
 */

/** The comparisons restated. */
export type IntegerOp = '=' | '<' | '<=' | '>' | '>=';

/** `2^63`: bigint columns hold integers in [−2^63, 2^63). */
const LIMIT = 2 ** 63;

/**
 * The same comparison with a bigint bound, or — when the bound falls outside the bigint range or
 * `=` names no integer — whether it holds for every value (`true`) or for none (`false`).
 */
export function integerComparison(op: IntegerOp, value: number): { op: IntegerOp; bound: bigint } | boolean {
  if (Number.isNaN(value)) return false;
  if (op === '=')
    return Number.isInteger(value) && Math.abs(value) < LIMIT ? { op, bound: BigInt(value) } : false;
  const rounded = op === '>' || op === '<=' ? Math.floor(value) : Math.ceil(value);
  if (rounded >= LIMIT) return op === '<' || op === '<=';
  if (rounded < -LIMIT) return op === '>' || op === '>=';
  return { op, bound: BigInt(rounded) };
}
