//! The recogniser: one left-to-right pass over each sentence that reads noun phrases of
//! the shape `[the] [country/capital/organisation modifiers]* [role words]* [Name]` and
//! single gazetteer names, and turns them into entities and mentions:
//!
//! - modifiers + title + name → a PERSON ("Russian President Vladimir Putin");
//! - name + "," + modifiers + title → a PERSON by apposition ("Andrei Belousov, Russia's
//!   defence minister");
//! - modifiers + role words, no name → a descriptor ("South Korean intelligence");
//! - a country name, adjective or plural people form → the country (or its people);
//! - a capital not after a locative preposition → a metonym for its government;
//! - later short names, plural references and subject pronouns → coreference
//!   ([`crate::coref`]).

use dyad_model::{Date, EntityType, Span};
use dyad_text::normalize::fold;
use dyad_text::token::TokenKind;
use dyad_text::TextLayer;

use crate::coref;
use crate::descriptors::{read_roles, RoleReading};
use crate::entities::{DocEntities, EntityKey, EntitySpec};
use crate::gazetteer::{DefiniteOf, PlaceKind, RoleKind};
use crate::lexicon::{Hit, Target};
use crate::people::{name_end, NameWords};
use crate::{ActorLexicon, MentionKind};

/// Prepositions after which a capital is a place, not its government.
const LOCATIVE: &[&str] = &[
    "in", "at", "near", "outside", "from", "to", "into", "around", "inside", "across", "toward",
    "towards", "through", "via", "over", "of", "between", "within", "visited", "visit", "reached",
    "entered", "left", "leave", "arrived",
];

/// Verbs of saying after which a bare capitalised name is a person.
const SAYING: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "stated",
    "noted",
    "explained",
    "wrote",
    "tweeted",
    "announced",
    "warned",
    "insisted",
    "argued",
    "claimed",
    "declared",
    "urged",
];

/// The longest personal name read after a title.
const MAX_NAME_TOKENS: usize = 5;
/// Most modifiers, and most role words, one phrase collects ("former Deputy Prime
/// Minister"): a run of thousands ("Mr. Mr. Mr. ...") must not be re-read from each of its
/// words.
const MAX_PHRASE_HITS: usize = 12;

/// A title descriptor with no name, waiting for a name in apposition.
#[derive(Clone, Copy, Debug)]
struct TitleDescriptor {
    entity: usize,
    /// Index of its listed mention in [`DocEntities::mentions`].
    mention: usize,
    sentence: usize,
    /// First token of the phrase and the token after it.
    start: usize,
    end: usize,
}

/// A word before a role run that belongs to the phrase: a country, capital or body.
#[derive(Clone, Debug)]
struct Modifier {
    /// Tokens of the modifier's name (without the possessive clitic).
    hit: Hit,
    code: Option<String>,
}

/// State of one recognition run.
pub(crate) struct Run<'a> {
    pub(crate) lex: &'a ActorLexicon,
    text: &'a str,
    layer: &'a TextLayer,
    published: Option<Date>,
    pub(crate) folded: Vec<String>,
    /// The longest gazetteer phrase starting at each token (within its sentence).
    hits: Vec<Option<Hit>>,
    pub(crate) doc: DocEntities,
    /// Kind of the latest place mention and the token it ended at.
    last_place: Option<(usize, MentionKind)>,
    /// The latest title descriptor with no name ("The US commander in Iraq"), for a name
    /// in apposition after it.
    last_title: Option<TitleDescriptor>,
    /// People mentioned so far with their folded name words, latest last.
    pub(crate) persons: Vec<(usize, Vec<String>)>,
    /// Folded words the document also writes in lower case (common words, not names).
    lower_words: std::collections::HashSet<String>,
    /// Per sentence: written in title case ("Rebels Seize Town in Eastern Congo"), where
    /// capital letters say nothing about names.
    title_case: Vec<bool>,
}

