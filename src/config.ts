/**
 * Configuration: every environment variable (README "Configuration"), read once, validated and frozen.
 * A bad value throws `ConfigError` whose message is one line naming the variable.
 */
import { statSync } from 'node:fs';
import { Cron } from 'croner';

/** The validated configuration the whole process runs with. */
export interface Config {
  readonly port: number;
  readonly host: string;
  /** `undefined` means the embedded PGlite database in `dataDir`. */
  readonly databaseUrl: string | undefined;
  /**
   * A streaming replica of `databaseUrl` that pure reads are served from (docs/scaling.md); PostgreSQL only.
   */
  readonly databaseReadUrl: string | undefined;
  /** How long after a write the writer's reads stay on the primary (the read-your-own-write cookie). */
  readonly readYourWritesSeconds: number;
  readonly dataDir: string;
  /** Load the demo world into an empty database on `serve`. */
  readonly loadDemo: boolean;
  readonly adminToken: string | undefined;
  readonly qualityCap: number;
  /** `undefined` when the schedule is `off`. */
  readonly rescoreCron: string | undefined;
  readonly rescoreWindowHours: number;
  readonly rescoreMaxEdges: number;
  readonly rescoreLog: string;
  /** A drop of at least this much is a `large_decrease` (and flags the edge for review). */
  readonly rescoreLargeDecrease: number;
  /** A change smaller than this either way is `stable`. */
  readonly rescoreStableBand: number;
  readonly runnerTimeoutMs: number;
  readonly creditPool: number;
  readonly creditAgentShareCap: number;
  readonly creditDailyCap: number;
  readonly demurragePerDay: number;
  /** Credits minted into the treasury when the ledger is first set up. */
  readonly treasuryInitial: number;
  readonly maxBodyBytes: number;
  /** Programs (absolute paths) a `write` token may name as a process runtime's `command[0]`. */
  readonly runtimeCommands: readonly string[];
  /** How process runtimes run: inside bubblewrap, or (the operator's explicit choice) unconfined. */
  readonly runtimeSandbox: 'bwrap' | 'off';
  /** The bubblewrap program the sandbox runs (an absolute path). */
  readonly runtimeBwrap: string;
  /** Directories (absolute, existing) a sandboxed runtime sees read-only; runtime paths must lie inside when set. */
  readonly runtimePaths: readonly string[];
  /** The size of a sandboxed runtime's private `/tmp` (and `/dev/shm`), in MiB. */
  readonly runtimeTmpMb: number;
  /** The address space each sandboxed process may use, in MiB. */
  readonly runtimeMemoryMb: number;
  /** The CPU time each sandboxed process may use, in seconds. */
  readonly runtimeCpuSeconds: number;
  /** How long one webhook or OpenLineage request may take before it counts as failed. */
  readonly webhookTimeoutMs: number;
  /** The waits, in milliseconds, before each retry of a failed delivery; after the last, it is `failed`. */
  readonly webhookRetrySchedule: readonly number[];
  /** The OpenLineage server (Marquez) that RunEvents are sent to; `undefined` sends none. */
  readonly openLineageUrl: string | undefined;
  /**
   * The MLflow tracking server that versions created through the MLflow face are enriched from
   * (their run, parameters, metrics and datasets); `undefined` enriches none.
   */
  readonly mlflowTrackingUri: string | undefined;
  readonly logLevel: string;
}

/** A configuration value that cannot be used; the message names the variable. */
export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function readNumber(env: Env, name: string, fallback: number, check: (n: number) => boolean, rule: string) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || !check(value)) {
    throw new ConfigError(`${name}=${JSON.stringify(raw)} is invalid: expected ${rule}`);
  }
  return value;
}

const isFraction = (n: number) => n >= 0 && n <= 1;
const isPositiveInteger = (n: number) => Number.isInteger(n) && n > 0;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function readCron(env: Env): string | undefined {
  const raw = env.MODELGRAPH_RESCORE_CRON?.trim() || '0 3 * * *';
  if (raw === 'off') return undefined;
  try {
    new Cron(raw, { paused: true }).stop();
  } catch (error) {
    throw new ConfigError(
      `MODELGRAPH_RESCORE_CRON=${JSON.stringify(raw)} is invalid: ${(error as Error).message}`,
    );
  }
  return raw;
}

