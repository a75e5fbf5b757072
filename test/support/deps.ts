/**
 * Deps for the suites that call commands and jobs directly, over a database they opened
 * themselves: a silent logger, the configuration of `env` (demo off), and the system clock
 * unless one is given.
 */
import type { Clock } from '../../src/clock.ts';
import { systemClock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import type { Db } from '../../src/db/database.ts';
import { inProcessLocks } from '../../src/db/locks.ts';
import type { Deps } from '../../src/deps.ts';
import { createLogger } from '../../src/logger.ts';
import { createMetrics } from '../../src/metrics.ts';
import { SUBSCRIBERS } from '../../src/subscribers.ts';

/** Deps over `db` with the configuration `env` would give. */
export function testDeps(db: Db, env: Record<string, string> = {}, clock: Clock = systemClock): Deps {
  return {
    db,
    locks: inProcessLocks(),
    config: loadConfig({ MODELGRAPH_DEMO: 'off', LOG_LEVEL: 'silent', ...env }),
    logger: createLogger('silent'),
    clock,
    metrics: createMetrics(),
    subscribers: SUBSCRIBERS,
  };
}
