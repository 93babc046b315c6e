//! People: the shape of a personal name in running text ("Kim Jong Un", "Ahmed al-Sharaa",
//! "Antony J. Blinken"), used to discover people the lists do not name, and the words that
//! look like names but are not (weekdays, months, sentence openers).

use dyad_data::{DataError, DataSet};
use dyad_text::normalize::fold;
use dyad_text::token::{Token, TokenKind};
use rustc_hash::FxHashSet;

/// The words of `actors/name-words.tsv` that decide what a capitalised run of unknown
/// words is, by class (see the file's header). Sets: they are asked for most tokens.
#[derive(Clone, Debug, Default)]
pub struct NameWords {
    not_names: FxHashSet<String>,
    organisation_heads: FxHashSet<String>,
    place_heads: FxHashSet<String>,
    other_heads: FxHashSet<String>,
    particles: FxHashSet<String>,
}

impl NameWords {
    /// The data file.
    pub const FILE: &'static str = "actors/name-words.tsv";

    /// Reads [`Self::FILE`] from `data`; without it, no word has a class.
    pub fn load(data: &DataSet) -> Result<NameWords, DataError> {
        let mut words = NameWords::default();
        if data.get(Self::FILE).is_none() {
            return Ok(words);
        }
        for r in data.table(Self::FILE)?.records {
            let (Some(word), Some(class)) = (r.get("word"), r.get("class")) else {
                return Err(r.error(Self::FILE, "a row needs a word and a class"));
            };
            let set = match class {
                "not-name" => &mut words.not_names,
                "organisation-head" => &mut words.organisation_heads,
                "place-head" => &mut words.place_heads,
                "other-head" => &mut words.other_heads,
                "particle" => &mut words.particles,
                other => {
                    return Err(r.error(
                        Self::FILE,
                        format!(
                            "class {other:?} is not one of not-name, organisation-head, \
                             place-head, other-head, particle"
                        ),
                    ))
                }
            };
            set.insert(fold(word));
        }
        Ok(words)
    }

    /// Whether a folded word never starts or continues a personal name.
    pub fn not_name(&self, folded: &str) -> bool {
        self.not_names.contains(folded)
    }

    /// Whether a folded word heads an organisation's name ("Institute").
    pub fn is_organisation_head(&self, folded: &str) -> bool {
        self.organisation_heads.contains(folded)
    }

    /// Whether a folded word heads a place name ("County").
    pub fn is_place_head(&self, folded: &str) -> bool {
        self.place_heads.contains(folded)
    }

    /// Whether a folded word heads a name of something other than an actor or place
    /// ("Cup", "Olympics").
    pub fn is_other_head(&self, folded: &str) -> bool {
        self.other_heads.contains(folded)
    }

    /// Whether a folded word is a particle inside a name ("al", "von").
    fn is_particle(&self, folded: &str) -> bool {
        self.particles.contains(folded)
    }

    /// A word that may be part of a name by its own shape.
    fn is_name_word(&self, word: &str, folded: &str) -> bool {
        if self.not_name(folded)
            || dyad_text::calendar::is_weekday(folded)
            || (folded.len() > 3 && dyad_text::calendar::is_month_word(folded))
        {
            return false;
        }
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        if letters == 0 {
            return false;
        }
        // Initials "J." and ordinary capitalised words; "al-Sharaa" style prefixes.
        if first_char_upper(word) {
            // Acronyms of three or more capitals are organisations, not names.
            let all_caps = word
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
            return !(all_caps && letters >= 3 && !word.contains('-'));
        }
        match word.split_once(['-', '\u{2010}', '\u{2011}']) {
            Some((prefix, rest)) => {
                self.is_particle(&prefix.to_lowercase()) && first_char_upper(rest)
            }
            None => false,
        }
    }
}

fn first_char_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// The end (exclusive token index) of the personal name that starts at token `i`, if
/// one does. `blocked(j)` says token `j` belongs to a gazetteer phrase that may not be part
/// of a name (a country, organisation or role word). At most `max_len` tokens.
#[allow(clippy::too_many_arguments)]
pub fn name_end(
    words: &NameWords,
    text: &str,
    tokens: &[Token],
    folded: &[String],
    i: usize,
    limit: usize,
    max_len: usize,
    blocked: impl Fn(usize) -> bool,
) -> Option<usize> {
    let mut j = i;
    let mut end = None;
    while j < limit && j - i < max_len {
        let t = &tokens[j];
        if t.kind != TokenKind::Word {
            break;
        }
        let word = t.text(text);
        let f = folded[j].as_str();
        if words.is_organisation_head(f) {
            return None;
        }
        if words.is_name_word(word, f) && first_char_upper(word) && !blocked(j) {
            j += 1;
            end = Some(j);
            continue;
        }
        let particle_before_name = j > i && words.is_particle(f) && {
            // Particles may chain ("von der Leyen") before a capitalised word.
            let mut k = j + 1;
            while k < limit && words.is_particle(&folded[k]) {
                k += 1;
            }
            k < limit
                && tokens[k].kind == TokenKind::Word
                && first_char_upper(tokens[k].text(text))
                && words.is_name_word(tokens[k].text(text), &folded[k])
        };
        if particle_before_name {
            j += 1;
            continue;
        }
        if j > i && words.is_name_word(word, f) && !blocked(j) {
            // "al-Sharaa": a particle-prefixed surname.
            j += 1;
            end = Some(j);
            continue;
        }
        break;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_text::token::tokenize;

    fn name(text: &str, from: usize) -> Option<String> {
        let words = NameWords::load(&DataSet::embedded()).expect("embedded name words parse");
        let toks = tokenize(text);
        let folded: Vec<String> = toks.iter().map(|t| fold(t.text(text))).collect();
        let end = name_end(&words, text, &toks, &folded, from, toks.len(), 5, |_| false)?;
        Some(text[toks[from].start..toks[end - 1].end].to_string())
    }

    #[test]
    fn names_with_particles_and_initials() {
        assert_eq!(name("Kim Jong Un met", 0).as_deref(), Some("Kim Jong Un"));
        assert_eq!(
            name("Ahmed al-Sharaa said", 0).as_deref(),
            Some("Ahmed al-Sharaa")
        );
        assert_eq!(
            name("Ursula von der Leyen said", 0).as_deref(),
            Some("Ursula von der Leyen")
        );
        assert_eq!(
            name("Antony J. Blinken said", 0).as_deref(),
            Some("Antony J. Blinken")
        );
        assert_eq!(name("Belousov on Friday", 0).as_deref(), Some("Belousov"));
        assert_eq!(name("The man", 0), None);
        assert_eq!(name("NATO said", 0), None);
        assert_eq!(name("von der Leyen", 0), None);
        assert_eq!(name("Strategic Policy Institute said", 0), None);
    }

    #[test]
    fn a_word_of_an_unknown_class_is_an_error_naming_file_and_line() {
        let mut data = DataSet::empty();
        data.insert(
            NameWords::FILE,
            "word\tclass\nthe\tnot-name\nhall\tbuilding-head\n",
        );
        let err = NameWords::load(&data).unwrap_err().to_string();
        assert!(err.contains(NameWords::FILE) && err.contains('3'), "{err}");
        assert!(err.contains("building-head"), "{err}");
    }
}