function readAbsolutePaths(env: Env, name: string): readonly string[] {
  const paths = (env[name] ?? '')
    .split(',')
    .map((path) => path.trim())
    .filter(Boolean);
  const relative = paths.find((path) => !path.startsWith('/'));
  if (relative !== undefined) {
    throw new ConfigError(
      `${name} lists ${JSON.stringify(relative)}: expected absolute paths, comma-separated`,
    );
  }
  return Object.freeze(paths);
}

/** Absolute paths of existing directories; a missing one stops the start rather than hiding a typo. */
function readDirectories(env: Env, name: string): readonly string[] {
  const paths = readAbsolutePaths(env, name);
  const missing = paths.find((path) => !isDirectory(path));
  if (missing !== undefined) {
    throw new ConfigError(`${name} lists ${JSON.stringify(missing)}: expected existing directories`);
  }
  return paths;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function readAbsolutePath(env: Env, name: string, fallback: string): string {
  const raw = env[name]?.trim() || fallback;
  if (!raw.startsWith('/')) {
    throw new ConfigError(`${name}=${JSON.stringify(raw)} is invalid: expected an absolute path`);
  }
  return raw;
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A comma-separated list of durations such as `5s,30s,2m,10m,1h,6h`, in milliseconds. */
function readDurations(env: Env, name: string, fallback: string): readonly number[] {
  const raw = env[name]?.trim() || fallback;
  return Object.freeze(
    raw.split(',').map((part) => {
      const match = /^(\d+)(ms|s|m|h|d)$/.exec(part.trim());
      if (!match) {
        throw new ConfigError(
          `${name}=${JSON.stringify(raw)} is invalid: expected durations like 5s,30s,2m,10m,1h,6h (units ms, s, m, h, d)`,
        );
      }
      return Number(match[1]) * DURATION_UNITS[match[2]];
    }),
  );
}

function readHttpUrl(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    throw new ConfigError(`${name}=${JSON.stringify(raw)} is invalid: expected an http or https URL`);
  }
  return raw.replace(/\/+$/, '');
}

function readChoice(env: Env, name: string, choices: string[], fallback: string): string {
  const raw = env[name] || fallback;
  if (!choices.includes(raw)) {
    throw new ConfigError(`${name}=${JSON.stringify(raw)} is invalid: expected one of ${choices.join(', ')}`);
  }
  return raw;
}

function readPostgresUrl(env: Env, name: string): string | undefined {
  const raw = env[name] || undefined;
  if (raw === undefined) return undefined;
  let protocol: string;
  try {
    protocol = new URL(raw).protocol;
  } catch {
    throw new ConfigError(`${name} is not a URL: expected postgres://user@host:port/database`);
  }
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
    throw new ConfigError(
      `${name} has the scheme ${JSON.stringify(protocol)}: expected postgres:// or postgresql://`,
    );
  }
  return raw;
}

function readReplicaUrl(env: Env, databaseUrl: string | undefined): string | undefined {
  const readUrl = readPostgresUrl(env, 'DATABASE_READ_URL');
  if (readUrl !== undefined && databaseUrl === undefined) {
    throw new ConfigError(
      'DATABASE_READ_URL is set without DATABASE_URL: a read replica needs a PostgreSQL primary',
    );
  }
  return readUrl;
}

