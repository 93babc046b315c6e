//! Scoring against PLOVER gold sentences (`plover-gsr/dev.jsonl`).
//!
//! Each gold record is one sentence with one event type (PLOVER v0.5 labels, mapped to
//! the current 16 types by [`EventType::parse`]) and its source and target actors.
//!
//! - event-type recall: share of records whose gold type is among the predicted types;
//! - event-type precision: share of predicted (record, type) pairs, types deduplicated per
//!   record, that equal the record's gold type;
//! - type + actors: share of records where one predicted event has the gold type, its
//!   actors' codes include every gold source's country part, and, when the gold names
//!   targets, its recipients' codes include every gold target's (see [`crate::codes`]).

use std::collections::{BTreeMap, BTreeSet};

use dyad_model::{Date, EventType, Extraction};
use serde::{Deserialize, Deserializer, Serialize};

use crate::codes::country_part;
use crate::metrics::{ratio, round4, Prf};
use crate::table::{fmt3, TextTable};

/// One gold actor: `{"actorText", "code", "sector"?}`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct GoldActor {
    #[serde(rename = "actorText", default)]
    pub text: String,
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub sector: Option<String>,
}

/// One PLOVER gold record (the fields the scorer uses).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct PloverGold {
    pub id: String,
    #[serde(default)]
    pub date: String,
    pub text: String,
    pub event: String,
    #[serde(default, deserialize_with = "lenient_actors")]
    pub source: Vec<GoldActor>,
    #[serde(default, deserialize_with = "lenient_actors")]
    pub target: Vec<GoldActor>,
    #[serde(default)]
    pub mode: Option<String>,
    #[serde(default)]
    pub context: Option<String>,
}

impl PloverGold {
    /// The record's date, used as the publication date when extracting it.
    pub fn published(&self) -> Option<Date> {
        crate::parse_gold_date(&self.date)
    }

    /// The gold type mapped to the current PLOVER types.
    pub fn event_type(&self) -> Option<EventType> {
        EventType::parse(&self.event)
    }
}

/// Actors are a list in most records, but `""` or `null` where there are none.
fn lenient_actors<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<GoldActor>, D::Error> {
    let value = serde_json::Value::deserialize(d)?;
    match value {
        serde_json::Value::Array(_) => {
            serde_json::from_value(value).map_err(serde::de::Error::custom)
        }
        serde_json::Value::Object(_) => serde_json::from_value(value)
            .map(|a| vec![a])
            .map_err(serde::de::Error::custom),
        _ => Ok(Vec::new()),
    }
}

/// Recall and precision of one event type.
#[derive(Clone, Debug, Default, Serialize)]
pub struct TypeScore {
    /// Records with this gold type.
    pub gold: usize,
    /// Records where this type was predicted.
    pub predicted: usize,
    /// Records with this gold type where it was predicted.
    pub correct: usize,
    pub recall: f64,
    pub precision: f64,
}

/// The PLOVER scores of a run.
#[derive(Clone, Debug, Default, Serialize)]
pub struct PloverReport {
    pub set: &'static str,
    pub records: usize,
    /// Records whose gold label is not a PLOVER type (left out of every score).
    pub unknown_labels: usize,
    /// Records with at least one predicted event.
    pub records_with_events: usize,
    pub event_type: Prf,
    /// Records where an event with the gold type also has the gold actors.
    pub type_and_actors: usize,
    pub type_and_actors_share: f64,
    pub per_type: BTreeMap<String, TypeScore>,
}

/// Scores extractions against their gold records (pairs in any order).
pub fn score<'a>(
    pairs: impl IntoIterator<Item = (&'a PloverGold, &'a Extraction)>,
) -> PloverReport {
    let mut report = PloverReport {
        set: "plover",
        ..Default::default()
    };
    let mut counts: BTreeMap<EventType, (usize, usize, usize)> = BTreeMap::new();
    let mut predicted_pairs = 0;
    let mut hits = 0;
    for (gold, extraction) in pairs {
        report.records += 1;
        let Some(gold_type) = gold.event_type() else {
            report.unknown_labels += 1;
            continue;
        };
        if !extraction.events.is_empty() {
            report.records_with_events += 1;
        }
        let predicted: BTreeSet<EventType> = extraction.events.iter().map(|e| e.event).collect();
        predicted_pairs += predicted.len();
        counts.entry(gold_type).or_default().0 += 1;
        for t in &predicted {
            counts.entry(*t).or_default().1 += 1;
        }
        if predicted.contains(&gold_type) {
            hits += 1;
            counts.entry(gold_type).or_default().2 += 1;
            if actors_match(gold, gold_type, extraction) {
                report.type_and_actors += 1;
            }
        }
    }
    let scored = report.records - report.unknown_labels;
    report.event_type = Prf::from_counts(hits, predicted_pairs, scored);
    report.type_and_actors_share = round4(ratio(report.type_and_actors, scored));
    report.per_type = counts
        .into_iter()
        .map(|(t, (gold, predicted, correct))| {
            let score = TypeScore {
                gold,
                predicted,
                correct,
                recall: round4(ratio(correct, gold)),
                precision: round4(ratio(correct, predicted)),
            };
            (t.as_str().to_string(), score)
        })
        .collect();
    report
}

