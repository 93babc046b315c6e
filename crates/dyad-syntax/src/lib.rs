//! The syntax layer of dyad: a trained dependency parser producing Universal Dependencies
//! trees ([`parser`]), the relation inventory ([`Rel`]), lemmas and the sentence document
//! that every later stage reads.

pub mod doc;
pub mod lemma;
pub mod parser;
pub mod rel;
pub mod repair;

pub use doc::{Analysis, Analyzer, AnalyzerError, SentenceDoc};
pub use lemma::Lemmatizer;
pub use parser::{Arc, Parser, ParserError};
pub use rel::Rel;
