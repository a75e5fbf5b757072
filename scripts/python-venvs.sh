#!/usr/bin/env bash
# Creates (or refreshes) the Python virtualenvs the tests use, one per requirements file:
#   requirements/python-dev.txt -> .venv/dev    requirements/python-kgx.txt -> .venv/kgx
#   requirements/python-client.txt -> .venv/client (clients/python's tests, lint, types and example)
#   requirements/python-mlflow.txt -> .venv/mlflow (the full mlflow: its tracking server, the MLflow 3
#     workflow, the benchmark's peer)
#   requirements/python-mlflow-2.9.txt, python-mlflow-2.22.txt -> .venv/mlflow-2.9, .venv/mlflow-2.22
#     (older MLflow clients for the MLflow face's client suite; the pinned 3.x client is in .venv/dev)
# Arguments name the venvs to build (default: all of them).
# The venvs build side by side. A venv is rebuilt only when its requirements file changed since it was built (a stamp records the
# file's hash), so running this again is quick. Needs python3 >= 3.10 with venv and pip (PyPI).
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
venvs=("$@")
[ ${#venvs[@]} -gt 0 ] || venvs=(dev kgx client mlflow mlflow-2.9 mlflow-2.22)
mkdir -p .tmp

# Builds one venv from its requirements file, unless its stamp says it is up to date.
build() {
  local name=$1 requirements="requirements/python-$1.txt" venv=".venv/$1"
  local stamp="$venv/.requirements.sha256" want
  want=$(sha256sum "$requirements" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$venv/bin/python" ]; then
    return 0
  fi
  echo "python-venvs: building $venv from $requirements"
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -r "$requirements"
  "$venv/bin/python" -m pip check
  echo "$want" > "$stamp"
}

# The venvs are independent and their builds mostly wait on downloads: build them side by side, each
# logging to its own file, and report every failure with its log.
pids=()
for name in "${venvs[@]}"; do
  build "$name" > ".tmp/python-venv-$name.log" 2>&1 &
  pids+=("$!")
done
failed=0
for index in "${!venvs[@]}"; do
  name=${venvs[$index]}
  if wait "${pids[$index]}"; then
    cat ".tmp/python-venv-$name.log"
  else
    echo "python-venvs: building .venv/$name failed:" >&2
    cat ".tmp/python-venv-$name.log" >&2
    failed=1
  fi
done
exit "$failed"
