//! The data model of dyad: what `dyad extract` writes, one type per JSON object of the
//! extraction contract (`docs/contract.md`).
//!
//! This crate has no behaviour beyond (de)serialisation and small helpers. Every other
//! crate speaks these types, so a field renamed here is a contract change: keep
//! `docs/contract.md` in step.
//!
//! Offsets (`start`, `end`) are always byte offsets into [`Document::text`], end exclusive,
//! and always fall on UTF-8 character boundaries.

pub mod codes;
pub mod flat;
#[cfg(any(test, feature = "testing"))]
pub mod testing;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use jiff::civil::Date;

/// A half-open byte range `[start, end)` into a document's text.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The text this span covers. Panics if the span is not inside `text` on char
    /// boundaries, which would be a bug in the producer of the span.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// One cleaned document: the article body and its metadata.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    /// Publication date (from the document, or `--published` when it carries none).
    pub published: Option<Date>,
    /// The outlet or feed the document came from, when known.
    pub source: Option<String>,
    /// The byline, when the page gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// ISO 639-1 language code, when identified.
    pub language: Option<String>,
    /// The cleaned article body. All offsets in the output point into this string.
    pub text: String,
    /// Id of an earlier document of the same run this one near-duplicates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<String>,
}

/// A piece of input text dropped while cleaning a document, and the rule that dropped it.
/// Kept so that cleaning is explainable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    pub rule: String,
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EntityType {
    Person,
    Organization,
    Country,
    Location,
    /// Nationalities and collectives ("the West", "Kyiv authorities", "the two nations").
    Group,
}

impl EntityType {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Organization => "ORGANIZATION",
            EntityType::Country => "COUNTRY",
            EntityType::Location => "LOCATION",
            EntityType::Group => "GROUP",
        }
    }
}

/// How an entity is named at one place in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    /// A full name from a list or discovered in the text ("Kim Jong Un", "NATO").
    Name,
    /// A later short form of a name already seen ("Kim").
    ShortName,
    /// A demonym or adjective used for its country ("North Korean", "Russian").
    Demonym,
    /// A capital or seat standing for its government ("Moscow", "the Kremlin").
    Metonym,
    /// A descriptive phrase coded by its words ("South Korean intelligence", "officials").
    Descriptor,
    /// A pronoun resolved to an earlier actor ("he", "they").
    Pronoun,
    /// A plural reference to several entities ("the two nations", "both countries").
    Plural,
    /// A definite description resolved to an earlier actor ("the country", "the bloc").
    Definite,
}

/// One occurrence of an entity in the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// How the entity is named here; absent means a name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<MentionKind>,
}

impl Mention {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// A place with coordinates, as resolved by the gazetteer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Geo {
    pub lat: f64,
    pub lon: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geonameid: Option<u64>,
}

/// An actor or place found in the document, with all its mentions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// ISO 3166-1 alpha-3 country, or `IGO`/`NGO`/`MNC`-style codes for bodies of no one
    /// country: a known organisation's own code (`IGONAT`, `NGOAMN`; see [`codes`]).
    pub code: Option<String>,
    /// PLOVER/CAMEO sector (`GOV`, `MIL`, `SPY`, ...).
    pub sector: Option<String>,
    /// The role words that gave the sector ("leader", "defense minister").
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geo: Option<Geo>,
    /// For a GROUP that stands for several entities ("the two nations"): their ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
    pub mentions: Vec<Mention>,
}

/// The 16 PLOVER event types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EventType {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
}

impl EventType {
    pub const ALL: [EventType; 16] = [
        EventType::Agree,
        EventType::Consult,
        EventType::Support,
        EventType::Concede,
        EventType::Cooperate,
        EventType::Aid,
        EventType::Retreat,
        EventType::Request,
        EventType::Accuse,
        EventType::Reject,
        EventType::Threaten,
        EventType::Protest,
        EventType::Sanction,
        EventType::Mobilize,
        EventType::Coerce,
        EventType::Assault,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Agree => "AGREE",
            EventType::Consult => "CONSULT",
            EventType::Support => "SUPPORT",
            EventType::Concede => "CONCEDE",
            EventType::Cooperate => "COOPERATE",
            EventType::Aid => "AID",
            EventType::Retreat => "RETREAT",
            EventType::Request => "REQUEST",
            EventType::Accuse => "ACCUSE",
            EventType::Reject => "REJECT",
            EventType::Threaten => "THREATEN",
            EventType::Protest => "PROTEST",
            EventType::Sanction => "SANCTION",
            EventType::Mobilize => "MOBILIZE",
            EventType::Coerce => "COERCE",
            EventType::Assault => "ASSAULT",
        }
    }

    /// Parses a PLOVER type name, accepting the v0.5 names that later versions merged
    /// (DEMAND → REQUEST, DISAPPROVE and INVESTIGATE → ACCUSE, FIGHT → ASSAULT).
    pub fn parse(name: &str) -> Option<EventType> {
        let upper = name.trim().to_ascii_uppercase();
        let found = match upper.as_str() {
            "DEMAND" => EventType::Request,
            "DISAPPROVE" | "INVESTIGATE" => EventType::Accuse,
            "FIGHT" => EventType::Assault,
            other => *EventType::ALL.iter().find(|t| t.as_str() == other)?,
        };
        Some(found)
    }
}

