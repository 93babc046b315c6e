//! Scoring entity mentions against re3d gold (`ner-re3d/dev.jsonl`).
//!
//! Classes: gold `Person` → PER, `Organisation` → ORG, `Location` → LOC; ours `PERSON` →
//! PER, `ORGANIZATION` → ORG, `COUNTRY` and `LOCATION` → LOC. Gold `Nationality` is not a
//! place ("Syrian") and ours `GROUP` is not scored: both are left out, as are the other
//! re3d types (Temporal, Money, Weapon, ...). A mention matches by its exact text, counted
//! as a multiset per document and class (two gold "Assad" need two predicted "Assad").

use std::collections::BTreeMap;

use dyad_model::{EntityType, Extraction, MentionKind};
use serde::{Deserialize, Serialize};

use crate::metrics::Prf;
use crate::table::{fmt3, TextTable};

/// One gold entity mention.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct GoldEntity {
    #[serde(default)]
    pub start: usize,
    #[serde(default)]
    pub end: usize,
    #[serde(rename = "type")]
    pub kind: String,
    pub text: String,
}

/// One re3d gold document (the fields the scorer uses).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct NerGold {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub entities: Vec<GoldEntity>,
}

/// The three scored classes.
pub const CLASSES: [&str; 3] = ["PER", "ORG", "LOC"];

/// The scored class of a gold re3d type, if it is one.
pub fn gold_class(kind: &str) -> Option<&'static str> {
    match kind {
        "Person" => Some("PER"),
        "Organisation" | "Organization" => Some("ORG"),
        "Location" => Some("LOC"),
        _ => None,
    }
}

/// The scored class of one of our entity types, if it is one.
pub fn predicted_class(kind: EntityType) -> Option<&'static str> {
    match kind {
        EntityType::Person => Some("PER"),
        EntityType::Organization => Some("ORG"),
        EntityType::Country | EntityType::Location => Some("LOC"),
        EntityType::Group => None,
    }
}

/// Per-class and micro-averaged mention scores.
#[derive(Clone, Debug, Default, Serialize)]
pub struct NerReport {
    pub set: &'static str,
    pub documents: usize,
    pub per_class: BTreeMap<String, Prf>,
    pub micro: Prf,
}

type Bag = BTreeMap<(&'static str, String), usize>;

/// Scores extractions against their gold documents.
pub fn score<'a>(pairs: impl IntoIterator<Item = (&'a NerGold, &'a Extraction)>) -> NerReport {
    let mut report = NerReport {
        set: "ner",
        per_class: CLASSES
            .iter()
            .map(|c| (c.to_string(), Prf::default()))
            .collect(),
        ..Default::default()
    };
    for (gold, extraction) in pairs {
        report.documents += 1;
        let gold_bag = gold_bag(gold);
        let predicted_bag = predicted_bag(extraction);
        for class in CLASSES {
            let in_class = |bag: &Bag| -> usize {
                bag.iter()
                    .filter(|((c, _), _)| *c == class)
                    .map(|(_, n)| n)
                    .sum()
            };
            let correct: usize = predicted_bag
                .iter()
                .filter(|((c, _), _)| *c == class)
                .map(|(key, n)| (*n).min(gold_bag.get(key).copied().unwrap_or(0)))
                .sum();
            let counts = Prf::from_counts(correct, in_class(&predicted_bag), in_class(&gold_bag));
            report
                .per_class
                .entry(class.to_string())
                .or_default()
                .add(counts);
            report.micro.add(counts);
        }
    }
    report
}

/// The scored gold mentions of a document: (class, text) with their counts.
fn gold_bag(gold: &NerGold) -> Bag {
    let mut bag = Bag::new();
    for e in &gold.entities {
        if let Some(class) = gold_class(&e.kind) {
            *bag.entry((class, e.text.trim().to_string())).or_default() += 1;
        }
    }
    bag
}

/// The scored mentions of an extraction: (class, text) with their counts. Demonyms
/// ("Syrian") are nationality words, which the gold does not score as places either;
/// pronouns are annotated by re3d only now and then and by CoNLL never, so name mentions
/// alone are scored.
fn predicted_bag(extraction: &Extraction) -> Bag {
    let mut bag = Bag::new();
    for entity in &extraction.entities {
        let Some(class) = predicted_class(entity.kind) else {
            continue;
        };
        for m in entity.mentions.iter().filter(|m| {
            !matches!(
                m.kind,
                Some(MentionKind::Demonym | MentionKind::Pronoun | MentionKind::Definite)
            )
        }) {
            *bag.entry((class, m.text.trim().to_string())).or_default() += 1;
        }
    }
    bag
}

