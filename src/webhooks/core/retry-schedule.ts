/**
 * What a failed attempt leads to: the next attempt after the schedule's wait for it, or,
 * once the schedule is used up, `failed`.
 */

/** When to try again after a failure, or that the delivery has failed for good. */
export type AfterFailure = { retryInMs: number } | { failed: true };

/**
 * The outcome of the `attemptInCycle`-th failed attempt (1 for the first attempt since the delivery
 * was queued) under `schedule`, the waits before each retry.
 */
export function afterFailure(schedule: readonly number[], attemptInCycle: number): AfterFailure {
  const wait = schedule[attemptInCycle - 1];
  return wait === undefined ? { failed: true } : { retryInMs: wait };
}
