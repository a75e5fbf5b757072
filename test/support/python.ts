/**
 * The Python virtualenvs of the tests (`scripts/python-venvs.sh`, run by `.ci/run`, and by the
 * test runner for the missing ones when `MODELGRAPH_TEST_BUILD_VENVS=1`): where their interpreters
 * are, and whether a suite that needs one can run. In CI a missing venv is a failure, not a skip.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');

/** The venvs, by the name of their requirements file (`requirements/python-<name>.txt`). */
export type PythonVenv = 'dev' | 'kgx' | 'client' | 'mlflow' | 'mlflow-2.9' | 'mlflow-2.22';

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

/**
 * The directories a sandboxed runtime needs to run a venv's interpreter: the venv itself and the
 * Python installation it was made from (`home` in its pyvenv.cfg names that installation's bin/),
 * which the venv's `python` is a link into.
 */
export function venvRuntimePaths(venv: PythonVenv): string[] {
  const config = readFileSync(join(ROOT, '.venv', venv, 'pyvenv.cfg'), 'utf8');
  const home = /^home\s*=\s*(.+)$/m.exec(config)?.[1].trim();
  if (!home) throw new Error(`.venv/${venv}/pyvenv.cfg names no home`);
  return [dirname(realpathSync(home)), join(ROOT, '.venv', venv)];
}
