"""The `veil` package's tests and doctests on one Spark session: a classic local one, or, with
VEIL_SPARK=connect, a Spark Connect client of a server started here on the loopback (pyspark's
own Spark distribution, Veil's jar, extensions and keys in the server's conf only).

Run by integration-tests/run-python-tests.sh (both modes), or by hand with VEIL_JAR set:
  VEIL_JAR=spark-jobs/target/veil-spark-jobs-<v>-all.jar pytest python [VEIL_SPARK=connect]
"""

from __future__ import annotations

import base64
import datetime
import os
import re
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pyspark
import pytest
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

import veil

MODE = os.environ.get("VEIL_SPARK", "classic")
PROJECT = Path(__file__).resolve().parents[1]
SPARK_HOME = Path(pyspark.__file__).resolve().parent
# Test keys, never the committed demo key: 32 bytes for pii, 64 for pii_siv (the doctests' keys).
KEYS = {"pii": bytes(range(32)), "pii_siv": bytes(range(64))}
# Modules whose doctests need the driver's JVM (a classic session).
CLASSIC_ONLY_DOCTESTS = ("veil.job", "veil.scan", "veil._session")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    skip = pytest.mark.skip(reason="needs a classic session (the driver's JVM)")
    for item in items:
        classic = item.get_closest_marker("classic") is not None
        doctest = item.nodeid.split("::")[-1]
        if MODE == "connect" and (classic or doctest.startswith(CLASSIC_ONLY_DOCTESTS)):
            item.add_marker(skip)
        if MODE != "connect" and item.get_closest_marker("connect") is not None:
            item.add_marker(pytest.mark.skip(reason="runs with VEIL_SPARK=connect"))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "classic: needs a classic session")
    config.addinivalue_line("markers", "connect: runs only from a Spark Connect client")


@pytest.fixture(scope="session")
def key_sources(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    directory = tmp_path_factory.mktemp("keys")
    sources = {}
    for name, material in KEYS.items():
        path = directory / f"{name}.key"
        path.write_text(base64.b64encode(material).decode() + "\n", encoding="utf-8")
        path.chmod(0o600)
        sources[name] = f"file:{path}"
    return sources


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ConnectServer:
    """Spark Connect's server from pyspark's distribution, on the loopback, with Veil's conf."""

    def __init__(self, directory: Path, conf: dict[str, str]) -> None:
        self.directory = directory
        self.conf = conf
        self.port = free_port()
        self.log = directory / "connect-server.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = [str(SPARK_HOME / "bin" / "spark-submit"),
                   "--class", "org.apache.spark.sql.connect.service.SparkConnectServer",
                   "--master", "local[2]", "--name", "veil-connect-test"]
        conf = dict(self.conf)
        conf.update({
            "spark.connect.grpc.binding.address": "127.0.0.1",
            "spark.connect.grpc.binding.port": str(self.port),
            "spark.driver.host": "127.0.0.1",
            "spark.driver.bindAddress": "127.0.0.1",
            "spark.ui.enabled": "false",
            "spark.sql.session.timeZone": "UTC",
        })
        for key, value in conf.items():
            command += ["--conf", f"{key}={value}"]
        command.append("spark-internal")
        env = dict(os.environ, SPARK_HOME=str(SPARK_HOME), SPARK_LOCAL_IP="127.0.0.1",
                   SPARK_LOCAL_HOSTNAME="127.0.0.1")
        env.pop("SPARK_CONNECT_MODE_ENABLED", None)
        with open(self.log, "wb") as out:
            self.process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL, env=env, start_new_session=True)
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            text = self.log.read_text(encoding="utf-8", errors="replace")
            if re.search(r"Spark Connect server started", text):
                return
            if self.process.poll() is not None:
                pytest.fail(f"the Spark Connect server exited with {self.process.returncode}:\n{text[-4000:]}")
            time.sleep(0.5)
        self.stop()
        pytest.fail(f"the Spark Connect server did not start in 180 s:\n{self.log.read_text()[-4000:]}")

    def stop(self) -> None:
        process = self.process
        if process is None or process.poll() is not None:
            return
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(process.pid, sig)
            except ProcessLookupError:
                return
            try:
                process.wait(timeout=30)
                return
            except subprocess.TimeoutExpired:
                continue


@pytest.fixture(scope="session")
def connect_server(tmp_path_factory: pytest.TempPathFactory,
                   key_sources: dict[str, str]) -> Iterator[ConnectServer]:
    server = ConnectServer(tmp_path_factory.mktemp("connect"), veil.spark_conf(key_sources))
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def spark(request: pytest.FixtureRequest, key_sources: dict[str, str]) -> Iterator[SparkSession]:
    if MODE == "connect":
        server: ConnectServer = request.getfixturevalue("connect_server")
        # The client names no jar, extension or key: the server has them.
        session = SparkSession.builder.remote(f"sc://127.0.0.1:{server.port}").getOrCreate()
    else:
        builder = (SparkSession.builder.master("local[2]").appName("veil-python-tests")
                   .config("spark.ui.enabled", "false")
                   .config("spark.driver.host", "127.0.0.1")
                   .config("spark.sql.session.timeZone", "UTC"))
        session = veil.configure(builder, keys=key_sources).getOrCreate()
        session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(autouse=True)
def _doctest_globals(doctest_namespace: dict[str, object], spark: SparkSession) -> None:
    doctest_namespace.update(spark=spark, one=spark.range(1), F=F, datetime=datetime,
                             project=str(PROJECT))
