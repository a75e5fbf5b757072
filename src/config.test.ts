import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('uses the documented defaults when nothing is set', () => {
    const config = loadConfig({});
    assert.equal(config.port, 8080);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.dataDir, './data');
    assert.equal(config.loadDemo, true);
    assert.equal(config.qualityCap, 0.3);
    assert.equal(config.rescoreCron, '0 3 * * *');
    assert.equal(config.rescoreWindowHours, 24);
    assert.equal(config.rescoreMaxEdges, 10_000);
    assert.equal(config.rescoreLog, 'logs/model_rescore.log');
    assert.equal(config.runnerTimeoutMs, 60_000);
    assert.equal(config.creditPool, 100);
    assert.equal(config.creditAgentShareCap, 0.4);
    assert.equal(config.creditDailyCap, 250);
    assert.equal(config.demurragePerDay, 0.01);
    assert.equal(config.maxBodyBytes, 10_485_760);
    assert.deepEqual(config.runtimeCommands, []);
    assert.equal(config.webhookTimeoutMs, 10_000);
    assert.deepEqual(config.webhookRetrySchedule, [5_000, 30_000, 120_000, 600_000, 3_600_000, 21_600_000]);
    assert.equal(config.openLineageUrl, undefined);
    assert.equal(config.runtimeSandbox, 'bwrap');
    assert.equal(config.runtimeBwrap, '/usr/bin/bwrap');
    assert.deepEqual(config.runtimePaths, []);
    assert.equal(config.runtimeTmpMb, 256);
    assert.equal(config.runtimeMemoryMb, 2048);
    assert.equal(config.runtimeCpuSeconds, 600);
    assert.ok(Object.isFrozen(config));
  });

  it('reads the sandbox: off, the directories runtimes see, and its limits', () => {
    const config = loadConfig({
      MODELGRAPH_RUNTIME_SANDBOX: 'off',
      MODELGRAPH_RUNTIME_PATHS: '/usr/share, /tmp',
      MODELGRAPH_RUNTIME_TMP_MB: '16',
      MODELGRAPH_RUNTIME_MEMORY_MB: '512',
      MODELGRAPH_RUNTIME_CPU_SECONDS: '5',
    });
    assert.equal(config.runtimeSandbox, 'off');
    assert.deepEqual(config.runtimePaths, ['/usr/share', '/tmp']);
    assert.deepEqual([config.runtimeTmpMb, config.runtimeMemoryMb, config.runtimeCpuSeconds], [16, 512, 5]);
  });

  for (const [value, problem] of [
    ['models', /expected absolute paths/],
    ['/no/such/folder', /expected existing directories/],
    ['/etc/passwd', /expected existing directories/],
  ] as const) {
    it(`refuses MODELGRAPH_RUNTIME_PATHS=${value} with one line naming the variable`, () => {
      assert.throws(
        () => loadConfig({ MODELGRAPH_RUNTIME_PATHS: value }),
        (error: unknown) =>
          error instanceof ConfigError &&
          error.message.startsWith('MODELGRAPH_RUNTIME_PATHS lists') &&
          problem.test(error.message) &&
          !error.message.includes('\n'),
      );
    });
  }

  it('reads the programs a write token may run as absolute paths, and refuses a relative one', () => {
    const config = loadConfig({ MODELGRAPH_RUNTIME_COMMANDS: '/usr/bin/python3, /opt/models/run' });
    assert.deepEqual(config.runtimeCommands, ['/usr/bin/python3', '/opt/models/run']);
    assert.throws(
      () => loadConfig({ MODELGRAPH_RUNTIME_COMMANDS: 'python3' }),
      /MODELGRAPH_RUNTIME_COMMANDS/,
    );
  });

  it('turns the schedule and the demo off with "off" and accepts fractional window hours', () => {
    const config = loadConfig({
      MODELGRAPH_RESCORE_CRON: 'off',
      MODELGRAPH_DEMO: 'off',
      MODELGRAPH_RESCORE_WINDOW_HOURS: '0.5',
    });
    assert.equal(config.rescoreCron, undefined);
    assert.equal(config.loadDemo, false);
    assert.equal(config.rescoreWindowHours, 0.5);
  });

  it('reads a retry schedule in any unit and the OpenLineage server without its trailing slash', () => {
    const config = loadConfig({
      MODELGRAPH_WEBHOOK_RETRY_SCHEDULE: '250ms, 1s,1d',
      MODELGRAPH_OPENLINEAGE_URL: 'http://marquez.internal:5000/',
    });
    assert.deepEqual(config.webhookRetrySchedule, [250, 1000, 86_400_000]);
    assert.equal(config.openLineageUrl, 'http://marquez.internal:5000');
  });

  it('reads the MLflow tracking server without its trailing slash, and none when unset', () => {
    const config = loadConfig({ MODELGRAPH_MLFLOW_TRACKING_URI: 'https://mlflow.internal:5000/' });
    assert.equal(config.mlflowTrackingUri, 'https://mlflow.internal:5000');
    assert.equal(loadConfig({}).mlflowTrackingUri, undefined);
  });

  it('reads a replica URL beside a primary and how long a writer keeps reading the primary', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://app@db-primary:5432/modelgraph',
      DATABASE_READ_URL: 'postgresql://app@db-replica:5432/modelgraph',
      MODELGRAPH_READ_YOUR_WRITES_SECONDS: '3',
    });
    assert.equal(config.databaseReadUrl, 'postgresql://app@db-replica:5432/modelgraph');
    assert.equal(config.readYourWritesSeconds, 3);
    assert.equal(loadConfig({}).databaseReadUrl, undefined);
    assert.equal(loadConfig({}).readYourWritesSeconds, 10);
  });

  for (const [env, rule] of [
    [
      { DATABASE_READ_URL: 'postgres://app@db-replica/modelgraph' },
      /^DATABASE_READ_URL is set without DATABASE_URL/,
    ],
    [
      { DATABASE_URL: 'postgres://app@db/m', DATABASE_READ_URL: 'mysql://db-replica/m' },
      /^DATABASE_READ_URL has the scheme "mysql:"/,
    ],
    [{ DATABASE_URL: 'db-primary:5432' }, /^DATABASE_URL has the scheme "db-primary:"/],
    [{ DATABASE_URL: 'not a url' }, /^DATABASE_URL is not a URL/],
  ] as const) {
    it(`refuses ${JSON.stringify(env)} with one line naming the variable`, () => {
      assert.throws(
        () => loadConfig(env),
        (error: unknown) =>
          error instanceof ConfigError && rule.test(error.message) && !error.message.includes('\n'),
      );
    });
  }

  for (const [name, value] of [
    ['PORT', 'eighty'],
    ['MODELGRAPH_READ_YOUR_WRITES_SECONDS', '0'],
    ['MODELGRAPH_QUALITY_CAP', '1.5'],
    ['MODELGRAPH_RESCORE_CRON', 'every day'],
    ['MODELGRAPH_RESCORE_MAX_EDGES', '0'],
    ['MODELGRAPH_DEMO', 'maybe'],
    ['MODELGRAPH_DEMURRAGE_PER_DAY', '-0.1'],
    ['LOG_LEVEL', 'loud'],
    ['MODELGRAPH_WEBHOOK_TIMEOUT_MS', '0'],
    ['MODELGRAPH_WEBHOOK_RETRY_SCHEDULE', '5s,soon'],
    ['MODELGRAPH_WEBHOOK_RETRY_SCHEDULE', '5 seconds'],
    ['MODELGRAPH_OPENLINEAGE_URL', 'ftp://marquez'],
    ['MODELGRAPH_OPENLINEAGE_URL', 'marquez:5000'],
    ['MODELGRAPH_MLFLOW_TRACKING_URI', 'file:///tmp/mlruns'],
    ['MODELGRAPH_MLFLOW_TRACKING_URI', 'mlflow:5000'],
    ['MODELGRAPH_RUNTIME_SANDBOX', 'firejail'],
    ['MODELGRAPH_RUNTIME_BWRAP', 'bwrap'],
    ['MODELGRAPH_RUNTIME_TMP_MB', '0'],
    ['MODELGRAPH_RUNTIME_MEMORY_MB', '1.5'],
    ['MODELGRAPH_RUNTIME_CPU_SECONDS', 'forever'],
  ]) {
    it(`refuses ${name}=${value} with one line naming the variable`, () => {
      assert.throws(
        () => loadConfig({ [name]: value }),
        (error: unknown) =>
          error instanceof ConfigError &&
          error.message.startsWith(`${name}=`) &&
          !error.message.includes('\n'),
      );
    });
  }
});
