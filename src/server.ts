/**
 * Process wiring of `modelgraph serve`: open and migrate the store with every subscriber wired,
 * prepare it (`app-deps.ts`), build the app and listen, with the schedule, the webhook dispatcher
 * and the MLflow enrichment worker beside it. Shared by the CLI and the tests.
 */
import { type App, buildApp } from './app.ts';
import { type AppDepsOptions, openAppDeps, prepareStore } from './app-deps.ts';
import type { Config } from './config.ts';
import type { Deps, OpenDeps } from './deps.ts';
import { assertCanListen, cannotListen } from './http/listen-check.ts';
import { checkSandbox } from './inference/sandbox-policy.ts';
import { scheduleDailyJobs } from './jobs/schedule.ts';
import { startEnrichmentWorker } from './mlflow/tracking/enrichment-worker.ts';
import { startDispatcher } from './webhooks/delivery-dispatcher.ts';

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
  const deps = await openAppDeps(config, options);
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
