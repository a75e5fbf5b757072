/**
 * `modelgraph demo [--reset]`: loads the demo world into an empty database, or — with `--reset` —
 * empties the database first and loads it again, so every walk-through can start over. On
 * PostgreSQL, `--reset` drops every table of the database `DATABASE_URL` names, so it asks for
 * that name with `--confirm` (docs/decisions.md).
 */
import { parseArgs } from 'node:util';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { UsageError } from './cli-failure.ts';
import { databaseTargetOf } from './database-failure.ts';

/** The usage lines of `demo`. */
export const DEMO_USAGE = `  demo [--reset [--confirm DATABASE]]
                        load the demo world into an empty database; --reset empties the database
                        first (stop the server before; on PostgreSQL --confirm names the database)`;

/** A non-empty database: the demo is loaded only into an empty one. */
class DatabaseNotEmpty extends Error {}

function checkConfirmation(config: Config, confirm: string | undefined): void {
  if (!config.databaseUrl) {
    if (confirm !== undefined) throw new UsageError('--confirm is for a PostgreSQL DATABASE_URL only');
    return;
  }
  const { database } = databaseTargetOf(config.databaseUrl);
  if (confirm !== database) {
    throw new UsageError(
      `demo --reset drops every table of the PostgreSQL database ${database} (DATABASE_URL): run it with --confirm ${database}`,
    );
  }
}

/** Runs `modelgraph demo` with the command line's arguments. */
export async function runDemoCommand(config: Config, logger: Logger, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { reset: { type: 'boolean', default: false }, confirm: { type: 'string' } },
  });
  if (values.reset) checkConfirmation(config, values.confirm);
  else if (values.confirm !== undefined) throw new UsageError('--confirm goes with --reset');
  const [{ prepareStore, withAppDeps }, { resetStore }, { isDatabaseEmpty, loadDemoWorld }] =
    await Promise.all([
      import('../app-deps.ts'),
      import('../db/store-reset.ts'),
      import('../demo/load-demo.ts'),
    ]);
  await withAppDeps({ ...config, loadDemo: false }, { logger }, async (deps) => {
    if (values.reset) {
      await resetStore(deps.store);
      logger.info({ store: deps.store.kind }, 'database emptied');
    } else if (!(await isDatabaseEmpty(deps))) {
      throw new DatabaseNotEmpty(
        'the database already holds a registry: modelgraph demo --reset empties it and loads the demo world again',
      );
    }
    await prepareStore(deps);
    const summary = await loadDemoWorld(deps);
    logger.info(summary, 'demo world loaded');
    process.stdout.write(
      `demo world loaded: ${summary.lineages} lineages, ${summary.models} model versions, ${summary.edges} edges\n`,
    );
  });
}
