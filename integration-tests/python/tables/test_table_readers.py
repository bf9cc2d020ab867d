"""Veil's Iceberg and Delta outputs read back without Spark (issue 24): pyiceberg opens the Iceberg
table from its metadata file, delta-rs (the deltalake package) opens the Delta table from its
path, and both must give the rows and values Spark reads from the same tables.

One Veil run through spark-submit (pyspark's distribution, the shaded jar, Iceberg's and Delta's
runtimes with the jars option, as docs/iceberg.md and docs/delta.md show with the packages option)
writes the sample customers twice: to an Iceberg table in a Hadoop catalog on the local disk and
to a Delta table in the session catalog's warehouse. A second spark-submit (spark_view.py) exports
what Spark reads from each as Parquet. Run by run-python-tests.sh (suite `tables`), which sets:
VEIL_JAR, VEIL_PROJECT_DIR, VEIL_SPARK_VENV (the pyspark venv) and VEIL_TABLE_JARS.
"""
from __future__ import annotations

import base64
import json
import os
import subprocess
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from deltalake import DeltaTable
from pyiceberg.table import StaticTable

HERE = Path(__file__).resolve().parent
PROJECT = Path(os.environ.get("VEIL_PROJECT_DIR", HERE.parents[2]))
SPARK_VENV = Path(os.environ.get("VEIL_SPARK_VENV", PROJECT / "integration-tests/target/venv"))
TEST_KEY = base64.b64encode(bytes(range(100, 164))).decode()  # test-only, 64 bytes

# conf/sample.conf's rules for customers: every kind of column (struct, array of structs, map,
# timestamp, date, numbers) goes through both formats.
COLUMNS = """
      columns {
        customer_id { op = keep }
        name        { op = mask, upper = "X", lower = "x", letter = "X" }
        email       { op = replace, with = pseudonym, key = pii, prefix = "user_" }
        phone       { op = mask, preset = phone }
        id_card     { op = mask, preset = id-card }
        birth_date  { op = truncate, unit = year }
        signup_ts   { op = shift, key = pii, by = customer_id, max-days = 180 }
        salary      { op = noise, key = pii, scale = 2000, round-to = 1000, min = 0 }
        card_number { op = mask, preset = card }
        ip_address  { op = replace, with = regex, pattern = "\\\\.\\\\d+$", replacement = ".0" }
        address {
          street   { op = replace, with = constant, value = "(redacted)" }
          city     = keep
          postcode { op = generalize, keep-first = 3 }
        }
        notes       { op = redact }
        "contacts[].kind"  = keep
        "contacts[].phone" { op = mask, keep-first = 3, keep-last = 2 }
        tags        = keep
        attributes  { op = replace, with = null }
        country     = keep
      }
"""


def env_path(name: str) -> Path:
    value = os.environ.get(name)
    if not value:
        pytest.fail(f"{name} must be set (run through run-python-tests.sh)")
    return Path(value)


def spark_home() -> Path:
    found = subprocess.run(
        [str(SPARK_VENV / "bin" / "python"), "-c", "import pyspark, os; print(os.path.dirname(pyspark.__file__))"],
        capture_output=True, text=True, check=True)
    return Path(found.stdout.strip())


