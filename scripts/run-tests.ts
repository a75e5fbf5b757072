/**
 * `npm test`'s test step: finds every `*.test.ts` (Node 20 does not expand globs), starts a
 * throw-away PostgreSQL server so the database suites run on both stores, builds the Python
 * virtualenvs when they are missing, runs the files through node's test runner (two at a time,
 * each in its own process), stops the server and prints the slowest files. Fails when a test
 * fails, when no test file is found, and in CI when PostgreSQL cannot start.
 * Arguments narrow the run to files whose path contains any of them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { run } from 'node:test';
import { spec, tap } from 'node:test/reporters';
import { type PostgresServer, startPostgres } from '../test/support/postgres-server.ts';
import { fileTimeCollector, formatTestTimes } from './test-times.ts';

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
  console.log(`run-tests: PostgreSQL test server at ${server.url}`);
} catch (error) {
  const message = `run-tests: cannot start PostgreSQL: ${(error as Error).message}`;
  if (process.env.CI === 'true') {
    console.error(`${message} (a failure in CI)`);
    process.exit(1);
  }
  console.warn(`${message}; database suites run on PGlite only`);
}

// Each file runs in a child process started with this process's flags (`--import tsx`) and env.
if (server) process.env.MODELGRAPH_TEST_PG_URL = server.url;
const started = performance.now();
const results = run({ files, concurrency: 2 });
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
const wallMs = performance.now() - started;
server?.stop();
console.log(`\n${formatTestTimes(fileTimes.times(), wallMs).join('\n')}`);
process.exit(failed ? 1 : 0);
