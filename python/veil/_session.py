"""The bundled jar, and the Spark settings that install Veil on a session."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

EXTENSIONS = "io.veil.spark.sql.VeilExtensions"
FUNCTIONS_CLASS = "io.veil.spark.sql.VeilFunctions"

KeySettings = Mapping[str, Union[str, int, bool]]
"""A key with versions: ``{"v1": "env:A", "v2": "file:/k", "primary": 2}``."""

Keys = Mapping[str, Union[str, KeySettings]]
"""Key names and their sources: ``{"pii": "env:VEIL_KEY_PII"}``, or a key's versions."""


def jar_path() -> Path:
    """The shaded Veil jar: the one inside the package, or the one ``VEIL_JAR`` names.

    >>> jar_path().name.startswith("veil-spark-jobs-") and jar_path().name.endswith("-all.jar")
    True
    """
    named = os.environ.get("VEIL_JAR")
    if named:
        return Path(named)
    bundled = sorted((Path(__file__).parent / "jars").glob("veil-spark-jobs-*-all.jar"))
    if bundled:
        return bundled[-1]
    raise FileNotFoundError(
        "Cannot find Veil's jar: this veil package has none inside (an editable install?); set"
        " VEIL_JAR to spark-jobs/target/veil-spark-jobs-<version>-all.jar, or pip install ./python"
        " after mvn -B package -DskipTests"
    )


def spark_conf(keys: Keys | None = None, *, decrypt: bool | None = None) -> dict[str, str]:
    """The Spark settings that give an application Veil: the jar, the extensions and the keys.

    For a SparkSession builder, use `configure`; for a Spark Connect server or
    ``spark-submit``, pass these as ``--conf`` (keys are read only from the application's starting
    conf, never from a session's ``SET``: docs/security.md).

    >>> conf = spark_conf({"pii": "env:VEIL_KEY_PII", "old": {"v1": "file:/k1", "v2": "env:K2", "primary": 2}})
    >>> conf["spark.sql.extensions"], conf["spark.veil.keys.pii"], conf["spark.veil.keys.old.primary"]
    ('io.veil.spark.sql.VeilExtensions', 'env:VEIL_KEY_PII', '2')
    """
    conf = {"spark.jars": str(jar_path()), "spark.sql.extensions": EXTENSIONS}
    for name, source in (keys or {}).items():
        if isinstance(source, str):
            conf[f"spark.veil.keys.{name}"] = source
        else:
            for setting, value in source.items():
                text = str(value).lower() if isinstance(value, bool) else str(value)
                conf[f"spark.veil.keys.{name}.{setting}"] = text
    if decrypt is not None:
        conf["spark.veil.decrypt.enabled"] = str(decrypt).lower()
    return conf


def configure(builder: SparkSession.Builder, keys: Keys | None = None, *,
              decrypt: bool | None = None) -> SparkSession.Builder:
    """Adds Veil to a ``SparkSession.builder``: the bundled jar, the extensions and the keys.

    ``keys`` maps each key name to its source (``env:NAME``, ``file:PATH``,
    ``keystore:PATH#ALIAS``, ``hadoop:ALIAS``: docs/encryption-and-keys.md), or to a key's
    versions. Jars and extensions already configured are kept. Keys count only in the builder of
    the application's first session (Spark reads them from the application's conf); for a Spark
    Connect client, configure the server instead (`spark_conf`).

    >>> from pyspark.sql import SparkSession
    >>> builder = configure(SparkSession.builder, keys={"pii": "env:VEIL_KEY_PII"})
    """
    options: dict[str, Any] = getattr(builder, "_options", {})
    if "spark.remote" in options or os.environ.get("SPARK_CONNECT_MODE_ENABLED") == "1":
        raise ValueError(
            "Cannot configure a Spark Connect client: Veil's jar, extensions and keys belong to the"
            " server; start it with veil.spark_conf(keys) as its --conf settings"
        )
    for key, value in spark_conf(keys, decrypt=decrypt).items():
        existing = options.get(key)
        if key in ("spark.jars", "spark.sql.extensions") and existing and value not in str(existing).split(","):
            value = f"{existing},{value}"
        builder = builder.config(key, value)
    return builder


def install(spark: SparkSession) -> None:
    """Registers Veil's functions on an existing classic session (harmless when already there).

    The session's application must have Veil's jar; when it has not, the bundled jar is added to
    the session (``ADD JAR``) first. Keys still come from the application's conf. On a Spark
    Connect session the server installs Veil (extensions), so this only checks that it did.
    """
    if is_connect(spark):
        if not spark.sql("SHOW FUNCTIONS LIKE 'veil_mask'").collect():
            raise RuntimeError(
                "Cannot install Veil from a Spark Connect client: start the server with Veil's jar"
                " and extensions (veil.spark_conf())"
            )
        return
    jvm: Any = spark.sparkContext._jvm  # the functions need Java to register, not to run
    jsession: Any = spark._jsparkSession
    loader: Any = jsession.sharedState().jarClassLoader()
    try:
        functions = loader.loadClass(FUNCTIONS_CLASS)
    except Exception:  # py4j wraps the JVM's ClassNotFoundException
        spark.sql(f"ADD JAR '{jar_path()}'")
        functions = loader.loadClass(FUNCTIONS_CLASS)
    session_class = loader.loadClass("org.apache.spark.sql.SparkSession")
    gateway: Any = spark.sparkContext._gateway
    parameter_types = gateway.new_array(jvm.java.lang.Class, 1)
    parameter_types[0] = session_class
    arguments = gateway.new_array(jvm.java.lang.Object, 1)
    arguments[0] = jsession
    functions.getMethod("register", parameter_types).invoke(None, arguments)


def is_connect(spark: Any) -> bool:
    """Whether a session is a Spark Connect client's."""
    try:
        from pyspark.sql.connect.session import SparkSession as ConnectSession
    except ImportError:  # pyspark without its connect dependencies
        return False
    return isinstance(spark, ConnectSession)


def classic_jvm_session(spark: SparkSession | None, what: str) -> tuple[SparkSession, Any, Any]:
    """The classic session (the active one when None), its JVM and its Java SparkSession."""
    from pyspark.sql import SparkSession as Session

    session = spark if spark is not None else Session.getActiveSession()
    if session is None:
        raise RuntimeError(f"Cannot {what}: no active SparkSession; create one with veil.configure(builder)")
    if is_connect(session):
        raise RuntimeError(
            f"Cannot {what} from a Spark Connect client: the job runs in the driver's JVM; run it on"
            " a classic session, or with spark-submit on the cluster (veil.functions work over Connect)"
        )
    return session, session.sparkContext._jvm, session._jsparkSession
