//! Crash safety of the store: `dyad ingest` killed with SIGKILL at random points many
//! times, the store checked after every kill (SQLite integrity, foreign keys, no duplicate
//! documents or reports, no event without a report) and, after a last uninterrupted
//! rerun, holding what a clean ingest of the same inputs holds; damaged stores (random
//! bytes over a page, a truncated file), a foreign SQLite database and files that are not
//! SQLite are refused with a clear error and left byte-identical.
//!
//! Uses the release binary (`target/release/dyad`) when it is at least as new as the
//! debug one, for speed; the seed of the random kill points is printed and can be set
//! with `DYAD_CRASH_SEED`. (`tests/store.rs` has the single-kill test; this one kills many
//! times, across several input files.)

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant, SystemTime};

use dyad_store::Store;

/// The dyad binary: the release build when it is not older than the debug build.
fn binary() -> PathBuf {
    let debug = PathBuf::from(env!("CARGO_BIN_EXE_dyad"));
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let release = debug
        .parent()
        .and_then(Path::parent)
        .map(|target| target.join("release").join(debug.file_name().unwrap()));
    match (release, modified(&debug)) {
        (Some(release), Some(debug_time))
            if modified(&release).is_some_and(|t| t >= debug_time) =>
        {
            release
        }
        _ => debug,
    }
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("the dyad binary runs")
}

/// A small xorshift generator: reproducible kill points from a printed seed.
struct Rng(u64);

