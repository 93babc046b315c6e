//! The phrase index: every name, alias, adjective and role phrase of the gazetteer,
//! tokenised like the text and keyed by its folded tokens, with the letter case each
//! token demands. Matching is longest-first at each token, bounded by the longest phrase
//! that starts with that token, so recognition stays linear in the text.

use std::collections::HashMap;

use dyad_text::normalize::fold;
use dyad_text::token::{tokenize, Token};

/// What a matched phrase names: an index into the gazetteer's tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Person(usize),
    Organisation(usize),
    Country(usize),
    /// A country adjective or singular demonym ("Russian").
    Adjective(usize),
    /// A plural people form ("Russians").
    People(usize),
    Place(usize),
    Role(usize),
}

impl Target {
    /// Which target wins when one phrase names several things.
    fn priority(self) -> u8 {
        match self {
            Target::Person(_) => 7,
            Target::Country(_) => 6,
            Target::Organisation(_) => 5,
            Target::Adjective(_) => 4,
            Target::People(_) => 3,
            Target::Place(_) => 2,
            Target::Role(_) => 1,
        }
    }
}

/// The letter case a text token must have to match a phrase token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CaseRule {
    /// Any case ("president", "the").
    Any,
    /// Starts with a capital ("Russia" matches "Russia" and "RUSSIA", never "russia").
    Capitalised,
    /// Exactly as written: short all-capital acronyms ("US", "UN", "EU").
    Exact,
}

fn case_rule(token: &str) -> CaseRule {
    let letters: Vec<char> = token.chars().filter(|c| c.is_alphabetic()).collect();
    // A capital inside a word ("LeT", "MoD", "DoD"), not after a separator ("al-Qaeda").
    let inner_capital = token
        .chars()
        .zip(token.chars().skip(1))
        .skip(1)
        .any(|(before, c)| c.is_uppercase() && before.is_alphabetic());
    let mixed = inner_capital && letters.first().is_some_and(|c| c.is_uppercase());
    if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) || mixed {
        CaseRule::Exact
    } else if letters.first().is_some_and(|c| c.is_uppercase()) {
        CaseRule::Capitalised
    } else {
        CaseRule::Any
    }
}

fn case_ok(rule: CaseRule, lexicon_token: &str, text_token: &str) -> bool {
    match rule {
        CaseRule::Any => true,
        CaseRule::Capitalised => text_token.chars().next().is_some_and(char::is_uppercase),
        CaseRule::Exact => {
            lexicon_token == text_token
                || fold(lexicon_token) == fold(text_token) && {
                    // Typographic apostrophes differ but letters must keep their case.
                    let a: Vec<char> = lexicon_token
                        .chars()
                        .filter(|c| c.is_alphabetic())
                        .collect();
                    let b: Vec<char> = text_token.chars().filter(|c| c.is_alphabetic()).collect();
                    a == b
                }
        }
    }
}

#[derive(Clone, Debug)]
struct Entry {
    target: Target,
    /// The phrase's own tokens (for exact-case comparison) and the case each demands.
    tokens: Vec<(String, CaseRule)>,
}

/// A phrase found in the text: tokens `start..end` (indices into the text's tokens).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub target: Target,
}

/// Phrases by folded token sequence.
#[derive(Clone, Debug, Default)]
pub struct PhraseIndex {
    entries: Vec<Entry>,
    by_key: HashMap<String, Vec<u32>>,
    /// For each folded first token, the longest phrase (in tokens) that starts with it.
    longest: HashMap<String, usize>,
}

impl PhraseIndex {
    /// Adds `phrase` naming `target`. Empty phrases are ignored.
    pub fn add(&mut self, phrase: &str, target: Target) {
        let toks = tokenize(phrase);
        if toks.is_empty() {
            return;
        }
        let words: Vec<&str> = toks.iter().map(|t| t.text(phrase)).collect();
        let key = words.iter().map(|w| fold(w)).collect::<Vec<_>>().join(" ");
        let first = fold(words[0]);
        let entry = Entry {
            target,
            tokens: words
                .iter()
                .map(|w| (w.to_string(), case_rule(w)))
                .collect(),
        };
        let ids = self.by_key.entry(key).or_default();
        if ids.iter().any(|&i| {
            let e = &self.entries[i as usize];
            e.target == entry.target && e.tokens == entry.tokens
        }) {
            return;
        }
        ids.push(self.entries.len() as u32);
        self.entries.push(entry);
        let longest = self.longest.entry(first).or_insert(0);
        *longest = (*longest).max(toks.len());
    }

