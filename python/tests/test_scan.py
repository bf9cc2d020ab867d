"""veil.scan and veil.suggest on the classic session."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyspark.sql import SparkSession

import veil

pytestmark = pytest.mark.classic
CUSTOMERS = Path(__file__).resolve().parents[2] / "sample-data" / "customers"


def test_scan_a_path_gives_a_pandas_dataframe_of_findings() -> None:
    findings = veil.scan(str(CUSTOMERS), sample=500)
    assert {"column", "type", "share", "confidence"} <= set(findings.columns)
    by_column = findings.set_index("column")
    assert by_column.loc["phone", "type"] == "phone"
    assert by_column.loc["email", "type"] == "email"
    assert by_column.loc["customer_id", "type"] is None


def test_scan_a_dataframe(spark: SparkSession) -> None:
    df = spark.read.parquet(str(CUSTOMERS)).select("email", "phone", "country")
    findings = veil.scan(df, sample=300).set_index("column")
    assert list(findings.index) == ["email", "phone", "country"]
    assert findings.loc["email", "type"] == "email"


def test_suggest_gives_a_config_that_checks(tmp_path: Path, spark: SparkSession) -> None:
    text = veil.suggest(CUSTOMERS, sample=500, key_source="env:VEIL_KEY_PII_V1")
    assert "with = pseudonym" in text and "CHANGE-ME/anonymized/customers" in text
    df_text = veil.suggest(spark.read.parquet(str(CUSTOMERS)).select("email"), sample=200, name="people")
    assert "CHANGE-ME/input/people" in df_text and "preset = email" in df_text


def test_scan_of_a_missing_table_raises(tmp_path: Path) -> None:
    with pytest.raises(veil.VeilError) as e:
        veil.scan(str(tmp_path / "nothing"))
    assert "nothing" in str(e.value)
