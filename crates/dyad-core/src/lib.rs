//! The dyad pipeline: one [`SourceDocument`] in, one [`Extraction`] (the cleaned document,
//! its entities and its events) out. Pure: no I/O, no global state; build one
//! [`Pipeline`] and share it across threads.
//!
//! ```
//! use dyad_core::Pipeline;
//! use dyad_ingest::SourceDocument;
//!
//! let pipeline = Pipeline::embedded().unwrap();
//! let doc = SourceDocument {
//!     id: "d1".into(),
//!     text: "Russia and China signed a trade agreement on Monday.".into(),
//!     published: Some("2024-06-05".parse().unwrap()),
//!     ..Default::default()
//! };
//! let extraction = pipeline.extract(doc);
//! assert_eq!(extraction.doc.id, "d1");
//! ```

pub use dyad_actors::{ActorLexicon, Actors};
pub use dyad_data::DataSet;
pub use dyad_events::EventLexicon;
pub use dyad_ingest::SourceDocument;
pub use dyad_model::*;

/// Errors building a pipeline: a data file that does not parse.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("actor lexicon: {0}")]
    Actors(#[from] dyad_actors::ActorError),
    #[error("event lexicon: {0}")]
    Events(#[from] dyad_events::EventError),
}

/// Lexicons loaded once, then applied to any number of documents.
#[derive(Clone, Debug)]
pub struct Pipeline {
    actors: ActorLexicon,
    events: EventLexicon,
}

impl Pipeline {
    /// A pipeline over the data files compiled into the binary.
    pub fn embedded() -> Result<Pipeline, PipelineError> {
        Pipeline::from_data(&DataSet::embedded())
    }

    /// A pipeline over the given data files.
    pub fn from_data(data: &DataSet) -> Result<Pipeline, PipelineError> {
        Ok(Pipeline {
            actors: ActorLexicon::from_data(data)?,
            events: EventLexicon::from_data(data)?,
        })
    }

    pub fn actor_lexicon(&self) -> &ActorLexicon {
        &self.actors
    }

    /// Reads one document: sentences, actors, events.
    pub fn extract(&self, source: SourceDocument) -> Extraction {
        let text = source.text;
        let layer = dyad_text::analyze(&text);
        let actors = self.actors.recognize(&text, &layer, source.published);
        let events = self.events.code(&dyad_events::CodingInput {
            doc_id: &source.id,
            text: &text,
            layer: &layer,
            actors: &actors,
            published: source.published,
        });
        Extraction {
            doc: Document {
                id: source.id,
                url: source.url,
                title: source.title,
                published: source.published,
                source: source.source,
                author: source.author,
                language: source.language,
                text,
                duplicate_of: None,
            },
            entities: actors.entities,
            events,
            removed: source.removed,
        }
    }
}
