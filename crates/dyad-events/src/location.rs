//! Where an event happened: a place mention introduced by "in", "at", "near" ... in the
//! event's sentence ("in Pyongyang", "in the contested Kursk region", "in a district of
//! northern Kabul"), preferring the nearest one after the trigger. An actor's home
//! country is never used as the place. An attack or arrest with no named author takes
//! the place's country as its actor ([`place_as_actor`]).

use dyad_actors::{Actors, MentionKind};
use dyad_model::{ActorRef, EntityType, Event, EventType, Location};

use crate::arguments::{is_place_use, qualifies_conflict_noun, PLACE_PREPS};
use crate::view::{is_preposition, SentenceView};

/// Nouns for a part of a place: "in the town of X", "near the outskirts of X".
const PLACE_NOUNS: &[&str] = &[
    "town",
    "city",
    "village",
    "province",
    "region",
    "district",
    "sector",
    "area",
    "outskirts",
    "suburb",
    "suburbs",
    "capital",
    "port",
    "state",
    "part",
    "parts",
    "centre",
    "center",
    "heart",
    "border",
    "county",
    "neighbourhood",
    "neighborhood",
    "quarter",
    "camp",
];

/// Words that show a phrase is not a place phrase.
fn breaks_place_phrase(view: &SentenceView<'_>, j: usize) -> bool {
    view.is_punct(j) || view.mention_at[j].is_some() || is_preposition(view.word(j))
}

/// The preposition before the mention at `start`, over up to four words ("of mostly
/// Christian eastern Beirut").
fn place_preposition(view: &SentenceView<'_>, start: usize) -> Option<usize> {
    let mut j = start;
    for _ in 0..5 {
        j = j.checked_sub(1)?;
        if is_preposition(view.word(j)) {
            return Some(j);
        }
        if breaks_place_phrase(view, j) {
            return None;
        }
    }
    None
}

/// Whether the mention at `start` names a place through a place noun: "in a residential
/// sector of eastern Beirut", "near the town of Samarra".
fn in_place_phrase(view: &SentenceView<'_>, start: usize) -> bool {
    let Some(p) = place_preposition(view, start) else {
        return false;
    };
    if PLACE_PREPS.contains(&view.word(p)) {
        return true;
    }
    if view.word(p) != "of" || p == 0 || !PLACE_NOUNS.contains(&view.word(p - 1)) {
        return false;
    }
    place_preposition(view, p - 1).is_some_and(|q| PLACE_PREPS.contains(&view.word(q)))
}

/// The location of a trigger at local tokens `start..end`, if the sentence names one.
pub fn find_location(
    view: &SentenceView<'_>,
    actors: &Actors,
    start: usize,
    end: usize,
    event: EventType,
) -> Option<Location> {
    // "in Ukraine" after a pledge usually qualifies its object ("the war in Ukraine");
    // countries count as places for acts on the ground only.
    let countries_count = matches!(
        event,
        EventType::Assault
            | EventType::Coerce
            | EventType::Mobilize
            | EventType::Protest
            | EventType::Aid
            | EventType::Retreat
            | EventType::Concede
    );
    let mut best: Option<(usize, Location)> = None;
    for &(m, ms, me) in &view.mentions {
        if !(is_place_use(view, ms) || in_place_phrase(view, ms))
            || qualifies_conflict_noun(view, ms)
        {
            continue;
        }
        let Some(entity) = actors.entities.get(m.entity) else {
            continue;
        };
        let place_like = entity.kind == EntityType::Location
            || m.kind == MentionKind::Metonym
            || (entity.kind == EntityType::Country && countries_count);
        if !place_like {
            continue;
        }
        // After the trigger is preferred: distance grows slower there.
        let distance = if ms >= end {
            ms - end
        } else {
            (start.saturating_sub(me)) * 2 + 1
        };
        let text = view.slice(ms, me).to_string();
        let (name, geo) = if m.kind == MentionKind::Metonym || entity.kind == EntityType::Country {
            if entity.kind == EntityType::Country && m.kind != MentionKind::Metonym {
                (entity.name.clone(), entity.geo.as_ref())
            } else {
                (text.clone(), None)
            }
        } else {
            (entity.name.clone(), entity.geo.as_ref())
        };
        let location = Location {
            text,
            name,
            country: entity.code.clone(),
            lat: geo.map(|g| g.lat),
            lon: geo.map(|g| g.lon),
            geonameid: geo.and_then(|g| g.geonameid),
        };
        if best.as_ref().is_none_or(|(d, _)| distance < *d) {
            best = Some((distance, location));
        }
    }
    best.map(|(_, l)| l)
}

/// An attack or an arrest whose author the sentence leaves unnamed ("a journalist was
/// killed in Beirut", "a car bomb killed three policemen in Baghdad") is coded, as the
/// PLOVER and ICEWS coders do for unidentified attackers and authorities, to the country
/// where it happened.
pub fn place_as_actor(event: &mut Event, is_country: impl Fn(&str) -> bool) {
    if !event.actor.is_empty() || !matches!(event.event, EventType::Assault | EventType::Coerce) {
        return;
    }
    let Some(location) = &event.location else {
        return;
    };
    // "rockets were fired at Israel": the target is no place of the attacker.
    if event.recipient.iter().any(|r| r.text == location.text) {
        return;
    }
    let Some(country) = location.country.clone().filter(|c| is_country(c)) else {
        return;
    };
    event.actor = vec![ActorRef {
        implicit: false,
        entity: None,
        text: location.text.clone(),
        code: Some(country),
        sector: None,
    }];
}

#[cfg(test)]
mod tests {
    use dyad_core::{Pipeline, SourceDocument};
    use dyad_model::Event;

    fn events(text: &str) -> Vec<Event> {
        let pipeline = Pipeline::embedded().expect("embedded pipeline");
        pipeline
            .extract(SourceDocument {
                id: "t".into(),
                text: text.into(),
                published: Some("2024-12-01".parse().expect("a date")),
                ..Default::default()
            })
            .events
    }

    #[test]
    fn a_place_behind_a_place_noun_is_the_location() {
        let e = events("A journalist was killed in a residential district of northern Kabul.");
        let place = e
            .first()
            .and_then(|e| e.location.as_ref())
            .map(|l| l.name.clone());
        assert_eq!(place.as_deref(), Some("Kabul"), "{e:?}");
        // "in the name of X" is no place: "name" is no place noun.
        let e = events("Rebels attacked a convoy in the name of Chechnya.");
        assert!(e.iter().all(|e| e.location.is_none()), "{e:?}");
    }

    #[test]
    fn unnamed_attackers_take_the_country_of_the_place() {
        let e = events("A journalist was killed in Kabul.");
        let actor = e
            .first()
            .and_then(|e| e.actor.first())
            .and_then(|a| a.code.clone());
        assert_eq!(actor.as_deref(), Some("AFG"), "{e:?}");
        // Named attackers keep their own code; agreements take no place actor.
        let e = events("Kenyan police arrested a journalist in Kabul.");
        let actor = e
            .first()
            .and_then(|e| e.actor.first())
            .and_then(|a| a.code.clone());
        assert_eq!(actor.as_deref(), Some("KEN"), "{e:?}");
    }
}
