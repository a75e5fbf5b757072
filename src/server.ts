/**
 * Process wiring: open and migrate the store, make sure the bootstrap admin agent exists, load the
 * demo world into an empty database, and build the app. Shared by `serve` and the tests.
 */
import { insertAgent } from './agents/agent.repository.ts';
import { systemClock } from './clock.ts';
import type { Config } from './config.ts';
import { fundTreasury, payMissingPayouts } from './credit/payout.service.ts';
import { openStore, type Store } from './db/database.ts';
import { isDatabaseEmpty, loadDemoWorld } from './demo/load-demo.ts';
import { type App, buildApp } from './http/app.ts';
import { ADMIN_AGENT_ID } from './http/auth.ts';
import { scheduleDailyJobs } from './jobs/schedule.ts';
import type { Logger } from './logger.ts';

/** Opens the configured store and applies pending migrations. */
export async function openMigratedStore(config: Config, logger: Logger): Promise<Store> {
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await store.migrate();
  logger.info({ store: store.kind }, 'database ready');
  return store;
}

/** Prepares a migrated store for serving: the admin agent and, when asked and empty, the demo world. */
export async function prepareStore(store: Store, config: Config, logger: Logger): Promise<void> {
  await insertAgent(store.db, { id: ADMIN_AGENT_ID, displayName: 'Administrator', kind: 'human' });
  const credit = { db: store.db, config, logger, clock: systemClock };
  await fundTreasury(credit);
  if (config.loadDemo && (await isDatabaseEmpty(store.db))) {
    const summary = await loadDemoWorld(store.db, config);
    logger.info(summary, 'demo world loaded into the empty database');
    await payMissingPayouts(credit);
  }
}

/** A running server: the app and how to stop it with its store. */
export interface RunningServer {
  app: App;
  store: Store;
  close(): Promise<void>;
}

/** Starts `modelgraph serve`: store, app, listen. */
export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const store = await openMigratedStore(config, logger);
  await prepareStore(store, config, logger);
  const app = await buildApp({ db: store.db, config, logger });
  await app.listen({ port: config.port, host: config.host });
  const stopSchedule = scheduleDailyJobs({ db: store.db, config, logger });
  return {
    app,
    store,
    async close() {
      stopSchedule?.();
      await app.close();
      await store.close();
    },
  };
}
