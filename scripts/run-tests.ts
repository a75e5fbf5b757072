/**
 * `npm test`'s test step: finds every `*.test.ts` (Node 20 does not expand globs), starts a
 * throw-away PostgreSQL server so the database suites run on both stores, builds the Python
 * virtualenvs when they are missing, makes the migrated PGlite image and template database the
 * test stores are copied from, runs the files through node's test runner (two at a time, each in
 * its own process), stops the server and prints the slowest files. Fails when a test fails, when
 * no test file is found, and in CI when PostgreSQL cannot start.
 * Arguments narrow the run to files whose path contains any of them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { constants } from 'node:os';
import { join, relative } from 'node:path';
import { finished } from 'node:stream/promises';
import { run } from 'node:test';
import { spec, tap } from 'node:test/reporters';
import { type PostgresServer, startPostgres } from '../test/support/postgres-server.ts';
import { ensurePgliteImage, ensureTemplateDatabase } from '../test/support/store-images.ts';
import { fileTimeCollector, formatTestTimes } from './test-times.ts';

const isCi = process.env.CI === 'true';

function findTests(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : findTests(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const filters = process.argv.slice(2);
const files = ['src', 'test', 'scripts']
  .flatMap(findTests)
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();
if (files.length === 0) {
  console.error('run-tests: no test files found');
  process.exit(1);
}

// The Python suites' virtualenvs: built here when missing (CI builds them in .ci/run already).
if (!['dev', 'kgx', 'client'].every((venv) => existsSync(join('.venv', venv, 'bin', 'python')))) {
  const built = spawnSync('bash', ['scripts/python-venvs.sh'], { stdio: 'inherit' });
  if (built.status !== 0)
    console.warn('run-tests: cannot build the Python virtualenvs; the Python suites are skipped');
}

let server: PostgresServer | undefined;
try {
  server = await startPostgres();
} catch (error) {
  const message = `run-tests: cannot start PostgreSQL: ${(error as Error).message}`;
  if (isCi) {
    console.error(`${message} (a failure in CI)`);
    process.exit(1);
  }
  console.warn(`${message}; database suites run on PGlite only`);
}
// An interrupted run stops its server too: pg_ctl started it in a session of its own.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server?.stop();
    process.exit(128 + constants.signals[signal]);
  });
}

let failed = false;
try {
  const image = await ensurePgliteImage();
  console.log(`run-tests: PGlite test stores load the migrated image ${relative(process.cwd(), image)}`);
  if (server) {
    const template = await ensureTemplateDatabase(server.url);
    console.log(`run-tests: PostgreSQL test server at ${server.url}; test databases copy ${template}`);
    // Each file runs in a child process started with this process's flags (`--import tsx`) and env.
    process.env.MODELGRAPH_TEST_PG_URL = server.url;
  }
  const started = performance.now();
  const results = run({ files, concurrency: 2 });
  const fileTimes = fileTimeCollector();
  results.on('test:complete', fileTimes.record);
  results.on('test:fail', () => {
    failed = true;
  });
  // The results go to stdout as `node --test` writes them: spec on a terminal, TAP otherwise.
  const output = results.compose(process.stdout.isTTY ? new spec() : tap);
  output.pipe(process.stdout);
  await finished(output);
  console.log(`\n${formatTestTimes(fileTimes.times(), performance.now() - started).join('\n')}`);
} finally {
  server?.stop();
}
process.exit(failed ? 1 : 0);
