//! Benchmarks the actor layer alone on one core: the time `ActorLexicon::from_data` takes to
//! load the embedded data, and the words per second of `ActorLexicon::recognize` (text
//! analysis excluded and reported apart) over JSONL corpora with a `text` field.
//!
//! Usage: `cargo run --release -p dyad-actors --example bench_actors -- [FILE.jsonl ...]`
//! (default: the VOA stories and re3d documents under `../shared`, skipped when absent).
//! Repeats the corpus until at least two seconds of recognition were measured.

use std::time::{Duration, Instant};

use dyad_actors::ActorLexicon;
use dyad_data::DataSet;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        let shared = format!("{}/../../../shared", env!("CARGO_MANIFEST_DIR"));
        paths = vec![
            format!("{shared}/corpora/voa/voa-dev.jsonl"),
            format!("{shared}/eval/ner-re3d/dev.jsonl"),
        ];
    }
    let mut texts = Vec::new();
    for path in &paths {
        let Ok(data) = std::fs::read_to_string(path) else {
            eprintln!("skipping: {path} not found");
            continue;
        };
        for line in data.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line)?;
            if let Some(t) = v["text"].as_str() {
                texts.push(t.to_string());
            }
        }
    }

    let data = DataSet::embedded();
    let mut loads = Vec::new();
    let mut lexicon = None;
    for _ in 0..5 {
        let t0 = Instant::now();
        lexicon = Some(ActorLexicon::from_data(&data)?);
        loads.push(t0.elapsed());
    }
    loads.sort();
    let lexicon = lexicon.ok_or("no lexicon")?;
    let [countries, places, organisations, roles, people] = lexicon.sizes();
    println!(
        "load: {:.1} ms (median of 5): {countries} countries, {places} places, {organisations} organisations, {roles} role phrases, {people} people",
        loads[2].as_secs_f64() * 1e3
    );
    if texts.is_empty() {
        eprintln!("skipping throughput: no corpus");
        return Ok(());
    }

    let layers: Vec<_> = texts.iter().map(|t| dyad_text::analyze(t)).collect();
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    let published = "2024-12-01".parse().ok();
    let (mut recognise, mut analyse) = (Duration::ZERO, Duration::ZERO);
    let mut rounds = 0usize;
    let mut mentions = 0usize;
    while recognise < Duration::from_secs(2) {
        for (t, layer) in texts.iter().zip(&layers) {
            let t0 = Instant::now();
            let a = lexicon.recognize(t, layer, published);
            recognise += t0.elapsed();
            mentions += a.mentions.len();
        }
        let t0 = Instant::now();
        for t in &texts {
            std::hint::black_box(dyad_text::analyze(t));
        }
        analyse += t0.elapsed();
        rounds += 1;
    }
    let total = (words * rounds) as f64;
    println!(
        "{} documents, {words} words, {rounds} rounds, {} mentions per round",
        texts.len(),
        mentions / rounds
    );
    println!(
        "actor recognition: {:.0} words/s; with text analysis: {:.0} words/s (single thread)",
        total / recognise.as_secs_f64(),
        total / (recognise + analyse).as_secs_f64()
    );
    Ok(())
}
