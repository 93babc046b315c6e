//! Implicit parties: the other side of a directed event that its sentence leaves unsaid,
//! read from the story's dyad.
//!
//! News about two countries names the counterpart once and then leaves it implicit:
//! in a story about Brazil and Argentina, "Brasília warned it would retaliate" warns
//! Buenos Aires, "new tariffs are awaiting a vote" are Brazilian tariffs on Argentina. The
//! annotation guidelines code such parties ("`code` is the country the story implies");
//! so does an analyst reading the story. A country's people outside its state (the
//! opposition, civilians, journalists, rebels) denounce and demand at home: their unsaid
//! counterpart is their own country.
//!
//! The rule is deliberately narrow. A story's dyad is its two most mentioned countries
//! (news organisations' mentions left out: "told the BBC" makes no story British), each
//! mentioned at least [`MIN_MENTIONS`] times, with the second clearly ahead of the
//! third (no dyad in a story about many countries). An event of a directed type whose
//! one side is coded with one of the two and whose other side is empty gets the other
//! country, marked `implicit` so that a reader (and the store) can tell it from a named
//! party. The sentence must name no other coded party that could be the missing side.
//!
//! A story about one country (one country dominating its mentions,
//! [`crate::homes::story_home`], however often a second is named) is domestic news, not a
//! dyad: what that country's actors do to someone
//! unnamed, they do at home ([`fill_home`]), violence and coercion included; protests and
//! mobilisations stay one-sided. What no one named did there ("two villagers were killed"),
//! the country did: the guidelines code the agent the story implies.

use crate::lexicon::Lexicon;
use dyad_actors::Actors;
use dyad_model::{ActorRef, Event, EventType};
use std::collections::BTreeMap;

/// Mentions a country needs to be one side of the story's dyad.
pub const MIN_MENTIONS: usize = 2;

/// The two countries a story is about, with the name of each as the story first gives it.
#[derive(Clone, Debug, PartialEq)]
pub struct StoryDyad {
    pub sides: [(String, String); 2],
}

impl StoryDyad {
    /// The story's dyad, if it has one: two countries mentioned at least
    /// [`MIN_MENTIONS`] times each, the second mentioned more often than the third.
    pub fn of(lex: &Lexicon, actors: &Actors) -> Option<StoryDyad> {
        let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for m in &actors.mentions {
            let Some(code) = actors
                .entities
                .get(m.entity)
                .and_then(|e| crate::homes::story_country(e, |c| lex.is_country(c)))
            else {
                continue;
            };
            let e = counts.entry(code).or_insert((0, m.entity));
            e.0 += 1;
            // The side is named after the country itself where the story names it.
            let named_country = |i: usize| {
                actors
                    .entities
                    .get(i)
                    .is_some_and(|x| x.kind == dyad_model::EntityType::Country)
            };
            if !named_country(e.1) && named_country(m.entity) {
                e.1 = m.entity;
            }
        }
        let mut ranked: Vec<(&str, usize, usize)> =
            counts.into_iter().map(|(c, (n, e))| (c, n, e)).collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let (first, second) = (ranked.first()?, ranked.get(1)?);
        let third = ranked.get(2).map_or(0, |t| t.1);
        if second.1 < MIN_MENTIONS || second.1 <= third {
            return None;
        }
        let side = |(code, _, entity): &(&str, usize, usize)| {
            let name = actors
                .entities
                .get(*entity)
                .map(|e| e.name.clone())
                .unwrap_or_default();
            (code.to_string(), name)
        };
        Some(StoryDyad {
            sides: [side(first), side(second)],
        })
    }

    /// The other side of the dyad from `code`, if `code` is one side.
    fn other(&self, code: &str) -> Option<&(String, String)> {
        match (&self.sides[0], &self.sides[1]) {
            (a, b) if a.0 == code => Some(b),
            (a, b) if b.0 == code => Some(a),
            _ => None,
        }
    }
}

/// Event types that are done to someone: a missing side is a gap, not an absence.
fn is_directed(event: EventType) -> bool {
    !matches!(
        event,
        EventType::Mobilize | EventType::Protest | EventType::Assault | EventType::Coerce
    )
}

