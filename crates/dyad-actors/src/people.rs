//! People: the shape of a personal name in running text ("Kim Jong Un", "Ahmed al-Sharaa",
//! "Antony J. Blinken"), used to discover people the lists do not name, and the words that
//! look like names but are not (weekdays, months, sentence openers).

use std::sync::LazyLock;

use dyad_text::token::{Token, TokenKind};
use rustc_hash::FxHashSet;

/// Capitalised words that never start or continue a personal name.
const NOT_NAMES: &[&str] = &[
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
    "or",
    "in",
    "on",
    "at",
    "for",
    "from",
    "to",
    "with",
    "by",
    "of",
    "as",
    "after",
    "before",
    "during",
    "while",
    "when",
    "if",
    "since",
    "on",
    "said",
    "says",
    "also",
    "there",
    "here",
    "today",
    "yesterday",
    "tomorrow",
    "last",
    "next",
    "according",
    "meanwhile",
    "however",
    "moreover",
    "despite",
    "although",
    "though",
    "because",
    "about",
    "over",
    "under",
    "between",
    "among",
    "against",
    "without",
    "within",
    "into",
    "onto",
    "upon",
    "via",
    "per",
    "not",
    "no",
    "yes",
    "all",
    "some",
    "many",
    "most",
    "both",
    "each",
    "every",
    "other",
    "another",
    "such",
    "what",
    "which",
    "who",
    "whom",
    "whose",
    "where",
    "why",
    "how",
    "is",
    "was",
    "are",
    "were",
    "be",
    "has",
    "have",
    "had",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "must",
    "can",
    "do",
    "does",
    "did",
    "so",
    "than",
    "then",
    "thus",
    "still",
    "yet",
    "just",
    "only",
    "even",
    "our",
    "my",
    "your",
    "me",
    "him",
    "them",
    "us",
    "new",
    "former",
    "late",
];

/// Capitalised head words of organisation and place names: a capitalised sequence with
/// one of these is an organisation ("Strategic Policy Institute"), never a person.
pub const ORGANISATION_HEADS: &[&str] = &[
    "affairs",
    "institute",
    "organisation",
    "organisations",
    "organization",
    "organizations",
    "plan",
    "ministry",
    "department",
    "council",
    "committee",
    "party",
    "agency",
    "office",
    "bank",
    "university",
    "center",
    "centre",
    "foundation",
    "union",
    "association",
    "front",
    "movement",
    "army",
    "forces",
    "group",
    "company",
    "corporation",
    "commission",
    "court",
    "service",
    "services",
    "news",
    "times",
    "post",
    "program",
    "programme",
    "initiative",
    "fund",
    "authority",
    "network",
    "alliance",
    "coalition",
    "brigade",
    "brigades",
    "police",
    "hospital",
    "school",
    "college",
    "guard",
    "command",
    "fleet",
    "navy",
    "corps",
    "assembly",
    "parliament",
    "senate",
    "congress",
    "federation",
    "society",
    "board",
    "bureau",
    "cabinet",
    "agency",
    "inc.",
    "ltd",
    "ltd.",
    "airlines",
    "airways",
    "secretariat",
    "directorate",
    "battalion",
    "regiment",
    "division",
    "mission",
    "observatory",
    "watch",
    "international",
    "records",
    "force",
    "wing",
    "media",
    "broadcasting",
    "limited",
    "club",
    "team",
];

/// Capitalised head words of place names: an unknown capitalised run ending in one is a
/// location ("Willett Brook", "Trafalgar Dock", "Sioux County").
pub const PLACE_HEADS: &[&str] = &[
    "county",
    "province",
    "district",
    "region",
    "river",
    "lake",
    "mountain",
    "mountains",
    "mount",
    "hill",
    "hills",
    "valley",
    "bay",
    "beach",
    "island",
    "islands",
    "peninsula",
    "creek",
    "brook",
    "canal",
    "dock",
    "harbour",
    "harbor",
    "port",
    "airport",
    "station",
    "street",
    "road",
    "avenue",
    "square",
    "bridge",
    "base",
    "camp",
    "desert",
    "forest",
    "sea",
    "ocean",
    "gulf",
    "strait",
    "coast",
    "township",
    "village",
    "city",
    "heights",
    "park",
    "corner",
    "falls",
    "springs",
    "plain",
    "plains",
    "pass",
    "cape",
    "highway",
];

