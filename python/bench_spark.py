"""Documents per second: one `dyad extract` process against the Spark job (local[N]
executors, extraction + Parquet, with and without the merge) on the same WARC files.

    python python/bench_spark.py [--files 6] [--docs 500] [--executors 2] [--dyad target/release/dyad]

Prints one JSON object: documents, seconds and documents/s of each run, Spark's session
start, and the overhead per document Spark adds: executor-seconds per document of the job
minus seconds per document of the single process (the machine's load is printed too, since
a shared machine's second core may be busy)."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE / "tests"))

import warcs  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=6)
    parser.add_argument("--docs", type=int, default=500, help="pages per WARC file")
    parser.add_argument("--executors", type=int, default=2)
    parser.add_argument("--dyad", default=str(HERE.parent / "target" / "release" / "dyad"))
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="dyad-bench-"))
    try:
        inputs = work / "in"
        inputs.mkdir()
        for i in range(args.files):
            warcs.write_warc(inputs / f"news-{i}.warc.gz", args.docs, seed=100 + i)
        size = sum(p.stat().st_size for p in inputs.iterdir())

        started = time.perf_counter()
        result = subprocess.run(
            [args.dyad, "extract", "--published", "2024-12-01", str(inputs)],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=True,
        )
        cli_seconds = time.perf_counter() - started
        cli_docs = sum(1 for line in result.stdout.splitlines() if line.strip())

        java = shutil.which("java")
        if java and not os.environ.get("JAVA_HOME"):
            os.environ["JAVA_HOME"] = str(Path(os.path.realpath(java)).parents[1])
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        os.environ["PYSPARK_PYTHON"] = sys.executable
        from pyspark.sql import SparkSession

        from dyad_spark.job import run

        started = time.perf_counter()
        spark = (
            SparkSession.builder.master(f"local[{args.executors}]").appName("dyad-bench")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", str(2 * args.executors))
            .getOrCreate()
        )
        spark.sparkContext.setLogLevel("ERROR")
        spark.range(1).collect()
        session_seconds = time.perf_counter() - started
        runs = {}
        for label, merge in (("extract", False), ("extract+merge", True)):
            started = time.perf_counter()
            counts = run(spark, [str(inputs)], str(work / f"out-{label}"),
                         published="2024-12-01", merge=merge)
            runs[label] = (time.perf_counter() - started, counts)
        spark.stop()

        docs = runs["extract"][1]["documents"]
        per_doc_cli = cli_seconds / cli_docs
        report = {
            "files": args.files, "input_mb": round(size / 1e6, 1), "load_avg": os.getloadavg()[0],
            "cli": {"documents": cli_docs, "seconds": round(cli_seconds, 2),
                    "docs_per_s": round(cli_docs / cli_seconds, 1)},
            "spark_session_start_s": round(session_seconds, 2),
            "executors": args.executors,
        }
        for label, (seconds, counts) in runs.items():
            report[f"spark_{label}"] = {
                **counts, "seconds": round(seconds, 2),
                "docs_per_s": round(counts["documents"] / seconds, 1),
                "overhead_ms_per_doc": round(
                    1000 * (args.executors * seconds / counts["documents"] - per_doc_cli), 2),
            }
        report["same_documents"] = docs == cli_docs
        print(json.dumps(report, indent=1))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