impl<'a> Run<'a> {
    pub(crate) fn new(
        lex: &'a ActorLexicon,
        text: &'a str,
        layer: &'a TextLayer,
        published: Option<Date>,
    ) -> Run<'a> {
        let folded: Vec<String> = layer.tokens.iter().map(|t| fold(t.text(text))).collect();
        let mut hits = vec![None; layer.tokens.len()];
        for s in &layer.sentences {
            for (i, slot) in hits
                .iter_mut()
                .enumerate()
                .take(s.tokens.end)
                .skip(s.tokens.start)
            {
                *slot = lex
                    .index
                    .longest_at(text, &layer.tokens, &folded, i, s.tokens.end);
            }
        }
        // "the UN Security Council": a phrase that starts after a determiner and runs
        // past the determiner's own phrase ("the UN") wins.
        for i in 0..hits.len().saturating_sub(1) {
            if let (Some(a), Some(b)) = (hits[i], hits[i + 1]) {
                if matches!(folded[i].as_str(), "the" | "a" | "an") && b.end > a.end {
                    hits[i] = None;
                }
            }
        }
        // Role words marked lower-case-only do not match inside capitalised names.
        for (i, slot) in hits.iter_mut().enumerate() {
            if let Some(Hit {
                target: Target::Role(r),
                ..
            }) = *slot
            {
                let capitalised = layer.tokens[i]
                    .text(text)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase);
                if lex.gaz.roles[r].lower && capitalised {
                    *slot = None;
                }
            }
        }
        // "a British-Iranian national": a compound demonym reads as its first country.
        for (i, slot) in hits.iter_mut().enumerate() {
            if slot.is_none() && layer.tokens[i].kind == TokenKind::Word {
                if let Some(c) = lex.compound_demonym(&folded[i]) {
                    *slot = Some(Hit {
                        start: i,
                        end: i + 1,
                        target: Target::Adjective(c),
                    });
                }
            }
        }
        // "UN-appointed envoy", "United Nations-appointed investigator", "London-based
        // analyst": a body or place joined to an affiliating participle modifies the role
        // words after it as the body or place itself would.
        for i in 0..hits.len() {
            if hits[i].is_none() && layer.tokens[i].kind == TokenKind::Word {
                if let Some(h) = affiliating_compound(lex, text, layer, &hits, i) {
                    hits[h.start] = Some(h);
                }
            }
        }
        let lower_words: std::collections::HashSet<String> = layer
            .tokens
            .iter()
            .zip(&folded)
            .filter(|(t, _)| {
                t.kind == TokenKind::Word
                    && t.text(text).chars().next().is_some_and(char::is_lowercase)
            })
            .map(|(_, f)| f.clone())
            .collect();
        resolve_places(lex, text, layer, &folded, &lower_words, &mut hits);
        resolve_organisations(lex, text, layer, &folded, &mut hits);
        let title_case = layer
            .sentences
            .iter()
            .map(|s| is_title_case(text, &layer.tokens[s.tokens.clone()]))
            .collect();
        Run {
            lower_words,
            title_case,
            lex,
            text,
            layer,
            published,
            folded,
            hits,
            doc: DocEntities::default(),
            last_place: None,
            last_title: None,
            persons: Vec::new(),
        }
    }

    pub(crate) fn run(mut self) -> DocEntities {
        for (s, sentence) in self.layer.sentences.iter().enumerate() {
            let mut i = sentence.tokens.start;
            while i < sentence.tokens.end {
                i = self.phrase(s, i, sentence.tokens.end).unwrap_or(i + 1);
            }
        }
        crate::abbreviations::apply(&mut self.doc, self.text, self.layer);
        crate::affiliation::apply(&mut self.doc, self.text, self.lex);
        self.doc
    }

    fn span(&self, from: usize, to: usize) -> Span {
        self.layer.span_of(from, to)
    }

    fn role_at(&self, j: usize) -> Option<(Hit, usize)> {
        match self.hits.get(j).copied().flatten() {
            Some(
                h @ Hit {
                    target: Target::Role(r),
                    ..
                },
            ) => Some((h, r)),
            _ => None,
        }
    }

    fn is_possessive(&self, j: usize) -> bool {
        self.layer
            .tokens
            .get(j)
            .is_some_and(|t| t.kind == TokenKind::Clitic && self.folded[j] == "'s")
    }

    /// Whether token `j` is a lower-case content word that may modify a role noun
    /// ("paper" in "paper workers"); not a function word.
    fn is_plain_modifier_word(&self, j: usize) -> bool {
        let Some(token) = self.layer.tokens.get(j) else {
            return false;
        };
        let word = token.text(self.text);
        token.kind == TokenKind::Word
            && word.chars().all(|c| c.is_lowercase() || c == '-')
            && word.len() > 2
            && !matches!(
                word,
                "and"
                    | "the"
                    | "for"
                    | "from"
                    | "with"
                    | "who"
                    | "that"
                    | "which"
                    | "are"
                    | "was"
                    | "were"
                    | "has"
                    | "had"
                    | "have"
                    | "not"
                    | "its"
                    | "their"
                    | "his"
                    | "her"
                    | "but"
                    | "say"
                    | "said"
                    | "says"
                    | "all"
            )
    }

    /// Whether token `k` is a capitalised word that is no weekday or month name (a word
    /// that may belong to a local name).
    fn is_capitalised_name_word(&self, k: usize) -> bool {
        self.layer.tokens.get(k).is_some_and(|t| {
            t.kind == TokenKind::Word
                && t.text(self.text)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
                && !dyad_text::calendar::is_weekday(&self.folded[k])
                && !dyad_text::calendar::is_month_word(&self.folded[k])
        })
    }

    /// Whether the `n` tokens from `j` are words no gazetteer names (capitalised local
    /// names or plain lower-case words) and a non-modifier role word follows them.
    fn local_words_before_role(&self, j: usize, n: usize) -> bool {
        // Capitalised local names, then at most one plain word ("Cankaya district"): at
        // least one name, so "Thailand's custody since authorities" is no phrase.
        let capitalised = |k: usize| self.is_capitalised_name_word(k);
        // A local place ("Cankaya" in Ankara) may be one of the names.
        let free = |k: usize| {
            self.hits
                .get(k)
                .copied()
                .flatten()
                .is_none_or(|h| matches!(h.target, Target::Place(_)) && h.end == k + 1)
        };
        let last = j + n - 1;
        capitalised(j)
            && (j..j + n)
                .all(|k| free(k) && (capitalised(k) || k == last && self.is_plain_modifier_word(k)))
            && self
                .role_at(j + n)
                .is_some_and(|(_, r)| self.lex.gaz.roles[r].kind != RoleKind::Modifier)
    }

    /// Whether the `n` tokens from `j` are capitalised words no gazetteer names and a
    /// title follows them ("Economy Minister").
    fn portfolio_before_title(&self, j: usize, n: usize) -> bool {
        (j..j + n).all(|k| {
            self.is_capitalised_name_word(k) && self.hits.get(k).copied().flatten().is_none()
        }) && self
            .role_at(j + n)
            .is_some_and(|(_, r)| self.lex.gaz.roles[r].kind == RoleKind::Title)
    }

    /// The head of a definite description ("country" in "the country") at token `j`.
    fn definite_at(&self, j: usize) -> Option<(Hit, DefiniteOf)> {
        let (h, r) = self.role_at(j)?;
        match self.lex.gaz.roles[r].kind {
            RoleKind::Definite(of) => Some((h, of)),
            _ => None,
        }
    }

    /// The entity the definite description at token `i` stands for: the country itself
    /// when the antecedent is a capital or a body of one country ("Moscow ... the
    /// country" is Russia), else the antecedent.
    fn definite_entity(&mut self, s: usize, i: usize, of: DefiniteOf) -> Option<usize> {
        let e = coref::definite_antecedent(self, s, i, of)?;
        match of {
            DefiniteOf::Country => {
                let code = self.doc.entities.get(e)?.code.as_deref()?;
                let c = self.lex.gaz.country_index(code)?;
                self.entity_for(Target::Country(c))
            }
            DefiniteOf::Body => Some(e),
        }
    }

    /// Whether a non-modifier role run starts at `j` (a modifier must lead to one).
    fn role_follows(&self, j: usize) -> bool {
        let mut j = j;
        let mut steps = 0;
        while let Some((h, r)) = (steps < MAX_PHRASE_HITS).then(|| self.role_at(j)).flatten() {
            steps += 1;
            if self.lex.gaz.roles[r].kind != RoleKind::Modifier {
                return true;
            }
            j = h.end;
        }
        false
    }

    /// Reads the phrase at token `i`; returns the token after it, or `None` to move on.
    fn phrase(&mut self, s: usize, i: usize, limit: usize) -> Option<usize> {
        let here = self.hits[i];
        // Plural references ("the two nations") come first: they contain role-like words.
        if let Some(
            h @ Hit {
                target: Target::Role(r),
                ..
            },
        ) = here
        {
            if let RoleKind::Plural(of) = self.lex.gaz.roles[r].kind {
                coref::plural(self, s, h, of);
                return Some(h.end);
            }
        }
        let det = match (here, self.folded[i].as_str()) {
            (None, "the" | "a" | "an") => 1,
            _ => 0,
        };
        let start = i + det;
        if let Some(Hit {
            target: Target::Role(r),
            ..
        }) = self.hits.get(start).copied().flatten()
        {
            if let RoleKind::Plural(of) = self.lex.gaz.roles[r].kind {
                let h = self.hits[start]?;
                coref::plural(self, s, Hit { start: i, ..h }, of);
                return Some(h.end);
            }
        }

        // Modifiers.
        let mut mods: Vec<Modifier> = Vec::new();
        let mut j = start;
        if let Some((h, of)) = self.definite_at(start) {
            let e = (det == 1 && self.folded[i] == "the")
                .then(|| self.definite_entity(s, i, of))
                .flatten();
            let Some(e) = e else {
                return Some(h.end);
            };
            let span = self.layer.span_of(i, h.end);
            let text = self.text();
            if self.is_possessive(h.end) && self.role_follows(h.end + 1) {
                // "the country's security forces": the description modifies a role phrase
                // as the country's name would.
                self.doc.record(text, e, span, MentionKind::Definite);
                let code = self.doc.entities[e].code.clone();
                mods.push(Modifier { hit: h, code });
                j = h.end + 1;
            } else {
                self.doc
                    .mention(text, e, span, span, s, MentionKind::Definite);
                return Some(h.end);
            }
        }
        while let Some(h) = (j < limit && mods.len() < MAX_PHRASE_HITS)
            .then(|| self.hits.get(j).copied().flatten())
            .flatten()
        {
            let possessive = self.is_possessive(h.end);
            let after = if possessive { h.end + 1 } else { h.end };
            let code = match h.target {
                Target::Adjective(c) => Some(self.lex.gaz.countries[c].iso3.clone()),
                Target::Country(c) if possessive || self.role_follows(h.end) => {
                    Some(self.lex.gaz.countries[c].iso3.clone())
                }
                Target::Place(p) if possessive || self.role_follows(h.end) => {
                    Some(self.lex.gaz.places[p].country.clone())
                }
                Target::Organisation(o) if possessive || self.role_follows(h.end) => {
                    self.lex.gaz.organisations[o].code.clone()
                }
                // "the Bush administration", "the Putin regime", "Obama aides".
                Target::Person(p) if self.role_follows(h.end) => self.lex.gaz.people[p]
                    .tenure_on(self.published)
                    .and_then(|t| t.country.clone()),
                _ => break,
            };
            mods.push(Modifier { hit: h, code });
            j = after;
        }

        // "French paper workers", "Irish nationalist guerrillas": one plain lower-case
        // word may stand between a country modifier and its role words.
        if mods.iter().any(|m| m.code.is_some())
            && self.role_at(j).is_none()
            && self.hits.get(j).copied().flatten().is_none()
            && self.is_plain_modifier_word(j)
            && self
                .role_at(j + 1)
                .is_some_and(|(_, r)| self.lex.gaz.roles[r].kind != RoleKind::Modifier)
        {
            j += 1;
        } else if mods
            .last()
            .is_some_and(|m| m.code.is_some() && self.is_possessive(m.hit.end))
            && self.role_at(j).is_none()
        {
            // "Ankara's Cankaya district administration", "Pakistan's Inter-Services
            // Intelligence": after a possessive country, up to two local name words or
            // plain words may stand before the role words.
            if let Some(skip) = (1..=2).find(|&n| self.local_words_before_role(j, n)) {
                j += skip;
            }
        } else if mods
            .last()
            .is_some_and(|m| matches!(m.hit.target, Target::Adjective(_)))
            && self.role_at(j).is_none()
        {
            // "Japanese Economy Minister", "Indian External Affairs Minister": after a
            // nationality, up to two capitalised portfolio words before a title.
            if let Some(skip) = (1..=2).find(|&n| self.portfolio_before_title(j, n)) {
                j += skip;
            }
        }

        // Role words.
        let mut roles = Vec::new();
        while let Some((h, r)) = (j < limit && roles.len() < MAX_PHRASE_HITS)
            .then(|| self.role_at(j))
            .flatten()
        {
            if matches!(
                self.lex.gaz.roles[r].kind,
                RoleKind::Plural(_) | RoleKind::Definite(_)
            ) {
                break;
            }
            roles.push((
                &self.lex.gaz.roles[r],
                self.folded[h.start..h.end].join(" "),
            ));
            j = h.end;
        }
        let reading = read_roles(&roles);

        if let Some(reading) = reading {
            let mut code = mods.iter().find_map(|m| m.code.clone());
            // "the Government of Iraq", "the President of Russia".
            if mods.is_empty() && self.folded.get(j).map(String::as_str) == Some("of") {
                let at = if self.folded.get(j + 1).map(String::as_str) == Some("the") {
                    j + 2
                } else {
                    j + 1
                };
                // "the government of Sindh province", "the governor of Helmand".
                let of_code = match self.hits.get(at).copied().flatten() {
                    Some(
                        h @ Hit {
                            target: Target::Country(c),
                            ..
                        },
                    ) => Some((h, self.lex.gaz.countries[c].iso3.clone())),
                    Some(
                        h @ Hit {
                            target: Target::Place(p),
                            ..
                        },
                    ) => Some((h, self.lex.gaz.places[p].country.clone())),
                    _ => None,
                };
                if let Some((h, c)) = of_code {
                    code = Some(c);
                    mods.push(Modifier {
                        hit: h,
                        code: code.clone(),
                    });
                    j = h.end;
                    if self.folded.get(j).is_some_and(|w| {
                        matches!(
                            w.as_str(),
                            "province" | "region" | "state" | "district" | "oblast" | "governorate"
                        )
                    }) && j < limit
                    {
                        j += 1;
                    }
                }
            }
            let phrase_start = if det == 1 && self.folded[i] == "the" {
                i
            } else {
                start
            };
            // Title + name → a person.
            if reading.is_title() && j < limit {
                if let Some(end) = self.person_after_title(s, start, j, limit, &reading, &code) {
                    self.modifier_mentions(&mods);
                    return Some(end);
                }
            }
            if mods.is_empty() && !reading.alone {
                // "the Council on Foreign Relations": a capitalised role word joined by
                // a preposition to more capitalised words may open an organisation's name
                // ("Navy Capt. Jeff Davis" is a title and a person).
                if matches!(
                    self.folded.get(j).map(String::as_str),
                    Some("on" | "of" | "for")
                ) {
                    return self.organisation_name(s, start, limit);
                }
                return None;
            }
            self.modifier_mentions(&mods);
            self.descriptor(s, phrase_start, start, j, reading, code);
            return Some(j);
        }

        // "Bosnian Serbs", "Iraqi Turkmens": a country adjective before another country's
        // people names that people's community living in the adjective's country.
        if let [Modifier {
            hit:
                Hit {
                    target: Target::Adjective(home),
                    ..
                },
            ..
        }] = mods.as_slice()
        {
            if let Some(
                people @ Hit {
                    target: Target::People(other),
                    ..
                },
            ) = self.hits.get(j).copied().flatten()
            {
                if other != *home {
                    let reading = RoleReading {
                        sector: None,
                        role: self.folded[people.start..people.end].join(" "),
                        head: RoleKind::Collective,
                        alone: true,
                        body_code: None,
                    };
                    let code = Some(self.lex.gaz.countries[*home].iso3.clone());
                    self.modifier_mentions(&mods);
                    self.descriptor(s, start, start, people.end, reading, code);
                    return Some(people.end);
                }
            }
        }

        // No role words: a single name.
        if let Some(m) = mods.first() {
            let h = m.hit;
            if let Some(end) = self.compound_name(s, h, start, limit) {
                return Some(end);
            }
            self.single(s, h, start);
            return Some(h.end);
        }
        if let Some(h) = here {
            // "Carter" after "Ashton Carter": the namesake already in the document.
            if let Target::Person(p) = h.target {
                if h.end == h.start + 1 {
                    if let Some(e) = coref::existing_person(self, h.start, h.end) {
                        if self.doc.entities[e].name != self.lex.gaz.people[p].name {
                            let span = self.span(h.start, h.end);
                            self.doc
                                .mention(self.text, e, span, span, s, MentionKind::ShortName);
                            coref::remember_person(self, e);
                            return Some(h.end);
                        }
                    }
                }
            }
            // "Chad Smith", "Victor Anderson": a given name that is also a place or
            // country, followed by more name words, is a person.
            if h.end == i + 1
                && matches!(h.target, Target::Place(_) | Target::Country(_))
                && self.lex.gaz.given_names.contains(&self.folded[i])
            {
                if let Some(end) = self.proper_name(s, i, limit) {
                    return Some(end);
                }
            }
            if let Some(end) = self.compound_name(s, h, i, limit) {
                return Some(end);
            }
            self.single(s, h, i);
            return Some(h.end);
        }
        if let Some(end) = self.apposition(s, i, limit) {
            return Some(end);
        }
        if let Some(end) = self.speaker(s, i, limit) {
            return Some(end);
        }
        if let Some(end) = self.organisation_name(s, i, limit) {
            return Some(end);
        }
        if let Some(end) = coref::short_name_or_pronoun(self, s, i, limit) {
            return Some(end);
        }
        if let Some(end) = self.proper_name(s, i, limit) {
            return Some(end);
        }
        self.acronym(s, i)
    }

    /// "Malaysia Airlines", "the Rwandan Patriotic Front", "Air France": a country name,
    /// adjective or place inside a capitalised compound with an organisation head word is
    /// an organisation of that country; "the Europe Bridge", "Kabul International
    /// Airport": one that ends in a place head word is a landmark, located in the country
    /// (none for a region such as Europe). `h` is the gazetteer hit, `from` the phrase
    /// start (a determiner included). Returns the token after the compound.
    fn compound_name(&mut self, s: usize, h: Hit, from: usize, limit: usize) -> Option<usize> {
        let code = match h.target {
            Target::Country(c) | Target::Adjective(c) => self.lex.gaz.countries[c].iso3.clone(),
            Target::Place(p) => self.lex.gaz.places[p].country.clone(),
            _ => return None,
        };
        if self.is_possessive(h.end) {
            return None;
        }
        let capitalised = |k: usize| self.is_capitalised_name_word(k);
        // Other gazetteer names end the compound; capitalised role words belong to it.
        let free = |k: usize| match self.hits.get(k).copied().flatten() {
            None => true,
            Some(hit) => matches!(hit.target, Target::Role(_)),
        };
        // "Air France", "Radio Free Europe": a head word before the name.
        let left_head = h.start.checked_sub(1).filter(|&k| {
            k >= self.layer.sentences[s].tokens.start
                && capitalised(k)
                && matches!(self.folded[k].as_str(), "air" | "radio")
        });
        let mut last_org_head = None;
        let mut last_place_head = None;
        let mut k = h.end;
        while k < limit && k - h.end < MAX_NAME_TOKENS {
            if capitalised(k) && free(k) {
                let w = self.folded[k].as_str();
                k += 1;
                if compound_organisation_head(&self.lex.gaz.names, w) {
                    last_org_head = Some(k);
                } else if self.lex.gaz.names.is_place_head(w) {
                    last_place_head = Some(k);
                }
            } else if matches!(self.folded[k].as_str(), "of" | "for" | "and")
                && capitalised(k + 1)
                && free(k + 1)
            {
                k += 1;
            } else {
                break;
            }
        }
        let name_start = left_head.unwrap_or(h.start);
        let span_start = if left_head.is_some() {
            name_start
        } else {
            from.min(h.start)
        };
        let mut code = Some(code);
        let (end, kind, sector) = match (last_place_head, last_org_head) {
            // A landmark ("Beledweyne District", "Europe Bridge"): located in the country,
            // not the country itself; a natural feature ("Indian Ocean") in none.
            (Some(place_end), org) if org.is_none_or(|o| o < place_end) => {
                if natural_feature(&self.folded[place_end - 1]) {
                    code = None;
                }
                (place_end, EntityType::Location, None)
            }
            (_, Some(org_end)) => {
                let head = self.folded[org_end - 1].as_str();
                (org_end, EntityType::Organization, compound_sector(head))
            }
            _ if left_head.is_some() => (h.end, EntityType::Organization, Some("BUS".into())),
            _ => return None,
        };
        let country = code.filter(|c| self.lex.is_country_code(c));
        let name_span = self.span(name_start, end);
        let name = self.text.get(name_span.start..name_span.end)?.to_string();
        let key_tag = if kind == EntityType::Location {
            "LOC"
        } else {
            "ORG"
        };
        let e = self.doc.entity(
            EntityKey::Descriptor(
                None,
                Some(key_tag.into()),
                self.folded[name_start..end].join(" "),
            ),
            || EntitySpec {
                name,
                kind,
                code: country,
                sector,
                role: None,
                geo: None,
                members: vec![],
            },
        );
        let phrase = self.span(span_start, end);
        self.doc
            .mention(self.text, e, phrase, name_span, s, MentionKind::Name);
        Some(end)
    }

    /// An all-capital acronym no list knows ("NCAA", "DFAT", "USAFE") inside mixed-case
    /// text is an organisation; roman numerals and shouted headlines are not.
    fn acronym(&mut self, s: usize, i: usize) -> Option<usize> {
        let token = self.layer.tokens.get(i)?;
        if token.kind != TokenKind::Word {
            return None;
        }
        let word = token.text(self.text);
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        let shape_ok = (2..=6).contains(&letters)
            && word
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && !word
                .chars()
                .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'));
        if !shape_ok || matches!(word, "TV" | "OK" | "AM" | "PM" | "AD" | "BC" | "CEO") {
            return None;
        }
        // Neighbouring words in capitals too: a headline or a shouted phrase.
        let shouted = |k: usize| {
            self.layer.tokens.get(k).is_some_and(|t| {
                let w = t.text(self.text);
                t.kind == TokenKind::Word
                    && w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                    && w.chars().all(|c| !c.is_lowercase())
            })
        };
        if shouted(i + 1) || i.checked_sub(1).is_some_and(shouted) {
            return None;
        }
        let span = self.span(i, i + 1);
        let e = self.doc.entity(
            EntityKey::Descriptor(None, Some("ORG".into()), self.folded[i].clone()),
            || EntitySpec {
                name: word.to_string(),
                kind: EntityType::Organization,
                code: None,
                sector: None,
                role: None,
                geo: None,
                members: vec![],
            },
        );
        self.doc
            .mention(self.text, e, span, span, s, MentionKind::Name);
        Some(i + 1)
    }

    /// A place no list knows, named by a run ending in a place head word ("Willett Brook").
    fn unknown_place(&mut self, s: usize, i: usize, end: usize) -> Option<usize> {
        let span = self.span(i, end);
        let name = self.text[span.start..span.end].to_string();
        let code = self.hits[i..end]
            .iter()
            .flatten()
            .find_map(|h| match h.target {
                Target::Country(c) | Target::Adjective(c) => {
                    Some(self.lex.gaz.countries[c].iso3.clone())
                }
                Target::Place(p) => Some(self.lex.gaz.places[p].country.clone()),
                _ => None,
            });
        let e = self.doc.entity(
            EntityKey::Descriptor(None, Some("LOC".into()), self.folded[i..end].join(" ")),
            || EntitySpec {
                name,
                kind: EntityType::Location,
                code,
                sector: None,
                role: None,
                geo: None,
                members: vec![],
            },
        );
        self.doc
            .mention(self.text, e, span, span, s, MentionKind::Name);
        Some(end)
    }

    /// A personal name no list knows, by its shape: a given name followed by more
    /// capitalised name words ("Sergei Shoigu", "Mary J. Blige"), or a run of two or three
    /// capitalised name words inside a sentence that no gazetteer phrase explains.
    fn proper_name(&mut self, s: usize, i: usize, limit: usize) -> Option<usize> {
        let end = self.name_end(i, limit)?;
        if end - i < 2 {
            return None;
        }
        let given = self.lex.gaz.given_names.contains(&self.folded[i]);
        let sentence_start = i == self.layer.sentences[s].tokens.start
            || matches!(
                self.folded.get(i.wrapping_sub(1)).map(String::as_str),
                Some("\"" | "'" | "(" | ":" | "“" | "‘")
            );
        let after_determiner = i
            .checked_sub(1)
            .is_some_and(|p| matches!(self.folded[p].as_str(), "the" | "a" | "an"));
        if after_determiner
            || (self.hits[i..end].iter().flatten().any(|h| h.end > i) && !self.namesake(i, end))
        {
            return None;
        }
        let last = self.folded[end - 1].as_str();
        let names = &self.lex.gaz.names;
        if names.is_place_head(last) {
            return self.unknown_place(s, i, end);
        }
        if names.is_other_head(last) {
            return Some(end);
        }
        // A run of words the document also writes in lower case is a title-cased phrase
        // ("Wake Up", "Weather Report"), not a name.
        let common = self.folded[i..end]
            .iter()
            .all(|f| self.lower_words.contains(f) || f.len() <= 2);
        let headline = self.title_case.get(s).copied().unwrap_or(false);
        let by_shape = !sentence_start && !headline && end - i <= 3 && !common;
        if !given && !by_shape {
            return None;
        }
        // A run that ends in an organisation or place word is not a person.
        if self
            .folded
            .get(end)
            .is_some_and(|f| names.is_organisation_head(f) || names.is_place_head(f))
        {
            return None;
        }
        self.untitled_person(s, i, end);
        Some(end)
    }

    /// Mentions of the countries and bodies that modify a role phrase, added to their
    /// entities only (the phrase itself is the listed mention).
    fn modifier_mentions(&mut self, mods: &[Modifier]) {
        for m in mods {
            let kind = match m.hit.target {
                Target::Adjective(_) => MentionKind::Demonym,
                Target::Place(_) => MentionKind::Metonym,
                _ => MentionKind::Name,
            };
            if let Some(e) = self.entity_for(m.hit.target) {
                let span = self.span(m.hit.start, m.hit.end);
                self.doc.record(self.text, e, span, kind);
            }
        }
    }

    /// The entity a gazetteer target stands for on its own.
    fn entity_for(&mut self, target: Target) -> Option<usize> {
        let gaz = &self.lex.gaz;
        let published = self.published;
        Some(match target {
            Target::Country(c) | Target::Adjective(c) => {
                let country = &gaz.countries[c];
                self.doc.entity(EntityKey::Country(c), || EntitySpec {
                    name: country.name.clone(),
                    kind: EntityType::Country,
                    code: Some(country.iso3.clone()),
                    sector: None,
                    role: None,
                    geo: None,
                    members: vec![],
                })
            }
            Target::People(c) => {
                let country = &gaz.countries[c];
                let name = country
                    .peoples
                    .first()
                    .cloned()
                    .unwrap_or_else(|| country.name.clone());
                self.doc.entity(EntityKey::People(c), || EntitySpec {
                    name,
                    kind: EntityType::Group,
                    code: Some(country.iso3.clone()),
                    sector: None,
                    role: None,
                    geo: None,
                    members: vec![],
                })
            }
            Target::Place(p) => {
                let place = &gaz.places[p];
                self.doc.entity(EntityKey::Place(p), || EntitySpec {
                    name: place.name.clone(),
                    kind: EntityType::Location,
                    code: Some(place.country.clone()),
                    sector: None,
                    role: None,
                    geo: Some(place.geo.clone()),
                    members: vec![],
                })
            }
            Target::Organisation(o) => {
                let org = &gaz.organisations[o];
                self.doc.entity(EntityKey::Organisation(o), || EntitySpec {
                    name: org.name.clone(),
                    kind: org.kind,
                    code: org.code.clone(),
                    sector: org.sector.clone(),
                    role: None,
                    geo: None,
                    members: vec![],
                })
            }
            Target::Person(p) => {
                let person = &gaz.people[p];
                let tenure = person.tenure_on(published);
                self.doc.entity(EntityKey::KnownPerson(p), || EntitySpec {
                    name: person.name.clone(),
                    kind: EntityType::Person,
                    code: tenure.and_then(|t| t.country.clone()),
                    sector: tenure.and_then(|t| t.sector.clone()),
                    role: tenure.and_then(|t| t.role.clone()),
                    geo: None,
                    members: vec![],
                })
            }
            Target::Role(_) => return None,
        })
    }

    /// The country whose possessive stands right before token `i` ("Uganda's" in
    /// "Uganda's Directorate of Public Prosecutions", "Kharkiv's" for Ukraine).
    fn possessor_country(&self, i: usize) -> Option<String> {
        if i < 2 || !self.is_possessive(i - 1) {
            return None;
        }
        let h = (0..i - 1)
            .rev()
            .take(4)
            .find_map(|k| self.hits[k].filter(|x| x.end == i - 1))?;
        let code = match h.target {
            Target::Country(c) => self.lex.gaz.countries[c].iso3.clone(),
            Target::Place(p) => self.lex.gaz.places[p].country.clone(),
            _ => return None,
        };
        self.lex.is_country_code(&code).then_some(code)
    }

    /// The country of a national body named like another country's ("Kenya's National
    /// Intelligence Service", "the Kenyan National Intelligence Service" beside South
    /// Korea's listed one): the possessive or adjective country right before an
    /// organisation hit whose listed home is another country. `None` for organisations
    /// of no country (IGOs, NGOs) and when the possessor is the listed home.
    fn foreign_namesake(&self, h: Hit) -> Option<String> {
        let Target::Organisation(o) = h.target else {
            return None;
        };
        let home = self.lex.gaz.organisations[o].code.as_deref()?;
        if !self.lex.is_country_code(home) {
            return None;
        }
        let adjective = || {
            let k = h.start.checked_sub(1)?;
            match self.hits[k]?.target {
                Target::Adjective(c) => Some(self.lex.gaz.countries[c].iso3.clone()),
                _ => None,
            }
        };
        let owner = self.possessor_country(h.start).or_else(adjective)?;
        (owner != home).then_some(owner)
    }

    /// The entity of a national body of `code` named like a listed body of another country:
    /// the listed kind and sector, its own country, its own name.
    fn namesake_body(&mut self, h: Hit, code: String) -> usize {
        let org = match h.target {
            Target::Organisation(o) => &self.lex.gaz.organisations[o],
            _ => unreachable!("namesake bodies are organisations"),
        };
        let (kind, sector) = (org.kind, org.sector.clone());
        let span = self.span(h.start, h.end);
        let name = self.text[span.start..span.end].to_string();
        let key = EntityKey::Descriptor(
            Some(code.clone()),
            Some("ORG".into()),
            self.folded[h.start..h.end].join(" "),
        );
        self.doc.entity(key, || EntitySpec {
            name,
            kind,
            code: Some(code),
            sector,
            role: None,
            geo: None,
            members: vec![],
        })
    }

    /// A lone gazetteer name at `h` (`from` includes a leading determiner).
    fn single(&mut self, s: usize, h: Hit, from: usize) {
        let kind = match h.target {
            Target::Adjective(_) => MentionKind::Demonym,
            Target::Place(p) => self.place_kind(p, h.start),
            _ => MentionKind::Name,
        };
        if let Target::Place(_) = h.target {
            self.last_place = Some((h.end, kind));
        }
        let entity = match self.foreign_namesake(h) {
            Some(code) => Some(self.namesake_body(h, code)),
            None => self.entity_for(h.target),
        };
        if let Some(e) = entity {
            let span = self.span(from.min(h.start), h.end);
            // The entity's mention is the name itself: "the US" → "US".
            let name_start = if h.end - h.start > 1 && self.folded[h.start] == "the" {
                h.start + 1
            } else {
                h.start
            };
            let name = self.span(name_start, h.end);
            self.doc.mention(self.text, e, span, name, s, kind);
            if let Target::Person(_) = h.target {
                coref::remember_person(self, e);
                self.appositive_holder(s, from.min(h.start), h.end, e);
            }
        }
    }

    /// A capital standing for its government, unless a locative word precedes it (or it
    /// continues a list of places that one did: "in Moscow and Kyiv").
    fn place_kind(&self, p: usize, at: usize) -> MentionKind {
        if self.lex.gaz.places[p].kind != PlaceKind::Capital {
            return MentionKind::Name;
        }
        let Some(prev) = at.checked_sub(1) else {
            return MentionKind::Metonym;
        };
        let word = self.folded[prev].as_str();
        if LOCATIVE.contains(&word) {
            return MentionKind::Name;
        }
        if matches!(word, "and" | "or" | ",") {
            if let Some((end, kind)) = self.last_place {
                if end + 1 == at {
                    return kind;
                }
            }
        }
        MentionKind::Metonym
    }

    /// A person named after a title: tokens `start..title_end` are modifiers and roles.
    fn person_after_title(
        &mut self,
        s: usize,
        start: usize,
        title_end: usize,
        limit: usize,
        reading: &RoleReading,
        code: &Option<String>,
    ) -> Option<usize> {
        if let Some(
            h @ Hit {
                target: Target::Person(_),
                ..
            },
        ) = self.hits[title_end]
        {
            let e = self.entity_for(h.target)?;
            let phrase = self.span(start, h.end);
            let name = self.span(h.start, h.end);
            self.doc
                .mention(self.text, e, phrase, name, s, MentionKind::Name);
            coref::remember_person(self, e);
            self.appositive_holder(s, start, h.end, e);
            return Some(h.end);
        }
        let end = self.name_end(title_end, limit)?;
        let name = self.span(title_end, end);
        let phrase = self.span(start, end);
        let e = coref::person_by_name(self, title_end, end, code.as_deref())
            .unwrap_or_else(|| self.new_person(title_end, end, code.clone(), reading));
        self.doc
            .mention(self.text, e, phrase, name, s, MentionKind::Name);
        coref::remember_person(self, e);
        self.appositive_holder(s, start, end, e);
        Some(end)
    }

    fn new_person(
        &mut self,
        from: usize,
        to: usize,
        code: Option<String>,
        reading: &RoleReading,
    ) -> usize {
        let span = self.span(from, to);
        let name = self.text[span.start..span.end].to_string();
        let key = EntityKey::NamedPerson(self.folded[from..to].join(" "));
        let role = reading.role.clone();
        let sector = reading.sector.clone();
        self.doc.entity(key, || EntitySpec {
            name,
            kind: EntityType::Person,
            code,
            sector,
            role: Some(role),
            geo: None,
            members: vec![],
        })
    }

    pub(crate) fn name_end(&self, from: usize, limit: usize) -> Option<usize> {
        let hits = &self.hits;
        name_end(
            &self.lex.gaz.names,
            self.text,
            &self.layer.tokens,
            &self.folded,
            from,
            limit,
            MAX_NAME_TOKENS,
            |j| {
                // A token inside any gazetteer phrase other than a place or person blocks.
                (j.saturating_sub(6)..=j).any(|k| {
                    hits.get(k).copied().flatten().is_some_and(|h| {
                        h.start <= j
                            && j < h.end
                            && !matches!(h.target, Target::Place(_) | Target::Person(_))
                    })
                })
            },
        )
    }

    /// "Name, [the] [modifiers] title" → a person named by apposition.
    fn apposition(&mut self, s: usize, i: usize, limit: usize) -> Option<usize> {
        let end = self.name_end(i, limit)?;
        if self.folded.get(end).map(String::as_str) != Some(",") {
            return None;
        }
        // One word only when it is the short name of a person already met ("Petraeus,
        // the US commander in Iraq, said"), never "Meanwhile, the president said".
        if end - i < 2 && coref::existing_person(self, i, end).is_none() {
            return None;
        }
        let mut j = end + 1;
        if matches!(
            self.folded.get(j).map(String::as_str),
            Some("the" | "a" | "an")
        ) {
            j += 1;
        }
        let mut mods = Vec::new();
        while let Some(h) = (j < limit && mods.len() < MAX_PHRASE_HITS)
            .then(|| self.hits.get(j).copied().flatten())
            .flatten()
        {
            let possessive = self.is_possessive(h.end);
            let code = match h.target {
                Target::Adjective(c) => self.lex.gaz.countries[c].iso3.clone(),
                Target::Country(c) if possessive || self.role_follows(h.end) => {
                    self.lex.gaz.countries[c].iso3.clone()
                }
                Target::Organisation(o) if possessive => {
                    self.lex.gaz.organisations[o].code.clone()?
                }
                _ => break,
            };
            mods.push(Modifier {
                hit: h,
                code: Some(code),
            });
            j = if possessive { h.end + 1 } else { h.end };
        }
        let mut roles = Vec::new();
        while let Some((h, r)) = (j < limit && roles.len() < MAX_PHRASE_HITS)
            .then(|| self.role_at(j))
            .flatten()
        {
            roles.push((
                &self.lex.gaz.roles[r],
                self.folded[h.start..h.end].join(" "),
            ));
            j = h.end;
        }
        let reading = read_roles(&roles)?;
        if !reading.is_title() {
            return None;
        }
        let code = mods.iter().find_map(|m| m.code.clone());
        let e = coref::person_by_name(self, i, end, code.as_deref())
            .unwrap_or_else(|| self.new_person(i, end, code.clone(), &reading));
        // A person first met with no title takes the apposition's country and sector.
        if let Some(p) = self.doc.entities.get_mut(e) {
            if p.code.is_none() && code.is_some() {
                p.code = code;
                p.sector = p.sector.take().or_else(|| reading.sector.clone());
                p.role = p.role.take().or_else(|| Some(reading.role.clone()));
            }
        }
        let name = self.span(i, end);
        let phrase = self.span(i, j);
        self.doc
            .mention(self.text, e, phrase, name, s, MentionKind::Name);
        coref::remember_person(self, e);
        self.modifier_mentions(&mods);
        Some(j)
    }

    /// Records the name at tokens `i..end`, found with no title or role, as a person: the
    /// one already seen by that name (or a short form of it), else a new entity with no
    /// country or sector.
    fn untitled_person(&mut self, s: usize, i: usize, end: usize) {
        let e = coref::person_by_name(self, i, end, None).unwrap_or_else(|| {
            let span = self.span(i, end);
            let name = self.text[span.start..span.end].to_string();
            self.doc.entity(
                EntityKey::NamedPerson(self.folded[i..end].join(" ")),
                || EntitySpec {
                    name,
                    kind: EntityType::Person,
                    code: None,
                    sector: None,
                    role: None,
                    geo: None,
                    members: vec![],
                },
            )
        });
        let span = self.span(i, end);
        self.doc
            .mention(self.text, e, span, span, s, MentionKind::Name);
        coref::remember_person(self, e);
        self.appositive_holder(s, i, end, e);
    }

    /// "Ashton Carter said": a name of two or more words before a verb of saying is a
    /// person, even with no title.
    fn speaker(&mut self, s: usize, i: usize, limit: usize) -> Option<usize> {
        let end = self.name_end(i, limit)?;
        let verb = self.folded.get(end)?;
        if end - i < 2 || !SAYING.contains(&verb.as_str()) {
            return None;
        }
        if self.hits[i..end].iter().flatten().any(|h| h.end > i) && !self.namesake(i, end) {
            return None;
        }
        self.untitled_person(s, i, end);
        Some(end)
    }

    /// "Ashton Carter" is not Jimmy Carter: a given name before a known person's one-word
    /// alias that is not part of that person's name makes another person's name (tokens
    /// `i..end`).
    fn namesake(&self, i: usize, end: usize) -> bool {
        if !self.lex.gaz.given_names.contains(&self.folded[i]) {
            return false;
        }
        let mut any = false;
        for h in self.hits[i..end].iter().flatten() {
            if h.end <= i {
                continue;
            }
            let Target::Person(p) = h.target else {
                return false;
            };
            if h.start == i || h.end != h.start + 1 || h.end > end {
                return false;
            }
            let person = &self.lex.gaz.people[p];
            if fold(&person.name)
                .split_whitespace()
                .any(|w| w == self.folded[i])
            {
                return false;
            }
            any = true;
        }
        any
    }

    /// "Strategic Policy Institute", "Iraqi Ministry of Interior": a run of two or more
    /// capitalised words (with "of", "for", "and", "on" inside) that ends in or starts
    /// with an organisation head word is an organisation no list names. A weekday or a
    /// month after the connector opens a date, not more of the name ("the Foreign Ministry
    /// on Monday"), and "the" joins no two names ("... Service on Monday the UN").
    fn organisation_name(&mut self, s: usize, i: usize, limit: usize) -> Option<usize> {
        if self.title_case.get(s).copied().unwrap_or(false) {
            return None;
        }
        let tokens = &self.layer.tokens;
        let capitalised = |k: usize| {
            tokens[k].kind == TokenKind::Word
                && tokens[k]
                    .text(self.text)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
        };
        if !capitalised(i)
            || matches!(
                self.folded[i].as_str(),
                "the" | "a" | "an" | "in" | "on" | "at"
            )
        {
            return None;
        }
        let mut end = i;
        let mut k = i;
        let mut has_head = false;
        while k < limit {
            if capitalised(k) {
                has_head |= self.lex.gaz.names.is_organisation_head(&self.folded[k]);
                k += 1;
                end = k;
            } else if matches!(self.folded[k].as_str(), "of" | "for" | "and" | "on")
                && k + 1 < limit
                && capitalised(k + 1)
                && !dyad_text::calendar::names_day_or_month(&self.folded[k + 1])
            {
                k += 1;
            } else {
                break;
            }
        }
        if end - i < 2 || !has_head {
            return None;
        }
        // A sentence-initial capitalised function word is not part of the name.
        let span = self.span(i, end);
        let name = self.text[span.start..span.end].to_string();
        // The country of a country name or adjective inside the name; else of a place
        // after "of" ("United Bus Company of Tehran", "Bank of England"; a real country,
        // not a region such as Europe). A single capitalised word that is also a small
        // town's name ("University") says nothing.
        let inside = || self.hits[i..end].iter().flatten();
        let code = inside()
            .find_map(|h| match h.target {
                Target::Country(c) | Target::Adjective(c) => {
                    Some(self.lex.gaz.countries[c].iso3.clone())
                }
                _ => None,
            })
            .or_else(|| {
                inside().find_map(|h| match h.target {
                    Target::Place(p) if h.start > i && self.folded[h.start - 1] == "of" => {
                        let code = &self.lex.gaz.places[p].country;
                        self.lex.is_country_code(code).then(|| code.clone())
                    }
                    _ => None,
                })
            })
            .or_else(|| self.possessor_country(i));
        // "the Association of African Jurists", "the Third World Water Forum": a body of
        // no country whose head word names a civil-society form is a non-governmental one.
        let civil = code.is_none()
            && self.folded[i..end].iter().any(|w| {
                matches!(
                    w.as_str(),
                    "association" | "society" | "foundation" | "forum" | "charity" | "watch"
                )
            });
        let (code, sector) = if civil {
            (Some("NGO".to_string()), Some("NGO".to_string()))
        } else {
            (code, None)
        };
        let e = self.doc.entity(
            EntityKey::Descriptor(None, None, self.folded[i..end].join(" ")),
            || EntitySpec {
                name,
                kind: EntityType::Organization,
                code,
                sector,
                role: None,
                geo: None,
                members: vec![],
            },
        );
        self.doc
            .mention(self.text, e, span, span, s, MentionKind::Name);
        Some(end)
    }

    /// A descriptor: `phrase_start..end` is the listed phrase, `start..end` its name.
    fn descriptor(
        &mut self,
        s: usize,
        phrase_start: usize,
        start: usize,
        end: usize,
        reading: RoleReading,
        code: Option<String>,
    ) {
        // A title with a country and no name: the known holder in force, if one.
        if reading.is_title() {
            if let Some(p) = self
                .lex
                .holder(code.as_deref(), &reading.role, self.published)
            {
                if let Some(e) = self.entity_for(Target::Person(p)) {
                    let span = self.span(phrase_start, end);
                    self.doc
                        .mention(self.text, e, span, span, s, MentionKind::Descriptor);
                    coref::remember_person(self, e);
                    return;
                }
            }
        }
        let code = code.or_else(|| reading.body_code.clone());
        let span = self.span(start, end);
        let name = strip_determiner(&self.text[span.start..span.end]).to_string();
        let head = reading.role.clone();
        let key = EntityKey::Descriptor(code.clone(), reading.sector.clone(), head);
        let kind = reading.entity_type();
        let e = self.doc.entity(key, || EntitySpec {
            name,
            kind,
            code,
            sector: reading.sector.clone(),
            role: Some(reading.role.clone()),
            geo: None,
            members: vec![],
        });
        let phrase = self.span(phrase_start, end);
        self.doc
            .mention(self.text, e, phrase, phrase, s, MentionKind::Descriptor);
        if kind == EntityType::Person {
            coref::remember_person(self, e);
            self.last_title = Some(TitleDescriptor {
                entity: e,
                mention: self.doc.mentions.len() - 1,
                sentence: s,
                start: phrase_start,
                end,
            });
        }
    }

    /// "The US commander in Iraq, General David Petraeus, held talks": a name (tokens
    /// `start..end`, title included) set off by commas right after a title descriptor with
    /// no name is that descriptor's holder. The person takes the descriptor's country and
    /// sector when it has none, and the descriptor's mention becomes the person's. The
    /// descriptor may carry a locative tail ("in Iraq"); the name must close with a comma
    /// unless the descriptor opens the sentence ("After meeting the US envoy, President
    /// Bush said" is two people).
    fn appositive_holder(&mut self, s: usize, start: usize, end: usize, person: usize) {
        let Some(t) = self.last_title else { return };
        if t.sentence != s || t.entity == person || start == 0 {
            return;
        }
        let comma = start - 1;
        if self.folded.get(comma).map(String::as_str) != Some(",") || comma < t.end {
            return;
        }
        let gap = &self.folded[t.end..comma];
        let gap_ok = gap.is_empty()
            || (gap.len() <= 5
                && matches!(gap[0].as_str(), "in" | "of" | "for" | "at" | "to" | "on")
                && (t.end + 1..comma).all(|k| {
                    self.folded[k] == "the"
                        || self.layer.tokens[k].kind == TokenKind::Word
                            && self.layer.tokens[k]
                                .text(self.text)
                                .chars()
                                .next()
                                .is_some_and(char::is_uppercase)
                }));
        let opens_sentence = t.start == self.layer.sentences[s].tokens.start;
        let closed = self.folded.get(end).map(String::as_str) == Some(",");
        if !gap_ok || !(opens_sentence || closed) {
            return;
        }
        self.last_title = None;
        let (code, sector) = {
            let d = &self.doc.entities[t.entity];
            (d.code.clone(), d.sector.clone())
        };
        if let Some(p) = self.doc.entities.get_mut(person) {
            if p.code.is_none() && code.is_some() {
                p.code = code;
                if sector.is_some() {
                    p.sector = sector;
                }
            }
        }
        if let Some(m) = self.doc.mentions.get_mut(t.mention) {
            if m.entity == t.entity {
                m.entity = person;
            }
        }
    }

    pub(crate) fn text(&self) -> &'a str {
        self.text
    }

    pub(crate) fn layer(&self) -> &'a TextLayer {
        self.layer
    }
}

