"""Shared fixtures: the repository, the shaded jar, pyspark's Spark distribution, job configs,
and one Spark standalone cluster (a master and two workers) for the whole session."""

from __future__ import annotations

import base64
import json
import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pyarrow.dataset as ds
import pyspark
import pytest

PROJECT = Path(os.environ.get("VEIL_PROJECT_DIR", Path(__file__).resolve().parents[3]))
SPARK_HOME = Path(pyspark.__file__).resolve().parent
# A stand-in for conf/demo-keys/demo-only-pii.key (64 bytes): Veil refuses the committed demo keys
# in any config outside the repository's own conf/, and the tests write their configs elsewhere.
TEST_KEY = base64.b64encode(bytes(range(100, 164))).decode()
TABLES = ("customers", "orders")


@pytest.fixture(scope="session")
def veil_jar() -> Path:
    jar = Path(os.environ.get("VEIL_JAR", ""))
    if not jar.is_file():
        pytest.fail("VEIL_JAR must name the shaded jar (run through run-python-tests.sh)")
    return jar


def spark_env(**extra: str) -> dict[str, str]:
    """The environment every Spark process gets: loopback only, pyspark's Spark, quiet UI."""
    env = dict(os.environ)
    env.update(SPARK_HOME=str(SPARK_HOME), SPARK_LOCAL_IP="127.0.0.1", SPARK_LOCAL_HOSTNAME="127.0.0.1")
    env.update(extra)
    return env


def sample_config(directory: Path, output_dir: Path, *, key_source: str | None = None, edit=None) -> Path:
    """conf/sample.conf with absolute inputs and key file, and outputs under output_dir."""
    text = (PROJECT / "conf" / "sample.conf").read_text(encoding="utf-8")
    text = text.replace('"sample-data/', f'"{PROJECT / "sample-data"}/')
    directory.mkdir(parents=True, exist_ok=True)
    key = directory / "test-pii.key"
    key.write_text(TEST_KEY + "\n", encoding="utf-8")
    key.chmod(0o600)
    text = text.replace('"file:conf/demo-keys/demo-only-pii.key"', f'"file:{key}"')
    text = text.replace('"target/anonymized/', f'"{output_dir}/')
    if key_source is not None:
        text = re.sub(r'source = "file:[^"]*"', f'source = "{key_source}"', text)
    if edit is not None:
        text = edit(text)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "job.conf"
    path.write_text(text, encoding="utf-8")
    return path


def input_rows(table: str) -> int:
    return ds.dataset(PROJECT / "sample-data" / table, format="parquet", partitioning="hive").count_rows()


def read_report(table_dir: Path) -> dict:
    return json.loads((table_dir / "_veil_report.json").read_text(encoding="utf-8"))


def stop(process: subprocess.Popen, timeout: float = 20) -> None:
    """SIGTERM the process's group (its own session), then SIGKILL if it lingers."""
    if process.poll() is not None:
        return
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=timeout)
            return
        except subprocess.TimeoutExpired:
            continue


