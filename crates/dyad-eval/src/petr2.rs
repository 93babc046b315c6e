//! Scoring against PETRARCH-2 gold triples (`petr2-gsr/dev.jsonl`).
//!
//! A gold event `{source, target, code}` becomes the triple (source country, target
//! country, CAMEO root): the first three letters of each CAMEO actor code (normalised by
//! [`crate::codes::country_part`]) and the first two digits of the event code. A predicted
//! event yields one triple per actor × recipient (an empty side is `---`, the gold's
//! "unidentified"), with its CAMEO root, except the pairs of one party with itself: a
//! reciprocal event ("the two leaders met") lists both parties on both sides and stands for
//! A→B and B→A, not A→A. Triples are deduplicated per record.
//!
//! Recall: gold triples found among the record's predicted triples. Precision: predicted
//! triples that are among the record's gold triples. Records marked "no events" have no
//! gold triple, so anything predicted there counts against precision; the report also
//! says how many of them were left without any event.

use std::collections::BTreeSet;

use dyad_model::{Date, Extraction};
use serde::{Deserialize, Serialize};

use crate::codes::{cameo_root, country_part};
use crate::metrics::Prf;
use crate::table::{fmt3, TextTable};

/// One gold event: CAMEO actor codes and event code.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct GoldTriple {
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub target: String,
    #[serde(default)]
    pub code: String,
}

/// One PETRARCH-2 gold record (the fields the scorer uses).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Petr2Gold {
    pub id: String,
    #[serde(default)]
    pub date: String,
    pub text: String,
    #[serde(default)]
    pub gold_events: Vec<GoldTriple>,
    #[serde(default)]
    pub noevents: bool,
}

impl Petr2Gold {
    /// The record's date (`YYYYMMDD`), when it is a valid one.
    pub fn published(&self) -> Option<Date> {
        crate::parse_gold_date(&self.date)
    }
}

/// (source country, target country, CAMEO root).
pub type Triple = (String, String, String);

/// The deduplicated gold triples of a record.
pub fn gold_triples(gold: &Petr2Gold) -> BTreeSet<Triple> {
    gold.gold_events
        .iter()
        .map(|g| {
            (
                country_part(Some(&g.source)),
                country_part(Some(&g.target)),
                cameo_root(&g.code),
            )
        })
        .collect()
}

/// The deduplicated predicted triples of an extraction.
pub fn predicted_triples(extraction: &Extraction) -> BTreeSet<Triple> {
    let mut out = BTreeSet::new();
    for event in &extraction.events {
        let root = cameo_root(&event.cameo);
        let side = |refs: &[dyad_model::ActorRef]| -> Vec<Option<dyad_model::ActorRef>> {
            if refs.is_empty() {
                vec![None]
            } else {
                refs.iter().cloned().map(Some).collect()
            }
        };
        for a in side(&event.actor) {
            for r in side(&event.recipient) {
                if let (Some(a), Some(r)) = (&a, &r) {
                    if same_party(a, r) {
                        continue;
                    }
                }
                let code = |x: &Option<dyad_model::ActorRef>| {
                    country_part(x.as_ref().and_then(|x| x.code.as_deref()))
                };
                out.insert((code(&a), code(&r), root.clone()));
            }
        }
    }
    out
}

/// Whether two actor references are one party (the same entity, or the same words when
/// neither names an entity).
fn same_party(a: &dyad_model::ActorRef, b: &dyad_model::ActorRef) -> bool {
    match (&a.entity, &b.entity) {
        (Some(x), Some(y)) => x == y,
        (None, None) => a.text == b.text,
        _ => false,
    }
}

/// The PETRARCH-2 scores of a run.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Petr2Report {
    pub set: &'static str,
    pub records: usize,
    pub triples: Prf,
    /// Records with gold events where at least one gold triple was found.
    pub records_with_a_hit: usize,
    pub records_with_gold: usize,
    /// Records marked "no events", and how many of them got no event.
    pub no_event_records: usize,
    pub no_event_records_left_empty: usize,
}

/// Scores extractions against their gold records.
pub fn score<'a>(pairs: impl IntoIterator<Item = (&'a Petr2Gold, &'a Extraction)>) -> Petr2Report {
    let mut report = Petr2Report {
        set: "petr2",
        ..Default::default()
    };
    for (gold, extraction) in pairs {
        report.records += 1;
        let gold_set = gold_triples(gold);
        let predicted = predicted_triples(extraction);
        let correct = predicted.intersection(&gold_set).count();
        report
            .triples
            .add(Prf::from_counts(correct, predicted.len(), gold_set.len()));
        if gold.noevents || gold_set.is_empty() {
            report.no_event_records += 1;
            if extraction.events.is_empty() {
                report.no_event_records_left_empty += 1;
            }
        } else {
            report.records_with_gold += 1;
            if correct > 0 {
                report.records_with_a_hit += 1;
            }
        }
    }
    report
}

/// A record whose predicted triples differ from its gold ones.
#[derive(Clone, Debug, Serialize)]
pub struct Petr2Miss {
    pub id: String,
    pub text: String,
    /// Gold triples not predicted, `SRC TGT ROOT`.
    pub missing: Vec<String>,
    /// Predicted triples not in the gold.
    pub extra: Vec<String>,
    /// Each predicted event, `TYPE CAMEO ACTORS -> RECIPIENTS`.
    pub predicted: Vec<String>,
}

