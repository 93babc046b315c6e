//! Ingestion by `POST /api/documents`: the request body becomes documents (JSONL lines as
//! `dyad extract` reads them, an HTML page or a plain text), each passes the same intake
//! as `dyad ingest` ([`dyad_store::Intake`]: language policy, default date, already
//! stored), is extracted by the shared pipeline and stored through the one writer in one
//! transaction: all of a request's documents are stored, or none.
//!
//! A body with a broken record (a line that is not JSON, has no text ...) is refused whole
//! (400, the error naming the line, every broken line listed in `errors`) and nothing is
//! stored. A document the pipeline fails on (a bug, caught) is listed in `errors` of the
//! 200 answer and the others are stored.
//!
//! Bodies may come compressed: `Content-Encoding: gzip` or `deflate` ([`Coding`]) is
//! undone, and so is a gzip file sent as it is (by its magic bytes). Decoded, a body may
//! hold at most [`BodyLimits::bytes`] bytes and [`BodyLimits::documents`] records; beyond
//! either, the request is refused (413) before anything is extracted or stored.

use std::io::{Cursor, Read};
use std::sync::Arc;

use dyad_ingest::{Entry, SourceDocument};
use dyad_model::{Date, Extraction};
use dyad_store::{intake::source_hash, Admission, Intake};
use serde::Serialize;

use crate::error::ApiError;
use crate::state::AppState;

/// What a body holds, from its content type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyKind {
    /// JSON Lines (or one JSON object, or an array of them).
    Jsonl,
    Html,
    Text,
}

impl BodyKind {
    /// The kind of a `Content-Type` value (parameters ignored), or `None` for a type the
    /// server does not read.
    pub fn from_content_type(value: &str) -> Option<BodyKind> {
        let mime = value
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        match mime.as_str() {
            "application/x-ndjson"
            | "application/jsonl"
            | "application/x-jsonlines"
            | "application/jsonlines"
            | "application/json" => Some(BodyKind::Jsonl),
            "text/html" | "application/xhtml+xml" => Some(BodyKind::Html),
            "text/plain" => Some(BodyKind::Text),
            _ => None,
        }
    }

    /// The input name the readers detect the format from; JSONL records without an id
    /// are named `body.jsonl:<line>`.
    fn input_name(self) -> &'static str {
        match self {
            BodyKind::Jsonl => "body.jsonl",
            BodyKind::Html => "body.html",
            BodyKind::Text => "body.txt",
        }
    }
}

/// A content coding of a request body (`Content-Encoding`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coding {
    Gzip,
    /// The zlib format (RFC 1950), as HTTP defines `deflate`; raw deflate data, which
    /// some clients send, is read too.
    Deflate,
}

impl Coding {
    /// The codings a `Content-Encoding` value lists, in the order they were applied
    /// (`identity` adds none); a coding the server cannot undo is an error naming it.
    pub fn parse_header(value: &str) -> Result<Vec<Coding>, String> {
        let mut codings = Vec::new();
        for name in value.split(',').map(|c| c.trim().to_ascii_lowercase()) {
            match name.as_str() {
                "gzip" | "x-gzip" => codings.push(Coding::Gzip),
                "deflate" => codings.push(Coding::Deflate),
                "identity" | "" => {}
                other => {
                    return Err(format!(
                        "Content-Encoding {other:?} is not read: send gzip, deflate or an \
                         uncompressed body"
                    ))
                }
            }
        }
        Ok(codings)
    }
}

/// What one body may hold once decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BodyLimits {
    /// Bytes after decompression (the server's `max_body`).
    pub bytes: usize,
    /// Records (documents, and records passed over or broken).
    pub documents: usize,
}

impl Default for BodyLimits {
    fn default() -> Self {
        BodyLimits {
            bytes: crate::state::DEFAULT_MAX_BODY,
            documents: crate::state::DEFAULT_MAX_DOCUMENTS,
        }
    }
}