def spark_submit(directory: Path, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    jars = os.environ.get("VEIL_TABLE_JARS", "")
    if not jars:
        pytest.fail("VEIL_TABLE_JARS must list Iceberg's and Delta's jars (run-python-tests.sh)")
    home = spark_home()
    command = [
        str(home / "bin" / "spark-submit"), "--master", "local[2]", "--jars", jars,
        "--driver-memory", "1g",
        "--conf", "spark.ui.enabled=false",
        "--conf", "spark.driver.host=127.0.0.1",
        "--conf", "spark.sql.session.timeZone=UTC",
        "--conf", "spark.sql.extensions=org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions,"
                  "io.delta.sql.DeltaSparkSessionExtension",
        "--conf", "spark.sql.catalog.spark_catalog=org.apache.spark.sql.delta.catalog.DeltaCatalog",
        "--conf", "spark.sql.catalog.lake=org.apache.iceberg.spark.SparkCatalog",
        "--conf", "spark.sql.catalog.lake.type=hadoop",
        "--conf", f"spark.sql.catalog.lake.warehouse={directory / 'iceberg'}",
        "--conf", f"spark.sql.warehouse.dir={directory / 'warehouse'}",
        *args,
    ]
    env = dict(os.environ, SPARK_HOME=str(home), SPARK_LOCAL_IP="127.0.0.1",
               PYSPARK_PYTHON=str(SPARK_VENV / "bin" / "python"))
    env.pop("PYTHONPATH", None)
    result = subprocess.run(command, cwd=directory, env=env, stdin=subprocess.DEVNULL,
                            capture_output=True, text=True, timeout=timeout, check=False)
    assert result.returncode == 0, f"spark-submit {args[-3:]} exited {result.returncode}\n{result.stderr[-6000:]}"
    return result


@pytest.fixture(scope="module")
def tables(tmp_path_factory) -> dict[str, Path]:
    directory = tmp_path_factory.mktemp("tables")
    key = directory / "pii.key"
    key.write_text(TEST_KEY + "\n", encoding="utf-8")
    key.chmod(0o600)
    source = PROJECT / "sample-data" / "customers"
    blocks = []
    for name, output in (("customers_iceberg", 'table = "lake.anon.customers", format = iceberg'),
                         ("customers_delta", 'table = "customers_delta", format = delta')):
        blocks.append(
            f"    {{\n      name = {name}\n"
            f'      input {{ path = "{source}", format = parquet }}\n'
            f"      output {{ {output}, mode = overwrite }}\n" + COLUMNS + "    }")
    job = directory / "job.conf"
    job.write_text(
        "veil {\n"
        f'  keys {{ pii {{ versions = [{{ version = 1, source = "file:{key}" }}], primary = 1 }} }}\n'
        "  tables = [\n" + ",\n".join(blocks) + "\n  ]\n}\n", encoding="utf-8")
    spark_submit(directory, "--class", "io.veil.job.Main", str(env_path("VEIL_JAR")), "run", str(job))
    locations = {"iceberg": directory / "iceberg" / "anon" / "customers",
                 "delta": directory / "warehouse" / "customers_delta"}
    for location in locations.values():
        assert location.is_dir(), f"no table at {location}"
    spark_submit(directory, str(HERE / "spark_view.py"), str(locations["iceberg"]),
                 str(locations["delta"]), str(directory / "spark-view"))
    return {**locations, "spark-view": directory / "spark-view"}


def spark_rows(tables, name: str) -> pa.Table:
    return pq.read_table(tables["spark-view"] / name)


def rows(table: pa.Table) -> list[dict]:
    """The rows as Python values, in customer_id order: the comparison is of values, not of Arrow
    types (pyiceberg reads strings as large_string, for example)."""
    return table.sort_by("customer_id").to_pylist()


def iceberg_metadata(location: Path) -> Path:
    """The table's current metadata file, as a Hadoop catalog names it (version-hint.text)."""
    version = (location / "metadata" / "version-hint.text").read_text(encoding="utf-8").strip()
    return location / "metadata" / f"v{version}.metadata.json"


def test_iceberg_reads_back_with_pyiceberg(tables):
    metadata = iceberg_metadata(tables["iceberg"])
    table = StaticTable.from_metadata(str(metadata))
    ours = table.scan().to_arrow()
    spark = spark_rows(tables, "iceberg")
    assert ours.column_names == spark.column_names
    assert ours.num_rows == spark.num_rows > 0
    assert rows(ours) == rows(spark)
    # What Veil committed with the data: its properties, and the column docs.
    properties = table.properties
    assert properties.get("veil.run-id") and properties.get("veil.config-digest")
    assert json.loads(properties["veil.report"])
    docs = {f.name: f.doc for f in table.schema().fields}
    assert docs["email"] and "pseudonym" in docs["email"], docs
    assert not docs["customer_id"], docs
    assert TEST_KEY not in metadata.read_text(encoding="utf-8")


def test_delta_reads_back_with_deltalake(tables):
    table = DeltaTable(str(tables["delta"]))
    ours = table.to_pyarrow_table()
    spark = spark_rows(tables, "delta")
    assert sorted(ours.column_names) == sorted(spark.column_names)
    ours = ours.select(spark.column_names)
    assert ours.num_rows == spark.num_rows > 0
    assert rows(ours) == rows(spark)
    configuration = table.metadata().configuration
    assert configuration.get("veil.run-id") and configuration.get("veil.config-digest")


def test_both_formats_hold_the_same_rows(tables):
    """One run, one config, two formats: the same anonymized values (keyed, deterministic)."""
    iceberg = spark_rows(tables, "iceberg")
    delta = spark_rows(tables, "delta").select(iceberg.column_names)
    assert rows(iceberg) == rows(delta)
    emails = pc.unique(iceberg.column("email").drop_null()).to_pylist()
    assert emails and all(e.startswith("user_") for e in emails)
