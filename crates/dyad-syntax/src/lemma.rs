//! Lemmas: the dictionary form of every word ("attacked" → "attack", "troops" → "troop",
//! "was" → "be"), so no later stage lists inflected forms by hand.
//!
//! A word's lemma is looked up in the exception table (`data/syntax/lemmas.tsv`: forms
//! whose lemma the rules below get wrong, taken from UD English EWT, and the irregular
//! verbs of `data/events/irregular_verbs.tsv`), else made by suffix rules chosen by the
//! word's Penn tag. Proper nouns keep their form; other words are lower-cased.
//!
//! ```
//! let lemmas = dyad_syntax::Lemmatizer::from_data(&dyad_data::DataSet::embedded()).unwrap();
//! use dyad_text::Xpos;
//! assert_eq!(lemmas.lemma("attacked", Xpos::Vbd), "attack");
//! assert_eq!(lemmas.lemma("countries", Xpos::Nns), "country");
//! assert_eq!(lemmas.lemma("were", Xpos::Vbd), "be");
//! ```

use std::collections::HashMap;

use dyad_data::{DataError, DataSet};
use dyad_text::Xpos;

/// The exception table, relative to `data/`.
pub const LEMMA_FILE: &str = "syntax/lemmas.tsv";
/// Irregular verbs shared with the event lexicon.
pub const IRREGULAR_FILE: &str = "events/irregular_verbs.tsv";

/// The tag classes the rules and the table distinguish.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Class {
    Noun,
    Verb,
    Adjective,
    Adverb,
    Other,
}

impl Class {
    pub fn of(xpos: Xpos) -> Class {
        match xpos {
            Xpos::Nn | Xpos::Nns | Xpos::Nnp | Xpos::Nnps => Class::Noun,
            Xpos::Vb | Xpos::Vbd | Xpos::Vbg | Xpos::Vbn | Xpos::Vbp | Xpos::Vbz | Xpos::Md => {
                Class::Verb
            }
            Xpos::Jj | Xpos::Jjr | Xpos::Jjs => Class::Adjective,
            Xpos::Rb | Xpos::Rbr | Xpos::Rbs => Class::Adverb,
            _ => Class::Other,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Class::Noun => "N",
            Class::Verb => "V",
            Class::Adjective => "J",
            Class::Adverb => "R",
            Class::Other => "O",
        }
    }

    fn parse(s: &str) -> Option<Class> {
        Some(match s {
            "N" => Class::Noun,
            "V" => Class::Verb,
            "J" => Class::Adjective,
            "R" => Class::Adverb,
            "O" => Class::Other,
            _ => return None,
        })
    }
}

/// Finds lemmas: load once, use for every word.
#[derive(Clone, Debug, Default)]
pub struct Lemmatizer {
    /// Lower-cased form → (tag class, lemma) pairs.
    exceptions: HashMap<String, Vec<(Class, String)>>,
}

impl Lemmatizer {
    /// Loads the exception table and the irregular verbs (both optional: without them
    /// only the rules apply).
    pub fn from_data(data: &DataSet) -> Result<Lemmatizer, DataError> {
        let mut lemmatizer = Lemmatizer::default();
        if data.get(IRREGULAR_FILE).is_some() {
            let table = data.table(IRREGULAR_FILE)?;
            for r in &table.records {
                let Some(lemma) = r.get("lemma") else {
                    continue;
                };
                for column in ["third", "past", "participle", "gerund"] {
                    for form in r.list(column) {
                        lemmatizer.insert(form, Class::Verb, lemma);
                    }
                }
            }
        }
        if data.get(LEMMA_FILE).is_some() {
            let table = data.table(LEMMA_FILE)?;
            for r in &table.records {
                let (Some(form), Some(class), Some(lemma)) =
                    (r.get("form"), r.get("class"), r.get("lemma"))
                else {
                    return Err(r.error(LEMMA_FILE, "expected form, class and lemma"));
                };
                let class = Class::parse(class)
                    .ok_or_else(|| r.error(LEMMA_FILE, format!("unknown class {class:?}")))?;
                lemmatizer.insert(form, class, lemma);
            }
        }
        Ok(lemmatizer)
    }

    /// Adds an exception: `form` (any case) of tag class `class` has lemma `lemma`.
    pub fn insert(&mut self, form: &str, class: Class, lemma: &str) {
        let entries = self.exceptions.entry(form.to_lowercase()).or_default();
        match entries.iter_mut().find(|(c, _)| *c == class) {
            Some(entry) => entry.1 = lemma.to_string(),
            None => entries.push((class, lemma.to_string())),
        }
    }

