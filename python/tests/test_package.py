"""The package itself: its type hints, its errors, and Connect sessions told what needs a JVM."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pyspark.sql import SparkSession

import veil
from veil.errors import raise_for_exit

PACKAGE = Path(veil.__file__).resolve().parent


def test_mypy_strict_passes_on_the_package() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(PACKAGE)],
                            capture_output=True, text=True, check=False,
                            cwd=PACKAGE.parent)
    assert result.returncode == 0, result.stdout + result.stderr


def test_exit_codes_become_exceptions_with_the_message() -> None:
    for code, kind in [(1, veil.VeilError), (2, veil.ConfigError), (3, veil.DataMismatch),
                       (4, veil.VerificationFailed)]:
        with pytest.raises(kind) as e:
            raise_for_exit(code, "[veil] customers writing 10 rows 1.0s\nveil: Cannot do it: because\n")
        assert e.value.message == "Cannot do it: because" and e.value.exit_code == code
        assert type(e.value) is kind
    raise_for_exit(0, "")


def test_configure_keeps_jars_and_extensions_already_set() -> None:
    builder = SparkSession.builder.config("spark.jars", "/x.jar").config("spark.sql.extensions", "a.B")
    if os.environ.get("VEIL_SPARK") == "connect":
        pytest.skip("a Connect client's builder is refused, tested below")
    options = veil.configure(builder, keys={"pii": "env:K"})._options  # type: ignore[attr-defined]
    assert options["spark.jars"] == f"/x.jar,{veil.jar_path()}"
    assert options["spark.sql.extensions"] == "a.B,io.veil.spark.sql.VeilExtensions"
    assert options["spark.veil.keys.pii"] == "env:K"


@pytest.mark.connect
def test_connect_sessions_are_told_what_runs_only_in_the_driver(spark: SparkSession, tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="Spark Connect"):
        veil.Job({"tables": []}, spark=spark).check()
    with pytest.raises(RuntimeError, match="Spark Connect"):
        veil.scan(spark.range(3))
    with pytest.raises(ValueError, match="Spark Connect"):
        veil.configure(SparkSession.builder.remote("sc://127.0.0.1:1"))
    veil.install(spark)  # the server has Veil: nothing to do


@pytest.mark.classic
def test_install_on_an_existing_session_is_harmless(spark: SparkSession) -> None:
    veil.install(spark)
    veil.install(spark)
    assert spark.sql("SELECT veil_mask('13812345678', 3, 4)").first()[0] == "138****5678"


QUICK_START = """
import veil
from pyspark.sql import SparkSession
from veil.functions import veil_mask, veil_mask_email
spark = veil.configure(SparkSession.builder.master("local[1]")).getOrCreate()
customers = spark.read.parquet("sample-data/customers")
row = customers.select(veil_mask("phone", 3, 4).alias("phone"), veil_mask_email("email").alias("email")).first()
print(veil.__version__, veil.jar_path().name, row.phone, row.email)
"""


@pytest.mark.classic
@pytest.mark.skipif("VEIL_WHEEL" not in os.environ, reason="run-python-tests.sh builds and installs the wheel")
def test_the_installed_wheel_has_the_jar_and_runs_the_quick_start(tmp_path: Path) -> None:
    import re
    import zipfile

    wheel = Path(os.environ["VEIL_WHEEL"])
    names = zipfile.ZipFile(wheel).namelist()
    pom = (Path(__file__).resolve().parents[2] / "pom.xml").read_text(encoding="utf-8")
    maven = re.search(r"<artifactId>veil-parent</artifactId>\s*<version>([^<]+)</version>", pom)
    assert maven is not None
    assert f"veil/jars/veil-spark-jobs-{maven.group(1)}-all.jar" in names
    assert "veil/py.typed" in names and "veil/functions.py" in names
    # The installed package, not this checkout's: another working directory, no VEIL_JAR.
    env = {k: v for k, v in os.environ.items()
           if k not in ("VEIL_JAR", "PYTHONPATH", "SPARK_CONNECT_MODE_ENABLED")}
    project = Path(__file__).resolve().parents[2]
    (tmp_path / "sample-data").symlink_to(project / "sample-data")
    result = subprocess.run([sys.executable, "-c", QUICK_START], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    version, jar, phone, email = result.stdout.split()[-4:]
    assert version == maven.group(1).replace("-SNAPSHOT", ".dev0")
    assert jar == f"veil-spark-jobs-{maven.group(1)}-all.jar"
    assert "****" in phone and "@" in email and "*" in email


INSTALL_LATE = """
import veil
from pyspark.sql import SparkSession
spark = SparkSession.builder.master("local[1]").config("spark.ui.enabled", "false").getOrCreate()
veil.install(spark)
print(spark.sql("SELECT veil_mask('13812345678', 3, 4)").first()[0])
"""


@pytest.mark.classic
def test_install_adds_the_jar_to_a_session_started_without_it(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SPARK_CONNECT_MODE_ENABLED"}
    env["PYTHONPATH"] = str(PACKAGE.parent)
    result = subprocess.run([sys.executable, "-c", INSTALL_LATE], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.split()[-1] == "138****5678"
