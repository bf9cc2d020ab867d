"""spark-submit of the shaded jar to a standalone cluster: a master and two workers, each its own
JVM, so Veil's operations must serialize to executors and the jar must carry all they need."""

from __future__ import annotations

import json
import re

import pyarrow.dataset as ds

from conftest import TABLES, input_rows, read_report


def test_job_succeeds_on_the_cluster(cluster_run):
    assert cluster_run.returncode == 0, cluster_run.stderr[-4000:]
    print(f"spark-submit to the standalone cluster took {cluster_run.seconds:.1f}s")
    for table in TABLES:
        assert re.search(rf"^{table}\s+published\s", cluster_run.stdout, re.MULTILINE), cluster_run.stdout


def test_executors_on_the_workers_ran_the_tasks(cluster, anonymized):
    logs = cluster.executor_logs()
    assert logs, "no executor was launched on the workers"
    finished = [log for log in logs if re.search(r"Finished task \S+ in stage", log.read_text(errors="replace"))]
    assert finished, f"no executor finished a task: {logs}"
    print(f"{len(finished)} of {len(logs)} executors finished tasks")


def test_rows_out_equal_rows_in(anonymized):
    for table in TABLES:
        rows = ds.dataset(anonymized / table, format="parquet", partitioning="hive").count_rows()
        assert rows == input_rows(table), table
        assert rows >= 1000, table


def test_reports(anonymized, cluster_run):
    for table in TABLES:
        report = read_report(anonymized / table)
        assert report["status"] == "published"
        assert report["rows_in"] == report["rows_out"] == input_rows(table)
        assert report["output"]["path"] == str(anonymized / table)
        keyed = [t for t in report["transformed"] if t.get("key")]
        assert keyed and all(t["key"] == "demo-only-pii" and t["key_version"] == 1 for t in keyed)
    run = json.loads(cluster_run.report.read_text())
    assert [t["table"] for t in run["tables"]] == list(TABLES)
    assert run["config_digest"].startswith("sha256:")


def test_nothing_staged_is_left(anonymized):
    assert sorted(p.name for p in anonymized.iterdir()) == sorted(TABLES)