    /// The targets of the entries that the tokens `start..end` spell exactly (words and
    /// case rules), in the order they were indexed.
    fn targets_at<'s>(
        &'s self,
        text: &'s str,
        tokens: &'s [Token],
        folded: &[String],
        start: usize,
        end: usize,
    ) -> impl Iterator<Item = &'s Target> + 's {
        let ids = folded
            .get(start..end)
            .and_then(|words| self.by_key.get(&words.join(" ")))
            .map(Vec::as_slice)
            .unwrap_or_default();
        ids.iter()
            .map(|&id| &self.entries[id as usize])
            .filter(move |e| {
                e.tokens
                    .iter()
                    .zip(&tokens[start..end])
                    .all(|((w, rule), t)| case_ok(*rule, w, t.text(text)))
            })
            .map(|e| &e.target)
    }

    /// Every place that the tokens `start..end` name, in the order they were indexed
    /// (curated places first, then generated places by falling population).
    pub fn places_at(
        &self,
        text: &str,
        tokens: &[Token],
        folded: &[String],
        start: usize,
        end: usize,
    ) -> Vec<usize> {
        self.distinct_at(text, tokens, folded, (start, end), |t| match t {
            Target::Place(p) => Some(*p),
            _ => None,
        })
    }

    /// Every organisation that the tokens `start..end` name, in the order they were
    /// indexed ("RSF": Reporters Without Borders, the Rapid Support Forces).
    pub fn organisations_at(
        &self,
        text: &str,
        tokens: &[Token],
        folded: &[String],
        start: usize,
        end: usize,
    ) -> Vec<usize> {
        self.distinct_at(text, tokens, folded, (start, end), |t| match t {
            Target::Organisation(o) => Some(*o),
            _ => None,
        })
    }

    /// The indices `pick` takes from the targets that the tokens `span` spell exactly, in
    /// the order they were indexed, each once.
    fn distinct_at(
        &self,
        text: &str,
        tokens: &[Token],
        folded: &[String],
        (start, end): (usize, usize),
        pick: impl Fn(&Target) -> Option<usize>,
    ) -> Vec<usize> {
        let mut seen = std::collections::HashSet::new();
        self.targets_at(text, tokens, folded, start, end)
            .filter_map(pick)
            .filter(|i| seen.insert(*i))
            .collect()
    }

    /// The role phrase that the tokens `start..end` spell exactly, if any ("Police" is a
    /// town in Poland and a role word).
    pub fn role_at(
        &self,
        text: &str,
        tokens: &[Token],
        folded: &[String],
        start: usize,
        end: usize,
    ) -> Option<usize> {
        self.targets_at(text, tokens, folded, start, end)
            .find_map(|t| match t {
                Target::Role(r) => Some(*r),
                _ => None,
            })
    }

    /// What `phrase` (a whole name, as written) names, if the index has it: the
    /// highest-priority entry whose words and case rules it spells.
    pub fn named(&self, phrase: &str) -> Option<Target> {
        let tokens = tokenize(phrase);
        let folded: Vec<String> = tokens.iter().map(|t| fold(t.text(phrase))).collect();
        self.targets_at(phrase, &tokens, &folded, 0, tokens.len())
            .copied()
            .max_by_key(|t| t.priority())
    }

    /// The longest phrase starting at token `i` and ending before token `limit`, if any.
    /// `folded` holds the folded text of every token.
    pub fn longest_at(
        &self,
        text: &str,
        tokens: &[Token],
        folded: &[String],
        i: usize,
        limit: usize,
    ) -> Option<Hit> {
        let max = *self.longest.get(folded.get(i)?)?;
        let mut key = String::new();
        let mut found: Vec<(usize, &Vec<u32>)> = Vec::new();
        for (n, f) in folded.iter().enumerate().take(limit.min(i + max)).skip(i) {
            if n > i {
                key.push(' ');
            }
            key.push_str(f);
            if let Some(ids) = self.by_key.get(&key) {
                found.push((n + 1, ids));
            }
        }
        for &(end, ids) in found.iter().rev() {
            // Highest priority wins; among equals, the entry added first (the data files
            // list places by population, so the larger place).
            let best = ids
                .iter()
                .rev()
                .map(|&id| &self.entries[id as usize])
                .filter(|e| {
                    e.tokens
                        .iter()
                        .zip(&tokens[i..end])
                        .all(|((w, rule), t)| case_ok(*rule, w, t.text(text)))
                })
                .max_by_key(|e| e.target.priority());
            if let Some(e) = best {
                return Some(Hit {
                    start: i,
                    end,
                    target: e.target,
                });
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(index: &PhraseIndex, text: &str) -> Vec<(String, Target)> {
        let toks = tokenize(text);
        let folded: Vec<String> = toks.iter().map(|t| fold(t.text(text))).collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            match index.longest_at(text, &toks, &folded, i, toks.len()) {
                Some(h) => {
                    out.push((
                        text[toks[h.start].start..toks[h.end - 1].end].to_string(),
                        h.target,
                    ));
                    i = h.end;
                }
                None => i += 1,
            }
        }
        out
    }

    #[test]
    fn longest_match_and_case_rules() {
        let mut idx = PhraseIndex::default();
        idx.add("Korea", Target::Country(0));
        idx.add("North Korea", Target::Country(1));
        idx.add("US", Target::Country(2));
        idx.add("the US", Target::Country(2));
        idx.add("president", Target::Role(0));
        let got = find(
            &idx,
            "North Korea told us that the US President and THE US agreed",
        );
        let texts: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, vec!["North Korea", "the US", "President", "THE US"]);
        assert!(find(&idx, "north korea").is_empty());
        assert!(find(&idx, "Us and Korea")[0].0 == "Korea");
    }

    #[test]
    fn typographic_apostrophes_match() {
        let mut idx = PhraseIndex::default();
        idx.add("Democratic People's Republic of Korea", Target::Country(0));
        let got = find(&idx, "the Democratic People’s Republic of Korea said");
        assert_eq!(got.len(), 1);
    }
}