/// The 413 of a body that decompresses to more than `limit` bytes.
fn decoded_too_large(limit: usize) -> ApiError {
    ApiError::new(
        axum::http::StatusCode::PAYLOAD_TOO_LARGE,
        format!(
            "body: decompresses to more than {limit} bytes, the limit of a request body \
             (--max-body); nothing was stored"
        ),
    )
}

/// All of `reader` (a decompressor), at most `limit` bytes.
fn inflate(reader: impl Read, limit: usize, what: &str) -> Result<Vec<u8>, ApiError> {
    let mut out = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    reader
        .take(cap)
        .read_to_end(&mut out)
        .map_err(|e| ApiError::bad_request(format!("body: not valid {what} data: {e}")))?;
    if out.len() > limit {
        return Err(decoded_too_large(limit));
    }
    Ok(out)
}

/// Whether `bytes` start with a zlib header (RFC 1950: deflate method, valid check bits).
fn is_zlib(bytes: &[u8]) -> bool {
    match bytes {
        [cmf, flg, ..] => cmf & 0x0f == 8 && (u16::from(*cmf) * 256 + u16::from(*flg)) % 31 == 0,
        _ => false,
    }
}

/// Undoes the `Content-Encoding` codings of a body (the last applied first), each within
/// `limit` decoded bytes.
pub fn decode(bytes: Vec<u8>, codings: &[Coding], limit: usize) -> Result<Vec<u8>, ApiError> {
    let mut bytes = bytes;
    for coding in codings.iter().rev() {
        bytes = match coding {
            Coding::Gzip => inflate(flate2::read::MultiGzDecoder::new(&bytes[..]), limit, "gzip")?,
            Coding::Deflate if is_zlib(&bytes) => {
                inflate(flate2::read::ZlibDecoder::new(&bytes[..]), limit, "deflate")?
            }
            Coding::Deflate => inflate(
                flate2::read::DeflateDecoder::new(&bytes[..]),
                limit,
                "deflate",
            )?,
        };
    }
    Ok(bytes)
}

/// Gzip files inside a body (by their magic bytes: the readers would decompress them
/// with no limit of the request's) decompressed within `limit` bytes; at most two layers.
fn ungzip(bytes: &[u8], limit: usize) -> Result<std::borrow::Cow<'_, [u8]>, ApiError> {
    let mut bytes = std::borrow::Cow::Borrowed(bytes);
    for _ in 0..2 {
        if !dyad_ingest::gzip::is_gzip(&bytes) {
            return Ok(bytes);
        }
        let plain = inflate(flate2::read::MultiGzDecoder::new(&bytes[..]), limit, "gzip")?;
        bytes = std::borrow::Cow::Owned(plain);
    }
    if dyad_ingest::gzip::is_gzip(&bytes) {
        return Err(ApiError::bad_request(
            "body: gzip inside gzip inside gzip is not read",
        ));
    }
    Ok(bytes)
}

/// Metadata given in the query string of an HTML or text body (they override what the
/// page says); for JSONL only `published` applies, as the date of lines without one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Overrides {
    pub id: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub source: Option<String>,
    pub published: Option<Date>,
}

/// One record that could not be read or extracted.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RecordError {
    /// 1-based line of a JSONL body, when it applies.
    pub line: Option<usize>,
    pub message: String,
}

/// One document of the body that is in the store after the request.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IngestedDocument {
    /// Row id (`/api/documents/{id}`).
    pub id: Option<i64>,
    /// The key the document is stored under: its id, or `id#2`, `id#3`... when another
    /// document (other content) was stored under its id (see `renamed_from`).
    pub doc_key: String,
    /// The document's own id when it is stored under another key.
    pub renamed_from: Option<String>,
    /// True when this request stored it; false when it was stored already.
    pub added: bool,
    /// Events coded in it (0 for documents stored already).
    pub events: usize,
}

