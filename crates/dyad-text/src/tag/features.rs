//! Feature templates of the part-of-speech tagger, shared by training and tagging.
//!
//! The set follows the classic greedy averaged-perceptron tagger (Collins 2002; the
//! "nltk/textblob perceptron tagger"): the word, its prefixes and suffixes, its shape,
//! the two previous predicted tags, and the neighbouring words, plus a few extras
//! (exact case, hyphen parts, neighbouring shapes, and the ambiguity class — the tags a
//! word took in training — of the next two words, a look-ahead for the greedy decoder).
//!
//! A feature is a template and one or two string values. Its key is a 64-bit hash of
//! the template and the values' hashes ([`feature_key`]); the model file stores the
//! readable form `name=value` or `name=value1 value2` ([`parse_feature`]) and the loader
//! hashes it back, so the file stays text while tagging never builds a string.
//! Token strings never contain white space (it is replaced by `_`), so a space can
//! separate the two values.

use std::ops::Range;

use super::KeyMap;

/// Names of the templates, indexed by template id. Never reorder: ids are hashed.
pub(crate) const TEMPLATE_NAMES: [&str; 31] = [
    "b",    // 0 bias
    "w",    // 1 normalised word
    "x",    // 2 exact (cased) form, only when it has capitals
    "s1",   // 3 suffixes of the lower-cased word
    "s2",   // 4
    "s3",   // 5
    "s4",   // 6
    "p1",   // 7 prefixes
    "p2",   // 8
    "p3",   // 9
    "sh",   // 10 shape ("Xx", "X.X.", "d,d")
    "ci",   // 11 first-char class and sentence-initial flag
    "t1",   // 12 previous tag
    "t2",   // 13 tag before that
    "t12",  // 14 both previous tags
    "t1w",  // 15 previous tag and word
    "w-1",  // 16 previous word
    "w-2",  // 17
    "w+1",  // 18 next word
    "w+2",  // 19
    "s3-1", // 20 suffix of the previous word
    "s3+1", // 21 suffix of the next word
    "w-1w", // 22 previous word and word
    "ww+1", // 23 word and next word
    "hl",   // 24 last part of a hyphenated word
    "hf",   // 25 first part of a hyphenated word
    "sh-1", // 26 shape of the previous word
    "sh+1", // 27 shape of the next word
    "t1s3", // 28 previous tag and suffix
    "a+1",  // 29 ambiguity class of the next word (the tags it took in training)
    "a+2",  // 30 ambiguity class of the word after
];

/// Templates whose value has two parts separated by a space.
const TWO_PART: [u8; 5] = [14, 15, 22, 23, 28];

/// How many tokens of padding surround a sentence.
const PAD: usize = 2;

/// Values the padding tokens take (before and after the sentence).
const PAD_BEFORE: [&str; PAD] = ["-S2-", "-S-"];
const PAD_AFTER: [&str; PAD] = ["-E-", "-E2-"];

/// The tag "before" the first token.
pub(crate) const START_TAGS: [&str; 2] = ["-S-", "-S2-"];

pub(crate) use crate::hash::{hash_str, mix};

/// The key of a feature: template id and the hashes of its one or two values (`b` is 0
/// for one-value templates).
pub(crate) const fn feature_key(template: u8, a: u64, b: u64) -> u64 {
    mix(mix((template as u64).wrapping_add(0x9e37_79b9_7f4a_7c15) ^ a) ^ b.rotate_left(17))
}

/// The key of the bias feature (`b=`), present for every token.
const BIAS_KEY: u64 = feature_key(0, hash_str(""), 0);

/// Parses a feature's readable form (`"w=attacked"`, `"t1w=VERB:VBD attacked"`) into its
/// key; `None` when the template is unknown or the value has the wrong number of parts.
pub(crate) fn parse_feature(s: &str) -> Option<u64> {
    let (name, value) = s.split_once('=')?;
    let template = TEMPLATE_NAMES.iter().position(|n| *n == name)? as u8;
    if TWO_PART.contains(&template) {
        let (a, b) = value.split_once(' ')?;
        Some(feature_key(template, hash_str(a), hash_str(b)))
    } else {
        Some(feature_key(template, hash_str(value), 0))
    }
}

