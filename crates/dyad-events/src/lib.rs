//! Event coding: reads PLOVER events from the sentences of a document whose actors are
//! known.
//!
//! INTERFACE (fixed; the pipeline depends on it): [`EventLexicon::from_data`],
//! [`EventLexicon::code`], [`CodingInput`].

pub mod dates;
pub mod magnitude;

use dyad_actors::Actors;
use dyad_data::{DataError, DataSet};
use dyad_model::{Date, Event};
use dyad_text::TextLayer;

/// Errors loading the event lexicon.
#[derive(Debug, thiserror::Error)]
pub enum EventError {
    #[error(transparent)]
    Data(#[from] DataError),
}

/// What the coder reads for one document.
pub struct CodingInput<'a> {
    /// Used to build event ids (`{doc_id}-ev{n}`).
    pub doc_id: &'a str,
    pub text: &'a str,
    pub layer: &'a TextLayer,
    pub actors: &'a Actors,
    /// Publication date, against which relative dates resolve.
    pub published: Option<Date>,
}

/// Triggers, CAMEO codes, Goldstein scores and the other word lists of event coding.
#[derive(Clone, Debug, Default)]
pub struct EventLexicon {}

impl EventLexicon {
    /// Builds the lexicon from the data files (`events/...`).
    pub fn from_data(_data: &DataSet) -> Result<EventLexicon, EventError> {
        Ok(EventLexicon {})
    }

    /// Codes the events of one document.
    pub fn code(&self, _input: &CodingInput<'_>) -> Vec<Event> {
        Vec::new()
    }
}
