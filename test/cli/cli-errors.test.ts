/**
 * Every way a command line or a start can fail answers in one line that names what to change —
 * the flag, the variable, the id — with status 2 for a command used wrongly and 1 for the rest,
 * and never a stack trace or an SQL statement. Real child processes of `bin/modelgraph.js`.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  findPostgresBinaries,
  freePort,
  runPostgresTool,
  serverOptions,
  serverOwnedTempDir,
} from '../support/postgres-server.ts';
import { type ProcessRun, runModelgraph } from '../support/run-process.ts';

const workDir = mkdtempSync(join(tmpdir(), 'mg-cli-errors-'));
after(() => rmSync(workDir, { recursive: true, force: true }));

let dirs = 0;
/** A data directory that does not exist yet: a failure before the store opens leaves it so. */
const unusedDataDir = () => join(workDir, `data-${dirs++}`);

const modelgraph = (args: string[], env: Record<string, string> = {}) =>
  runModelgraph(args, { MODELGRAPH_DATA_DIR: unusedDataDir(), ...env });

/** One line on stderr, `modelgraph: …` matching `message`, no stack and no SQL. */
function assertOneLine(result: ProcessRun, status: number, message: RegExp) {
  assert.equal(result.status, status, result.stderr);
  const lines = result.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, result.stderr);
  assert.match(lines[0], /^modelgraph: /);
  assert.match(lines[0], message);
  assert.doesNotMatch(result.stderr, /\n\s+at |Failed query|insert into|select |params:/i);
}

describe('a command used wrongly exits 2 naming the command, flag or value', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown command', ['frobnicate'], /unknown command 'frobnicate': modelgraph --help/],
    ['an unknown flag', ['rescore', '--frobnicate'], /unknown option --frobnicate for rescore/],
    ['a flag without its value', ['export-kgx', '--out'], /the option --out of export-kgx needs a value/],
    [
      'a value given to a switch',
      ['rescore', '--dry-run=yes'],
      /the option --dry-run of rescore takes no value/,
    ],
    ['an argument a command does not take', ['migrate', 'now'], /unexpected argument 'now' for migrate/],
    [
      'a port that is not one',
      ['serve', '--port', 'eighty'],
      /--port must be a port number from 0 to 65535 \(got 'eighty'\)/,
    ],
    ['a port out of range', ['serve', '--port', '70000'], /--port must be a port number/],
    ['an empty host', ['serve', '--host', ''], /--host needs a host name or address/],
    [
      'hours that are not hours',
      ['rescore', '--since-hours', 'soon'],
      /--since-hours must be a number of hours > 0 \(got 'soon'\)/,
    ],
    ['a negative value without =', ['rescore', '--since-hours', '-1'], /write --since-hours=<value>/],
    [
      'a worker count that is not a number',
      ['backfill-edges', '--concurrency', 'two'],
      /--concurrency must be an integer from 1 to 16 \(got 'two'\)/,
    ],
    [
      'a worker count out of range',
      ['backfill-edges', '--concurrency', '99'],
      /--concurrency must be an integer from 1 to 16 \(got '99'\)/,
    ],
    [
      'a filter value outside its schema',
      ['export-kgx', '--out', join(workDir, 'x'), '--status', 'gone'],
      /--status must be one of active, retracted/,
    ],
    ['credit without a sub-command', ['credit'], /credit needs a sub-command: payouts, wallet or mint/],
    ['an unknown credit sub-command', ['credit', 'spend'], /unknown credit sub-command 'spend'/],
    ['credit wallet without an agent', ['credit', 'wallet'], /credit wallet needs an agent id/],
    [
      'credit mint without its flags',
      ['credit', 'mint', '--id', 'm1'],
      /credit mint needs --amount, --reason/,
    ],
    [
      'a mint of no credit',
      ['credit', 'mint', '--id', 'm1', '--amount', '0', '--reason', 'r'],
      /--amount must be a number of credits > 0 \(got '0'\)/,
    ],
    [
      'an event id that is not one',
      ['credit', 'payouts', '--event-id', 'last'],
      /--event-id must be a promotion's event id/,
    ],
  ];
  for (const [what, args, message] of cases) {
    it(`${what}: modelgraph ${args.join(' ')}`, async () => {
      const dataDir = unusedDataDir();
      const result = await modelgraph(args, { MODELGRAPH_DATA_DIR: dataDir });
      assertOneLine(result, 2, message);
      assert.equal(existsSync(dataDir), false, 'refused before the store was opened');
    });
  }
});

describe('a command that fails at run time exits 1 naming the id', () => {
  // One store for both: the first command creates and migrates it, the second opens it.
  const env = { MODELGRAPH_DATA_DIR: unusedDataDir() };

  it('credit wallet of an unknown agent names the agent, not a failed SQL statement', async () => {
    const result = await modelgraph(['credit', 'wallet', 'nobody-here'], env);
    assertOneLine(result, 1, /^modelgraph: agent 'nobody-here' does not exist$/);
  });

  it('credit payouts of an unknown promotion names the event', async () => {
    const result = await modelgraph(['credit', 'payouts', '--event-id', '999999'], env);
    assertOneLine(result, 1, /999999/);
  });
});

