//! End-to-end tests of the store commands (`dyad ingest`, `events`, `dyads`, `export`):
//! three differently worded reports of one event become one event; re-ingesting adds
//! nothing; an ingest killed with SIGKILL and rerun gives the store a clean run gives; each
//! query filter selects what it names; exports are well formed; foreign files are refused.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use dyad_store::Store;

fn dyad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("the dyad binary runs")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn json_lines(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

fn ingest(db: &Path, inputs: &[&Path]) -> serde_json::Value {
    let out = run(dyad()
        .arg("ingest")
        .arg("--db")
        .arg(db)
        .arg("--json")
        .args(inputs));
    let text = ok(&out);
    serde_json::from_str(text.trim()).unwrap_or_else(|e| panic!("summary ({e}): {text}"))
}

fn events(db: &Path, filters: &[&str]) -> Vec<serde_json::Value> {
    json_lines(&ok(&run(dyad()
        .arg("events")
        .arg("--db")
        .arg(db)
        .arg("--json")
        .args(filters))))
}

/// examples/README.md promises that the two outlets' reports of the North Korean missile
/// launch become one event with two sources in the store (what `dyad demo` shows).
#[test]
fn the_bundled_examples_merge_the_launch_reported_by_two_outlets() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("examples.db");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    ingest(&db, &[&root.join("examples")]);
    let merged = events(&db, &["--min-sources", "2"]);
    let launch = merged
        .iter()
        .find(|e| e["event"] == "ASSAULT")
        .unwrap_or_else(|| panic!("no ASSAULT with two sources: {merged:#?}"));
    assert_eq!(launch["actor"][0]["code"], "PRK", "{launch:#}");
    assert_eq!(launch["num_sources"], 2, "{launch:#}");
}

/// Three reports of one meeting, worded differently, by three outlets.
const MEETING: &str = r#"{"id": "reuters-1", "source": "Reuters", "published": "2024-11-30", "title": "Russian defence minister meets Kim", "text": "Russian Defence Minister Andrei Belousov met North Korean leader Kim Jong Un in Pyongyang on Friday, state media said."}
{"id": "ap-7", "source": "Associated Press", "published": "2024-11-30", "url": "https://apnews.com/article/7", "title": "Kim hosts Belousov", "text": "North Korea's Kim Jong Un held talks with Russia's defense minister Andrei Belousov in Pyongyang on Friday, discussing military cooperation."}
{"id": "yonhap-3", "source": "Yonhap", "published": "2024-12-01", "title": "Belousov visit", "text": "Andrei Belousov, the Russian defence minister, met with Kim Jong Un on Friday in the North Korean capital Pyongyang."}
"#;

#[test]
fn three_articles_on_one_meeting_are_one_event_and_reingest_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("meeting.jsonl");
    std::fs::write(&input, MEETING).unwrap();
    let db = dir.path().join("dyad.db");
    let first = ingest(&db, &[&input]);
    assert_eq!(first["stored"], 3, "{first}");
    let all = events(&db, &[]);
    let meetings: Vec<&serde_json::Value> =
        all.iter().filter(|e| e["event"] == "CONSULT").collect();
    assert_eq!(meetings.len(), 1, "{all:#?}");
    let e = meetings[0];
    assert_eq!(e["num_articles"], 3);
    assert_eq!(e["num_sources"], 3);
    assert_eq!(e["num_mentions"], 3);
    let mut sources: Vec<&str> = e["sources"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s.as_str())
        .collect();
    sources.sort();
    assert_eq!(sources, ["Associated Press", "Reuters", "Yonhap"]);
    assert_eq!(e["documents"].as_array().unwrap().len(), 3);
    assert_eq!(e["date"], "2024-11-29");
    assert_eq!(e["first_seen"], "2024-11-30");
    assert_eq!(e["last_seen"], "2024-12-01");
    let codes = |side: &str| -> Vec<String> {
        e[side]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|a| a["code"].as_str().map(str::to_string))
            .collect()
    };
    // A meeting is reciprocal: both parties on both sides, or one on each.
    let mut pair = [codes("actor"), codes("recipient")].concat();
    pair.sort();
    pair.dedup();
    assert_eq!(pair, ["PRK", "RUS"]);

    let again = ingest(&db, &[&input]);
    assert_eq!(again["stored"], 0, "{again}");
    assert_eq!(again["already_stored"], 3, "{again}");
    assert_eq!(again["store_events"], first["store_events"]);
    assert_eq!(events(&db, &[]), all);
}

