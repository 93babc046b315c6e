//! Every `dyad` command that `README.md` and `docs/*.md` show works as written.
//!
//! Fenced code blocks are read in two kinds:
//!
//! - **Examples** (a fence with no language, or `sh`): every line that starts with `dyad `
//!   (or `cargo run --release -- `, which runs the same binary), and every pipeline into
//!   `dyad` (`echo ... | dyad parse`), is run with `bash`, in
//!   order, in one temporary directory per file in which `examples` links to the
//!   repository's examples, with this build's `dyad` first on the `PATH`. Any non-zero exit
//!   fails the test. `dyad serve` and `dyad demo` run on a free loopback port
//!   (`--addr 127.0.0.1:0`) until they answer `/api/health`, then stop. Lines that read
//!   `../shared` (the shared development data, not in the repository) and lines marked as
//!   needing a build feature are skipped, each with a message on standard error. Other
//!   commands (`cargo test`, `curl`, scripts) are not run.
//! - **Synopses** (a `text` fence): each `dyad SUBCOMMAND [...]` line, with its indented
//!   continuation lines, must name a subcommand that exists, and every `--flag` in it must
//!   be one that `dyad SUBCOMMAND --help` lists.
//!
//! Skips are written straight to standard error (`dyad_data::shared::announce_skip`), past
//! libtest's output capture, so they show in a plain `cargo test`.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_dyad"))
}

/// The documents whose commands are checked.
fn documents() -> Vec<PathBuf> {
    let mut docs = vec![root().join("README.md")];
    let mut more: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    more.sort();
    docs.extend(more);
    docs
}

#[derive(Debug, PartialEq)]
enum Kind {
    Example,
    Synopsis,
    Other,
}

/// One command line of a document: where it is, the kind of block, its text (continuation
/// lines of a synopsis joined).
#[derive(Debug)]
struct Line {
    place: String,
    kind: Kind,
    text: String,
}

fn command_lines(path: &Path) -> Vec<Line> {
    let text = std::fs::read_to_string(path).unwrap();
    let name = path
        .strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string();
    let mut out: Vec<Line> = Vec::new();
    let mut block: Option<Kind> = None;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if let Some(lang) = trimmed.strip_prefix("```") {
            block = match block {
                Some(_) => None,
                None => Some(match lang.trim() {
                    "" | "sh" | "bash" | "console" => Kind::Example,
                    "text" => Kind::Synopsis,
                    _ => Kind::Other,
                }),
            };
            continue;
        }
        let Some(kind) = &block else { continue };
        if *kind == Kind::Other {
            continue;
        }
        let place = format!("{name}:{}", i + 1);
        let command = trimmed
            .strip_prefix("cargo run --release -- ")
            .map_or_else(|| trimmed.to_string(), |rest| format!("dyad {rest}"));
        if command.starts_with("dyad ") || command == "dyad" || command.contains("| dyad ") {
            out.push(Line {
                place,
                kind: match kind {
                    Kind::Example => Kind::Example,
                    _ => Kind::Synopsis,
                },
                text: command,
            });
        } else if *kind == Kind::Synopsis && line.starts_with(' ') {
            // A synopsis continues on indented lines.
            if let Some(last) = out.last_mut().filter(|l| l.kind == Kind::Synopsis) {
                last.text.push(' ');
                last.text.push_str(trimmed);
            }
        } else if *kind == Kind::Example {
            out.push(Line {
                place,
                kind: Kind::Other,
                text: command,
            });
        }
    }
    out
}

/// The text of a line without its trailing `# comment`.
fn without_comment(text: &str) -> &str {
    text.find(" #").map_or(text, |i| &text[..i]).trim()
}

/// The subcommand words of a synopsis (`actors stats`), and its `--flags`.
fn synopsis_parts(text: &str) -> (Vec<String>, Vec<String>) {
    let words: Vec<&str> = without_comment(text).split_whitespace().collect();
    let sub: Vec<String> = words
        .iter()
        .skip(1)
        .take_while(|w| {
            w.chars().all(|c| c.is_ascii_lowercase() || c == '-') && !w.starts_with('-')
        })
        .take(2)
        .map(|w| w.to_string())
        .collect();
    let mut flags = Vec::new();
    for word in &words {
        let word = word.trim_start_matches(['[', '(']);
        if let Some(flag) = word.strip_prefix("--") {
            let flag: String = flag
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            if !flag.is_empty() {
                flags.push(format!("--{flag}"));
            }
        }
    }
    (sub, flags)
}

fn help_of(sub: &[String]) -> Option<String> {
    let out = Command::new(binary())
        .args(sub)
        .arg("--help")
        .output()
        .unwrap();
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn check_synopsis(line: &Line, failures: &mut Vec<String>) {
    let (mut sub, flags) = synopsis_parts(&line.text);
    if !line.text.starts_with("dyad") {
        return;
    }
    // `dyad actors stats` is two words deep; `dyad eval SET` only one.
    let help = match help_of(&sub) {
        Some(help) if sub.len() == 2 => Some(help),
        _ => {
            sub.truncate(1);
            help_of(&sub)
        }
    };
    let Some(help) = help else {
        failures.push(format!(
            "{}: no subcommand `dyad {}`",
            line.place,
            sub.join(" ")
        ));
        return;
    };
    for flag in flags {
        let listed = help
            .split(|c: char| c.is_whitespace() || c == ',')
            .any(|w| {
                w == flag
                    || w.starts_with(&format!("{flag}="))
                    || w.starts_with(&format!("{flag}["))
            });
        if !listed {
            failures.push(format!(
                "{}: `dyad {}` has no flag {flag} ({})",
                line.place,
                sub.join(" "),
                line.text
            ));
        }
    }
}

/// Why an example is not run, when it is not.
fn reason_to_skip(text: &str) -> Option<&'static str> {
    if without_comment(text).contains("../shared") || text.contains("needs ../shared") {
        return Some("it reads ../shared, the shared development data (not in the repository)");
    }
    if text.contains("--features parquet") || text.contains("--format parquet") {
        return Some("it needs a build with --features parquet");
    }
    None
}