/// Writes a feature's readable form.
pub(crate) fn feature_name(template: u8, a: &str, b: &str) -> String {
    let name = TEMPLATE_NAMES
        .get(usize::from(template))
        .copied()
        .unwrap_or("?");
    if TWO_PART.contains(&template) {
        format!("{name}={a} {b}")
    } else {
        format!("{name}={a}")
    }
}

/// The value of the ambiguity-class features for words not in the [`Lexicon`].
const UNKNOWN_CLASS: &str = "?";

/// Frequent words and their ambiguity class: the UPOS tags they took in training
/// ("ADJ|NOUN"). Lets the greedy tagger look ahead at what the next words can be.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lexicon {
    /// Hash of the normalised word → its class.
    words: KeyMap<String>,
}

impl Lexicon {
    /// Adds a normalised word (as [`Sentence::norm`] gives it) and its class.
    pub(crate) fn insert(&mut self, word: &str, class: &str) {
        self.words.insert(hash_str(word), class.to_string());
    }

    fn class_of(&self, h_norm: u64) -> &str {
        self.words
            .get(&h_norm)
            .map_or(UNKNOWN_CLASS, String::as_str)
    }
}

/// What the features need to know about one token; strings live in [`Sentence::buf`].
#[derive(Clone, Debug, Default)]
struct TokenInfo {
    /// Cased form, typography folded, white space replaced.
    cased: Range<usize>,
    /// Lower-cased form.
    lower: Range<usize>,
    /// Normalised word: the lower-cased form, or "!YEAR" / "!DIGITS" for numbers.
    norm: Range<usize>,
    shape: Range<usize>,
    /// Byte starts (in `buf`) of the 1..=4-char suffixes of `lower`.
    suffix: [usize; 4],
    /// Byte ends (in `buf`) of the 1..=3-char prefixes of `lower`.
    prefix: [usize; 3],
    /// First and last part of a hyphenated word.
    hyphen: Option<(Range<usize>, Range<usize>)>,
    has_capital: bool,
    h_norm: u64,
    h_cased: u64,
    h_shape: u64,
    h_suffix3: u64,
    /// Ambiguity class.
    class: Range<usize>,
    h_class: u64,
}

/// A sentence prepared for feature extraction: its tokens' forms and their hashes, with
/// padding on both sides. Reused between sentences to avoid allocation.
#[derive(Debug, Default)]
pub(crate) struct Sentence {
    buf: String,
    tokens: Vec<TokenInfo>,
}

fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2212}' => '-',
        c if c.is_whitespace() => '_',
        c => c,
    }
}

fn shape_class(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() || c.is_alphabetic() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else {
        c
    }
}