impl IngestedDocument {
    /// A document of the body by its own id, with its stored row (id and key) if any.
    fn new(id: String, row: Option<(i64, String)>, added: bool, events: usize) -> Self {
        let (row, key) = match row {
            Some((row, key)) => (Some(row), key),
            None => (None, id.clone()),
        };
        IngestedDocument {
            id: row,
            renamed_from: (key != id).then_some(id),
            doc_key: key,
            added,
            events,
        }
    }
}

/// The answer of `POST /api/documents`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct IngestSummary {
    /// Documents this request stored.
    pub added: usize,
    /// Documents that were stored already (same content hash).
    pub duplicates: usize,
    /// Documents passed over: not in the coded language, or records the readers skip.
    pub skipped: usize,
    /// Events coded in the added documents.
    pub events: usize,
    /// Stored wire copies among the added documents.
    pub wire_copies: usize,
    /// Added documents stored under a new key because another document had their id.
    pub renamed: usize,
    pub errors: Vec<RecordError>,
    pub documents: Vec<IngestedDocument>,
}

/// Reads a body (its `Content-Encoding` undone: [`decode`]) into documents; broken
/// records make the whole body a 400, a body over `limits` a 413.
pub fn read_body(
    kind: BodyKind,
    bytes: &[u8],
    overrides: &Overrides,
    limits: BodyLimits,
) -> Result<(Vec<SourceDocument>, usize), ApiError> {
    let bytes = ungzip(bytes, limits.bytes)?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::bad_request("body: empty"));
    }
    let name = kind.input_name();
    let bytes: Vec<u8> = match kind {
        BodyKind::Jsonl => json_as_lines(&bytes).unwrap_or_else(|| bytes.to_vec()),
        _ => bytes.to_vec(),
    };
    let mut documents = Vec::new();
    let mut skipped = 0usize;
    let mut errors = Vec::new();
    for entry in dyad_ingest::stream(name, Box::new(Cursor::new(bytes))) {
        if documents.len() + skipped + errors.len() >= limits.documents {
            return Err(ApiError::new(
                axum::http::StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "body: more than {} documents, the limit of one request \
                     (--max-documents): split it; nothing was stored",
                    limits.documents
                ),
            ));
        }
        match entry {
            Ok(Entry::Document(doc)) => documents.push(doc),
            Ok(Entry::Skipped(_)) => skipped += 1,
            Err(e) => errors.push(RecordError {
                line: e.record,
                message: e.message,
            }),
        }
    }
    if let Some(first) = errors.first() {
        let place = match (kind, first.line) {
            (BodyKind::Jsonl, Some(line)) => format!("body line {line}"),
            _ => "body".to_string(),
        };
        let mut error =
            ApiError::bad_request(format!("{place}: {} (nothing was stored)", first.message));
        error.errors = errors
            .iter()
            .filter_map(|e| serde_json::to_value(e).ok())
            .collect();
        return Err(error);
    }
    if kind != BodyKind::Jsonl {
        for doc in &mut documents {
            apply(doc, overrides);
        }
    }
    if documents.is_empty() && skipped == 0 {
        return Err(ApiError::bad_request("body: no document in it"));
    }
    Ok((documents, skipped))
}

/// A JSON body that is one object or an array of objects (pretty-printed or not), as
/// JSON lines; `None` when it is not (then it is read as JSON lines).
fn json_as_lines(bytes: &[u8]) -> Option<Vec<u8>> {
    let value: serde_json::Value = serde_json::from_slice(bytes).ok()?;
    let records = match value {
        serde_json::Value::Array(items) => items,
        object @ serde_json::Value::Object(_) => vec![object],
        _ => return None,
    };
    let mut out = Vec::new();
    for record in records {
        serde_json::to_writer(&mut out, &record).ok()?;
        out.push(b'\n');
    }
    Some(out)
}

