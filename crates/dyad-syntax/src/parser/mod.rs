//! A greedy transition-based dependency parser producing Universal Dependencies trees.
//!
//! Design (the proven fast one, with the choices measured in `data/README.md`):
//! arc-eager transitions ([`state`]) chosen one at a time by an averaged perceptron over
//! the rich feature set of Zhang & Nivre (2011) ([`features`]); each arc's relation is
//! chosen when the arc is made by a second perceptron over arc features, so later
//! decisions see the relations already built. Weights live in hashed rows, quantised to
//! 16 bits ([`model`]). Training ([`train`]) uses the dynamic oracle of Goldberg & Nivre
//! (2012) with error exploration, on gold trees made projective by lifting.
//!
//! ```
//! use dyad_text::{TaggedToken, Upos, Xpos};
//! let parser = dyad_syntax::Parser::from_data(&dyad_data::DataSet::embedded()).unwrap();
//! let t = |upos, xpos| TaggedToken { upos, xpos };
//! let words = ["Rebels", "attacked", "the", "base", "."];
//! let tags = [
//!     t(Upos::Noun, Xpos::Nns),
//!     t(Upos::Verb, Xpos::Vbd),
//!     t(Upos::Det, Xpos::Dt),
//!     t(Upos::Noun, Xpos::Nn),
//!     t(Upos::Punct, Xpos::Period),
//! ];
//! let arcs = parser.parse(&words, &tags);
//! assert_eq!(arcs[0].head, 2);
//! assert_eq!(arcs[0].rel.name(), "nsubj");
//! assert_eq!(arcs[1].head, 0);
//! assert_eq!(arcs[3].rel.name(), "obj");
//! ```

pub mod features;
pub mod model;
pub mod state;
pub mod train;

use dyad_text::TaggedToken;

use crate::Rel;
use features::{Words, ARC_FEATURES, TRANSITION_FEATURES};
pub use model::{Model, ModelError};
use state::{Move, State};

/// The model file, relative to `data/`.
pub const MODEL_FILE: &str = "models/parser-en-ewt.bin";

/// One word's arc: its head (1-based word index, 0 for the root) and relation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arc {
    pub head: usize,
    pub rel: Rel,
}

/// Errors of loading the parser.
#[derive(Debug, thiserror::Error)]
pub enum ParserError {
    #[error(transparent)]
    Data(#[from] dyad_data::DataError),
    #[error(transparent)]
    Model(#[from] ModelError),
}

/// The parser: load once ([`Parser::from_data`]), parse many sentences.
#[derive(Clone, Debug)]
pub struct Parser {
    model: Model,
}

/// Reusable buffers of one parsing thread.
#[derive(Debug, Default)]
pub struct Scratch {
    words: Words,
    state: State,
    scores: Vec<i32>,
    label_scores: Vec<i32>,
}

impl Parser {
    /// Loads the model [`MODEL_FILE`] from a data set (normally the embedded one).
    pub fn from_data(data: &dyad_data::DataSet) -> Result<Parser, ParserError> {
        let bytes = data.require_bytes(MODEL_FILE)?;
        Ok(Parser::new(Model::from_bytes(MODEL_FILE, bytes)?))
    }

    pub fn new(model: Model) -> Parser {
        Parser { model }
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Parses one sentence given as words and their tags (same length).
    pub fn parse(&self, words: &[&str], tags: &[TaggedToken]) -> Vec<Arc> {
        let mut out = Vec::with_capacity(words.len());
        self.parse_into(words, tags, &mut Scratch::default(), &mut out);
        out
    }

    /// [`Parser::parse`] into `out` (cleared), reusing `scratch`.
    pub fn parse_into(
        &self,
        words: &[&str],
        tags: &[TaggedToken],
        scratch: &mut Scratch,
        out: &mut Vec<Arc>,
    ) {
        out.clear();
        let n = words.len().min(tags.len());
        if n == 0 {
            return;
        }
        let Scratch {
            words: w,
            state,
            scores,
            label_scores,
        } = scratch;
        w.load(&words[..n], &tags[..n]);
        state.reset(n);
        let mut keys = [0; TRANSITION_FEATURES];
        while !state.is_terminal() {
            scores.clear();
            scores.resize(4, 0);
            features::transition(w, state, &mut keys);
            self.model.transitions.add(&keys, scores);
            let m = best_move(state, scores);
            let rel = match m {
                Move::Left => self.label(w, state, state.next, state.stack_at(0), label_scores),
                Move::Right => self.label(w, state, state.stack_at(0), state.next, label_scores),
                Move::Shift | Move::Reduce => Rel::DEP,
            };
            state.apply(m, rel);
        }
        state.finish(|s, head, dep| self.label(w, s, head, dep, label_scores));
        out.extend((1..=n).map(|d| Arc {
            head: state.heads[d],
            rel: state.rels[d].unwrap_or(Rel::DEP),
        }));
    }

    /// The relation of the arc `head → dep`: `root` from the root, else the best other.
    fn label(
        &self,
        words: &Words,
        state: &State,
        head: usize,
        dep: usize,
        scores: &mut Vec<i32>,
    ) -> Rel {
        if head == 0 {
            return Rel::ROOT;
        }
        scores.clear();
        scores.resize(self.model.relations.len(), 0);
        let mut keys = [0; ARC_FEATURES];
        features::arc(words, state, head, dep, &mut keys);
        self.model.labels.add(&keys, scores);
        best_relation(&self.model.relations, scores)
    }
}

/// The highest-scoring valid move (SHIFT when none is valid, which cannot happen before
/// the end).
pub(crate) fn best_move(state: &State, scores: &[i32]) -> Move {
    let mut best = None;
    for m in Move::ALL {
        if state.is_valid(m) && best.is_none_or(|b: Move| scores[m.index()] > scores[b.index()]) {
            best = Some(m);
        }
    }
    best.unwrap_or(Move::Shift)
}

/// The highest-scoring relation other than `root`.
pub(crate) fn best_relation<S: PartialOrd + Copy>(relations: &[Rel], scores: &[S]) -> Rel {
    let mut best: Option<usize> = None;
    for (i, r) in relations.iter().enumerate() {
        if *r != Rel::ROOT && best.is_none_or(|b| scores[i] > scores[b]) {
            best = Some(i);
        }
    }
    best.map_or(Rel::DEP, |i| relations[i])
}
