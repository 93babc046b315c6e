//! Measures the tagger: model load time and tagging speed on one core.
//!
//! ```text
//! cargo run --release -p dyad-text --example tagger_bench -- FILE...
//! ```
//!
//! Each FILE is plain text, or CoNLL-U (`.conllu`: its `# text =` lines are used). The
//! texts are tokenised once, then tagged repeatedly for about two seconds.

use std::time::{Duration, Instant};

use dyad_text::tag::Tagger;

fn read(path: &str) -> Result<String, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    if path.ends_with(".conllu") {
        let lines: Vec<&str> = text
            .lines()
            .filter_map(|l| l.strip_prefix("# text = "))
            .collect();
        return Ok(lines.join("\n"));
    }
    Ok(text)
}

fn run() -> Result<(), String> {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let t0 = Instant::now();
    let data = dyad_data::DataSet::embedded();
    let data_time = t0.elapsed();
    let t1 = Instant::now();
    let tagger = Tagger::from_data(&data).map_err(|e| e.to_string())?;
    let load_time = t1.elapsed();
    let (features, weights) = tagger.size();
    println!(
        "DataSet::embedded() {data_time:.1?}; Tagger::from_data {load_time:.1?} ({features} features, {weights} weights)"
    );
    if paths.is_empty() {
        return Ok(());
    }
    let mut texts = Vec::new();
    for p in &paths {
        texts.push(read(p)?);
    }
    let layers: Vec<_> = texts.iter().map(|t| dyad_text::analyze(t)).collect();
    let tokens: usize = layers.iter().map(|l| l.tokens.len()).sum();
    let (mut rounds, start) = (0usize, Instant::now());
    let mut checksum = 0usize;
    while start.elapsed() < Duration::from_secs(2) || rounds == 0 {
        for (text, layer) in texts.iter().zip(&layers) {
            checksum += tagger.tag_tokens(text, layer).len();
        }
        rounds += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    let tag_rate = (tokens * rounds) as f64 / secs;
    let (mut rounds2, start2) = (0usize, Instant::now());
    while start2.elapsed() < Duration::from_secs(2) || rounds2 == 0 {
        for text in &texts {
            let layer = dyad_text::analyze(text);
            checksum += tagger.tag_tokens(text, &layer).len();
        }
        rounds2 += 1;
    }
    let both_rate = (tokens * rounds2) as f64 / start2.elapsed().as_secs_f64();
    println!(
        "{tokens} tokens x {rounds} rounds: tagging {:.2} M tokens/s; analyze + tag {:.2} M tokens/s (checksum {checksum})",
        tag_rate / 1e6,
        both_rate / 1e6
    );
    Ok(())
}

fn main() {
    if let Err(e) = run() {
        eprintln!("tagger_bench: {e}");
        std::process::exit(1);
    }
}