/// The query-string metadata over what an HTML or text body says; the id defaults to the
/// URL, else to a hash of the text, so that posting the same page twice stores it once.
fn apply(doc: &mut SourceDocument, overrides: &Overrides) {
    if let Some(url) = &overrides.url {
        doc.url = Some(url.clone());
    }
    if let Some(title) = &overrides.title {
        doc.title = Some(title.clone());
    }
    if let Some(source) = &overrides.source {
        doc.source = Some(source.clone());
    }
    if let Some(published) = overrides.published {
        doc.published = Some(published);
    }
    doc.id = match (&overrides.id, &doc.url) {
        (Some(id), _) => id.clone(),
        (None, Some(url)) => url.clone(),
        (None, None) => {
            let mut keyed = doc.clone();
            keyed.id = String::new();
            let hash = source_hash(&keyed);
            format!("post-{}", hash.get(..16).unwrap_or(&hash))
        }
    };
}

/// Ingests the documents of one body: intake, extraction, one write transaction.
pub async fn ingest(
    state: &AppState,
    documents: Vec<SourceDocument>,
    skipped: usize,
    intake: Intake,
) -> Result<IngestSummary, ApiError> {
    let mut summary = IngestSummary {
        skipped,
        ..IngestSummary::default()
    };
    // Admission runs on the writer connection: writes are one at a time anyway, and a
    // POST then never waits behind the readers of a busy server.
    let admissions = state
        .write(move |store| {
            documents
                .into_iter()
                .map(|doc| {
                    let key = doc.id.clone();
                    let admission = intake.admit(store, doc)?;
                    // The stored row of a document that is there already, to name it.
                    let row = match &admission {
                        Admission::AlreadyStored { hash } => store.stored_document(hash)?,
                        _ => None,
                    };
                    Ok((key, row, admission))
                })
                .collect::<Result<Vec<_>, dyad_store::StoreError>>()
                .map_err(ApiError::from)
        })
        .await?;
    let mut to_extract = Vec::new();
    let mut already = Vec::new();
    for (key, row, admission) in admissions {
        match admission {
            Admission::Extract(doc) => to_extract.push(*doc),
            Admission::OtherLanguage => summary.skipped += 1,
            Admission::AlreadyStored { .. } => already.push((key, row)),
        }
    }
    // Large bodies are extracted on several blocking threads, results kept in order.
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8);
    let chunk_size = to_extract.len().div_ceil(threads).max(16);
    let mut tasks = Vec::new();
    let mut rest = to_extract;
    while !rest.is_empty() {
        let tail = rest.split_off(chunk_size.min(rest.len()));
        let chunk = std::mem::replace(&mut rest, tail);
        let pipeline = Arc::clone(&state.shared.pipeline);
        tasks.push(tokio::task::spawn_blocking(move || {
            chunk
                .into_iter()
                .map(|doc| pipeline.try_extract(doc))
                .collect::<Vec<_>>()
        }));
    }
    let mut extracted: Vec<Result<Extraction, dyad_core::ExtractError>> = Vec::new();
    for task in tasks {
        extracted.extend(
            task.await
                .map_err(|e| ApiError::internal(format!("extraction task failed: {e}")))?,
        );
    }
    let mut extractions = Vec::new();
    for result in extracted {
        match result {
            Ok(extraction) => extractions.push(extraction),
            Err(e) => summary.errors.push(RecordError {
                line: None,
                message: e.to_string(),
            }),
        }
    }
    let written = state
        .write(move |store| {
            let mut outcomes = Vec::new();
            let mut batch = store.batch()?;
            for extraction in &extractions {
                let outcome = batch.add(extraction)?;
                outcomes.push(outcome);
            }
            batch.commit()?;
            let mut rows = Vec::new();
            for (extraction, outcome) in extractions.iter().zip(outcomes) {
                let row = store.stored_document(&dyad_store::content_hash(&extraction.doc))?;
                rows.push((
                    extraction.doc.id.clone(),
                    row,
                    outcome,
                    extraction.events.len(),
                ));
            }
            Ok::<_, ApiError>(rows)
        })
        .await?;
    for (id, row, outcome, events) in written {
        if outcome.stored {
            summary.added += 1;
            summary.events += events;
            if outcome.duplicate_of.is_some() {
                summary.wire_copies += 1;
            }
            if outcome.stored_as.is_some() {
                summary.renamed += 1;
            }
        } else {
            summary.duplicates += 1;
        }
        summary.documents.push(IngestedDocument::new(
            id,
            row,
            outcome.stored,
            if outcome.stored { events } else { 0 },
        ));
    }
    summary.duplicates += already.len();
    for (id, row) in already {
        summary
            .documents
            .push(IngestedDocument::new(id, row, false, 0));
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_choose_the_reader() {
        assert_eq!(
            BodyKind::from_content_type("application/x-ndjson"),
            Some(BodyKind::Jsonl)
        );
        assert_eq!(
            BodyKind::from_content_type("Application/JSON; charset=utf-8"),
            Some(BodyKind::Jsonl)
        );
        assert_eq!(
            BodyKind::from_content_type("text/html;charset=UTF-8"),
            Some(BodyKind::Html)
        );
        assert_eq!(
            BodyKind::from_content_type("text/plain"),
            Some(BodyKind::Text)
        );
        assert_eq!(BodyKind::from_content_type("image/png"), None);
    }

    #[test]
    fn broken_lines_refuse_the_body_naming_the_line() {
        let body = b"{\"id\":\"a\",\"text\":\"Russia and China signed a deal.\"}\n{not json\n";
        let err = read_body(
            BodyKind::Jsonl,
            body,
            &Overrides::default(),
            BodyLimits::default(),
        )
        .unwrap_err();
        assert!(err.message.starts_with("body line 2: "), "{}", err.message);
        assert_eq!(err.errors.len(), 1);
        assert!(read_body(
            BodyKind::Jsonl,
            b"  \n",
            &Overrides::default(),
            BodyLimits::default()
        )
        .is_err());
    }

    #[test]
    fn json_objects_and_arrays_are_read_as_lines() {
        let body = br#"[{"id": "a", "text": "Russia and China signed a deal."},
                        {"id": "b", "text": "Japan protested."}]"#;
        let (docs, _) = read_body(
            BodyKind::Jsonl,
            body,
            &Overrides::default(),
            BodyLimits::default(),
        )
        .unwrap();
        assert_eq!(docs.len(), 2);
        let body = b"{\n  \"id\": \"c\",\n  \"text\": \"Kim met Belousov.\"\n}";
        let (docs, _) = read_body(
            BodyKind::Jsonl,
            body,
            &Overrides::default(),
            BodyLimits::default(),
        )
        .unwrap();
        assert_eq!(docs[0].id, "c");
    }

    #[test]
    fn query_metadata_overrides_a_page_and_ids_are_stable() {
        let overrides = Overrides {
            title: Some("Talks".into()),
            published: Some("2025-02-03".parse().unwrap()),
            ..Overrides::default()
        };
        let body = b"Russia and China signed a trade agreement in Beijing on Monday.";
        let (docs, _) = read_body(BodyKind::Text, body, &overrides, BodyLimits::default()).unwrap();
        let (again, _) =
            read_body(BodyKind::Text, body, &overrides, BodyLimits::default()).unwrap();
        assert_eq!(docs[0].title.as_deref(), Some("Talks"));
        assert_eq!(docs[0].published, overrides.published);
        assert!(docs[0].id.starts_with("post-"), "{}", docs[0].id);
        assert_eq!(docs[0].id, again[0].id);
        let with_url = Overrides {
            url: Some("https://example.org/a".into()),
            ..overrides
        };
        let (docs, _) = read_body(BodyKind::Text, body, &with_url, BodyLimits::default()).unwrap();
        assert_eq!(docs[0].id, "https://example.org/a");
    }
}