impl std::fmt::Display for EventType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An actor or recipient of an event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActorRef {
    /// Id of the entity in `entities`, when the actor is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    pub text: String,
    pub code: Option<String>,
    pub sector: Option<String>,
    /// The party is not named in the event's sentence: the story implies it (the other
    /// side of the story's dyad; `text` is the name the story gives it elsewhere), or
    /// the place does (the country of the place where an unnamed attacker struck or a
    /// city was attacked; `text` is the country's name).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub implicit: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    Day,
    Month,
    Year,
}

/// Where an event happened.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Location {
    /// The words of the text that name the place.
    pub text: String,
    /// The gazetteer name.
    pub name: String,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub geonameid: Option<u64>,
}

/// The epistemic status of an event in its article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The article states it as fact.
    Asserted,
    /// Attributed to a named source.
    Reported,
    /// Attributed and hedged ("reports suggest", "allegedly").
    Alleged,
    /// A party denies it.
    Denied,
    /// Planned, pledged or threatened.
    Future,
    /// Conditional.
    Hypothetical,
    /// Explicitly did not happen.
    Negated,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Asserted => "asserted",
            Status::Reported => "reported",
            Status::Alleged => "alleged",
            Status::Denied => "denied",
            Status::Future => "future",
            Status::Hypothetical => "hypothetical",
            Status::Negated => "negated",
        }
    }
}

/// Who asserts an event, and with which cue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    pub code: Option<String>,
    pub sector: Option<String>,
    /// The word that attributes: "said", "according to", "suggest".
    pub cue: String,
    /// What kind of source this is: `state_media`, `intelligence`, `government`,
    /// `military`, `anonymous`, `ngo`, `igo`, `media`, `person` or `other`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_type: Option<String>,
}

/// A party that denies an event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Denial {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    pub code: Option<String>,
}

/// The words that triggered an event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trigger {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// The lexicon row that proposed the event (`events/triggers.tsv:45`), so a reader can
    /// see why it was coded and which data line to edit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

/// Counts read from the text: `troops`, `dead`, `injured`, `money_usd`, ...
pub type Magnitude = BTreeMap<String, u64>;

/// One coded event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub event: EventType,
    pub mode: Option<String>,
    pub contexts: Vec<String>,
    /// The closest CAMEO code, leading zeros kept.
    pub cameo: String,
    pub goldstein: f64,
    pub quad_class: u8,
    pub actor: Vec<ActorRef>,
    pub recipient: Vec<ActorRef>,
    /// The (first day of the) date or period of the event.
    pub date: Option<Date>,
    /// The last day of the period, when the text gives a period ("in the last few months").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_end: Option<Date>,
    pub date_text: Option<String>,
    pub date_precision: Option<DatePrecision>,
    pub location: Option<Location>,
    pub magnitude: Magnitude,
    pub status: Status,
    pub attribution: Vec<Attribution>,
    pub denied_by: Vec<Denial>,
    /// Ids of related events: for a denial, the events it denies.
    #[serde(default)]
    pub links: Vec<String>,
    /// Index of the sentence (0-based) the event was read from.
    pub sentence: usize,
    pub trigger: Trigger,
    pub evidence: String,
    /// The other reports of this event in the document (merged into it: "count events,
    /// not reports"), each with its sentence and trigger: another sentence, or another
    /// trigger of the same sentence ("shelled the port, killing nine").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<EventMention>,
    /// How the first report's own sentence tells the event, where a later report changed
    /// the event's `status` (the lead states in the story's voice what the body then
    /// attributes to a source: `asserted` here, `reported` above); as
    /// [`EventMention::status`] for the other reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_status: Option<Status>,
}

/// Another report of an event in the same document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventMention {
    pub sentence: usize,
    pub trigger: Trigger,
    /// How this sentence tells the event (the body stating in its own voice what an
    /// earlier sentence attributed to a source); the event's `status` is the merged one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
}

/// Everything `dyad extract` writes for one document (one JSON line).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    pub doc: Document,
    pub entities: Vec<Entity>,
    pub events: Vec<Event>,
    /// What cleaning dropped, with the rule that dropped it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<Removed>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_type_names_round_trip_and_v05_names_map() {
        for t in EventType::ALL {
            assert_eq!(EventType::parse(t.as_str()), Some(t));
            let json = serde_json::to_string(&t).unwrap();
            assert_eq!(json, format!("\"{}\"", t.as_str()));
        }
        assert_eq!(EventType::parse("demand"), Some(EventType::Request));
        assert_eq!(EventType::parse("FIGHT"), Some(EventType::Assault));
        assert_eq!(EventType::parse("INVESTIGATE"), Some(EventType::Accuse));
        assert_eq!(EventType::parse("nonsense"), None);
    }

    #[test]
    fn dates_serialise_as_iso_days() {
        let d: Date = "2024-11-29".parse().unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"2024-11-29\"");
    }

    #[test]
    fn entity_type_serialises_upper_case_under_type() {
        let e = Entity {
            id: "e1".into(),
            name: "NATO".into(),
            kind: EntityType::Organization,
            code: Some("IGO".into()),
            sector: None,
            role: None,
            geo: None,
            members: vec![],
            mentions: vec![],
        };
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["type"], "ORGANIZATION");
        assert!(v.get("geo").is_none());
    }
}