/// Cities smaller than this are "minor": read as places only with support from the text.
const MINOR_PLACE: u64 = 100_000;

/// The countries a document's hits name: by name, adjective or people, and those of the
/// places `place_counts` accepts.
fn document_countries<'g>(
    gaz: &'g crate::gazetteer::Gazetteer,
    hits: &[Option<Hit>],
    place_counts: impl Fn(usize) -> bool,
) -> std::collections::HashSet<&'g str> {
    hits.iter()
        .flatten()
        .filter_map(|h| match h.target {
            Target::Country(c) | Target::Adjective(c) | Target::People(c) => {
                Some(gaz.countries[c].iso3.as_str())
            }
            Target::Place(p) if place_counts(p) => Some(gaz.places[p].country.as_str()),
            _ => None,
        })
        .collect()
}

/// Resolves place names by the document's country context and drops weak readings:
///
/// - a name shared by several places resolves to the one in a country the document
///   mentions (by name, adjective, people or a major place), else the most populous;
/// - a minor town ("Best", "Goes" in the Netherlands) counts only after a locative
///   preposition or when its country is in the context;
/// - a single capitalised word at a sentence start that the document also uses in lower
///   case ("Reading ...", "reading") is a word, not a place.
fn resolve_places(
    lex: &ActorLexicon,
    text: &str,
    layer: &TextLayer,
    folded: &[String],
    lower_words: &std::collections::HashSet<String>,
    hits: &mut [Option<Hit>],
) {
    use std::collections::HashSet;
    let gaz = &lex.gaz;
    let major = |p: usize| {
        let place = &gaz.places[p];
        place.kind != PlaceKind::City || place.population.is_none_or(|n| n >= MINOR_PLACE)
    };
    let context = document_countries(gaz, hits, major);
    let sentence_starts: HashSet<usize> = layer.sentences.iter().map(|s| s.tokens.start).collect();
    for i in 0..hits.len() {
        let Some(h) = hits[i] else { continue };
        if h.start != i {
            continue;
        }
        let Target::Place(first) = h.target else {
            continue;
        };
        let candidates = lex
            .index
            .places_at(text, &layer.tokens, folded, h.start, h.end);
        let chosen = candidates
            .iter()
            .copied()
            .find(|&p| context.contains(gaz.places[p].country.as_str()))
            .unwrap_or(first);
        let after_locative = i
            .checked_sub(1)
            .is_some_and(|p| LOCATIVE.contains(&folded[p].as_str()));
        let in_context = context.contains(gaz.places[chosen].country.as_str());
        let word_not_name = h.end - h.start == 1
            && sentence_starts.contains(&i)
            && lower_words.contains(&folded[i])
            && gaz.places[chosen].kind != PlaceKind::Capital;
        // "Yusuf Ali Hassan", "Hassan Nasrallah", "George Washington": a place name beside
        // a capitalised word that is no name of anything listed is part of a person's name.
        let covered =
            |k: usize| (k.saturating_sub(4)..=k).any(|j| hits[j].is_some_and(|x| x.end > k));
        let name_word = |k: usize| {
            let t = &layer.tokens[k];
            t.kind == TokenKind::Word
                && t.text(text).chars().next().is_some_and(char::is_uppercase)
                && !covered(k)
                && !gaz.names.not_name(&folded[k])
                && !LOCATIVE.contains(&folded[k].as_str())
                && !gaz.names.is_place_head(&folded[k])
                && !gaz.names.is_organisation_head(&folded[k])
                && !gaz.names.is_other_head(&folded[k])
        };
        let name_before = i > 0 && !sentence_starts.contains(&i) && name_word(i - 1);
        let name_after =
            h.end < layer.tokens.len() && !sentence_starts.contains(&h.end) && name_word(h.end);
        // "Arnold Denver, a senator": two place names side by side, one of them a given
        // name, are a person's name too (places that follow each other are written with
        // a comma: "Denver, Colorado").
        let one_word_place = |k: usize| {
            hits[k].is_some_and(|x| {
                x.start == k && x.end == k + 1 && matches!(x.target, Target::Place(_))
            })
        };
        let given = |k: usize| gaz.given_names.contains(&folded[k]);
        let given_pair = h.end - h.start == 1
            && ((i > 0
                && !sentence_starts.contains(&i)
                && one_word_place(i - 1)
                && (given(i - 1) || given(i)))
                || (h.end < layer.tokens.len()
                    && !sentence_starts.contains(&h.end)
                    && one_word_place(h.end)
                    && (given(i) || given(h.end))));
        let name_part = !after_locative && (name_before || name_after || given_pair);
        // "Police in Lebanon", "Benin Police said": a role word that is also the name
        // of a town is the role, unless a locative preposition makes it a place.
        let role = (!after_locative && gaz.places[chosen].kind != PlaceKind::Capital)
            .then(|| {
                lex.index
                    .role_at(text, &layer.tokens, folded, h.start, h.end)
            })
            .flatten()
            .filter(|&r| !gaz.roles[r].lower);
        if let Some(r) = role {
            hits[i] = Some(Hit {
                target: Target::Role(r),
                ..h
            });
        } else if (!major(chosen) && !after_locative && !in_context) || word_not_name || name_part {
            hits[i] = None;
        } else {
            hits[i] = Some(Hit {
                target: Target::Place(chosen),
                ..h
            });
        }
    }
}

