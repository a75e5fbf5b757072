/**
 * Waiting for something another process or the event loop does: polls a condition until it holds.
 * The deadline is a watchdog that turns a hang into a failure, far beyond any normal wait, so it
 * asserts nothing about how fast the code is.
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** Resolves once `check` holds; throws `what` when it still does not after `ms` (two minutes). */
export async function eventually(
  check: () => Promise<boolean> | boolean,
  what = 'the condition never held',
  ms = 120_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} (waited ${ms / 1000} s)`);
    await sleep(25);
  }
}