/// A fresh working directory in which `examples` is the repository's.
fn workdir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(root().join("examples"), dir.path().join("examples")).unwrap();
    dir
}

fn path_env() -> std::ffi::OsString {
    let bin_dir = binary().parent().unwrap().to_path_buf();
    let mut paths = vec![bin_dir];
    if let Some(old) = std::env::var_os("PATH") {
        paths.extend(std::env::split_paths(&old));
    }
    std::env::join_paths(paths).unwrap()
}

/// Runs a server command until it answers `/api/health`.
fn run_server(line: &Line, dir: &Path) -> Result<(), String> {
    let mut words: Vec<String> = without_comment(&line.text)
        .split_whitespace()
        .skip(1)
        .map(str::to_string)
        .collect();
    match words.iter().position(|w| w == "--addr") {
        Some(i) if i + 1 < words.len() => words[i + 1] = "127.0.0.1:0".into(),
        _ => words.extend(["--addr".into(), "127.0.0.1:0".into()]),
    }
    let mut child = Command::new(binary())
        .args(&words)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    let mut first = String::new();
    let read = BufReader::new(child.stdout.take().unwrap()).read_line(&mut first);
    let result = match (read, first.trim().strip_prefix("listening on http://")) {
        (Ok(_), Some(addr)) => health(addr),
        _ => Err(format!("did not start: {first:?}")),
    };
    let _ = child.kill();
    let _ = child.wait();
    let mut err = String::new();
    if let Some(mut stderr) = child.stderr.take() {
        let _ = stderr.read_to_string(&mut err);
    }
    result.map_err(|e| format!("{e}; stderr: {err}"))
}

fn health(addr: &str) -> Result<(), String> {
    let mut stream = std::net::TcpStream::connect(addr).map_err(|e| e.to_string())?;
    write!(
        stream,
        "GET /api/health HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    let mut answer = String::new();
    stream
        .read_to_string(&mut answer)
        .map_err(|e| e.to_string())?;
    if answer.starts_with("HTTP/1.1 200") && answer.contains("\"status\":\"ok\"") {
        Ok(())
    } else {
        Err(format!("/api/health answered {answer:?}"))
    }
}

fn run_example(line: &Line, dir: &Path) -> Result<(), String> {
    let command = without_comment(&line.text);
    if command.starts_with("dyad serve") || command.starts_with("dyad demo") {
        return run_server(line, dir);
    }
    let out = Command::new("bash")
        .arg("-c")
        .arg(format!("set -o pipefail; {command}"))
        .current_dir(dir)
        .env("PATH", path_env())
        .env_remove("DYAD_SHARED")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "exit {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

#[test]
fn every_dyad_command_in_the_readme_and_docs_works() {
    let mut failures = Vec::new();
    let (mut run, mut checked, mut skipped, mut other) = (0, 0, 0, 0);
    for doc in documents() {
        let lines = command_lines(&doc);
        let dir = workdir();
        for line in &lines {
            match line.kind {
                Kind::Synopsis => {
                    checked += 1;
                    check_synopsis(line, &mut failures);
                }
                Kind::Example => {
                    if let Some(reason) = reason_to_skip(&line.text) {
                        skipped += 1;
                        dyad_data::shared::announce_skip(
                            "docs_commands",
                            &format!("{}: `{}`: {reason}", line.place, line.text),
                        );
                        continue;
                    }
                    run += 1;
                    if let Err(e) = run_example(line, dir.path()) {
                        failures.push(format!("{}: `{}`: {e}", line.place, line.text));
                    }
                }
                Kind::Other => other += 1,
            }
        }
    }
    println!(
        "{run} examples run, {checked} synopses checked, {skipped} skipped, \
         {other} other commands not run"
    );
    assert!(run >= 10 && checked >= 10, "{run} run, {checked} checked");
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn lines_are_read_by_kind() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("x.md");
    std::fs::write(
        &doc,
        "```\ncargo run --release -- demo\ncargo test --workspace\n```\n\n```text\n\
         dyad events [--db PATH] [--json]\n             [--status S]   # a comment\n```\n\
         ```json\n{\"dyad \": 1}\n```\n",
    )
    .unwrap();
    let lines = command_lines(&doc);
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert_eq!(lines[0].text, "dyad demo");
    assert_eq!(lines[0].kind, Kind::Example);
    assert_eq!(lines[1].kind, Kind::Other);
    assert_eq!(lines[2].kind, Kind::Synopsis);
    let (sub, flags) = synopsis_parts(&lines[2].text);
    assert_eq!(sub, ["events"]);
    assert_eq!(flags, ["--db", "--json", "--status"]);
    assert_eq!(
        synopsis_parts("dyad actors stats [--db PATH]").0,
        ["actors", "stats"]
    );
    assert_eq!(synopsis_parts("dyad eval SET PATH").0, ["eval"]);
}
