import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type IntegerOp, integerComparison } from './integer-comparison.ts';

const holds = (op: IntegerOp, x: number, v: number) =>
  ({ '=': x === v, '<': x < v, '<=': x <= v, '>': x > v, '>=': x >= v })[op];

describe('integerComparison', () => {
  it('rounds each bound the way that keeps the same integers', () => {
    assert.deepEqual(integerComparison('>', 2.5), { op: '>', bound: 2n });
    assert.deepEqual(integerComparison('>=', 2.5), { op: '>=', bound: 3n });
    assert.deepEqual(integerComparison('<', 2.5), { op: '<', bound: 3n });
    assert.deepEqual(integerComparison('<=', -2.5), { op: '<=', bound: -3n });
    assert.deepEqual(integerComparison('=', 7), { op: '=', bound: 7n });
    assert.equal(integerComparison('=', 7.5), false);
  });

  it('answers bounds past the bigint range for every value or for none', () => {
    assert.equal(integerComparison('>', 1e20), false);
    assert.equal(integerComparison('<=', 1e20), true);
    assert.equal(integerComparison('>=', -Infinity), true);
    assert.equal(integerComparison('<', -1e20), false);
    assert.equal(integerComparison('=', 1e20), false);
  });

  it('keeps exactly the integers the comparison with the number keeps', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<IntegerOp>('=', '<', '<=', '>', '>='),
        fc.integer({ min: -1000, max: 1000 }),
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        (op, x, v) => {
          const restated = integerComparison(op, v);
          const kept =
            typeof restated === 'boolean' ? restated : holds(restated.op, x, Number(restated.bound));
          assert.equal(kept, holds(op, x, v), `${x} ${op} ${v}`);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
