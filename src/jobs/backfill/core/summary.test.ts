import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidRequest } from '../../../errors.ts';
import { addAttributed, checkConcurrency, emptyTally, tallyPlan, toSummary } from './summary.ts';

describe('tallyPlan', () => {
  it('counts edges per rule, the unresolved ones as unknown, and all of them as scanned', () => {
    const tally = tallyPlan([
      { lineage: 'm', rule: 'model_id', modelId: 'm-v1', versionNumber: 1, edgeIds: ['a', 'b'] },
      { lineage: 'm', rule: 'analysis', modelId: 'm-v2', versionNumber: 2, edgeIds: ['c'] },
      { lineage: 'n', rule: 'model_name', modelId: 'n-v1', versionNumber: 1, edgeIds: ['d', 'e', 'f'] },
      { lineage: null, rule: null, modelId: null, versionNumber: null, edgeIds: ['g'] },
    ]);
    assert.deepEqual(tally, {
      attributed: { model_id: 2, model_name: 3, analysis: 1 },
      unknown: 1,
      scanned: 7,
    });
  });
});

describe('toSummary', () => {
  it('uses the documented field names and rounds the duration', () => {
    const tally = emptyTally(5);
    addAttributed(tally, 'model_name', 3);
    addAttributed(tally, 'model_name', 1);
    tally.unknown = 1;
    assert.deepEqual(toSummary(tally, 12.6, false), {
      attributed: { model_id: 0, model_name: 4, analysis: 0 },
      unknown: 1,
      scanned: 5,
      duration_ms: 13,
      dry_run: false,
    });
  });

  it('does not share the counts object with the tally', () => {
    const tally = emptyTally();
    const summary = toSummary(tally, 0, true);
    addAttributed(tally, 'analysis', 1);
    assert.equal(summary.attributed.analysis, 0);
  });
});

describe('checkConcurrency', () => {
  it('accepts integers from 1 to 16', () => {
    for (const workers of [1, 4, 16]) assert.equal(checkConcurrency(workers), workers);
  });

  it('refuses zero, 17, fractions and NaN', () => {
    for (const workers of [0, 17, 2.5, Number.NaN, -1]) {
      assert.throws(() => checkConcurrency(workers), InvalidRequest);
    }
  });
});