/// Resolves a name that several organisations share ("RSF": Reporters Without Borders
/// and Sudan's Rapid Support Forces) by the document: the one whose full name the
/// document spells, else the one whose home country the document mentions (by name,
/// adjective, people or place), else the first listed.
fn resolve_organisations(
    lex: &ActorLexicon,
    text: &str,
    layer: &TextLayer,
    folded: &[String],
    hits: &mut [Option<Hit>],
) {
    use std::collections::HashSet;
    let gaz = &lex.gaz;
    let countries = document_countries(gaz, hits, |_| true);
    let spelled: HashSet<usize> = hits
        .iter()
        .flatten()
        .filter_map(|h| match h.target {
            Target::Organisation(o)
                if folded[h.start..h.end].join(" ") == fold(&gaz.organisations[o].name) =>
            {
                Some(o)
            }
            _ => None,
        })
        .collect();
    for (i, slot) in hits.iter_mut().enumerate() {
        let Some(h) = *slot else { continue };
        if h.start != i || !matches!(h.target, Target::Organisation(_)) {
            continue;
        }
        let candidates = lex
            .index
            .organisations_at(text, &layer.tokens, folded, h.start, h.end);
        if candidates.len() < 2 {
            continue;
        }
        let home_mentioned = |o: &usize| {
            gaz.organisations[*o]
                .code
                .as_deref()
                .is_some_and(|c| countries.contains(c))
        };
        let chosen = candidates
            .iter()
            .find(|o| spelled.contains(o))
            .or_else(|| candidates.iter().find(|o| home_mentioned(o)));
        if let Some(&o) = chosen {
            *slot = Some(Hit {
                target: Target::Organisation(o),
                ..h
            });
        }
    }
}

