"""airflow/dags/veil_anonymize.py under `airflow dags test` (Airflow in a venv of its own, sqlite),
with spark-submit from pyspark's distribution on PATH and `--master local[2]`."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import time
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from conftest import TEST_KEY, PROJECT, SPARK_HOME, TABLES, input_rows, sample_config, spark_env

# conf/sample.conf's rule for customers' notes: removing it leaves the column unlisted.
NOTES_RULE = "        notes       { op = redact }    # e-mails, phones... inside the text become [EMAIL], [PHONE]\n"

DAG_ID = "veil_anonymize"
KEY_VARIABLE = "VEIL_KEY_DEMO_V1"


class Airflow:
    def __init__(self, home: Path, veil_jar: Path):
        venv = Path(os.environ.get("VEIL_AIRFLOW_VENV", PROJECT / "integration-tests" / "target" / "venv-airflow"))
        self.executable = venv / "bin" / "airflow"
        self.home = home
        spark_conf = home / "spark-conf"
        spark_conf.mkdir(parents=True)
        # Spark settings of the machine Airflow submits from, as a deployment would keep them.
        (spark_conf / "spark-defaults.conf").write_text(
            "spark.ui.enabled false\nspark.driver.host 127.0.0.1\nspark.sql.session.timeZone UTC\n")
        self.env = spark_env(
            AIRFLOW_HOME=str(home),
            AIRFLOW__CORE__DAGS_FOLDER=str(PROJECT / "airflow" / "dags"),
            AIRFLOW__CORE__LOAD_EXAMPLES="False",
            SPARK_CONF_DIR=str(spark_conf),
            # spark-submit is found on PATH, as on an Airflow worker with Spark installed.
            PATH=f"{SPARK_HOME / 'bin'}{os.pathsep}{os.environ['PATH']}",
            AIRFLOW_VAR_VEIL_JAR=str(veil_jar),
            AIRFLOW_CONN_VEIL_SPARK=json.dumps({"conn_type": "spark", "host": "local[2]"}),
            # The key reaches the job only through this connection and the task's environment.
            AIRFLOW_CONN_VEIL_KEYS=json.dumps(
                {"conn_type": "generic", "extra": {KEY_VARIABLE: TEST_KEY}}),
        )
        self.env.pop(KEY_VARIABLE, None)

    def run(self, *args: str, timeout: float, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([str(self.executable), *args], env={**self.env, **(env or {})}, cwd=self.home,
                              stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              timeout=timeout, check=False)

    def dags_test(self, config: Path, env: dict[str, str] | None = None) -> tuple[subprocess.CompletedProcess, str, float]:
        """Runs the DAG once; returns the process, the new run's task state and seconds taken."""
        before = self.run_ids()
        started = time.monotonic()
        result = self.run("dags", "test", DAG_ID, "-c", json.dumps({"config": str(config)}), timeout=420, env=env)
        seconds = time.monotonic() - started
        (self.home / f"dags-test-{len(before)}.log").write_text(result.stdout + result.stderr)
        [run_id] = self.run_ids() - before
        with sqlite3.connect(self.home / "airflow.db") as db:
            [(state,)] = db.execute("select state from task_instance where dag_id = ? and run_id = ?",
                                    (DAG_ID, run_id)).fetchall()
        return result, state, seconds

    def run_ids(self) -> set[str]:
        with sqlite3.connect(self.home / "airflow.db") as db:
            return {r[0] for r in db.execute("select run_id from dag_run where dag_id = ?", (DAG_ID,))}


@pytest.fixture(scope="module")
def airflow(tmp_path_factory, veil_jar):
    airflow = Airflow(tmp_path_factory.mktemp("airflow-home"), veil_jar)
    if not airflow.executable.exists():
        pytest.fail(f"Airflow is not installed at {airflow.executable} (run through run-python-tests.sh)")
    migrate = airflow.run("db", "migrate", timeout=300)
    assert migrate.returncode == 0, migrate.stdout[-3000:] + migrate.stderr[-3000:]
    return airflow


def job_config(tmp_path: Path, edit=None) -> tuple[Path, Path]:
    output = tmp_path / "anonymized"
    return sample_config(tmp_path, output, key_source=f"env:{KEY_VARIABLE}", edit=edit), output


def test_dag_runs_the_job(airflow, tmp_path):
    config, output = job_config(tmp_path)
    result, state, seconds = airflow.dags_test(config)
    print(f"airflow dags test (success) took {seconds:.1f}s")
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-6000:]
    assert state == "success", log[-6000:]
    for table in TABLES:
        rows = ds.dataset(output / table, format="parquet", partitioning="hive").count_rows()
        assert rows == input_rows(table), table
    assert "Spark-Submit cmd: spark-submit --master local[2]" in log
    key = TEST_KEY
    assert key not in log, "the key reached Airflow's log"
    assert key.encode() not in (airflow.home / "airflow.db").read_bytes(), "the key reached Airflow's database"
    for path in airflow.home.rglob("*.log"):
        assert key not in path.read_text(errors="replace"), path


def test_failed_job_fails_the_task_with_its_exit_code(airflow, tmp_path):
    config, output = job_config(tmp_path, edit=lambda text: text.replace(NOTES_RULE, ""))
    result, state, seconds = airflow.dags_test(config)
    print(f"airflow dags test (failure) took {seconds:.1f}s")
    log = result.stdout + result.stderr
    assert result.returncode != 0, log[-6000:]
    assert state == "failed", log[-6000:]
    assert "Error code is: 3" in log, log[-6000:]
    assert "Veil job failed with exit code 3 (the data does not fit the config)" in log, log[-6000:]
    assert "Unlisted column notes" in log
    assert not output.exists()


# Masters the provider's SparkSubmitHook takes for YARN or Kubernetes although they name neither
# scheme: it tests for "yarn" and "k8s" anywhere in the master, and then turns env_vars into
# --conf arguments on the spark-submit command line (the DAG's guard once looked at the prefix
# only, and the first master got the key on the command line and in the provider's error). The
# first is refused from the hook's own flags; without the Kubernetes provider, as in this venv,
# the hook cannot be built for the second, and the operator refuses because it cannot tell.
@pytest.mark.parametrize("master", ["spark://yarn-gateway:7077", "spark://k8s-master:7077"])
def test_keys_are_refused_for_masters_the_provider_takes_for_yarn_or_kubernetes(airflow, tmp_path, master):
    config, output = job_config(tmp_path)
    host, port = master.rsplit(":", 1)
    spark = json.dumps({"conn_type": "spark", "host": host, "port": int(port)})
    result, state, seconds = airflow.dags_test(config, env={"AIRFLOW_CONN_VEIL_SPARK": spark})
    print(f"airflow dags test ({master}) took {seconds:.1f}s")
    log = result.stdout + result.stderr
    assert state == "failed", log[-6000:]
    decided = (f"Cannot pass keys from connection veil_keys to the {master} master: the provider treats it"
               " as a YARN or Kubernetes master")
    undecided = ("Cannot pass keys from connection veil_keys to the master of connection veil_spark: the"
                 " provider's SparkSubmitHook cannot be built for it")
    assert decided in log or ("k8s" in master and undecided in log), log[-6000:]
    assert "Spark-Submit cmd" not in log, "spark-submit ran: " + log[-6000:]
    assert "appMasterEnv" not in log and "driverEnv" not in log, log[-6000:]
    key = TEST_KEY
    assert key not in log, "the key reached Airflow's log"
    assert not output.exists()
