#!/usr/bin/env bash
# Creates (or refreshes) the Python virtualenvs the tests use, one per requirements file:
#   requirements/python-dev.txt -> .venv/dev    requirements/python-kgx.txt -> .venv/kgx
#   requirements/python-client.txt -> .venv/client (clients/python's tests, lint, types and example)
#   requirements/python-mlflow.txt -> .venv/mlflow (the full mlflow: its tracking server, the MLflow 3
#     workflow, the benchmark's peer)
#   requirements/python-mlflow-2.9.txt, python-mlflow-2.22.txt -> .venv/mlflow-2.9, .venv/mlflow-2.22
#     (older MLflow clients for the MLflow face's client suite; the pinned 3.x client is in .venv/dev)
# Arguments name the venvs to build (default: all of them).
# A venv is rebuilt only when its requirements file changed since it was built (a stamp records the
# file's hash), so running this again is quick. Needs python3 >= 3.10 with venv and pip (PyPI).
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
venvs=("$@")
[ ${#venvs[@]} -gt 0 ] || venvs=(dev kgx client mlflow mlflow-2.9 mlflow-2.22)
for name in "${venvs[@]}"; do
  requirements="requirements/python-$name.txt"
  venv=".venv/$name"
  stamp="$venv/.requirements.sha256"
  want=$(sha256sum "$requirements" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$venv/bin/python" ]; then
    continue
  fi
  echo "python-venvs: building $venv from $requirements"
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -r "$requirements"
  "$venv/bin/python" -m pip check
  echo "$want" > "$stamp"
done
