/**
 * The community validators of the open formats (docs/integrations.md), run the way CI runs them: as child
 * processes of the pinned Python venvs, with the offline recipes of this folder, and — where the
 * machine allows it — inside a network namespace with no network at all (`unshare -n`), so a test
 * can never pass because something was downloaded. OpenLineage is checked in-process with ajv
 * against the vendored 2-0-2 schema.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { type PythonVenv, venvBin, venvPython } from '../support/python.ts';

const HERE = import.meta.dirname;

/** What a validator process said. */
export interface ToolRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

// Root in a container may create a network namespace; elsewhere the recipes are offline anyway.
const canIsolate = spawnSync('unshare', ['-n', 'true']).status === 0;

/** Runs `command` with no network when the machine allows it. */
export function runOffline(command: string, args: string[], timeoutMs = 120_000): ToolRun {
  const [file, argv] = canIsolate ? ['unshare', ['-n', command, ...args]] : [command, args];
  const result = spawnSync(file, argv, { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const python = (venv: PythonVenv, script: string, args: string[]) =>
  runOffline(venvPython(venv), [join(HERE, script), ...args]);

/** `kgx validate` of a nodes and an edges file; the report is kgx's JSON on stderr (`{}` when clean). */
export function validateKgx(nodesFile: string, edgesFile: string): ToolRun & { report: unknown } {
  const run = python('kgx', 'kgx_offline.py', ['validate', '-i', 'jsonl', nodesFile, edgesFile]);
  const json = run.stderr.slice(run.stderr.indexOf('{'));
  let report: unknown = run.stderr;
  try {
    report = JSON.parse(json);
  } catch {
    // Not a report (a crash): the raw stderr is what the assertion shows.
  }
  return { ...run, report };
}

/** The strict PROV-JSON read of `check_prov.py`; its stdout names the record count. */
export function checkProv(file: string, expectedRecords?: number): ToolRun {
  return python(
    'dev',
    'check_prov.py',
    expectedRecords === undefined ? [file] : [file, String(expectedRecords)],
  );
}

let rocrateCache: string | undefined;

/** roc-validator's HTTP cache, seeded once per process from the vendored RO-Crate 1.1 context. */
function seededRocrateCache(): string {
  if (rocrateCache) return rocrateCache;
  const cache = join(mkdtempSync(join(tmpdir(), 'mg-rocrate-')), 'http_cache');
  const seeded = python('dev', 'seed_rocrate_cache.py', [cache]);
  if (seeded.status !== 0) throw new Error(`seeding the RO-Crate cache failed: ${seeded.stderr}`);
  rocrateCache = cache;
  return cache;
}

/** An RO-Crate report as `rocrate-validator -f json` prints it. */
export interface RocrateReport {
  passed: boolean;
  issues: { severity: string; message: string; check: { identifier: string } }[];
  statistics: { total_checks: number };
}

/**
 * `rocrate-validator` on a crate directory against the `ro-crate-1.1` profile at `level`, offline.
 * 28.1 (is every web data entity downloadable) is skipped: it needs the network by definition.
 */
export function validateRocrate(
  crateDir: string,
  level: 'required' | 'recommended',
): ToolRun & { report: RocrateReport } {
  const args = ['-y', '--disable-color', 'validate', '-p', 'ro-crate-1.1', '--no-paging', '--offline'];
  args.push(
    '--cache-path',
    seededRocrateCache(),
    '-l',
    level,
    '-s',
    'ro-crate-1.1_28.1',
    '-f',
    'json',
    crateDir,
  );
  const run = runOffline(join(venvBin('dev'), 'rocrate-validator'), args);
  let report: RocrateReport;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    throw new Error(`rocrate-validator printed no report (exit ${run.status}): ${run.stderr}${run.stdout}`);
  }
  return { ...run, report };
}

const OPENLINEAGE_SCHEMA = JSON.parse(readFileSync(join(HERE, 'vendor/OpenLineage-2-0-2.json'), 'utf8'));

/** A validator of OpenLineage 2-0-2 RunEvents: formats (date-time, uri, uuid) are asserted. */
export function openLineageRunEventValidator() {
  // Strict mode stays on; the schema's only non-standard keyword is the `example` annotation.
  const ajv = new Ajv2020.default({ allErrors: true });
  ajv.addKeyword('example');
  addFormats.default(ajv);
  ajv.addSchema(OPENLINEAGE_SCHEMA);
  const validate = ajv.getSchema(`${OPENLINEAGE_SCHEMA.$id}#/$defs/RunEvent`);
  if (!validate) throw new Error('the OpenLineage schema has no RunEvent');
  return validate;
}
