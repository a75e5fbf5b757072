/**
 * The suites `npm test` runs only where their prerequisites are installed — a PostgreSQL server,
 * PgBouncer, Chromium, the Python virtualenvs, bubblewrap — and the one line `scripts/run-tests.ts`
 * prints before the run saying which of them run, which are skipped (or, with `CI=true`, fail)
 * and why, and whether the runner builds anything first.
 */
import { existsSync } from 'node:fs';
import { CHROMIUM_PATH } from '../test/support/chromium.ts';
import { hasPgBouncer } from '../test/support/pgbouncer.ts';
import { type PythonVenv, venvPython } from '../test/support/python.ts';

/** The Python virtualenvs of the tests (`scripts/python-venvs.sh` builds them). */
export const PYTHON_VENVS: readonly PythonVenv[] = [
  'dev',
  'kgx',
  'client',
  'mlflow',
  'mlflow-2.9',
  'mlflow-2.22',
];

/** The environment variable that asks the runner to build missing Python virtualenvs. */
export const BUILD_VENVS_VARIABLE = 'MODELGRAPH_TEST_BUILD_VENVS';

const BWRAP_PATH = '/usr/bin/bwrap';

/** One optional prerequisite: its name and why it is missing (or `false`). */
export interface Prerequisite {
  name: string;
  missing: string | false;
  /** What the runner does about it before the run, if anything. */
  building?: string;
}

/** The venvs whose interpreter is missing. */
export function missingVenvs(): PythonVenv[] {
  return PYTHON_VENVS.filter((venv) => !existsSync(venvPython(venv)));
}

/**
 * The missing venvs the runner builds before the run: none unless `MODELGRAPH_TEST_BUILD_VENVS=1`,
 * because building them downloads ~2.8 GB (`.ci/run` builds them itself).
 */
export function venvsToBuild(env: NodeJS.ProcessEnv, missing: readonly PythonVenv[]): PythonVenv[] {
  return env[BUILD_VENVS_VARIABLE] === '1' ? [...missing] : [];
}

/**
 * Checks every optional prerequisite. `postgresMissing` is why the runner's PostgreSQL server did
 * not start (or `false`); `buildingVenvs` lists the venvs the runner is about to build.
 */
export function checkPrerequisites(postgresMissing: string | false, buildingVenvs: readonly PythonVenv[]) {
  const venvs = missingVenvs();
  const venvList = venvs.map((venv) => `.venv/${venv}`).join(', ');
  const prerequisites: Prerequisite[] = [
    {
      name: 'PostgreSQL',
      missing: postgresMissing,
    },
    {
      name: 'PgBouncer',
      missing: hasPgBouncer() ? false : '/usr/sbin/pgbouncer is not installed (apt-get install pgbouncer)',
    },
    {
      name: 'Chromium',
      missing: existsSync(CHROMIUM_PATH)
        ? false
        : `${CHROMIUM_PATH} is not installed (apt-get install chromium)`,
    },
    {
      name: 'Python venvs',
      missing:
        venvs.length === 0
          ? false
          : `${venvList} missing (${BUILD_VENVS_VARIABLE}=1 or bash scripts/python-venvs.sh builds them, ~2.8 GB from PyPI)`,
      building:
        buildingVenvs.length === 0
          ? undefined
          : `building ${buildingVenvs.map((venv) => `.venv/${venv}`).join(', ')} first (${BUILD_VENVS_VARIABLE}=1)`,
    },
    {
      name: 'bubblewrap',
      missing: existsSync(BWRAP_PATH) ? false : `${BWRAP_PATH} is not installed (apt-get install bubblewrap)`,
    },
  ];
  return prerequisites;
}

/** The one line: each prerequisite and whether its suites run, are built for, skipped or fail. */
export function describeOptionalSuites(prerequisites: readonly Prerequisite[], isCi: boolean): string {
  const parts = prerequisites.map(({ name, missing, building }) => {
    if (building !== undefined) return `${name}: ${building}`;
    if (missing === false) return `${name}: run`;
    return `${name}: ${isCi ? 'FAIL with CI=true' : 'skipped'}, ${missing}`;
  });
  return `run-tests: optional suites — ${parts.join('; ')}`;
}
