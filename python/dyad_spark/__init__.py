"""dyad on Apache Spark: WARC/JSONL inputs in, Parquet documents, events and merged events
out. The extraction runs in the `dyad` extension module (Rust, built with maturin) inside
`mapInArrow`; see `dyad_spark.job` and docs/spark.md."""

from dyad_spark.job import run  # noqa: F401
