//! End-to-end tests of the `dyad` binary: inputs, formats, errors and exit statuses.
//! They check structure and format, not the content of extraction.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn dyad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn example() -> PathBuf {
    root().join("examples/articles/baltic-border-talks.txt")
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("the dyad binary runs")
}

fn stdout_lines(out: &Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    stdout_lines(out)
        .iter()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

#[test]
fn extract_example_gives_one_contract_line() {
    let out = run(dyad()
        .args(["extract", "--published", "2025-03-14"])
        .arg(example()));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 1);
    let v = &lines[0];
    for key in ["doc", "entities", "events"] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["doc"]["published"], "2025-03-14");
    assert!(v["doc"]["text"]
        .as_str()
        .unwrap_or_default()
        .contains("Warsaw"));
    assert!(v["entities"].is_array() && v["events"].is_array());
}

#[test]
fn jsonl_with_a_broken_line_goes_on_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("docs.jsonl");
    std::fs::write(
        &path,
        concat!(
            r#"{"id": "a", "text": "Russia and China signed a trade agreement on Monday."}"#,
            "\n",
            "{this is not json\n",
            r#"{"id": "c", "text": "Egypt hosted talks with Sudan.", "published": "2025-01-02"}"#,
            "\n"
        ),
    )
    .unwrap();
    let out = run(dyad()
        .args(["extract", "--published", "2025-03-14"])
        .arg(&path));
    assert_eq!(out.status.code(), Some(1));
    let lines = json_lines(&out);
    let ids: Vec<&str> = lines
        .iter()
        .filter_map(|v| v["doc"]["id"].as_str())
        .collect();
    assert_eq!(ids, ["a", "c"]);
    assert_eq!(lines[1]["doc"]["published"], "2025-01-02");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("docs.jsonl:2"), "{stderr}");
}

#[test]
fn stdin_is_read_without_inputs_and_with_dash() {
    for args in [vec!["extract"], vec!["extract", "-"]] {
        let mut child = dyad()
            .args(&args)
            .args(["--published", "2025-03-14"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(b"Russia and China signed a trade agreement on Monday.")
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
        let lines = json_lines(&out);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0]["doc"]["published"], "2025-03-14");
        assert!(lines[0]["doc"]["text"]
            .as_str()
            .unwrap()
            .contains("trade agreement"));
    }
}

#[test]
fn usage_errors_exit_2() {
    let out = run(dyad().args(["extract", "--format", "xml"]).arg(example()));
    assert_eq!(out.status.code(), Some(2));
    let out = run(dyad()
        .args(["extract", "--published", "14/03/2025"])
        .arg(example()));
    assert_eq!(out.status.code(), Some(2));
    let out = run(dyad().args(["eval", "article", "nowhere"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("nowhere"),
        "the error names the missing set"
    );
    let out = run(dyad()
        .args(["extract", "--data", "/nonexistent/dyad-data"])
        .arg(example()));
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn missing_file_is_reported_and_the_run_goes_on() {
    let out = run(dyad()
        .args(["extract", "/nonexistent/missing.txt"])
        .arg(example()));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json_lines(&out).len(), 1);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("/nonexistent/missing.txt"), "{stderr}");
    assert!(stderr.contains("1 failed"), "{stderr}");
}

#[test]
fn html_file_gives_text_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.html");
    std::fs::write(
        &path,
        "<html><head><title>Talks</title></head><body><article><p>Russia and China signed a \
         trade agreement in Beijing on Monday, officials said.</p></article></body></html>",
    )
    .unwrap();
    let out = run(dyad()
        .args(["extract", "--published", "2025-03-14"])
        .arg(&path));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 1);
    let text = lines[0]["doc"]["text"].as_str().unwrap_or_default();
    assert!(text.contains("trade agreement"), "{text}");
    assert!(!text.contains("<p>"), "markup left in the text: {text}");
}

