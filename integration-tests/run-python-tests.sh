#!/usr/bin/env bash
# Python integration tests (pytest): a Spark standalone cluster, the Airflow DAG and pyarrow,
# all against the shaded jar. Maven runs this at `integration-test` (skip with -DskipPython);
# it also runs by hand after `mvn -DskipTests package`:
#   integration-tests/run-python-tests.sh [pytest args...]
# `run-python-tests.sh --spark-distribution` installs the pyspark venv only and runs no test:
# Maven does that before the JUnit tests, for YarnClusterTest's spark-submit.
# Installs two virtual environments under target/ on first use and reuses them while their
# requirements file is unchanged: venv (pyspark, pyarrow, pytest), venv-airflow and venv-pycanon.
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
ensure_venv "$target/venv" "$here/python/requirements-spark.txt"
if [ "${1:-}" = "--spark-distribution" ]; then
  exit 0  # pyspark's Spark distribution alone, for YarnClusterTest's spark-submit (test phase)
fi
ensure_venv "$target/venv-airflow" "$here/python/requirements-airflow.txt"
ensure_venv "$target/venv-pycanon" "$here/python/requirements-pycanon.txt"
exec 9>&-  # unlocked, and not inherited by the Spark daemons the tests start

export VEIL_JAR="$jar" VEIL_PROJECT_DIR="$root" VEIL_AIRFLOW_VENV="$target/venv-airflow" \
  VEIL_PYCANON_VENV="$target/venv-pycanon"
export SPARK_LOCAL_IP=127.0.0.1 PYTHONDONTWRITEBYTECODE=1
# pytest empties --basetemp first; the clusters', Airflow's and the jobs' logs stay there after a run.
exec "$target/venv/bin/python" -m pytest "$here/python/tests" -p no:cacheprovider \
  --basetemp="$target/pytest-tmp" --junitxml="$target/python-test-results.xml" -o junit_family=xunit2 \
  --durations=10 -ra "$@"
