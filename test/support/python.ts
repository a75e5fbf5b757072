/**
 * The Python virtualenvs of the tests (`scripts/python-venvs.sh`, run by `.ci/run`, and by the
 * test runner for the missing ones when `MODELGRAPH_TEST_BUILD_VENVS=1`): where their interpreters
 * are, and whether a suite that needs one can run. In CI a missing venv is a failure, not a skip.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');

/** The venvs, by the name of their requirements file (`requirements/python-<name>.txt`). */
export type PythonVenv = 'dev' | 'kgx' | 'client';

/** The folder of a venv's executables (python, pytest, ruff, mypy, kgx…). */
export function venvBin(venv: PythonVenv): string {
  return join(ROOT, '.venv', venv, 'bin');
}

/** The interpreter of a venv. */
export function venvPython(venv: PythonVenv): string {
  return join(venvBin(venv), 'python');
}

/** Why a suite needing `venv` cannot run here, or `false` when it can. Throws in CI. */
export function pythonUnavailable(venv: PythonVenv): string | false {
  if (existsSync(venvPython(venv))) return false;
  const reason = `.venv/${venv} is missing (bash scripts/python-venvs.sh or MODELGRAPH_TEST_BUILD_VENVS=1 builds it)`;
  if (process.env.CI === 'true') throw new Error(`${reason} (a failure in CI)`);
  return reason;
}
