//! Tags text from standard input and prints one sentence per line as `word/UPOS:XPOS`.
//!
//! ```text
//! echo "The convoy was attacked by rebels." | cargo run -p dyad-text --example tag_text
//! ```

use std::io::Read;

fn main() {
    let mut text = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut text) {
        eprintln!("tag_text: {e}");
        std::process::exit(1);
    }
    let tagger = match dyad_text::Tagger::from_data(&dyad_data::DataSet::embedded()) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("tag_text: {e}");
            std::process::exit(1);
        }
    };
    let layer = dyad_text::analyze(&text);
    let tags = tagger.tag_tokens(&text, &layer);
    for s in &layer.sentences {
        let words: Vec<String> = s
            .tokens
            .clone()
            .filter_map(|i| {
                Some(format!(
                    "{}/{}",
                    layer.tokens.get(i)?.text(&text),
                    tags.get(i)?
                ))
            })
            .collect();
        println!("{}", words.join(" "));
    }
}
