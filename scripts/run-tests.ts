/**
 * `npm test`'s test step: finds every `*.test.ts` (Node 20 does not expand globs), starts a
 * throw-away PostgreSQL server so the database suites run on both stores, says in one line which
 * optional suites run and which are skipped and why (building the missing Python virtualenvs only
 * when `MODELGRAPH_TEST_BUILD_VENVS=1`), makes the migrated PGlite image and template database
 * the test stores are copied from, runs the files through node's test runner (two at a time, each
 * in its own process), stops the server and prints the slowest files. Fails when a test fails,
 * when no test file is found, and in CI when PostgreSQL cannot start.
 * Arguments narrow the run to files whose path contains any of them.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { constants } from 'node:os';
import { join, relative } from 'node:path';
import { finished } from 'node:stream/promises';
import { run } from 'node:test';
import { spec, tap } from 'node:test/reporters';
import { type PostgresServer, startPostgres } from '../test/support/postgres-server.ts';
import { ensurePgliteImage, ensureTemplateDatabase } from '../test/support/store-images.ts';
import { checkPrerequisites, describeOptionalSuites, missingVenvs, venvsToBuild } from './optional-suites.ts';
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

let server: PostgresServer | undefined;
let postgresMissing: string | false = false;
try {
  server = await startPostgres();
} catch (error) {
  postgresMissing = `cannot start: ${(error as Error).message}; the database suites run on PGlite only`;
}
// pg_ctl started the server in a session of its own, so it is stopped on every way out: the end
// of the run, an error (stdout closed early, say by `| head`), an interrupt.
// An interrupt also ends the test files' processes.
const interrupted = new AbortController();
process.once('exit', () => server?.stop());
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted.abort();
    process.exit(128 + constants.signals[signal]);
  });
}

const buildVenvs = venvsToBuild(process.env, missingVenvs());
console.log(describeOptionalSuites(checkPrerequisites(postgresMissing, buildVenvs), isCi));
if (postgresMissing && isCi) process.exit(1);
if (buildVenvs.length > 0) {
  const built = spawnSync('bash', ['scripts/python-venvs.sh', ...buildVenvs], { stdio: 'inherit' });
  if (built.status !== 0)
    console.warn(
      `run-tests: cannot build the Python virtualenvs; their suites ${isCi ? 'fail' : 'are skipped'}`,
    );
}

const image = await ensurePgliteImage();
console.log(`run-tests: PGlite test stores load the migrated image ${relative(process.cwd(), image)}`);
if (server) {
  const template = await ensureTemplateDatabase(server.url);
  console.log(`run-tests: PostgreSQL test server at ${server.url}; test databases copy ${template}`);
  // Each file runs in a child process started with this process's flags (`--import tsx`) and env.
  process.env.MODELGRAPH_TEST_PG_URL = server.url;
}
const started = performance.now();
const results = run({ files, concurrency: 2, signal: interrupted.signal });
const fileTimes = fileTimeCollector();
let failed = false;
results.on('test:complete', fileTimes.record);
results.on('test:fail', () => {
  failed = true;
});
// The results go to stdout as `node --test` writes them: spec on a terminal, TAP otherwise.
const output = results.compose(process.stdout.isTTY ? new spec() : tap);
output.pipe(process.stdout);
await finished(output);
console.log(`\n${formatTestTimes(fileTimes.times(), performance.now() - started).join('\n')}`);
process.exit(failed ? 1 : 0);