/// Capitalised head words of names that are neither people, organisations nor places
/// (events, works, awards, laws): a run ending in one is left alone ("World Cup", "Summer
/// Olympics", "Super Bowl", "Veterans Day").
pub const OTHER_HEADS: &[&str] = &[
    "war",
    "cup",
    "series",
    "bowl",
    "olympics",
    "games",
    "awards",
    "award",
    "prize",
    "day",
    "championship",
    "championships",
    "league",
    "festival",
    "tournament",
    "album",
    "ep",
    "act",
    "treaty",
    "accord",
    "agreement",
    "declaration",
    "doctrine",
    "revolution",
    "crisis",
    "summit",
    "conference",
    "election",
    "elections",
    "operation",
    "campaign",
    "offensive",
    "system",
    "line",
    "railway",
    "railroad",
    "exchange",
    "hall",
    "house",
    "representative",
    "senator",
    "governor",
    "champion",
    "fellow",
    "masters",
    "orchestra",
];

/// Whether a folded word heads a place name.
pub fn is_place_head(folded: &str) -> bool {
    PLACE_HEADS.contains(&folded)
}

/// Whether a folded word heads a name of something other than an actor or place.
pub fn is_other_head(folded: &str) -> bool {
    OTHER_HEADS.contains(&folded)
}

/// Whether a folded word is an organisation head (a set: this runs for every word a name
/// might take).
pub fn is_organisation_head(folded: &str) -> bool {
    static SET: LazyLock<FxHashSet<&'static str>> =
        LazyLock::new(|| ORGANISATION_HEADS.iter().copied().collect());
    SET.contains(folded)
}

/// Lower-case particles allowed inside a name when a capitalised word follows
/// ("Abu Bakr al Baghdadi", "Ursula von der Leyen").
const PARTICLES: &[&str] = &[
    "al", "bin", "ibn", "bint", "de", "del", "della", "der", "van", "von", "da", "di", "du", "dos",
    "das", "la", "le", "el", "y", "ben", "ul",
];

fn first_char_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// Whether `folded` is one of [`NOT_NAMES`] (a set: this runs for most tokens).
pub fn not_name(folded: &str) -> bool {
    static SET: LazyLock<FxHashSet<&'static str>> =
        LazyLock::new(|| NOT_NAMES.iter().copied().collect());
    SET.contains(folded)
}

/// A word that may be part of a name by its own shape.
fn is_name_word(word: &str, folded: &str) -> bool {
    if not_name(folded)
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
            PARTICLES.contains(&prefix.to_lowercase().as_str()) && first_char_upper(rest)
        }
        None => false,
    }
}

/// The end (exclusive token index) of the personal name that starts at token `i`, if
/// one does. `blocked(j)` says token `j` belongs to a gazetteer phrase that may not be part
/// of a name (a country, organisation or role word). At most `max_len` tokens.
pub fn name_end(
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
        if is_organisation_head(f) {
            return None;
        }
        if is_name_word(word, f) && first_char_upper(word) && !blocked(j) {
            j += 1;
            end = Some(j);
            continue;
        }
        let particle_before_name = j > i && PARTICLES.contains(&f) && {
            // Particles may chain ("von der Leyen") before a capitalised word.
            let mut k = j + 1;
            while k < limit && PARTICLES.contains(&folded[k].as_str()) {
                k += 1;
            }
            k < limit
                && tokens[k].kind == TokenKind::Word
                && first_char_upper(tokens[k].text(text))
                && is_name_word(tokens[k].text(text), &folded[k])
        };
        if particle_before_name {
            j += 1;
            continue;
        }
        if j > i && is_name_word(word, f) && !blocked(j) {
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
    use dyad_text::normalize::fold;
    use dyad_text::token::tokenize;

    fn name(text: &str, from: usize) -> Option<String> {
        let toks = tokenize(text);
        let folded: Vec<String> = toks.iter().map(|t| fold(t.text(text))).collect();
        let end = name_end(text, &toks, &folded, from, toks.len(), 5, |_| false)?;
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
}
