"""Veil's batch job from Python: check, plan and run a HOCON job on the current classic session."""

from __future__ import annotations

import html
import json
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

from pyspark.sql import SparkSession

from veil._session import classic_jvm_session
from veil.errors import ConfigError, VeilError, raise_for_exit

JobSource = Union[str, "os.PathLike[str]", Mapping[str, Any]]
"""A job config: a HOCON file's path, or the config as a dict (with or without its ``veil`` root)."""


@dataclass(frozen=True)
class ColumnPlan:
    """What a run will do to one column or nested field."""

    path: str
    op: str
    action: str
    from_type: str
    to_type: str


@dataclass(frozen=True)
class TablePlan:
    """A table's plan, as ``veil run --dry-run`` prints it."""

    table: str
    where: str
    input: dict[str, str]
    output: dict[str, Any]
    columns: list[ColumnPlan] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


class RunReport(dict[str, Any]):
    """A run's report (``run --report FILE``'s JSON) as a dict, shown as a table in Jupyter."""

    def _repr_html_(self) -> str:
        head = ("table", "status", "rows in", "rows out", "transformed", "kept", "dropped", "output")
        rows = []
        for table in self.get("tables", []):
            output = table.get("output") or {}
            cells = (table.get("table"), table.get("status"), table.get("rows_in"), table.get("rows_out"),
                     len(table.get("transformed") or []), len(table.get("kept") or []),
                     len(table.get("dropped") or []), output.get("path"))
            rows.append("<tr>" + "".join(f"<td>{html.escape(_text(c))}</td>" for c in cells) + "</tr>")
        title = html.escape(f"Veil run {self.get('run_id', '')}: {self.get('status', '')}")
        return (f"<div><strong>{title}</strong><table><thead><tr>"
                + "".join(f"<th>{h}</th>" for h in head)
                + f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


def _text(value: Any) -> str:
    if value is None:
        return ""
    return f"{value:,}" if isinstance(value, int) else str(value)


class Job:
    """A Veil job: a HOCON job file, or the same config as a dict.

    Runs in the classic session's driver (the active one unless ``spark`` is given), through the
    same code as ``veil run``: keys, plans, rewrite, verification, atomic publication. Failures
    raise `veil.ConfigError` (exit 2), `veil.DataMismatch` (3),
    `veil.VerificationFailed` (4) or `veil.VeilError`, with the command line's
    message. The job sets ``spark.sql.caseSensitive`` while it runs, as the command line does, and
    puts the session's value back after.

    >>> job = Job({"tables": []})
    >>> job.check()
    Traceback (most recent call last):
    ...
    veil.errors.ConfigError: ...
    """

    def __init__(self, config: JobSource, spark: SparkSession | None = None) -> None:
        self._spark = spark
        self._directory: tempfile.TemporaryDirectory[str] | None = None
        if isinstance(config, Mapping):
            self._directory = tempfile.TemporaryDirectory(prefix="veil-job-")
            body = config if "veil" in config else {"veil": dict(config)}
            path = Path(self._directory.name) / "job.conf"
            path.write_text(json.dumps(body, indent=2, default=str), encoding="utf-8")
            self.path = path
        else:
            self.path = Path(config)

    def check(self, table: str | None = None) -> str:
        """Validates the config, keys and input schemas (``veil check``): reads no rows, writes
        nothing. Returns what the command prints (one line per table)."""
        return self._call(["check", str(self.path), *_table(table)]).checked().output

    def plan(self, table: str | None = None) -> list[TablePlan]:
        """The dry run's plan (``veil run --dry-run``), one `TablePlan` per table."""
        result = self._call(["run", str(self.path), "--dry-run", "--json", *_table(table)]).checked()
        plans = []
        for t in json.loads(result.output):
            columns = [ColumnPlan(**c) for c in t.pop("columns")]
            plans.append(TablePlan(columns=columns, **t))
        return plans

    def run(self, table: str | None = None, *, progress: bool = True) -> RunReport:
        """Anonymizes every table (or one), verifies and publishes each, and returns the run's
        report. Shows progress as it goes: a tqdm bar when tqdm is installed (the notebook's
        widget in Jupyter), plain lines otherwise; ``progress=False`` shows nothing."""
        with tempfile.TemporaryDirectory(prefix="veil-report-") as directory:
            report = Path(directory) / "report.json"
            show = _progress_display() if progress else None
            result = self._call(["run", str(self.path), "--report", str(report), *_table(table)], show)
            data = RunReport(json.loads(report.read_text(encoding="utf-8"))) if report.exists() else None
        try:
            result.checked()
        except VeilError as e:
            e.report = data  # what the run did before it failed, when it got that far
            raise
        assert data is not None
        return data

    def _call(self, args: list[str], show: Callable[[str], None] | None = None) -> _Result:
        spark, jvm, jsession = classic_jvm_session(self._spark, "run a Veil job")
        try:
            cli = jvm.io.veil.job.cli.InProcessCli()
        except Exception as e:  # py4j: the class is not on the driver's classpath
            raise ConfigError("Cannot run a Veil job: the session has no Veil jar; build it with veil.configure(builder)") from e
        case_sensitive = spark.conf.get("spark.sql.caseSensitive")
        outcome: list[int] = []
        failure: list[BaseException] = []

        def call() -> None:
            try:
                outcome.append(int(cli.run(args)))
            except BaseException as e:  # noqa: BLE001 - handed to the caller's thread
                failure.append(e)

        worker = threading.Thread(target=call, name="veil-job", daemon=True)
        worker.start()
        try:
            while worker.is_alive():
                try:
                    worker.join(0.5)
                except KeyboardInterrupt:
                    # A notebook's stop button: cancel the run's Spark jobs; nothing is published
                    # half-written, and the run fails with its message.
                    spark.sparkContext.cancelAllJobs()
                    worker.join()
                    raise
                if show is not None:
                    for line in str(cli.pollErrors()).splitlines():
                        show(line)
            if show is not None:
                for line in str(cli.pollErrors()).splitlines():
                    show(line)
                show("")
        finally:
            spark.conf.set("spark.sql.caseSensitive", case_sensitive or "false")
        if failure:
            raise failure[0]
        return _Result(outcome[0], str(cli.output()), str(cli.errors()))


@dataclass(frozen=True)
class _Result:
    code: int
    output: str
    errors: str

    def checked(self) -> _Result:
        raise_for_exit(self.code, self.errors)
        return self


def _table(table: str | None) -> list[str]:
    return [] if table is None else ["--table", table]


def _progress_display() -> Callable[[str], None]:
    """A function that shows one progress line ("" when the run ends): tqdm's bar, or print."""
    try:
        from tqdm.auto import tqdm
    except ImportError:
        def plain(line: str) -> None:
            if line:
                print(line, file=sys.stderr, flush=True)
        return plain
    bar: Any = tqdm(total=None, unit="table", desc="veil")
    started = time.monotonic()

    def update(line: str) -> None:
        if not line:
            bar.close()
            return
        text = line.removeprefix("[veil]").strip()
        if " published " in f" {text} ":
            bar.update(1)
        bar.set_postfix_str(text[:80])
        bar.set_description(f"veil {time.monotonic() - started:.0f}s")
    return update
