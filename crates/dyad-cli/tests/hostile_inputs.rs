//! `dyad extract` end to end on hostile inputs: JSONL files with broken lines among good
//! ones (every good line extracted, every bad one reported with its line number, exit 1),
//! a gzip bomb, NUL bytes and invalid UTF-8 — the process always goes on to the next
//! input. The million-line run is `#[ignore]`d: `cargo test --release -p dyad-cli --test
//! hostile_inputs -- --ignored` (about a minute in release).

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};

fn dyad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
}

/// Writes `n` JSONL lines, every `broken_every`-th broken in one of five ways; returns
/// the 1-based numbers of the broken lines.
fn write_jsonl(path: &Path, n: usize, broken_every: usize) -> Vec<usize> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut broken = Vec::new();
    for i in 1..=n {
        if i % broken_every == 0 {
            broken.push(i);
            let bad: &[u8] = match (i / broken_every) % 5 {
                0 => b"{\"id\": \"cut",
                1 => b"not json at all",
                2 => b"{\"id\": 5, \"text\": [1, 2]}",
                3 => b"\xff\xfe\xfd",
                _ => b"[\"an\", \"array\"]",
            };
            out.write_all(bad).unwrap();
        } else {
            write!(
                out,
                "{{\"id\": \"d{i}\", \"published\": \"2024-12-01\", \"text\": \"Russia accused Ukraine of shelling on Friday {i}.\"}}"
            )
            .unwrap();
        }
        out.write_all(b"\n").unwrap();
    }
    out.flush().unwrap();
    broken
}

/// Runs `dyad extract` on `input`, counting output lines without holding them; returns
/// (exit code, documents extracted, stderr).
fn extract_counting(input: &Path) -> (Option<i32>, usize, String) {
    let mut child = dyad()
        .arg("extract")
        .arg(input)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let errors = std::thread::spawn(move || std::io::read_to_string(stderr).unwrap());
    let mut documents = 0;
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        let line = line.unwrap();
        assert!(line.starts_with("{\"doc\":"), "{line}");
        documents += 1;
    }
    let status = child.wait().unwrap();
    (status.code(), documents, errors.join().unwrap())
}

fn check_broken_lines(n: usize, broken_every: usize) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("big.jsonl");
    let broken = write_jsonl(&input, n, broken_every);
    let (code, documents, stderr) = extract_counting(&input);
    assert_eq!(
        code,
        Some(1),
        "{}",
        &stderr[stderr.len().saturating_sub(2000)..]
    );
    assert_eq!(documents, n - broken.len());
    let reported: Vec<usize> = stderr
        .lines()
        .filter_map(|l| {
            l.split_once("big.jsonl:")?
                .1
                .split(':')
                .next()?
                .parse()
                .ok()
        })
        .collect();
    assert_eq!(
        reported, broken,
        "every bad line reported once, with its number"
    );
}

#[test]
fn jsonl_with_broken_lines_all_good_lines_read_all_bad_lines_named() {
    check_broken_lines(5_000, 97);
}

#[test]
#[ignore = "a million lines: run in release with --ignored"]
fn million_line_jsonl_with_broken_lines() {
    check_broken_lines(1_000_000, 997);
}

#[test]
fn hostile_files_in_one_run_each_reported_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    // A gzip bomb: 512 MiB of zeros in ~0.5 MB.
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(&vec![0u8; 8 << 20]).unwrap();
    let member = enc.finish().unwrap();
    std::fs::write(dir.path().join("1-bomb.txt.gz"), member.repeat(64)).unwrap();
    std::fs::write(
        dir.path().join("2-nul.txt"),
        b"\0\0\0 Russia \0 accused \0 Ukraine.\0",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("3-latin1.txt"),
        b"Russia accused Ukraine of shelling on Friday, caf\xe9 \x93said\x94 \xff.",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("4-deep.html"),
        format!(
            "<html><body>{}<p>Russia accused Ukraine of shelling on Friday.</p>",
            "<div><span>".repeat(5_000)
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("5-good.txt"),
        "Russia accused Ukraine of shelling a border village on Friday, officials said.",
    )
    .unwrap();
    let out = dyad()
        .args(["extract", "--published", "2024-12-01"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stderr.contains("1-bomb.txt.gz: skipped (too-large)"),
        "{stderr}"
    );
    let ids: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["doc"]["id"].as_str().unwrap_or_default().to_string()
        })
        .collect();
    for name in ["2-nul.txt", "3-latin1.txt", "4-deep.html", "5-good.txt"] {
        assert!(
            ids.iter().any(|id| id.ends_with(name)),
            "{name} not read: {ids:?}\n{stderr}"
        );
    }
}
