//! Where an event happened: a place mention introduced by "in", "at", "near" ... in the
//! event's sentence ("in Pyongyang", "in the contested Kursk region", "in a district of
//! northern Kabul"), preferring the nearest one after the trigger. An actor's home
//! country is never used as the place. An attack or arrest with no named author takes
//! the place's country as its actor ([`place_as_actor`]). Places are places
//! ([`places_are_places`]): a city is never the author or victim of violence, and a
//! party only the place gives is named after its country and marked implicit.

use dyad_actors::{Actors, MentionKind};
use dyad_model::{ActorRef, EntityType, Event, EventType, Geo, Location};

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
        let location = located(text, name, entity.code.clone(), geo);
        if best.as_ref().is_none_or(|(d, _)| distance < *d) {
            best = Some((distance, location));
        }
    }
    best.map(|(_, l)| l)
}

/// A location named `text` in the text, `name` in the gazetteer, with its country and
/// coordinates.
fn located(text: String, name: String, country: Option<String>, geo: Option<&Geo>) -> Location {
    Location {
        text,
        name,
        country,
        lat: geo.map(|g| g.lat),
        lon: geo.map(|g| g.lon),
        geonameid: geo.and_then(|g| g.geonameid),
    }
}

/// An attack or an arrest whose author the sentence leaves unnamed ("a journalist was
/// killed in Beirut", "a car bomb killed three policemen in Baghdad") is coded, as the
/// PLOVER and ICEWS coders do for unidentified attackers and authorities, to the country
/// where it happened.
/// The actor is named after the country and marked implicit: the place gives it, the
/// sentence does not name it.
pub fn place_as_actor(event: &mut Event, country_name: impl Fn(&str) -> Option<String>) {
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
    if let Some(actor) = location
        .country
        .as_deref()
        .and_then(|c| country_party(c, &country_name, true))
    {
        event.actor = vec![actor];
    }
}

/// The party a country's code stands for, named after the country (`None` for a code that
/// is no country's); `implicit` when only a place gives it.
pub fn country_party(
    code: &str,
    country_name: impl Fn(&str) -> Option<String>,
    implicit: bool,
) -> Option<ActorRef> {
    Some(ActorRef {
        entity: None,
        text: country_name(code)?,
        code: Some(code.to_string()),
        sector: None,
        implicit,
    })
}

/// Places are places. A city or region named as such is never a party: "a suicide bomber
/// killed 12 people in Kabul", "Russia shelled Kharkiv", "a meeting in Quetta" have Kabul,
/// Kharkiv and Quetta as places, and the country they lie in as the side the text
/// implies (marked implicit; none when the place has no country). A capital standing for
/// its government stays a party in diplomacy and speech ("Moscow said", "talks with
/// Kyiv"); in violence, as the attacker it is named as its country ("Moscow launched an
/// attack" → Russia), as the target it is the place. (A party that only the place gives,
/// [`place_as_actor`] and the country where something is directed, is named after its
/// country and marked implicit where it is made, [`country_party`].) So no store or view
/// shows a bare city as a party.
pub fn places_are_places(
    event: &mut Event,
    actors: &Actors,
    country_name: impl Fn(&str) -> Option<String>,
) {
    let violent = matches!(event.event, EventType::Assault | EventType::Coerce);
    let mut place_named = None;
    for (acting, side) in [(true, &mut event.actor), (false, &mut event.recipient)] {
        let refs = std::mem::take(side);
        for r in refs {
            let place = r
                .entity
                .as_ref()
                .and_then(|id| actors.entities.iter().find(|e| &e.id == id))
                .filter(|e| e.kind == EntityType::Location);
            let country =
                |implicit: bool| country_party(r.code.as_deref()?, &country_name, implicit);
            let Some(e) = place else {
                side.push(r);
                continue;
            };
            // A capital standing for its government ("Moscow said", "talks with Kyiv",
            // "Moscow launched an attack") is a party; a city by name never is.
            let metonym = e
                .mentions
                .iter()
                .any(|m| m.text == r.text && m.kind == Some(dyad_model::MentionKind::Metonym));
            if metonym && !violent {
                side.push(r);
                continue;
            }
            if metonym && acting {
                side.extend(country(false));
                continue;
            }
            place_named.get_or_insert_with(|| {
                located(
                    r.text.clone(),
                    e.name.clone(),
                    e.code.clone(),
                    e.geo.as_ref(),
                )
            });
            side.extend(country(true));
        }
        dedupe_parties(side);
    }
    if event.location.is_none() {
        event.location = place_named;
    }
}

/// Drops a party that repeats an earlier one of the same side (two cities of one
/// country become one implied country).
fn dedupe_parties(side: &mut Vec<ActorRef>) {
    let mut seen: Vec<(Option<String>, Option<String>, bool)> = Vec::new();
    side.retain(|r| {
        let key = (r.code.clone(), r.entity.clone(), r.implicit);
        if seen.contains(&key) {
            return false;
        }
        seen.push(key);
        true
    });
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

    /// Each side of each event as `text:code`, `*` marking an implicit party.
    fn sides(e: &Event) -> (Vec<String>, Vec<String>) {
        let show = |refs: &[dyad_model::ActorRef]| {
            refs.iter()
                .map(|r| {
                    let star = if r.implicit { "*" } else { "" };
                    format!("{}:{}{star}", r.text, r.code.as_deref().unwrap_or("-"))
                })
                .collect()
        };
        (show(&e.actor), show(&e.recipient))
    }

    #[test]
    fn places_are_places_in_violence() {
        // A city is neither the bomber nor the victim: the place, and its country implied.
        let e = events("A suicide bomber killed 12 people in Kabul.");
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(sides(&e[0]).0, ["Afghanistan:AFG*"]);
        assert_eq!(
            e[0].location.as_ref().map(|l| l.name.as_str()),
            Some("Kabul")
        );
        // A capital that attacks is its government; the city attacked is a place.
        let e = events("Moscow launched a missile attack on Kyiv.");
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(
            sides(&e[0]),
            (vec!["Russia:RUS".into()], vec!["Ukraine:UKR*".into()])
        );
        assert_eq!(
            e[0].location.as_ref().map(|l| l.name.as_str()),
            Some("Kyiv")
        );
        let e = events("Russian forces shelled Kharkiv on Monday.");
        assert_eq!(sides(&e[0]).1, ["Ukraine:UKR*"], "{e:?}");
    }

    #[test]
    fn capitals_keep_their_diplomatic_and_speaking_roles() {
        let e = events("Moscow said the talks with Kyiv were useful.");
        let (actor, _) = sides(&e[0]);
        assert!(actor.contains(&"Moscow:RUS".to_string()), "{actor:?}");
        assert!(actor.contains(&"Kyiv:UKR".to_string()), "{actor:?}");
        // A party only the place gives is its country, implied.
        let e = events("Japan agreed to set up a trade centre in Hanoi.");
        assert_eq!(sides(&e[0]).1, ["Vietnam:VNM*"], "{e:?}");
    }
}
