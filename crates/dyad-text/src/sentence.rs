//! Sentence splitting over tokens.
//!
//! A sentence ends at a line break that ends a paragraph or a heading, or at `.`, `!`, `?`
//! (with any closing quotes and brackets after it) when the next token can start a
//! sentence. Titles ("Gen.", "Mr.") never end a sentence; other abbreviations ("U.S.",
//! "Jan.") end one only when the next word is a typical sentence opener ("The", "He").
//!
//! No sentence is longer than [`MAX_SENTENCE_TOKENS`]: text without sentence punctuation
//! (lists, tables, scraped junk, a run of quote marks) is cut into pieces of at most that
//! many tokens, at a comma, semicolon, colon or dash in the second half of the piece when
//! there is one. The layers above look at each sentence as a whole, some with work that
//! grows with the square of its length; the cap keeps a document's cost linear.

use dyad_model::Span;

use crate::abbrev;
use crate::token::{Token, TokenKind};

/// One sentence: its byte span and the range of its tokens in [`crate::TextLayer::tokens`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub tokens: std::ops::Range<usize>,
}

/// Words that, capitalised after an abbreviation, show that a new sentence has begun.
const OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "its",
    "their",
    "this",
    "that",
    "these",
    "those",
    "but",
    "and",
    "in",
    "on",
    "at",
    "meanwhile",
    "however",
    "there",
    "officials",
    "according",
    "after",
    "before",
    "while",
    "when",
    "as",
];

fn is_closer(s: &str) -> bool {
    matches!(
        s,
        "\"" | "'" | ")" | "]" | "}" | "\u{201D}" | "\u{2019}" | "\u{00BB}"
    )
}

fn is_opener_punct(s: &str) -> bool {
    matches!(
        s,
        "\"" | "'" | "(" | "[" | "\u{201C}" | "\u{2018}" | "\u{00AB}" | "-" | "\u{2014}"
    )
}

/// Can `tok` begin a sentence? Capitalised words, numbers, opening quotes and brackets.
fn can_start(text: &str, tok: &Token) -> bool {
    let s = tok.text(text);
    match tok.kind {
        TokenKind::Number => true,
        TokenKind::Word => s
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic()),
        TokenKind::Punct => is_opener_punct(s),
        TokenKind::Symbol => true,
        TokenKind::Clitic => false,
    }
}

fn has_blank_line_or_newline_between(text: &str, a: &Token, b: &Token) -> bool {
    text[a.end..b.start].contains('\n')
}

/// The most tokens of one sentence (real sentences of news stay far below it).
pub const MAX_SENTENCE_TOKENS: usize = 256;

/// Where to cut a run of tokens `first..=last` that reached [`MAX_SENTENCE_TOKENS`]: after
/// the last clause punctuation of its second half, else after `last`.
fn forced_end(text: &str, tokens: &[Token], first: usize, last: usize) -> usize {
    let half = first + (last - first) / 2;
    (half..=last)
        .rev()
        .find(|&k| {
            tokens[k].kind == TokenKind::Punct
                && matches!(
                    tokens[k].text(text),
                    "," | ";" | ":" | "\u{2014}" | "\u{2013}" | "-" | "--"
                )
        })
        .unwrap_or(last)
}