#[test]
fn directories_walk_and_summarise() {
    let articles = std::fs::read_dir(root().join("examples/articles"))
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            !name.to_string_lossy().starts_with('.')
        })
        .count();
    assert!(articles >= 2);
    let out = run(dyad().arg("extract").arg(root().join("examples/articles")));
    assert!(out.status.success());
    assert_eq!(json_lines(&out).len(), articles);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("{articles} documents read, 0 failed")),
        "{stderr}"
    );
}

#[test]
fn gdelt_rows_have_61_columns() {
    let out = run(dyad()
        .args(["extract", "--format", "gdelt", "--published", "2025-03-14"])
        .arg(root().join("examples/articles")));
    assert!(out.status.success());
    for line in stdout_lines(&out) {
        assert_eq!(line.split('\t').count(), 61, "{line}");
    }
}

#[test]
fn plover_records_parse() {
    let out = run(dyad()
        .args(["extract", "--format", "plover", "--published", "2025-03-14"])
        .arg(root().join("examples/articles")));
    assert!(out.status.success());
    for v in json_lines(&out) {
        for key in [
            "id",
            "date",
            "actor",
            "recipient",
            "event",
            "event_text",
            "text",
        ] {
            assert!(v.get(key).is_some(), "missing {key}: {v}");
        }
    }
}

#[test]
fn closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let body = "Russia and China signed a trade agreement on Monday. ".repeat(400);
    for i in 0..60 {
        std::fs::write(dir.path().join(format!("doc{i:02}.txt")), &body).unwrap();
    }
    let mut child = dyad()
        .arg("extract")
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("Broken pipe"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}

#[test]
fn eval_prints_a_table_or_json() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold.jsonl");
    std::fs::write(
        &gold,
        concat!(
            r#"{"id":"1","date":"2000-01-01","text":"Jordan and Britain have agreed to undertake joint military exercises this month.","event":"AGREE","source":[{"actorText":"Jordan","code":"JOR"}],"target":""}"#,
            "\n"
        ),
    )
    .unwrap();
    let out = run(dyad().args(["eval", "plover"]).arg(&gold));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("event type"), "{table}");
    let out = run(dyad().args(["eval", "plover", "--json"]).arg(&gold));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["records"], 1);
    let out = run(dyad()
        .args(["eval", "plover"])
        .arg(dir.path().join("missing.jsonl")));
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn bench_reports_throughput() {
    let out = run(dyad()
        .args(["bench", "--json", "--seconds", "0.2"])
        .arg(example()));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["documents"], 1);
    assert!(v["sentences"].as_u64().unwrap_or(0) > 0);
    assert!(v["seconds"].as_f64().unwrap_or(0.0) >= 0.2);
}

/// A one-story `voa-events` directory: two sentences, one gold event.
fn events_dir(gold: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let s0 = "Russian forces shelled Kharkiv on Friday, Ukraine's military said. ";
    let s1 = "The weather was mild.";
    let story = serde_json::json!({
        "doc_id": "100", "title": "Shelling", "published": "2025-03-16",
        "text": format!("{s0}{s1}"),
        "sentences": [
            {"sid": 0, "start": 0, "end": s0.len(), "sentence": s0},
            {"sid": 1, "start": s0.len(), "end": s0.len() + s1.len(), "sentence": s1}
        ]
    });
    std::fs::create_dir_all(dir.path().join("in")).unwrap();
    std::fs::create_dir_all(dir.path().join("gold")).unwrap();
    std::fs::write(dir.path().join("in/100.json"), story.to_string()).unwrap();
    std::fs::write(dir.path().join("gold/100.jsonl"), gold).unwrap();
    dir
}

