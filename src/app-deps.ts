/**
 * The application's deps without its HTTP face: the store opened and migrated with every
 * subscriber wired, and a store prepared for serving (the bootstrap admin agent, the treasury and,
 * when asked and empty, the demo world). The command line's commands other than `serve` need only
 * this, so they start without loading the routes and pages.
 */
import { ensureAdminAgent } from './agents/agent.service.ts';
import type { Config } from './config.ts';
import { fundTreasury } from './credit/payout.service.ts';
import { isDatabaseEmpty, loadDemoWorld } from './demo/load-demo.ts';
import { type Deps, type DepsOptions, type OpenDeps, openDeps, withDeps } from './deps.ts';
import { SUBSCRIBERS } from './subscribers.ts';
import { runInUnit } from './unit-of-work.ts';

/** The deps options of this application: its subscribers, and the caller's logger, clock or metrics. */
export type AppDepsOptions = Omit<DepsOptions, 'subscribers'>;

/** Opens and migrates the configured store with the application's subscribers (`serve`). */
export function openAppDeps(config: Config, options: AppDepsOptions = {}): Promise<OpenDeps> {
  return openDeps(config, { ...options, subscribers: SUBSCRIBERS });
}

/** Runs `work` on the configured store with the application's subscribers (the CLI's commands). */
export function withAppDeps<T>(
  config: Config,
  options: AppDepsOptions,
  work: (deps: OpenDeps) => Promise<T>,
): Promise<T> {
  return withDeps(config, { ...options, subscribers: SUBSCRIBERS }, work);
}

/** Prepares a migrated store for serving: the admin agent, the treasury and, when asked and empty, the demo world. */
export async function prepareStore(deps: Deps): Promise<void> {
  await runInUnit(deps, async (unit) => {
    await ensureAdminAgent(deps, { unit });
    await fundTreasury(deps, { unit });
  });
  if (deps.config.loadDemo && (await isDatabaseEmpty(deps))) {
    const summary = await loadDemoWorld(deps);
    deps.logger.info(summary, 'demo world loaded into the empty database');
  }
}