/// Countries with a demonym, a capital and a leader title, for generated news.
const COUNTRIES: [(&str, &str, &str); 12] = [
    ("France", "French", "Paris"),
    ("Germany", "German", "Berlin"),
    ("Japan", "Japanese", "Tokyo"),
    ("India", "Indian", "New Delhi"),
    ("Brazil", "Brazilian", "Brasilia"),
    ("Egypt", "Egyptian", "Cairo"),
    ("Turkey", "Turkish", "Ankara"),
    ("Poland", "Polish", "Warsaw"),
    ("Kenya", "Kenyan", "Nairobi"),
    ("Canada", "Canadian", "Ottawa"),
    ("Mexico", "Mexican", "Mexico City"),
    ("Indonesia", "Indonesian", "Jakarta"),
];

const WEEKDAYS: [&str; 5] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

/// `n` generated JSONL documents of varied events between varied countries.
fn generated_corpus(n: usize) -> String {
    generated_corpus_named("gen", n)
}

/// [`generated_corpus`] with ids `{prefix}-0`, `{prefix}-1`, ...
fn generated_corpus_named(prefix: &str, n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        let (a, a_adj, a_cap) = COUNTRIES[i % COUNTRIES.len()];
        let (b, b_adj, _) = COUNTRIES[(i * 7 + 3) % COUNTRIES.len()];
        let (b, b_adj) = if a == b {
            ("Russia", "Russian")
        } else {
            (b, b_adj)
        };
        let day = WEEKDAYS[i % WEEKDAYS.len()];
        let month = 1 + (i / 10) % 12;
        let published = format!("2024-{month:02}-{:02}", 10 + i % 15);
        let text = match i % 4 {
            0 => format!("The {a_adj} foreign minister met his {b_adj} counterpart in {a_cap} on {day} to discuss trade."),
            1 => format!("{a} and {b} signed a trade agreement on {day}, officials said."),
            2 => format!("{a} accused {b} of violating the ceasefire on {day}."),
            _ => format!("{a_adj} police arrested dozens of {b_adj} protesters in {a_cap} on {day}, witnesses said."),
        };
        let source = ["Reuters", "AFP", "AP", "BBC", "Al Jazeera"][i % 5];
        let record = serde_json::json!({
            "id": format!("{prefix}-{i}"),
            "source": source,
            "published": published,
            "title": format!("Report {i}"),
            "text": format!("{text}\n\nThe {prefix} report number {i} was filed from {a_cap}."),
        });
        out.push_str(&record.to_string());
        out.push('\n');
    }
    out
}

fn store_counts(db: &Path) -> (u64, u64, u64, u64) {
    let store = Store::open(db).unwrap();
    let s = store.stats().unwrap();
    (s.documents, s.events, s.reports, s.entities)
}

