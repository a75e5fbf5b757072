/**
 * The clock, behind a small interface so tests can move time (demurrage over known intervals).
 */

/** Tells the time. */
export interface Clock {
  now(): Date;
}

/** The machine's clock. */
export const systemClock: Clock = { now: () => new Date() };