impl Rng {
    fn from_env() -> Rng {
        let seed = std::env::var("DYAD_CRASH_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                SystemTime::now()
                    .duration_since(SystemTime::UNIX_EPOCH)
                    .map(|d| d.as_nanos() as u64)
                    .unwrap_or(1)
            })
            | 1;
        eprintln!("DYAD_CRASH_SEED={seed}");
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const SOURCES: [&str; 3] = ["Reuters", "AFP", "AP"];

const COUNTRIES: [(&str, &str); 8] = [
    ("Russia", "Russian"),
    ("China", "Chinese"),
    ("France", "French"),
    ("Iran", "Iranian"),
    ("Israel", "Israeli"),
    ("Germany", "German"),
    ("Japan", "Japanese"),
    ("Turkey", "Turkish"),
];

/// `n` JSONL documents (ids `{prefix}-{i}`), some reporting the same events as others.
fn corpus(prefix: &str, n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        let (a, a_adj) = COUNTRIES[i % COUNTRIES.len()];
        let (b, b_adj) = COUNTRIES[(i * 3 + 1) % COUNTRIES.len()];
        let (b, b_adj) = if a == b {
            ("Egypt", "Egyptian")
        } else {
            (b, b_adj)
        };
        let text = match i % 4 {
            0 => format!("The {a_adj} foreign minister met his {b_adj} counterpart on Monday."),
            1 => format!("{a} and {b} signed a trade agreement on Tuesday, officials said."),
            2 => format!("{a} accused {b} of violating the ceasefire on Wednesday."),
            _ => format!("{a_adj} police arrested dozens of {b_adj} protesters on Thursday."),
        };
        let record = serde_json::json!({
            "id": format!("{prefix}-{i}"),
            "source": SOURCES[i % 3],
            "published": format!("2024-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
            "text": format!("{text}\n\nReport {prefix} {i}."),
        });
        out.push_str(&record.to_string());
        out.push('\n');
    }
    out
}

fn ingest(db: &Path, inputs: &[PathBuf]) -> Output {
    run(Command::new(binary())
        .arg("ingest")
        .arg("--db")
        .arg(db)
        .args(["--json", "--batch", "7", "--jobs", "2"])
        .args(inputs))
}

/// Counts and checks that hold for a store after any crash.
fn check_consistent(db: &Path, context: &str) -> (u64, u64, u64) {
    let store = Store::open(db).unwrap_or_else(|e| panic!("{context}: store opens: {e}"));
    let conn = store.connection();
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok", "{context}");
    let fk_problems: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(fk_problems, 0, "{context}: foreign key violations");
    let count = |sql: &str| -> u64 {
        conn.query_row(sql, [], |r| r.get::<_, i64>(0))
            .unwrap_or_else(|e| panic!("{context}: {sql}: {e}")) as u64
    };
    assert_eq!(
        count("SELECT count(*) - count(DISTINCT doc_key) FROM documents"),
        0,
        "{context}: a document stored twice"
    );
    assert_eq!(
        count("SELECT count(*) FROM (SELECT document_id, local_id FROM event_reports GROUP BY 1, 2 HAVING count(*) > 1)"),
        0,
        "{context}: a report stored twice"
    );
    assert_eq!(
        count("SELECT count(*) FROM events WHERE id NOT IN (SELECT event_id FROM event_reports)"),
        0,
        "{context}: an event without a report"
    );
    let stats = store.stats().unwrap();
    (stats.documents, stats.events, stats.reports)
}

/// What the events of a store are, independent of row ids.
fn event_summary(db: &Path) -> Vec<(String, String, String, i64)> {
    let store = Store::open(db).unwrap();
    let mut statement = store
        .connection()
        .prepare(
            "SELECT e.event_type, e.cameo, r.evidence, (SELECT count(*) FROM event_reports x WHERE x.event_id = e.id) \
             FROM events e JOIN event_reports r ON r.event_id = e.id ORDER BY 1, 2, 3, 4",
        )
        .unwrap();
    let rows = statement
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap();
    rows.map(Result::unwrap).collect()
}

#[cfg(unix)]
#[test]
fn ingest_killed_at_random_points_twenty_times_stays_consistent_and_completes() {
    let dir = tempfile::tempdir().unwrap();
    let inputs: Vec<PathBuf> = ["a", "b", "c"]
        .iter()
        .map(|prefix| {
            let path = dir.path().join(format!("{prefix}.jsonl"));
            std::fs::write(&path, corpus(prefix, 150)).unwrap();
            path
        })
        .collect();

    let clean = dir.path().join("clean.db");
    let started = Instant::now();
    let out = ingest(&clean, &inputs);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let clean_run = started.elapsed();
    let clean_counts = check_consistent(&clean, "clean ingest");
    assert_eq!(clean_counts.0, 450);

    let mut rng = Rng::from_env();
    let killed = dir.path().join("killed.db");
    let clean_ms = clean_run.as_millis() as u64;
    // What a run costs with nothing left to store: start-up and the stored-check.
    let started = Instant::now();
    let out = ingest(&clean, &inputs);
    assert!(out.status.success());
    let overhead_ms = (started.elapsed().as_millis() as u64).min(clean_ms);
    let mut kills = 0;
    let mut previous = 0;
    let mut completed = 0;
    for round in 0..20 {
        if previous == 450 {
            // Complete: start again from an empty store, so that every round has work
            // to interrupt.
            completed += 1;
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", killed.display()));
            }
            previous = 0;
        }
        let mut child = Command::new(binary())
            .arg("ingest")
            .arg("--db")
            .arg(&killed)
            .args(["--batch", "7", "--jobs", "2"])
            .args(&inputs)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Anywhere in what is left of the run (start-up included).
        let window = overhead_ms + (clean_ms - overhead_ms) * (450 - previous) / 450 + 50;
        std::thread::sleep(Duration::from_millis(rng.below(window)));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            kills += 1;
        }
        child.wait().unwrap();
        let context = format!("after kill {round}");
        if killed.exists() && std::fs::metadata(&killed).unwrap().len() > 0 {
            let (documents, _, _) = check_consistent(&killed, &context);
            assert!(
                documents >= previous,
                "{context}: documents lost ({previous} → {documents})"
            );
            assert!(documents <= 450, "{context}");
            previous = documents;
        }
        eprintln!("{context}: {previous} documents stored");
    }
    eprintln!("{kills} of 20 runs killed, {completed} stores completed between kills");
    assert!(
        kills >= 8,
        "only {kills} of 20 runs were killed before they ended"
    );
    let out = ingest(&killed, &inputs);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(check_consistent(&killed, "final rerun"), clean_counts);
    assert_eq!(event_summary(&killed), event_summary(&clean));
    // A further rerun adds nothing.
    let out = ingest(&killed, &inputs);
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON summary");
    assert_eq!(summary["stored"], 0, "{summary}");
    assert_eq!(check_consistent(&killed, "second rerun"), clean_counts);
}

/// A store with some documents in it, and the input that filled it.
fn filled_store(dir: &Path) -> (PathBuf, PathBuf) {
    let input = dir.join("docs.jsonl");
    std::fs::write(&input, corpus("s", 60)).unwrap();
    let db = dir.join("store.db");
    let out = ingest(&db, std::slice::from_ref(&input));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Fold the WAL into the main file, so that the file alone is the store.
    Store::open(&db)
        .unwrap()
        .connection()
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    (db, input)
}

