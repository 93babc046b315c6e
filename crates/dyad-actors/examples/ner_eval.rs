//! Mention-level NER scores on re3d-style JSONL (`{"text", "entities": [{"start", "end",
//! "type", "text"}]}`): our PERSON → PER, ORGANIZATION → ORG, COUNTRY and LOCATION → LOC,
//! GROUP ignored; gold Person → PER, Organisation → ORG, Location → LOC, and Nationality →
//! LOC in the "+nat" variant. Prints precision, recall and F1 by exact span and by exact
//! mention text (per document), overall and per type, and the words per second.
//!
//! Usage: `cargo run --release -p dyad-actors --example ner_eval -- [PATH]` (default
//! `../shared/eval/ner-re3d/dev.jsonl`).

use std::collections::HashSet;

use dyad_actors::ActorLexicon;
use dyad_data::DataSet;
use dyad_model::EntityType;

type Item = (usize, usize, usize, String, &'static str);

fn ours(kind: EntityType, group_as_org: bool) -> Option<&'static str> {
    match kind {
        EntityType::Person => Some("PER"),
        EntityType::Organization => Some("ORG"),
        EntityType::Country | EntityType::Location => Some("LOC"),
        EntityType::Group => group_as_org.then_some("ORG"),
    }
}

fn gold_type(t: &str, nationality: bool) -> Option<&'static str> {
    match t {
        "Person" => Some("PER"),
        "Organisation" => Some("ORG"),
        "Location" => Some("LOC"),
        "Nationality" if nationality => Some("LOC"),
        _ => None,
    }
}

fn prf(
    gold: &HashSet<Item>,
    pred: &HashSet<Item>,
    by_text: bool,
    ty: Option<&str>,
) -> (f64, f64, f64) {
    let key = |x: &Item| {
        if by_text {
            (x.0, 0, 0, x.3.clone(), x.4)
        } else {
            (x.0, x.1, x.2, String::new(), x.4)
        }
    };
    let keep = |x: &&Item| ty.is_none_or(|t| x.4 == t);
    let g: HashSet<_> = gold.iter().filter(keep).map(key).collect();
    let p: HashSet<_> = pred.iter().filter(keep).map(key).collect();
    let tp = g.intersection(&p).count() as f64;
    let prec = if p.is_empty() {
        0.0
    } else {
        tp / p.len() as f64
    };
    let rec = if g.is_empty() {
        0.0
    } else {
        tp / g.len() as f64
    };
    let f = if prec + rec == 0.0 {
        0.0
    } else {
        2.0 * prec * rec / (prec + rec)
    };
    (prec, rec, f)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        format!(
            "{}/../../../shared/eval/ner-re3d/dev.jsonl",
            env!("CARGO_MANIFEST_DIR")
        )
    });
    let Ok(data) = std::fs::read_to_string(&path) else {
        eprintln!("skipping: {path} not found");
        return Ok(());
    };
    let verbose = std::env::var_os("NER_VERBOSE").is_some();
    let lexicon = ActorLexicon::from_data(&DataSet::embedded())?;
    let (mut gold, mut gold_nat, mut pred) = (HashSet::new(), HashSet::new(), HashSet::new());
    let mut pred_groups = HashSet::new();
    let mut words = 0usize;
    let mut elapsed = std::time::Duration::ZERO;
    for (d, line) in data.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let text = v["text"].as_str().unwrap_or_default();
        // Gold offsets count characters; ours count bytes.
        let byte_at = |c: u64| {
            text.char_indices()
                .nth(c as usize)
                .map_or(text.len(), |(b, _)| b) as u64
        };
        for e in v["entities"].as_array().into_iter().flatten() {
            let (Some(s), Some(t), Some(ty)) =
                (e["start"].as_u64(), e["end"].as_u64(), e["type"].as_str())
            else {
                continue;
            };
            let (s, t) = (byte_at(s), byte_at(t));
            let mention = e["text"].as_str().unwrap_or_default().to_string();
            if let Some(g) = gold_type(ty, false) {
                gold.insert((d, s as usize, t as usize, mention.clone(), g));
            }
            if let Some(g) = gold_type(ty, true) {
                gold_nat.insert((d, s as usize, t as usize, mention, g));
            }
        }
        let started = std::time::Instant::now();
        let layer = dyad_text::analyze(text);
        let actors = lexicon.recognize(text, &layer, None);
        elapsed += started.elapsed();
        words += layer.tokens.iter().filter(|t| t.is_word()).count();
        for e in &actors.entities {
            for m in &e.mentions {
                if let Some(ty) = ours(e.kind, false) {
                    pred.insert((d, m.start, m.end, m.text.clone(), ty));
                }
                if let Some(ty) = ours(e.kind, true) {
                    pred_groups.insert((d, m.start, m.end, m.text.clone(), ty));
                }
            }
        }
    }
    if verbose {
        let mut fp: Vec<_> = pred
            .iter()
            .filter(|p| {
                !gold_nat
                    .iter()
                    .any(|g| g.0 == p.0 && g.3 == p.3 && g.4 == p.4)
            })
            .collect();
        fp.sort();
        for p in fp {
            println!("FP {} {:?} {}", p.4, p.3, p.0);
        }
        let mut fnn: Vec<_> = gold
            .iter()
            .filter(|g| !pred.iter().any(|p| g.0 == p.0 && g.3 == p.3 && g.4 == p.4))
            .collect();
        fnn.sort();
        for g in fnn {
            println!("FN {} {:?} {}", g.4, g.3, g.0);
        }
    }
    for (label, g, pred) in [
        ("re3d PER/ORG/LOC", &gold, &pred),
        ("re3d PER/ORG/LOC+nat", &gold_nat, &pred),
        ("re3d PER/ORG/LOC, GROUP as ORG", &gold, &pred_groups),
    ] {
        for by_text in [false, true] {
            let (p, r, f) = prf(g, pred, by_text, None);
            let per: Vec<String> = ["PER", "ORG", "LOC"]
                .iter()
                .map(|t| format!("{t} {:.3}", prf(g, pred, by_text, Some(t)).2))
                .collect();
            println!(
                "{label} by {}: P {p:.3} R {r:.3} F1 {f:.3} ({})",
                if by_text { "text" } else { "span" },
                per.join(", ")
            );
        }
    }
    let secs = elapsed.as_secs_f64().max(1e-9);
    println!(
        "{words} words in {:.1} ms: {:.0} words/s",
        secs * 1e3,
        words as f64 / secs
    );
    Ok(())
}
