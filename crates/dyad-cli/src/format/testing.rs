//! A small hand-built extraction for the format tests.

use dyad_model::testing::{self, date, named_actor, place, EventFixture};
use dyad_model::{Document, Event, EventType, Extraction, Location};

/// A military visit of Andrei Belousov (RUSGOV) to Kim Jong Un (PRKGOV), its trigger `met`
/// at byte `start`.
fn event(id: &str, start: usize) -> Event {
    Event {
        mode: Some("visit".into()),
        contexts: vec!["military".into()],
        ..testing::event(EventType::Consult, &[], &[])
            .with_id(id)
            .with_parties(
                vec![named_actor("Andrei Belousov", "RUS", "GOV")],
                vec![named_actor("Kim Jong Un", "PRK", "GOV")],
            )
            .with_trigger("met", start)
            .with_evidence("Belousov met Kim.")
    }
}

/// Two CONSULT events between RUSGOV and PRKGOV: the first dated, placed and in the
/// lead paragraph, the second undated and in the second paragraph.
pub fn sample() -> Extraction {
    let text = "Belousov met Kim in Pyongyang.\n\nLater he met Kim again.".to_string();
    let mut first = event("d1-ev1", 9).on("2024-11-29").at(Location {
        lat: Some(39.03),
        lon: Some(125.75),
        geonameid: Some(1871859),
        ..place("Pyongyang", "PRK")
    });
    first.date_text = Some("on Friday".into());
    first.magnitude.insert("troops".into(), 12000);
    let second = event("d1-ev2", 41);
    Extraction {
        doc: Document {
            id: "d1".into(),
            url: Some("https://news.example/a".into()),
            title: None,
            published: Some(date("2024-12-01")),
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
