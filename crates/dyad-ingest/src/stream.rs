//! Streaming input: documents read from any [`BufRead`] without holding the whole input,
//! so that memory is bounded by the largest record, not by the size of the file.
//!
//! - gzip (by magic bytes, whatever the name; multi-member, as crawl archives are) is
//!   decompressed as it is read;
//! - the format is detected from the name and, failing that, the first
//!   64 KiB of (decompressed) content;
//! - WARC is read record by record ([`crate::warc`]), JSONL line by line; plain text, HTML
//!   and feeds are buffered whole, up to [`Limits`];
//! - every document gets its language ([`crate::language`]).
//!
//! Besides documents, the stream yields [`Skipped`] entries for records it passes over on
//! purpose (non-HTML responses, HTTP errors, records over the size limits, ...), each with
//! a [`SkipReason`], so that callers can count them. A record that is broken is an
//! [`IngestError`] naming the input and record; reading goes on when the reader can find
//! the next record, else the stream ends after the error.

use std::io::{BufRead, BufReader, Cursor, Read};

use crate::{detect, feed, html, jsonl, language, text, warc, Format, IngestError};
use crate::{gzip, SourceDocument};

/// Most bytes of one page or document: an HTML or text file, the HTTP body of a WARC
/// record, a JSONL line (16 MiB).
pub const MAX_PAGE_BYTES: usize = 16 * 1024 * 1024;
/// Most bytes of a feed file (64 MiB).
pub const MAX_FEED_BYTES: usize = 64 * 1024 * 1024;
/// Most bytes of a WARC record's header block, or of an HTTP response head (256 KiB).
pub const MAX_HEADER_BYTES: usize = 256 * 1024;
/// Buffer size of decompressing readers.
const BUFFER_BYTES: usize = 256 * 1024;

/// Size limits of a streaming read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// See [`MAX_PAGE_BYTES`].
    pub page_bytes: usize,
    /// See [`MAX_FEED_BYTES`].
    pub feed_bytes: usize,
    /// See [`MAX_HEADER_BYTES`].
    pub header_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            page_bytes: MAX_PAGE_BYTES,
            feed_bytes: MAX_FEED_BYTES,
            header_bytes: MAX_HEADER_BYTES,
        }
    }
}

/// Why a record was passed over.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SkipReason {
    /// A WARC record that is not an HTTP response (`warcinfo`, `request`, `metadata`,
    /// `revisit`, DNS ...).
    NotResponse,
    /// A response or item whose content is not HTML (PDF, images, JSON ...).
    NonHtml,
    /// An HTTP response with a status other than 2xx.
    HttpError,
    /// A record, page or line over the size limits ([`Limits`]).
    TooLarge,
    /// A body in a content encoding dyad cannot decode (`br`, `zstd` ...), or corrupt.
    BadEncoding,
    /// A page or item with no article text.
    Empty,
    /// A document in a language other than the one wanted (decided by callers).
    Language,
}

impl SkipReason {
    /// Every reason, in the order summaries list them.
    pub const ALL: [SkipReason; 7] = [
        SkipReason::Language,
        SkipReason::NonHtml,
        SkipReason::HttpError,
        SkipReason::TooLarge,
        SkipReason::Empty,
        SkipReason::BadEncoding,
        SkipReason::NotResponse,
    ];

    /// The reason's name in messages and summaries.
    pub fn as_str(self) -> &'static str {
        match self {
            SkipReason::NotResponse => "not-response",
            SkipReason::NonHtml => "non-html",
            SkipReason::HttpError => "http-error",
            SkipReason::TooLarge => "too-large",
            SkipReason::BadEncoding => "bad-encoding",
            SkipReason::Empty => "empty",
            SkipReason::Language => "language",
        }
    }
}

impl std::fmt::Display for SkipReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A record passed over on purpose, with where it was and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub input: String,
    /// 1-based record (WARC record, JSONL line, feed item), when it applies.
    pub record: Option<usize>,
    pub reason: SkipReason,
    /// What was skipped, for a message: `"HTTP 404 https://..."`, `"application/pdf"`.
    pub detail: String,
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.input)?;
        if let Some(record) = self.record {
            write!(f, ":{record}")?;
        }
        write!(f, ": skipped ({}): {}", self.reason, self.detail)
    }
}