/// Participles that join a body or place to a role as the role's own ("UN-appointed",
/// "London-based"); not "backed" or "funded", which name a sponsor, not a member.
const AFFILIATING: &[&str] = &["appointed", "based"];

/// The hit of an affiliating compound at token `i` ("UN-appointed"), spanning the word
/// before it when the body's name starts there ("United Nations-appointed"): the body,
/// country or place its first part names.
fn affiliating_compound(
    lex: &ActorLexicon,
    text: &str,
    layer: &TextLayer,
    hits: &[Option<Hit>],
    i: usize,
) -> Option<Hit> {
    let word = layer.tokens[i].text(text);
    let (prefix, suffix) = word.rsplit_once(['-', '\u{2010}', '\u{2011}'])?;
    if !AFFILIATING.contains(&suffix.to_lowercase().as_str()) || prefix.is_empty() {
        return None;
    }
    let usable = |t: Target| {
        matches!(
            t,
            Target::Organisation(_) | Target::Country(_) | Target::Place(_)
        )
    };
    // One word before ("United Nations-"), when it is free, capitalised and in the same
    // sentence's run of words.
    let before = i
        .checked_sub(1)
        .filter(|&p| hits[p].is_none() && layer.tokens[p].kind == TokenKind::Word)
        .filter(|&p| {
            layer.tokens[p]
                .text(text)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        });
    if let Some(p) = before {
        let two = format!("{} {prefix}", layer.tokens[p].text(text));
        if let Some(target) = lex.index.named(&two).filter(|t| usable(*t)) {
            return Some(Hit {
                start: p,
                end: i + 1,
                target,
            });
        }
    }
    let target = lex.index.named(prefix).filter(|t| usable(*t))?;
    Some(Hit {
        start: i,
        end: i + 1,
        target,
    })
}

