//! Trains the name tagger (`data/models/ner-en.tsv`, see `crates/dyad-actors/src/ner`) on
//! CoNLL NER files and re3d-style JSONL documents and writes the model.
//!
//! ```text
//! cargo run --release -p dyad-cli --example train_ner -- data/models/ner-en.tsv \
//!     --conll ../shared/eval/ner-wikigold/wikigold.conll.txt \
//!     --jsonl ../shared/eval/ner-re3d/dev.jsonl
//! ```
//!
//! Every set is read as `dyad eval ner` / `dyad eval ner-conll` reads it; `--hold-part K/N`
//! leaves out part K of N of every set (the records `dyad eval ner --part K/N` scores),
//! for cross-validation. Gold `Person`, `Organisation` and `Location` mentions are the
//! names (`Nationality` and the other re3d types are not); the recogniser's own output,
//! without a tagger, gives the tagger's gazetteer features. `--data DIR` reads the data
//! files of DIR over the embedded ones; `--epochs N` (5), `--seed S` (1), `--min-count C` (1: features seen fewer times are
//! not learned); the defaults are the shipped model's, chosen by two-fold cross-validation.

use std::path::Path;

use dyad_actors::ner::train::{train, TrainDoc};
use dyad_actors::ner::{spans, Label};
use dyad_core::{DataSet, Pipeline};
use dyad_eval::ner::{gold_class, NerGold};
use dyad_eval::part::Part;

struct Options {
    out: String,
    conll: Vec<String>,
    jsonl: Vec<String>,
    epochs: usize,
    seed: u64,
    min_count: usize,
    hold: Option<Part>,
    data: Option<String>,
}

fn parse_args() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let mut o = Options {
        out: String::new(),
        conll: Vec::new(),
        jsonl: Vec::new(),
        epochs: 5,
        seed: 1,
        min_count: 1,
        hold: None,
        data: None,
    };
    let number = |flag: &str, v: Option<String>| -> Result<u64, String> {
        let v = v.ok_or(format!("{flag} needs a number"))?;
        v.parse().map_err(|_| format!("{flag}: bad number {v}"))
    };
    while let Some(a) = args.next() {
        match a.as_str() {
            "--conll" => o.conll.push(args.next().ok_or("--conll needs a file")?),
            "--jsonl" => o.jsonl.push(args.next().ok_or("--jsonl needs a file")?),
            "--data" => o.data = Some(args.next().ok_or("--data needs a directory")?),
            "--epochs" => o.epochs = number("--epochs", args.next())? as usize,
            "--seed" => o.seed = number("--seed", args.next())?,
            "--min-count" => o.min_count = number("--min-count", args.next())? as usize,
            "--hold-part" => {
                let v = args.next().ok_or("--hold-part needs K/N")?;
                o.hold = Some(v.parse::<Part>().map_err(|e| format!("--hold-part: {e}"))?);
            }
            _ if o.out.is_empty() && !a.starts_with("--") => o.out = a,
            _ => return Err(format!("unexpected argument {a:?}")),
        }
    }
    if o.out.is_empty() || o.conll.len() + o.jsonl.len() == 0 {
        return Err("usage: train_ner OUT.tsv [--conll FILE]... [--jsonl FILE]... [--epochs N] [--seed S] [--min-count C] [--hold-part K/N] [--data DIR]".into());
    }
    Ok(o)
}

/// The gold documents of one set: the training part (the held part left out) and the
/// held part.
fn read_set(
    path: &str,
    conll: bool,
    hold: Option<Part>,
) -> Result<(Vec<NerGold>, Vec<NerGold>), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let docs: Vec<NerGold> = if conll {
        dyad_eval::wikigold::parse_conll(path, &text).map_err(|e| e.to_string())?
    } else {
        dyad_eval::parse_jsonl(path, &text).map_err(|e| e.to_string())?
    };
    let held = match hold {
        Some(_) => Part::select(docs.clone(), hold),
        None => Vec::new(),
    };
    Ok((Part::rest(docs, hold), held))
}

/// The recogniser's opinion as labels: its people, organisations, places and countries
/// named (not demonyms, pronouns or descriptors).
fn rule_labels(known: &[dyad_actors::ner::features::Known]) -> Vec<Label> {
    known
        .iter()
        .map(|k| {
            let class = match k.class {
                Some("PER") => 1,
                Some("ORG") => 3,
                Some("LOC" | "CTRY") => 5,
                _ => return 0,
            };
            if !matches!(k.kind, "name" | "short" | "metonym") {
                return 0;
            }
            if k.begins {
                class
            } else {
                class + 1
            }
        })
        .collect()
}

/// Exact-span precision, recall and F1 of `predicted` label sequences against `gold`.
fn span_scores(pairs: &[(Vec<Label>, &[Label])]) -> (f64, f64, f64) {
    let spans_of = |labels: &[Label]| -> Vec<(std::ops::Range<usize>, &'static str)> {
        spans(labels, 0, 0)
            .into_iter()
            .map(|s| (s.tokens, s.class))
            .collect()
    };
    let (mut right, mut predicted, mut gold) = (0, 0, 0);
    for (p, g) in pairs {
        let (p, g) = (spans_of(p), spans_of(g));
        right += p.iter().filter(|s| g.contains(s)).count();
        predicted += p.len();
        gold += g.len();
    }
    let precision = right as f64 / predicted.max(1) as f64;
    let recall = right as f64 / gold.max(1) as f64;
    (
        precision,
        recall,
        2.0 * precision * recall / (precision + recall).max(1e-9),
    )
}