/// One item of a stream: a document, or a record passed over.
#[derive(Clone, Debug, PartialEq)]
pub enum Entry {
    Document(SourceDocument),
    Skipped(Skipped),
}

/// The items of a stream.
pub type Entries<'a> = Box<dyn Iterator<Item = Result<Entry, IngestError>> + 'a>;

/// Reads one input as a stream of documents and skipped records, with the default
/// [`Limits`]. `name` is the input's name (a path, or `-`), for detection and messages.
pub fn stream<'a>(name: &'a str, input: Box<dyn BufRead + 'a>) -> Entries<'a> {
    stream_with(name, input, Limits::default())
}

/// Reads one input as a stream of documents only (skipped records are dropped), with the
/// default [`Limits`].
pub fn read_stream<'a>(
    name: &'a str,
    input: Box<dyn BufRead + 'a>,
) -> Box<dyn Iterator<Item = Result<SourceDocument, IngestError>> + 'a> {
    Box::new(stream(name, input).filter_map(|item| match item {
        Ok(Entry::Document(doc)) => Some(Ok(doc)),
        Ok(Entry::Skipped(_)) => None,
        Err(e) => Some(Err(e)),
    }))
}

/// [`stream`] with explicit limits.
pub fn stream_with<'a>(name: &'a str, input: Box<dyn BufRead + 'a>, limits: Limits) -> Entries<'a> {
    let (magic, input) = peek(input, 2);
    let compressed = gzip::is_gzip(&magic);
    let input: Box<dyn BufRead + 'a> = if compressed {
        Box::new(BufReader::with_capacity(
            BUFFER_BYTES,
            flate2::bufread::MultiGzDecoder::new(input),
        ))
    } else {
        input
    };
    let (prefix, input) = peek(input, detect::SNIFF_BYTES);
    let format = detect::detect_prefix(name, &prefix);
    let source = Source { name, compressed };
    let entries: Entries<'a> = match format {
        Format::Warc => Box::new(warc::WarcReader::new(name, compressed, input, limits)),
        Format::Jsonl => Box::new(JsonlStream {
            name,
            input,
            limit: limits.page_bytes,
            line: 0,
            buffer: Vec::new(),
            compressed,
            done: false,
        }),
        Format::Feed => match source.read_whole(input, limits.feed_bytes, "feed") {
            Ok(bytes) => Box::new(feed::read_feed(name, &bytes).into_iter()),
            Err(item) => Box::new(std::iter::once(*item)),
        },
        Format::Text | Format::Html => match source.read_whole(input, limits.page_bytes, "page") {
            Ok(bytes) => {
                let doc = if format == Format::Html {
                    html::read_html(name, &bytes)
                } else {
                    text::read_text(name, &bytes)
                };
                Box::new(std::iter::once(Ok(Entry::Document(doc))))
            }
            Err(item) => Box::new(std::iter::once(*item)),
        },
    };
    Box::new(entries.map(move |item| match item {
        Ok(Entry::Document(doc)) => Ok(finish(name, doc)),
        other => other,
    }))
}

/// A document as a stream yields it ([`finished`]), or, when it has no text left, a
/// record skipped as empty.
fn finish(name: &str, doc: SourceDocument) -> Entry {
    let doc = finished(doc);
    if doc.text.trim().is_empty() {
        return Entry::Skipped(Skipped {
            input: name.to_string(),
            record: None,
            reason: SkipReason::Empty,
            detail: format!("document {:?} has no text", doc.id),
        });
    }
    Entry::Document(doc)
}

/// What every reader does last to a document: invisible formatting characters removed
/// from its text and title ([`text::remove_invisible`]: "Rus\u{200b}sia" is "Russia"
/// again for recognition), then its language set from its text ([`language::resolve`]).
pub(crate) fn finished(mut doc: SourceDocument) -> SourceDocument {
    if let std::borrow::Cow::Owned(text) = text::remove_invisible(&doc.text) {
        doc.text = text;
    }
    if let Some(title) = &doc.title {
        if let std::borrow::Cow::Owned(visible) = text::remove_invisible(title) {
            doc.title = Some(visible).filter(|t| !t.is_empty());
        }
    }
    doc.language = language::resolve(&doc.text, doc.language.as_deref());
    doc
}

/// The input being read, for messages.
struct Source<'a> {
    name: &'a str,
    compressed: bool,
}