#[test]
fn eval_events_scores_a_story_directory() {
    let gold = concat!(
        r#"{"doc_id":"100","sid":0,"events":[{"type":"ASSAULT","alt":[],"trigger":"shelled","actor":{"text":"Russian forces","code":"RUS","sector":"MIL"},"recipient":{"text":"Kharkiv","code":"UKR","sector":null},"status":"reported","source":{"text":"Ukraine's military","code":"UKR"},"denied_by":[],"date":"2025-03-14","place":"Kharkiv","magnitude":null,"note":""}]}"#,
        "\n",
        r#"{"doc_id":"100","sid":1,"events":[]}"#,
        "\n"
    );
    let dir = events_dir(gold);
    let out = run(dyad().args(["eval", "events", "--json"]).arg(dir.path()));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["set"], "voa-events");
    assert_eq!(v["split"], "all");
    assert_eq!(
        (v["stories"].as_u64(), v["gold_units"].as_u64()),
        (Some(1), Some(1))
    );
    for key in [
        "event_type",
        "type_and_actors",
        "status",
        "date",
        "source",
        "per_type",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    let out = run(dyad().args(["eval", "events", "--misses"]).arg(dir.path()));
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("split all: 1 of 1 stories"), "{table}");
    assert!(table.contains("type + actors"), "{table}");
    // The one story (index 0) is a training story; no story is held out.
    let out = run(dyad()
        .args(["eval", "events", "--json", "--split", "heldout"])
        .arg(dir.path()));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["stories"], 0);

    // A bad gold line is an error naming the file and the line.
    let dir = events_dir(&gold.replace("ASSAULT", "ATTACK"));
    let out = run(dyad().args(["eval", "events"]).arg(dir.path()));
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("100.jsonl:1: event 1: `ATTACK`"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    // --split is for `events` only.
    let out = run(dyad()
        .args(["eval", "plover", "--split", "train"])
        .arg(dir.path()));
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn eval_events_on_the_shared_set() {
    let Some(dir) =
        dyad_data::shared::path_or_skip("eval_events_on_the_shared_set", "eval/voa-events")
    else {
        return;
    };
    // Scores only: no misses, so nothing of the held-out stories is shown.
    let stories = |split: &str| {
        let out = run(dyad()
            .args(["eval", "events", "--json", "--split", split])
            .arg(&dir));
        assert!(
            out.status.success(),
            "{split}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(v["gold_units"].as_u64().unwrap_or(0) > 0, "{split}");
        assert!(
            v["event_type"]["found"].as_u64().unwrap_or(0) > 0,
            "{split}"
        );
        v["stories"].as_u64().unwrap_or(0)
    };
    let (train, heldout, all) = (stories("train"), stories("heldout"), stories("all"));
    // Every third story (0-based index 2, 5, 8, ... by doc_id) is held out.
    assert_eq!((train + heldout, heldout), (all, all / 3));
}

#[test]
fn bad_publication_dates_are_errors_naming_input_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("dated.jsonl");
    std::fs::write(
        &input,
        "{\"id\": \"a\", \"text\": \"Japan protested to China.\", \"published\": \"2024-12-01\"}\n\
         {\"id\": \"b\", \"text\": \"Japan protested to China.\", \"published\": \"2024-02-30\"}\n\
         {\"id\": \"c\", \"text\": \"Japan protested to China.\", \"published\": \"9999-12-31\"}\n",
    )
    .unwrap();
    let out = run(dyad()
        .args(["extract", "--published", "2025-01-01"])
        .arg(&input));
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("dated.jsonl:2: published: \"2024-02-30\""),
        "{stderr}"
    );
    assert!(
        stderr.contains("dated.jsonl:3: published: \"9999-12-31\""),
        "{stderr}"
    );
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 1, "only the well-dated document is coded");
    assert_eq!(lines[0]["doc"]["published"], "2024-12-01");

    for flag in ["0001-01-01", "2024-02-30"] {
        let out = run(dyad().args(["extract", "--published", flag]).arg(&input));
        assert_eq!(out.status.code(), Some(2), "{flag}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("--published"), "{stderr}");
    }
}