/// Runs `ingest` and `events` on a damaged or foreign file: both fail with exit 2 and a
/// message naming the file, and the file is left byte-identical.
fn assert_refused_and_untouched(db: &Path, input: &Path, case: &str) -> String {
    let before = std::fs::read(db).unwrap();
    let out = run(Command::new(binary())
        .arg("ingest")
        .arg("--db")
        .arg(db)
        .arg(input));
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{case}: ingest: {stderr}");
    assert!(
        stderr.contains(&db.display().to_string()),
        "{case}: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{case}: {stderr}");
    assert!(
        std::fs::read(db).unwrap() == before,
        "{case}: ingest changed the file"
    );
    // Reading may succeed when the damage is in pages the query does not touch; it never
    // panics and never writes.
    let out = run(Command::new(binary()).arg("events").arg("--db").arg(db));
    let events_err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!events_err.contains("panicked"), "{case}: {events_err}");
    assert!(
        std::fs::read(db).unwrap() == before,
        "{case}: events changed the file"
    );
    stderr
}

#[test]
fn a_store_with_random_bytes_over_a_page_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let (db, input) = filled_store(dir.path());
    let mut bytes = std::fs::read(&db).unwrap();
    let page_size = u16::from_be_bytes([bytes[16], bytes[17]]) as usize;
    let pages = bytes.len() / page_size;
    assert!(pages > 4, "{pages} pages");
    let mut rng = Rng::from_env();
    // A page after the first (the header page is the foreign-file test's).
    let page = 1 + rng.below(pages as u64 - 1) as usize;
    for byte in &mut bytes[page * page_size..(page + 1) * page_size] {
        *byte = rng.next() as u8;
    }
    std::fs::write(&db, &bytes).unwrap();
    let stderr = assert_refused_and_untouched(&db, &input, &format!("page {page} overwritten"));
    assert!(
        stderr.contains("damaged") || stderr.contains("malformed") || stderr.contains("corrupt"),
        "{stderr}"
    );
}

#[test]
fn a_truncated_store_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let (db, input) = filled_store(dir.path());
    let bytes = std::fs::read(&db).unwrap();
    std::fs::write(&db, &bytes[..bytes.len() / 2]).unwrap();
    let stderr = assert_refused_and_untouched(&db, &input, "truncated to half");
    assert!(
        stderr.contains("damaged") || stderr.contains("malformed") || stderr.contains("corrupt"),
        "{stderr}"
    );
    // Cut inside the header page, too.
    std::fs::write(&db, &bytes[..100]).unwrap();
    assert_refused_and_untouched(&db, &input, "truncated to 100 bytes");
}

#[test]
fn foreign_sqlite_databases_and_non_sqlite_files_are_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("docs.jsonl");
    std::fs::write(&input, corpus("f", 5)).unwrap();

    // Another application's SQLite database.
    let foreign = dir.path().join("app.db");
    {
        // Built by SQLite itself, through the store's connection type.
        let store = Store::open_in_memory().unwrap();
        store
            .connection()
            .execute_batch(&format!(
                "ATTACH '{}' AS app; CREATE TABLE app.notes (id INTEGER PRIMARY KEY, body TEXT); \
                 INSERT INTO app.notes (body) VALUES ('my notes'); DETACH app;",
                foreign.display()
            ))
            .unwrap();
    }
    let stderr = assert_refused_and_untouched(&foreign, &input, "foreign SQLite database");
    assert!(stderr.contains("not a dyad store"), "{stderr}");

    // Files that are not SQLite: text, random bytes, the SQLite magic followed by junk.
    let mut rng = Rng::from_env();
    let random: Vec<u8> = (0..10_000).map(|_| rng.next() as u8).collect();
    let mut magic_junk = b"SQLite format 3\0".to_vec();
    magic_junk.extend_from_slice(&random[..4000]);
    for (name, bytes) in [
        ("notes.db", b"my notes, not a store".to_vec()),
        ("random.db", random.clone()),
        ("magic.db", magic_junk),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        let stderr = assert_refused_and_untouched(&path, &input, name);
        assert!(
            stderr.contains("refusing")
                || stderr.contains("not a dyad store")
                || stderr.contains("not a database"),
            "{name}: {stderr}"
        );
    }
}
