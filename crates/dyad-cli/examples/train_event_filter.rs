//! Trains the learned type decision (`data/models/event-filter.tsv`, see
//! `crates/dyad-events/src/decide.rs`) on stories annotated under the `voa-events`
//! guidelines and writes the model.
//!
//! ```text
//! cargo run --release -p dyad-cli --example train_event_filter -- data/models/event-filter.tsv \
//!     ../shared/eval/voa-events:train ../shared/train/synthetic-events \
//!     train/events/cnc train/events/re3d
//! ```
//!
//! Each set is a directory with `in/*.json` and `gold/*.jsonl`. `DIR:train` keeps only the
//! project's training part of a `voa-events` set (`dyad eval events --split train`), so the
//! held-out stories stay unseen; `--hold-part K/N` also leaves out part K of N of those
//! (`dyad eval events --split train --part K/N` scores exactly that part), for
//! cross-validation. `--data DIR` reads the data files of DIR over the embedded ones (as
//! `dyad --data`). Every candidate event the rules propose is an example: kept when the
//! scorer matches it to a gold event of its sentence, NONE otherwise. `--keep-bias X`
//! moves the decision threshold towards keeping (the shipped model: 12, chosen by two-fold
//! cross-validation on the voa-events training part; ARCHITECTURE.md).

use std::path::Path;
use std::sync::Arc;

use dyad_core::decide::{features, FilterTrainer, RuleTypes};
use dyad_core::{DataSet, Pipeline};
use dyad_eval::events::{matched_events, read_training_set};
use dyad_eval::part::Part;

struct Options {
    out: String,
    sets: Vec<String>,
    epochs: usize,
    hold: Option<Part>,
    keep_bias: f32,
    data: Option<String>,
}

fn parse_args() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let mut positional = Vec::new();
    let mut epochs = 10;
    let mut hold = None;
    let mut keep_bias = 0.0;
    let mut data = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--data" => data = Some(args.next().ok_or("--data needs a directory")?),
            "--keep-bias" => {
                let v = args.next().ok_or("--keep-bias needs a number")?;
                keep_bias = v
                    .parse()
                    .map_err(|_| format!("--keep-bias: bad number {v}"))?;
            }
            "--epochs" => {
                let v = args.next().ok_or("--epochs needs a number")?;
                epochs = v.parse().map_err(|_| format!("--epochs: bad number {v}"))?;
            }
            "--hold-part" => {
                let v = args.next().ok_or("--hold-part needs K/N")?;
                hold = Some(v.parse::<Part>().map_err(|e| format!("--hold-part: {e}"))?);
            }
            _ => positional.push(a),
        }
    }
    if positional.len() < 2 {
        return Err("usage: train_event_filter OUT.tsv SET[:train]... [--epochs N] [--hold-part K/N] [--keep-bias X] [--data DIR]".into());
    }
    let out = positional.remove(0);
    Ok(Options {
        out,
        sets: positional,
        epochs,
        hold,
        keep_bias,
        data,
    })
}

/// A small deterministic shuffle (the order of examples changes every epoch, the same on
/// every run).
fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    for i in (1..items.len()).rev() {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let j = (state >> 33) as usize % (i + 1);
        items.swap(i, j);
    }
}

fn main() {
    let opts = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("train_event_filter: {e}");
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
        Ok(p) => p.with_event_decider(Arc::new(RuleTypes)),
        Err(e) => {
            eprintln!("train_event_filter: {e}");
            std::process::exit(1);
        }
    };
    let mut examples: Vec<(Vec<String>, bool)> = Vec::new();
    let mut summary = Vec::new();
    for set in &opts.sets {
        let stories = match read_training_set(set, opts.hold) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("train_event_filter: {set}: {e}");
                std::process::exit(1);
            }
        };
        let (mut kept, mut all) = (0, 0);
        for (n, story) in stories.iter().enumerate() {
            let (doc, candidates) = pipeline.candidates(&story.text, story.published);
            let labels = matched_events(story, &candidates);
            for (c, keep) in candidates.iter().zip(labels) {
                kept += usize::from(keep);
                all += 1;
                examples.push((features(c, &doc), keep));
            }
            if (n + 1) % 50 == 0 {
                eprintln!("  {set}: {} of {} stories", n + 1, stories.len());
            }
        }
        eprintln!(
            "{set}: {} stories, {all} candidates, {kept} in the gold",
            stories.len()
        );
        summary.push(format!(
            "{set}: {} stories, {all} candidates, {kept} in the gold",
            stories.len()
        ));
    }
    let mut trainer = FilterTrainer::default();
    let mut order: Vec<usize> = (0..examples.len()).collect();
    for epoch in 0..opts.epochs {
        shuffle(&mut order, epoch as u64 + 1);
        let mut wrong = 0;
        for &i in &order {
            let (f, keep) = &examples[i];
            wrong += usize::from(!trainer.learn(f, *keep));
        }
        eprintln!(
            "epoch {} of {}: {wrong} of {} candidates decided wrongly before their update",
            epoch + 1,
            opts.epochs,
            examples.len()
        );
    }
    let mut model = trainer.finish();
    model.shift_bias(opts.keep_bias);
    let right = examples
        .iter()
        .filter(|(f, keep)| (model.score(f) > 0.0) == *keep)
        .count();
    eprintln!(
        "model: {} weights; on its own training candidates {right} of {} decided as the gold",
        model.len(),
        examples.len()
    );
    let mut header = vec![
        "dyad learned type decision (crates/dyad-events/src/decide.rs): feature<TAB>weight;"
            .to_string(),
        "a candidate is kept when the sum of its features' weights is positive.".to_string(),
        format!(
            "trained with: cargo run --release -p dyad-cli --example train_event_filter -- OUT {}{} --epochs {} --keep-bias {}",
            opts.sets.join(" "),
            opts.hold
                .map(|part| format!(" --hold-part {part}"))
                .unwrap_or_default(),
            opts.epochs,
            opts.keep_bias
        ),
    ];
    header.extend(summary);
    header.push("licence: derived from the sets above (see data/README.md)".to_string());
    if let Err(e) = std::fs::write(&opts.out, model.to_text(&header)) {
        eprintln!("train_event_filter: {}: {e}", opts.out);
        std::process::exit(1);
    }
    eprintln!("wrote {}", opts.out);
}
