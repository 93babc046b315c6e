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
pub use dyad_events::{decide, roles::phrase_head, EventLexicon};
pub use dyad_ingest::SourceDocument;
pub use dyad_model::*;
pub use dyad_syntax::{Analysis, Analyzer, SentenceDoc};

/// Errors building a pipeline: a data file that does not parse.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("actor lexicon: {0}")]
    Actors(#[from] dyad_actors::ActorError),
    #[error("event lexicon: {0}")]
    Events(#[from] dyad_events::EventError),
    #[error("syntax models: {0}")]
    Syntax(#[from] dyad_syntax::AnalyzerError),
}

/// A document the pipeline could not read: a bug in dyad, caught so that one document
/// never stops a batch. Names the document.
#[derive(Debug, thiserror::Error)]
#[error("document {id}: internal error while extracting: {message} (please report this input)")]
pub struct ExtractError {
    pub id: String,
    pub message: String,
}

/// Lexicons loaded once, then applied to any number of documents.
#[derive(Clone, Debug)]
pub struct Pipeline {
    syntax: Analyzer,
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
            syntax: Analyzer::from_data(data)?,
            actors: ActorLexicon::from_data(data)?,
            events: EventLexicon::from_data(data)?,
        })
    }

    pub fn actor_lexicon(&self) -> &ActorLexicon {
        &self.actors
    }

    /// This pipeline with another type decision for its events
    /// ([`dyad_events::decide`]).
    pub fn with_event_decider(
        mut self,
        decider: std::sync::Arc<dyn dyad_events::decide::TypeDecider>,
    ) -> Pipeline {
        self.events = self.events.with_decider(decider);
        self
    }

    /// This pipeline with another name tagger for its actors, or none (the recogniser's
    /// rules alone: what the tagger's trainer reads as features).
    pub fn with_name_tagger(
        mut self,
        tagger: Option<std::sync::Arc<dyad_actors::ner::NameTagger>>,
    ) -> Pipeline {
        self.actors = self.actors.with_name_tagger(tagger);
        self
    }

    /// The analysis of `text` and the candidate events the rules propose in it, before
    /// the type decision and the document's merge: what a learned type decision trains on.
    pub fn candidates(&self, text: &str, published: Option<Date>) -> (Analysis, Vec<Event>) {
        let doc = self.syntax.analyze(text);
        let actors = self.actors.recognize(text, &doc.layer, published);
        let events = self.events.candidates(&dyad_events::CodingInput {
            doc_id: "candidates",
            text,
            doc: &doc,
            actors: &actors,
            published,
        });
        (doc, events)
    }

    /// The syntax layer (tagger, parser, lemmatiser).
    pub fn analyzer(&self) -> &Analyzer {
        &self.syntax
    }

    /// The sentence documents of `text`: what every stage after it reads.
    pub fn analyze(&self, text: &str) -> Analysis {
        self.syntax.analyze(text)
    }

    /// [`Pipeline::extract`], with a panic inside the pipeline (a bug) turned into an
    /// [`ExtractError`] for this document instead of ending the process. Edges that read
    /// many documents (the CLI, the store, the server, the Python binding) use this.
    pub fn try_extract(&self, source: SourceDocument) -> Result<Extraction, ExtractError> {
        let id = source.id.clone();
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.extract(source))).map_err(
            |payload| {
                let message = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "panic".to_string());
                ExtractError { id, message }
            },
        )
    }

    /// Reads one document: sentence documents (tokens, tags, lemmas, parse), actors, events.
    pub fn extract(&self, source: SourceDocument) -> Extraction {
        let text = source.text;
        let doc = self.syntax.analyze(&text);
        let actors = self.actors.recognize(&text, &doc.layer, source.published);
        let events = self.events.code(&dyad_events::CodingInput {
            doc_id: &source.id,
            text: &text,
            doc: &doc,
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
