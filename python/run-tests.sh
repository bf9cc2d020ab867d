#!/usr/bin/env bash
# PySpark tests of Veil's SQL functions (python/tests). Creates a virtualenv under target/ with
# pyspark at the Spark version of pom.xml, builds the shaded jar if it is missing, then runs
# pytest with Java on the PATH. Maven runs this in spark-jobs' integration-test phase; skip it
# there with -DskipPython (or -DskipTests). Extra arguments go to pytest.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/target/python-venv"
spark_version="$(sed -n 's:.*<spark.version>\(.*\)</spark.version>.*:\1:p' "$root/pom.xml" | head -n 1)"

find_jar() { ls "$root"/spark-jobs/target/veil-spark-jobs-*-all.jar 2>/dev/null | head -n 1 || true; }
jar="$(find_jar)"
if [ -z "$jar" ]; then
  echo "[veil] building the shaded jar (mvn -DskipTests package)..." >&2
  (cd "$root" && mvn -q -B -DskipTests package) >&2
  jar="$(find_jar)"
fi

if ! "$venv/bin/python" -c "import sys, pyspark, pytest; sys.exit(pyspark.__version__ != '$spark_version')" 2>/dev/null; then
  echo "[veil] creating $venv with pyspark==$spark_version..." >&2
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check "pyspark==$spark_version" pytest pyarrow
fi

if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
fi
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
export VEIL_JAR="$jar" PYSPARK_PYTHON="$venv/bin/python" SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
cd "$root/python"
exec "$venv/bin/python" -m pytest -q -p no:cacheprovider tests "$@"
