//! The type decision: which of the rules' candidate events the coder keeps, and as what.
//!
//! The trigger rules ([`crate::triggers`] and the sentence stages of `sentence.rs`) propose
//! candidates, each with the type its trigger entry gives. A [`TypeDecider`] then decides
//! every candidate in one place, the `type decision` pass ([`crate::PASSES`]):
//!
//! - [`RuleTypes`] keeps each candidate as the rules typed it;
//! - [`EventFilter`] is a learned decision: an averaged perceptron over features of the
//!   candidate (its rule type and CAMEO code, the trigger's lemma, tag and relation in the
//!   parse, its head's lemma, its dependents' relations, status, which roles are filled,
//!   date, place, count, quotation, lead sentence), trained on stories annotated under
//!   the `voa-events` guidelines. A candidate whose actor and recipient the rules found
//!   with codes stays, and so does a denial by a coded party (the status of what it
//!   denies rests on it); any other is kept (with the rules' type) when its score is
//!   positive, else decided NONE. The rules' knowledge is its features.
//!
//! The model is a text file, `models/event-filter.tsv` (`feature<TAB>weight`), so that a
//! linguist can read what it learned; `--data` can replace it. Retrain it with
//! `cargo run --release -p dyad-cli --example train_event_filter` (ARCHITECTURE.md).

use std::collections::HashMap;

use dyad_model::{Event, EventType};
use dyad_syntax::Analysis;

use crate::EventError;

/// The model file of the learned decision.
pub const MODEL_FILE: &str = "models/event-filter.tsv";

/// Decides the type of a candidate event, or NONE (`None`).
pub trait TypeDecider: Send + Sync + std::fmt::Debug {
    fn decide(&self, candidate: &Event, doc: &Analysis) -> Option<EventType>;
}

/// The rules' own decision: every candidate stays as its trigger typed it.
#[derive(Clone, Copy, Debug, Default)]
pub struct RuleTypes;

impl TypeDecider for RuleTypes {
    fn decide(&self, candidate: &Event, _doc: &Analysis) -> Option<EventType> {
        Some(candidate.event)
    }
}

/// The learned decision: keep the rules' type when the weights' score is positive.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventFilter {
    weights: HashMap<String, f32>,
}

impl TypeDecider for EventFilter {
    fn decide(&self, candidate: &Event, doc: &Analysis) -> Option<EventType> {
        // Where the rules found both parties with codes, they are sure: the model decides
        // the candidates they are not sure of (a side missing or uncoded).
        // A denial by a coded party is kept too: the status of the events it denies rests
        // on it.
        let denial = candidate.cameo == "016" && side(&candidate.actor) == "coded";
        let sure =
            denial || side(&candidate.actor) == "coded" && side(&candidate.recipient) == "coded";
        (sure || self.score(&features(candidate, doc)) > 0.0).then_some(candidate.event)
    }
}

impl EventFilter {
    /// Reads a model file: `#` comments, then `feature<TAB>weight` lines.
    pub fn from_text(file: &str, text: &str) -> Result<EventFilter, EventError> {
        let mut weights = HashMap::new();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = || EventError::Model {
                file: file.to_string(),
                line: n + 1,
                message: format!("expected `feature<TAB>weight`, found {line:?}"),
            };
            let (feature, weight) = line.rsplit_once('\t').ok_or_else(bad)?;
            let weight: f32 = weight.trim().parse().map_err(|_| bad())?;
            if !weight.is_finite() {
                return Err(bad());
            }
            weights.insert(feature.to_string(), weight);
        }
        Ok(EventFilter { weights })
    }

    /// The score of a candidate's features: positive keeps it.
    pub fn score(&self, features: &[String]) -> f32 {
        features.iter().filter_map(|f| self.weights.get(f)).sum()
    }

    /// The model as text, features sorted, with `header` lines as comments.
    pub fn to_text(&self, header: &[String]) -> String {
        let mut out: String = header.iter().map(|h| format!("# {h}\n")).collect();
        let mut rows: Vec<(&String, &f32)> = self.weights.iter().collect();
        rows.sort_by(|a, b| a.0.cmp(b.0));
        for (f, w) in rows {
            out.push_str(&format!("{f}\t{w:.4}\n"));
        }
        out
    }

    /// Moves the decision threshold: a positive `shift` keeps more candidates (recall
    /// over precision). The trainer's `--keep-bias`, chosen by cross-validation.
    pub fn shift_bias(&mut self, shift: f32) {
        *self.weights.entry("bias".to_string()).or_default() += shift;
    }

    pub fn len(&self) -> usize {
        self.weights.len()
    }

    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }
}

