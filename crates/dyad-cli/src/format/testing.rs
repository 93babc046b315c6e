//! A small hand-built extraction for the format tests.

use dyad_model::{
    ActorRef, DatePrecision, Document, Event, EventType, Extraction, Location, Status, Trigger,
};

fn actor(text: &str, code: &str, sector: &str) -> ActorRef {
    ActorRef {
        entity: None,
        text: text.into(),
        code: Some(code.into()),
        sector: Some(sector.into()),
    }
}

fn event(id: &str, start: usize) -> Event {
    Event {
        id: id.into(),
        event: EventType::Consult,
        mode: Some("visit".into()),
        contexts: vec!["military".into()],
        cameo: "042".into(),
        goldstein: 1.9,
        quad_class: 1,
        actor: vec![actor("Andrei Belousov", "RUS", "GOV")],
        recipient: vec![actor("Kim Jong Un", "PRK", "GOV")],
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
            start,
            end: start + 3,
        },
        evidence: "Belousov met Kim.".into(),
    }
}

/// Two CONSULT events between RUSGOV and PRKGOV: the first dated, placed and in the
/// lead paragraph, the second undated and in the second paragraph.
pub fn sample() -> Extraction {
    let text = "Belousov met Kim in Pyongyang.\n\nLater he met Kim again.".to_string();
    let mut first = event("d1-ev1", 9);
    first.date = Some("2024-11-29".parse().expect("valid date"));
    first.date_text = Some("on Friday".into());
    first.date_precision = Some(DatePrecision::Day);
    first.location = Some(Location {
        text: "Pyongyang".into(),
        name: "Pyongyang".into(),
        country: Some("PRK".into()),
        lat: Some(39.03),
        lon: Some(125.75),
        geonameid: Some(1871859),
    });
    first.magnitude.insert("troops".into(), 12000);
    let second = event("d1-ev2", 41);
    Extraction {
        doc: Document {
            id: "d1".into(),
            url: Some("https://news.example/a".into()),
            title: None,
            published: Some("2024-12-01".parse().expect("valid date")),
            source: Some("example news".into()),
            author: None,
            language: Some("en".into()),
            text,
            duplicate_of: None,
        },
        entities: vec![],
        events: vec![first, second],
        removed: vec![],
    }
}