    /// The verb exceptions as (form, lemma) pairs, in form order: the irregular verbs and
    /// the treebank's exceptions of class V.
    pub fn verb_exceptions(&self) -> Vec<(&str, &str)> {
        let mut out: Vec<(&str, &str)> = self
            .exceptions
            .iter()
            .flat_map(|(form, entries)| {
                entries
                    .iter()
                    .filter(|(class, _)| *class == Class::Verb)
                    .map(move |(_, lemma)| (form.as_str(), lemma.as_str()))
            })
            .collect();
        out.sort_unstable();
        out
    }

    /// Number of exceptions.
    pub fn len(&self) -> usize {
        self.exceptions.values().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.exceptions.is_empty()
    }

    /// The lemma of `word` tagged `xpos`.
    pub fn lemma(&self, word: &str, xpos: Xpos) -> String {
        if matches!(xpos, Xpos::Nnp) {
            return word.to_string();
        }
        let lower = fold(word);
        let class = Class::of(xpos);
        let exception = self
            .exceptions
            .get(&lower)
            .and_then(|entries| entries.iter().find(|(c, _)| *c == class));
        if let Some((_, l)) = exception {
            return l.clone();
        }
        let stem = rule(&lower, xpos);
        if xpos == Xpos::Nnps && word.chars().next().is_some_and(char::is_uppercase) {
            // "Americans" → "American": keep the capital. Character by character: the
            // folded stem may differ from the word in byte length ("A’Vs" folds the
            // apostrophe), so byte offsets of one are not boundaries of the other.
            let mut original = word.chars();
            return stem
                .chars()
                .map(|s| match original.next() {
                    Some(w) if w.to_lowercase().eq(s.to_lowercase()) => w,
                    _ => s,
                })
                .collect();
        }
        stem
    }
}

