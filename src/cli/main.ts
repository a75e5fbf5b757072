/**
 * The `modelgraph` command line: `serve`, `migrate`, `demo`, the jobs, the credit ledger and
 * retraction. Each command reads the configuration once and reports a bad value as one line
 * naming the variable.
 */
import { parseArgs } from 'node:util';
import { actingAs } from '../caller.ts';
import { type Config, ConfigError, loadConfig } from '../config.ts';
import { loadDemoWorld } from '../demo/load-demo.ts';
import { DEFAULT_CONCURRENCY, performBackfill } from '../jobs/backfill/backfill.job.ts';
import { performRescore } from '../jobs/rescore/rescore.job.ts';
import { createLogger, type Logger } from '../logger.ts';
import { prepareStore, startServer, withAppDeps } from '../server.ts';
import { deliverDueMessages } from '../webhooks/delivery.service.ts';
import { CREDIT_USAGE, runCreditCommand } from './credit.command.ts';
import { EXPORT_KGX_USAGE, runExportKgx } from './export-kgx.command.ts';
import { progressBar } from './progress.ts';
import { RETRACT_USAGE, runReinstate, runRetract } from './retract.command.ts';

const USAGE = `usage: modelgraph <command> [options]

commands:
  serve                 start the HTTP server (the daily rescore schedule, the webhook dispatcher)
  migrate               apply pending database migrations and exit
  demo                  load the demo world into the database
  rescore [--since-hours H] [--dry-run]
                        run one rescore pass and print its summary
  backfill-edges [--concurrency 4] [--dry-run]
                        attribute unattributed model edges and print the counts
  deliver-webhooks      send the webhook and OpenLineage deliveries due now (one sweep) and print the counts
${EXPORT_KGX_USAGE}
${CREDIT_USAGE}
${RETRACT_USAGE}
`;

type Command = (config: Config, logger: Logger, args: string[]) => Promise<void>;

/** The operator at the command line acts as admin. */
const CLI = actingAs('cli');

const serve: Command = async (config, logger) => {
  const server = await startServer(config, { logger });
  const stop = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
};

const migrate: Command = (config, logger) => withAppDeps(config, { logger }, async () => {});

const demo: Command = (config, logger) =>
  withAppDeps({ ...config, loadDemo: false }, { logger }, async (deps) => {
    await prepareStore(deps);
    logger.info(await loadDemoWorld(deps), 'demo world loaded');
  });

const rescore: Command = async (config, logger, args) => {
  const { values } = parseArgs({
    args,
    options: { 'since-hours': { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
  });
  const sinceHours = values['since-hours'] === undefined ? undefined : Number(values['since-hours']);
  if (sinceHours !== undefined && !(sinceHours > 0))
    throw new Error('--since-hours must be a number of hours > 0');
  await withAppDeps(config, { logger }, async (deps) => {
    const summary = await performRescore(deps, { caller: CLI, dryRun: values['dry-run'], sinceHours });
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  });
};

const backfillEdges: Command = async (config, logger, args) => {
  const { values } = parseArgs({
    args,
    options: { concurrency: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
  });
  const concurrency = values.concurrency === undefined ? DEFAULT_CONCURRENCY : Number(values.concurrency);
  await withAppDeps(config, { logger }, async (deps) => {
    const summary = await performBackfill(deps, {
      caller: CLI,
      concurrency,
      dryRun: values['dry-run'],
      onProgress: progressBar('backfill-edges'),
    });
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  });
};

const deliverWebhooks: Command = (config, logger) =>
  withAppDeps(config, { logger }, async (deps) => {
    const summary = await deliverDueMessages(deps);
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  });

const COMMANDS: Record<string, Command> = {
  serve,
  migrate,
  demo,
  rescore,
  'backfill-edges': backfillEdges,
  'deliver-webhooks': deliverWebhooks,
  'export-kgx': runExportKgx,
  credit: runCreditCommand,
  retract: runRetract,
  reinstate: runReinstate,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    process.stderr.write(
      name === undefined || name === 'help' || name === '--help'
        ? USAGE
        : `unknown command '${name}'\n${USAGE}`,
    );
    return name === undefined || name === 'help' || name === '--help' ? 0 : 2;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`modelgraph: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  await command(config, createLogger(config.logLevel), rest);
  return 0;
}

try {
  const code = await main(process.argv.slice(2));
  if (code !== 0 || process.argv[2] !== 'serve') process.exit(code);
} catch (error) {
  process.stderr.write(`modelgraph: ${(error as Error).message}\n`);
  process.exit(1);
}