/// The single country code of one side, if the side is coded with exactly one.
fn single_code(refs: &[ActorRef]) -> Option<&str> {
    let mut codes = refs.iter().filter_map(|r| r.code.as_deref());
    let first = codes.next()?;
    codes.all(|c| c == first).then_some(first)
}

/// Sectors of a country's people outside its state. With no one named, what they denounce,
/// demand or reject is their own state's doing ("opposition lawmakers condemned the
/// new curfew", "journalists condemned the ruling"), not the other country's of the story.
const DOMESTIC_SECTORS: &[&str] = &["OPP", "CVL", "JRN", "EDU", "REL", "REB"];

/// Whether every party of a side belongs to a [`DOMESTIC_SECTORS`] sector.
fn domestic(refs: &[ActorRef]) -> bool {
    !refs.is_empty()
        && refs.iter().all(|r| {
            r.sector
                .as_deref()
                .is_some_and(|s| DOMESTIC_SECTORS.contains(&s))
        })
}

/// A country the story implies as a party, named as the story names it.
fn implicit_country(code: &str, name: &str) -> ActorRef {
    ActorRef {
        entity: None,
        text: name.to_string(),
        code: Some(code.to_string()),
        sector: None,
        implicit: true,
    }
}

/// Fills the missing side of `event` from the story's dyad: the other side, or for a
/// side of the country's people outside its state ([`DOMESTIC_SECTORS`]) their own
/// country. `named` are the country codes the event's sentence names.
pub fn fill(dyad: &StoryDyad, event: &mut Event, named: &[&str]) {
    if !is_directed(event.event) {
        return;
    }
    let implied = |known: &str| -> Option<ActorRef> {
        let (code, name) = dyad.other(known)?;
        // The sentence names another country: the missing side may be that one.
        if named.iter().any(|n| *n != known && *n != code) {
            return None;
        }
        Some(implicit_country(code, name))
    };
    if event.recipient.is_empty() {
        let Some(known) = single_code(&event.actor) else {
            return;
        };
        let own = dyad.sides.iter().find(|(code, _)| code == known);
        let recipient = match own.filter(|_| domestic(&event.actor)) {
            Some((code, name)) => Some(implicit_country(code, name)),
            None => implied(known),
        };
        event.recipient.extend(recipient);
    } else if event.actor.is_empty() {
        if let Some(a) = single_code(&event.recipient).and_then(implied) {
            event.actor.push(a);
        }
    }
}

/// Fills the missing side of an event in a story about one country (`home`,
/// [`crate::homes::story_home`]; a story with no dyad): an event with no agent named, done
/// to no one or to the country's own, was done by that country ("two villagers were
/// killed"); and what that country's actors do to someone unnamed, they do at home ("the
/// army shelled a village", "the government closed two newspapers", "the opposition
/// called for a boycott"; not protests or mobilisations, which are done to no one).
/// Neither when the sentence names another country. `home` is the country's code and
/// name.
pub fn fill_home(home: &(String, String), event: &mut Event, named: &[&str]) {
    let (code, name) = home;
    if named.iter().any(|n| n != code) {
        return;
    }
    // "Two villagers were killed", "troops were sent to the border": with no agent
    // named, the story's own country acted (the guidelines' "country the story implies").
    if event.actor.is_empty()
        && (event.recipient.is_empty() || single_code(&event.recipient) == Some(code.as_str()))
    {
        event.actor.push(implicit_country(code, name));
        return;
    }
    if matches!(event.event, EventType::Mobilize | EventType::Protest)
        || !event.recipient.is_empty()
        || single_code(&event.actor) != Some(code.as_str())
    {
        return;
    }
    event.recipient.push(implicit_country(code, name));
}