#[cfg(unix)]
#[test]
fn an_ingest_killed_with_sigkill_completes_on_rerun() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("many.jsonl");
    // Large enough that a release build cannot finish between the poll and the kill.
    let n = 2000;
    std::fs::write(&input, generated_corpus(n)).unwrap();

    let clean = dir.path().join("clean.db");
    let summary = ingest(&clean, &[&input]);
    assert_eq!(summary["stored"], n, "{summary}");

    let killed = dir.path().join("killed.db");
    let mut child = dyad()
        .arg("ingest")
        .arg("--db")
        .arg(&killed)
        .args(["--batch", "5", "--jobs", "1"])
        .arg(&input)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    let stored_at_kill = loop {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("ingest finished ({status}) before it could be killed; make the corpus larger");
        }
        if killed.exists() {
            if let Ok(store) = Store::open(&killed) {
                let stored = store.stats().map(|s| s.documents).unwrap_or(0);
                if stored >= 10 {
                    break stored;
                }
            }
        }
        assert!(Instant::now() < deadline, "ingest made no progress");
        std::thread::sleep(Duration::from_millis(10));
    };
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    let partial = store_counts(&killed).0;
    assert!(partial >= stored_at_kill && partial < n as u64, "{partial}");

    let rerun = ingest(&killed, &[&input]);
    assert_eq!(
        rerun["stored"].as_u64().unwrap() + partial,
        n as u64,
        "{rerun}"
    );
    assert_eq!(store_counts(&killed), store_counts(&clean));
    // The same events with the same counts, in the same order.
    let strip = |v: Vec<serde_json::Value>| -> Vec<(String, u64, u64, u64)> {
        v.into_iter()
            .map(|e| {
                (
                    format!("{} {} {}", e["event"], e["date"], e["evidence"]),
                    e["num_mentions"].as_u64().unwrap(),
                    e["num_sources"].as_u64().unwrap(),
                    e["num_articles"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(strip(events(&killed, &[])), strip(events(&clean, &[])));
}

/// Starts `dyad serve` on a loopback port over `db` (with `flags`); returns the process
/// and its address.
fn serve(db: &Path, flags: &[&str]) -> (KillOnDrop, String) {
    use std::io::BufRead;
    let mut child = dyad()
        .arg("serve")
        .arg("--store")
        .arg(db)
        .args(["--addr", "127.0.0.1:0"])
        .args(flags)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let server = KillOnDrop(child);
    let mut line = String::new();
    std::io::BufReader::new(stdout)
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .trim()
        .strip_prefix("listening on http://")
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
        .to_string();
    (server, addr)
}

/// A child process killed when the test ends, whatever happens.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// POSTs JSON lines to the server; returns the status line and the body.
fn post_jsonl(addr: &str, body: &str) -> (String, String) {
    http(
        addr,
        "POST /api/documents",
        "Content-Type: application/x-ndjson\r\n",
        body,
    )
}

/// One HTTP/1.1 exchange (`request`: method and path); returns the status line and the
/// body.
fn http(addr: &str, request: &str, headers: &str, body: &str) -> (String, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .unwrap();
    write!(
        stream,
        "{request} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n{headers}\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let status = answer.lines().next().unwrap_or_default().to_string();
    let body = answer
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

#[test]
fn two_ingests_and_the_server_write_one_store_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shared.db");
    drop(Store::open(&db).unwrap());
    let n = 150;
    let inputs: Vec<PathBuf> = ["a", "b"]
        .iter()
        .map(|prefix| {
            let path = dir.path().join(format!("{prefix}.jsonl"));
            std::fs::write(&path, generated_corpus_named(prefix, n)).unwrap();
            path
        })
        .collect();
    let (_server, addr) = serve(&db, &[]);
    // Small batches: many transactions, so the writers keep meeting each other.
    let ingests: Vec<_> = inputs
        .iter()
        .map(|input| {
            dyad()
                .arg("ingest")
                .arg("--db")
                .arg(&db)
                .args(["--batch", "3", "--jobs", "1", "--json"])
                .arg(input)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let posts: Vec<String> = generated_corpus_named("p", 20)
        .lines()
        .map(str::to_string)
        .collect();
    for line in &posts {
        let (status, body) = post_jsonl(&addr, line);
        assert!(status.contains(" 200 "), "{status}: {body}");
        assert!(body.contains("\"added\":1"), "{body}");
    }
    for child in ingests {
        let out = child.wait_with_output().unwrap();
        let summary: serde_json::Value = serde_json::from_str(ok(&out).trim()).unwrap();
        assert_eq!(summary["stored"], n, "{summary}");
        assert_eq!(summary["failed"], 0, "{summary}");
    }
    let store = Store::open(&db).unwrap();
    let page = store.documents(None, 500, 0).unwrap();
    let mut keys: Vec<String> = page.documents.into_iter().map(|d| d.doc_key).collect();
    keys.sort();
    let mut expected: Vec<String> = ["a", "b"]
        .iter()
        .flat_map(|p| (0..n).map(move |i| format!("{p}-{i}")))
        .chain((0..posts.len()).map(|i| format!("p-{i}")))
        .collect();
    expected.sort();
    assert_eq!(keys, expected);
}

/// A directory whose files the operating system keeps from being written or created, as on
/// a read-only mount, until it is dropped.
#[cfg(unix)]
struct ReadOnlyDir {
    paths: Vec<PathBuf>,
    /// Made immutable with `chattr +i` (which binds root too), not only by permissions.
    immutable: bool,
}

#[cfg(unix)]
impl ReadOnlyDir {
    /// Makes `dir` and its files read-only: by permissions, or, where they do not bind
    /// (root), with `chattr +i`. None when neither keeps a new file from being created.
    fn new(dir: &Path) -> Option<ReadOnlyDir> {
        use std::os::unix::fs::PermissionsExt;
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.push(dir.to_path_buf());
        let writable = || {
            let probe = dir.join("probe");
            let created = std::fs::write(&probe, b"x").is_ok();
            let _ = std::fs::remove_file(&probe);
            created
        };
        for path in &paths {
            let mode = if path.is_dir() { 0o555 } else { 0o444 };
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
        }
        let mut guard = ReadOnlyDir {
            paths,
            immutable: false,
        };
        if !writable() {
            return Some(guard);
        }
        guard.immutable = true;
        let chattr = Command::new("chattr").arg("+i").args(&guard.paths).output();
        (chattr.is_ok_and(|o| o.status.success()) && !writable()).then_some(guard)
    }
}

#[cfg(unix)]
impl Drop for ReadOnlyDir {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        if self.immutable {
            let _ = Command::new("chattr").arg("-i").args(&self.paths).output();
        }
        for path in &self.paths {
            let mode = if path.is_dir() { 0o755 } else { 0o644 };
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode));
        }
    }
}

#[cfg(unix)]
#[test]
fn a_store_on_a_read_only_directory_is_read_and_says_why_it_is_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("meeting.jsonl");
    std::fs::write(&input, MEETING).unwrap();
    let mount = dir.path().join("mount");
    std::fs::create_dir(&mount).unwrap();
    let db = mount.join("dyad.db");
    ingest(&db, &[&input]);
    let expected = events(&db, &[]);
    let Some(_read_only) = ReadOnlyDir::new(&mount) else {
        eprintln!("skipping: this system cannot make a directory read-only for this user");
        return;
    };
    assert_eq!(events(&db, &[]), expected);
    let csv = ok(&run(dyad()
        .args(["export", "--format", "csv", "--db"])
        .arg(&db)));
    assert_eq!(csv.lines().count(), expected.len() + 1, "{csv}");

    let (_server, addr) = serve(&db, &["--read-only"]);
    let (status, body) = http(&addr, "GET /api/events", "", "");
    assert!(status.contains(" 200 "), "{status}: {body}");
    let page: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(page["total"], expected.len(), "{page}");

    let out = run(dyad().arg("ingest").arg("--db").arg(&db).arg(&input));
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cannot be written"), "{stderr}");
    assert!(!stderr.contains("not a dyad store"), "{stderr}");
}

/// A store built from a small generated corpus plus the meeting reports.
fn query_store(dir: &Path) -> PathBuf {
    let generated = dir.join("generated.jsonl");
    std::fs::write(&generated, generated_corpus(60)).unwrap();
    let meeting = dir.join("meeting.jsonl");
    std::fs::write(&meeting, MEETING).unwrap();
    let db = dir.join("query.db");
    ingest(&db, &[&generated, &meeting]);
    db
}

fn codes(e: &serde_json::Value, side: &str) -> Vec<String> {
    e[side]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x["code"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn each_filter_selects_what_it_names() {
    let dir = tempfile::tempdir().unwrap();
    let db = query_store(dir.path());
    let all = events(&db, &[]);
    assert!(all.len() > 10, "{}", all.len());
    let total = all.len();

    let check = |filters: &[&str], pred: &dyn Fn(&serde_json::Value) -> bool| {
        let found = events(&db, filters);
        assert!(!found.is_empty(), "{filters:?} found nothing");
        assert!(found.len() < total, "{filters:?} filtered nothing");
        for e in &found {
            assert!(pred(e), "{filters:?} let through {e}");
        }
        // The filter finds every event of the full listing that satisfies it.
        let expected = all.iter().filter(|e| pred(e)).count();
        assert_eq!(found.len(), expected, "{filters:?}");
    };
    check(&["--actor", "RUS"], &|e| {
        codes(e, "actor").contains(&"RUS".into())
    });
    check(&["--recipient", "PRK"], &|e| {
        codes(e, "recipient").contains(&"PRK".into())
    });
    check(&["--dyad", "RUS,PRK"], &|e| {
        let all = [codes(e, "actor"), codes(e, "recipient")].concat();
        all.contains(&"RUS".into()) && all.contains(&"PRK".into())
    });
    check(&["--event", "AGREE"], &|e| e["event"] == "AGREE");
    check(&["--status", "reported"], &|e| e["status"] == "reported");
    let date = |e: &serde_json::Value| {
        e["date"]
            .as_str()
            .or(e["first_seen"].as_str())
            .unwrap_or("")
            .to_string()
    };
    check(&["--since", "2024-06-01"], &|e| {
        date(e).as_str() >= "2024-06-01"
    });
    check(&["--until", "2024-03-31"], &|e| {
        let d = date(e);
        !d.is_empty() && d.as_str() <= "2024-03-31"
    });
    check(&["--search", "ceasefire"], &|e| {
        e["evidence"].as_str().unwrap_or("").contains("ceasefire")
    });
    check(&["--country", "PRK"], &|e| {
        e["location"]["country"] == "PRK"
    });
    check(&["--min-sources", "2"], &|e| {
        e["num_sources"].as_u64() >= Some(2)
    });

    let limited = events(&db, &["--limit", "3"]);
    assert_eq!(limited.len(), 3);
    let page2 = events(&db, &["--limit", "3", "--offset", "3"]);
    assert_eq!(page2[0], all[3]);
    let by_mentions = events(&db, &["--sort", "mentions", "--limit", "1"]);
    assert_eq!(by_mentions[0]["num_mentions"], 3);

    let count = ok(&run(dyad()
        .args(["events", "--count", "--db"])
        .arg(&db)
        .args(["--event", "ACCUSE"])));
    let accusations = all.iter().filter(|e| e["event"] == "ACCUSE").count();
    assert_eq!(count.trim(), accusations.to_string());

    let table = ok(&run(dyad().args(["events", "--db"]).arg(&db)));
    assert!(table.starts_with("     ID  DATE"), "{table}");

    let dyads = json_lines(&ok(&run(dyad()
        .args(["dyads", "--json", "--by-month", "--dyad", "PRK,RUS", "--db"])
        .arg(&db))));
    assert_eq!(dyads.len(), 1, "{dyads:?}");
    assert_eq!(dyads[0]["month"], "2024-11");
    assert_eq!(dyads[0]["events"], 1);
}

#[test]
fn exports_are_well_formed() {
    let dir = tempfile::tempdir().unwrap();
    let db = query_store(dir.path());
    let total = events(&db, &[]).len();

    let csv = ok(&run(dyad()
        .args(["export", "--format", "csv", "--db"])
        .arg(&db)));
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().starts_with("event_id,event,mode,"));
    assert_eq!(csv.lines().count(), total + 1);

    let plover = json_lines(&ok(&run(dyad()
        .args(["export", "--format", "plover", "--actor", "RUS", "--db"])
        .arg(&db))));
    assert!(!plover.is_empty());
    for record in &plover {
        for key in [
            "id",
            "date",
            "actor",
            "recipient",
            "event",
            "num_sources",
            "documents",
        ] {
            assert!(record.get(key).is_some(), "missing {key}: {record}");
        }
    }

    let path = dir.path().join("events.tsv");
    ok(&run(dyad()
        .args(["export", "--format", "gdelt", "--db"])
        .arg(&db)
        .arg("--output")
        .arg(&path)));
    let gdelt = std::fs::read_to_string(&path).unwrap();
    assert_eq!(gdelt.lines().count(), total);
    assert!(gdelt.lines().all(|l| l.split('\t').count() == 61));
    let meeting = gdelt
        .lines()
        .find(|l| l.contains("\t3\t3\t3\t"))
        .expect("the merged meeting carries its counts");
    assert!(meeting.contains("20241129"));
}

/// A Python that can import `duckdb`, `polars` or `pyarrow`, and which of them.
#[cfg(feature = "parquet")]
fn python_reader() -> Option<(String, &'static str)> {
    let candidates: Vec<String> = std::env::var("DYAD_PYTHON")
        .ok()
        .into_iter()
        .chain(["python3".to_string()])
        .collect();
    for python in candidates {
        for module in ["duckdb", "polars", "pyarrow"] {
            let found = Command::new(&python)
                .args(["-c", &format!("import {module}")])
                .output()
                .is_ok_and(|o| o.status.success());
            if found {
                return Some((python, module));
            }
        }
    }
    None
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_export_reads_back_from_python() {
    let dir = tempfile::tempdir().unwrap();
    let db = query_store(dir.path());
    let total = events(&db, &[]).len();
    let path = dir.path().join("events.parquet");
    ok(&run(dyad()
        .args(["export", "--format", "parquet", "--db"])
        .arg(&db)
        .arg("--output")
        .arg(&path)));
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(&bytes[..4], b"PAR1");
    let Some((python, module)) = python_reader() else {
        eprintln!("skipping the Python read-back: no duckdb, polars or pyarrow (set DYAD_PYTHON)");
        return;
    };
    let script = match module {
        "duckdb" => "import duckdb,sys; r=duckdb.sql(f\"select count(*), max(num_articles), min(date) from read_parquet('{sys.argv[1]}')\").fetchall()[0]; print(r[0], r[1], r[2])",
        "polars" => "import polars as pl,sys; d=pl.read_parquet(sys.argv[1]); print(d.height, d['num_articles'].max(), d['date'].min())",
        _ => "import pyarrow.parquet as pq,sys; t=pq.read_table(sys.argv[1]).to_pydict(); print(len(t['event_id']), max(t['num_articles']), min(d for d in t['date'] if d))",
    };
    let out = run(Command::new(&python).args(["-c", script]).arg(&path));
    let text = ok(&out);
    let fields: Vec<&str> = text.split_whitespace().collect();
    assert_eq!(fields[0], total.to_string(), "{module}: {text}");
    assert_eq!(fields[1], "3", "{module}: {text}");
    assert!(fields[2].starts_with("2024-"), "{module}: {text}");
}

#[test]
fn a_foreign_file_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("notes.db");
    std::fs::write(&db, "my notes, not a store").unwrap();
    let input = dir.path().join("meeting.jsonl");
    std::fs::write(&input, MEETING).unwrap();
    let out = run(dyad().arg("ingest").arg("--db").arg(&db).arg(&input));
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not a dyad store"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&db).unwrap(),
        "my notes, not a store"
    );

    // A directory: the reason once, not "Is a directory (os error 21): Is a directory".
    let out = run(dyad().arg("ingest").arg("--db").arg(dir.path()).arg(&input));
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("(os error 21)").count(), 1, "{stderr}");

    let missing = dir.path().join("missing.db");
    let out = run(dyad().arg("events").arg("--db").arg(&missing));
    assert_eq!(out.status.code(), Some(2));
    assert!(!missing.exists());
}

#[test]
fn organisations_keep_their_codes_through_extract_store_and_gdelt() {
    let dir = tempfile::tempdir().unwrap();
    let text = "NATO accused Russia of violating the airspace of Estonia on Monday.\n\n\
                The European Union imposed new sanctions on Russia on Tuesday.\n";
    let input = dir.path().join("alliances.txt");
    std::fs::write(&input, text).unwrap();
    // extract --format gdelt: the organisations' CAMEO codes and known groups.
    let rows = ok(&run(dyad()
        .args(["extract", "--format", "gdelt", "--published", "2025-03-10"])
        .arg(&input)));
    let cells: Vec<Vec<&str>> = rows.lines().map(|l| l.split('\t').collect()).collect();
    // Actor1Code, Actor1KnownGroupCode are columns 6 and 9 (1-based).
    let actors: Vec<(&str, &str)> = cells.iter().map(|c| (c[5], c[8])).collect();
    assert!(actors.contains(&("IGOWSTNAT", "NAT")), "{actors:?}");
    assert!(actors.contains(&("IGOEUREEC", "EEC")), "{actors:?}");
    // The store keeps two actors; dyads and the export say which.
    let db = dir.path().join("dyad.db");
    ok(&run(dyad()
        .args(["ingest", "--published", "2025-03-10", "--db"])
        .arg(&db)
        .arg(&input)));
    let dyads = json_lines(&ok(&run(dyad().args(["dyads", "--json", "--db"]).arg(&db))));
    let pairs: Vec<(String, String)> = dyads
        .iter()
        .map(|d| (d["code_a"].to_string(), d["code_b"].to_string()))
        .collect();
    assert!(
        pairs.contains(&("\"IGONAT\"".into(), "\"RUS\"".into())),
        "{pairs:?}"
    );
    assert!(
        pairs.contains(&("\"IGOEEC\"".into(), "\"RUS\"".into())),
        "{pairs:?}"
    );
    let exported = ok(&run(dyad()
        .args(["export", "--format", "gdelt", "--actor", "IGO", "--db"])
        .arg(&db)));
    assert_eq!(exported.lines().count(), 2, "{exported}");
    assert!(
        exported.contains("\tIGOWSTNAT\tNATO\t\tNAT\t"),
        "{exported}"
    );
}