/// Whether a place head word names a natural feature, which no country owns by its name
/// ("Indian Ocean", "South China Sea").
fn natural_feature(head: &str) -> bool {
    matches!(
        head,
        "sea"
            | "ocean"
            | "gulf"
            | "strait"
            | "river"
            | "lake"
            | "mountain"
            | "mountains"
            | "mount"
            | "hill"
            | "hills"
            | "valley"
            | "bay"
            | "beach"
            | "island"
            | "islands"
            | "peninsula"
            | "creek"
            | "brook"
            | "desert"
            | "forest"
            | "coast"
            | "falls"
            | "springs"
            | "plain"
            | "plains"
            | "cape"
            | "pass"
    )
}

/// Whether a capitalised word heads an organisation named after its country ("Malaysia
/// Airlines", "Russian Railways", "Iran Air").
fn compound_organisation_head(names: &NameWords, folded: &str) -> bool {
    names.is_organisation_head(folded)
        || matches!(
            folded,
            "railways" | "air" | "telecom" | "petroleum" | "motors" | "steel" | "shipping"
        )
}

/// The sector a compound organisation's head word gives: companies are business, news
/// outlets media; other heads (front, party, movement) say nothing certain.
fn compound_sector(head: &str) -> Option<String> {
    let sector = match head {
        "airlines" | "airways" | "air" | "railways" | "company" | "corporation" | "bank"
        | "inc." | "ltd" | "ltd." | "limited" | "telecom" | "petroleum" | "motors" | "steel"
        | "shipping" => "BUS",
        "news" | "times" | "post" | "media" | "broadcasting" | "network" => "JRN",
        "police" => "COP",
        "university" | "school" | "college" => "EDU",
        "hospital" => "HLH",
        _ => return None,
    };
    Some(sector.to_string())
}

/// Whether a sentence is written in title case: at least four content words, every one
/// capitalised (short function words may stay lower case).
fn is_title_case(text: &str, tokens: &[dyad_text::token::Token]) -> bool {
    let mut content = 0;
    for t in tokens.iter().filter(|t| t.kind == TokenKind::Word) {
        let word = t.text(text);
        let Some(first) = word.chars().next() else {
            continue;
        };
        if !first.is_alphabetic() {
            continue;
        }
        if first.is_lowercase() {
            let function = matches!(
                word,
                "a" | "an"
                    | "the"
                    | "and"
                    | "or"
                    | "of"
                    | "in"
                    | "on"
                    | "at"
                    | "to"
                    | "for"
                    | "with"
                    | "by"
                    | "from"
                    | "as"
                    | "vs"
                    | "over"
                    | "after"
                    | "into"
            );
            if !function {
                return false;
            }
            continue;
        }
        content += 1;
    }
    content >= 4
}

/// "The DPRK government" → "DPRK government".
fn strip_determiner(name: &str) -> &str {
    for det in ["the ", "The ", "THE "] {
        if let Some(rest) = name.strip_prefix(det) {
            return rest;
        }
    }
    name
}
