"""Veil's privacy measures against a peer: pycanon (PyPI) computes k-anonymity, distinct and
entropy l-diversity and t-closeness on Veil's output of a generated event table (100,000 visits,
several per person, some people in two classes), per row and per entity; the risk figures are
computed with pandas beside it. Every figure Veil reports must equal the peer's."""

from __future__ import annotations

import json
import math
import os
import random
import subprocess
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from conftest import PROJECT, TEST_KEY, read_report, spark_submit

QI = ["age_band", "zip3", "sex"]
SENSITIVE = ["diagnosis", "cost"]
K = 2
DIAGNOSES = ["flu", "cold", "asthma", "diabetes", "migraine", "fracture", "covid", "allergy",
             "hypertension", "anemia", "gastritis", "otitis"]


def visits(rows: int = 100_000, seed: int = 2026) -> pa.Table:
    """People with four visits each, fixed age band, sex, diagnosis and cost; a tenth of them move
    between two zip areas, so they belong to two classes; one rare class holds three people."""
    r = random.Random(seed)
    columns = {c: [] for c in ["person_id", *QI, *SENSITIVE]}
    person = 0
    while len(columns["person_id"]) < rows:
        person += 1
        rare = person <= 3
        age = "90+" if rare else r.choice(["0-17", "18-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80-89"])
        sex = "F" if rare else r.choice("FM")
        zips = ["999"] if rare else [f"{r.randrange(100, 115)}"]
        if not rare and r.random() < 0.1:
            zips.append(f"{r.randrange(100, 115)}")
        weights = [12, 9, 7, 6, 5, 4, 3, 3, 2, 2, 1, 1]
        diagnosis = r.choices(DIAGNOSES, weights)[0]
        cost = 50 * r.randrange(1, 30)
        for visit in range(4):
            columns["person_id"].append(f"p{person}")
            columns["age_band"].append(age)
            columns["zip3"].append(zips[visit % len(zips)])
            columns["sex"].append(sex)
            columns["diagnosis"].append(diagnosis)
            columns["cost"].append(cost)
    return pa.table({k: v[:rows] for k, v in columns.items()})


def job(directory: Path, data: Path, output: Path) -> Path:
    key = directory / "test.key"
    key.write_text(TEST_KEY + "\n", encoding="utf-8")
    key.chmod(0o600)
    table = """{{
      name = {name}
      input {{ path = "{data}" }}
      output {{ path = "{output}/{name}" }}
      unlisted-columns = keep
      quasi-identifiers = [age_band, zip3, sex]
      k = %d
      {entity}
      sensitive = [diagnosis, cost]
      leak-check = off
      columns {{ person_id = keep }}
    }}""" % K
    text = "veil {{\n  keys {{ pii = \"file:{key}\" }}\n  tables = [{rows}, {entities}]\n}}\n".format(
        key=key,
        rows=table.format(name="rows", data=data, output=output, entity=""),
        entities=table.format(name="entities", data=data, output=output, entity="entity = person_id"))
    path = directory / "job.conf"
    path.write_text(text, encoding="utf-8")
    return path


def peer(csv: Path, entity: str) -> dict:
    venv = Path(os.environ.get("VEIL_PYCANON_VENV", PROJECT / "integration-tests" / "target" / "venv-pycanon"))
    script = PROJECT / "integration-tests" / "python" / "peers" / "pycanon_measures.py"
    result = subprocess.run(
        [str(venv / "bin" / "python"), str(script), str(csv), ",".join(QI), ",".join(SENSITIVE), entity, str(K)],
        capture_output=True, text=True, timeout=900, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def measured(veil_jar, tmp_path_factory):
    directory = tmp_path_factory.mktemp("privacy-measures")
    data = directory / "visits"
    data.mkdir()
    pq.write_table(visits(), data / "part-0.parquet")
    output = directory / "out"
    result = spark_submit(veil_jar, "local[2]", "run", str(job(directory, data, output)), timeout=900)
    (directory / "spark-submit.log").write_text(result.stdout + result.stderr, encoding="utf-8")
    assert result.returncode == 0, result.stderr[-4000:]
    written = ds.dataset(output / "rows", format="parquet").to_table()
    csv = directory / "written.csv"
    pacsv.write_csv(written, csv)
    return {
        "rows": (read_report(output / "rows"), peer(csv, "-")),
        "entities": (read_report(output / "entities"), peer(csv, "person_id")),
    }


def entropy_l_agrees(veil: int, pycanon: int, smallest_entropy: float) -> bool:
    """pycanon truncates e^H in floating point: a class of exactly n equally frequent values, where
    e^H is n up to rounding, can come out n - 1. Veil's l is the largest with H >= ln l."""
    return veil == pycanon or (veil == pycanon + 1 and abs(smallest_entropy - math.log(veil)) < 1e-9)


@pytest.mark.parametrize("table", ["rows", "entities"])
def test_every_measure_equals_the_peers(measured, table):
    report, peer_figures = measured[table]
    k = report["k_anonymity"]
    assert k["smallest_class"] == peer_figures["k"]
    assert k["status"] == "passed"
    assert k["entity"] == (None if table == "rows" else "person_id")
    for s in SENSITIVE:
        ours = report["l_diversity"]["attributes"][s]
        theirs = peer_figures["attributes"][s]
        assert ours["smallest_distinct_l"] == theirs["l"], s
        assert entropy_l_agrees(ours["smallest_entropy_l"], theirs["entropy_l"], theirs["smallest_entropy"]), s
        t = report["t_closeness"]["attributes"][s]
        assert t["distance"] == ("ordered-earth-movers" if s == "cost" else "total-variation")
        assert t["largest_t"] == pytest.approx(theirs["t"], abs=1e-9), s
    for figure, value in peer_figures["risk"].items():
        assert report["risk"][figure] == pytest.approx(value, abs=1e-12), figure
    assert report["l_diversity"]["status"] == "measured"
    assert report["t_closeness"]["status"] == "measured"


def test_entities_are_counted_once_per_class(measured):
    rows, _ = measured["rows"]
    entities, _ = measured["entities"]
    # Four visits a person: the rare class holds 3 people and 12 rows.
    assert entities["k_anonymity"]["smallest_class"] == 3
    assert rows["k_anonymity"]["smallest_class"] == 12
    assert entities["risk"]["prosecutor_max"] > rows["risk"]["prosecutor_max"]
