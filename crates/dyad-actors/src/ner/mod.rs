//! A learned name tagger beside the recogniser's rules: it judges the names the rules
//! discovered in the text and could not code ("Middle East Branch" is no person,
//! "Thanksgiving" no name at all).
//!
//! It runs after the recogniser and reads what the recogniser found (each token's
//! entity class and mention kind are features, [`features::Known`]), so it learns when a
//! gazetteer hit is a name and how names the lists miss look: their shape, their words,
//! their neighbours, whether the document also writes the word in lower case. A greedy
//! left-to-right averaged perceptron over BIO labels (`O`, `B-PER`, `I-PER`, `B-ORG`, …),
//! trained by `examples/train_ner.rs` of `dyad-cli` (ARCHITECTURE.md, "Models"); the
//! model is `data/models/ner-en.tsv`.
//!
//! What it changes ([`NameTagger::apply`]): a discovered name it reads as no name is
//! dropped, a discovered entity most of whose names it reads as another class takes that
//! class. It never touches what the gazetteer or the known people coded, and it adds
//! nothing (measured: the spans it finds where the rules found nothing were mostly wrong).

pub mod features;
pub mod train;

use std::collections::{HashMap, HashSet};

use dyad_data::{DataError, DataSet};
use dyad_model::{Entity, EntityType, Span};
use dyad_text::hash::KeyMap;
use dyad_text::TextLayer;

use crate::{ActorMention, MentionKind};
use features::{Known, SentenceView, Sink};

/// Where the model lives in the data directory.
pub const MODEL_FILE: &str = "models/ner-en.tsv";

/// The first line of a model file.
pub const MAGIC: &str = "# dyad name tagger v1";

/// A BIO label: an index into [`LABELS`].
pub type Label = u8;

/// The labels, in the order of a feature's weights.
pub const LABELS: [&str; 7] = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"];

const O: Label = 0;
const N: usize = LABELS.len();

/// The class of a label (`PER`, `ORG`, `LOC`), none for `O`.
pub fn class_of(label: Label) -> Option<&'static str> {
    LABELS[label as usize].get(2..)
}

/// Whether `label` begins a span.
fn begins(label: Label) -> bool {
    label % 2 == 1
}

/// Whether `label` may follow `prev` (an `I-X` only after `B-X` or `I-X`).
pub fn allowed(prev: Label, label: Label) -> bool {
    label == O || begins(label) || (prev != O && class_of(prev) == class_of(label))
}

/// The best allowed label of `scores` after `prev`.
pub fn best(scores: &[f32; N], prev: Label) -> Label {
    let mut best = O;
    for l in 1..N as Label {
        if allowed(prev, l) && scores[l as usize] > scores[best as usize] {
            best = l;
        }
    }
    best
}

/// The trained tagger: one weight per label for each feature key.
#[derive(Clone, Default)]
pub struct NameTagger {
    weights: KeyMap<[f32; N]>,
}

impl std::fmt::Debug for NameTagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "NameTagger({} features)", self.weights.len())
    }
}

/// Adds a feature's weights to the scores.
struct Scores<'m> {
    model: &'m KeyMap<[f32; N]>,
    scores: [f32; N],
}

impl Scores<'_> {
    fn add_key(&mut self, key: u64) {
        if let Some(w) = self.model.get(&key) {
            for (s, w) in self.scores.iter_mut().zip(w) {
                *s += w;
            }
        }
    }
}

impl Sink for Scores<'_> {
    fn add(&mut self, template: u8, value: &str) {
        self.add_key(features::key(template, value));
    }

    fn add2(&mut self, template: u8, a: &str, b: &str) {
        self.add_key(features::key2(template, a, b));
    }
}

impl NameTagger {
    /// The tagger of `data`'s [`MODEL_FILE`], if the data has one.
    pub fn from_data(data: &DataSet) -> Result<Option<NameTagger>, DataError> {
        data.get(MODEL_FILE)
            .map(|text| NameTagger::from_model_text(MODEL_FILE, text))
            .transpose()
    }

