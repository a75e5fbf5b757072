import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { type FileTime, fileTimeCollector, formatTestTimes } from './test-times.ts';

const fileA = join(process.cwd(), 'test', 'a.test.ts');
const fileB = join(process.cwd(), 'test', 'b.test.ts');

function complete(file: string, name: string, nesting: number, ms: number, passed = true) {
  return { file, name, nesting, testNumber: 1, details: { passed, duration_ms: ms } };
}

describe('the file times', () => {
  it("takes each file's time from the runner's event for the file, not from its tests", () => {
    const collector = fileTimeCollector();
    collector.record(complete(fileA, 'a case', 1, 400));
    collector.record(complete(fileA, 'a suite', 0, 500));
    collector.record(complete(fileA, 'test/a.test.ts', 0, 2_500));
    collector.record(complete(fileB, 'b case', 1, 100, false));
    collector.record(complete(fileB, fileB, 0, 900, false));
    assert.deepEqual(collector.times(), [
      { file: 'test/a.test.ts', ms: 2_500, failed: false },
      { file: 'test/b.test.ts', ms: 900, failed: true },
    ]);
  });

  it('sums the top-level tests of a file the runner reports no event for', () => {
    const collector = fileTimeCollector();
    collector.record(complete(fileA, 'nested', 1, 50));
    collector.record(complete(fileA, 'first', 0, 300));
    collector.record(complete(fileA, 'second', 0, 200, false));
    assert.deepEqual(collector.times(), [{ file: 'test/a.test.ts', ms: 500, failed: true }]);
  });
});

describe('the test-time report', () => {
  const times: FileTime[] = [
    { file: 'test/fast.test.ts', ms: 1_250, failed: false },
    { file: 'test/slow.test.ts', ms: 61_020, failed: false },
    { file: 'test/broken.test.ts', ms: 4_000, failed: true },
  ];

  it('lists the slowest files first with the totals, and marks the failed ones', () => {
    assert.deepEqual(formatTestTimes(times, 40_000), [
      'run-tests: the 3 slowest of 3 test files (summed over all files 66.3 s; the test step took 40.0 s)',
      '  61.0 s  test/slow.test.ts',
      '   4.0 s  test/broken.test.ts  (failed)',
      '   1.3 s  test/fast.test.ts',
    ]);
  });

  it('keeps only the slowest `count` files but sums them all', () => {
    const lines = formatTestTimes(times, 40_000, 1);
    assert.equal(lines.length, 2);
    assert.match(lines[0], /the 1 slowest of 3 test files \(summed over all files 66\.3 s/);
    assert.equal(lines[1], '  61.0 s  test/slow.test.ts');
  });
});
