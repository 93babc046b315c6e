//! Trains dyad's dependency parser on a CoNLL-U treebank and writes the model file.
//!
//! ```text
//! cargo run --release -p dyad-syntax --example train_parser -- \
//!     ../shared/treebank/ud-english-ewt data/models/parser-en-ewt.bin
//! ```
//!
//! Reads `*-ud-train.conllu`, `*-ud-dev.conllu` and `*-ud-test.conllu` from the treebank
//! folder; trains on the training sentences, writes the model, loads it back and reports
//! UAS/LAS on dev (and on test with `--test`) with gold tags and with the tags of dyad's
//! tagger, over all words, relations compared on their universal part.

use std::path::{Path, PathBuf};
use std::time::Instant;

use dyad_syntax::parser::model::Model;
use dyad_syntax::parser::train::{evaluate, example_of, train, Example, TrainOptions};
use dyad_syntax::Parser;
use dyad_text::conllu;
use dyad_text::Tagger;

fn find(dir: &Path, suffix: &str) -> Result<PathBuf, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().ends_with(suffix))
        .ok_or_else(|| format!("no *{suffix} in {}", dir.display()))
}

fn load_sentences(dir: &Path, part: &str) -> Result<Vec<conllu::Sentence>, String> {
    let path = find(dir, &format!("-ud-{part}.conllu"))?;
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    conllu::parse(&path.display().to_string(), &text).map_err(|e| e.to_string())
}

fn load(dir: &Path, part: &str) -> Result<Vec<Example>, String> {
    Ok(load_sentences(dir, part)?
        .iter()
        .filter_map(example_of)
        .collect())
}

/// Jackknifed tags: the training sentences split into `k` folds by position (sentence i
/// is in fold i mod k); each fold is tagged by a tagger trained (as the shipped one is,
/// on dyad's re-tokenisation) on the other folds. The parser then trains on tags with
/// the errors it will meet.
fn jackknife(sentences: &[conllu::Sentence], k: usize) -> Result<Vec<Example>, String> {
    use dyad_text::tag::train::{self as tagtrain, GoldSentence};
    let gold: Vec<Option<GoldSentence>> = sentences
        .iter()
        .map(|s| GoldSentence::from_conllu(s).ok())
        .collect();
    let mut out: Vec<Option<Example>> = sentences.iter().map(example_of).collect();
    for fold in 0..k {
        let t = Instant::now();
        let training: Vec<tagtrain::Example> = gold
            .iter()
            .enumerate()
            .filter(|(i, _)| i % k != fold)
            .filter_map(|(_, g)| g.as_ref().map(GoldSentence::dyad_example))
            .collect();
        let model = tagtrain::train(&training, &tagtrain::TrainOptions::default(), |_, _| {});
        let tagger =
            Tagger::from_model_text("fold", &model.to_tsv(&[])).map_err(|e| e.to_string())?;
        for (i, ex) in out.iter_mut().enumerate() {
            if i % k != fold {
                continue;
            }
            if let Some(ex) = ex {
                let words: Vec<&str> = ex.words.iter().map(String::as_str).collect();
                ex.tags = tagger.tag_words(&words);
            }
        }
        eprintln!(
            "jackknife fold {}/{k} tagged in {:.1?}",
            fold + 1,
            t.elapsed()
        );
    }
    Ok(out.into_iter().flatten().collect())
}

