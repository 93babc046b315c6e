//! Times the parser alone (tags computed beforehand) on a CoNLL-U file's sentences.
//!
//! ```text
//! cargo run --release -p dyad-syntax --example bench_parser -- \
//!     ../shared/treebank/ud-english-ewt/en_ewt-ud-test.conllu [REPEAT]
//! ```

use std::time::Instant;

use dyad_syntax::parser::Scratch;
use dyad_syntax::Parser;
use dyad_text::{conllu, Tagger};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: bench_parser FILE.conllu [REPEAT]");
        std::process::exit(2);
    };
    let repeat: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(5);
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        eprintln!("bench_parser: {path}: {e}");
        std::process::exit(1)
    });
    let sentences = conllu::parse(path, &text).unwrap_or_else(|e| {
        eprintln!("bench_parser: {e}");
        std::process::exit(1)
    });
    let data = dyad_data::DataSet::embedded();
    let tagger = Tagger::from_data(&data).expect("tagger");
    let parser = Parser::from_data(&data).expect("parser");
    let tagged: Vec<(Vec<&str>, Vec<dyad_text::TaggedToken>)> = sentences
        .iter()
        .map(|s| {
            let words = s.forms();
            let tags = tagger.tag_words(&words);
            (words, tags)
        })
        .collect();
    let words: usize = tagged.iter().map(|(w, _)| w.len()).sum();
    let mut scratch = Scratch::default();
    let mut arcs = Vec::new();
    let mut best = f64::MAX;
    for _ in 0..repeat.max(1) {
        let t = Instant::now();
        for (w, tags) in &tagged {
            parser.parse_into(w, tags, &mut scratch, &mut arcs);
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "parser alone: {} sentences ({words} words), best of {repeat}: {:.3} s = {:.0} sentences/s, {:.0} words/s",
        tagged.len(),
        best,
        tagged.len() as f64 / best,
        words as f64 / best
    );
}
