"""Veil's SQL functions from PySpark: a session with the shaded jar and the extensions, every
function called from the DataFrame API and from SQL. Run by integration-tests/run-python-tests.sh."""

import base64
import datetime
import os
import re

import pytest
from pyspark.errors import AnalysisException
from pyspark.sql import Row, SparkSession
from pyspark.sql import functions as F

FUNCTIONS = [
    "veil_mask", "veil_mask_classes", "veil_mask_email", "veil_truncate", "veil_pseudonym",
    "veil_fake", "veil_encrypt", "veil_encrypt_deterministic", "veil_decrypt",
    "veil_fpe_encrypt", "veil_fpe_decrypt",
]


@pytest.fixture(scope="module")
def spark(tmp_path_factory):
    keys = tmp_path_factory.mktemp("keys")
    (keys / "pii.key").write_text(base64.b64encode(bytes(range(32))).decode())
    (keys / "pii_siv.key").write_text(base64.b64encode(bytes(range(64))).decode())
    session = (
        SparkSession.builder.master("local[1]")
        .appName("veil-pyspark-tests")
        .config("spark.jars", os.environ["VEIL_JAR"])
        .config("spark.sql.extensions", "io.veil.spark.sql.VeilExtensions")
        .config("spark.veil.keys.pii", f"file:{keys / 'pii.key'}")
        .config("spark.veil.keys.pii_siv", f"file:{keys / 'pii_siv.key'}")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.fixture(scope="module")
def customers(spark):
    df = spark.createDataFrame(
        [
            Row(id=1, name="王伟", email="zhang.wei@example.com", phone="138-1234-5678",
                birth_date=datetime.date(1990, 7, 15), salary=4321,
                contacts=[Row(kind="mobile", phone="13812345678")], attributes={"nickname": "Ally"}),
            Row(id=2, name=None, email=None, phone=None, birth_date=None, salary=None,
                contacts=None, attributes=None),
        ],
        "id INT, name STRING, email STRING, phone STRING, birth_date DATE, salary INT,"
        " contacts ARRAY<STRUCT<kind: STRING, phone: STRING>>, attributes MAP<STRING, STRING>",
    )
    df.createOrReplaceTempView("customers")
    return df


def veil(name, *args):
    """A Veil function from the DataFrame API; constants as literals."""
    return F.call_function(name, *[a if hasattr(a, "alias") else F.lit(a) for a in args])


def test_extensions_install_every_function(spark):
    listed = {r[0] for r in spark.sql("SHOW FUNCTIONS LIKE 'veil_*'").collect()}
    assert set(FUNCTIONS) <= {name.split(".")[-1] for name in listed}
    described = "\n".join(r[0] for r in spark.sql("DESCRIBE FUNCTION EXTENDED veil_mask").collect())
    assert "Usage: veil_mask(str, keep_first, keep_last[, char])" in described
    assert "Examples:" in described


def test_every_function_from_python(spark, customers):
    c = F.col
    out = customers.where("id = 1").select(
        veil("veil_mask", c("phone"), 3, 4).alias("mask"),
        veil("veil_mask_classes", c("name")).alias("classes"),
        veil("veil_mask_email", c("email")).alias("email"),
        veil("veil_truncate", c("birth_date"), "year").alias("year"),
        veil("veil_truncate", c("salary"), 1000).alias("salary"),
        veil("veil_pseudonym", c("email"), "pii", "user_").alias("pseudonym"),
        veil("veil_fake", c("name"), "pii", "name-zh").alias("fake"),
        veil("veil_decrypt", veil("veil_encrypt", c("email"), "pii"), "pii").alias("gcm"),
        veil("veil_encrypt_deterministic", c("email"), "pii_siv").alias("siv"),
        veil("veil_decrypt", veil("veil_encrypt_deterministic", c("email"), "pii_siv"), "pii_siv").alias("siv_back"),
        veil("veil_fpe_encrypt", c("phone"), "pii").alias("fpe"),
        veil("veil_fpe_decrypt", veil("veil_fpe_encrypt", c("phone"), "pii"), "pii").alias("fpe_back"),
    ).first()
    assert out.mask == "138******5678"
    assert out.classes == "XX"
    assert out.email == "z********@example.com"
    assert out.year == datetime.date(1990, 1, 1)
    assert out.salary == 4000
    assert re.fullmatch(r"user_[0-9a-f]{20}", out.pseudonym)
    assert 2 <= len(out.fake) <= 4 and out.fake != "王伟"
    assert out.gcm == "zhang.wei@example.com"
    assert base64.b64decode(out.siv)[0] == 2  # Veil envelope, AES-SIV
    assert out.siv_back == "zhang.wei@example.com"
    assert re.fullmatch(r"\d{3}-\d{4}-\d{4}", out.fpe) and out.fpe != "138-1234-5678"
    assert out.fpe_back == "138-1234-5678"


def test_every_function_from_sql_matches_python(spark, customers):
    sql = spark.sql(
        """SELECT veil_mask(phone, 3, 4) AS mask, veil_mask_classes(name, 'X', 'x', 'n', NULL, NULL) AS classes,
                  veil_mask_email(email) AS email, veil_truncate(phone, 3) AS prefix,
                  veil_pseudonym(email, 'pii', 'user_') AS pseudonym, veil_fake(name, 'pii', 'name-zh') AS fake,
                  veil_decrypt(veil_encrypt(email, 'pii', 'customers.email'), 'pii', 'customers.email') AS gcm,
                  veil_encrypt_deterministic(email, 'pii_siv') AS siv,
                  veil_fpe_encrypt(phone, 'pii') AS fpe,
                  veil_fpe_decrypt(veil_fpe_encrypt(phone, 'pii', 'digits', 'x'), 'pii', 'digits', 'x') AS fpe_back
           FROM customers ORDER BY id"""
    ).collect()
    assert sql[0].mask == "138******5678"
    assert sql[0].classes == "王伟"  # letter NULL: exactly Spark's mask()
    assert sql[0].prefix == "138"
    assert sql[0].gcm == "zhang.wei@example.com"
    assert sql[0].fpe_back == "138-1234-5678"
    python = customers.orderBy("id").select(
        veil("veil_pseudonym", F.col("email"), "pii", "user_").alias("pseudonym"),
        veil("veil_fake", F.col("name"), "pii", "name-zh").alias("fake"),
        veil("veil_encrypt_deterministic", F.col("email"), "pii_siv").alias("siv"),
        veil("veil_fpe_encrypt", F.col("phone"), "pii").alias("fpe"),
    ).collect()
    for s, p in zip(sql, python):
        assert (s.pseudonym, s.fake, s.siv, s.fpe) == (p.pseudonym, p.fake, p.siv, p.fpe)
    # Null in, null out, for every function.
    assert all(v is None for v in sql[1])


def test_randomized_encryption_differs_per_call(spark):
    row = spark.sql("SELECT veil_encrypt('alice', 'pii') AS a, veil_encrypt('alice', 'pii') AS b").first()
    assert row.a != row.b


def test_nested_arrays_structs_and_maps(spark, customers):
    out = customers.where("id = 1").select(
        F.transform("contacts", lambda c: c.withField("phone", veil("veil_mask", c.phone, 3, 2))).alias("contacts"),
        F.transform_values("attributes", lambda k, v: veil("veil_pseudonym", v, "pii")).alias("attributes"),
    ).first()
    assert out.contacts == [Row(kind="mobile", phone="138******78")]
    assert re.fullmatch(r"[0-9a-f]{20}", out.attributes["nickname"])
    sql = spark.sql(
        "SELECT transform(contacts, c -> IF(c IS NULL, NULL, named_struct('kind', c.kind,"
        " 'phone', veil_mask(c.phone, 3, 2)))) AS contacts FROM customers WHERE id = 1"
    ).first()
    assert sql.contacts == out.contacts


def test_bad_calls_raise_analysis_errors_naming_function_and_forms(spark):
    with pytest.raises(AnalysisException) as e:
        spark.sql("SELECT veil_mask('abc')").collect()
    assert e.value.getCondition() == "WRONG_NUM_ARGS.WITHOUT_SUGGESTION"
    assert "The veil_mask(str, keep_first, keep_last[, char]) requires 3 to 4 parameters" in str(e.value)
    with pytest.raises(AnalysisException) as e:
        spark.sql("SELECT veil_pseudonym('abc', 'nokey')").collect()
    assert e.value.getCondition() == "INVALID_CONF_VALUE.REQUIREMENT"
    assert "set spark.veil.keys.nokey to the key's source" in str(e.value)


def test_one_java_call_registers_again_harmlessly(spark):
    jvm_functions = spark.sparkContext._jvm.io.veil.spark.sql.VeilFunctions
    jvm_functions.register(spark._jsparkSession)
    jvm_functions.register(spark._jsparkSession)
    assert spark.sql("SELECT veil_mask('13812345678', 3, 4)").first()[0] == "138****5678"
