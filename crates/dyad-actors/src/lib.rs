//! Actor recognition: finds the countries, people, organisations, groups and places of a
//! document and resolves each to an ISO country code and a PLOVER/CAMEO sector.
//!
//! INTERFACE (fixed; the event coder and the pipeline depend on it): [`ActorLexicon`],
//! [`Actors`], [`ActorMention`], [`MentionKind`].

mod abbreviations;
mod affiliation;
mod coref;
pub mod curated;
mod descriptors;
mod entities;
mod gazetteer;
mod lexicon;
pub mod ner;
mod people;
pub mod petrarch;
mod recognizer;

use std::collections::HashMap;

use dyad_data::{DataError, DataSet};
use dyad_model::{Date, Entity, Span};
use dyad_text::normalize::fold;
use dyad_text::TextLayer;

use gazetteer::Gazetteer;
use lexicon::{PhraseIndex, Target};

pub use dyad_model::MentionKind;
pub use gazetteer::charge_nouns;

/// One actor mention, pointing at its entity in [`Actors::entities`].
#[derive(Clone, Debug, PartialEq)]
pub struct ActorMention {
    /// Index into [`Actors::entities`].
    pub entity: usize,
    /// The words of the mention (for "Russia's Defense Minister Andrei Belousov" the
    /// whole phrase).
    pub span: Span,
    /// Index of the sentence in [`TextLayer::sentences`].
    pub sentence: usize,
    pub kind: MentionKind,
}

/// The actors of one document.
#[derive(Clone, Debug, Default)]
pub struct Actors {
    /// Entities with ids `e1`, `e2`, ... in order of first mention, each with all its
    /// mentions (text and byte offsets) filled in.
    pub entities: Vec<Entity>,
    /// Every mention, sorted by start offset, non-overlapping.
    pub mentions: Vec<ActorMention>,
}

impl Actors {
    /// The mentions that lie inside `span`.
    pub fn mentions_in(&self, span: Span) -> impl Iterator<Item = &ActorMention> {
        let first = self.mentions.partition_point(|m| m.span.start < span.start);
        self.mentions[first..]
            .iter()
            .take_while(move |m| m.span.start < span.end)
            .filter(move |m| m.span.end <= span.end)
    }

    /// The mention that covers byte offset `pos`, if any.
    pub fn mention_at(&self, pos: usize) -> Option<&ActorMention> {
        let i = self.mentions.partition_point(|m| m.span.end <= pos);
        self.mentions.get(i).filter(|m| m.span.start <= pos)
    }
}

/// CAMEO actor codes of the organisations of `data`'s `actors/organisations.tsv` by the
/// actor code dyad gives them (`IGONAT` → `IGOWSTNAT`, `IGOUNO` → `IGOUNO`), for the
/// exports: the table's `cameo` column, for organisations of a group (`IGO`, `NGO`,
/// `MNC`) with a code of their own. Bodies of one country code as their country.
pub fn cameo_codes(data: &DataSet) -> Result<HashMap<String, String>, DataError> {
    Ok(Gazetteer::organisations(data)?
        .into_iter()
        .filter_map(|o| {
            let code = o.code?;
            dyad_model::codes::organisation_part(&code)?;
            Some((code, o.cameo?))
        })
        .collect())
}