/// Splits tokenised `text` into sentences.
pub fn split(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut first = 0;
    let mut i = 0;
    while i < tokens.len() {
        let tok = &tokens[i];
        let s = tok.text(text);
        let mut end_after = None;
        let next = tokens.get(i + 1);
        if let Some(n) = next {
            if has_blank_line_or_newline_between(text, tok, n) {
                // A line break ends a sentence, unless the line plainly continues
                // (next line starts lower case after no end punctuation).
                let continues = n.kind == TokenKind::Word
                    && n.text(text).chars().next().is_some_and(char::is_lowercase)
                    && !text[tok.end..n.start].contains("\n\n")
                    && !matches!(s, "." | "!" | "?");
                if !continues {
                    end_after = Some(i);
                }
            }
        }
        if end_after.is_none()
            && tok.kind == TokenKind::Punct
            && (s.starts_with('.') || s.starts_with('!') || s.starts_with('?') || s == "\u{2026}")
        {
            // Swallow closing quotes and brackets.
            let mut j = i;
            while tokens
                .get(j + 1)
                .is_some_and(|t| is_closer(t.text(text)) && t.start == tokens[j].end)
            {
                j += 1;
            }
            match tokens.get(j + 1) {
                None => end_after = Some(j),
                Some(n) if can_start(text, n) => end_after = Some(j),
                Some(n) if has_blank_line_or_newline_between(text, &tokens[j], n) => {
                    end_after = Some(j)
                }
                _ => {}
            }
        } else if end_after.is_none()
            && tok.kind == TokenKind::Word
            && s.ends_with('.')
            && s.len() > 1
        {
            // An abbreviation. Titles never end a sentence; others do before an opener.
            let word = &s[..s.len() - 1];
            if !abbrev::is_title(word) {
                if let Some(n) = next {
                    let nt = n.text(text);
                    let opener = n.kind == TokenKind::Word
                        && nt.chars().next().is_some_and(char::is_uppercase)
                        && OPENERS.contains(&nt.to_lowercase().as_str());
                    if opener {
                        end_after = Some(i);
                    }
                }
            }
        }
        if end_after.is_none() && i + 1 - first >= MAX_SENTENCE_TOKENS {
            end_after = Some(forced_end(text, tokens, first, i));
        }
        if let Some(j) = end_after {
            sentences.push(Sentence {
                span: Span::new(tokens[first].start, tokens[j].end),
                tokens: first..j + 1,
            });
            first = j + 1;
            i = j + 1;
        } else {
            i += 1;
        }
    }
    if first < tokens.len() {
        sentences.push(Sentence {
            span: Span::new(tokens[first].start, tokens[tokens.len() - 1].end),
            tokens: first..tokens.len(),
        });
    }
    sentences
}

#[cfg(test)]
mod tests {
    use super::MAX_SENTENCE_TOKENS;
    use crate::analyze;

    #[test]
    fn runs_without_sentence_punctuation_are_cut() {
        let text = "Russia attacked Ukraine and China, Iran, Israel, France ".repeat(500);
        let layer = analyze(&text);
        assert!(layer.sentences.len() > 10, "{}", layer.sentences.len());
        for s in &layer.sentences {
            assert!(s.tokens.len() <= MAX_SENTENCE_TOKENS);
        }
        // Cut after a comma where there is one.
        let first = layer.sentences[0].span.slice(&text);
        assert!(first.ends_with(','), "{first:?}");
        // Sentences still tile the tokens.
        let covered: usize = layer.sentences.iter().map(|s| s.tokens.len()).sum();
        assert_eq!(covered, layer.tokens.len());
        let quotes = "\"\u{201C}\u{2018} ".repeat(5_000);
        let layer = analyze(&quotes);
        assert!(layer
            .sentences
            .iter()
            .all(|s| s.tokens.len() <= MAX_SENTENCE_TOKENS));
        // A normal long sentence is one sentence.
        let long = format!("{}.", "word ".repeat(MAX_SENTENCE_TOKENS - 2));
        assert_eq!(analyze(&long).sentences.len(), 1);
    }

    fn sentences(s: &str) -> Vec<&str> {
        analyze(s)
            .sentences
            .iter()
            .map(|x| x.span.slice(s))
            .collect()
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(
            sentences("The U.S. State Dept. said Gen. Smith arrived on Jan. 5. He left."),
            vec![
                "The U.S. State Dept. said Gen. Smith arrived on Jan. 5.",
                "He left."
            ]
        );
    }

    #[test]
    fn abbreviation_can_end_a_sentence_before_an_opener() {
        assert_eq!(
            sentences("Talks were held in the U.S. The talks failed."),
            vec!["Talks were held in the U.S.", "The talks failed."]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            sentences("He said, “We will win.” Then he left."),
            vec!["He said, “We will win.”", "Then he left."]
        );
    }

    #[test]
    fn initials_do_not_split() {
        assert_eq!(
            sentences("George W. Bush met John F. Kennedy Jr. in 1990."),
            vec!["George W. Bush met John F. Kennedy Jr. in 1990."]
        );
    }

    #[test]
    fn lines_are_sentence_boundaries() {
        assert_eq!(
            sentences("A headline\nThe body starts here."),
            vec!["A headline", "The body starts here."]
        );
    }

    #[test]
    fn lower_case_after_period_does_not_split() {
        assert_eq!(
            sentences("It rose 3.5 per cent. in May."),
            vec!["It rose 3.5 per cent. in May."]
        );
    }
}
