"""Veil for PySpark: anonymizing SQL functions, the batch job, and the PII scan.

>>> import veil
>>> spark = veil.configure(SparkSession.builder, keys={"pii": "env:VEIL_KEY_PII"}).getOrCreate()  # doctest: +SKIP
>>> from veil.functions import veil_mask, veil_pseudonym
>>> spark.read.parquet("sample-data/customers").select(veil_mask("phone", 3, 4)).show()  # doctest: +SKIP

- `veil.functions`: one Python function per ``veil_*`` SQL function, for classic sessions and
  Spark Connect clients alike.
- `configure`, `install`, `spark_conf`: Veil's jar (inside this package),
  extensions and keys on a session, a builder or a Connect server.
- `Job`: check, plan and run a HOCON job on a classic session.
- `scan`, `suggest`: the columns holding personal data, and a job config for them.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from veil import functions
from veil._session import configure, install, jar_path, spark_conf
from veil.errors import ConfigError, DataMismatch, VeilError, VerificationFailed
from veil.job import ColumnPlan, Job, RunReport, TablePlan
from veil.scan import scan, suggest

try:
    __version__ = version("veil-spark")
except PackageNotFoundError:  # imported from a source checkout
    __version__ = "0+unknown"

__all__ = [
    "ColumnPlan",
    "ConfigError",
    "DataMismatch",
    "Job",
    "RunReport",
    "TablePlan",
    "VeilError",
    "VerificationFailed",
    "configure",
    "functions",
    "install",
    "jar_path",
    "scan",
    "spark_conf",
    "suggest",
]