/// Trains an [`EventFilter`]: a binary averaged perceptron (keep / NONE).
#[derive(Debug, Default)]
pub struct FilterTrainer {
    weights: HashMap<String, f32>,
    /// Sum over updates of step × change, for the average ([`FilterTrainer::finish`]).
    stepped: HashMap<String, f32>,
    step: f32,
}

impl FilterTrainer {
    /// Learns from one candidate: `keep` is whether the gold has it. Returns whether the
    /// weights already decided it so (no update).
    pub fn learn(&mut self, features: &[String], keep: bool) -> bool {
        self.step += 1.0;
        let score: f32 = features.iter().filter_map(|f| self.weights.get(f)).sum();
        if (score > 0.0) == keep {
            return true;
        }
        let change = if keep { 1.0 } else { -1.0 };
        for f in features {
            *self.weights.entry(f.clone()).or_default() += change;
            *self.stepped.entry(f.clone()).or_default() += self.step * change;
        }
        false
    }

    /// The averaged weights, without those that average to (nearly) nothing.
    pub fn finish(self) -> EventFilter {
        let steps = self.step.max(1.0);
        let weights = self
            .weights
            .iter()
            .map(|(f, w)| {
                let avg = w - self.stepped.get(f).copied().unwrap_or(0.0) / steps;
                (f.clone(), avg)
            })
            .filter(|(_, w)| w.abs() >= 1e-3)
            .collect();
        EventFilter { weights }
    }
}

/// The token indices (within its sentence) of a candidate's trigger, and the sentence.
fn trigger_tokens<'a>(
    e: &Event,
    doc: &'a Analysis,
) -> Option<(&'a dyad_syntax::SentenceDoc, Vec<usize>)> {
    let sentence = doc.sentences.get(e.sentence)?;
    let tokens = doc.layer.tokens.get(sentence.tokens.clone())?;
    let inside: Vec<usize> = tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| t.start < e.trigger.end && e.trigger.start < t.end)
        .map(|(i, _)| i)
        .collect();
    (!inside.is_empty()).then_some((sentence, inside))
}