impl Sentence {
    /// Prepares `words` (one sentence) for feature extraction.
    pub(crate) fn load<'w>(&mut self, words: impl IntoIterator<Item = &'w str>, lexicon: &Lexicon) {
        self.buf.clear();
        self.tokens.clear();
        for pad in PAD_BEFORE {
            self.push_pad(pad);
        }
        for w in words {
            self.push_word(w, lexicon);
        }
        for pad in PAD_AFTER {
            self.push_pad(pad);
        }
    }

    /// The normalised form of real token `i` (lower case; "!YEAR", "!DIGITS").
    pub(crate) fn norm(&self, i: usize) -> &str {
        self.tokens
            .get(i + PAD)
            .and_then(|t| self.buf.get(t.norm.clone()))
            .unwrap_or("")
    }

    /// Number of real tokens.
    pub(crate) fn len(&self) -> usize {
        self.tokens.len().saturating_sub(2 * PAD)
    }

    fn push_pad(&mut self, pad: &str) {
        let start = self.buf.len();
        self.buf.push_str(pad);
        let r = start..self.buf.len();
        let h = hash_str(pad);
        self.tokens.push(TokenInfo {
            cased: r.clone(),
            lower: r.clone(),
            norm: r.clone(),
            shape: r.clone(),
            suffix: [start; 4],
            prefix: [r.end; 3],
            hyphen: None,
            has_capital: false,
            h_norm: h,
            h_cased: h,
            h_shape: h,
            h_suffix3: h,
            class: r,
            h_class: h,
        });
    }

    fn push_word(&mut self, word: &str, lexicon: &Lexicon) {
        let buf = &mut self.buf;
        let cased_start = buf.len();
        let mut has_capital = false;
        // Most words are ASCII that folds to itself: copied whole and lower-cased byte by
        // byte, which for ASCII is what the character-by-character loop below gives.
        let plain = word.is_ascii() && word.chars().all(|c| fold_char(c) == c);
        if plain {
            has_capital = word.bytes().any(|b| b.is_ascii_uppercase());
            buf.push_str(word);
        } else {
            for c in word.chars() {
                let c = fold_char(c);
                has_capital |= c.is_uppercase();
                buf.push(c);
            }
        }
        let cased = cased_start..buf.len();
        let lower_start = buf.len();
        if plain {
            buf.push_str(word);
            buf[lower_start..].make_ascii_lowercase();
        } else {
            for c in word.chars() {
                buf.extend(fold_char(c).to_lowercase());
            }
        }
        let lower = lower_start..buf.len();
        let lower_str = &buf[lower.clone()];
        let numeric = lower_str.chars().next().is_some_and(|c| c.is_ascii_digit())
            && lower_str
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | ':' | '-' | '/'));
        let norm = if numeric {
            let label = if lower_str.len() == 4 && lower_str.chars().all(|c| c.is_ascii_digit()) {
                "!YEAR"
            } else {
                "!DIGITS"
            };
            let s = buf.len();
            buf.push_str(label);
            s..buf.len()
        } else {
            lower.clone()
        };
        // Suffixes and prefixes by chars, as byte positions in `buf`.
        let mut suffix = [lower.start; 4];
        let mut prefix = [lower.end; 3];
        {
            let lower_str = &buf[lower.clone()];
            for (n, (i, _)) in lower_str.char_indices().rev().take(4).enumerate() {
                suffix[n] = lower.start + i;
            }
            for (n, (i, _)) in lower_str.char_indices().skip(1).take(3).enumerate() {
                prefix[n] = lower.start + i;
            }
        }
        let hyphen = {
            let lower_str = &buf[lower.clone()];
            match (lower_str.find('-'), lower_str.rfind('-')) {
                (Some(first), Some(last)) if first > 0 && last + 1 < lower_str.len() => Some((
                    lower.start..lower.start + first,
                    lower.start + last + 1..lower.end,
                )),
                _ => None,
            }
        };
        let shape_start = buf.len();
        let mut last = None;
        let mut n = 0;
        for c in word.chars() {
            let class = shape_class(fold_char(c));
            if Some(class) != last {
                if n == 6 {
                    buf.push('~');
                    break;
                }
                buf.push(class);
                last = Some(class);
                n += 1;
            }
        }
        let shape = shape_start..buf.len();
        let h_norm = hash_str(&buf[norm.clone()]);
        let h_cased = hash_str(&buf[cased.clone()]);
        let h_shape = hash_str(&buf[shape.clone()]);
        let h_suffix3 = hash_str(&buf[suffix[2]..lower.end]);
        let class_start = buf.len();
        buf.push_str(lexicon.class_of(h_norm));
        let class = class_start..buf.len();
        let h_class = hash_str(&buf[class.clone()]);
        self.tokens.push(TokenInfo {
            cased,
            lower,
            norm,
            shape,
            suffix,
            prefix,
            hyphen,
            has_capital,
            h_norm,
            h_cased,
            h_shape,
            h_suffix3,
            class,
            h_class,
        });
    }

    /// Calls `emit(key, template, value_a, value_b)` for every feature of token `i` (0-based
    /// among the real tokens) given the two previous tags (name and hash).
    #[inline]
    pub(crate) fn features(
        &self,
        i: usize,
        prev: (&str, u64),
        prev2: (&str, u64),
        mut emit: impl FnMut(u64, u8, &str, &str),
    ) {
        let buf = self.buf.as_str();
        let at = |k: usize| &self.tokens[k];
        let j = i + PAD;
        let t = at(j);
        let (p1, p2, n1, n2) = (at(j - 1), at(j - 2), at(j + 1), at(j + 2));
        // `get`, not indexing: the values are the features' readable names, which tagging
        // ignores; a slice that cannot panic is dropped with them, while `buf[r]` would
        // keep its bounds and character-boundary checks for every feature of every token.
        let s = |r: &Range<usize>| buf.get(r.clone()).unwrap_or("");
        let norm = s(&t.norm);
        let lower_end = t.lower.end;
        emit(BIAS_KEY, 0, "", "");
        emit(feature_key(1, t.h_norm, 0), 1, norm, "");
        if t.has_capital {
            emit(feature_key(2, t.h_cased, 0), 2, s(&t.cased), "");
        }
        for (n, &start) in t.suffix.iter().enumerate() {
            let v = s(&(start..lower_end));
            let h = if n == 2 { t.h_suffix3 } else { hash_str(v) };
            emit(feature_key(3 + n as u8, h, 0), 3 + n as u8, v, "");
        }
        for (n, &end) in t.prefix.iter().enumerate() {
            let v = s(&(t.lower.start..end));
            emit(feature_key(7 + n as u8, hash_str(v), 0), 7 + n as u8, v, "");
        }
        emit(feature_key(10, t.h_shape, 0), 10, s(&t.shape), "");
        {
            let first = s(&t.shape).chars().next().unwrap_or('?');
            let mut tmp = [0u8; 8];
            let v = ci_value(first, i == 0, &mut tmp);
            emit(feature_key(11, hash_str(v), 0), 11, v, "");
        }
        emit(feature_key(12, prev.1, 0), 12, prev.0, "");
        emit(feature_key(13, prev2.1, 0), 13, prev2.0, "");
        emit(feature_key(14, prev.1, prev2.1), 14, prev.0, prev2.0);
        emit(feature_key(15, prev.1, t.h_norm), 15, prev.0, norm);
        emit(feature_key(16, p1.h_norm, 0), 16, s(&p1.norm), "");
        emit(feature_key(17, p2.h_norm, 0), 17, s(&p2.norm), "");
        emit(feature_key(18, n1.h_norm, 0), 18, s(&n1.norm), "");
        emit(feature_key(19, n2.h_norm, 0), 19, s(&n2.norm), "");
        emit(
            feature_key(20, p1.h_suffix3, 0),
            20,
            s(&(p1.suffix[2]..p1.lower.end)),
            "",
        );
        emit(
            feature_key(21, n1.h_suffix3, 0),
            21,
            s(&(n1.suffix[2]..n1.lower.end)),
            "",
        );
        emit(feature_key(22, p1.h_norm, t.h_norm), 22, s(&p1.norm), norm);
        emit(feature_key(23, t.h_norm, n1.h_norm), 23, norm, s(&n1.norm));
        if let Some((first, last)) = &t.hyphen {
            let (f, l) = (s(first), s(last));
            emit(feature_key(24, hash_str(l), 0), 24, l, "");
            emit(feature_key(25, hash_str(f), 0), 25, f, "");
        }
        emit(feature_key(26, p1.h_shape, 0), 26, s(&p1.shape), "");
        emit(feature_key(27, n1.h_shape, 0), 27, s(&n1.shape), "");
        emit(
            feature_key(28, prev.1, t.h_suffix3),
            28,
            prev.0,
            s(&(t.suffix[2]..lower_end)),
        );
        emit(feature_key(29, n1.h_class, 0), 29, s(&n1.class), "");
        emit(feature_key(30, n2.h_class, 0), 30, s(&n2.class), "");
    }
}

