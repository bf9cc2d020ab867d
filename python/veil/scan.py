"""``veil scan`` from Python: which columns of a table or DataFrame hold personal data."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from pyspark.sql import DataFrame, SparkSession

from veil._session import classic_jvm_session
from veil.errors import raise_for_exit

if TYPE_CHECKING:
    import pandas

TableSource = Union[DataFrame, str, "os.PathLike[str]"]
"""A DataFrame, or a table's path (read as ``format``)."""


def _scan(source: TableSource, sample: int, format: str, key_source: str | None, suggest: bool,
          name: str | None, spark: SparkSession | None) -> tuple[str, str | None]:
    """The findings' JSON and, with ``suggest``, the suggested config's text."""
    session = source.sparkSession if isinstance(source, DataFrame) else spark
    session, jvm, _ = classic_jvm_session(session, "scan a table")
    cli = jvm.io.veil.job.cli.InProcessCli()
    if isinstance(source, DataFrame):
        table = name or "table"
        code = cli.scan(source._jdf, f"CHANGE-ME/input/{table}", sample, key_source, suggest)
        raise_for_exit(int(code), str(cli.errors()))
        text = cli.suggestion()
        return str(cli.output()), None if text is None else str(text)
    args = ["scan", os.fspath(source), "--sample", str(sample), "--format", format, "--json"]
    with tempfile.TemporaryDirectory(prefix="veil-scan-") as directory:
        config = Path(directory) / "suggested.conf"
        if suggest:
            args += ["--suggest", str(config)]
            if key_source is not None:
                args += ["--key-source", key_source]
        code = cli.run(args)
        raise_for_exit(int(code), str(cli.errors()))
        return str(cli.output()), config.read_text(encoding="utf-8") if suggest else None


def scan(source: TableSource, sample: int = 10_000, *, format: str = "parquet",
         spark: SparkSession | None = None) -> pandas.DataFrame:
    """Samples a table and finds the columns (nested fields, array elements, map values) holding
    personal data, as ``veil scan --json``: one row per column with its ``column``, ``type`` (None
    where nothing was found), ``share`` and ``confidence``, and the detectors' ``details``. No
    sampled value is returned. Runs on a classic session (the DataFrame's, or the active one).

    >>> findings = scan(spark.read.parquet(f"{project}/sample-data/customers"), sample=500)
    >>> findings.set_index("column").loc["phone", "type"]
    'phone'
    """
    import pandas as pd

    findings, _ = _scan(source, sample, format, None, False, None, spark)
    parsed: Any = json.loads(findings)
    rows = parsed["columns"] if isinstance(parsed, dict) else parsed
    return pd.DataFrame(rows)


def suggest(source: TableSource, sample: int = 10_000, *, key_source: str | None = None,
            name: str | None = None, format: str = "parquet", spark: SparkSession | None = None) -> str:
    """A job config for the table, as ``veil scan --suggest`` writes it: a rule for every column,
    keyless ops unless ``key_source`` names where the ``pii`` key lives. For a DataFrame the
    input path reads ``CHANGE-ME/input/<name>``: edit it, and the output path, before a run.

    >>> text = suggest(f"{project}/sample-data/customers", sample=500)
    >>> "unlisted-columns = fail" in text and "preset = phone" in text
    True
    """
    _, config = _scan(source, sample, format, key_source, True, name, spark)
    assert config is not None
    return config
