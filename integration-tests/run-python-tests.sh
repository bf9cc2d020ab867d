#!/usr/bin/env bash
# Python integration tests (pytest): a Spark standalone cluster, the Airflow DAG and pyarrow,
# all against the shaded jar; then the `veil` Python package (python/): its wheel, built with the
# jar inside, its tests and doctests on a classic session and from a Spark Connect client,
# mypy --strict, and its API reference (pdoc, to target/python-api); and Veil's Iceberg and Delta
# outputs read back with pyiceberg and deltalake (suite `tables`). Maven runs this at
# `integration-test` (skip with -DskipPython; -Dveil.python.suites=package runs only the
# package's); it also runs by hand after `mvn -DskipTests package`:
#   [VEIL_PYTHON_SUITES="integration package tables"] integration-tests/run-python-tests.sh [pytest args...]
# Installs virtual environments under target/ on first use and reuses them while their
# requirements file is unchanged: venv (pyspark, pyarrow, pytest), venv-airflow, venv-pycanon and
# venv-veil (pyspark[connect], mypy, pdoc), venv-tables (pyiceberg, deltalake).
# `run-python-tests.sh --spark-distribution` installs the pyspark venv only and runs no test:
# Maven does that before the JUnit tests, for YarnClusterTest's spark-submit.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
target="$here/target"
python="${VEIL_PYTHON:-python3}"

# ensure_venv DIR REQUIREMENTS: the venv is complete when its stamp holds the requirements'
# digest; an interrupted install leaves no stamp, so the next run starts it again from scratch.
ensure_venv() {
  local dir="$1" requirements="$2" digest
  digest="$(sha256sum "$requirements" | cut -d' ' -f1)"
  if [ -f "$dir/.veil-complete" ] && [ "$(cat "$dir/.veil-complete")" = "$digest" ]; then
    return
  fi
  echo "[veil-it] installing $(basename "$requirements") into $dir (first run: a few minutes)"
  local attempt
  for attempt in 1 2; do  # a second try from scratch rides out a dropped download
    rm -rf "$dir"
    if "$python" -m venv "$dir" && "$dir/bin/python" -m pip install --quiet --disable-pip-version-check \
        --no-input --progress-bar off --retries 5 --timeout 60 -r "$requirements"; then
      echo "$digest" > "$dir/.veil-complete"
      return
    fi
    echo "[veil-it] install of $(basename "$requirements") failed (attempt $attempt)" >&2
  done
  exit 1
}

jar="${VEIL_JAR:-$(ls "$root"/spark-jobs/target/veil-spark-jobs-*-all.jar 2>/dev/null | head -n 1 || true)}"
if [ -z "$jar" ] || [ ! -f "$jar" ]; then
  echo "[veil-it] Cannot run: the shaded jar is missing; build it with mvn -DskipTests package" >&2
  exit 1
fi

mkdir -p "$target"
# One run at a time per checkout: two would rebuild the same venvs under each other.
exec 9>"$target/.python-tests.lock"
flock 9
if [ "${1:-}" = "--spark-distribution" ]; then
  ensure_venv "$target/venv" "$here/python/requirements-spark.txt"
  exit 0  # pyspark's Spark distribution alone, for YarnClusterTest's spark-submit (test phase)
fi
suites="${VEIL_PYTHON_SUITES:-integration package tables}"
case " $suites " in *" integration "*) integration=1 ;; *) integration=0 ;; esac
case " $suites " in *" package "*) package=1 ;; *) package=0 ;; esac
case " $suites " in *" tables "*) tables=1 ;; *) tables=0 ;; esac
if [ "$integration" = 1 ]; then
  ensure_venv "$target/venv" "$here/python/requirements-spark.txt"
  ensure_venv "$target/venv-airflow" "$here/python/requirements-airflow.txt"
  ensure_venv "$target/venv-pycanon" "$here/python/requirements-pycanon.txt"
fi
if [ "$tables" = 1 ]; then
  ensure_venv "$target/venv" "$here/python/requirements-spark.txt"
  ensure_venv "$target/venv-tables" "$here/python/requirements-tables.txt"
fi
if [ "$package" = 1 ]; then
  ensure_venv "$target/venv-veil" "$here/python/requirements-veil.txt"
  # The wheel, as `pip install ./python` builds it: the jar inside, the Maven project's version.
  rm -rf "$target/python-dist" "$root/python/build"
  VEIL_JAR="$jar" "$target/venv-veil/bin/python" -m pip wheel --quiet --disable-pip-version-check \
    --no-deps --no-build-isolation --wheel-dir "$target/python-dist" "$root/python"
  "$target/venv-veil/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps \
    --force-reinstall "$target/python-dist"/veil_spark-*.whl
  rm -rf "$root/python/build" "$root/python"/*.egg-info
fi
exec 9>&-  # unlocked, and not inherited by the Spark daemons the tests start

export VEIL_JAR="$jar" VEIL_PROJECT_DIR="$root" VEIL_AIRFLOW_VENV="$target/venv-airflow" \
  VEIL_PYCANON_VENV="$target/venv-pycanon"
export SPARK_LOCAL_IP=127.0.0.1 PYTHONDONTWRITEBYTECODE=1
status=0
if [ "$integration" = 1 ]; then
  # pytest empties --basetemp first; the clusters', Airflow's and the jobs' logs stay there after a run.
  "$target/venv/bin/python" -m pytest "$here/python/tests" -p no:cacheprovider \
    --basetemp="$target/pytest-tmp" --junitxml="$target/python-test-results.xml" -o junit_family=xunit2 \
    --durations=10 -ra "$@" || status=$?
fi
if [ "$package" = 1 ]; then
  # The package's tests and doctests (python/conftest.py), once per kind of session.
  for mode in classic connect; do
    VEIL_SPARK="$mode" VEIL_WHEEL="$(ls "$target/python-dist"/veil_spark-*.whl)" \
      "$target/venv-veil/bin/python" -m pytest "$root/python" -p no:cacheprovider \
      --basetemp="$target/pytest-veil-$mode" --junitxml="$target/python-veil-$mode-results.xml" \
      -o junit_family=xunit2 --durations=5 -ra "$@" || status=$?
  done
  # The API reference from the docstrings (docs/python.md says how to make it by hand).
  (cd "$root/python" && "$target/venv-veil/bin/python" -m pdoc --output-directory "$target/python-api" veil) \
    || status=$?
fi
if [ "$tables" = 1 ]; then
  # Iceberg's and Delta's runtimes, copied by Maven (process-test-classes) for spark-submit's --jars.
  table_jars="$(ls "$target"/table-jars/*.jar 2>/dev/null | paste -sd, || true)"
  VEIL_SPARK_VENV="$target/venv" VEIL_TABLE_JARS="$table_jars" \
    "$target/venv-tables/bin/python" -m pytest "$here/python/tables" -p no:cacheprovider \
    --basetemp="$target/pytest-tables" --junitxml="$target/python-tables-results.xml" \
    -o junit_family=xunit2 --durations=5 -ra "$@" || status=$?
fi
exit "$status"