/// Whether some predicted event of type `gold_type` carries the gold source (and target)
/// countries.
fn actors_match(gold: &PloverGold, gold_type: EventType, extraction: &Extraction) -> bool {
    let gold_sources: BTreeSet<String> = gold
        .source
        .iter()
        .map(|a| country_part(a.code.as_deref()))
        .collect();
    let gold_targets: BTreeSet<String> = gold
        .target
        .iter()
        .map(|a| country_part(a.code.as_deref()))
        .collect();
    extraction
        .events
        .iter()
        .filter(|e| e.event == gold_type)
        .any(|e| {
            let actors: BTreeSet<String> = e
                .actor
                .iter()
                .map(|a| country_part(a.code.as_deref()))
                .collect();
            let recipients: BTreeSet<String> = e
                .recipient
                .iter()
                .map(|a| country_part(a.code.as_deref()))
                .collect();
            gold_sources.is_subset(&actors)
                && (gold_targets.is_empty() || gold_targets.is_subset(&recipients))
        })
}

/// What went wrong on one record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Problem {
    /// The gold type is not among the predicted types.
    Type,
    /// The gold type was predicted, but no event of it has the gold actors.
    Actors,
    /// Types other than the gold one were predicted.
    Extra,
}

/// A record the run got wrong, laid out for reading what to fix.
#[derive(Clone, Debug, Serialize)]
pub struct PloverMiss {
    pub id: String,
    pub text: String,
    pub problems: Vec<Problem>,
    /// The gold type and actors, `TYPE SOURCES -> TARGETS`.
    pub gold: String,
    /// Each predicted event, `TYPE CAMEO ACTORS -> RECIPIENTS`.
    pub predicted: Vec<String>,
}

/// The records with a problem, in input order (records with unknown labels left out).
pub fn misses<'a>(
    pairs: impl IntoIterator<Item = (&'a PloverGold, &'a Extraction)>,
) -> Vec<PloverMiss> {
    let mut out = Vec::new();
    for (gold, extraction) in pairs {
        let Some(gold_type) = gold.event_type() else {
            continue;
        };
        let mut problems = Vec::new();
        if !extraction.events.iter().any(|e| e.event == gold_type) {
            problems.push(Problem::Type);
        } else if !actors_match(gold, gold_type, extraction) {
            problems.push(Problem::Actors);
        }
        if extraction.events.iter().any(|e| e.event != gold_type) {
            problems.push(Problem::Extra);
        }
        if problems.is_empty() {
            continue;
        }
        let codes = |actors: &[GoldActor]| {
            actors
                .iter()
                .map(|a| country_part(a.code.as_deref()))
                .collect::<Vec<_>>()
                .join("+")
        };
        out.push(PloverMiss {
            id: gold.id.clone(),
            text: gold.text.clone(),
            problems,
            gold: format!(
                "{} {} -> {}",
                gold_type.as_str(),
                codes(&gold.source),
                codes(&gold.target)
            ),
            predicted: extraction
                .events
                .iter()
                .map(crate::describe_event)
                .collect(),
        });
    }
    out
}

/// The misses as text: one block per record.
pub fn render_misses(misses: &[PloverMiss]) -> String {
    let mut out = String::new();
    for m in misses {
        let problems: Vec<&str> = m
            .problems
            .iter()
            .map(|p| match p {
                Problem::Type => "type",
                Problem::Actors => "actors",
                Problem::Extra => "extra",
            })
            .collect();
        out.push_str(&format!(
            "\n[{}] {}: {}\n  gold: {}\n",
            problems.join(","),
            m.id,
            m.text.trim(),
            m.gold
        ));
        for p in &m.predicted {
            out.push_str(&format!("  got:  {p}\n"));
        }
        if m.predicted.is_empty() {
            out.push_str("  got:  (no event)\n");
        }
    }
    out
}