/// The byte offset of every character offset of `text` (and of its end).
fn byte_offsets(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect()
}

/// A gold document as a training document: names as byte spans, the recogniser's
/// entities (rules only) as features. Returns the document and the names it skipped
/// (offsets that do not fit the text).
fn training_doc(pipeline: &Pipeline, gold: NerGold) -> (TrainDoc, usize) {
    let bytes = byte_offsets(&gold.text);
    let mut names = Vec::new();
    let mut skipped = 0;
    for e in &gold.entities {
        let Some(class) = gold_class(&e.kind) else {
            continue;
        };
        let span = bytes.get(e.start).zip(bytes.get(e.end));
        match span {
            Some((&s, &t)) if gold.text.get(s..t).map(str::trim) == Some(e.text.trim()) => {
                names.push((s, t, class))
            }
            _ => skipped += 1,
        }
    }
    let analysis = pipeline.analyze(&gold.text);
    let actors = pipeline
        .actor_lexicon()
        .recognize(&gold.text, &analysis.layer, None);
    let layer = analysis.layer.clone();
    (
        TrainDoc::new(gold.text.clone(), layer, &actors.entities, &names),
        skipped,
    )
}

fn main() {
    let opts = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("train_ner: {e}");
            std::process::exit(2);
        }
    };
    let data = match &opts.data {
        Some(dir) => DataSet::embedded().with_dir(Path::new(dir)),
        None => Ok(DataSet::embedded()),
    };
    let pipeline = match data
        .map_err(|e| e.to_string())
        .and_then(|d| Pipeline::from_data(&d).map_err(|e| e.to_string()))
    {
        Ok(p) => p.with_name_tagger(None),
        Err(e) => {
            eprintln!("train_ner: {e}");
            std::process::exit(1);
        }
    };
    let sets = opts
        .conll
        .iter()
        .map(|p| (p, true))
        .chain(opts.jsonl.iter().map(|p| (p, false)));
    let mut docs = Vec::new();
    let mut held_docs = Vec::new();
    let mut summary = Vec::new();
    for (path, conll) in sets {
        let (gold, held) = match read_set(path, conll, opts.hold) {
            Ok(g) => g,
            Err(e) => {
                eprintln!("train_ner: {e}");
                std::process::exit(1);
            }
        };
        let n = gold.len();
        let (mut names, mut skipped) = (0, 0);
        for g in gold {
            let (doc, s) = training_doc(&pipeline, g);
            names += doc.gold.iter().filter(|&&l| l % 2 == 1).count();
            skipped += s;
            docs.push(doc);
        }
        held_docs.extend(held.into_iter().map(|g| training_doc(&pipeline, g).0));
        let line = format!(
            "{path}: {n} documents, {names} names ({skipped} skipped: offsets off the text)"
        );
        eprintln!("{line}");
        summary.push(line);
    }
    let trained = train(
        &docs,
        opts.epochs,
        opts.seed,
        opts.min_count,
        |e, right, all| {
            eprintln!(
                "epoch {e}/{}: {:.4} of {all} training tokens right",
                opts.epochs,
                right as f64 / all.max(1) as f64
            );
        },
    );
    if !held_docs.is_empty() {
        let lowers: Vec<_> = held_docs.iter().map(|d| d.lower_seen()).collect();
        match trained.tagger() {
            Ok(tagger) => {
                let pairs: Vec<(Vec<Label>, &[Label])> = held_docs
                    .iter()
                    .zip(&lowers)
                    .flat_map(|(d, lower)| {
                        d.sentences(lower)
                            .map(|(view, gold)| (tagger.tag(&view), gold))
                    })
                    .collect();
                let (p, r, f) = span_scores(&pairs);
                eprintln!("held part, the tagger alone: exact spans P {p:.3} R {r:.3} F1 {f:.3}");
                let rules: Vec<(Vec<Label>, &[Label])> = held_docs
                    .iter()
                    .zip(&lowers)
                    .flat_map(|(d, lower)| {
                        d.sentences(lower)
                            .map(|(view, gold)| (rule_labels(view.known), gold))
                    })
                    .collect();
                let (p, r, f) = span_scores(&rules);
                eprintln!("held part, the recogniser's rules alone: exact spans P {p:.3} R {r:.3} F1 {f:.3}");
            }
            Err(e) => eprintln!("train_ner: the trained model does not read back: {e}"),
        }
    }
    let mut comments = vec![
        "Trained by `cargo run --release -p dyad-cli --example train_ner` (ARCHITECTURE.md, Models).".to_string(),
        format!(
            "epochs {}, seed {}, features seen at least {} times{}",
            opts.epochs,
            opts.seed,
            opts.min_count,
            opts.hold
                .map(|p| format!(", part {p} of every set held out"))
                .unwrap_or_default()
        ),
    ];
    comments.extend(summary);
    let text = trained.to_model_text(&comments);
    if let Err(e) = std::fs::write(&opts.out, &text) {
        eprintln!("train_ner: {}: {e}", opts.out);
        std::process::exit(1);
    }
    eprintln!(
        "wrote {}: {} features, {:.1} MB",
        opts.out,
        trained.rows.len(),
        text.len() as f64 / 1e6
    );
}
