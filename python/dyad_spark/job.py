"""The dyad Spark job (spark-submit entry point).

Lists the input files (local, HDFS, S3 through Hadoop's file systems, or http(s) URLs, for
example a CC-NEWS `warc.paths.gz` listing), spreads them over the executors one file per
task, runs dyad on each file inside `mapInArrow` (the Rust extension streams the file,
record by record), and writes three Parquet tables under OUTPUT:

- `documents/`: one row per document, partitioned by `published`;
- `events/`: one row per event of one document (what `dyad extract` prints), partitioned
  by `anchor` (the event date, else the publication date);
- `merged/`: one row per happening: the events of all documents merged with the store's
  rule (`groupBy("block").applyInArrow` calling the same Rust rule as `dyad ingest`), in
  the store's flat export columns, partitioned by `anchor`.

    spark-submit python/dyad_spark/job.py --output out/ INPUT ...
"""

from __future__ import annotations

import argparse
import gzip
import io
import os
import sys
import urllib.parse
import urllib.request
from typing import Callable, Iterator, List, Optional

import pyarrow as pa

# Inputs dyad reads, by name (directories are walked for these).
INPUT_SUFFIXES = (
    ".warc", ".warc.gz", ".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz",
    ".html", ".htm", ".html.gz", ".txt", ".txt.gz", ".md", ".xml", ".rss", ".atom",
)


def _hadoop_files(spark, pattern: str) -> List[str]:
    """Files matching a path or glob through Hadoop's file systems (file:, hdfs:, s3a:);
    directories are walked recursively for dyad's inputs."""
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    path = jvm.org.apache.hadoop.fs.Path(pattern)
    fs = path.getFileSystem(conf)
    statuses = fs.globStatus(path) or []
    found: List[str] = []
    for status in statuses:
        if status.isDirectory():
            files = fs.listFiles(status.getPath(), True)
            while files.hasNext():
                name = files.next().getPath().toString()
                if name.lower().endswith(INPUT_SUFFIXES):
                    found.append(name)
        else:
            found.append(status.getPath().toString())
    return sorted(found)


