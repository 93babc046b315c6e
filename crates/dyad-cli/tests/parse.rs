//! `dyad parse` and `dyad extract --format conllu`: CoNLL-U in and out, with the binary.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn dyad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run_with_stdin(args: &[&str], stdin: &str) -> Output {
    let mut child = dyad()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the dyad binary runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("dyad ends")
}

/// The word lines of CoNLL-U output, split into columns.
fn words(out: &str) -> Vec<Vec<String>> {
    out.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

const GOLD: &str = "\
# sent_id = t-1
# text = Rebels didn't attack the base.
1\tRebels\trebel\tNOUN\tNNS\tNumber=Plur\t4\tnsubj\t4:nsubj\t_
2-3\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_
2\tdid\tdo\tAUX\tVBD\t_\t4\taux\t4:aux\t_
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t4:advmod\t_
4\tattack\tattack\tVERB\tVB\t_\t0\troot\t0:root\t_
5\tthe\tthe\tDET\tDT\t_\t6\tdet\t6:det\t_
6\tbase\tbase\tNOUN\tNN\t_\t4\tobj\t4:obj\tSpaceAfter=No
7\t.\t.\tPUNCT\t.\t_\t4\tpunct\t4:punct\t_

";

#[test]
fn conllu_keeps_the_words_and_fills_the_predicted_columns() {
    let dir = std::env::temp_dir().join(format!("dyad-parse-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("gold.conllu");
    std::fs::write(&path, GOLD).unwrap();
    let out = dyad().arg("parse").arg(&path).output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    // Comments and the multi-word token line are kept.
    assert!(text.starts_with("# sent_id = t-1\n# text = Rebels didn't attack the base.\n"));
    assert!(text.contains("\n2-3\tdidn't\t"), "{text}");
    let rows = words(&text);
    let forms: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(
        forms,
        ["Rebels", "didn't", "did", "n't", "attack", "the", "base", "."]
    );
    let word_rows: Vec<&Vec<String>> = rows.iter().filter(|r| !r[0].contains('-')).collect();
    assert_eq!(word_rows.len(), 7);
    for r in &word_rows {
        assert_eq!(r.len(), 10);
        assert_eq!(r[5], "_", "FEATS is not predicted");
        assert_eq!(r[8], "_", "DEPS is not predicted");
        assert!(r[6].parse::<usize>().unwrap() <= 7);
    }
    assert_eq!(
        word_rows.iter().filter(|r| r[6] == "0").count(),
        1,
        "one root"
    );
    assert_eq!(word_rows[0][2], "rebel");
    assert_eq!(word_rows[5][9], "SpaceAfter=No", "MISC is kept");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn text_is_tokenised_and_parsed_with_offsets() {
    let text = "Four people were killed in Kabul.\nThe army said it would retaliate.";
    let out = run_with_stdin(&["parse"], text);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let conllu = String::from_utf8(out.stdout).unwrap();
    assert_eq!(conllu.matches("# sent_id = stdin-").count(), 2);
    for r in words(&conllu) {
        let range = r[9]
            .split('|')
            .find_map(|m| m.strip_prefix("TokenRange="))
            .expect("every token has its byte range");
        let (a, b) = range.split_once(':').unwrap();
        let (a, b): (usize, usize) = (a.parse().unwrap(), b.parse().unwrap());
        assert_eq!(&text[a..b], r[1]);
    }
    let killed = words(&conllu)
        .into_iter()
        .find(|r| r[1] == "killed")
        .unwrap();
    assert_eq!(killed[2], "kill");
}

#[test]
fn extract_writes_conllu_for_any_input() {
    let example = root().join("examples/articles/baltic-border-talks.txt");
    let out = dyad()
        .args(["extract", "--format", "conllu"])
        .arg(&example)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("# doc_id = "),
        "{}",
        &text[..80.min(text.len())]
    );
    assert!(text.contains("# sent_id = "));
    assert!(words(&text).len() > 50);
}

#[test]
fn a_broken_conllu_file_names_file_and_line_and_the_others_go_on() {
    let dir = std::env::temp_dir().join(format!("dyad-parse-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.conllu");
    std::fs::write(&bad, "# x\n1\tonly\tthree\n").unwrap();
    let good = dir.join("good.conllu");
    std::fs::write(&good, GOLD).unwrap();
    let out = dyad()
        .arg("parse")
        .arg(&bad)
        .arg(&good)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.conllu:2:"), "{err}");
    assert_eq!(words(&String::from_utf8_lossy(&out.stdout)).len(), 8);
    let missing = dir.join("missing.conllu");
    let out = dyad().arg("parse").arg(&missing).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.conllu"));
    std::fs::remove_dir_all(&dir).ok();
}
