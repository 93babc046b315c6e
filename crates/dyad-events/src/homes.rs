//! Home countries of actors the recogniser could not code: "rebels in the Ivory Coast",
//! "Ankara's district administration", "police dispersed demonstrators" in a sentence that
//! names one country only. Coders (PETRARCH's agents, the PLOVER gold) give an actor
//! without a country of its own the country its phrase or its sentence puts it in.
//!
//! Order of evidence: a locative or "of"/"from" modifier right after the mention; a
//! possessive ("X's ...") in the mention's noun phrase; and, for groups with a role
//! (police, rebels, officials; not people), the one country the sentence names, unless
//! that country is itself a participant ("the government threatened Russia" leaves the
//! government uncoded).

use std::collections::BTreeSet;

use dyad_actors::Actors;
use dyad_model::EntityType;

use crate::view::{is_determiner, is_preposition, SentenceView};

/// Words that may stand between a modifier preposition and its place ("in the contested
/// Kursk region", "of southern Serbia").
fn is_np_filler(word: &str) -> bool {
    // "military-ruled Myanmar", "war-torn Somalia": a compound adjective.
    let compound = word.contains('-') && word.chars().all(|c| c.is_lowercase() || c == '-');
    compound
        || is_determiner(word)
        || crate::arguments::is_compass(word)
        || matches!(
            word,
            "occupied"
                | "contested"
                | "disputed"
                | "capital"
                | "breakaway"
                | "neighbouring"
                | "neighboring"
        )
}

/// The code of mention `k`'s entity, when it has one.
fn mention_code(view: &SentenceView<'_>, actors: &Actors, k: usize) -> Option<String> {
    let (m, _, _) = view.mentions.get(k)?;
    actors.entities.get(m.entity)?.code.clone()
}

fn mention_kind(view: &SentenceView<'_>, actors: &Actors, k: usize) -> Option<EntityType> {
    let (m, _, _) = view.mentions.get(k)?;
    actors.entities.get(m.entity).map(|e| e.kind)
}

/// "rebels in the Ivory Coast", "officials of the Sudanese government", "rebels from
/// Darfur": the code of a mention right after `end` behind in/of/from.
fn modifier_after(
    view: &SentenceView<'_>,
    actors: &Actors,
    end: usize,
    depth: usize,
) -> Option<String> {
    if !matches!(view.word(end), "in" | "of" | "from" | "inside") {
        return None;
    }
    let mut j = end + 1;
    while j < view.len() && j <= end + 4 {
        if let Some(k) = view.mention_at[j] {
            // "workers of the United Bus Company of Tehran": follow an uncoded owner.
            return mention_code(view, actors, k).or_else(|| {
                let (_, _, next_end) = view.mentions[k];
                (next_end > end + 1 && depth < 2)
                    .then(|| modifier_after(view, actors, next_end, depth + 1))
                    .flatten()
            });
        }
        if view.is_punct(j) || !is_np_filler(view.word(j)) {
            return None;
        }
        j += 1;
    }
    None
}

/// "Ankara's Cankaya district administration": the code of a possessor in the same noun
/// phrase, left of `start`.
fn possessor_before(view: &SentenceView<'_>, actors: &Actors, start: usize) -> Option<String> {
    let mut j = start;
    while j > 0 && start - j < 6 {
        j -= 1;
        let w = view.word(j);
        if w == "'s" {
            let k = j.checked_sub(1).and_then(|p| view.mention_at[p])?;
            return mention_code(view, actors, k);
        }
        if view.is_punct(j) || is_preposition(w) || matches!(w, "the" | "a" | "an") {
            return None;
        }
    }
    None
}

/// The country a story is about, when one dominates it: the most mentioned country, named
/// at least [`STORY_HOME_MENTIONS`] times and at least twice as often as any other. A
/// story about Kenya that says "the police said they arrested 20 protesters" means
/// Kenya's police.
pub fn story_home(actors: &Actors, is_country: impl Fn(&str) -> bool) -> Option<String> {
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for m in &actors.mentions {
        if let Some(code) = actors
            .entities
            .get(m.entity)
            .and_then(|e| story_country(e, &is_country))
        {
            *counts.entry(code).or_default() += 1;
        }
    }
    let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let (code, n) = *ranked.first()?;
    let second = ranked.get(1).map_or(0, |r| r.1);
    (n >= STORY_HOME_MENTIONS && n >= 2 * second).then(|| code.to_string())
}

