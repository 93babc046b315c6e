//! Where an event happened: a place mention introduced by "in", "at", "near" ... in the
//! event's sentence ("in Pyongyang", "in the contested Kursk region"), preferring the
//! nearest one after the trigger. An actor's home country is never used as the place.

use dyad_actors::{Actors, MentionKind};
use dyad_model::{EntityType, EventType, Location};

use crate::arguments::{is_place_use, qualifies_conflict_noun};
use crate::view::SentenceView;

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
        if !is_place_use(view, ms) || qualifies_conflict_noun(view, ms) {
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
