//! The scorers' test fixtures: the shared event fixture ([`dyad_model::testing`]) with
//! what scoring varies — a CAMEO code, parties known only by a code (an empty code is a
//! party without one), and an entity's mention texts.

use dyad_model::testing::{self as fixture, EntityFixture, EventFixture};
use dyad_model::{ActorRef, Entity, EntityType, Event, EventType, Extraction};

/// A party known only by its code; an empty code is a party without one.
fn party(code: &str) -> ActorRef {
    ActorRef {
        implicit: false,
        entity: None,
        text: code.to_string(),
        code: (!code.is_empty()).then(|| code.to_string()),
        sector: None,
    }
}

fn parties(codes: &[&str]) -> Vec<ActorRef> {
    codes.iter().map(|c| party(c)).collect()
}

/// An event of `kind` between parties given by their codes (CAMEO 010).
pub fn event(kind: EventType, actors: &[&str], recipients: &[&str]) -> Event {
    cameo_event(kind, "010", actors, recipients)
}

/// An event with an explicit CAMEO code.
pub fn cameo_event(kind: EventType, cameo: &str, actors: &[&str], recipients: &[&str]) -> Event {
    fixture::event(kind, &[], &[])
        .with_cameo(cameo, 0.0, 1)
        .with_parties(parties(actors), parties(recipients))
}

/// An extraction holding `events` and no entities.
pub fn extraction(events: Vec<Event>) -> Extraction {
    fixture::extraction("d", "outlet", "2024-01-01", "", events)
}

/// An entity of `kind` with one mention per text.
pub fn entity(kind: EntityType, mentions: &[&str]) -> Entity {
    let name = mentions.first().copied().unwrap_or_default();
    let mut entity = fixture::entity("e1", kind, name, "", "");
    (entity.code, entity.sector) = (None, None);
    mentions
        .iter()
        .fold(entity, |e, text| e.mentioned(text, 0, None))
}
