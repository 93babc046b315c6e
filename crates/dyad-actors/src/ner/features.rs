//! The name tagger's feature templates: what it may look at for one token.
//!
//! A feature is a template and a value ("w" and "obama"); its key is a hash of both, the
//! same in the trainer and at run time, and the model file names it in words
//! (`w=obama`), so a reader can see what the tagger learned. The recogniser's own opinion
//! of each token (the gazetteer and rule output: "B-PER", "I-LOC", with the mention's kind)
//! is a feature like any other: the tagger learns when to trust it.

use std::collections::HashSet;

use dyad_text::hash::{hash_str, mix};
use dyad_text::normalize::fold;
use dyad_text::{Token, TokenKind};

use super::{Label, LABELS};

/// The feature templates, by id (a key's template is its index here).
pub const TEMPLATES: [&str; 22] = [
    "bias", "w", "w-1", "w+1", "w-2", "w+2", "sh", "sh-1", "sh+1", "pre3", "suf3", "suf2", "first",
    "g", "g-1", "g+1", "gk", "low", "t-1", "t-2t-1", "t-1w", "w-1w",
];

const BIAS: u8 = 0;
const W: u8 = 1;
const W_PREV: u8 = 2;
const W_NEXT: u8 = 3;
const W_PREV2: u8 = 4;
const W_NEXT2: u8 = 5;
const SHAPE: u8 = 6;
const SHAPE_PREV: u8 = 7;
const SHAPE_NEXT: u8 = 8;
const PREFIX3: u8 = 9;
const SUFFIX3: u8 = 10;
const SUFFIX2: u8 = 11;
const FIRST: u8 = 12;
const KNOWN: u8 = 13;
const KNOWN_PREV: u8 = 14;
const KNOWN_NEXT: u8 = 15;
const KNOWN_KIND: u8 = 16;
const LOWER_SEEN: u8 = 17;
const TAG_PREV: u8 = 18;
const TAGS_PREV2: u8 = 19;
const TAG_PREV_WORD: u8 = 20;
const BIGRAM_PREV: u8 = 21;

/// The key of template `template` with `value`.
pub fn key(template: u8, value: &str) -> u64 {
    with_template(template, hash_str(value))
}

