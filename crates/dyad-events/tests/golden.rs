//! Golden sentences: news-style cases written for dyad, one per line in
//! `tests/golden/*.tsv` (sentence, expected PLOVER type, actor codes, recipient codes,
//! status). Adding a case is adding a line. A case passes when some event of the sentence
//! has the type, actor codes that include the expected ones, recipient codes that include
//! the expected ones, and the expected status (when given).
//!
//! The cases run end to end (actor recognition included), so a case can fail because an
//! actor is not recognised; the test prints every failure and holds the pass rate of each
//! file and of all files to a floor.

use std::collections::BTreeSet;
use std::path::Path;

use dyad_core::{Event, EventType, Pipeline, SourceDocument};

/// One golden case.
struct Case {
    file: String,
    line: usize,
    sentence: String,
    event: EventType,
    actor: BTreeSet<String>,
    recipient: BTreeSet<String>,
    status: Option<String>,
}

fn code_set(field: &str) -> BTreeSet<String> {
    field
        .split('|')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect()
}

fn read_cases(dir: &Path) -> Vec<Case> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/golden exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    files.sort();
    let mut cases = Vec::new();
    for path in files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(&path).expect("readable golden file");
        let mut header_seen = false;
        for (i, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            if !header_seen {
                header_seen = true;
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            assert!(cols.len() >= 4, "{name}:{} needs 4 columns", i + 1);
            let event = EventType::parse(cols[1])
                .unwrap_or_else(|| panic!("{name}:{} unknown event {}", i + 1, cols[1]));
            cases.push(Case {
                file: name.clone(),
                line: i + 1,
                sentence: cols[0].to_string(),
                event,
                actor: code_set(cols[2]),
                recipient: code_set(cols[3]),
                status: cols
                    .get(4)
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty()),
            });
        }
    }
    cases
}

fn codes(refs: &[dyad_core::ActorRef]) -> BTreeSet<String> {
    refs.iter().filter_map(|r| r.code.clone()).collect()
}

fn passes(case: &Case, events: &[Event]) -> bool {
    events.iter().any(|e| {
        e.event == case.event
            && case.actor.is_subset(&codes(&e.actor))
            && case.recipient.is_subset(&codes(&e.recipient))
            && case
                .status
                .as_deref()
                .is_none_or(|s| s == e.status.as_str())
    })
}

fn describe(events: &[Event]) -> String {
    events
        .iter()
        .map(|e| {
            let c = |v: &BTreeSet<String>| v.iter().cloned().collect::<Vec<_>>().join("+");
            format!(
                "{} {}>{} {}",
                e.event,
                c(&codes(&e.actor)),
                c(&codes(&e.recipient)),
                e.status.as_str()
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[test]
fn golden_sentences() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let cases = read_cases(&dir);
    assert!(cases.len() >= 100, "only {} golden cases", cases.len());
    let pipeline = Pipeline::embedded().expect("embedded pipeline");
    let mut per_file: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    let mut failures = Vec::new();
    let mut typed = 0;
    for case in &cases {
        let out = pipeline.extract(SourceDocument {
            id: format!("{}-{}", case.file, case.line),
            text: case.sentence.clone(),
            published: Some("2024-12-01".parse().expect("a date")),
            ..Default::default()
        });
        let ok = passes(case, &out.events);
        typed += usize::from(out.events.iter().any(|e| e.event == case.event));
        let entry = per_file.entry(case.file.clone()).or_default();
        entry.1 += 1;
        if ok {
            entry.0 += 1;
        } else {
            failures.push(format!(
                "{}:{} {:?} expected {} {:?}>{:?} {:?}; got [{}]",
                case.file,
                case.line,
                case.sentence,
                case.event,
                case.actor,
                case.recipient,
                case.status,
                describe(&out.events)
            ));
        }
    }
    let passed: usize = per_file.values().map(|(p, _)| p).sum();
    for (file, (p, n)) in &per_file {
        println!("golden {file}: {p}/{n}");
    }
    println!(
        "golden all: {passed}/{} full matches, {typed}/{} with the type",
        cases.len(),
        cases.len()
    );
    for f in &failures {
        println!("FAIL {f}");
    }
    let rate = passed as f64 / cases.len() as f64;
    assert!(rate >= 0.95, "golden pass rate {rate:.3} below 0.95");
    for (file, (p, n)) in &per_file {
        assert!(
            *p as f64 / *n as f64 >= 0.90,
            "{file}: {p}/{n} below the per-file floor"
        );
    }
}