impl Source<'_> {
    /// All of a small input, or the item to yield instead: a skip when it is over `limit`
    /// bytes, an error when it cannot be read.
    fn read_whole(
        &self,
        input: Box<dyn BufRead + '_>,
        limit: usize,
        what: &str,
    ) -> Result<Vec<u8>, Box<Result<Entry, IngestError>>> {
        let mut bytes = Vec::new();
        let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
        if let Err(e) = input.take(cap).read_to_end(&mut bytes) {
            return Err(Box::new(Err(IngestError::input(
                self.name,
                read_error_message(&e, self.compressed),
            ))));
        }
        if bytes.len() > limit {
            return Err(Box::new(Ok(Entry::Skipped(Skipped {
                input: self.name.to_string(),
                record: None,
                reason: SkipReason::TooLarge,
                detail: format!(
                    "{what} is larger than the limit of {} (read stopped there)",
                    human_bytes(limit)
                ),
            }))));
        }
        Ok(bytes)
    }
}

/// The message for a read error: gzip errors (corrupt data, early end of a compressed
/// stream) are named as such.
pub(crate) fn read_error_message(error: &std::io::Error, compressed: bool) -> String {
    if error
        .get_ref()
        .is_some_and(|inner| inner.is::<LineTooLong>())
    {
        error.to_string()
    } else if compressed {
        format!("truncated or corrupt gzip data: {error}")
    } else {
        format!("read error: {error}")
    }
}

/// `bytes` for messages: `16 MiB`, `512 KiB`, `100 bytes`.
pub(crate) fn human_bytes(bytes: usize) -> String {
    const KIB: usize = 1024;
    const MIB: usize = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= MIB {
        format!("{:.1} MiB", bytes as f64 / MIB as f64)
    } else if bytes >= KIB && bytes.is_multiple_of(KIB) {
        format!("{} KiB", bytes / KIB)
    } else {
        format!("{bytes} bytes")
    }
}

/// Reads up to `n` bytes from the start of `input` (fewer at its end) and gives them back
/// with a reader that yields them again, followed by the rest. A read error while peeking
/// is not lost: the returned reader yields the bytes read before it, then the error.
fn peek<'a>(mut input: Box<dyn BufRead + 'a>, n: usize) -> (Vec<u8>, Box<dyn BufRead + 'a>) {
    let mut prefix = Vec::with_capacity(n.min(BUFFER_BYTES));
    let mut failed = None;
    while prefix.len() < n {
        let available = match input.fill_buf() {
            Ok(available) => available,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                failed = Some(e);
                break;
            }
        };
        if available.is_empty() {
            break;
        }
        let take = available.len().min(n - prefix.len());
        prefix.extend_from_slice(&available[..take]);
        input.consume(take);
    }
    let replay = Cursor::new(prefix.clone());
    let rest: Box<dyn BufRead + 'a> = match failed {
        Some(error) => Box::new(BufReader::new(Failing(Some(error)))),
        None => input,
    };
    (prefix, Box::new(replay.chain(rest)))
}

/// A reader that fails with the error it holds (then with a copy of its kind).
struct Failing(Option<std::io::Error>);

impl Read for Failing {
    fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
        Err(self
            .0
            .take()
            .unwrap_or_else(|| std::io::Error::other("input ended after an earlier error")))
    }
}

/// How many times its limit a line may run on before reading gives up on the input:
/// passing over the rest of an over-long line costs reading it, and a gzip bomb without
/// line breaks (1 GiB of zeros in 1 MB) would otherwise be decompressed to its end.
const SKIP_FACTOR: usize = 16;

/// A line that runs on past [`SKIP_FACTOR`] times its limit: reading stops there.
#[derive(Debug, thiserror::Error)]
#[error("a line runs on past {} without a line break; the rest of the input is not read", human_bytes(*.0))]
pub(crate) struct LineTooLong(usize);