/// The key of template `template` with the value `a|b`, without building the string:
/// the same key as `key(template, "a|b")`.
pub fn key2(template: u8, a: &str, b: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in a.as_bytes().iter().chain(b"|").chain(b.as_bytes()) {
        h ^= u64::from(byte);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    with_template(template, mix(h))
}

fn with_template(template: u8, value_hash: u64) -> u64 {
    mix(value_hash ^ (u64::from(template) + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// The key of a feature named as in the model file (`w=obama`), if its template is known.
pub fn parse_name(name: &str) -> Option<u64> {
    let (template, value) = name.split_once('=')?;
    let t = TEMPLATES.iter().position(|&n| n == template)?;
    Some(key(t as u8, value))
}

/// Where features go: keys for scoring, or keys with their names for the trainer.
pub trait Sink {
    fn add(&mut self, template: u8, value: &str);

    /// A feature whose value is `a|b`.
    fn add2(&mut self, template: u8, a: &str, b: &str);
}

/// The recogniser's opinion of one token: the class of the entity whose mention covers it,
/// whether the mention starts there, and the mention's kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Known {
    pub class: Option<&'static str>,
    pub begins: bool,
    pub kind: &'static str,
}

/// One sentence as the tagger sees it.
pub struct SentenceView<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    /// Folded token texts.
    pub folded: Vec<String>,
    pub shapes: Vec<String>,
    pub known: &'a [Known],
    /// Words the document writes in lower case.
    pub lower_seen: &'a HashSet<&'a str>,
}

impl<'a> SentenceView<'a> {
    pub fn new(
        text: &'a str,
        tokens: &'a [Token],
        known: &'a [Known],
        lower_seen: &'a HashSet<&'a str>,
    ) -> SentenceView<'a> {
        SentenceView {
            text,
            tokens,
            folded: tokens.iter().map(|t| fold(t.text(text))).collect(),
            shapes: tokens.iter().map(|t| shape(t.text(text))).collect(),
            known,
            lower_seen,
        }
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    fn word(&self, i: isize) -> &str {
        match usize::try_from(i).ok().and_then(|i| self.folded.get(i)) {
            Some(w) => w,
            None if i < 0 => "<s>",
            None => "</s>",
        }
    }

    fn shape_at(&self, i: isize) -> &str {
        match usize::try_from(i).ok().and_then(|i| self.shapes.get(i)) {
            Some(s) => s,
            None => "-",
        }
    }

    fn known_at(&self, i: isize) -> (&'static str, &'static str) {
        match usize::try_from(i).ok().and_then(|i| self.known.get(i)) {
            Some(Known {
                class: Some(c),
                begins,
                ..
            }) => (if *begins { "B" } else { "I" }, c),
            Some(_) => ("O", ""),
            None => ("-", ""),
        }
    }

    fn add_known(&self, template: u8, i: isize, sink: &mut impl Sink) {
        match self.known_at(i) {
            (position, "") => sink.add(template, position),
            (position, class) => sink.add2(template, position, class),
        }
    }

    /// The features of token `i` given the labels the tagger chose for the two tokens
    /// before it.
    pub fn features(&self, i: usize, prev: [Label; 2], sink: &mut impl Sink) {
        let at = i as isize;
        let token = self.text_of(i);
        let folded = self.folded[i].as_str();
        sink.add(BIAS, "");
        sink.add(W, folded);
        sink.add(W_PREV, self.word(at - 1));
        sink.add(W_NEXT, self.word(at + 1));
        sink.add(W_PREV2, self.word(at - 2));
        sink.add(W_NEXT2, self.word(at + 2));
        sink.add(SHAPE, self.shape_at(at));
        sink.add(SHAPE_PREV, self.shape_at(at - 1));
        sink.add(SHAPE_NEXT, self.shape_at(at + 1));
        let prefix_end = folded
            .char_indices()
            .nth(3)
            .map_or(folded.len(), |(b, _)| b);
        let suffix = |n: usize| -> &str {
            let start = folded.char_indices().rev().nth(n - 1).map_or(0, |(b, _)| b);
            &folded[start..]
        };
        sink.add(PREFIX3, &folded[..prefix_end]);
        sink.add(SUFFIX3, suffix(3));
        sink.add(SUFFIX2, suffix(2));
        let capitalised = token.chars().next().is_some_and(char::is_uppercase);
        if i == 0 {
            sink.add(FIRST, self.shape_at(at));
        }
        self.add_known(KNOWN, at, sink);
        self.add_known(KNOWN_PREV, at - 1, sink);
        self.add_known(KNOWN_NEXT, at + 1, sink);
        if let Some(k) = self.known.get(i).filter(|k| k.class.is_some()) {
            sink.add(KNOWN_KIND, k.kind);
        }
        if capitalised && self.tokens[i].kind == TokenKind::Word {
            let seen = self.lower_seen.contains(folded);
            sink.add(LOWER_SEEN, if seen { "1" } else { "0" });
        }
        let (p1, p2) = (LABELS[prev[0] as usize], LABELS[prev[1] as usize]);
        sink.add(TAG_PREV, p1);
        sink.add2(TAGS_PREV2, p2, p1);
        sink.add2(TAG_PREV_WORD, p1, folded);
        sink.add2(BIGRAM_PREV, self.word(at - 1), folded);
    }

    fn text_of(&self, i: usize) -> &'a str {
        self.tokens[i].text(self.text)
    }
}

/// A word's shape: upper-case letters `X`, lower-case `x`, digits `d`, other characters
/// themselves, runs of one class written once ("Obama" → `Xx`, "U.S." → `X.X.`).
pub fn shape(word: &str) -> String {
    let mut out = String::new();
    let mut last = None;
    for c in word.chars() {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if last != Some(class) {
            out.push(class);
            last = Some(class);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_collapse_runs() {
        assert_eq!(shape("Obama"), "Xx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("al-Assad"), "x-Xx");
        assert_eq!(shape("1990s"), "dx");
    }

    #[test]
    fn names_and_keys_agree() {
        assert_eq!(parse_name("w=obama"), Some(key(W, "obama")));
        assert_eq!(
            parse_name("t-1w=B-PER|said"),
            Some(key(TAG_PREV_WORD, "B-PER|said"))
        );
        assert_ne!(key(W, "obama"), key(W_PREV, "obama"));
        assert_eq!(parse_name("nosuch=x"), None);
        assert_eq!(
            key2(TAG_PREV_WORD, "B-PER", "said"),
            key(TAG_PREV_WORD, "B-PER|said")
        );
    }
}