impl PloverReport {
    /// The report as a plain aligned table.
    pub fn render(&self) -> String {
        let mut out = format!(
            "PLOVER gold sentences: {} records ({} with unknown labels left out), {} with predicted events\n\n",
            self.records, self.unknown_labels, self.records_with_events
        );
        let mut t = TextTable::new(&["score", "precision", "recall", "f1"]);
        t.row(vec![
            "event type".into(),
            fmt3(self.event_type.precision()),
            fmt3(self.event_type.recall()),
            fmt3(self.event_type.f1()),
        ]);
        out.push_str(&t.render());
        out.push_str(&format!(
            "type + actors: {} of {} records ({})\n\n",
            self.type_and_actors,
            self.records - self.unknown_labels,
            fmt3(self.type_and_actors_share)
        ));
        let mut t = TextTable::new(&[
            "type",
            "gold",
            "predicted",
            "correct",
            "recall",
            "precision",
        ]);
        for (name, s) in &self.per_type {
            t.row(vec![
                name.clone(),
                s.gold.to_string(),
                s.predicted.to_string(),
                s.correct.to_string(),
                fmt3(s.recall),
                fmt3(s.precision),
            ]);
        }
        out.push_str(&t.render());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{event, extraction};

    fn gold(json: &str) -> PloverGold {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn lenient_targets() {
        let g = gold(
            r#"{"id":"a","text":"t","event":"AGREE","source":[{"actorText":"Jordan","code":"JOR"}],"target":""}"#,
        );
        assert!(g.target.is_empty());
        let g = gold(r#"{"id":"a","text":"t","event":"AGREE","source":[],"target":null}"#);
        assert!(g.target.is_empty());
        let g = gold(r#"{"id":"a","text":"t","event":"AGREE"}"#);
        assert!(g.source.is_empty());
    }

    #[test]
    fn type_and_actor_scores() {
        let g1 = gold(
            r#"{"id":"1","date":"2000-01-01","text":"t","event":"DEMAND","source":[{"actorText":"Tokyo","code":"JAP"}],"target":[{"actorText":"Russia","code":"RUS"}]}"#,
        );
        let g2 = gold(
            r#"{"id":"2","text":"t","event":"FIGHT","source":[{"actorText":"x","code":"ISR"}],"target":""}"#,
        );
        let g3 = gold(r#"{"id":"3","text":"t","event":"NONSENSE","source":[]}"#);
        let g4 = gold(
            r#"{"id":"4","text":"t","event":"AGREE","source":[{"actorText":"x","code":"USA"}]}"#,
        );
        // 1: REQUEST by JPN on RUS, plus a stray ACCUSE twice (deduplicated).
        let e1 = extraction(vec![
            event(EventType::Request, &["JPN"], &["RUS"]),
            event(EventType::Accuse, &["JPN"], &[]),
            event(EventType::Accuse, &["RUS"], &[]),
        ]);
        // 2: ASSAULT right type, wrong actor.
        let e2 = extraction(vec![event(EventType::Assault, &["PSE"], &[])]);
        let e3 = extraction(vec![]);
        let e4 = extraction(vec![]);
        let report = score([(&g1, &e1), (&g2, &e2), (&g3, &e3), (&g4, &e4)]);
        assert_eq!(report.records, 4);
        assert_eq!(report.unknown_labels, 1);
        assert_eq!(report.event_type.gold, 3);
        assert_eq!(report.event_type.found, 2);
        assert_eq!(report.event_type.predicted, 3);
        assert_eq!(report.type_and_actors, 1);
        assert_eq!(report.per_type["ACCUSE"].predicted, 1);
        assert_eq!(report.per_type["ACCUSE"].gold, 0);
        assert_eq!(report.per_type["ASSAULT"].correct, 1);
        assert_eq!(report.per_type["AGREE"].recall, 0.0);
        assert_eq!(g1.published(), Some(Date::new(2000, 1, 1).unwrap()));
        let text = report.render();
        assert!(text.contains("event type"), "{text}");
        assert!(text.contains("ASSAULT"), "{text}");
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(json["set"], "plover");

        let missed = misses([(&g1, &e1), (&g2, &e2), (&g3, &e3), (&g4, &e4)]);
        let problems: Vec<(&str, &[Problem])> = missed
            .iter()
            .map(|m| (m.id.as_str(), m.problems.as_slice()))
            .collect();
        assert_eq!(
            problems,
            [
                ("1", &[Problem::Extra][..]),
                ("2", &[Problem::Actors][..]),
                ("4", &[Problem::Type][..]),
            ]
        );
        assert_eq!(missed[0].gold, "REQUEST JPN -> RUS");
        assert_eq!(missed[1].predicted, ["ASSAULT 010 PSE -> "]);
        let text = render_misses(&missed);
        assert!(text.contains("[actors] 2: t"), "{text}");
        assert!(text.contains("got:  (no event)"), "{text}");
    }
}
