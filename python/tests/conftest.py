"""Shared fixtures: a local[2] Spark session on loopback, and the `dyad` CLI binary."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "python"))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def java_home() -> str | None:
    java = shutil.which("java")
    if os.environ.get("JAVA_HOME") or not java:
        return os.environ.get("JAVA_HOME")
    return str(Path(os.path.realpath(java)).parents[1])


@pytest.fixture(scope="session")
def spark():
    pyspark = pytest.importorskip("pyspark")
    del pyspark
    home = java_home()
    if not home:
        pytest.skip("no Java for Spark")
    os.environ["JAVA_HOME"] = home
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    # Executors run the interpreter that runs the tests (it has dyad and pyarrow).
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("dyad-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def dyad_bin() -> str:
    """The `dyad` CLI: $DYAD_BIN, else target/release/dyad, else built with cargo."""
    given = os.environ.get("DYAD_BIN")
    if given:
        return given
    built = ROOT / "target" / "release" / "dyad"
    if not built.exists():
        subprocess.run(["cargo", "build", "--release", "-p", "dyad-cli"], cwd=ROOT, check=True)
    return str(built)
