//! Hand-built events for the tests and benchmarks of the crates that consume the model
//! (behind the `testing` cargo feature, enabled only as a dev-dependency feature).
//!
//! [`event`] makes a plain CONSULT-style event between government actors; the
//! [`EventFixture`] methods then change, builder-style, what a test varies: id, date,
//! place, status, attribution, denial, CAMEO coding, parties, trigger and evidence.
//!
//! For example `event(EventType::Consult, &["RUS"], &["PRK"]).on("2024-06-19")
//! .at(place("Pyongyang", "PRK")).with_status(Status::Reported)`.
//!
//! [`extraction`] and [`entity`] (with the [`EntityFixture`] methods) make the document
//! around them.
//!
//! Fixture literals are the test's own: an invalid date literal panics, naming it.

use crate::{
    ActorRef, Attribution, Date, DatePrecision, Denial, Document, Entity, EntityType, Event,
    EventType, Extraction, Location, Mention, MentionKind, Status, Trigger,
};

/// A date literal (`2024-06-19`). Panics on an invalid literal: fixtures only.
pub fn date(text: &str) -> Date {
    match text.parse() {
        Ok(date) => date,
        Err(e) => panic!("fixture date {text:?}: {e}"),
    }
}

/// A government actor known only by its code: `text` is the code, sector `GOV`.
pub fn actor(code: &str) -> ActorRef {
    named_actor(code, code, "GOV")
}

/// An actor as the text names it, with its code and sector.
pub fn named_actor(text: &str, code: &str, sector: &str) -> ActorRef {
    ActorRef {
        implicit: false,
        entity: None,
        text: text.into(),
        code: Some(code.into()),
        sector: Some(sector.into()),
    }
}

/// A source that asserts an event (`said`, `according to`), typed by no `source_type`.
pub fn attribution(text: &str, code: &str, sector: &str, cue: &str) -> Attribution {
    Attribution {
        text: text.into(),
        entity: None,
        code: Some(code.into()),
        sector: Some(sector.into()),
        cue: cue.into(),
        source_type: None,
    }
}

/// A party that denies an event.
pub fn denial(text: &str, code: &str) -> Denial {
    Denial {
        text: text.into(),
        entity: None,
        code: Some(code.into()),
    }
}

/// A place named `name` in `country`, without coordinates.
pub fn place(name: &str, country: &str) -> Location {
    Location {
        text: name.into(),
        name: name.into(),
        country: Some(country.into()),
        lat: None,
        lon: None,
        geonameid: None,
    }
}

/// An event of `kind` with one [`actor`] per code on each side.
///
/// Defaults: id `d1-ev1`; CAMEO `042` (goldstein 1.9, quad class 1); undated; no place;
/// `asserted` with no attribution; sentence 0; trigger `met` at bytes 0..3; empty
/// evidence.
pub fn event(kind: EventType, actors: &[&str], recipients: &[&str]) -> Event {
    Event {
        id: "d1-ev1".into(),
        event: kind,
        mode: None,
        contexts: vec![],
        cameo: "042".into(),
        goldstein: 1.9,
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
            text: "met".into(),
            start: 0,
            end: 3,
            rule: None,
        },
        evidence: String::new(),
        mentions: vec![],
        first_status: None,
    }
}

/// Builder-style changes to a fixture event; each returns the changed event.
pub trait EventFixture: Sized {
    fn with_id(self, id: &str) -> Self;
    /// Dated to one day (`date` and `date_precision: day`) from a literal.
    fn on(self, day: &str) -> Self;
    /// Dated to one day computed by the test.
    fn on_date(self, day: Date) -> Self;
    /// The date precision alone (`on("2024-06-01").with_precision(Month)` for June).
    fn with_precision(self, precision: DatePrecision) -> Self;
    fn at(self, location: Location) -> Self;
    fn with_status(self, status: Status) -> Self;
    /// Adds an attribution.
    fn attributed_to(self, attribution: Attribution) -> Self;
    /// Adds a denying party.
    fn denied_by(self, denial: Denial) -> Self;
    /// The CAMEO coding: code, Goldstein score and quad class.
    fn with_cameo(self, cameo: &str, goldstein: f64, quad_class: u8) -> Self;
    /// Replaces both sides.
    fn with_parties(self, actors: Vec<ActorRef>, recipients: Vec<ActorRef>) -> Self;
    /// The trigger word at byte `start`.
    fn with_trigger(self, text: &str, start: usize) -> Self;
    fn with_evidence(self, evidence: &str) -> Self;
}

impl EventFixture for Event {
    fn with_id(mut self, id: &str) -> Event {
        self.id = id.into();
        self
    }

    fn on(self, day: &str) -> Event {
        self.on_date(date(day))
    }

    fn on_date(mut self, day: Date) -> Event {
        self.date = Some(day);
        self.date_precision = Some(DatePrecision::Day);
        self
    }

