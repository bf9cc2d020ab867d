"""veil.functions on the session of this run (classic, or a Spark Connect client)."""

from __future__ import annotations

import base64
import datetime
import inspect
import re

import pytest
from pyspark.errors import PySparkException
from pyspark.sql import Row, SparkSession
from pyspark.sql import functions as F

import veil.functions as V


def registered(spark: SparkSession) -> set[str]:
    return {r[0].split(".")[-1] for r in spark.sql("SHOW FUNCTIONS LIKE 'veil*'").collect()}


def test_every_registered_function_has_a_python_function(spark: SparkSession) -> None:
    wrappers = {name for name in V.__all__ if name.startswith("veil_")}
    names = registered(spark)
    assert len(names) >= 16
    assert names == wrappers, f"missing in Python: {names - wrappers}; unknown to SQL: {wrappers - names}"


def test_every_python_function_is_typed_and_documented_with_examples() -> None:
    for name in V.__all__:
        if not name.startswith("veil_"):
            continue
        function = getattr(V, name)
        doc = inspect.getdoc(function) or ""
        assert f"SQL: ``{name}(" in doc, name
        assert ">>> " in doc, f"{name} has no example"
        hints = inspect.signature(function)
        assert all(p.annotation is not inspect.Parameter.empty for p in hints.parameters.values()), name
        assert hints.return_annotation != inspect.Signature.empty, name


def test_docstrings_give_the_examples_of_describe_function(spark: SparkSession) -> None:
    """The same examples as DESCRIBE FUNCTION EXTENDED: as many, with the same results."""
    for name in sorted(registered(spark)):
        described = "\n".join(r[0] for r in spark.sql(f"DESCRIBE FUNCTION EXTENDED {name}").collect())
        results = re.findall(r"^\s*> SELECT .*\n\s*(.*)$", described, flags=re.M)
        doc = inspect.getdoc(getattr(V, name)) or ""
        assert len(results) == doc.count(".first()"), name
        for result in results:
            result = result.strip()
            if result in ("true", "false", "NULL") or re.match(r"\d{4}-\d\d-\d\d", result):
                continue  # True, False, None and dates print as Python objects
            # A number, or a string of digits: SQL prints both alike.
            forms = [repr(result)] + ([result] if re.fullmatch(r"-?\d+", result) else [])
            assert any(f"\n{form}" in doc for form in forms), f"{name}: {result} is not among the docstring's results"


@pytest.fixture(scope="module")
def people(spark: SparkSession):  # type: ignore[no-untyped-def]
    return spark.createDataFrame(
        [Row(id=1, name="王伟", email="zhang.wei@example.com", phone="138-1234-5678",
             birth_date=datetime.date(1990, 7, 15), salary=4321, notes="call 13812345678",
             postcode="100085", age=29),
         Row(id=2, name=None, email=None, phone=None, birth_date=None, salary=None, notes=None,
             postcode=None, age=None)],
        "id INT, name STRING, email STRING, phone STRING, birth_date DATE, salary INT,"
        " notes STRING, postcode STRING, age INT")