def wait_for_log(log: Path, pattern: str, *, count: int = 1, timeout: float, process: subprocess.Popen):
    """The first `count` matches of pattern in a growing log file, or a failure with the log."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        found = re.findall(pattern, text)
        if len(found) >= count:
            return found
        if process.poll() is not None:
            pytest.fail(f"{log.name}: process exited with {process.returncode}\n{text[-4000:]}")
        time.sleep(0.5)
    pytest.fail(f"{log.name}: no {count} x {pattern!r} within {timeout}s\n{log.read_text(errors='replace')[-4000:]}")


class StandaloneCluster:
    def __init__(self, directory: Path):
        self.directory = directory
        self.processes: list[subprocess.Popen] = []
        self.master_url = ""
        self.worker_dirs: list[Path] = []

    def _start(self, name: str, *args: str) -> tuple[subprocess.Popen, Path]:
        log = self.directory / f"{name}.log"
        with open(log, "wb") as out:
            # A session of its own, so stop() can signal the daemon and the executors it forks.
            process = subprocess.Popen(
                [str(SPARK_HOME / "bin" / "spark-class"), *args],
                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                env=spark_env(SPARK_DAEMON_MEMORY="256m", SPARK_CONF_DIR=str(self.directory / "conf")),
                start_new_session=True)
        self.processes.append(process)
        return process, log

    def start(self) -> None:
        (self.directory / "conf").mkdir(parents=True, exist_ok=True)
        # Port 0: the OS picks free ports, read back from the logs (no race for a "free" port).
        master, log = self._start("master", "org.apache.spark.deploy.master.Master",
                                  "--host", "127.0.0.1", "--port", "0", "--webui-port", "0")
        self.master_url = wait_for_log(log, r"Starting Spark master at (spark://127\.0\.0\.1:\d+)",
                                       timeout=90, process=master)[0]
        for i in (1, 2):
            work = self.directory / f"worker{i}"
            work.mkdir()
            self.worker_dirs.append(work)
            self._start(f"worker{i}", "org.apache.spark.deploy.worker.Worker",
                        "--host", "127.0.0.1", "--port", "0", "--webui-port", "0",
                        "--cores", "1", "--memory", "1g", "--work-dir", str(work), self.master_url)
        wait_for_log(log, r"Registering worker 127\.0\.0\.1:\d+", count=2, timeout=90, process=master)

    def stop(self) -> None:
        for process in reversed(self.processes):  # workers (and their executors) first
            stop(process)

    def executor_logs(self) -> list[Path]:
        return sorted(p for work in self.worker_dirs for p in work.glob("app-*/*/stderr"))


@pytest.fixture(scope="session")
def cluster(tmp_path_factory):
    cluster = StandaloneCluster(tmp_path_factory.mktemp("standalone"))
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()
        # The cluster's logs stay under pytest's base temp (target/pytest-tmp) for a post-mortem.


def spark_submit(veil_jar: Path, master: str, *args: str, conf: dict[str, str] | None = None,
                 timeout: float = 300) -> subprocess.CompletedProcess:
    command = [str(SPARK_HOME / "bin" / "spark-submit"), "--master", master,
               "--class", "io.veil.job.Main",
               "--conf", "spark.ui.enabled=false",
               "--conf", "spark.driver.host=127.0.0.1",
               "--conf", "spark.sql.session.timeZone=UTC"]
    for key, value in (conf or {}).items():
        command += ["--conf", f"{key}={value}"]
    command += [str(veil_jar), *args]
    return subprocess.run(command, env=spark_env(), stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=timeout, check=False)


@pytest.fixture(scope="session")
def cluster_run(cluster, veil_jar, tmp_path_factory):
    """conf/sample.conf run once on the standalone cluster; its output feeds several tests."""
    directory = tmp_path_factory.mktemp("cluster-run")
    output = directory / "anonymized"
    config = sample_config(directory, output)
    started = time.monotonic()
    result = spark_submit(
        veil_jar, cluster.master_url, "run", str(config), "--report", str(directory / "report.json"),
        conf={
            "spark.executor.memory": "768m",
            "spark.executor.cores": "1",
            "spark.cores.max": "2",
            # Schedule only once both executors are up, so both workers take part.
            "spark.scheduler.minRegisteredResourcesRatio": "1.0",
            "spark.scheduler.maxRegisteredResourcesWaitingTime": "60s",
        })
    result.seconds = time.monotonic() - started
    (directory / "spark-submit.log").write_text(result.stdout + result.stderr, encoding="utf-8")
    result.output = output
    result.report = directory / "report.json"
    return result


@pytest.fixture(scope="session")
def anonymized(cluster_run) -> Path:
    """The anonymized tables' parent directory, once the cluster run succeeded."""
    if cluster_run.returncode != 0:
        pytest.fail(f"the cluster run failed with exit {cluster_run.returncode}:\n{cluster_run.stderr[-4000:]}")
    return cluster_run.output
