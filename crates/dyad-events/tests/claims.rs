//! Claims suite: hand-written sentences, one per line in `tests/claims/cases.tsv`, each
//! naming the PLOVER type of a claimed event and what the coder must say about the claim:
//! its status, an attribution (text, cue, source type) and, for denials, the deniers and the
//! denial event's link back to the claim. The cases run end to end through
//! `dyad_core::Pipeline`, so they cover actor recognition too.

use std::path::Path;

use dyad_core::{Event, EventType, Pipeline, SourceDocument};

/// One claims case; empty expectations are not checked.
struct Case {
    line: usize,
    text: String,
    event: EventType,
    status: String,
    /// A substring of some attribution's text; `Some("-")`: no attribution at all.
    attribution: Option<String>,
    cue: Option<String>,
    source_type: Option<String>,
    denied_by: Vec<String>,
}

fn optional(field: Option<&&str>) -> Option<String> {
    field
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn read_cases(path: &Path) -> Vec<Case> {
    let text = std::fs::read_to_string(path).expect("tests/claims/cases.tsv is readable");
    let mut cases = Vec::new();
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
        assert!(cols.len() >= 3, "cases.tsv:{} needs 3 columns", i + 1);
        let event = EventType::parse(cols[1])
            .unwrap_or_else(|| panic!("cases.tsv:{} unknown event {}", i + 1, cols[1]));
        cases.push(Case {
            line: i + 1,
            text: cols[0].to_string(),
            event,
            status: cols[2].trim().to_string(),
            attribution: optional(cols.get(3)),
            cue: optional(cols.get(4)),
            source_type: optional(cols.get(5)),
            denied_by: optional(cols.get(6))
                .map(|s| s.split('|').map(str::to_string).collect())
                .unwrap_or_default(),
        });
    }
    cases
}

fn show(e: &Event) -> String {
    let codes = |v: &[dyad_core::ActorRef]| {
        v.iter()
            .map(|a| a.code.clone().unwrap_or_else(|| "?".into()))
            .collect::<Vec<_>>()
            .join("+")
    };
    format!(
        "{} {} {} {}>{} {} attr={:?} denied_by={:?} links={:?}",
        e.id,
        e.event,
        e.cameo,
        codes(&e.actor),
        codes(&e.recipient),
        e.status.as_str(),
        e.attribution
            .iter()
            .map(|a| format!(
                "{}/{}/{}",
                a.text,
                a.cue,
                a.source_type.as_deref().unwrap_or("-")
            ))
            .collect::<Vec<_>>(),
        e.denied_by
            .iter()
            .map(|d| d.code.clone().unwrap_or_default())
            .collect::<Vec<_>>(),
        e.links,
    )
}

/// Why `e` does not meet the case, or `None` when it does.
fn mismatch(case: &Case, e: &Event, all: &[Event]) -> Option<String> {
    if e.status.as_str() != case.status {
        return Some(format!("status {} not {}", e.status.as_str(), case.status));
    }
    match case.attribution.as_deref() {
        Some("-") if !e.attribution.is_empty() => return Some("attribution not empty".into()),
        Some("-") => {}
        expected => {
            let fits = |a: &dyad_core::Attribution| {
                expected.is_none_or(|t| a.text.contains(t))
                    && case.cue.as_deref().is_none_or(|c| a.cue == c)
                    && case
                        .source_type
                        .as_deref()
                        .is_none_or(|t| a.source_type.as_deref() == Some(t))
            };
            let wanted = expected.is_some() || case.cue.is_some() || case.source_type.is_some();
            if wanted && !e.attribution.iter().any(fits) {
                return Some("no attribution fits".into());
            }
        }
    }
    if !case.denied_by.is_empty() {
        for code in &case.denied_by {
            if !e.denied_by.iter().any(|d| d.code.as_deref() == Some(code)) {
                return Some(format!("{code} not among denied_by"));
            }
        }
        let linked = all
            .iter()
            .any(|d| d.cameo == "016" && d.id != e.id && d.links.contains(&e.id));
        if !linked {
            return Some("no denial event links to it".into());
        }
    }
    None
}

#[test]
fn claims_cases() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/claims/cases.tsv");
    let cases = read_cases(&path);
    assert!(cases.len() >= 40, "only {} cases", cases.len());
    let pipeline = Pipeline::embedded().expect("embedded pipeline");
    let mut failures = Vec::new();
    for case in &cases {
        let extraction = pipeline.extract(SourceDocument {
            id: format!("c{}", case.line),
            text: case.text.clone(),
            published: "2024-12-01".parse().ok(),
            ..Default::default()
        });
        let events = &extraction.events;
        let candidates: Vec<&Event> = events
            .iter()
            .filter(|e| {
                e.event == case.event && !(e.cameo == "016" && case.event != EventType::Reject)
            })
            .collect();
        let reasons: Vec<String> = candidates
            .iter()
            .map(|e| mismatch(case, e, events))
            .collect::<Option<Vec<_>>>()
            .unwrap_or_default();
        if candidates.is_empty() || !reasons.is_empty() {
            failures.push(format!(
                "cases.tsv:{} {:?}: want {} {} ({})\n    got {:?}",
                case.line,
                case.text,
                case.event,
                case.status,
                if reasons.is_empty() {
                    "no event of the type".to_string()
                } else {
                    reasons.join("; ")
                },
                events.iter().map(show).collect::<Vec<_>>()
            ));
        }
    }
    for f in &failures {
        println!("{f}");
    }
    println!(
        "claims: {}/{} cases pass",
        cases.len() - failures.len(),
        cases.len()
    );
    assert!(failures.is_empty(), "{} claims cases fail", failures.len());
}