/// The examples with their tags replaced by the tagger's.
fn retag(tagger: &Tagger, examples: &[Example]) -> Vec<Example> {
    examples
        .iter()
        .map(|ex| {
            let words: Vec<&str> = ex.words.iter().map(String::as_str).collect();
            Example {
                tags: tagger.tag_words(&words),
                ..ex.clone()
            }
        })
        .collect()
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flags: Vec<&String> = args.iter().filter(|a| a.starts_with("--")).collect();
    let positional: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let (dir, out) = match positional.as_slice() {
        [dir, out, ..] => (PathBuf::from(dir), PathBuf::from(out)),
        _ => {
            return Err(
                "usage: train_parser TREEBANK_DIR OUT_MODEL.bin [ITERATIONS] [--test]".into(),
            )
        }
    };
    let mut options = TrainOptions::default();
    if let Some(n) = positional.get(2) {
        options.iterations = n
            .parse()
            .map_err(|_| format!("bad iteration count {n:?}"))?;
    }
    for f in &flags {
        if let Some(v) = f.strip_prefix("--bits=") {
            options.transition_bits = v.parse().map_err(|_| format!("bad {f}"))?;
        } else if let Some(v) = f.strip_prefix("--label-bits=") {
            options.label_bits = v.parse().map_err(|_| format!("bad {f}"))?;
        } else if let Some(v) = f.strip_prefix("--explore=") {
            options.explore = v.parse().map_err(|_| format!("bad {f}"))?;
        }
    }
    let report_test = flags.iter().any(|f| *f == "--test");
    let jackknife_folds = flags
        .iter()
        .find_map(|f| f.strip_prefix("--jackknife="))
        .map(|v| {
            v.parse::<usize>()
                .map_err(|_| format!("bad --jackknife={v}"))
        })
        .transpose()?;
    let t0 = Instant::now();
    let train_set = match jackknife_folds {
        Some(k) if k >= 2 => jackknife(&load_sentences(&dir, "train")?, k)?,
        _ => load(&dir, "train")?,
    };
    let dev = load(&dir, "dev")?;
    let tokens: usize = train_set.iter().map(|e| e.words.len()).sum();
    eprintln!(
        "read {} training sentences ({tokens} words) in {:.1?}",
        train_set.len(),
        t0.elapsed()
    );
    let tagger = Tagger::from_data(&dyad_data::DataSet::embedded()).map_err(|e| e.to_string())?;
    let t1 = Instant::now();
    let header = vec![
        ("model".to_string(), "dyad dependency parser: arc-eager, averaged perceptron, dynamic oracle".to_string()),
        ("trained_on".to_string(), match jackknife_folds {
            Some(k) => format!("Universal Dependencies English EWT, train split, tags jackknifed over {k} folds"),
            None => "Universal Dependencies English EWT, train split, gold tags".to_string(),
        }),
        ("licence".to_string(), "CC BY-SA 4.0 (derived from UD English EWT, (c) 2013-2021 The Board of Trustees of The Leland Stanford Junior University); see data/README.md".to_string()),
        ("command".to_string(), format!("cargo run --release -p dyad-syntax --example train_parser -- {}", args.join(" "))),
        ("settings".to_string(), format!("{options:?}")),
    ];
    let model = train(&train_set, &options, header, |p| {
        eprintln!(
            "pass {}: moves {:.2}%, relations {:.2}% ({:.0?})",
            p.pass,
            p.move_accuracy * 100.0,
            p.label_accuracy * 100.0,
            t1.elapsed()
        );
    });
    let bytes = model.to_bytes();
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(&out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
    let model = Model::from_bytes(&out.display().to_string(), &bytes).map_err(|e| e.to_string())?;
    println!(
        "trained in {:.1?}; wrote {} ({:.2} MB; live rows {} of 2^{}, {} of 2^{})",
        t1.elapsed(),
        out.display(),
        bytes.len() as f64 / 1e6,
        model.transitions.live_rows(),
        model.transitions.bits(),
        model.labels.live_rows(),
        model.labels.bits()
    );
    let parser = Parser::new(model);
    println!("| split | tags | words | UAS | LAS |");
    println!("|---|---|---|---|---|");
    let mut sets = vec![("dev", dev)];
    if report_test {
        sets.push(("test", load(&dir, "test")?));
    }
    for (name, gold) in &sets {
        let predicted = retag(&tagger, gold);
        for (kind, examples) in [("gold", gold), ("dyad", &predicted)] {
            let t = Instant::now();
            let s = evaluate(&parser, examples);
            let secs = t.elapsed().as_secs_f64();
            println!(
                "| {name} | {kind} | {} | {:.2}% | {:.2}% | ({:.0} sentences/s)",
                s.words,
                s.uas() * 100.0,
                s.las() * 100.0,
                examples.len() as f64 / secs
            );
        }
    }
    Ok(())
}

fn main() {
    if let Err(e) = run() {
        eprintln!("train_parser: {e}");
        std::process::exit(1);
    }
}
