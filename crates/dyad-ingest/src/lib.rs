//! Readers: turn the bytes of one input (a file's contents, a request body) into clean
//! documents. No file-system access: callers hand in a name (for format detection and
//! error messages) and bytes.
//!
//! INTERFACE (fixed; the pipeline and the CLI depend on it): [`read`], [`Format`],
//! [`SourceDocument`], [`IngestError`].

use dyad_model::{Date, Removed};

/// The input formats dyad reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Jsonl,
    Warc,
    Feed,
}

/// One document as read from its input, cleaned, before language analysis.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SourceDocument {
    pub id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<Date>,
    pub source: Option<String>,
    pub language: Option<String>,
    /// Cleaned body text: paragraphs separated by blank lines, notices removed.
    pub text: String,
    /// What cleaning removed, with the rule that removed it.
    pub removed: Vec<Removed>,
}

/// A document or record that could not be read. Names the input and, where it applies,
/// the record (1-based line of a JSONL file, record of a WARC).
#[derive(Debug, thiserror::Error)]
#[error("{input}{}: {message}", record.map(|r| format!(":{r}")).unwrap_or_default())]
pub struct IngestError {
    pub input: String,
    pub record: Option<usize>,
    pub message: String,
}

/// Detects the format of `bytes` from the input's name and, failing that, its content.
pub fn detect(_name: &str, _bytes: &[u8]) -> Format {
    Format::Text
}

/// Reads every document of one input. A broken record yields an `Err` for that record and
/// reading goes on with the next. `name` is the input's name (a path, or `-`).
pub fn read<'a>(
    name: &'a str,
    bytes: &'a [u8],
) -> Box<dyn Iterator<Item = Result<SourceDocument, IngestError>> + 'a> {
    let text = String::from_utf8_lossy(bytes).into_owned();
    Box::new(std::iter::once(Ok(SourceDocument {
        id: name.to_string(),
        text,
        ..Default::default()
    })))
}
