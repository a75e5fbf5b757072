/**
 * The `modelgraph` command line: `serve`, `migrate`, `demo`, the jobs, the credit ledger and
 * retraction. Each command reads the configuration once and reports a bad value as one line
 * naming the variable.
 */
import { parseArgs } from 'node:util';
import { actingAs } from '../caller.ts';
import { type Config, loadConfig } from '../config.ts';
import { checkConcurrency, DEFAULT_CONCURRENCY } from '../jobs/backfill/core/summary.ts';
import { createLogger, type Logger } from '../logger.ts';
import { describeFailure, UsageError } from './cli-failure.ts';
import { CREDIT_USAGE, runCreditCommand } from './credit.command.ts';
import { DEMO_USAGE, runDemoCommand } from './demo.command.ts';
import { progressBar } from './progress.ts';
import { RETRACT_USAGE, runReinstate, runRetract } from './retract.command.ts';

const USAGE = `usage: modelgraph <command> [options]

commands:
  serve [--port N] [--host H]
                        start the HTTP server (the daily rescore schedule, the webhook dispatcher);
                        --port and --host override PORT and HOST
  migrate               apply pending database migrations and exit
${DEMO_USAGE}
  rescore [--since-hours H] [--dry-run]
                        run one rescore pass and print its summary
  backfill-edges [--concurrency 4] [--dry-run]
                        attribute unattributed model edges and print the counts
  deliver-webhooks      send the webhook and OpenLineage deliveries due now (one sweep) and print the counts
  export-kgx --out DIR [--source-artifact-id ID] [--subject S] [--object O] [--predicate P]
             [--flagged true|false] [--status active|retracted] [--provenance-unknown true|false]
             [--min-confidence X]
                        write DIR/edges.jsonl and DIR/nodes.jsonl (KGX) and print the counts
${CREDIT_USAGE}
${RETRACT_USAGE}
`;

type Command = (config: Config, logger: Logger, args: string[]) => Promise<void>;

/** The operator at the command line acts as admin. */
const CLI = actingAs('cli');

const serve: Command = async (config, logger, args) => {
  const { values } = parseArgs({ args, options: { port: { type: 'string' }, host: { type: 'string' } } });
  const port = values.port === undefined ? config.port : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535 || values.port?.trim() === '')
    throw new UsageError(`--port must be a port number from 0 to 65535 (got '${values.port}')`);
  if (values.host?.trim() === '')
    throw new UsageError('--host needs a host name or address, such as 127.0.0.1');
  const { startServer } = await import('../server.ts');
  const server = await startServer(Object.freeze({ ...config, port, host: values.host ?? config.host }), {
    logger,
  });
  const stop = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
};

// Each command reads its arguments first and loads the store and its services only then, so
// `--help` and a mistyped flag answer at once; only `serve` loads the HTTP face.
const appDeps = () => import('../app-deps.ts');

const migrate: Command = async (config, logger, args) => {
  parseArgs({ args, options: {} });
  const { withAppDeps } = await appDeps();
  await withAppDeps(config, { logger }, async () => {});
};

const rescore: Command = async (config, logger, args) => {
  const { values } = parseArgs({
    args,
    options: { 'since-hours': { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
  });
  const sinceHours = values['since-hours'] === undefined ? undefined : Number(values['since-hours']);
  if (sinceHours !== undefined && !(sinceHours > 0))
    throw new UsageError(`--since-hours must be a number of hours > 0 (got '${values['since-hours']}')`);
  const [{ withAppDeps }, { performRescore }] = await Promise.all([
    appDeps(),
    import('../jobs/rescore/rescore.job.ts'),
  ]);
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
  try {
    checkConcurrency(concurrency);
  } catch (error) {
    throw new UsageError(`--${(error as Error).message} (got '${values.concurrency}')`);
  }
  const [{ withAppDeps }, { performBackfill }] = await Promise.all([
    appDeps(),
    import('../jobs/backfill/backfill.job.ts'),
  ]);
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

const deliverWebhooks: Command = async (config, logger, args) => {
  parseArgs({ args, options: {} });
  const [{ withAppDeps }, { deliverDueMessages }] = await Promise.all([
    appDeps(),
    import('../webhooks/delivery.service.ts'),
  ]);
  await withAppDeps(config, { logger }, async (deps) => {
    const summary = await deliverDueMessages(deps);
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  });
};

const COMMANDS: Record<string, Command> = {
  serve,
  migrate,
  demo: runDemoCommand,
  rescore,
  'backfill-edges': backfillEdges,
  'deliver-webhooks': deliverWebhooks,
  // Its filter checks need the API's schemas, which take a moment to load.
  'export-kgx': async (config, logger, args) =>
    (await import('./export-kgx.command.ts')).runExportKgx(config, logger, args),
  credit: runCreditCommand,
  retract: runRetract,
  reinstate: runReinstate,
};

const HELP = new Set([undefined, 'help', '--help', '-h']);

/** Runs one command line; returns the exit status, having printed any failure as one line. */
async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (HELP.has(name)) {
    process.stderr.write(USAGE);
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  let config: Config | undefined;
  try {
    if (!command) throw new UsageError(`unknown command '${name}': modelgraph --help lists the commands`);
    config = loadConfig();
    await command(config, createLogger(config.logLevel), rest);
    return 0;
  } catch (error) {
    const failure = describeFailure(error, { command: name, databaseUrl: config?.databaseUrl });
    process.stderr.write(`modelgraph: ${failure.message}\n`);
    return failure.exitCode;
  }
}

const code = await main(process.argv.slice(2));
// `serve` keeps running until a signal stops it; every other command is done.
if (code !== 0 || process.argv[2] !== 'serve') process.exit(code);