/** Reads and validates the configuration from an environment (defaults to `process.env`). */
export function loadConfig(env: Env = process.env): Config {
  const port = readNumber(
    env,
    'PORT',
    8080,
    (n) => Number.isInteger(n) && n >= 0 && n < 65536,
    'a port number',
  );
  const databaseUrl = readPostgresUrl(env, 'DATABASE_URL');
  return Object.freeze({
    port,
    host: env.HOST || '127.0.0.1',
    databaseUrl,
    databaseReadUrl: readReplicaUrl(env, databaseUrl),
    readYourWritesSeconds: readNumber(
      env,
      'MODELGRAPH_READ_YOUR_WRITES_SECONDS',
      10,
      isPositiveInteger,
      'a whole number of seconds > 0',
    ),
    dataDir: env.MODELGRAPH_DATA_DIR || './data',
    loadDemo: readChoice(env, 'MODELGRAPH_DEMO', ['auto', 'off'], 'auto') === 'auto',
    adminToken: env.MODELGRAPH_ADMIN_TOKEN || undefined,
    qualityCap: readNumber(env, 'MODELGRAPH_QUALITY_CAP', 0.3, isFraction, 'a number from 0 to 1'),
    rescoreCron: readCron(env),
    rescoreWindowHours: readNumber(env, 'MODELGRAPH_RESCORE_WINDOW_HOURS', 24, (n) => n > 0, 'hours > 0'),
    rescoreMaxEdges: readNumber(
      env,
      'MODELGRAPH_RESCORE_MAX_EDGES',
      10_000,
      isPositiveInteger,
      'a whole number > 0',
    ),
    rescoreLog: env.MODELGRAPH_RESCORE_LOG || 'logs/model_rescore.log',
    rescoreLargeDecrease: readNumber(
      env,
      'MODELGRAPH_RESCORE_LARGE_DECREASE',
      0.3,
      isFraction,
      'a number from 0 to 1',
    ),
    rescoreStableBand: readNumber(
      env,
      'MODELGRAPH_RESCORE_STABLE_BAND',
      0.05,
      isFraction,
      'a number from 0 to 1',
    ),
    runnerTimeoutMs: readNumber(
      env,
      'MODELGRAPH_RUNNER_TIMEOUT_MS',
      60_000,
      isPositiveInteger,
      'milliseconds > 0',
    ),
    creditPool: readNumber(env, 'MODELGRAPH_CREDIT_POOL', 100, (n) => n >= 0, 'credits >= 0'),
    creditAgentShareCap: readNumber(
      env,
      'MODELGRAPH_CREDIT_AGENT_SHARE_CAP',
      0.4,
      isFraction,
      'a number from 0 to 1',
    ),
    creditDailyCap: readNumber(env, 'MODELGRAPH_CREDIT_DAILY_CAP', 250, (n) => n >= 0, 'credits >= 0'),
    demurragePerDay: readNumber(
      env,
      'MODELGRAPH_DEMURRAGE_PER_DAY',
      0.01,
      (n) => n >= 0 && n < 1,
      'a rate from 0 to <1',
    ),
    treasuryInitial: readNumber(env, 'MODELGRAPH_TREASURY_INITIAL', 1_000_000, (n) => n >= 0, 'credits >= 0'),
    maxBodyBytes: readNumber(env, 'MODELGRAPH_MAX_BODY_BYTES', 10_485_760, isPositiveInteger, 'bytes > 0'),
    runtimeCommands: readAbsolutePaths(env, 'MODELGRAPH_RUNTIME_COMMANDS'),
    runtimeSandbox: readChoice(env, 'MODELGRAPH_RUNTIME_SANDBOX', ['bwrap', 'off'], 'bwrap') as
      | 'bwrap'
      | 'off',
    runtimeBwrap: readAbsolutePath(env, 'MODELGRAPH_RUNTIME_BWRAP', '/usr/bin/bwrap'),
    runtimePaths: readDirectories(env, 'MODELGRAPH_RUNTIME_PATHS'),
    runtimeTmpMb: readNumber(
      env,
      'MODELGRAPH_RUNTIME_TMP_MB',
      256,
      isPositiveInteger,
      'a whole number of MiB > 0',
    ),
    runtimeMemoryMb: readNumber(
      env,
      'MODELGRAPH_RUNTIME_MEMORY_MB',
      2048,
      isPositiveInteger,
      'a whole number of MiB > 0',
    ),
    runtimeCpuSeconds: readNumber(
      env,
      'MODELGRAPH_RUNTIME_CPU_SECONDS',
      600,
      isPositiveInteger,
      'a whole number of seconds > 0',
    ),
    webhookTimeoutMs: readNumber(
      env,
      'MODELGRAPH_WEBHOOK_TIMEOUT_MS',
      10_000,
      isPositiveInteger,
      'milliseconds > 0',
    ),
    webhookRetrySchedule: readDurations(env, 'MODELGRAPH_WEBHOOK_RETRY_SCHEDULE', '5s,30s,2m,10m,1h,6h'),
    openLineageUrl: readHttpUrl(env, 'MODELGRAPH_OPENLINEAGE_URL'),
    mlflowTrackingUri: readHttpUrl(env, 'MODELGRAPH_MLFLOW_TRACKING_URI'),
    logLevel: readChoice(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
  });
}
