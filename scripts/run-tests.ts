/**
 * `npm test`'s test step: finds every `*.test.ts` (Node 20 does not expand globs), starts a
 * throw-away PostgreSQL server so the database suites run on both stores, builds the Python
 * virtualenvs when they are missing, runs node's test runner and stops the server. Fails when no test file is found, and in CI when PostgreSQL cannot start.
 * Arguments narrow the run to files whose path contains any of them.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type PostgresServer, startPostgres } from '../test/support/postgres-server.ts';

function findTests(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : findTests(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const filters = process.argv.slice(2);
const files = ['src', 'test']
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

const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], {
  stdio: 'inherit',
  env: { ...process.env, ...(server ? { MODELGRAPH_TEST_PG_URL: server.url } : {}) },
});
const code: number = await new Promise((resolve) => child.on('exit', (status) => resolve(status ?? 1)));
server?.stop();
process.exit(code);