/// The country an entity's mentions name for a story's and a sentence's countries: its
/// code, when that is a country's (`is_country`) and the entity is no news organisation,
/// which names its country wherever it reports from ("told the BBC", "Reuters reported":
/// a British outlet in a story about Somalia).
pub fn story_country(
    entity: &dyad_model::Entity,
    is_country: impl Fn(&str) -> bool,
) -> Option<&str> {
    let outlet = entity.kind == EntityType::Organization && entity.sector.as_deref() == Some("JRN");
    entity.code.as_deref().filter(|c| !outlet && is_country(c))
}

/// Mentions the country a story is about needs ([`story_home`]).
pub const STORY_HOME_MENTIONS: usize = 3;

/// The home-country evidence of one sentence, shared by the events of the sentence.
pub struct SentenceCountries {
    /// Country codes named anywhere in the sentence, with the mentions that name them.
    countries: Vec<(usize, String)>,
    /// The country the story is about, if one dominates it ([`story_home`]).
    story: Option<String>,
}

impl SentenceCountries {
    /// The country the story is about, if one dominates it ([`story_home`]).
    pub fn story(&self) -> Option<&str> {
        self.story.as_deref()
    }

    /// Collects the country codes of the sentence's mentions (`is_country` tells a
    /// country code from an organisation or region code).
    pub fn new(
        view: &SentenceView<'_>,
        actors: &Actors,
        story: Option<String>,
        is_country: impl Fn(&str) -> bool,
    ) -> SentenceCountries {
        // "Witnesses told the BBC the gunmen attacked": an outlet's country places no one.
        let countries = view
            .mentions
            .iter()
            .enumerate()
            .filter_map(|(k, (m, _, _))| {
                let code = story_country(actors.entities.get(m.entity)?, &is_country)?;
                Some((k, code.to_string()))
            })
            .collect();
        SentenceCountries { countries, story }
    }

    /// The country a people named by its nationality lives in, when its own phrase
    /// says so and it is another country ("the Albanians of southern Serbia", "ethnic
    /// Albanians in Serbia"): coders code such communities by where they live.
    pub fn community_home(
        &self,
        view: &SentenceView<'_>,
        actors: &Actors,
        k: usize,
    ) -> Option<String> {
        let &(m, _, me) = view.mentions.get(k)?;
        let entity = actors.entities.get(m.entity)?;
        if entity.kind != EntityType::Group || entity.sector.is_some() || entity.code.is_none() {
            return None;
        }
        if let Some(home) = modifier_after(view, actors, me, 0) {
            return (Some(&home) != entity.code.as_ref()).then_some(home);
        }
        // "ethnic Albanians" with one other country in the sentence: they live there.
        let ms = view.mentions.get(k)?.1;
        if ms == 0 || view.word(ms - 1) != "ethnic" {
            return None;
        }
        let others: BTreeSet<&str> = self
            .countries
            .iter()
            .filter(|(_, c)| Some(c) != entity.code.as_ref())
            .map(|(_, c)| c.as_str())
            .collect();
        (others.len() == 1)
            .then(|| others.into_iter().next().map(str::to_string))
            .flatten()
    }

    /// Fills the codes of uncoded references that stand for mentions of this sentence
    /// (speakers found by attribution: "the Bush administration declared that ...").
    pub fn fill_refs(
        &self,
        view: &SentenceView<'_>,
        actors: &Actors,
        refs: &mut [dyad_model::ActorRef],
        arguments: &[usize],
    ) {
        for r in refs.iter_mut().filter(|r| r.code.is_none()) {
            let Some(id) = r.entity.as_deref() else {
                continue;
            };
            let k = view
                .mentions
                .iter()
                .position(|(m, _, _)| actors.entities.get(m.entity).is_some_and(|e| e.id == id));
            if let Some(k) = k {
                self.fill_ref(view, actors, k, arguments, None, r);
            }
        }
    }

    /// Gives the uncoded reference `r` to mention `k` the code [`Self::infer`] infers,
    /// marked implicit when only the story gives it.
    pub fn fill_ref(
        &self,
        view: &SentenceView<'_>,
        actors: &Actors,
        k: usize,
        arguments: &[usize],
        place: Option<&str>,
        r: &mut dyad_model::ActorRef,
    ) {
        r.code = self.infer(view, actors, k, arguments, place);
        r.implicit |= r.code.is_some() && r.code == self.story && !self.names(r.code.as_deref());
    }

    /// Whether the sentence names the country `code`.
    fn names(&self, code: Option<&str>) -> bool {
        self.countries.iter().any(|(_, c)| Some(c.as_str()) == code)
    }

