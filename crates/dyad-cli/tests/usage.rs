//! The command line as a new user meets it: one store flag and one missing-store rule for
//! every command, clear messages for bad values, a closed pipe that ends a listing
//! quietly, and `actors add` refusing codes it does not know.

use std::io::Read;
use std::process::{Command, Output, Stdio};

fn dyad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("dyad runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn every_store_command_treats_a_missing_store_alike() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("typo.db");
    let commands: &[&[&str]] = &[
        &["events"],
        &["events", "--count"],
        &["dyads"],
        &["export", "--format", "csv"],
        &["actors", "stats"],
        &["serve", "--addr", "127.0.0.1:0"],
    ];
    for args in commands {
        for flag in ["--db", "--store"] {
            let out = run(dyad().args(*args).arg(flag).arg(&missing));
            let message = stderr(&out);
            assert_eq!(out.status.code(), Some(2), "{args:?} {flag}: {message}");
            assert!(
                message.contains(&format!("no store at {}", missing.display()))
                    && message.contains("dyad ingest --db"),
                "{args:?} {flag}: {message}"
            );
            assert!(!missing.exists(), "{args:?} {flag} created the store");
        }
    }
    // `serve` says how to start over an empty store on purpose.
    let out = run(dyad().args(["serve", "--db"]).arg(&missing));
    assert!(
        stderr(&out).contains("dyad serve --create"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_store_flag_is_db_everywhere_and_store_stays_hidden() {
    for command in [
        &["ingest"][..],
        &["events"],
        &["dyads"],
        &["export"],
        &["actors", "stats"],
        &["serve"],
        &["demo"],
    ] {
        let out = run(dyad().args(command).arg("--help"));
        let help = String::from_utf8_lossy(&out.stdout);
        assert!(help.contains("--db <PATH>"), "{command:?}: {help}");
        assert!(!help.contains("--store"), "{command:?}: {help}");
    }
}

#[test]
fn negative_and_zero_numbers_get_a_message_about_the_value() {
    for (args, flag) in [
        (&["events", "--limit", "-1"][..], "--limit"),
        (&["events", "--offset", "-5"], "--offset"),
        (&["events", "--min-sources", "-2"], "--min-sources"),
        (&["dyads", "--limit", "0"], "--limit"),
        (&["actors", "stats", "--limit", "-1"], "--limit"),
        (&["export", "--format", "csv", "--limit", "-3"], "--limit"),
        (&["ingest", "--batch", "-1"], "--batch"),
    ] {
        let out = run(dyad().args(args));
        let message = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {message}");
        assert!(
            message.contains("invalid value") && message.contains(flag),
            "{args:?}: {message}"
        );
        assert!(message.contains("whole number"), "{args:?}: {message}");
        assert!(
            !message.contains("unexpected argument"),
            "{args:?}: {message}"
        );
    }
}

#[test]
fn a_closed_pipe_ends_a_listing_quietly() {
    for args in [
        &["actors", "list"][..],
        &["actors", "list", "--kind", "place"],
    ] {
        let mut child = dyad()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 64];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        // The reader is gone (as `| head` goes): the next writes fail with EPIPE.
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(0), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?}: {err}");
    }
}

#[test]
fn actors_add_refuses_unknown_codes_and_kinds() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let add = |extra: &[&str]| {
        run(dyad()
            .args(["actors", "add", "--name", "Jane Roe", "--data"])
            .arg(&data)
            .args(extra))
    };
    let out = add(&["--country", "XXX", "--sector", "GOV"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--country \"XXX\""),
        "{}",
        stderr(&out)
    );
    let out = add(&["--country", "GBR", "--sector", "NOPE"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--sector \"NOPE\""),
        "{}",
        stderr(&out)
    );
    assert!(!data.join("actors").exists(), "nothing was written");
    // `place` is listed by `actors list` but is no kind `add` writes: clap refuses it and
    // the help of `add` does not offer it.
    let out = add(&["--country", "GBR", "--sector", "GOV", "--kind", "place"]);
    assert_eq!(out.status.code(), Some(2));
    let help = run(dyad().args(["actors", "add", "--help"]));
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(!help.contains("place"), "{help}");
    // Every option of `add` and `import` says what it is for.
    for sub in ["add", "import"] {
        let out = run(dyad().args(["actors", sub, "--help"]));
        let help = String::from_utf8_lossy(&out.stdout).into_owned();
        let mut options = help
            .lines()
            .filter(|l| l.trim_start().starts_with("--"))
            .peekable();
        assert!(options.peek().is_some(), "{help}");
        for line in help.lines().collect::<Vec<_>>().windows(2) {
            if line[0].trim_start().starts_with("--") && !line[0].contains("--help") {
                assert!(!line[1].trim().is_empty(), "{sub}: no help for {}", line[0]);
            }
        }
    }
    let out = add(&["--country", "gbr", "--sector", "govmil", "--role", "envoy"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let people = std::fs::read_to_string(data.join("actors/people.tsv")).unwrap();
    assert!(
        people.contains("Jane Roe\t\tGBR\tGOVMIL\tenvoy"),
        "{people}"
    );
}

#[test]
fn help_describes_what_works_now() {
    let out = run(dyad().arg("--help"));
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(!help.contains("not yet"), "{help}");
    let out = run(dyad().args(["eval", "--help"]));
    let help = String::from_utf8_lossy(&out.stdout);
    for set in ["plover", "petr2", "ner", "ner-conll", "article"] {
        assert!(help.contains(set), "{set}: {help}");
    }
}