/// Errors loading the actor lexicon.
#[derive(Debug, thiserror::Error)]
pub enum ActorError {
    #[error(transparent)]
    Data(#[from] DataError),
}

/// Everything the recogniser knows: countries, places, organisations, role words, people.
#[derive(Clone, Debug, Default)]
pub struct ActorLexicon {
    pub(crate) gaz: Gazetteer,
    pub(crate) index: PhraseIndex,
    /// Known people by (country, folded role), for "the Russian president" → Putin.
    holders: HashMap<(String, String), Vec<usize>>,
    /// Country adjectives by folded form, for the parts of "British-Iranian".
    pub(crate) adjectives: HashMap<String, usize>,
    /// The ISO3 codes of the countries (not the CAMEO region codes some places carry).
    country_codes: std::collections::HashSet<String>,
    /// The learned name tagger run after the rules ([`ner`]), if the data has its model.
    ner: Option<std::sync::Arc<ner::NameTagger>>,
}

fn role_key(role: &str) -> String {
    fold(role).replace("defence", "defense")
}

impl ActorLexicon {
    /// Builds the lexicon from the data files (`actors/...`).
    pub fn from_data(data: &DataSet) -> Result<ActorLexicon, ActorError> {
        let gaz = Gazetteer::load(data)?;
        let mut index = PhraseIndex::default();
        for (i, r) in gaz.roles.iter().enumerate() {
            index.add(&r.phrase, Target::Role(i));
        }
        // Curated places first: among places of the same name, the first indexed wins
        // when the document gives no country context.
        let curated_first = gaz
            .places
            .iter()
            .enumerate()
            .filter(|(_, p)| p.curated)
            .chain(gaz.places.iter().enumerate().filter(|(_, p)| !p.curated));
        for (i, p) in curated_first {
            for name in std::iter::once(&p.name).chain(&p.aliases) {
                index.add(name, Target::Place(i));
            }
        }
        let mut adjectives: HashMap<String, usize> = HashMap::new();
        for (i, c) in gaz.countries.iter().enumerate() {
            for a in &c.adjectives {
                adjectives.entry(fold(a)).or_insert(i);
            }
            for name in std::iter::once(&c.name).chain(&c.aliases) {
                index.add(name, Target::Country(i));
            }
            for a in &c.adjectives {
                index.add(a, Target::Adjective(i));
            }
            for p in &c.peoples {
                index.add(p, Target::People(i));
            }
        }
        for (i, o) in gaz.organisations.iter().enumerate() {
            for name in std::iter::once(&o.name).chain(&o.aliases) {
                index.add(name, Target::Organisation(i));
            }
        }
        let mut holders: HashMap<(String, String), Vec<usize>> = HashMap::new();
        for (i, p) in gaz.people.iter().enumerate() {
            for name in std::iter::once(&p.name).chain(&p.aliases) {
                index.add(name, Target::Person(i));
            }
            for t in &p.tenures {
                if let (Some(c), Some(r)) = (&t.country, &t.role) {
                    let list = holders.entry((c.clone(), role_key(r))).or_default();
                    if !list.contains(&i) {
                        list.push(i);
                    }
                }
            }
        }
        let country_codes = gaz.countries.iter().map(|c| c.iso3.clone()).collect();
        Ok(ActorLexicon {
            gaz,
            index,
            holders,
            adjectives,
            country_codes,
            ner: ner::NameTagger::from_data(data)?.map(std::sync::Arc::new),
        })
    }

    /// This lexicon with another name tagger, or none: the rules alone (what the
    /// tagger's trainer reads as features).
    pub fn with_name_tagger(mut self, tagger: Option<std::sync::Arc<ner::NameTagger>>) -> Self {
        self.ner = tagger;
        self
    }

    /// The name tagger, if the data has one.
    pub fn name_tagger(&self) -> Option<&ner::NameTagger> {
        self.ner.as_deref()
    }

    /// The country of a hyphenated demonym whose every part is a country adjective
    /// ("British-Iranian" → the first one's country, United Kingdom), or of a country
    /// that leads ("Vietnamese-led forces", "Saudi-led coalition" → the leader).
    pub(crate) fn compound_demonym(&self, folded_word: &str) -> Option<usize> {
        let mut parts: Vec<&str> = folded_word.split(['-', '\u{2010}', '\u{2011}']).collect();
        if parts.len() == 2 && parts[1] == "led" {
            parts.pop();
            return self.adjectives.get(parts[0]).copied();
        }
        if parts.len() < 2 {
            return None;
        }
        let codes: Option<Vec<usize>> = parts
            .iter()
            .map(|p| self.adjectives.get(*p).copied())
            .collect();
        codes?.first().copied()
    }

    /// Whether `code` is a country's ISO3 code ("EUR", a region's CAMEO code, is not).
    pub(crate) fn is_country_code(&self, code: &str) -> bool {
        self.country_codes.contains(code)
    }

    /// The known person who holds `role` for `code` on `date` (with no date: an open
    /// tenure), when exactly one does.
    pub(crate) fn holder(
        &self,
        code: Option<&str>,
        role: &str,
        date: Option<Date>,
    ) -> Option<usize> {
        let key = (code?.to_string(), role_key(role));
        let in_force: Vec<usize> = self
            .holders
            .get(&key)?
            .iter()
            .copied()
            .filter(|&p| {
                self.gaz.people[p].tenures.iter().any(|t| {
                    t.country.as_deref() == Some(key.0.as_str())
                        && t.role.as_deref().map(role_key).as_deref() == Some(key.1.as_str())
                        && match date {
                            Some(d) => {
                                t.start.is_none_or(|s| s <= d) && t.end.is_none_or(|e| d < e)
                            }
                            None => t.end.is_none(),
                        }
                })
            })
            .collect();
        match in_force.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// Finds the actors of `text`. `published` makes dated roles date-aware.
    pub fn recognize(&self, text: &str, layer: &TextLayer, published: Option<Date>) -> Actors {
        let doc = recognizer::Run::new(self, text, layer, published).run();
        let (mut entities, mut mentions) = doc.finish();
        if let Some(tagger) = &self.ner {
            tagger.apply(text, layer, &mut entities, &mut mentions);
        }
        Actors { entities, mentions }
    }

    /// Sizes of the loaded tables: countries, places, organisations, roles, people.
    pub fn sizes(&self) -> [usize; 5] {
        [
            self.gaz.countries.len(),
            self.gaz.places.len(),
            self.gaz.organisations.len(),
            self.gaz.roles.len(),
            self.gaz.people.len(),
        ]
    }
}
