//! The shared gold files parse with the scorers' record types (skipped when `../shared`
//! is absent).

use std::path::PathBuf;

fn shared() -> Option<PathBuf> {
    dyad_data::shared::path_or_skip("gold_files", "")
}

fn read(dir: &std::path::Path, rel: &str) -> Option<String> {
    let path = dir.join(rel);
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) => {
            dyad_data::shared::announce_skip("gold_files", &format!("{}: {e}", path.display()));
            None
        }
    }
}

#[test]
fn plover_gold_parses_and_every_label_maps() {
    let Some(dir) = shared() else { return };
    let Some(text) = read(&dir, "eval/plover-gsr/dev.jsonl") else {
        return;
    };
    let gold: Vec<dyad_eval::plover::PloverGold> = dyad_eval::parse_jsonl("plover", &text).unwrap();
    assert!(gold.len() > 100);
    assert!(gold.iter().all(|g| g.event_type().is_some()));
    assert!(gold.iter().all(|g| g.published().is_some()));
}

#[test]
fn petr2_gold_parses() {
    let Some(dir) = shared() else { return };
    let Some(text) = read(&dir, "eval/petr2-gsr/dev.jsonl") else {
        return;
    };
    let gold: Vec<dyad_eval::petr2::Petr2Gold> = dyad_eval::parse_jsonl("petr2", &text).unwrap();
    assert!(gold.len() > 10);
    assert!(gold.iter().any(|g| g.noevents));
}

#[test]
fn ner_gold_parses() {
    let Some(dir) = shared() else { return };
    let Some(text) = read(&dir, "eval/ner-re3d/dev.jsonl") else {
        return;
    };
    let gold: Vec<dyad_eval::ner::NerGold> = dyad_eval::parse_jsonl("ner", &text).unwrap();
    assert!(gold
        .iter()
        .any(|g| g.entities.iter().any(|e| e.kind == "Person")));
}