/// Reads one line (through its `\n`) into `buffer`, keeping at most `limit` bytes of it
/// and passing over the rest. Returns the bytes consumed (0 at the end of the input) and
/// whether the line was longer than `limit`. A line longer than [`SKIP_FACTOR`] × `limit`
/// is an error ([`LineTooLong`], kind `InvalidData`): the input is not read further.
pub(crate) fn read_line_bounded(
    input: &mut dyn BufRead,
    buffer: &mut Vec<u8>,
    limit: usize,
) -> std::io::Result<(usize, bool)> {
    buffer.clear();
    let (mut consumed, mut over) = (0usize, false);
    let give_up = limit
        .saturating_mul(SKIP_FACTOR)
        .max(limit.saturating_add(1));
    loop {
        if consumed > give_up {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                LineTooLong(give_up),
            ));
        }
        let available = match input.fill_buf() {
            Ok(available) => available,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok((consumed, over));
        }
        let (chunk, complete) = match available.iter().position(|&b| b == b'\n') {
            Some(end) => (&available[..=end], true),
            None => (available, false),
        };
        let room = limit.saturating_sub(buffer.len());
        if chunk.len() > room {
            over = true;
            buffer.extend_from_slice(&chunk[..room]);
        } else {
            buffer.extend_from_slice(chunk);
        }
        let used = chunk.len();
        input.consume(used);
        consumed += used;
        if complete {
            return Ok((consumed, over));
        }
    }
}

/// JSON Lines read line by line (see [`crate::jsonl`] for the fields).
struct JsonlStream<'a> {
    name: &'a str,
    input: Box<dyn BufRead + 'a>,
    limit: usize,
    line: usize,
    buffer: Vec<u8>,
    compressed: bool,
    done: bool,
}

