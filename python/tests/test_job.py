"""veil.Job: check, plan and run conf/sample.conf (with a test key) on the classic session."""

from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Any

import pytest
from pyspark.sql import SparkSession

import veil

pytestmark = pytest.mark.classic
PROJECT = Path(__file__).resolve().parents[2]
SAMPLE = PROJECT / "sample-data"


def sample_job(directory: Path) -> Path:
    """conf/sample.conf with absolute inputs, a test key (never the demo key) and outputs in directory."""
    text = (PROJECT / "conf" / "sample.conf").read_text(encoding="utf-8")
    text = text.replace('"sample-data/', f'"{SAMPLE}/')
    key = directory / "test-pii.key"
    key.write_text(base64.b64encode(bytes(range(100, 164))).decode() + "\n", encoding="utf-8")
    key.chmod(0o600)
    text = text.replace('"file:conf/demo-keys/demo-only-pii.key"', f'"file:{key}"')
    text = text.replace('"target/anonymized/', f'"{directory}/anonymized/')
    path = directory / "job.conf"
    path.write_text(text, encoding="utf-8")
    return path


def customers_only(output: Path, **table: Any) -> dict[str, Any]:
    entry = {"name": "customers", "input": {"path": str(SAMPLE / "customers")},
             "output": {"path": str(output)}, "unlisted-columns": "keep",
             "columns": {"phone": {"op": "mask", "preset": "phone"}}}
    entry.update(table)
    return {"tables": [entry]}


def test_check_plan_and_run_the_sample_job(spark: SparkSession, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    job = veil.Job(sample_job(tmp_path))
    assert "is valid" in job.check()
    plans = job.plan()
    assert [p.table for p in plans] == ["customers", "orders"]
    customers = plans[0]
    phone = next(c for c in customers.columns if c.path == "phone")
    assert (phone.op, phone.from_type, phone.to_type) == ("mask", "string", "string")
    assert "country" in customers.kept and customers.output["path"].endswith("anonymized/customers")
    assert not (tmp_path / "anonymized").exists()  # a plan writes nothing

    report = job.run()
    assert isinstance(report, dict) and report["status"] == "succeeded"
    assert [t["table"] for t in report["tables"]] == ["customers", "orders"]
    page = report._repr_html_()
    assert "<table>" in page and "<td>customers</td>" in page
    rows = spark.read.parquet(str(SAMPLE / "customers")).count()
    assert report["tables"][0]["rows_out"] == rows and f"<td>{rows:,}</td>" in page
    assert re.search(r"\[veil\] customers\s+published", capsys.readouterr().err)  # progress lines
    masked = spark.read.parquet(str(tmp_path / "anonymized" / "customers")).select("phone").first()
    assert masked is not None and "*" in masked.phone
    assert spark.conf.get("spark.sql.caseSensitive") == "false"  # the session's value, put back


def test_a_job_from_a_dict_runs_one_table(spark: SparkSession, tmp_path: Path) -> None:
    report = veil.Job(customers_only(tmp_path / "out")).run(progress=False)
    assert report["status"] == "succeeded"
    assert spark.read.parquet(str(tmp_path / "out")).count() == spark.read.parquet(str(SAMPLE / "customers")).count()


def test_an_invalid_config_raises_config_error_with_its_message(tmp_path: Path) -> None:
    job = veil.Job(customers_only(tmp_path / "out", columns={"phone": {"op": "scramble"}}))
    with pytest.raises(veil.ConfigError) as e:
        job.check()
    assert e.value.exit_code == 2 and "scramble" in e.value.message
    assert not (tmp_path / "out").exists()


def test_data_that_does_not_fit_raises_data_mismatch(tmp_path: Path) -> None:
    job = veil.Job(customers_only(tmp_path / "out", **{"unlisted-columns": "fail"}))
    with pytest.raises(veil.DataMismatch) as e:
        job.run(progress=False)
    assert e.value.exit_code == 3 and "customers" in str(e.value)
    assert not (tmp_path / "out").exists()


def test_a_failed_verification_raises_verification_failed(tmp_path: Path) -> None:
    job = veil.Job(customers_only(tmp_path / "out", **{"quasi-identifiers": ["customer_id"], "k": 5}))
    with pytest.raises(veil.VerificationFailed) as e:
        job.run(progress=False)
    assert e.value.exit_code == 4
    assert e.value.report is not None and e.value.report["status"] == "failed"
    assert not (tmp_path / "out").exists()


def test_unknown_table_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(veil.ConfigError, match="Unknown table nope"):
        veil.Job(sample_job(tmp_path)).plan(table="nope")


def test_progress_uses_tqdm_when_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    import types

    from veil.job import _progress_display

    calls: list[tuple[str, Any]] = []

    class FakeBar:
        def __init__(self, **options: Any) -> None:
            calls.append(("open", options.get("unit")))

        def update(self, n: int) -> None:
            calls.append(("update", n))

        def set_postfix_str(self, text: str) -> None:
            calls.append(("postfix", text))

        def set_description(self, text: str) -> None:
            pass

        def close(self) -> None:
            calls.append(("close", None))

    auto = types.ModuleType("tqdm.auto")
    auto.tqdm = FakeBar  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "tqdm", types.ModuleType("tqdm"))
    monkeypatch.setitem(sys.modules, "tqdm.auto", auto)
    show = _progress_display()
    show("[veil] customers            writing                 2,000 rows      3.1s")
    show("[veil] customers            published               2,000 rows      4.0s")
    show("")
    assert calls[0] == ("open", "table")
    assert ("update", 1) in calls and calls[-1] == ("close", None)
    assert calls.count(("update", 1)) == 1
