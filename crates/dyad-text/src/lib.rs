//! The language layer of dyad: turns a document's text into tokens and sentences, with
//! byte offsets into the original string.
//!
//! ```
//! let layer = dyad_text::analyze("Gen. Smith met U.S. officials. They agreed.");
//! assert_eq!(layer.sentences.len(), 2);
//! assert_eq!(layer.token_text("Gen. Smith met U.S. officials. They agreed.", 0), "Gen.");
//! ```
//!
//! Part-of-speech tags (UPOS and Penn XPOS) come from [`tag::Tagger`], loaded once from
//! the data files and applied to a [`TextLayer`]; `analyze` itself stays cheap.
//!
//! Invariants: tokens are in text order, never overlap, never contain white space, and
//! start and end on char boundaries; every token belongs to exactly one sentence.

pub mod abbrev;
pub mod calendar;
pub mod conllu;
pub mod hash;
pub mod normalize;
pub mod prefetch;
pub mod sentence;
pub mod tag;
pub mod token;

pub use sentence::Sentence;
pub use tag::{TaggedToken, Tagger, Upos, Xpos};
pub use token::{Token, TokenKind};

use dyad_model::Span;

/// The tokens and sentences of one text.
#[derive(Clone, Debug, Default)]
pub struct TextLayer {
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
}

impl TextLayer {
    /// The text of token `i`.
    pub fn token_text<'a>(&self, text: &'a str, i: usize) -> &'a str {
        self.tokens[i].text(text)
    }

    /// The tokens of sentence `s`.
    pub fn sentence_tokens(&self, s: usize) -> &[Token] {
        &self.tokens[self.sentences[s].tokens.clone()]
    }

    /// Index of the sentence that contains byte offset `pos`, if any.
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= pos);
        (i < self.sentences.len() && self.sentences[i].span.start <= pos).then_some(i)
    }

    /// Index of the first token that starts at or after byte offset `pos`.
    pub fn token_at_or_after(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.start < pos)
    }

    /// The span covering tokens `from..to` (token indices, `to` exclusive, non-empty).
    pub fn span_of(&self, from: usize, to: usize) -> Span {
        Span::new(self.tokens[from].start, self.tokens[to - 1].end)
    }
}

/// Tokenises `text` and splits it into sentences.
pub fn analyze(text: &str) -> TextLayer {
    let tokens = token::tokenize(text);
    let sentences = sentence::split(text, &tokens);
    TextLayer { tokens, sentences }
}