    /// Reads a model: [`MAGIC`], `#` comments, a `feature\tweights` header, then one
    /// feature per line, its name and its seven weights separated by spaces.
    pub fn from_model_text(file: &str, text: &str) -> Result<NameTagger, DataError> {
        let err = |line: usize, message: String| DataError::Format {
            file: file.to_string(),
            line,
            message,
        };
        let mut lines = text.lines().enumerate();
        if lines.next().map(|(_, l)| l.trim_end()) != Some(MAGIC) {
            return Err(err(
                1,
                format!("not a name tagger model: expected `{MAGIC}`"),
            ));
        }
        let mut weights = KeyMap::default();
        let mut header = false;
        for (i, line) in lines {
            let line = line.trim_end_matches('\r');
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, values) = line
                .split_once('\t')
                .ok_or_else(|| err(i + 1, "expected two tab-separated fields".into()))?;
            if !header {
                if (name, values) != ("feature", "weights") {
                    return Err(err(i + 1, "expected the header `feature\tweights`".into()));
                }
                header = true;
                continue;
            }
            let key = features::parse_name(name)
                .ok_or_else(|| err(i + 1, format!("unknown feature template in {name:?}")))?;
            let mut row = [0f32; N];
            let mut n = 0;
            for v in values.split(' ') {
                let slot = row
                    .get_mut(n)
                    .ok_or_else(|| err(i + 1, format!("more than {N} weights")))?;
                *slot = v
                    .parse()
                    .map_err(|_| err(i + 1, format!("not a weight: {v:?}")))?;
                n += 1;
            }
            if n != N {
                return Err(err(i + 1, format!("expected {N} weights, found {n}")));
            }
            weights.insert(key, row);
        }
        if !header {
            return Err(err(1, "no `feature\tweights` header".into()));
        }
        Ok(NameTagger { weights })
    }

    /// The model's size: features.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// The labels of one sentence, left to right.
    pub fn tag(&self, view: &SentenceView) -> Vec<Label> {
        let mut labels: Vec<Label> = Vec::with_capacity(view.len());
        for i in 0..view.len() {
            let prev = previous(&labels, i);
            let mut s = Scores {
                model: &self.weights,
                scores: [0.0; N],
            };
            view.features(i, prev, &mut s);
            labels.push(best(&s.scores, prev[0]));
        }
        labels
    }
}

/// The labels of the two tokens before `i`.
pub fn previous(labels: &[Label], i: usize) -> [Label; 2] {
    [
        i.checked_sub(1).map_or(O, |j| labels[j]),
        i.checked_sub(2).map_or(O, |j| labels[j]),
    ]
}

/// The recogniser's opinion of every token of `layer`, from the entities' mentions.
pub fn known_tokens(layer: &TextLayer, entities: &[Entity]) -> Vec<Known> {
    let mut known = vec![Known::default(); layer.tokens.len()];
    for e in entities {
        let class = match e.kind {
            EntityType::Person => "PER",
            EntityType::Organization => "ORG",
            EntityType::Country => "CTRY",
            EntityType::Location => "LOC",
            EntityType::Group => "GRP",
        };
        for m in &e.mentions {
            let kind = match m.kind {
                None | Some(MentionKind::Name) => "name",
                Some(MentionKind::ShortName) => "short",
                Some(MentionKind::Demonym) => "demonym",
                Some(MentionKind::Metonym) => "metonym",
                Some(MentionKind::Descriptor) => "descriptor",
                // A definite description ("the country") refers as a pronoun does.
                Some(MentionKind::Pronoun | MentionKind::Definite) => "pronoun",
                Some(MentionKind::Plural) => "plural",
            };
            let tokens = tokens_of(layer, m.start, m.end);
            for j in tokens.clone() {
                known[j] = Known {
                    class: Some(class),
                    begins: j == tokens.start,
                    kind,
                };
            }
        }
    }
    known
}

