"""Builds the `veil` package with the shaded jar inside, at the Maven project's version.

The jar is built by Maven first (`mvn -B package -DskipTests` at the repository's root); this
file copies spark-jobs/target/veil-spark-jobs-<version>-all.jar into the wheel's veil/jars/, or
the jar VEIL_JAR names.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def maven_version() -> str:
    pom = ROOT / "pom.xml"
    if not pom.is_file():
        raise SystemExit(
            f"Cannot build the veil package: {pom} is missing. Build it from the repository's"
            " python/ folder (pip install ./python), next to the Maven project.")
    text = pom.read_text(encoding="utf-8")
    # The parent's own <version>: the first one after its artifactId.
    match = re.search(r"<artifactId>veil-parent</artifactId>\s*<version>([^<]+)</version>", text)
    if match is None:
        raise SystemExit(f"Cannot build the veil package: no veil-parent version in {pom}")
    return match.group(1).strip()


def python_version(maven: str) -> str:
    """PEP 440 for a Maven version: 0.1.0-SNAPSHOT is 0.1.0.dev0, 0.1.0 stays 0.1.0."""
    if maven.endswith("-SNAPSHOT"):
        return maven[: -len("-SNAPSHOT")] + ".dev0"
    return maven.replace("-", ".")


MAVEN_VERSION = maven_version()


def shaded_jar() -> Path:
    named = os.environ.get("VEIL_JAR")
    jar = Path(named) if named else ROOT / "spark-jobs" / "target" / f"veil-spark-jobs-{MAVEN_VERSION}-all.jar"
    if not jar.is_file():
        raise SystemExit(
            f"Cannot build the veil package: the shaded jar {jar} is missing. Build it first with"
            " `mvn -B package -DskipTests` at the repository's root, then run pip install ./python.")
    return jar


class BuildWithJar(build_py):
    """build_py, plus the shaded jar under veil/jars/."""

    def run(self) -> None:
        super().run()
        package = Path(self.build_lib) / "veil"
        jars = package / "jars"
        if jars.exists():
            shutil.rmtree(jars)
        jars.mkdir(parents=True)
        jar = shaded_jar()
        shutil.copy2(jar, jars / f"veil-spark-jobs-{MAVEN_VERSION}-all.jar")


setup(version=python_version(MAVEN_VERSION), cmdclass={"build_py": BuildWithJar})