/// A document whose scored mentions differ from its gold ones.
#[derive(Clone, Debug, Serialize)]
pub struct NerMiss {
    pub id: String,
    /// Gold mentions not predicted, `CLASS text` (repeated as often as they are missing).
    pub missing: Vec<String>,
    /// Predicted mentions not in the gold, `CLASS text`.
    pub extra: Vec<String>,
}

/// The documents with a missing or an extra mention, in input order.
pub fn misses<'a>(pairs: impl IntoIterator<Item = (&'a NerGold, &'a Extraction)>) -> Vec<NerMiss> {
    // What `a` has beyond `b`, one line per surplus mention.
    let beyond = |a: &Bag, b: &Bag| -> Vec<String> {
        a.iter()
            .flat_map(|((class, text), &n)| {
                let surplus =
                    n.saturating_sub(b.get(&(*class, text.clone())).copied().unwrap_or(0));
                std::iter::repeat_n(format!("{class} {text}"), surplus)
            })
            .collect()
    };
    let mut out = Vec::new();
    for (gold, extraction) in pairs {
        let (g, p) = (gold_bag(gold), predicted_bag(extraction));
        let (missing, extra) = (beyond(&g, &p), beyond(&p, &g));
        if !missing.is_empty() || !extra.is_empty() {
            out.push(NerMiss {
                id: gold.id.clone(),
                missing,
                extra,
            });
        }
    }
    out
}

/// The misses as text: one block per document.
pub fn render_misses(misses: &[NerMiss]) -> String {
    let mut out = String::new();
    for m in misses {
        out.push_str(&format!("\n{}\n", m.id));
        if !m.missing.is_empty() {
            out.push_str(&format!("  missing: {}\n", m.missing.join("; ")));
        }
        if !m.extra.is_empty() {
            out.push_str(&format!("  extra:   {}\n", m.extra.join("; ")));
        }
    }
    out
}

impl NerReport {
    /// The report as a plain aligned table.
    pub fn render(&self) -> String {
        let mut out = format!(
            "re3d entity mentions: {} documents (exact mention text; gold Nationality not scored as LOC, our GROUP not scored)\n\n",
            self.documents
        );
        let mut t = TextTable::new(&[
            "class",
            "precision",
            "recall",
            "f1",
            "correct",
            "predicted",
            "gold",
        ]);
        let rows = self
            .per_class
            .iter()
            .map(|(c, p)| (c.as_str(), p))
            .chain(std::iter::once(("micro", &self.micro)));
        for (name, p) in rows {
            t.row(vec![
                name.to_string(),
                fmt3(p.precision()),
                fmt3(p.recall()),
                fmt3(p.f1()),
                p.correct.to_string(),
                p.predicted.to_string(),
                p.gold.to_string(),
            ]);
        }
        out.push_str(&t.render());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::entity;

    #[test]
    fn mention_multisets_per_class() {
        let gold: NerGold = serde_json::from_str(
            r#"{"id":"d","text":"t","entities":[
                {"start":0,"end":5,"type":"Person","text":"Assad"},
                {"start":9,"end":14,"type":"Person","text":"Assad"},
                {"start":20,"end":25,"type":"Location","text":"Syria"},
                {"start":30,"end":36,"type":"Nationality","text":"Syrian"},
                {"start":40,"end":44,"type":"Organisation","text":"NATO"}]}"#,
        )
        .unwrap();
        let mut extraction = crate::testing::extraction(vec![]);
        extraction.entities = vec![
            entity(EntityType::Person, &["Assad"]),
            entity(EntityType::Country, &["Syria", "Syria"]),
            entity(EntityType::Group, &["Syrian"]),
            entity(EntityType::Organization, &["UN"]),
        ];
        let report = score([(&gold, &extraction)]);
        let per = &report.per_class["PER"];
        assert_eq!((per.correct, per.predicted, per.gold), (1, 1, 2));
        let loc = &report.per_class["LOC"];
        assert_eq!((loc.correct, loc.predicted, loc.gold), (1, 2, 1));
        let org = &report.per_class["ORG"];
        assert_eq!((org.correct, org.predicted, org.gold), (0, 1, 1));
        assert_eq!(report.micro.correct, 2);
        assert_eq!(report.micro.predicted, 4);
        assert_eq!(report.micro.gold, 4);
        assert!(report.render().contains("micro"));

        // The misses: what the gold has beyond the prediction and the other way round,
        // one line per surplus mention.
        let misses = misses([(&gold, &extraction)]);
        assert_eq!(misses.len(), 1);
        assert_eq!(misses[0].missing, ["ORG NATO", "PER Assad"]);
        assert_eq!(misses[0].extra, ["LOC Syria", "ORG UN"]);
        let text = render_misses(&misses);
        assert!(text.contains("missing: ORG NATO; PER Assad"), "{text}");
    }
}
