//! Builders of small in-memory extractions for the scorers' unit tests.

use dyad_model::{
    ActorRef, Document, Entity, EntityType, Event, EventType, Extraction, Mention, Status, Trigger,
};

fn actor(code: &str) -> ActorRef {
    ActorRef {
        entity: None,
        text: code.to_string(),
        code: (!code.is_empty()).then(|| code.to_string()),
        sector: None,
    }
}

/// An event of `kind` with one actor per code (an empty code is an actor without one).
pub fn event(kind: EventType, actors: &[&str], recipients: &[&str]) -> Event {
    cameo_event(kind, "010", actors, recipients)
}

/// An event with an explicit CAMEO code.
pub fn cameo_event(kind: EventType, cameo: &str, actors: &[&str], recipients: &[&str]) -> Event {
    Event {
        id: "d-ev1".into(),
        event: kind,
        mode: None,
        contexts: vec![],
        cameo: cameo.into(),
        goldstein: 0.0,
        quad_class: 1,
        actor: actors.iter().map(|c| actor(c)).collect(),
        recipient: recipients.iter().map(|c| actor(c)).collect(),
        date: None,
        date_end: None,
        date_text: None,
        date_precision: None,
        location: None,
        magnitude: Default::default(),
        status: Status::Asserted,
        attribution: vec![],
        denied_by: vec![],
        links: vec![],
        sentence: 0,
        trigger: Trigger {
            text: "t".into(),
            start: 0,
            end: 1,
        },
        evidence: String::new(),
    }
}

/// An extraction holding `events` and no entities.
pub fn extraction(events: Vec<Event>) -> Extraction {
    Extraction {
        doc: Document::default(),
        entities: vec![],
        events,
        removed: vec![],
    }
}

/// An entity with one mention per text.
pub fn entity(kind: EntityType, mentions: &[&str]) -> Entity {
    Entity {
        id: "e1".into(),
        name: mentions.first().copied().unwrap_or_default().to_string(),
        kind,
        code: None,
        sector: None,
        role: None,
        geo: None,
        members: vec![],
        mentions: mentions
            .iter()
            .map(|m| Mention {
                text: m.to_string(),
                start: 0,
                end: m.len(),
                kind: None,
            })
            .collect(),
    }
}
