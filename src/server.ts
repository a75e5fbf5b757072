/**
 * Process wiring: open and migrate the store with every subscriber wired, make sure the bootstrap
 * admin agent and the treasury exist, load the demo world into an empty database, build the app and
 * listen. Shared by `serve`, the CLI and the tests.
 */
import { ensureAdminAgent } from './agents/agent.service.ts';
import { type App, buildApp } from './app.ts';
import type { Config } from './config.ts';
import { fundTreasury } from './credit/payout.service.ts';
import { isDatabaseEmpty, loadDemoWorld } from './demo/load-demo.ts';
import type { Deps } from './deps.ts';
import { type DepsOptions, type OpenDeps, openDeps, withDeps } from './deps.ts';
import { assertCanListen, cannotListen } from './http/listen-check.ts';
import { checkSandbox } from './inference/sandbox-policy.ts';
import { scheduleDailyJobs } from './jobs/schedule.ts';
import { startEnrichmentWorker } from './mlflow/tracking/enrichment-worker.ts';
import { SUBSCRIBERS } from './subscribers.ts';
import { runInUnit } from './unit-of-work.ts';
import { startDispatcher } from './webhooks/delivery-dispatcher.ts';

/** The deps options of this application: its subscribers, and the caller's logger, clock or metrics. */
export type AppDepsOptions = Omit<DepsOptions, 'subscribers'>;

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

/** Says at start how process runtimes will run, with a warning whenever any may run unconfined. */
export async function reportSandbox(deps: Deps): Promise<void> {
  const { status, reason } = await checkSandbox(deps.config);
  if (status === 'off') {
    deps.logger.warn(
      { runtime_sandbox: status },
      "MODELGRAPH_RUNTIME_SANDBOX=off: process runtimes run unconfined, as the server's user, and only admin may register them",
    );
  } else if (status === 'unavailable') {
    deps.logger.warn(
      { runtime_sandbox: status, reason },
      "the runtime sandbox cannot start: writers' process runtimes fail, admins' run unconfined",
    );
  } else {
    deps.logger.info({ runtime_sandbox: status }, 'process runtimes run in the bubblewrap sandbox');
  }
}

/** A running server: the app, its deps and how to stop them. */
export interface RunningServer {
  app: App;
  deps: OpenDeps;
  close(): Promise<void>;
}

/**
 * Starts `modelgraph serve`: deps, app, listen, the daily schedule, the webhook dispatcher and,
 * with a tracking server configured, the MLflow enrichment worker.
 */
export async function startServer(config: Config, options: AppDepsOptions = {}): Promise<RunningServer> {
  // A port in use fails here, before the store is opened (and its data directory locked).
  await assertCanListen(config.host, config.port);
  const deps = await openDeps(config, { ...options, subscribers: SUBSCRIBERS });
  await reportSandbox(deps);
  await prepareStore(deps);
  const app = await buildApp(deps);
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    // Taken between the check and now: let the store go before reporting it.
    await app.close();
    await deps.close();
    throw cannotListen(error, config.host, config.port);
  }
  const stopSchedule = scheduleDailyJobs(deps);
  const dispatcher = await startDispatcher(deps);
  const enrichment = await startEnrichmentWorker(deps);
  return {
    app,
    deps,
    async close() {
      stopSchedule?.();
      await app.close();
      await dispatcher.stop();
      await enrichment?.stop();
      await deps.close();
    },
  };
}
