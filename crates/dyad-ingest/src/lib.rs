//! Readers: turn the bytes of one input (a file's contents, a request body) into clean
//! documents. No file-system access: callers hand in a name (for format detection and
//! error messages) and bytes.
//!
//! INTERFACE (fixed; the pipeline and the CLI depend on it): [`read`], [`Format`],
//! [`SourceDocument`], [`IngestError`].
//!
//! How a read goes:
//! 1. gzip input (by magic bytes, whatever the name) is decompressed, with a hard cap on
//!    the decompressed size ([`gzip`]);
//! 2. the format is detected from the name and, failing that, the content ([`detect`]);
//! 3. the format's reader builds paragraphs and metadata ([`text`], [`jsonl`], [`html`]);
//! 4. notices (paywall, cookie, newsletter, share, "read more" ...) are removed from the
//!    paragraphs of every format, each removal recorded in [`SourceDocument::removed`]
//!    ([`notices`]);
//! 5. every document's language is identified ([`language`]).
//!
//! Files and crawl archives are better read with [`stream`] / [`read_stream`]: from any
//! `BufRead`, WARC record by record ([`warc`]) and JSONL line by line, memory bounded by
//! the largest record, with records passed over on purpose reported as
//! [`Entry::Skipped`] (non-HTML, HTTP errors, too large ...). [`read`] reads WARC and
//! feeds ([`feed`]) through the same readers and drops the skipped records.
//! [`NearDuplicates`] ([`dedupe`]) finds syndicated copies across a run.

pub mod dates;
pub mod dedupe;
mod detect;
mod feed;
pub mod gzip;
pub mod html;
mod jsonl;
pub mod language;
pub mod notices;
pub mod stream;
pub mod text;
mod warc;

use dyad_model::{Date, Removed};

pub use dedupe::NearDuplicates;
pub use detect::detect;
pub use stream::{read_stream, stream, stream_with, Entry, Limits, SkipReason, Skipped};

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
    /// The byline, when the page gives one.
    pub author: Option<String>,
    pub language: Option<String>,
    /// Cleaned body text: paragraphs separated by blank lines, notices removed.
    pub text: String,
    /// What cleaning removed, with the rule that removed it.
    pub removed: Vec<Removed>,
}

/// The language dyad's lexicons code (ISO 639-1).
pub const CODED_LANGUAGE: &str = "en";

impl SourceDocument {
    /// Whether the document is in the language dyad codes, or of no identified language.
    /// Every edge (`extract`, `ingest`, the Python binding) skips the others unless told
    /// to keep them.
    pub fn in_coded_language(&self) -> bool {
        self.language.as_deref().is_none_or(|l| l == CODED_LANGUAGE)
    }
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

impl IngestError {
    /// An error about the whole input.
    pub(crate) fn input(input: &str, message: impl Into<String>) -> IngestError {
        IngestError {
            input: input.to_string(),
            record: None,
            message: message.into(),
        }
    }
}

/// Reads every document of one input. A broken record yields an `Err` for that record and
/// reading goes on with the next. `name` is the input's name (a path, or `-`).
///
/// WARC and feeds are read by the streaming readers ([`stream`]), records they skip on
/// purpose left out; for large inputs prefer [`stream`], which does not need the whole
/// input in memory and reports what it skips.
pub fn read<'a>(
    name: &'a str,
    bytes: &'a [u8],
) -> Box<dyn Iterator<Item = Result<SourceDocument, IngestError>> + 'a> {
    let format = detect(name, bytes);
    if matches!(format, Format::Warc | Format::Feed) {
        return read_stream(name, Box::new(bytes));
    }
    let bytes: std::borrow::Cow<'a, [u8]> = if gzip::is_gzip(bytes) {
        match gzip::decompress(bytes, gzip::MAX_DECOMPRESSED) {
            Ok(plain) => std::borrow::Cow::Owned(plain),
            Err(e) => {
                return Box::new(std::iter::once(Err(IngestError::input(
                    name,
                    e.to_string(),
                ))))
            }
        }
    } else {
        std::borrow::Cow::Borrowed(bytes)
    };
    let documents: Box<dyn Iterator<Item = Result<SourceDocument, IngestError>> + 'a> = match format
    {
        Format::Html => Box::new(std::iter::once(Ok(html::read_html(name, &bytes)))),
        Format::Jsonl => Box::new(jsonl::JsonlReader::new(name, bytes.into_owned())),
        Format::Text | Format::Warc | Format::Feed => {
            Box::new(std::iter::once(Ok(text::read_text(name, &bytes))))
        }
    };
    Box::new(documents.map(|doc| doc.map(stream::finished)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warc_and_feeds_are_read_in_memory_too() {
        assert_eq!(read("crawl.warc.gz", b"WARC/1.0\r\n").count(), 1);
        let err = read("crawl.warc.gz", b"WARC/1.0\r\n")
            .next()
            .unwrap()
            .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("crawl.warc.gz:1: truncated record"),
            "{err}"
        );
        let docs: Vec<_> = read("-", b"<?xml version=\"1.0\"?><rss><channel/></rss>").collect();
        assert!(docs.iter().all(Result::is_err), "{docs:?}");
        let feed = b"<rss version=\"2.0\"><channel><title>T</title><item><title>x</title><description>Kim met Belousov.</description></item></channel></rss>";
        let docs: Vec<_> = read("-", feed).map(Result::unwrap).collect();
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].text, "Kim met Belousov.");
    }

    #[test]
    fn gzip_is_transparent_whatever_the_name() {
        let packed = gzip::tests_support::gzip(b"Kim met Belousov in Pyongyang on Friday.");
        for name in ["a.txt.gz", "a.bin", "-"] {
            let doc = read(name, &packed).next().unwrap().unwrap();
            assert_eq!(
                doc.text, "Kim met Belousov in Pyongyang on Friday.",
                "{name}"
            );
        }
    }

    #[test]
    fn truncated_gzip_is_an_error_not_a_panic() {
        let packed = gzip::tests_support::gzip(&b"Kim met Belousov in Pyongyang. ".repeat(500));
        let cut = &packed[..packed.len() / 2];
        let err = read("a.txt.gz", cut).next().unwrap().unwrap_err();
        assert!(err.to_string().starts_with("a.txt.gz: "), "{err}");
        assert!(err.message.contains("gzip"), "{err}");
    }

    #[test]
    fn binary_junk_never_panics() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let junk: Vec<u8> = (0..20_000)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 24) as u8
            })
            .collect();
        for name in [
            "junk",
            "junk.txt",
            "junk.html",
            "junk.jsonl",
            "junk.gz",
            "junk.warc",
        ] {
            for doc in read(name, &junk) {
                let _ = doc;
            }
        }
        let mut gz = vec![0x1f, 0x8b];
        gz.extend_from_slice(&junk);
        for doc in read("junk", &gz) {
            let _ = doc;
        }
    }
}