/// The features of a candidate event in its analysed document.
pub fn features(e: &Event, doc: &Analysis) -> Vec<String> {
    let kind = e.event.to_string();
    let status = e.status.as_str();
    let mut f = vec![
        "bias".to_string(),
        format!("type={kind}"),
        format!("cameo={}", e.cameo),
        format!("status={status}"),
        format!("status+type={status}|{kind}"),
        format!("actor={}", side(&e.actor)),
        format!("recipient={}", side(&e.recipient)),
        format!(
            "roles+type={}|{}|{kind}",
            side(&e.actor),
            side(&e.recipient)
        ),
    ];
    let flag = |name: &str, on: bool| on.then(|| name.to_string());
    f.extend(
        [
            flag("dated", e.date.is_some()),
            flag("placed", e.location.is_some()),
            flag("counted", !e.magnitude.is_empty()),
            flag("sourced", !e.attribution.is_empty()),
            flag("lead", e.sentence == 0),
        ]
        .into_iter()
        .flatten(),
    );
    if let Some(sector) = e.actor.iter().find_map(|a| a.sector.as_deref()) {
        f.push(format!("actor-sector={sector}"));
    }
    let Some((sentence, inside)) = trigger_tokens(e, doc) else {
        return f;
    };
    let words = inside.len().min(3);
    f.push(format!("trigger-words={words}"));
    // `inside` is the run of tokens the trigger's bytes cover.
    let head = crate::roles::phrase_head(sentence, inside[0], inside[inside.len() - 1] + 1);
    let lemma = sentence.lemmas.get(head).map(String::as_str).unwrap_or("");
    let rel = sentence.rels.get(head).map(|r| r.main()).unwrap_or("");
    let upos = sentence
        .tags
        .get(head)
        .map(|t| format!("{:?}", t.upos))
        .unwrap_or_default();
    f.push(format!("lemma={lemma}"));
    f.push(format!("lemma+type={lemma}|{kind}"));
    f.push(format!("upos={upos}"));
    f.push(format!("rel={rel}"));
    f.push(format!("rel+type={rel}|{kind}"));
    f.push(format!("upos+rel={upos}|{rel}"));
    if let Some(h) = sentence.head(head) {
        let above = sentence.lemmas.get(h).map(String::as_str).unwrap_or("");
        f.push(format!("head-lemma={above}"));
        f.push(format!("head-lemma+rel={above}|{rel}"));
    } else {
        f.push("root".to_string());
    }
    // "“We will send tanks,” he said": the subject is the quotation's speaker, whom the
    // `claims` pass names.
    let first_person = sentence.children(head).any(|k| {
        sentence.rels[k].main() == "nsubj"
            && sentence
                .lemmas
                .get(k)
                .is_some_and(|l| l.eq_ignore_ascii_case("i") || l.eq_ignore_ascii_case("we"))
    });
    if first_person {
        f.push("first-person-subject".to_string());
        f.push(format!("first-person-subject+type={kind}"));
    }
    let mut below: Vec<&str> = sentence
        .children(head)
        .map(|k| sentence.rels[k].main())
        .collect();
    below.sort_unstable();
    below.dedup();
    for r in below {
        f.push(format!("child={r}"));
    }
    if sentence.quotes.iter().any(|q| q.contains(&head)) {
        f.push("quoted".to_string());
    }
    f
}

/// How a side of a candidate is filled: `none`, `uncoded` or `coded`.
fn side(refs: &[dyad_model::ActorRef]) -> &'static str {
    if refs.is_empty() {
        "none"
    } else if refs.iter().any(|r| r.code.is_some()) {
        "coded"
    } else {
        "uncoded"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_model_reads_back_what_it_wrote_and_bad_lines_are_errors() {
        let mut t = FilterTrainer::default();
        let keep = vec!["bias".to_string(), "lemma=attack".to_string()];
        let drop = vec!["bias".to_string(), "lemma=drive".to_string()];
        for _ in 0..5 {
            t.learn(&keep, true);
            t.learn(&drop, false);
        }
        let model = t.finish();
        assert!(
            model.score(&keep) > 0.0 && model.score(&drop) <= 0.0,
            "{model:?}"
        );
        let text = model.to_text(&["test".into()]);
        let back = EventFilter::from_text("m.tsv", &text).unwrap();
        assert_eq!(back.score(&keep) > 0.0, model.score(&keep) > 0.0);
        let err = EventFilter::from_text("m.tsv", "# ok\nlemma=x\tnot-a-number\n").unwrap_err();
        assert!(err.to_string().contains("m.tsv:2"), "{err}");
    }

    #[test]
    fn a_denial_and_a_coded_dyad_stay_whatever_the_weights() {
        use dyad_model::testing::event;
        let never = EventFilter::from_text("m.tsv", "bias\t-100\n").unwrap();
        let doc = Analysis::default();
        let mut denial = event(EventType::Reject, &["RUS"], &[]);
        denial.cameo = "016".into();
        assert_eq!(never.decide(&denial, &doc), Some(EventType::Reject));
        let dyad = event(EventType::Assault, &["RUS"], &["UKR"]);
        assert_eq!(never.decide(&dyad, &doc), Some(EventType::Assault));
        // An uncoded denier, or one side only: the weights decide.
        let mut uncoded = event(EventType::Reject, &[], &[]);
        uncoded.cameo = "016".into();
        assert_eq!(never.decide(&uncoded, &doc), None);
        let one_side = event(EventType::Assault, &["RUS"], &[]);
        assert_eq!(never.decide(&one_side, &doc), None);
    }
}