def test_every_function_by_column_name_and_by_column(spark: SparkSession, people) -> None:  # type: ignore[no-untyped-def]
    c = F.col
    rows = people.orderBy("id").select(
        V.veil_mask("phone", 3, 4).alias("mask"),
        V.veil_mask_classes("name").alias("classes"),
        V.veil_mask_email(c("email")).alias("email"),
        V.veil_truncate("birth_date", "year").alias("year"),
        V.veil_shift("birth_date", "id", "pii", 30).alias("shifted"),
        V.veil_unshift(V.veil_shift("birth_date", "id", "pii", 30), "id", "pii", 30).alias("unshifted"),
        V.veil_noise("salary", "pii", "uniform", 100, by="id").alias("noisy"),
        V.veil_generalize("age", "bands=0,18,25,35").alias("band"),
        V.veil_redact("notes").alias("redacted"),
        V.veil_pseudonym("email", "pii", "user_").alias("pseudonym"),
        V.veil_fake("name", "pii", "name-zh").alias("fake"),
        V.veil_decrypt(V.veil_encrypt("email", "pii", "people.email"), "pii", "people.email").alias("gcm"),
        V.veil_encrypt_deterministic("email", "pii_siv").alias("siv"),
        V.veil_decrypt(V.veil_encrypt_deterministic("email", "pii_siv"), "pii_siv").alias("siv_back"),
        V.veil_fpe_encrypt("phone", "pii").alias("fpe"),
        V.veil_fpe_decrypt(V.veil_fpe_encrypt("phone", "pii", "digits", "x"), "pii", "digits", "x").alias("fpe_back"),
    ).collect()
    out = rows[0]
    assert out.mask == "138******5678"
    assert out.classes == "XX"
    assert out.email == "z********@example.com"
    assert out.year == datetime.date(1990, 1, 1)
    assert out.shifted != datetime.date(1990, 7, 15) and out.unshifted == datetime.date(1990, 7, 15)
    assert abs(out.noisy - 4321) <= 100
    assert out.band == "25-34"
    assert out.redacted == "call [PHONE]"
    assert re.fullmatch(r"user_[0-9a-f]{20}", out.pseudonym)
    assert 2 <= len(out.fake) <= 4 and out.fake != "王伟"
    assert out.gcm == "zhang.wei@example.com"
    assert base64.b64decode(out.siv)[0] == 2  # Veil envelope, AES-SIV
    assert out.siv_back == "zhang.wei@example.com"
    assert re.fullmatch(r"\d{3}-\d{4}-\d{4}", out.fpe) and out.fpe != "138-1234-5678"
    assert out.fpe_back == "138-1234-5678"
    assert all(value is None for value in rows[1])  # null in, null out


def test_python_and_sql_give_the_same_values(spark: SparkSession, people) -> None:  # type: ignore[no-untyped-def]
    people.createOrReplaceTempView("veil_people")
    sql = spark.sql(
        "SELECT veil_pseudonym(email, 'pii', 'user_', 24, 'crm') AS p, veil_fpe_encrypt(phone, 'pii') AS f,"
        " veil_mask_classes(name, 'X', 'x', 'n', NULL, NULL) AS m, veil_truncate(phone, 3, 4) AS t"
        " FROM veil_people WHERE id = 1").first()
    python = people.where("id = 1").select(
        V.veil_pseudonym("email", "pii", "user_", 24, "crm").alias("p"),
        V.veil_fpe_encrypt("phone", "pii").alias("f"),
        V.veil_mask_classes("name", "X", "x", "n", None, None).alias("m"),
        V.veil_truncate("phone", 3, 4).alias("t")).first()
    assert sql == python
    assert python.m == "王伟"  # letter None: exactly Spark's mask()


def test_nested_fields_through_higher_order_functions(spark: SparkSession) -> None:
    df = spark.createDataFrame([Row(contacts=[Row(kind="mobile", phone="13812345678")])],
                               "contacts ARRAY<STRUCT<kind: STRING, phone: STRING>>")
    out = df.select(F.transform("contacts", lambda c: c.withField(
        "phone", V.veil_mask(c.phone, 3, 2))).alias("contacts")).first()
    assert out.contacts == [Row(kind="mobile", phone="138******78")]


def test_a_key_the_session_sets_is_refused_naming_the_conf_entry(spark: SparkSession) -> None:
    # The security rule: keys come from the application's (the server's) conf, never a session's.
    spark.conf.set("spark.veil.keys.pii", "file:/etc/hostname")
    try:
        with pytest.raises(PySparkException) as e:
            spark.range(1).select(V.veil_pseudonym(F.lit("a"), "pii")).collect()
        assert "spark.veil.keys.pii is set in this session" in str(e.value)
        assert "hostname" not in str(e.value)
    finally:
        spark.conf.unset("spark.veil.keys.pii")
    assert spark.range(1).select(V.veil_pseudonym(F.lit("a"), "pii")).first()[0] is not None


@pytest.mark.connect
def test_connect_client_uses_keys_set_only_on_the_server(spark: SparkSession) -> None:
    from veil._session import is_connect

    assert is_connect(spark)
    row = spark.range(1).select(
        V.veil_decrypt(V.veil_encrypt(F.lit("alice"), "pii"), "pii").alias("gcm"),
        V.veil_decrypt(V.veil_encrypt_deterministic(F.lit("alice"), "pii_siv"), "pii_siv").alias("siv")).first()
    assert (row.gcm, row.siv) == ("alice", "alice")
