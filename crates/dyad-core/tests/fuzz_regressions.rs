//! Regression tests of the fuzzing findings: every saved input under
//! `fuzz/regressions/<target>/` is fed to the same function the fuzz target runs
//! (`fuzz/src/lib.rs`, included here as a module), with the same invariant checks, in the
//! normal test suite. An input added there is tested from then on; see docs/fuzzing.md.

#[allow(dead_code)]
#[path = "../../../fuzz/src/lib.rs"]
mod dyad_fuzz;

use std::path::PathBuf;

/// A fuzz target's body.
type Target = fn(&[u8]);

/// Runs `target` on every saved input of `fuzz/regressions/<name>/`; returns how many.
fn replay(name: &str, target: Target) -> usize {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/regressions")
        .join(name);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipping: {} not found", dir.display());
        return 0;
    };
    let mut paths: Vec<PathBuf> = entries
        .map(|e| e.expect("a readable directory").path())
        .filter(|p| {
            p.is_file()
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    paths.sort();
    for path in &paths {
        let data = std::fs::read(path).expect("a readable input");
        let started = std::time::Instant::now();
        let outcome = std::panic::catch_unwind(|| target(&data));
        assert!(outcome.is_ok(), "{name}: {} fails again", path.display());
        eprintln!("{name}: {} ok in {:?}", path.display(), started.elapsed());
    }
    paths.len()
}

#[test]
fn readers() {
    replay("html", dyad_fuzz::html);
    replay("warc", dyad_fuzz::warc);
    replay("gzip", dyad_fuzz::gzip);
    replay("feed", dyad_fuzz::feed);
    replay("jsonl", dyad_fuzz::jsonl);
}

#[test]
fn language_and_pipeline() {
    replay("text", dyad_fuzz::text);
    replay("pipeline", dyad_fuzz::pipeline);
    replay("places", dyad_fuzz::places);
}

#[test]
fn parsers() {
    replay("dates", dyad_fuzz::dates);
    replay("numbers", dyad_fuzz::numbers);
}

/// The committed seeds pass too (they are the corpus the fuzzers start from).
#[test]
fn seeds() {
    let targets: [(&str, Target); 10] = [
        ("html", dyad_fuzz::html),
        ("warc", dyad_fuzz::warc),
        ("gzip", dyad_fuzz::gzip),
        ("feed", dyad_fuzz::feed),
        ("jsonl", dyad_fuzz::jsonl),
        ("text", dyad_fuzz::text),
        ("pipeline", dyad_fuzz::pipeline),
        ("dates", dyad_fuzz::dates),
        ("numbers", dyad_fuzz::numbers),
        ("places", dyad_fuzz::places),
    ];
    for (name, target) in targets {
        replay(&format!("../seeds/{name}"), target);
    }
}

/// Inputs that took time growing with the square of their length (or worse) before
/// sentences were capped at `dyad_text::sentence::MAX_SENTENCE_TOKENS` tokens and the
/// speakers of quotations were looked up once per sentence, and in-paragraph merging
/// looked back a bounded number of events: 100 KB of quote marks took over two minutes
/// in a release build, 200 KB of capitalised words without punctuation 31 s, 1 MB of
/// accusations in one paragraph over two minutes; phrases collected at most 12 titles or
/// modifiers within their sentence: 320 KB of "Mr. " took over two minutes; linking
/// accusations compared each with every event of the document, and an unnamed source
/// ("the ministry said") re-read every earlier sentence of its paragraph: 200 KB took
/// 21 s. Each now takes about a second in a release build; the time is printed, not
/// asserted (docs/fuzzing.md has the figures).
#[test]
fn long_runs_without_sentence_punctuation_finish() {
    let patterns = [
        ("quote marks", "\"\u{201C}\u{2018} "),
        (
            "capitalised words",
            "The Minister Of Defence Of The Republic ",
        ),
        (
            "a list of actors",
            "Russia attacked Ukraine and China, Iran, Israel, France ",
        ),
        // Runs of titles and adjectives: each word re-read the whole run after it.
        ("titles", "Mr. "),
        ("country adjectives", "Russian "),
        // Thousands of events in one paragraph: merging compared each with all before.
        (
            "one paragraph of accusations",
            "Ukraine said Russia was behind the attacks, which drew criticism from France. ",
        ),
        // An unnamed source looked back through every earlier sentence of its paragraph.
        (
            "one paragraph of unnamed sources",
            "The ministry said Russia attacked Ukraine. ",
        ),
    ];
    for (name, pattern) in patterns {
        let text = pattern.repeat(60_000 / pattern.len());
        let started = std::time::Instant::now();
        dyad_fuzz::pipeline(text.as_bytes());
        // Reported, not asserted: the quadratic versions of these took minutes; the
        // figures are in docs/fuzzing.md.
        eprintln!("{name}: {} bytes in {:?}", text.len(), started.elapsed());
    }
}