/// The words `text` writes in lower case somewhere.
pub fn lower_seen<'t>(text: &'t str, layer: &TextLayer) -> HashSet<&'t str> {
    layer
        .tokens
        .iter()
        .map(|t| t.text(text))
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .collect()
}

/// One span the tagger found: its tokens (a range of `layer.tokens`) and class.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameSpan {
    pub sentence: usize,
    pub tokens: std::ops::Range<usize>,
    pub class: &'static str,
}

/// The spans of labels `labels` of sentence `s`, whose first token is `offset`.
pub fn spans(labels: &[Label], s: usize, offset: usize) -> Vec<NameSpan> {
    let mut out: Vec<NameSpan> = Vec::new();
    for (i, &l) in labels.iter().enumerate() {
        let Some(class) = class_of(l) else { continue };
        match out.last_mut() {
            Some(last) if !begins(l) && last.tokens.end == offset + i => last.tokens.end += 1,
            _ => out.push(NameSpan {
                sentence: s,
                tokens: offset + i..offset + i + 1,
                class,
            }),
        }
    }
    out
}

impl NameTagger {
    /// The spans the tagger finds in the sentences `wanted` accepts (all: `|_| true`),
    /// given what the recogniser found.
    pub fn find(
        &self,
        text: &str,
        layer: &TextLayer,
        entities: &[Entity],
        wanted: impl Fn(usize) -> bool,
    ) -> Vec<NameSpan> {
        let known = known_tokens(layer, entities);
        let lower = lower_seen(text, layer);
        let mut out = Vec::new();
        for (s, sentence) in layer.sentences.iter().enumerate() {
            if !wanted(s) {
                continue;
            }
            let range = sentence.tokens.clone();
            let view = SentenceView::new(
                text,
                &layer.tokens[range.clone()],
                &known[range.clone()],
                &lower,
            );
            out.extend(spans(&self.tag(&view), s, range.start));
        }
        out
    }

    /// Revises the recogniser's output with the tagger's (`entities` and `mentions` as
    /// [`crate::ActorLexicon::recognize`] returns them: sorted mentions, entity ids
    /// `e1..` in order, which this keeps). Names the recogniser found by its
    /// rules and could not code are the tagger's to judge: one it reads as no name is
    /// dropped, one it reads as another class changes class ([`revise`]). Coded entities
    /// (the gazetteer's, the known people) are never touched, and nothing is added: spans
    /// the tagger finds where the recogniser found nothing were wrong more often than
    /// right when measured (ARCHITECTURE.md, "Models").
    pub fn apply(
        &self,
        text: &str,
        layer: &TextLayer,
        entities: &mut Vec<Entity>,
        mentions: &mut Vec<ActorMention>,
    ) {
        // Only sentences with a discovered name need the tagger (a token's features
        // never reach past its sentence).
        let mut wanted = vec![false; layer.sentences.len()];
        for m in entities
            .iter()
            .filter(|e| discovered(e))
            .flat_map(|e| &e.mentions)
        {
            if let Some(s) = layer.sentence_at(m.start) {
                wanted[s] = true;
            }
        }
        if !wanted.contains(&true) {
            return;
        }
        let found = self.find(text, layer, entities, |s| wanted[s]);
        if revise(layer, &found, entities, mentions) {
            crate::entities::drop_emptied(entities, mentions);
        }
    }
}

/// Whether entity `e` is the recogniser's own discovery: a named person, organisation or
/// place with no code, no role and no members.
fn discovered(e: &Entity) -> bool {
    e.code.is_none()
        && e.role.is_none()
        && e.members.is_empty()
        && matches!(
            e.kind,
            EntityType::Person | EntityType::Organization | EntityType::Location
        )
}

/// The tokens of `layer` inside the byte span `start..end`.
fn tokens_of(layer: &TextLayer, start: usize, end: usize) -> std::ops::Range<usize> {
    let first = layer.tokens.partition_point(|t| t.end <= start);
    let last = layer.tokens.partition_point(|t| t.start < end);
    first..last.max(first)
}

