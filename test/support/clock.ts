/** A clock a test moves by hand, for suites whose rules count time (demurrage, retry schedules). */
import type { Clock } from '../../src/clock.ts';

/** A clock that stands still until the test moves it. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
}

/** A manual clock starting at `start` (the current second by default). */
export function manualClock(start = new Date(Math.floor(Date.now() / 1000) * 1000)): ManualClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(ms) {
      current += ms;
    },
  };
}