/// Gives a source no country in a story about one country (`home`) that country:
/// "military sources said", "the judge said", "a local official said" speak for the
/// story's own side, as the guidelines code a source by the story's country. Neither when
/// the sentence names another country.
pub fn home_sources(home: &(String, String), event: &mut Event, named: &[&str]) {
    let code = &home.0;
    if named.iter().any(|n| n != code) {
        return;
    }
    let uncoded = event
        .attribution
        .iter_mut()
        .filter(|a| a.code.is_none() && !a.text.trim().is_empty());
    for a in uncoded {
        a.code = Some(code.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::{code, lexicon, summary};

    const STORY: &str = "Turkey and Egypt held talks in Cairo on Monday. \
        Egypt later accused Turkey of spying. \
        Turkey warned on Tuesday that it could buy new weapons.";

    #[test]
    fn the_unsaid_side_of_a_directed_event_is_the_other_side_of_the_story() {
        let lex = lexicon();
        let events = code(&lex, STORY);
        let warning = events
            .iter()
            .find(|e| e.trigger.text == "warned")
            .unwrap_or_else(|| panic!("{events:#?}"));
        assert_eq!(summary(warning), "THREATEN TUR>EGY asserted");
        assert!(warning.recipient[0].implicit);
        assert_eq!(warning.recipient[0].text, "Egypt");
        // Named parties stay named.
        let accusation = events.iter().find(|e| e.trigger.text == "accused").unwrap();
        assert!(accusation
            .actor
            .iter()
            .chain(&accusation.recipient)
            .all(|r| !r.implicit));
    }

    #[test]
    fn a_story_one_country_dominates_is_domestic_news() {
        // Kenya five times, Uganda twice: a story about Kenya that names a neighbour, not
        // a story about the two; what Kenya does to someone unnamed it does at home.
        let lex = lexicon();
        let text = "Kenya held elections on Monday. Kenya counted the votes in Kenya. \
            Kenya's opposition rejected the results. \
            Uganda sent observers. Uganda praised the vote. \
            Kenya warned on Tuesday that it would close two newspapers.";
        let events = code(&lex, text);
        let warning = events
            .iter()
            .find(|e| e.trigger.text == "warned")
            .unwrap_or_else(|| panic!("{events:#?}"));
        assert_eq!(summary(warning), "THREATEN KEN>KEN asserted");
        assert!(warning.recipient[0].implicit);
    }

    #[test]
    fn a_story_of_many_countries_has_no_dyad() {
        let lex = lexicon();
        let text = "Turkey and Egypt held talks with Kenya. Egypt, Kenya and Turkey met again. \
            Turkey warned on Tuesday that it could buy new weapons.";
        let events = code(&lex, text);
        let warning = events.iter().find(|e| e.trigger.text == "warned").unwrap();
        assert!(warning.recipient.is_empty(), "{warning:?}");
    }

    fn dyad() -> StoryDyad {
        StoryDyad {
            sides: [
                ("TUR".into(), "Turkey".into()),
                ("EGY".into(), "Egypt".into()),
            ],
        }
    }

    fn event(kind: EventType, actor: &str) -> Event {
        dyad_model::testing::event(kind, &[actor], &[])
    }

    #[test]
    fn a_countrys_people_outside_its_state_act_at_home() {
        // "Turkish journalists condemned the ruling" in a story about Turkey and Egypt.
        for sector in ["JRN", "OPP", "CVL"] {
            let mut e = event(EventType::Accuse, "TUR");
            e.actor[0].sector = Some(sector.into());
            fill(&dyad(), &mut e, &["TUR"]);
            assert_eq!(e.recipient[0].code.as_deref(), Some("TUR"), "{sector}");
            assert!(e.recipient[0].implicit);
        }
        // Its government addresses the other side.
        let mut e = event(EventType::Accuse, "TUR");
        e.actor[0].sector = Some("GOV".into());
        fill(&dyad(), &mut e, &["TUR"]);
        assert_eq!(e.recipient[0].code.as_deref(), Some("EGY"));
    }

    #[test]
    fn in_a_story_about_one_country_its_actors_act_at_home() {
        let home = ("SOM".to_string(), "Somalia".to_string());
        let mut e = event(EventType::Assault, "SOM");
        fill_home(&home, &mut e, &["SOM"]);
        assert_eq!(e.recipient[0].code.as_deref(), Some("SOM"));
        assert_eq!(e.recipient[0].text, "Somalia");
        assert!(e.recipient[0].implicit);
        // Another country named, another actor's country, a protest: nothing.
        for (kind, actor, named) in [
            (EventType::Assault, "SOM", &["SOM", "KEN"][..]),
            (EventType::Assault, "KEN", &[][..]),
            (EventType::Protest, "SOM", &[][..]),
        ] {
            let mut e = event(kind, actor);
            fill_home(&home, &mut e, named);
            assert!(e.recipient.is_empty(), "{kind} {actor} {named:?}");
        }
    }

    #[test]
    fn in_a_story_about_one_country_an_uncoded_source_speaks_for_it() {
        let lex = lexicon();
        // Toy codes are a name's first three letters: Peru is PER, Cuba CUB.
        let story = "Peru sent troops to the north on Monday. Peru closed the border. \
            Peru imposed a curfew. On Tuesday, military sources said rebels attacked three villages.";
        let events = code(&lex, story);
        let attack = events
            .iter()
            .find(|e| e.trigger.text == "attacked")
            .unwrap_or_else(|| panic!("{events:#?}"));
        assert_eq!(attack.status, dyad_model::Status::Reported);
        assert_eq!(attack.attribution[0].text, "military sources");
        assert_eq!(attack.attribution[0].code.as_deref(), Some("PER"));
        // A sentence that names another country keeps its source uncoded.
        let home = ("PER".to_string(), "Peru".to_string());
        let mut e = dyad_model::testing::event(EventType::Assault, &["CUB"], &[]);
        e.attribution.push(dyad_model::Attribution {
            text: "military sources".into(),
            entity: None,
            code: None,
            sector: None,
            cue: "said".into(),
            source_type: None,
        });
        home_sources(&home, &mut e, &["CUB"]);
        assert_eq!(e.attribution[0].code, None);
        home_sources(&home, &mut e, &[]);
        assert_eq!(e.attribution[0].code.as_deref(), Some("PER"));
    }

    #[test]
    fn in_a_story_about_one_country_an_unnamed_agent_is_its_own() {
        let home = ("SOM".to_string(), "Somalia".to_string());
        // "Two villagers were killed", "troops were sent to the border", "hostages were
        // freed in Somalia": no agent named, the story's country acted.
        for recipients in [&[][..], &["SOM"][..]] {
            let mut e = dyad_model::testing::event(EventType::Assault, &[], recipients);
            fill_home(&home, &mut e, &[]);
            assert_eq!(e.actor.len(), 1, "{recipients:?}");
            assert_eq!(e.actor[0].code.as_deref(), Some("SOM"));
            assert!(e.actor[0].implicit);
        }
        // A victim of another country, or another country in the sentence: no agent.
        let mut e = dyad_model::testing::event(EventType::Assault, &[], &["KEN"]);
        fill_home(&home, &mut e, &["KEN"]);
        assert!(e.actor.is_empty());
        let mut e = dyad_model::testing::event(EventType::Assault, &[], &[]);
        fill_home(&home, &mut e, &["SOM", "ETH"]);
        assert!(e.actor.is_empty());
    }

    #[test]
    fn another_country_in_the_sentence_blocks_the_inference() {
        let mut e = event(EventType::Threaten, "TUR");
        fill(&dyad(), &mut e, &["TUR", "KEN"]);
        assert!(e.recipient.is_empty());
        fill(&dyad(), &mut e, &["TUR"]);
        assert_eq!(e.recipient[0].code.as_deref(), Some("EGY"));
    }

    #[test]
    fn violence_and_one_sided_events_are_not_completed() {
        for kind in [EventType::Assault, EventType::Mobilize, EventType::Protest] {
            let mut e = event(kind, "TUR");
            fill(&dyad(), &mut e, &[]);
            assert!(e.recipient.is_empty(), "{kind}");
        }
    }

    #[test]
    fn a_missing_actor_is_completed_from_a_coded_recipient() {
        let mut e = event(EventType::Sanction, "TUR");
        e.recipient = std::mem::take(&mut e.actor);
        fill(&dyad(), &mut e, &[]);
        assert_eq!(e.actor[0].code.as_deref(), Some("EGY"));
        assert!(e.actor[0].implicit);
    }
}