    /// The story's country when the sentence names no other ([`story_home`]).
    fn home_alone(&self) -> Option<&str> {
        let home = self.story.as_deref()?;
        self.countries
            .iter()
            .all(|(_, c)| c == home)
            .then_some(home)
    }

    /// The inferred code of uncoded mention `k`; `arguments` are the event's argument
    /// mentions, `place` the country where the event happened, when the sentence says.
    fn infer(
        &self,
        view: &SentenceView<'_>,
        actors: &Actors,
        k: usize,
        arguments: &[usize],
        place: Option<&str>,
    ) -> Option<String> {
        let &(_, ms, me) = view.mentions.get(k)?;
        if let Some(code) = modifier_after(view, actors, me, 0) {
            return Some(code);
        }
        if let Some(code) = possessor_before(view, actors, ms) {
            return Some(code);
        }
        // "the Latvian Constitutional Court", "the United Nations Emergency Relief
        // Coordinator": a coded nationality or organisation right before the mention, in
        // its noun phrase ("told the BBC the gunmen ..." is two).
        if let Some(code) = (!is_determiner(view.word(ms)))
            .then(|| ms.checked_sub(1))
            .flatten()
            .and_then(|p| view.mention_at.get(p).copied().flatten())
            .and_then(|j| mention_code(view, actors, j))
        {
            return Some(code);
        }
        // People travel and speak abroad: only their own phrase places them, unless a
        // title makes them an office holder ("President Omar El Bashir shortened the
        // curfew in Sudan"). Groups with a role ("police", "rebels", "the government")
        // belong where their sentence is, unless the one country is itself a participant
        // ("the government threatened Russia").
        let (m, _, _) = view.mentions.get(k)?;
        let entity = actors.entities.get(m.entity)?;
        let office_holder = matches!(
            entity.sector.as_deref(),
            Some("GOV" | "MIL" | "JUD" | "LEG" | "COP")
        );
        let candidates: BTreeSet<&str> = self
            .countries
            .iter()
            .filter(|(j, _)| *j != k)
            .filter(|(j, _)| {
                !(arguments.contains(j)
                    && mention_kind(view, actors, *j) == Some(EntityType::Country))
            })
            .map(|(_, c)| c.as_str())
            .collect();
        if entity.kind == EntityType::Person && !office_holder {
            // A person no phrase places, in a story about one country whose sentence names
            // no other country than that one or the event's other party: that country's
            // ("John Odhiambo denied the charges", "Norway froze Odhiambo's assets" in a
            // story about Kenya).
            let home = self.story.as_deref()?;
            return candidates
                .iter()
                .all(|c| *c == home)
                .then(|| home.to_string());
        }
        entity.sector.as_ref()?;
        if candidates.len() == 1 {
            candidates.into_iter().next().map(str::to_string)
        } else if let Some(home) = self.home_alone() {
            // A sentence that names no country but the story's own: the story's ("the
            // police said ...", "Kenya accused the rebels" in a story about Kenya).
            Some(home.to_string())
        } else if entity.kind == EntityType::Group {
            // "prisoners rioted at a jail in Dili ... against Indonesian rule": unnamed
            // people (police, protesters, prisoners) belong where the event happens.
            place.map(str::to_string)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use dyad_core::{Pipeline, SourceDocument};

    fn inferred(text: &str, name: &str) -> Option<String> {
        let pipeline = Pipeline::embedded().expect("embedded pipeline");
        let out = pipeline.extract(SourceDocument {
            id: "t".into(),
            text: text.into(),
            published: Some("2024-12-01".parse().unwrap()),
            ..Default::default()
        });
        out.events
            .iter()
            .flat_map(|e| e.actor.iter().chain(&e.recipient))
            .find(|a| a.text.contains(name))
            .and_then(|a| a.code.clone())
    }

    #[test]
    fn locative_and_possessive_modifiers_give_a_country() {
        assert_eq!(
            inferred(
                "Rebels in the Ivory Coast rejected an appeal from the president.",
                "Rebels"
            )
            .as_deref(),
            Some("CIV")
        );
        assert_eq!(
            inferred(
                "Kenya's opposition leaders demanded new elections.",
                "leaders"
            )
            .or_else(|| inferred(
                "Kenya's opposition leaders demanded new elections.",
                "opposition"
            ))
            .as_deref(),
            Some("KEN")
        );
    }

    #[test]
    fn a_nationality_or_body_right_before_gives_its_code() {
        let text =
            "The Latvian Constitutional Court cancelled restrictions on the Russian language.";
        assert_eq!(inferred(text, "Court").as_deref(), Some("LVA"));
    }

    #[test]
    fn groups_take_the_one_country_of_their_sentence() {
        let text = "Soldiers arrested dozens of students in Nairobi on Monday.";
        assert_eq!(inferred(text, "Soldiers").as_deref(), Some("KEN"));
        assert_eq!(inferred(text, "students").as_deref(), Some("KEN"));
        let text = "Kenyan police detained demonstrators on Monday.";
        assert_eq!(inferred(text, "demonstrators").as_deref(), Some("KEN"));
    }

    #[test]
    fn unnamed_groups_belong_where_the_event_happens() {
        // Two countries in the sentence: the place of the riot decides.
        let text =
            "Prisoners rioted at a jail in Lima to protest against their extradition to Chile.";
        assert_eq!(inferred(text, "Prisoners").as_deref(), Some("PER"));
        // A compound adjective stands between a group and its country.
        let text = "President Obama met exiled dissidents from military-ruled Myanmar.";
        assert_eq!(inferred(text, "dissidents").as_deref(), Some("MMR"));
        // A nationality's group is no participant country: its victims share its home.
        let text = "Egyptian police opened fire to disperse demonstrators.";
        assert_eq!(inferred(text, "demonstrators").as_deref(), Some("EGY"));
    }

    #[test]
    fn speakers_found_by_attribution_get_a_home() {
        let text = "The Obama administration said Iran must halt uranium enrichment.";
        assert_eq!(inferred(text, "administration").as_deref(), Some("USA"));
    }

    /// A story about Kenya, told to a news agency of another country.
    const KENYAN_STORY: &str = "Kenya's parliament met on Monday, lawmakers told Reuters. \
        Kenyan police arrested protesters in Nairobi, Reuters reported. \
        Kenya's opposition rejected the vote in an interview with Reuters.";

    #[test]
    fn a_person_of_a_story_about_one_country_is_its_own() {
        // The sentence names no country but the event's other party: the person is the
        // story's.
        let text = format!("{KENYAN_STORY} Norway imposed sanctions on Peter Wambua.");
        assert_eq!(inferred(&text, "Wambua").as_deref(), Some("KEN"));
        // Another country named beside them: no home.
        let text = format!(
            "{KENYAN_STORY} Norway imposed sanctions on Peter Wambua after talks in Uganda."
        );
        assert_eq!(inferred(&text, "Wambua"), None);
    }

    #[test]
    fn a_group_of_a_story_about_one_country_is_its_own() {
        // The story's country is named only as the event's other party.
        let text = format!("{KENYAN_STORY} Kenya accused the rebels of burning a school.");
        assert_eq!(inferred(&text, "rebels").as_deref(), Some("KEN"));
        // Another country is the other party: the rebels are not placed.
        let text = format!("{KENYAN_STORY} Uganda accused the rebels of burning a school.");
        assert_eq!(inferred(&text, "rebels"), None);
    }

    #[test]
    fn news_agencies_do_not_make_a_story_theirs() {
        // Reuters (a British agency) named three times beside Kenya's mentions does not
        // keep Kenya from being the story's country.
        let lexicon = dyad_actors::ActorLexicon::from_data(&dyad_data::DataSet::embedded())
            .expect("embedded actors");
        let layer = dyad_text::analyze(KENYAN_STORY);
        let actors = lexicon.recognize(KENYAN_STORY, &layer, None);
        let reuters = actors
            .entities
            .iter()
            .position(|e| e.name.contains("Reuters"))
            .expect("Reuters is recognised");
        assert_eq!(actors.entities[reuters].code.as_deref(), Some("GBR"));
        let told = actors.mentions.iter().filter(|m| m.entity == reuters);
        assert_eq!(told.count(), 3);
        let is_country = |c: &str| matches!(c, "KEN" | "GBR");
        assert_eq!(
            super::story_home(&actors, is_country).as_deref(),
            Some("KEN")
        );
    }

    #[test]
    fn a_news_outlet_places_no_one() {
        // The gunmen are not British because witnesses spoke to a British broadcaster.
        let text = "Witnesses told the BBC the gunmen attacked the bus.";
        assert_eq!(inferred(text, "gunmen"), None);
    }

    #[test]
    fn a_country_that_takes_part_is_not_a_home() {
        // The government is not Russian because it threatens Russia.
        let text = "The government threatened Russia with sanctions.";
        assert_eq!(inferred(text, "government"), None);
    }
}
