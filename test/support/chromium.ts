/**
 * Where the browser suites find Debian's Chromium and whether they can run, apart from
 * `browser.ts` so that checking costs no import of playwright-core or the server.
 */
import { existsSync } from 'node:fs';

/** Debian's Chromium, installed by `.ci/run`. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Why the browser suites cannot run here, or `false` when they can. In CI a missing Chromium is
 * an error, not a skip: `.ci/run` installs it, so its absence means the set-up broke.
 */
export function browserUnavailable(): string | false {
  if (existsSync(CHROMIUM_PATH)) return false;
  if (process.env.CI === 'true') throw new Error(`${CHROMIUM_PATH} is missing (a failure in CI)`);
  return `${CHROMIUM_PATH} is not installed (apt-get install chromium)`;
}
