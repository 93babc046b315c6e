//! PLOVER event records: one JSON object per event, with the fields of the PLOVER
//! manual's "Data Fields" (`id`, `date`, `actor`, `recipient`, `event`, `mode`, `context`,
//! `event_text`, `event_loc`, `text`, and the magnitudes `size`, `dead`, `injured`), plus
//! dyad's `status`, `cameo` and the document it came from.
//!
//! `actor` and `recipient` are lists of `{text, code, sector}` objects, so compound actors
//! ("Jordan and Britain") stay one event, as in the PLOVER gold files' `source`/`target`.

use dyad_model::{ActorRef, Event, Extraction, Location};
use serde::Serialize;

/// One actor of a PLOVER record.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PloverActor {
    pub text: String,
    pub code: Option<String>,
    pub sector: Option<String>,
}

/// Where the event happened.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PloverLocation {
    pub text: String,
    pub name: String,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// One PLOVER event record.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PloverRecord {
    pub id: String,
    /// `YYYY-MM-DD`: the event's date, or the document's publication date when the
    /// text gives none.
    pub date: Option<String>,
    pub date_precision: Option<String>,
    pub actor: Vec<PloverActor>,
    pub recipient: Vec<PloverActor>,
    pub event: String,
    pub mode: Option<String>,
    pub context: Vec<String>,
    pub event_text: String,
    pub event_loc: Option<PloverLocation>,
    /// The sentence the event was read from.
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dead: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub injured: Option<u64>,
    pub status: String,
    pub cameo: String,
    pub doc_id: String,
    pub url: Option<String>,
    pub publication: Option<String>,
}

fn actors(refs: &[ActorRef]) -> Vec<PloverActor> {
    refs.iter()
        .map(|a| PloverActor {
            text: a.text.clone(),
            code: a.code.clone(),
            sector: a.sector.clone(),
        })
        .collect()
}

fn location(loc: &Location) -> PloverLocation {
    PloverLocation {
        text: loc.text.clone(),
        name: loc.name.clone(),
        country: loc.country.clone(),
        lat: loc.lat,
        lon: loc.lon,
    }
}

/// The PLOVER record of one event of `extraction`.
pub fn record(extraction: &Extraction, event: &Event) -> PloverRecord {
    let doc = &extraction.doc;
    let (date, precision) = match event.date {
        Some(d) => (
            Some(d.to_string()),
            event.date_precision.map(|p| {
                serde_json::to_value(p)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default()
            }),
        ),
        None => (doc.published.map(|d| d.to_string()), None),
    };
    let size = ["troops", "size", "protesters"]
        .iter()
        .find_map(|k| event.magnitude.get(*k).copied());
    PloverRecord {
        id: event.id.clone(),
        date,
        date_precision: precision,
        actor: actors(&event.actor),
        recipient: actors(&event.recipient),
        event: event.event.as_str().to_string(),
        mode: event.mode.clone(),
        context: event.contexts.clone(),
        event_text: event.trigger.text.clone(),
        event_loc: event.location.as_ref().map(location),
        text: event.evidence.clone(),
        size,
        dead: event.magnitude.get("dead").copied(),
        injured: event.magnitude.get("injured").copied(),
        status: event.status.as_str().to_string(),
        cameo: event.cameo.clone(),
        doc_id: doc.id.clone(),
        url: doc.url.clone(),
        publication: doc.source.clone(),
    }
}

/// The PLOVER records of every event of `extraction`, in order.
pub fn records(extraction: &Extraction) -> Vec<PloverRecord> {
    extraction
        .events
        .iter()
        .map(|e| record(extraction, e))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::testing::sample;

    #[test]
    fn records_carry_plover_fields() {
        let extraction = sample();
        let recs = records(&extraction);
        assert_eq!(recs.len(), extraction.events.len());
        let v = serde_json::to_value(&recs[0]).unwrap();
        for key in [
            "id",
            "date",
            "actor",
            "recipient",
            "event",
            "mode",
            "context",
            "event_text",
            "event_loc",
            "text",
            "status",
        ] {
            assert!(v.get(key).is_some(), "missing {key}: {v}");
        }
        assert_eq!(v["event"], "CONSULT");
        assert_eq!(v["actor"][0]["code"], "RUS");
        assert_eq!(v["recipient"][0]["sector"], "GOV");
        assert_eq!(v["date"], "2024-11-29");
        assert_eq!(v["date_precision"], "day");
        assert_eq!(v["size"], 12000);
        assert_eq!(v["event_loc"]["name"], "Pyongyang");
        // The second event has no date: the publication date stands in.
        assert_eq!(recs[1].date.as_deref(), Some("2024-12-01"));
    }
}
