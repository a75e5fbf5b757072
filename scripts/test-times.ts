/**
 * The test-time report `scripts/run-tests.ts` prints after a run: how long each test file took
 * (collected from the runner's `test:complete` events), the slowest files, the sum over every file
 * and the run's own wall-clock time. Plain lines, so a CI log shows them as they are.
 */
import { resolve } from 'node:path';
import type { EventData } from 'node:test';

/** One test file's time, from its process's start to its exit, and whether a test in it failed. */
export interface FileTime {
  file: string;
  ms: number;
  failed: boolean;
}

/** Collects the file times from the runner's `test:complete` events, in any order. */
export function fileTimeCollector() {
  const fileMs = new Map<string, number>();
  // A runner that reports no event for a file itself still times the file's top-level tests.
  const topLevelMs = new Map<string, number>();
  const failed = new Set<string>();
  return {
    record(event: EventData.TestComplete): void {
      const { file, name, nesting, details } = event;
      if (file === undefined) return;
      if (!details.passed) failed.add(file);
      if (nesting !== 0) return;
      // The runner reports each file's process as a test named after the file, around its tests.
      if (resolve(name) === file) fileMs.set(file, details.duration_ms);
      else topLevelMs.set(file, (topLevelMs.get(file) ?? 0) + details.duration_ms);
    },
    /** Each file's time, paths relative to the working directory. */
    times(): FileTime[] {
      const files = new Set([...fileMs.keys(), ...topLevelMs.keys()]);
      return [...files].map((file) => ({
        file: relativeToCwd(file),
        ms: fileMs.get(file) ?? topLevelMs.get(file) ?? 0,
        failed: failed.has(file),
      }));
    },
  };
}

function relativeToCwd(file: string): string {
  const cwd = `${process.cwd()}/`;
  return file.startsWith(cwd) ? file.slice(cwd.length) : file;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The report's lines: a heading with the totals, then the `count` slowest files, slowest first. */
export function formatTestTimes(times: readonly FileTime[], wallMs: number, count = 15): string[] {
  const slowest = [...times].sort((a, b) => b.ms - a.ms || a.file.localeCompare(b.file)).slice(0, count);
  const summedMs = times.reduce((sum, time) => sum + time.ms, 0);
  const width = Math.max(0, ...slowest.map((time) => seconds(time.ms).length));
  return [
    `run-tests: the ${slowest.length} slowest of ${times.length} test files` +
      ` (summed over all files ${seconds(summedMs)}; the test step took ${seconds(wallMs)})`,
    ...slowest.map(
      (time) => `  ${seconds(time.ms).padStart(width)}  ${time.file}${time.failed ? '  (failed)' : ''}`,
    ),
  ];
}