    fn with_precision(mut self, precision: DatePrecision) -> Event {
        self.date_precision = Some(precision);
        self
    }

    fn at(mut self, location: Location) -> Event {
        self.location = Some(location);
        self
    }

    fn with_status(mut self, status: Status) -> Event {
        self.status = status;
        self
    }

    fn attributed_to(mut self, attribution: Attribution) -> Event {
        self.attribution.push(attribution);
        self
    }

    fn denied_by(mut self, denial: Denial) -> Event {
        self.denied_by.push(denial);
        self
    }

    fn with_cameo(mut self, cameo: &str, goldstein: f64, quad_class: u8) -> Event {
        self.cameo = cameo.into();
        self.goldstein = goldstein;
        self.quad_class = quad_class;
        self
    }

    fn with_parties(mut self, actors: Vec<ActorRef>, recipients: Vec<ActorRef>) -> Event {
        self.actor = actors;
        self.recipient = recipients;
        self
    }

    fn with_trigger(mut self, text: &str, start: usize) -> Event {
        self.trigger = Trigger {
            text: text.into(),
            start,
            end: start + text.len(),
            rule: None,
        };
        self
    }

    fn with_evidence(mut self, evidence: &str) -> Event {
        self.evidence = evidence.into();
        self
    }
}

/// One document's extraction: its id, outlet, publication date and text, with `events`
/// and no entities.
pub fn extraction(
    id: &str,
    source: &str,
    published: &str,
    text: &str,
    events: Vec<Event>,
) -> Extraction {
    Extraction {
        doc: Document {
            id: id.into(),
            source: Some(source.into()),
            published: Some(date(published)),
            text: text.into(),
            ..Default::default()
        },
        entities: vec![],
        events,
        removed: vec![],
    }
}

/// An entity with its code and sector, no role and no mentions yet.
pub fn entity(id: &str, kind: EntityType, name: &str, code: &str, sector: &str) -> Entity {
    Entity {
        id: id.into(),
        name: name.into(),
        kind,
        code: Some(code.into()),
        sector: Some(sector.into()),
        role: None,
        geo: None,
        members: vec![],
        mentions: vec![],
    }
}

/// Builder-style changes to a fixture entity.
pub trait EntityFixture: Sized {
    fn with_role(self, role: &str) -> Self;
    /// Adds a mention: its words, the byte offset they start at, and how they name it.
    fn mentioned(self, text: &str, start: usize, kind: Option<MentionKind>) -> Self;
}

impl EntityFixture for Entity {
    fn with_role(mut self, role: &str) -> Entity {
        self.role = Some(role.into());
        self
    }

    fn mentioned(mut self, text: &str, start: usize, kind: Option<MentionKind>) -> Entity {
        self.mentions.push(Mention {
            text: text.into(),
            start,
            end: start + text.len(),
            kind,
        });
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_event_and_its_builders() {
        let plain = event(EventType::Consult, &["RUS"], &["PRK"]);
        assert_eq!(plain.actor, vec![named_actor("RUS", "RUS", "GOV")]);
        assert_eq!((plain.cameo.as_str(), plain.quad_class), ("042", 1));
        assert_eq!(plain.date, None);
        let e = plain
            .clone()
            .with_id("x")
            .on("2024-06-01")
            .with_precision(DatePrecision::Month)
            .at(place("Pyongyang", "PRK"))
            .with_status(Status::Reported)
            .with_cameo("190", -10.0, 4)
            .with_trigger("struck", 4)
            .with_evidence("It struck.");
        assert_eq!(e.id, "x");
        assert_eq!(e.date, Some(date("2024-06-01")));
        assert_eq!(e.date_precision, Some(DatePrecision::Month));
        assert_eq!(e.location.map(|l| l.name), Some("Pyongyang".into()));
        assert_eq!((e.cameo.as_str(), e.quad_class), ("190", 4));
        assert_eq!((e.trigger.start, e.trigger.end), (4, 10));
        assert_eq!(e.status, Status::Reported);
        assert_eq!(e.evidence, "It struck.");
    }

    #[test]
    fn documents_and_entities() {
        let text = "Kim Jong Un said he would go.";
        let kim = entity("e1", EntityType::Person, "Kim Jong Un", "PRK", "GOV")
            .with_role("leader")
            .mentioned("Kim Jong Un", 0, None)
            .mentioned("he", 17, Some(MentionKind::Pronoun));
        for m in &kim.mentions {
            assert_eq!(text.get(m.start..m.end), Some(m.text.as_str()));
        }
        let x = extraction("a", "Wire", "2024-10-02", text, vec![]);
        assert_eq!(x.doc.published, Some(date("2024-10-02")));
        assert_eq!(x.doc.source.as_deref(), Some("Wire"));
    }

    #[test]
    #[should_panic(expected = "fixture date")]
    fn an_invalid_date_literal_names_itself() {
        date("2024-13-40");
    }
}