impl Iterator for JsonlStream<'_> {
    type Item = Result<Entry, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let (consumed, over) =
                match read_line_bounded(&mut self.input, &mut self.buffer, self.limit) {
                    Ok(read) => read,
                    Err(e) => {
                        self.done = true;
                        return Some(Err(IngestError {
                            input: self.name.to_string(),
                            record: Some(self.line + 1),
                            message: read_error_message(&e, self.compressed),
                        }));
                    }
                };
            if consumed == 0 {
                self.done = true;
                return None;
            }
            self.line += 1;
            if over {
                return Some(Ok(Entry::Skipped(Skipped {
                    input: self.name.to_string(),
                    record: Some(self.line),
                    reason: SkipReason::TooLarge,
                    detail: format!("line is longer than {}", human_bytes(self.limit)),
                })));
            }
            let raw = if self.line == 1 {
                self.buffer
                    .strip_prefix(b"\xef\xbb\xbf")
                    .unwrap_or(&self.buffer)
            } else {
                &self.buffer
            };
            // JSON is UTF-8; a line that is not is decoded as plain text is (Latin-1 ...).
            let text = crate::html::encoding::decode_plain(raw);
            let text = text.trim();
            if text.is_empty() {
                continue;
            }
            return Some(jsonl::read_line_record(self.name, self.line, text).map(Entry::Document));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gzip::tests_support::gzip;

    fn entries(name: &str, bytes: &[u8]) -> Vec<Result<Entry, IngestError>> {
        stream(name, Box::new(bytes)).collect()
    }

    fn documents(items: &[Result<Entry, IngestError>]) -> Vec<&SourceDocument> {
        items
            .iter()
            .filter_map(|i| match i {
                Ok(Entry::Document(doc)) => Some(doc),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn text_html_and_jsonl_stream_like_read() {
        let cases: [(&str, &[u8]); 3] = [
            ("a.txt", b"Kim met Belousov in Pyongyang on Friday."),
            (
                "a.html",
                b"<html><body><p>Kim met Belousov in Pyongyang on Friday.</p></body></html>",
            ),
            (
                "a.jsonl",
                b"{\"id\": \"x\", \"text\": \"Kim met Belousov in Pyongyang on Friday.\"}\n",
            ),
        ];
        for (name, bytes) in cases {
            let read: Vec<_> = crate::read(name, bytes).map(|d| d.unwrap()).collect();
            let streamed = entries(name, bytes);
            let streamed = documents(&streamed);
            assert_eq!(streamed.len(), 1, "{name}");
            assert_eq!(streamed[0], &read[0], "{name}");
            let packed = gzip(bytes);
            let streamed = entries(&format!("{name}.gz"), &packed);
            assert_eq!(documents(&streamed)[0].text, read[0].text, "{name}.gz");
        }
    }

    #[test]
    fn jsonl_lines_errors_and_long_lines() {
        let long = format!(
            "{{\"id\": \"long\", \"text\": \"{}\"}}",
            "word ".repeat(100)
        );
        let input = format!(
            "\u{feff}{{\"id\": \"a\", \"text\": \"First.\"}}\n\n{{broken\n{long}\n{{\"text\": \"Last.\"}}"
        );
        let limits = Limits {
            page_bytes: 200,
            ..Limits::default()
        };
        let items: Vec<_> = stream_with("in.jsonl", Box::new(input.as_bytes()), limits).collect();
        assert_eq!(items.len(), 4, "{items:?}");
        assert!(matches!(&items[0], Ok(Entry::Document(d)) if d.id == "a" && d.text == "First."));
        let err = items[1].as_ref().unwrap_err();
        assert_eq!(err.record, Some(3));
        assert!(
            err.to_string().starts_with("in.jsonl:3: not valid JSON"),
            "{err}"
        );
        match &items[2] {
            Ok(Entry::Skipped(s)) => {
                assert_eq!((s.reason, s.record), (SkipReason::TooLarge, Some(4)));
                assert_eq!(
                    s.to_string(),
                    "in.jsonl:4: skipped (too-large): line is longer than 200 bytes"
                );
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(&items[3], Ok(Entry::Document(d)) if d.id == "in.jsonl:5"));
    }

    #[test]
    fn truncated_gzip_is_an_error_naming_the_input() {
        let packed = gzip(&b"Kim met Belousov in Pyongyang. ".repeat(5000));
        let cut = &packed[..packed.len() / 2];
        let items = entries("a.txt.gz", cut);
        assert_eq!(items.len(), 1);
        let err = items[0].as_ref().unwrap_err();
        assert!(
            err.to_string()
                .starts_with("a.txt.gz: truncated or corrupt gzip data"),
            "{err}"
        );
        // JSONL: the complete lines before the cut are read, then one error.
        let lines: String = (0..3000)
            .map(|i| format!("{{\"id\": \"{i}\", \"text\": \"Kim met Belousov {i}.\"}}\n"))
            .collect();
        let packed = gzip(lines.as_bytes());
        let items = entries("d.jsonl.gz", &packed[..packed.len() - 20]);
        let (last, before) = items.split_last().unwrap();
        assert!(before.len() > 1000 && before.iter().all(Result::is_ok));
        let err = last.as_ref().unwrap_err();
        assert!(err.message.contains("gzip"), "{err}");
        assert_eq!(err.record, Some(before.len() + 1));
    }

    #[test]
    fn a_page_over_the_limit_is_skipped_with_a_message() {
        let page = format!("<html><body><p>{}</p></body></html>", "x".repeat(5000));
        let limits = Limits {
            page_bytes: 4096,
            ..Limits::default()
        };
        let items: Vec<_> = stream_with("big.html", Box::new(page.as_bytes()), limits).collect();
        assert_eq!(items.len(), 1);
        match &items[0] {
            Ok(Entry::Skipped(s)) => {
                assert_eq!(s.reason, SkipReason::TooLarge);
                assert_eq!(
                    s.to_string(),
                    "big.html: skipped (too-large): page is larger than the limit of 4 KiB (read stopped there)"
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn fifty_megabyte_single_line_page_is_skipped_not_read() {
        let mut page = b"<html><body><p>".to_vec();
        page.resize(50 * 1024 * 1024, b'a');
        let items = entries("huge.html", &page);
        assert!(
            matches!(&items[..], [Ok(Entry::Skipped(s))] if s.reason == SkipReason::TooLarge),
            "{items:?}"
        );
        // As a JSONL line, too: skipped, and the next line is read.
        let mut jsonl = b"{\"text\": \"".to_vec();
        jsonl.resize(50 * 1024 * 1024, b'a');
        jsonl.extend_from_slice(b"\"}\n{\"id\": \"next\", \"text\": \"Kim met Belousov.\"}\n");
        let items = entries("huge.jsonl", &jsonl);
        assert_eq!(items.len(), 2);
        assert!(matches!(&items[0], Ok(Entry::Skipped(s)) if s.reason == SkipReason::TooLarge));
        assert!(matches!(&items[1], Ok(Entry::Document(d)) if d.id == "next"));
    }

    #[test]
    fn invalid_utf8_never_panics() {
        let mut bytes = b"Kim met Belousov in Pyongyang \xff\xfe on Friday. \xc3".to_vec();
        bytes.extend_from_slice(&[0xe2, 0x82]);
        for name in ["a.txt", "a.html", "a.jsonl", "a.rss", "a.warc", "-"] {
            for item in entries(name, &bytes) {
                let _ = item;
            }
        }
        // Not UTF-8: read in the single-byte code page the detector guesses.
        let items = entries("a.txt", &bytes);
        let doc = documents(&items)[0];
        assert!(
            doc.text.starts_with("Kim met Belousov in Pyongyang "),
            "{}",
            doc.text
        );
    }

    #[test]
    fn invisible_characters_go_and_documents_without_text_are_skipped() {
        let items = entries(
            "a.txt",
            "Rus\u{200b}sia and Chi\u{2066}na\u{2069} signed a trade agreement.".as_bytes(),
        );
        assert_eq!(
            documents(&items)[0].text,
            "Russia and China signed a trade agreement."
        );
        let jsonl = "{\"id\": \"a\", \"text\": \"\"}\n{\"id\": \"b\", \"text\": \" \\u200b \"}\n\
                     {\"id\": \"c\", \"text\": \"Kim met Belousov.\"}\n";
        let items = entries("in.jsonl", jsonl.as_bytes());
        let skipped: Vec<String> = items
            .iter()
            .filter_map(|i| match i {
                Ok(Entry::Skipped(s)) if s.reason == SkipReason::Empty => Some(s.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(
            skipped,
            [
                "in.jsonl: skipped (empty): document \"a\" has no text",
                "in.jsonl: skipped (empty): document \"b\" has no text"
            ]
        );
        assert_eq!(documents(&items).len(), 1);
        let items = entries("empty.txt", b"");
        assert!(matches!(&items[..], [Ok(Entry::Skipped(s))] if s.reason == SkipReason::Empty));
    }

    #[test]
    fn languages_are_set_on_documents() {
        let english = "Russian Defence Minister Andrei Belousov arrived in Pyongyang on Friday for talks with North Korean leader Kim Jong Un, state media reported.";
        let french = "Le ministre russe de la Défense est arrivé vendredi à Pyongyang pour des entretiens avec le dirigeant nord-coréen, a rapporté la presse d'État.";
        let items = entries("en.txt", english.as_bytes());
        assert_eq!(documents(&items)[0].language.as_deref(), Some("en"));
        let items = entries("fr.txt", french.as_bytes());
        assert_eq!(documents(&items)[0].language.as_deref(), Some("fr"));
        let items = entries("short.txt", b"Egypt hosted talks.");
        assert_eq!(documents(&items)[0].language, None);
    }

    #[test]
    fn peek_replays_a_read_error_after_the_prefix() {
        struct Broken(usize);
        impl Read for Broken {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                if self.0 == 0 {
                    return Err(std::io::Error::other("disk on fire"));
                }
                let n = self.0.min(buf.len()).min(3);
                buf[..n].fill(b'a');
                self.0 -= n;
                Ok(n)
            }
        }
        let (prefix, mut rest) = peek(Box::new(BufReader::new(Broken(5))), 100);
        assert_eq!(prefix, b"aaaaa");
        let mut all = Vec::new();
        let err = rest.read_to_end(&mut all).unwrap_err();
        assert_eq!(all, b"aaaaa");
        assert_eq!(err.to_string(), "disk on fire");
    }

    #[test]
    fn bounded_lines() {
        let mut input: &[u8] = b"short\nmuch longer line\nend";
        let mut buffer = Vec::new();
        assert_eq!(
            read_line_bounded(&mut input, &mut buffer, 8).unwrap(),
            (6, false)
        );
        assert_eq!(buffer, b"short\n");
        assert_eq!(
            read_line_bounded(&mut input, &mut buffer, 8).unwrap(),
            (17, true)
        );
        assert_eq!(buffer, b"much lon");
        assert_eq!(
            read_line_bounded(&mut input, &mut buffer, 8).unwrap(),
            (3, false)
        );
        assert_eq!(
            read_line_bounded(&mut input, &mut buffer, 8).unwrap(),
            (0, false)
        );
        assert_eq!(human_bytes(MAX_PAGE_BYTES), "16 MiB");
        // A line that runs on past SKIP_FACTOR times the limit ends the read.
        let endless = vec![b'a'; 8 * SKIP_FACTOR + 100];
        let mut input: &[u8] = &endless;
        let err = read_line_bounded(&mut input, &mut buffer, 8).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::InvalidData);
        assert_eq!(
            read_error_message(&err, true),
            "a line runs on past 128 bytes without a line break; the rest of the input is not read"
        );
    }
}