def list_inputs(spark, inputs: List[str], paths_file: Optional[str] = None,
                prefix: str = "") -> List[str]:
    """The input files: every path, glob or directory of `inputs`, plus each line of
    `paths_file` (a listing such as CC-NEWS `warc.paths.gz`) joined to `prefix`."""
    found: List[str] = []
    for item in inputs:
        if item.startswith(("http://", "https://")):
            found.append(item)
        else:
            found.extend(_hadoop_files(spark, item))
    if paths_file:
        with _open(paths_file) as raw:
            data = raw.read()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        for line in data.decode("utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                found.append(prefix + line)
    return found


def _open(path: str):
    """A binary stream of a local, http(s) or pyarrow-supported (s3, hdfs, gcs) path."""
    parsed = urllib.parse.urlparse(path)
    if parsed.scheme in ("", "file"):
        return open(urllib.parse.unquote(parsed.path) if parsed.scheme else path, "rb")
    if parsed.scheme in ("http", "https"):
        return urllib.request.urlopen(path, timeout=600)
    from pyarrow import fs as pafs

    uri = path.replace("s3a://", "s3://", 1).replace("s3n://", "s3://", 1)
    filesystem, inner = pafs.FileSystem.from_uri(uri)
    return filesystem.open_input_stream(inner)


def local_path(path: str) -> Optional[str]:
    """The local file system path of `path`, if it is one."""
    parsed = urllib.parse.urlparse(path)
    if parsed.scheme == "":
        return path
    if parsed.scheme == "file":
        return urllib.parse.unquote(parsed.path)
    return None


def extract_files(published: Optional[str], any_language: bool,
                  batch_size: int) -> Callable[[Iterator[pa.RecordBatch]], Iterator[pa.RecordBatch]]:
    """The mapInArrow function: batches of `path` rows in, document batches out."""

    def run_partition(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        import dyad

        for batch in batches:
            for path in batch.column("path").to_pylist():
                local = local_path(path)
                source = local if local is not None else _open(path)
                stream = dyad.extract_stream(
                    source, name=path, published=published, any_language=any_language,
                    batch_size=batch_size,
                )
                for out in stream:
                    yield out
                stats = stream.stats() or {}
                for message in stats.get("errors", [])[:20]:
                    print(f"dyad: {message}", file=sys.stderr)

    return run_partition


def merge_block(day_window: int, undated_window: int):
    """The applyInArrow function: the reports of one block in, its happenings out."""

    def run_group(table: pa.Table) -> pa.Table:
        import dyad

        schema = dyad.reports_schema()
        nullable = pa.schema([f.with_nullable(True) for f in schema])
        table = table.select(schema.names).cast(nullable)
        merged = dyad.merge_reports(table, day_window=day_window, undated_window=undated_window)
        return pa.Table.from_batches([merged])

    return run_group


def spark_schema(arrow_schema: pa.Schema):
    """The Spark schema of an Arrow schema."""
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(arrow_schema)


def ship_package(spark) -> None:
    """Makes `dyad_spark` importable on the executors (the mapInArrow and applyInArrow
    functions live in it): zips this package and adds it with `addPyFile`, once per
    session. The `dyad` wheel itself must be installed on every node (docs/spark.md)."""
    import tempfile
    import zipfile

    context = spark.sparkContext
    if getattr(context, "_dyad_spark_shipped", False):
        return
    package = os.path.dirname(os.path.abspath(__file__))
    archive = os.path.join(tempfile.mkdtemp(prefix="dyad-spark-"), "dyad_spark.zip")
    with zipfile.ZipFile(archive, "w") as zf:
        for name in sorted(os.listdir(package)):
            if name.endswith(".py"):
                zf.write(os.path.join(package, name), f"dyad_spark/{name}")
    context.addPyFile(archive)
    context._dyad_spark_shipped = True


def run(spark, inputs: List[str], output: str, *, published: Optional[str] = None,
        any_language: bool = False, merge: bool = True, paths_file: Optional[str] = None,
        prefix: str = "", files_per_task: int = 1, batch_size: int = 256,
        day_window: int = 2, undated_window: int = 3) -> dict:
    """Runs the job; returns counts (`files`, `documents`, `events`, `merged`)."""
    import dyad
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    ship_package(spark)
    files = list_inputs(spark, inputs, paths_file, prefix)
    if not files:
        raise SystemExit("dyad: no input files")
    tasks = max(1, (len(files) + files_per_task - 1) // files_per_task)
    paths = spark.createDataFrame([(f,) for f in files], "path string")
    # One task per `files_per_task` files; round-robin spreads them evenly.
    paths = paths.repartition(tasks)
    documents = paths.mapInArrow(
        extract_files(published, any_language, batch_size),
        spark_schema(dyad.documents_schema()),
    ).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        out = output.rstrip("/")
        documents.drop("events").write.mode("overwrite").partitionBy("published") \
            .parquet(f"{out}/documents")
        events = documents.select(F.explode("events").alias("e")).select("e.*")
        events.write.mode("overwrite").partitionBy("anchor").parquet(f"{out}/events")
        counts = {"files": len(files)}
        counts.update(documents.agg(
            F.count(F.lit(1)).alias("documents"), F.sum("num_events").alias("events"),
        ).first().asDict())
        counts["events"] = int(counts["events"] or 0)
        if merge:
            reports = spark.read.parquet(f"{out}/events")
            merged = reports.groupBy("block").applyInArrow(
                merge_block(day_window, undated_window),
                spark_schema(dyad.merged_schema()),
            )
            merged.write.mode("overwrite").partitionBy("anchor").parquet(f"{out}/merged")
            counts["merged"] = spark.read.parquet(f"{out}/merged").count()
        return counts
    finally:
        documents.unpersist()


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="dyad_spark.job", description="dyad over WARC/JSONL files on Spark")
    parser.add_argument("inputs", nargs="*", help="files, globs or directories (file:, hdfs:, s3a:, http(s):)")
    parser.add_argument("--output", required=True, help="output folder (documents/, events/, merged/)")
    parser.add_argument("--paths-file", help="a listing of inputs, one per line (e.g. CC-NEWS warc.paths.gz)")
    parser.add_argument("--prefix", default="", help="prefix for --paths-file lines (e.g. s3a://commoncrawl/)")
    parser.add_argument("--published", help="publication date (YYYY-MM-DD) for documents that carry none")
    parser.add_argument("--any-language", action="store_true", help="keep documents not in English")
    parser.add_argument("--no-merge", action="store_true", help="skip the cross-article merge")
    parser.add_argument("--files-per-task", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=256, help="documents per Arrow batch")
    args = parser.parse_args(argv)

    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("dyad").getOrCreate()
    counts = run(
        spark, args.inputs, args.output, published=args.published,
        any_language=args.any_language, merge=not args.no_merge, paths_file=args.paths_file,
        prefix=args.prefix, files_per_task=args.files_per_task, batch_size=args.batch_size,
    )
    print("dyad: " + ", ".join(f"{k} {v}" for k, v in counts.items()), file=sys.stderr)
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