/// Lower case with typographic apostrophes folded.
fn fold(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' => '\'',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// The suffix rules for a word not in the table.
pub fn rule(lower: &str, xpos: Xpos) -> String {
    let b = lower.as_bytes();
    let n = b.len();
    let ends = |s: &str| lower.ends_with(s) && n > s.len() + 1;
    let cut = |k: usize| lower[..n - k].to_string();
    if !lower.is_ascii() {
        return lower.to_string();
    }
    match xpos {
        Xpos::Nns | Xpos::Nnps => {
            if ends("ies") && n > 4 {
                format!("{}y", cut(3))
            } else if ends("sses") || ends("xes") || ends("ches") || ends("shes") || ends("zzes") {
                cut(2)
            } else if ends("ss") || ends("us") || ends("is") || !lower.ends_with('s') {
                lower.to_string()
            } else {
                cut(1)
            }
        }
        Xpos::Vbz => {
            if ends("ies") {
                format!("{}y", cut(3))
            } else if ends("sses")
                || ends("xes")
                || ends("ches")
                || ends("shes")
                || ends("oes")
                || ends("zzes")
            {
                cut(2)
            } else if lower.ends_with('s') && !ends("ss") {
                cut(1)
            } else {
                lower.to_string()
            }
        }
        Xpos::Vbd | Xpos::Vbn => {
            if ends("ied") {
                format!("{}y", cut(3))
            } else if ends("eed") {
                cut(1)
            } else if ends("ed") {
                restore(&lower[..n - 2])
            } else {
                lower.to_string()
            }
        }
        Xpos::Vbg => {
            if ends("ying") && n > 5 {
                cut(3)
            } else if ends("ing") && n > 4 {
                restore(&lower[..n - 3])
            } else {
                lower.to_string()
            }
        }
        Xpos::Jjr | Xpos::Rbr if ends("er") && n > 4 => comparative(&lower[..n - 2]),
        Xpos::Jjs | Xpos::Rbs if ends("est") && n > 5 => comparative(&lower[..n - 3]),
        _ => lower.to_string(),
    }
}

/// The base of a stem left by removing "-ed" or "-ing": undoubles a final consonant
/// ("stopp" → "stop") and restores a silent "e" after the endings that usually had one
/// ("rais" → "raise", "endors" → "endorse", "creat" → "create", "chang" → "change").
fn restore(stem: &str) -> String {
    let b = stem.as_bytes();
    let n = b.len();
    if n < 2 {
        return stem.to_string();
    }
    let (last, prev) = (b[n - 1], b[n - 2]);
    if last == prev && !matches!(last, b'l' | b's' | b'z' | b'f' | b'e' | b'o') && !is_vowel(last) {
        return stem[..n - 1].to_string();
    }
    let needs_e = match last {
        b'v' | b'z' => true,
        b'c' => n >= 2 && !is_vowel(prev) || prev == b'i' || prev == b'u',
        // "rais" → "raise", and after r, n, l or p: "endors", "condens", "puls", "collaps".
        b's' => {
            is_vowel(prev) && !stem.ends_with("us") || matches!(prev, b'r' | b'n' | b'l' | b'p')
        }
        b'g' => matches!(prev, b'n' | b'r' | b'd') && !stem.ends_with("ng") || prev == b'a',
        b't' => stem.ends_with("at") && n > 4 && !stem.ends_with("eat") && !stem.ends_with("oat"),
        b'u' => true,
        _ => false,
    };
    if stem.ends_with("ng") && !stem.ends_with("ang") {
        return stem.to_string();
    }
    if needs_e {
        format!("{stem}e")
    } else {
        stem.to_string()
    }
}

/// The base of a comparative stem ("bigg" → "big", "larg" → "large", "earli" → "early").
fn comparative(stem: &str) -> String {
    let b = stem.as_bytes();
    let n = b.len();
    if stem.ends_with('i') {
        return format!("{}y", &stem[..n - 1]);
    }
    if n >= 2 && b[n - 1] == b[n - 2] && !is_vowel(b[n - 1]) && b[n - 1] != b'l' {
        return stem[..n - 1].to_string();
    }
    if matches!(b[n - 1], b'g' | b'v' | b'c' | b'r') && !stem.ends_with("rr") {
        return format!("{stem}e");
    }
    stem.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_are_kept_whatever_the_byte_lengths() {
        let lemmas = Lemmatizer::default();
        assert_eq!(lemmas.lemma("Americans", Xpos::Nnps), "American");
        // A typographic apostrophe (3 bytes) folds to ' (1 byte): no panic, capitals kept.
        let _ = lemmas.lemma("A\u{2019}Vs", Xpos::Nnps);
        let _ = lemmas.lemma("\u{130}stanbuls", Xpos::Nnps);
    }

    #[test]
    fn rules_cover_the_regular_inflections() {
        let r = |w: &str, x: Xpos| rule(w, x);
        assert_eq!(r("countries", Xpos::Nns), "country");
        assert_eq!(r("troops", Xpos::Nns), "troop");
        assert_eq!(r("churches", Xpos::Nns), "church");
        assert_eq!(r("crisis", Xpos::Nns), "crisis");
        assert_eq!(r("attacked", Xpos::Vbd), "attack");
        assert_eq!(r("stopped", Xpos::Vbd), "stop");
        assert_eq!(r("killed", Xpos::Vbn), "kill");
        assert_eq!(r("raised", Xpos::Vbd), "raise");
        assert_eq!(r("endorsed", Xpos::Vbd), "endorse");
        assert_eq!(r("collapsing", Xpos::Vbg), "collapse");
        assert_eq!(r("dispersed", Xpos::Vbn), "disperse");
        assert_eq!(r("harassed", Xpos::Vbd), "harass");
        assert_eq!(r("focused", Xpos::Vbd), "focus");
        assert_eq!(r("agreed", Xpos::Vbd), "agree");
        assert_eq!(r("denied", Xpos::Vbd), "deny");
        assert_eq!(r("condemns", Xpos::Vbz), "condemn");
        assert_eq!(r("pushes", Xpos::Vbz), "push");
        assert_eq!(r("attacking", Xpos::Vbg), "attack");
        assert_eq!(r("shelling", Xpos::Vbg), "shell");
        assert_eq!(r("bigger", Xpos::Jjr), "big");
        assert_eq!(r("larger", Xpos::Jjr), "large");
        assert_eq!(r("the", Xpos::Dt), "the");
    }

    #[test]
    fn exceptions_and_irregular_verbs_win() {
        let mut data = DataSet::empty();
        data.insert(
            IRREGULAR_FILE,
            "lemma\tthird\tpast\tparticiple\tgerund\nsend\tsends\tsent\tsent\tsending\n",
        );
        data.insert(
            LEMMA_FILE,
            "form\tclass\tlemma\nwere\tV\tbe\nchildren\tN\tchild\n",
        );
        let l = Lemmatizer::from_data(&data).unwrap();
        assert_eq!(l.lemma("sent", Xpos::Vbd), "send");
        assert_eq!(l.lemma("Were", Xpos::Vbd), "be");
        assert_eq!(l.lemma("children", Xpos::Nns), "child");
        assert_eq!(l.lemma("Putin", Xpos::Nnp), "Putin");
        assert_eq!(l.lemma("Americans", Xpos::Nnps), "American");
        let mut bad = DataSet::empty();
        bad.insert(LEMMA_FILE, "form\tclass\tlemma\nwere\tQ\tbe\n");
        let e = Lemmatizer::from_data(&bad).unwrap_err().to_string();
        assert!(e.starts_with("syntax/lemmas.tsv:2:"), "{e}");
    }
}
