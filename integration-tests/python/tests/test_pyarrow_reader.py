"""The anonymized output read as a training pipeline reads it: pyarrow, no Spark."""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from conftest import TEST_KEY, input_rows

SPARK_SCHEMA_KEY = b"org.apache.spark.sql.parquet.row.metadata"


def spark_fields(path) -> dict[str, dict]:
    """Spark's schema JSON, which Spark writes into every Parquet footer, by field name."""
    metadata = pq.read_schema(path).metadata
    return {f["name"]: f for f in json.loads(metadata[SPARK_SCHEMA_KEY])["fields"]}


def test_types_survive(anonymized):
    table = pq.read_table(anonymized / "customers")
    assert table.num_rows == input_rows("customers")
    schema = table.schema
    assert schema.field("birth_date").type == pa.date32()
    assert schema.field("salary").type == pa.int32()
    assert schema.field("email").type == pa.string()
    assert schema.field("customer_id").type == pa.int64()
    assert pa.types.is_timestamp(schema.field("signup_ts").type)
    assert pa.types.is_struct(schema.field("address").type)
    assert pa.types.is_string(schema.field("notes").type)  # redacted by the job, not dropped
    dates = table.column("birth_date").drop_null().to_pylist()
    assert dates and all(d.month == 1 and d.day == 1 for d in dates)  # truncated to the year
    assert all(s % 1000 == 0 for s in table.column("salary").drop_null().to_pylist())


def test_veil_metadata_in_the_footer(anonymized):
    files = ds.dataset(anonymized / "customers", format="parquet", partitioning="hive").files
    fields = spark_fields(files[0])
    email = fields["email"]["metadata"]["veil"]
    assert email["format"] == 1
    [transform] = email["transforms"]
    assert transform["op"] == "replace" and transform["with"] == "pseudonym"
    assert transform["key"] == "demo-only-pii" and transform["key_version"] == 1
    assert transform["original_type"] == transform["result_type"] == "string"
    birth = fields["birth_date"]["metadata"]["veil"]["transforms"][0]
    assert birth["op"] == "truncate" and birth["original_type"] == "date"
    for kept in ("customer_id", "tags"):
        assert "veil" not in fields[kept]["metadata"], kept
    # No key material anywhere in the footer.
    footer = pq.read_schema(files[0]).metadata[SPARK_SCHEMA_KEY].decode()
    assert TEST_KEY not in footer


def test_orders_metadata(anonymized):
    fields = spark_fields(next((anonymized / "orders").glob("*.parquet")))
    assert fields["email"]["metadata"]["veil"]["transforms"][0]["key"] == "demo-only-pii"
    assert "veil" not in fields["order_id"]["metadata"]


def test_dataset_discovery_skips_the_report(anonymized):
    for table in ("customers", "orders"):
        directory = anonymized / table
        assert (directory / "_veil_report.json").is_file()
        dataset = ds.dataset(directory, format="parquet", partitioning="hive")
        assert dataset.files and all(f.endswith(".parquet") for f in dataset.files), dataset.files
        assert dataset.count_rows() == input_rows(table)