/// The records with a missing or an extra triple, in input order.
pub fn misses<'a>(
    pairs: impl IntoIterator<Item = (&'a Petr2Gold, &'a Extraction)>,
) -> Vec<Petr2Miss> {
    let show = |t: &Triple| format!("{} {} {}", t.0, t.1, t.2);
    let mut out = Vec::new();
    for (gold, extraction) in pairs {
        let gold_set = gold_triples(gold);
        let predicted = predicted_triples(extraction);
        let missing: Vec<String> = gold_set.difference(&predicted).map(show).collect();
        let extra: Vec<String> = predicted.difference(&gold_set).map(show).collect();
        if missing.is_empty() && extra.is_empty() {
            continue;
        }
        out.push(Petr2Miss {
            id: gold.id.clone(),
            text: gold.text.clone(),
            missing,
            extra,
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
pub fn render_misses(misses: &[Petr2Miss]) -> String {
    let mut out = String::new();
    for m in misses {
        out.push_str(&format!("\n{}: {}\n", m.id, m.text.trim()));
        if !m.missing.is_empty() {
            out.push_str(&format!("  missing: {}\n", m.missing.join("; ")));
        }
        if !m.extra.is_empty() {
            out.push_str(&format!("  extra:   {}\n", m.extra.join("; ")));
        }
        for p in &m.predicted {
            out.push_str(&format!("  got:     {p}\n"));
        }
    }
    out
}

impl Petr2Report {
    /// The report as a plain aligned table.
    pub fn render(&self) -> String {
        let mut out = format!(
            "PETRARCH-2 gold sentences: {} records, {} with gold events, {} marked no events\n\n",
            self.records, self.records_with_gold, self.no_event_records
        );
        let mut t = TextTable::new(&[
            "score",
            "precision",
            "recall",
            "f1",
            "correct",
            "predicted",
            "gold",
        ]);
        t.row(vec![
            "triples (src, tgt, root)".into(),
            fmt3(self.triples.precision()),
            fmt3(self.triples.recall()),
            fmt3(self.triples.f1()),
            self.triples.correct.to_string(),
            self.triples.predicted.to_string(),
            self.triples.gold.to_string(),
        ]);
        out.push_str(&t.render());
        out.push_str(&format!(
            "records with a gold triple found: {} of {}\nno-event records left empty: {} of {}\n",
            self.records_with_a_hit,
            self.records_with_gold,
            self.no_event_records_left_empty,
            self.no_event_records
        ));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{cameo_event, extraction};
    use dyad_model::EventType;

    fn gold(json: &str) -> Petr2Gold {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn reciprocal_events_pair_each_party_with_the_other_not_itself() {
        let e = extraction(vec![cameo_event(
            EventType::Consult,
            "046",
            &["ETH", "SOM"],
            &["ETH", "SOM"],
        )]);
        let triples: Vec<_> = predicted_triples(&e).into_iter().collect();
        let t = |a: &str, b: &str| (a.to_string(), b.to_string(), "04".to_string());
        assert_eq!(triples, [t("ETH", "SOM"), t("SOM", "ETH")]);
    }

    #[test]
    fn triple_scores() {
        let g1 = gold(
            r#"{"id":"1","date":"20080806","text":"t","gold_events":[{"source":"TUNJUD","target":"NGAEDU","code":"173"},{"source":"GEOGOV","target":"GEOOPP","code":"042"}],"noevents":false}"#,
        );
        let g2 = gold(r#"{"id":"2","date":"121108","text":"t","gold_events":[],"noevents":true}"#);
        let g3 = gold(r#"{"id":"3","text":"t","gold_events":[],"noevents":true}"#);
        let e1 = extraction(vec![
            cameo_event(EventType::Coerce, "1731", &["TUN"], &["NGA", "SYR"]),
            cameo_event(EventType::Coerce, "173", &["TUN"], &["NGA"]),
        ]);
        let e2 = extraction(vec![cameo_event(EventType::Consult, "042", &["USA"], &[])]);
        let e3 = extraction(vec![]);
        let report = score([(&g1, &e1), (&g2, &e2), (&g3, &e3)]);
        assert_eq!(report.records, 3);
        assert_eq!(report.triples.gold, 2);
        assert_eq!(report.triples.correct, 1);
        // (TUN,NGA,17), (TUN,SYR,17), (USA,---,04)
        assert_eq!(report.triples.predicted, 3);
        assert_eq!(report.records_with_a_hit, 1);
        assert_eq!(report.no_event_records, 2);
        assert_eq!(report.no_event_records_left_empty, 1);
        assert_eq!(g1.published(), Some(Date::new(2008, 8, 6).unwrap()));
        assert_eq!(g2.published(), None);
        assert!(report.render().contains("triples"));

        let missed = misses([(&g1, &e1), (&g2, &e2), (&g3, &e3)]);
        assert_eq!(missed.len(), 2, "{missed:?}");
        assert_eq!(missed[0].missing, ["GEO GEO 04"]);
        assert_eq!(missed[0].extra, ["TUN SYR 17"]);
        assert_eq!(missed[1].extra, ["USA --- 04"]);
        let text = render_misses(&missed);
        assert!(text.contains("missing: GEO GEO 04"), "{text}");
    }
}
