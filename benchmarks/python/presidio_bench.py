#!/usr/bin/env python3
"""Veil's redact against Presidio, in one PySpark session, on the bench's notes.

What a PySpark user would otherwise pick to find and replace personal data in free text: Presidio
(PyPI presidio-analyzer and presidio-anonymizer) with its predefined recognizers, as a pandas UDF.
Pattern and rule recognizers only: no spaCy model (an NLP engine that does nothing stands in for
it, so the spaCy NER recognizer is left out; the phone recognizer, which uses the phonenumbers
library and no model, stays in). Each span becomes ``<ENTITY_TYPE>``, as veil_redact(notes) writes
``[TYPE]``.

In one session on ``local[2]`` (or --master) it times, each written as Parquet as the bench's jobs
are: a copy of the notes, ``veil_redact(notes)`` through SQL, and the Presidio UDF; Presidio on a
sample of the notes (--sample notes, the first by note_id, written once as a table of its own, with the copy and
veil_redact timed on that sample too, the same text). Every job runs once on a few notes to warm up
(the copy and veil_redact then once more on all the notes), then --runs times; the median counts.
MB/s per core = MB of UTF-8 text / median s / cores.

The session's driver (where local[2] runs its tasks) gets the heap `bin/veil bench`'s JVM has: the
JVM's default of a quarter of the machine's memory (--driver-memory changes it). PySpark's own
default, 1g, slowed veil_redact over all the notes by a tenth to a fifth (its JVM paused twice as
long for garbage collection), and says nothing about Presidio, which runs in the Python workers.
That heap is committed and touched when the JVM starts (-Xms equal to it, -XX:+AlwaysPreTouch): a
JVM otherwise grows into its heap during the timed runs, and the kernel zeroing each new page took
a fifth of the session's CPU (over three sessions the copies of the notes took 1.4 to 6.3 s and
veil_redact 4.3 to 10.8; pre-touched, over two, 1.3 to 2.8 and 4.1 to 5.1): the start-up cost of a
short session, not the work of a long-running one.

    VEIL_JAR=spark-jobs/target/veil-spark-jobs-0.1.0-SNAPSHOT-all.jar \\
      /tmp/presidio-venv/bin/python benchmarks/python/presidio_bench.py \\
      --data target/bench/data-1000000 --sample 4000

Needs pyspark (the pom's Spark version), pyarrow, pandas, presidio-analyzer and presidio-anonymizer.
The last line printed is the figures as JSON after ``veil-presidio-json: ``, which `veil bench
--presidio` reads.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import types
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[2]
JSON_PREFIX = "veil-presidio-json: "


def presidio_engines():
    """An analyzer of the predefined non-NLP recognizers (English) and an anonymizer.

    Built once per Python worker process and kept on ``builtins``: Spark reuses its workers, and the
    UDF's own globals are unpickled afresh with each task.
    """
    import builtins

    cached = getattr(builtins, "_veil_presidio_engines", None)
    if cached is not None:
        return cached
    import tldextract
    from presidio_analyzer import AnalyzerEngine, PatternRecognizer, RecognizerRegistry
    from presidio_analyzer.predefined_recognizers.generic import email_recognizer
    from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngine
    from presidio_anonymizer import AnonymizerEngine

    class NoNlpEngine(NlpEngine):
        """No tokens, no entities: the recognizers work on the raw text alone."""

        def load(self):
            pass

        def is_loaded(self):
            return True

        def process_text(self, text, language):
            return NlpArtifacts(
                entities=[], tokens=[], tokens_indices=[], lemmas=[], nlp_engine=self, language=language
            )

        def process_batch(self, texts, language, batch_size=1, n_process=1, **kwargs):
            for text in texts:
                yield text, self.process_text(text, language)

        def is_stopword(self, word, language):
            return False

        def is_punct(self, word, language):
            return False

        def get_supported_entities(self):
            return []

        def get_supported_languages(self):
            return ["en"]

    nlp = NoNlpEngine()
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(languages=["en"], nlp_engine=nlp)
    # The pattern recognizers only (regular expressions, with their checksums and context words);
    # VEIL_PRESIDIO_PHONES=1 adds the phone recognizer (the phonenumbers library, no model).
    phones = os.environ.get("VEIL_PRESIDIO_PHONES") == "1"
    registry.recognizers = [
        r
        for r in registry.recognizers
        if isinstance(r, PatternRecognizer) or (phones and type(r).__name__ == "PhoneRecognizer")
    ]
    # The e-mail recognizer checks the domain with tldextract, which fetches the public suffix list
    # from the internet on first use (seconds of retries offline): use the copy it ships with.
    offline = tldextract.TLDExtract(suffix_list_urls=())
    email_recognizer.tldextract = types.SimpleNamespace(extract=offline)
    analyzer = AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=["en"])
    engines = (analyzer, AnonymizerEngine())
    builtins._veil_presidio_engines = engines
    return engines


def presidio_redact_text(text):
    analyzer, anonymizer = presidio_engines()
    found = analyzer.analyze(text=text, language="en")
    return anonymizer.anonymize(text=text, analyzer_results=found).text


def recognizer_names():
    return sorted(type(r).__name__ for r in presidio_engines()[0].registry.recognizers)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", required=True, help="the bench's data directory (target/bench/data-N)")
    p.add_argument("--sample", type=int, default=4000, help="notes Presidio redacts (default 4000)")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--master", default="local[2]")
    p.add_argument(
        "--driver-memory",
        default=f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') // 4 // 2**20}m",
        help="the driver's heap (default: a quarter of the memory, as the JVM of bin/veil bench)",
    )
    p.add_argument("--scratch", default=None, help="where the jobs write (default: a temp dir)")
    a = p.parse_args()

    # The Python workers run this interpreter, which has Presidio.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    sys.path.insert(0, str(REPO / "python"))  # the veil package, with VEIL_JAR naming the jar
    import veil
    from importlib.metadata import version
    from pyspark.sql import SparkSession, functions as F
    from pyspark.sql.functions import pandas_udf

    spark = (
        veil.configure(SparkSession.builder.master(a.master).appName("veil presidio bench"))
        .config("spark.driver.memory", a.driver_memory)
        .config("spark.driver.extraJavaOptions", f"-Xms{a.driver_memory} -XX:+AlwaysPreTouch")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    cores = spark.sparkContext.defaultParallelism
    scratch = a.scratch or tempfile.mkdtemp(prefix="veil-presidio-")
    notes_dir = os.path.join(a.data, "notes")
    warm_dir = os.path.join(a.data, "warm-up", "notes")
    sample_dir = os.path.join(scratch, "notes-sample")

    @pandas_udf("string")
    def presidio_redact(s: pd.Series) -> pd.Series:
        return s.map(lambda t: None if t is None else presidio_redact_text(t))

    notes = spark.read.parquet(notes_dir)
    # The sample: the first notes by id, as files one per core so that every core works to the end.
    notes.orderBy("note_id").limit(a.sample).repartition(cores).write.mode("overwrite").parquet(sample_dir)
    sample = spark.read.parquet(sample_dir)
    # The warm-up notes (20,000, the bench's): redact's code reaches its final compiled form only
    # after tens of MB; Presidio, in Python, needs only its engines built in each worker.
    warm = spark.read.parquet(warm_dir)
    warm_presidio = warm.orderBy("note_id").limit(100).repartition(cores)

    def size(df):
        r = df.agg(F.count(F.lit(1)), F.sum(F.octet_length("notes"))).first()
        return int(r[0]), int(r[1])

    def jobs(df):
        return {
            "copy": df,
            "veil_redact": df.selectExpr("note_id", "veil_redact(notes) AS notes"),
            "presidio": df.select("note_id", presidio_redact("notes").alias("notes")),
        }

    out = os.path.join(scratch, "out")

    def timed(df):
        start = time.perf_counter()
        df.write.mode("overwrite").parquet(out)
        return time.perf_counter() - start

    for name, df in jobs(warm).items():
        timed(jobs(warm_presidio)[name] if name == "presidio" else df)
        # The 20,000 warm-up notes left the JIT unfinished in this session: the first timed pass of
        # veil_redact over all the notes took twice the next ones (10 s, then 5.5, 5.3, 5.0, 4.9).
        if name != "presidio":
            timed(jobs(notes)[name])
        print(f"[presidio bench] {name:22} warm-up done", file=sys.stderr, flush=True)
    plan = [("copy", notes), ("veil_redact", notes), ("copy", sample), ("veil_redact", sample), ("presidio", sample)]
    seconds = {f"{n}@{'notes' if df is notes else 'sample'}": [] for n, df in plan}
    for r in range(a.runs):  # interleaved rounds, as the bench's
        for name, df in plan:
            key = f"{name}@{'notes' if df is notes else 'sample'}"
            s = timed(jobs(df)[name])
            seconds[key].append(s)
            print(f"[presidio bench] {key:22} run {r + 1}: {s:.2f} s", file=sys.stderr, flush=True)

    notes_rows, notes_bytes = size(notes)
    sample_rows, sample_bytes = size(sample)
    result = {
        "presidio_analyzer": version("presidio-analyzer"),
        "presidio_anonymizer": version("presidio-anonymizer"),
        "pyspark": version("pyspark"),
        "recognizers": recognizer_names(),
        "phones": os.environ.get("VEIL_PRESIDIO_PHONES") == "1",
        "cores": cores,
        "master": a.master,
        "driver_memory": a.driver_memory,
        "notes_rows": notes_rows,
        "notes_bytes": notes_bytes,
        "sample_rows": sample_rows,
        "sample_bytes": sample_bytes,
        "seconds": seconds,
    }
    per_core = {}
    for key, runs in seconds.items():
        text = notes_bytes if key.endswith("@notes") else sample_bytes
        per_core[key] = text / 1e6 / statistics.median(runs) / cores
    result["mb_per_s_per_core"] = per_core
    print()
    print(
        f"notes: {notes_rows:,} rows, {notes_bytes / 1e6:,.1f} MB of text; sample: {sample_rows:,} rows,"
        f" {sample_bytes / 1e6:,.2f} MB; {cores} cores ({a.master}, driver heap {a.driver_memory})"
    )
    for key, runs in seconds.items():
        print(
            f"{key:22} median {statistics.median(runs):8.2f} s  {per_core[key]:8.2f} MB/s per core"
            f"  runs {', '.join(f'{s:.2f}' for s in runs)}"
        )
    ratio = per_core["veil_redact@notes"] / per_core["presidio@sample"]
    print(f"veil_redact / Presidio, MB/s per core: {ratio:,.0f}x")
    print(JSON_PREFIX + json.dumps(result, sort_keys=True))
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
