//! Actor recognition: finds the countries, people, organisations, groups and places of a
//! document and resolves each to an ISO country code and a PLOVER/CAMEO sector.
//!
//! INTERFACE (fixed; the event coder and the pipeline depend on it): [`ActorLexicon`],
//! [`Actors`], [`ActorMention`], [`MentionKind`].

use dyad_data::{DataError, DataSet};
use dyad_model::{Date, Entity, Span};
use dyad_text::TextLayer;

/// How an actor is named at one place in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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
}

/// One actor mention, pointing at its entity in [`Actors::entities`].
#[derive(Clone, Debug, PartialEq)]
pub struct ActorMention {
    /// Index into [`Actors::entities`].
    pub entity: usize,
    /// The words of the mention (for "Russia's Defense Minister Andrei Belousov" the
    /// whole phrase).
    pub span: Span,
    /// Index of the sentence in [`TextLayer::sentences`].
    pub sentence: usize,
    pub kind: MentionKind,
}

/// The actors of one document.
#[derive(Clone, Debug, Default)]
pub struct Actors {
    /// Entities with ids `e1`, `e2`, ... in order of first mention, each with all its
    /// mentions (text and byte offsets) filled in.
    pub entities: Vec<Entity>,
    /// Every mention, sorted by start offset, non-overlapping.
    pub mentions: Vec<ActorMention>,
}

impl Actors {
    /// The mentions that lie inside `span`.
    pub fn mentions_in(&self, span: Span) -> impl Iterator<Item = &ActorMention> {
        let first = self.mentions.partition_point(|m| m.span.start < span.start);
        self.mentions[first..]
            .iter()
            .take_while(move |m| m.span.start < span.end)
            .filter(move |m| m.span.end <= span.end)
    }

    /// The mention that covers byte offset `pos`, if any.
    pub fn mention_at(&self, pos: usize) -> Option<&ActorMention> {
        let i = self.mentions.partition_point(|m| m.span.end <= pos);
        self.mentions.get(i).filter(|m| m.span.start <= pos)
    }
}

/// Errors loading the actor lexicon.
#[derive(Debug, thiserror::Error)]
pub enum ActorError {
    #[error(transparent)]
    Data(#[from] DataError),
}

/// Everything the recogniser knows: countries, places, organisations, role words, people.
#[derive(Clone, Debug, Default)]
pub struct ActorLexicon {}

impl ActorLexicon {
    /// Builds the lexicon from the data files (`actors/...`).
    pub fn from_data(_data: &DataSet) -> Result<ActorLexicon, ActorError> {
        Ok(ActorLexicon {})
    }

    /// Finds the actors of `text`. `published` makes dated roles date-aware.
    pub fn recognize(&self, _text: &str, _layer: &TextLayer, _published: Option<Date>) -> Actors {
        Actors::default()
    }
}
