"""The Spark job over WARC files written here, in local[2] mode, against `dyad extract` on
the same files: the same documents and the same events, event for event; and the merged
events follow the store's rule (every report lands in exactly one happening)."""

from __future__ import annotations

import json
import subprocess
from collections import defaultdict
from pathlib import Path

import pyarrow.dataset as ds
import pytest

import warcs

dyad = pytest.importorskip("dyad")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("warcs")
    inputs = folder / "in"
    (inputs / "sub").mkdir(parents=True)
    warcs.write_warc(inputs / "a.warc.gz", 25, seed=1)
    warcs.write_warc(inputs / "b.warc", 20, seed=2, compress=False)
    warcs.write_warc(inputs / "sub" / "c.warc.gz", 15, seed=3)
    lines = [
        {"id": "j1", "text": "Russia and China signed a trade agreement in Beijing on Monday.",
         "published": "2024-11-27", "source": "wire"},
        {"id": "j2", "text": "Protesters rallied in Nairobi on Tuesday against new taxes.",
         "published": "2024-11-27"},
    ]
    (inputs / "d.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    return folder


@pytest.fixture(scope="module")
def job_output(spark, corpus) -> tuple[Path, dict]:
    from dyad_spark.job import run

    out = corpus / "out"
    counts = run(spark, [str(corpus / "in")], str(out), published="2024-12-01")
    return out, counts


def cli_extractions(dyad_bin: str, corpus: Path) -> list[dict]:
    result = subprocess.run(
        [dyad_bin, "extract", "--published", "2024-12-01", str(corpus / "in")],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_spark_events_equal_dyad_extract_event_for_event(job_output, corpus, dyad_bin):
    out, counts = job_output
    expected = cli_extractions(dyad_bin, corpus)
    assert len(expected) == 62, len(expected)  # 60 pages (skipped records left out) + 2 lines

    docs = ds.dataset(out / "documents", format="parquet", partitioning="hive").to_table()
    assert sorted(docs.column("doc_id").to_pylist()) == sorted(x["doc"]["id"] for x in expected)
    assert counts["documents"] == len(expected)

    events = ds.dataset(out / "events", format="parquet", partitioning="hive").to_table()
    got: dict[str, list] = defaultdict(list)
    for row in events.select(["doc_id", "ordinal", "event_json"]).to_pylist():
        got[row["doc_id"]].append((row["ordinal"], json.loads(row["event_json"])))
    want = {x["doc"]["id"]: x["events"] for x in expected if x["events"]}
    assert set(got) == set(want)
    total = 0
    for doc_id, evs in want.items():
        assert [e for _, e in sorted(got[doc_id], key=lambda p: p[0])] == evs, doc_id
        total += len(evs)
    assert total == events.num_rows == counts["events"] > 50

    # The flat columns say what the event JSON says.
    for row in events.to_pylist():
        e = json.loads(row["event_json"])
        assert row["event"] == e["event"] and row["cameo"] == e["cameo"]
        assert row["actor_codes"] == "|".join(a.get("code") or "" for a in e["actor"])
        assert row["status"] == e["status"]
        assert (row["date"].isoformat() if row["date"] else None) == e.get("date")


def test_documents_match_the_cli_documents(job_output, corpus, dyad_bin):
    out, _ = job_output
    expected = {x["doc"]["id"]: x["doc"] for x in cli_extractions(dyad_bin, corpus)}
    docs = ds.dataset(out / "documents", format="parquet", partitioning="hive").to_table()
    for row in docs.to_pylist():
        doc = expected[row["doc_id"]]
        assert row["text"] == doc["text"]
        assert row["url"] == doc.get("url") and row["title"] == doc.get("title")
        assert str(row["published"]) == doc["published"]


def test_merged_events_partition_the_reports(job_output):
    out, counts = job_output
    merged = ds.dataset(out / "merged", format="parquet", partitioning="hive").to_table()
    rows = merged.to_pylist()
    assert counts["merged"] == len(rows)
    # Several outlets report the same happenings: the merge must merge some.
    assert len(rows) < counts["events"]
    assert sum(r["num_mentions"] for r in rows) == counts["events"]
    assert len({r["event_id"] for r in rows}) == len(rows)
    assert max(r["num_sources"] for r in rows) >= 2
    names = [f.name for f in dyad.merged_schema()]
    # The store's flat export columns come first, in order.
    assert names[:3] == ["event_id", "event", "mode"] and "anchor" in merged.column_names


def test_spark_merge_equals_the_binding_merge_on_all_reports(job_output):
    out, _ = job_output
    reports = ds.dataset(out / "events", format="parquet", partitioning="hive").to_table()
    import pyarrow as pa

    schema = dyad.reports_schema()
    table = reports.select(schema.names).cast(pa.schema([f.with_nullable(True) for f in schema]))
    once = dyad.merge_reports(table).to_pylist()
    merged = ds.dataset(out / "merged", format="parquet", partitioning="hive").to_table()
    key = lambda r: (r["event_id"], r["num_mentions"], r["documents"], r["status"])  # noqa: E731
    assert sorted(map(key, once)) == sorted(map(key, merged.to_pylist()))


def test_binding_reads_strings_html_and_streams():
    x = dyad.extract(
        "Russian Defence Minister Andrei Belousov met North Korean leader Kim Jong Un "
        "in Pyongyang on Friday.", id="seed", published="2024-12-01")
    assert x["doc"]["id"] == "seed"
    assert any(e["event"] == "CONSULT" and e["date"] == "2024-11-29" for e in x["events"])
    page = warcs.page("t", ["Russia and China signed a trade agreement in Beijing on Monday."],
                      warcs.date(2024, 6, 5), "A")
    h = dyad.extract_html(page, url="https://x.example/a")
    assert h["doc"]["id"] == "https://x.example/a" and h["doc"]["published"] == "2024-06-05"
    lines = b'{"id":"a","text":"Kim met Putin in Moscow on Monday."}\nnot json\n'
    stream = dyad.extract_stream(lines, name="x.jsonl", output="json", published="2024-06-05")
    got = [json.loads(line) for line in stream]
    assert [g["doc"]["id"] for g in got] == ["a"]
    assert stream.stats()["failed"] == 1
    assert dyad.extract_json(lines, "x.jsonl", published="2024-06-05") == [
        json.dumps(got[0], separators=(",", ":"), ensure_ascii=False)
    ] or json.loads(dyad.extract_json(lines, "x.jsonl", published="2024-06-05")[0]) == got[0]
    with pytest.raises(ValueError):
        dyad.extract("x", published="not a date")
