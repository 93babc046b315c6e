//! Trains dyad's part-of-speech tagger on a CoNLL-U treebank and writes the model file.
//!
//! ```text
//! cargo run --release -p dyad-text --example train_tagger -- \
//!     /work/shared/treebank/ud-english-ewt data/models/pos-en-ewt.tsv
//! ```
//!
//! Reads `*-ud-train.conllu`, `*-ud-dev.conllu` and `*-ud-test.conllu` from the treebank
//! folder, trains on the training sentences re-tokenised by dyad, writes the model, loads
//! it back and reports UPOS/XPOS accuracy on dev and test, with the gold tokenisation and
//! with dyad's (gold tags projected onto dyad's tokens).

use std::path::{Path, PathBuf};
use std::time::Instant;

use dyad_text::tag::train::{evaluate, read_conllu, train, Example, GoldSentence, TrainOptions};
use dyad_text::tag::Tagger;

fn find(dir: &Path, suffix: &str) -> Result<PathBuf, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().ends_with(suffix))
        .ok_or_else(|| format!("no *{suffix} in {}", dir.display()))
}

fn load(dir: &Path, part: &str) -> Result<Vec<GoldSentence>, String> {
    let path = find(dir, &format!("-ud-{part}.conllu"))?;
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    read_conllu(&path.display().to_string(), &text).map_err(|e| e.to_string())
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (dir, out) = match args.as_slice() {
        [dir, out, ..] => (PathBuf::from(dir), PathBuf::from(out)),
        _ => return Err(
            "usage: train_tagger TREEBANK_DIR OUT_MODEL.tsv [ITERATIONS [MIN_WEIGHT [MIN_COUNT]]]"
                .into(),
        ),
    };
    let mut options = TrainOptions::default();
    if let Some(n) = args.get(2) {
        options.iterations = n
            .parse()
            .map_err(|_| format!("bad iteration count {n:?}"))?;
    }
    if let Some(w) = args.get(3) {
        options.prune_below = w.parse().map_err(|_| format!("bad minimum weight {w:?}"))?;
    }
    if let Some(c) = args.get(4) {
        options.min_feature_count = c.parse().map_err(|_| format!("bad minimum count {c:?}"))?;
    }
    let t0 = Instant::now();
    let train_sents = load(&dir, "train")?;
    let dev = load(&dir, "dev")?;
    let test = load(&dir, "test")?;
    let located = train_sents.iter().filter(|s| s.spans.is_some()).count();
    let examples: Vec<Example> = train_sents.iter().map(GoldSentence::dyad_example).collect();
    let tokens: usize = examples.iter().map(|e| e.words.len()).sum();
    eprintln!(
        "read {} training sentences ({located} re-tokenised by dyad, {tokens} tokens) in {:.1?}",
        train_sents.len(),
        t0.elapsed()
    );
    let t1 = Instant::now();
    let model = train(&examples, &options, |pass, acc| {
        eprintln!("pass {pass}: training accuracy {:.2}%", acc * 100.0);
    });
    let train_time = t1.elapsed();
    let treebank = dir.file_name().map_or_else(
        || dir.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let comments = vec![
        "dyad part-of-speech model: greedy averaged perceptron (Collins 2002), joint UPOS:XPOS classes.".to_string(),
        format!("Trained on Universal Dependencies {treebank} (train split, re-tokenised by dyad's tokeniser)."),
        "Derived from UD English EWT, (c) 2013-2021 The Board of Trustees of The Leland Stanford Junior".to_string(),
        "University, licensed CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/);".to_string(),
        "this model file is shared under the same licence. See data/README.md.".to_string(),
        format!(
            "Command: cargo run --release -p dyad-text --example train_tagger -- {} data/models/pos-en-ewt.tsv{}",
            dir.display(),
            args[2..].iter().map(|a| format!(" {a}")).collect::<String>()
        ),
        format!(
            "Settings: {} passes, classes seen >= {} times, features seen >= {} times, |weight| >= {}, {} decimals.",
            options.iterations,
            options.min_class_count,
            options.min_feature_count,
            options.prune_below,
            options.decimals
        ),
        "Format: `@classes` lists the classes; each line is feature<TAB>class:weight ...".to_string(),
    ];
    let tsv = model.to_tsv(&comments);
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(&out, &tsv).map_err(|e| format!("{}: {e}", out.display()))?;
    let t2 = Instant::now();
    let tagger =
        Tagger::from_model_text(&out.display().to_string(), &tsv).map_err(|e| e.to_string())?;
    let load_time = t2.elapsed();
    let (features, weights) = tagger.size();
    println!(
        "trained in {train_time:.1?}; wrote {} ({:.2} MB, {} classes, {features} features, {weights} weights); parsed in {load_time:.1?}",
        out.display(),
        tsv.len() as f64 / 1e6,
        model.classes.len(),
    );
    println!("| split | tokenisation | tokens | UPOS | XPOS | both |");
    println!("|---|---|---|---|---|---|");
    for (name, sents) in [("dev", &dev), ("test", &test)] {
        let gold: Vec<Example> = sents.iter().map(GoldSentence::gold_example).collect();
        let dyad: Vec<Example> = sents.iter().map(GoldSentence::dyad_example).collect();
        for (kind, examples) in [("gold", &gold), ("dyad", &dyad)] {
            let acc = evaluate(&tagger, examples);
            println!(
                "| {name} | {kind} | {} | {:.2}% | {:.2}% | {:.2}% |",
                acc.tokens,
                acc.upos_rate() * 100.0,
                acc.xpos_rate() * 100.0,
                acc.both as f64 / acc.tokens.max(1) as f64 * 100.0
            );
        }
    }
    let dev_dyad: Vec<Example> = dev.iter().map(GoldSentence::dyad_example).collect();
    let mut confusions: std::collections::HashMap<(String, String), usize> = Default::default();
    for ex in &dev_dyad {
        let words: Vec<&str> = ex.words.iter().map(String::as_str).collect();
        for (got, want) in tagger.tag_words(&words).iter().zip(&ex.tags) {
            if got.upos != want.upos {
                *confusions
                    .entry((want.upos.to_string(), got.upos.to_string()))
                    .or_default() += 1;
            }
        }
    }
    let mut confusions: Vec<_> = confusions.into_iter().collect();
    confusions.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let top: Vec<String> = confusions
        .iter()
        .take(12)
        .map(|((want, got), n)| format!("{want}→{got} {n}"))
        .collect();
    println!(
        "most frequent UPOS errors on dev (gold→tagged): {}",
        top.join(", ")
    );
    Ok(())
}

fn main() {
    if let Err(e) = run() {
        eprintln!("train_tagger: {e}");
        std::process::exit(1);
    }
}