describe('a server that cannot start exits 1 naming the setting to change', () => {
  let holder: Server | undefined;
  after(() => holder?.close());

  it('a port in use names PORT and --port, and the store was never opened', async () => {
    const port = await freePort();
    holder = createServer();
    await new Promise<void>((resolve) => holder?.listen(port, '127.0.0.1', resolve));
    const dataDir = unusedDataDir();
    const result = await modelgraph(['serve'], { PORT: String(port), MODELGRAPH_DATA_DIR: dataDir });
    assertOneLine(
      result,
      1,
      new RegExp(`port ${port} on 127\\.0\\.0\\.1 is in use .*set PORT \\(or serve --port\\)`),
    );
    assert.equal(existsSync(dataDir), false, 'no data directory created, none locked');
    const flag = await modelgraph(['serve', '--port', String(port)], { MODELGRAPH_DATA_DIR: dataDir });
    assertOneLine(flag, 1, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is in use`));
  });

  it('a host that is not an address of this machine names HOST and --host', async () => {
    // TEST-NET-1 (RFC 5737): never an address of this machine.
    const result = await modelgraph(['serve', '--host', '192.0.2.1', '--port', '0']);
    assertOneLine(result, 1, /192\.0\.2\.1 is not an address of this machine: set HOST \(or serve --host\)/);
  });

  it('a host name that does not resolve names HOST', async () => {
    const result = await modelgraph(['serve', '--port', '0'], { HOST: 'no-such-host.invalid' });
    assertOneLine(result, 1, /the host name no-such-host\.invalid cannot be resolved: set HOST/);
  });

  it('DATABASE_URL naming a port where nothing listens', async () => {
    const port = await freePort();
    const result = await modelgraph(['migrate'], {
      DATABASE_URL: `postgres://app:pw@127.0.0.1:${port}/registry`,
    });
    assertOneLine(
      result,
      1,
      new RegExp(`nothing accepts connections at 127\\.0\\.0\\.1:${port}.*DATABASE_URL`),
    );
    assert.doesNotMatch(result.stderr, /pw/, 'the password is never printed');
  });

  it('DATABASE_URL naming a host that does not resolve', async () => {
    const result = await modelgraph(['serve', '--port', '0'], {
      DATABASE_URL: 'postgres://db.no-such-host.invalid/registry',
    });
    assertOneLine(result, 1, /the host db\.no-such-host\.invalid of DATABASE_URL cannot be found/);
  });
});

describe('a PostgreSQL server that refuses the login', () => {
  const pgUrl = process.env.MODELGRAPH_TEST_PG_URL;
  const skip = pgUrl ? false : 'no PostgreSQL test server (scripts/run-tests.ts starts one)';

  it('names the database of DATABASE_URL that does not exist', { skip }, async () => {
    const url = new URL(pgUrl as string);
    url.pathname = '/no_such_database';
    const result = await modelgraph(['migrate'], { DATABASE_URL: url.href });
    assertOneLine(
      result,
      1,
      /the database no_such_database of DATABASE_URL does not exist .*createdb no_such_database/,
    );
  });

  it('names the user of DATABASE_URL the server does not know', { skip }, async () => {
    const url = new URL(pgUrl as string);
    url.username = 'nobody_here';
    const result = await modelgraph(['migrate'], { DATABASE_URL: url.href });
    assertOneLine(result, 1, /PostgreSQL does not let user nobody_here connect .*DATABASE_URL/);
  });

  const binaries = findPostgresBinaries();
  const noServer = binaries ? false : 'no PostgreSQL server binaries';
  if (noServer && process.env.CI === 'true') throw new Error(`${noServer} (a failure in CI)`);

  it('names a wrong password, and a missing one, without printing it', { skip: noServer }, async () => {
    const dataDir = serverOwnedTempDir('mg-pg-auth-');
    const passwordFile = join(dataDir, 'password');
    writeFileSync(passwordFile, 'right-password\n', { mode: 0o644 });
    const port = await freePort();
    const db = join(dataDir, 'db');
    runPostgresTool('initdb', [
      '-D',
      db,
      '-U',
      'postgres',
      '--auth=scram-sha-256',
      `--pwfile=${passwordFile}`,
      '--no-sync',
    ]);
    runPostgresTool('pg_ctl', [
      '-D',
      db,
      '-o',
      serverOptions(port, db),
      '-l',
      join(dataDir, 'log'),
      '-w',
      'start',
    ]);
    try {
      const wrong = await modelgraph(['migrate'], {
        DATABASE_URL: `postgres://postgres:wrong-password@127.0.0.1:${port}/postgres`,
      });
      assertOneLine(
        wrong,
        1,
        /PostgreSQL refused the password of user postgres: set the user and password in DATABASE_URL/,
      );
      assert.doesNotMatch(wrong.stderr, /wrong-password/);
      const missing = await modelgraph(['migrate'], {
        DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/postgres`,
      });
      assertOneLine(missing, 1, /PostgreSQL asks user postgres for a password and DATABASE_URL has none/);
    } finally {
      runPostgresTool('pg_ctl', ['-D', db, '-m', 'immediate', '-w', 'stop']);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
