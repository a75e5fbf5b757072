import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { afterFailure } from './retry-schedule.ts';

describe('afterFailure', () => {
  const schedule = [5_000, 30_000, 120_000];

  it('waits the schedule entry of each failed attempt in turn', () => {
    assert.deepEqual(
      [1, 2, 3].map((attempt) => afterFailure(schedule, attempt)),
      [{ retryInMs: 5_000 }, { retryInMs: 30_000 }, { retryInMs: 120_000 }],
    );
  });

  it('fails the delivery for good once the schedule is used up', () => {
    assert.deepEqual(afterFailure(schedule, 4), { failed: true });
    assert.deepEqual(afterFailure([], 1), { failed: true });
  });
});