/// The value of the `ci` template: the first shape char and `0` (sentence-initial) or
/// `1`, written into `tmp`.
fn ci_value(first: char, initial: bool, tmp: &mut [u8; 8]) -> &str {
    let n = first.encode_utf8(&mut tmp[..4]).len();
    tmp[n] = if initial { b'0' } else { b'1' };
    std::str::from_utf8(&tmp[..=n]).unwrap_or("?")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features_of(words: &[&str], i: usize) -> Vec<(u64, String)> {
        let mut s = Sentence::default();
        let mut lexicon = Lexicon::default();
        lexicon.insert("troops", "NOUN|VERB");
        s.load(words.iter().copied(), &lexicon);
        let mut out = Vec::new();
        let (a, b) = (START_TAGS[0], START_TAGS[1]);
        s.features(i, (a, hash_str(a)), (b, hash_str(b)), |k, t, x, y| {
            out.push((k, feature_name(t, x, y)))
        });
        out
    }

    #[test]
    fn readable_names_hash_back_to_their_keys() {
        let words = ["Russia", "’s", "long-range", "12,000", "troops", "東京"];
        for i in 0..words.len() {
            for (key, name) in features_of(&words, i) {
                assert_eq!(parse_feature(&name), Some(key), "{name}");
            }
        }
    }

    #[test]
    fn word_forms_are_normalised() {
        let names: Vec<String> = features_of(&["Russia", "’s", "long-range", "2024", "3.5"], 2)
            .into_iter()
            .map(|(_, n)| n)
            .collect();
        for expected in [
            "w=long-range",
            "w-1='s",
            "w+1=!YEAR",
            "w+2=!DIGITS",
            "hl=range",
            "hf=long",
            "s3=nge",
            "p2=lo",
            "sh=x-x",
            "sh-1='x",
            "a+1=?",
        ] {
            assert!(
                names.iter().any(|n| n == expected),
                "{expected} in {names:?}"
            );
        }
        let first: Vec<String> = features_of(&["Russia"], 0)
            .into_iter()
            .map(|(_, n)| n)
            .collect();
        assert!(first.contains(&"x=Russia".to_string()));
        assert!(first.contains(&"ci=X0".to_string()));
        assert!(first.contains(&"s4=ssia".to_string()));
        let troops: Vec<String> = features_of(&["12,000", "troops"], 0)
            .into_iter()
            .map(|(_, n)| n)
            .collect();
        assert!(troops.contains(&"a+1=NOUN|VERB".to_string()));
        assert!(troops.contains(&"a+2=-E-".to_string()));
    }

    #[test]
    fn ascii_words_are_folded_as_any_other() {
        // The ASCII shortcut of `push_word` against the character-by-character path,
        // on every ASCII character, alone and in a word.
        for b in 0u8..128 {
            let c = char::from(b);
            for word in [c.to_string(), format!("Ab{c}9"), format!("{c}{c}x")] {
                let mut s = Sentence::default();
                s.load([word.as_str()], &Lexicon::default());
                let t = &s.tokens[PAD];
                let cased: String = word.chars().map(fold_char).collect();
                let lower: String = word
                    .chars()
                    .flat_map(|c| fold_char(c).to_lowercase())
                    .collect();
                assert_eq!(&s.buf[t.cased.clone()], cased, "{word:?}");
                assert_eq!(&s.buf[t.lower.clone()], lower, "{word:?}");
                assert_eq!(t.has_capital, cased.chars().any(char::is_uppercase));
            }
        }
    }

    #[test]
    fn short_and_odd_words_do_not_panic() {
        for w in ["a", "é", "-", "--", "a-", "-a", "\u{0301}", "x y", "ǅ"] {
            let f = features_of(&[w], 0);
            assert!(f.len() > 20);
            for (key, name) in f {
                assert_eq!(parse_feature(&name), Some(key), "{name}");
            }
        }
    }

    #[test]
    fn unknown_templates_are_rejected() {
        assert_eq!(parse_feature("zz=a"), None);
        assert_eq!(parse_feature("t12=onlyone"), None);
        assert_eq!(parse_feature("noequals"), None);
    }
}
