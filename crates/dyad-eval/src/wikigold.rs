//! Reading CoNLL NER files (wikigold: `TOKEN TAG` per line, blank lines between sentences,
//! `-DOCSTART-` between documents, IOB1 or IOB2 tags `I-PER`/`B-ORG`/`O`) into the same gold
//! records as re3d, so [`crate::ner::score`] scores them alike.
//!
//! A document's text is its tokens joined by single spaces, one sentence per line; entity
//! offsets are character offsets into that text. Tag classes become the re3d type names
//! (`PER` → `Person`, `ORG` → `Organisation`, `LOC` → `Location`, `MISC` → `Misc`, which is
//! not scored).

use crate::ner::{GoldEntity, NerGold};
use crate::EvalError;

/// The re3d type name of a CoNLL class.
fn type_name(class: &str) -> String {
    match class {
        "PER" => "Person".into(),
        "ORG" => "Organisation".into(),
        "LOC" => "Location".into(),
        "MISC" => "Misc".into(),
        other => other.to_string(),
    }
}

#[derive(Default)]
struct Builder {
    docs: Vec<NerGold>,
    text: String,
    chars: usize,
    entities: Vec<GoldEntity>,
    /// The entity being read: class, start (chars), start (bytes).
    open: Option<(String, usize, usize)>,
    /// Whether the current line has a token yet (for spacing).
    line_started: bool,
}

impl Builder {
    fn close(&mut self) {
        if let Some((class, start, byte_start)) = self.open.take() {
            let text = self.text[byte_start..].trim_end().to_string();
            let end = start + text.chars().count();
            self.entities.push(GoldEntity {
                start,
                end,
                kind: type_name(&class),
                text,
            });
        }
    }

    fn push_text(&mut self, s: &str) {
        self.text.push_str(s);
        self.chars += s.chars().count();
    }

    fn token(&mut self, word: &str, tag: &str) {
        let (prefix, class) = tag.split_once('-').unwrap_or((tag, ""));
        let continues = matches!(&self.open, Some((c, _, _)) if c == class) && prefix == "I";
        if !continues {
            self.close();
        }
        if self.line_started {
            self.push_text(" ");
        }
        if !continues && !class.is_empty() && prefix != "O" {
            self.open = Some((class.to_string(), self.chars, self.text.len()));
        }
        self.push_text(word);
        self.line_started = true;
    }

    fn sentence_end(&mut self) {
        self.close();
        if self.line_started {
            self.push_text("\n");
            self.line_started = false;
        }
    }

    fn document_end(&mut self) {
        self.sentence_end();
        if !self.text.trim().is_empty() {
            let n = self.docs.len() + 1;
            self.docs.push(NerGold {
                id: format!("doc{n}"),
                text: std::mem::take(&mut self.text),
                entities: std::mem::take(&mut self.entities),
            });
        }
        self.text.clear();
        self.entities.clear();
        self.chars = 0;
    }
}

/// Parses a CoNLL NER file; `input` names it in errors.
pub fn parse_conll(input: &str, text: &str) -> Result<Vec<NerGold>, EvalError> {
    let mut b = Builder::default();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() {
            b.sentence_end();
            continue;
        }
        let mut fields = line.split_whitespace();
        let (Some(word), Some(tag)) = (fields.next(), fields.last()) else {
            return Err(EvalError {
                input: input.to_string(),
                line: i + 1,
                message: format!("expected `TOKEN ... TAG`, found {line:?}"),
            });
        };
        if word == "-DOCSTART-" {
            b.document_end();
            continue;
        }
        if tag != "O" && !tag.contains('-') {
            return Err(EvalError {
                input: input.to_string(),
                line: i + 1,
                message: format!("unknown tag {tag:?}"),
            });
        }
        b.token(word, tag);
    }
    b.document_end();
    Ok(b.docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iob1_and_documents() {
        let conll = "-DOCSTART- O\n\nThe I-ORG\nMad I-ORG\nCapsule I-ORG\nmet O\nKim I-PER\nB-PER B-PER\n. O\n\nIn O\nParis I-LOC\n\n-DOCSTART- O\n\nRome I-LOC\n";
        let docs = parse_conll("t", conll).unwrap();
        assert_eq!(docs.len(), 2);
        let d = &docs[0];
        assert_eq!(d.text, "The Mad Capsule met Kim B-PER .\nIn Paris\n");
        let got: Vec<(&str, &str)> = d
            .entities
            .iter()
            .map(|e| (e.kind.as_str(), e.text.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Organisation", "The Mad Capsule"),
                ("Person", "Kim"),
                ("Person", "B-PER"),
                ("Location", "Paris")
            ]
        );
        for e in &d.entities {
            let s: String = d.text.chars().skip(e.start).take(e.end - e.start).collect();
            assert_eq!(s, e.text);
        }
        assert_eq!(docs[1].entities[0].text, "Rome");
    }

    #[test]
    fn bad_lines_are_named() {
        let err = parse_conll("f.conll", "word\n").unwrap_err().to_string();
        assert!(err.starts_with("f.conll:1:"), "{err}");
    }
}