/// Drops the discovered names the tagger sees no name in (an entity left with no
/// mention goes with them) and gives a discovered entity the class the tagger gives
/// most of its names. Returns whether anything changed.
fn revise(
    layer: &TextLayer,
    found: &[NameSpan],
    entities: &mut [Entity],
    mentions: &mut Vec<ActorMention>,
) -> bool {
    let mut changed = false;
    for (ei, e) in entities.iter_mut().enumerate() {
        if !discovered(e) {
            continue;
        }
        let mut votes: HashMap<&'static str, usize> = HashMap::new();
        let mut dropped: Vec<Span> = Vec::new();
        for m in e.mentions.iter().filter(|m| m.kind.is_none()) {
            let toks = tokens_of(layer, m.start, m.end);
            let overlapping: Vec<&NameSpan> = found
                .iter()
                .filter(|f| f.tokens.start < toks.end && toks.start < f.tokens.end)
                .collect();
            match overlapping.as_slice() {
                [] => dropped.push(Span::new(m.start, m.end)),
                [one] if one.tokens == toks => *votes.entry(one.class).or_default() += 1,
                _ => {}
            }
        }
        if !dropped.is_empty() {
            e.mentions
                .retain(|m| !dropped.iter().any(|d| d.start == m.start && d.end == m.end));
            mentions.retain(|am| {
                am.entity != ei
                    || !dropped
                        .iter()
                        .any(|d| am.span.start <= d.start && d.end <= am.span.end)
            });
            changed = true;
        }
        let named = e.mentions.iter().filter(|m| m.kind.is_none()).count();
        if let Some((&class, &n)) = votes.iter().max_by_key(|(c, n)| (**n, **c)) {
            let kind = entity_type(class);
            if kind != e.kind && 2 * n > named {
                e.kind = kind;
                changed = true;
            }
        }
    }
    changed
}

fn entity_type(class: &str) -> EntityType {
    match class {
        "PER" => EntityType::Person,
        "ORG" => EntityType::Organization,
        _ => EntityType::Location,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bio_constraints() {
        assert!(allowed(O, 1));
        assert!(!allowed(O, 2));
        assert!(allowed(1, 2));
        assert!(!allowed(1, 4));
        assert!(allowed(4, 4));
        let mut scores = [0.0; N];
        scores[2] = 5.0;
        scores[1] = 1.0;
        assert_eq!(best(&scores, O), 1, "I-PER cannot start a span");
        assert_eq!(best(&scores, 1), 2);
    }

    #[test]
    fn spans_from_labels() {
        // B-PER I-PER O B-LOC B-LOC
        let s = spans(&[1, 2, 0, 5, 5], 3, 10);
        assert_eq!(
            s,
            vec![
                NameSpan {
                    sentence: 3,
                    tokens: 10..12,
                    class: "PER"
                },
                NameSpan {
                    sentence: 3,
                    tokens: 13..14,
                    class: "LOC"
                },
                NameSpan {
                    sentence: 3,
                    tokens: 14..15,
                    class: "LOC"
                },
            ]
        );
    }

    #[test]
    fn model_errors_name_file_and_line() {
        let bad = format!("{MAGIC}\nfeature\tweights\nw=obama\t0 1 0\n");
        let e = NameTagger::from_model_text("m.tsv", &bad)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("m.tsv:3:"), "{e}");
        let e = NameTagger::from_model_text("m.tsv", "hello")
            .unwrap_err()
            .to_string();
        assert!(e.contains("not a name tagger model"), "{e}");
        let e = NameTagger::from_model_text(
            "m.tsv",
            &format!("{MAGIC}\nfeature\tweights\nzz=1\t0 0 0 0 0 0 0\n"),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("unknown feature template"), "{e}");
        let ok = NameTagger::from_model_text(
            "m.tsv",
            &format!("{MAGIC}\nfeature\tweights\nw=obama\t0 1 0 0 0 0 0\n"),
        )
        .unwrap();
        assert_eq!(ok.len(), 1);
    }
}
