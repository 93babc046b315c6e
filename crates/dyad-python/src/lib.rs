//! The Python binding of dyad (module `dyad`, built with maturin as one abi3 wheel) and the
//! pure-Rust pieces it is made of, so that Spark jobs run the same code as `dyad extract`
//! and the store:
//!
//! - [`extract`]: documents from any input `dyad extract` reads (text, HTML, JSONL, WARC,
//!   feeds, gzip), with the CLI's rules (English only unless asked, `--published` default,
//!   near-duplicates within one input);
//! - [`columns`]: the Arrow schemas of documents, per-document events ("reports") and
//!   merged events, and builders that turn extractions into record batches;
//! - [`merge`]: the store's cross-article merge rule ([`dyad_merge`]) applied to the reports
//!   of one blocking key, as a Spark `groupBy(block).applyInArrow` aggregation calls it;
//! - `python` (feature `python`): the PyO3 module over the three.
//!
//! Without the `python` feature the crate builds and tests with plain cargo and no Python.

pub mod columns;
pub mod extract;
pub mod merge;
#[cfg(feature = "python")]
mod python;

/// Errors of the binding's Rust side.
#[derive(Debug, thiserror::Error)]
pub enum BindingError {
    #[error("arrow: {0}")]
    Arrow(#[from] arrow_schema::ArrowError),
    #[error("column {0:?} is missing or has the wrong type")]
    Column(String),
    #[error("row {row}: event_json: {message}")]
    EventJson { row: usize, message: String },
    #[error("pipeline: {0}")]
    Pipeline(#[from] dyad_core::PipelineError),
}
