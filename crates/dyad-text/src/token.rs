//! Tokenisation: splits text into words, numbers and punctuation with byte offsets.
//!
//! Words keep internal hyphens ("long-range", "al-Sharaa") and apostrophes ("O'Brien");
//! possessive and negative clitics are split off ("Russia" + "’s", "did" + "n't"). Numbers
//! keep their group and decimal separators ("12,000", "3.5"). Abbreviations keep their
//! period ("Gen.", "U.S.").

use crate::abbrev;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters, possibly with digits, hyphens, apostrophes and (abbreviations) periods.
    Word,
    /// Digits with optional group and decimal separators.
    Number,
    /// A clitic split off a word: "’s", "'s", "n't", "'ll", "'re", "'ve", "'d", "'m".
    Clitic,
    /// Sentence and clause punctuation, quotes and brackets.
    Punct,
    /// Anything else (currency signs, %, &, ...).
    Symbol,
}

/// One token: a byte range of the text and what kind of thing it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

impl Token {
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        &src[self.start..self.end]
    }

    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\u{00AD}' || is_combining(c)
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let char_at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if c.is_whitespace() || c.is_control() || c == '\u{FEFF}' || c == '\u{200B}' {
            i += 1;
            continue;
        }
        let start = i;
        if c.is_ascii_digit() || (c.is_numeric() && !c.is_alphabetic()) {
            // Number: digits with internal , . separators followed by a digit.
            i += 1;
            while let Some(d) = char_at(i) {
                if d.is_ascii_digit() {
                    i += 1;
                } else if (d == ',' || d == '.')
                    && char_at(i + 1).is_some_and(|e| e.is_ascii_digit())
                {
                    i += 2;
                } else {
                    break;
                }
            }
            // Digits glued to letters ("12th", "1990s", "F-16" handled as word below).
            if char_at(i).is_some_and(char::is_alphabetic) {
                while char_at(i).is_some_and(is_word_char) {
                    i += 1;
                }
                tokens.push(Token {
                    start: byte_at(start),
                    end: byte_at(i),
                    kind: TokenKind::Word,
                });
            } else {
                tokens.push(Token {
                    start: byte_at(start),
                    end: byte_at(i),
                    kind: TokenKind::Number,
                });
            }
            continue;
        }
        if (c == 'n' || c == 'N')
            && start > 0
            && is_word_char(chars[start - 1].1)
            && char_at(i + 1).is_some_and(is_apostrophe)
            && char_at(i + 2).is_some_and(|t| t == 't' || t == 'T')
            && char_at(i + 3).is_none_or(|n| !n.is_alphabetic())
        {
            i += 3;
            tokens.push(Token {
                start: byte_at(start),
                end: byte_at(i),
                kind: TokenKind::Clitic,
            });
            continue;
        }
        if is_word_char(c) {
            i += 1;
            loop {
                match char_at(i) {
                    Some(d) if is_word_char(d) => i += 1,
                    Some(d) if is_hyphen(d) && char_at(i + 1).is_some_and(is_word_char) => i += 2,
                    Some(d)
                        if is_apostrophe(d) && char_at(i + 1).is_some_and(char::is_alphabetic) =>
                    {
                        // A clitic ('s, 't, 'll, ...) ends the word; O'Brien does not.
                        let rest: String = chars[i + 1..]
                            .iter()
                            .map(|&(_, c)| c)
                            .take_while(|c| c.is_alphabetic())
                            .collect();
                        let lower = rest.to_lowercase();
                        if matches!(lower.as_str(), "s" | "ll" | "re" | "ve" | "d" | "m") {
                            break;
                        }
                        if lower == "t" && i > start && chars[i - 1].1.eq_ignore_ascii_case(&'n') {
                            // "didn't" → "did" + "n't"
                            i -= 1;
                            break;
                        }
                        i += 1;
                    }
                    Some('.') => {
                        // Dotted initialisms (U.S., D.C.) and known abbreviations keep the period.
                        let word = &text[byte_at(start)..byte_at(i)];
                        let next = char_at(i + 1);
                        if next.is_some_and(|n| n.is_alphabetic()) && abbrev::is_initialism(word) {
                            // continue an initialism: "U" "." "S"
                            if char_at(i + 2).is_none_or(|n| !n.is_alphabetic()) {
                                i += 2;
                                continue;
                            }
                        }
                        if abbrev::is_abbreviation(word) {
                            i += 1;
                        }
                        break;
                    }
                    _ => break,
                }
            }
            if i == start {
                // Only happens for a lone "n" before "'t"; take it as a word.
                i = start + 1;
            }
            tokens.push(Token {
                start: byte_at(start),
                end: byte_at(i),
                kind: TokenKind::Word,
            });
            continue;
        }
        if is_apostrophe(c) {
            // Clitics: 's, 'll, ... and n't are handled here when they follow a word.
            let rest: String = chars[i + 1..]
                .iter()
                .map(|&(_, c)| c)
                .take_while(|c| c.is_alphabetic())
                .collect();
            let lower = rest.to_lowercase();
            let glued = start > 0 && is_word_char(chars[start - 1].1);
            if glued && matches!(lower.as_str(), "s" | "ll" | "re" | "ve" | "d" | "m") {
                i += 1 + rest.chars().count();
                tokens.push(Token {
                    start: byte_at(start),
                    end: byte_at(i),
                    kind: TokenKind::Clitic,
                });
                continue;
            }
            if glued
                && (char_at(i + 1).is_none_or(|n| !n.is_alphanumeric()))
                && chars[start - 1].1 == 's'
            {
                // Plural possessive: "allies'"
                i += 1;
                tokens.push(Token {
                    start: byte_at(start),
                    end: byte_at(i),
                    kind: TokenKind::Clitic,
                });
                continue;
            }
        }
        i += 1;
        let kind = if c.is_ascii_punctuation()
            && !matches!(
                c,
                '$' | '%'
                    | '&'
                    | '#'
                    | '@'
                    | '+'
                    | '='
                    | '<'
                    | '>'
                    | '^'
                    | '|'
                    | '~'
                    | '*'
                    | '/'
                    | '\\'
            )
            || matches!(
                c,
                '\u{2018}'
                    | '\u{2019}'
                    | '\u{201C}'
                    | '\u{201D}'
                    | '\u{2013}'
                    | '\u{2014}'
                    | '\u{2026}'
                    | '\u{00AB}'
                    | '\u{00BB}'
            ) {
            // Runs of the same punctuation ("...", "--") are one token.
            while char_at(i) == Some(c) && matches!(c, '.' | '-' | '!' | '?') {
                i += 1;
            }
            TokenKind::Punct
        } else {
            TokenKind::Symbol
        };
        tokens.push(Token {
            start: byte_at(start),
            end: byte_at(i),
            kind,
        });
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| t.text(s)).collect()
    }

    #[test]
    fn splits_possessives_and_keeps_hyphens() {
        assert_eq!(
            texts("Russia’s long-range weapons"),
            vec!["Russia", "’s", "long-range", "weapons"]
        );
        assert_eq!(
            texts("the allies' plan"),
            vec!["the", "allies", "'", "plan"]
        );
    }

    #[test]
    fn numbers_keep_separators() {
        assert_eq!(
            texts("approximately 12,000 troops, 3.5%"),
            vec!["approximately", "12,000", "troops", ",", "3.5", "%"]
        );
        assert_eq!(texts("$135 million"), vec!["$", "135", "million"]);
    }

    #[test]
    fn abbreviations_keep_their_period() {
        assert_eq!(
            texts("The U.S. State Dept. said"),
            vec!["The", "U.S.", "State", "Dept.", "said"]
        );
        assert_eq!(texts("Gen. J. Smith"), vec!["Gen.", "J.", "Smith"]);
        assert_eq!(texts("in Ukraine."), vec!["in", "Ukraine", "."]);
    }

    #[test]
    fn negative_clitic_is_split() {
        assert_eq!(
            texts("did not, didn't"),
            vec!["did", "not", ",", "did", "n't"]
        );
        assert_eq!(texts("O'Brien"), vec!["O'Brien"]);
    }

    #[test]
    fn offsets_are_char_boundaries() {
        let s = "Zelensky’s “peace” plan — déjà vu… 東京";
        for t in tokenize(s) {
            assert!(s.is_char_boundary(t.start) && s.is_char_boundary(t.end));
            assert!(!t.text(s).trim().is_empty());
        }
        assert_eq!(texts("東京 x"), vec!["東京", "x"]);
    }
}
