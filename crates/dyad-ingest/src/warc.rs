//! WARC reading (ISO 28500, WARC/1.0 and 1.1, as written by Common Crawl's CC-NEWS,
//! wget and heritrix), record by record from any [`BufRead`]: memory is bounded by the
//! largest record read, never by the file.
//!
//! A small parser of our own rather than the `warc` crate: the format is simple (a version
//! line, `Name: value` headers, a blank line, `Content-Length` bytes of block, CRLF CRLF),
//! and owning the loop gives size limits before any allocation, record numbers in
//! messages, and resynchronisation after a broken record.
//!
//! Records:
//! - `response` records holding an HTTP response (`application/http`) are parsed with
//!   `httparse` (leniently, as browsers read sloppy servers). A 2xx status with an HTML content type (`text/html`,
//!   `application/xhtml+xml`, or none and a body that looks like HTML) is a page; its body
//!   is decoded (`Content-Encoding` gzip/deflate, chunked transfer coding) and read by the
//!   HTML reader ([`crate::html`]). Character set: the HTTP header's `charset` when it
//!   names one (unless the body is valid UTF-8 with non-ASCII text, which legacy encodings
//!   practically never are), else the page's own declaration or a guess from the bytes.
//! - `resource` records whose block is an HTML page (`Content-Type: text/html`, as tools
//!   archiving files write them) are pages too.
//! - Everything else is skipped with a reason ([`SkipReason`]): other record types
//!   (`not-response`), non-HTML content (`non-html`), other statuses (`http-error`),
//!   records or bodies over the size limits (`too-large`, the block is passed over without
//!   being held), unknown or corrupt content encodings (`bad-encoding`), pages with no
//!   article text (`empty`).
//!
//! Document fields: `id` is the `WARC-Record-ID` (without `<>`; the target URI when there
//! is none); `url` the `WARC-Target-URI` (the address that was fetched); `title`, `author`
//! and `published` from the page; `source` the page's site name, else the URI's host.
//! **`published` falls back to the `WARC-Date` (the crawl date) only when the page gives
//! no date at all**: a crawl date is not a publication date, but news crawls (CC-NEWS)
//! fetch pages within hours or days of publication, which makes it a far better anchor
//! for relative dates ("on Friday") than none; a page's own date always wins.
//!
//! Errors: a record whose header is broken (no `WARC/` version line, no `Content-Length`,
//! headers over the limit) is one error naming the input and record number, and reading
//! resumes at the next line that starts a record. A record cut short by the end of the
//! input, or corrupt gzip, is one error and the end of the stream.

use std::borrow::Cow;
use std::io::{BufRead, Read};

use crate::stream::{human_bytes, read_error_message, read_line_bounded, Entry, Limits};
use crate::stream::{SkipReason, Skipped};
use crate::{dates, gzip, html, IngestError};

/// Most HTTP response headers parsed.
const MAX_HTTP_HEADERS: usize = 256;

/// Reads the records of one WARC input.
pub(crate) struct WarcReader<'a> {
    name: &'a str,
    compressed: bool,
    input: Box<dyn BufRead + 'a>,
    limits: Limits,
    /// Records started so far (the current record's 1-based number).
    record: usize,
    /// After a broken header: lines are passed over until one starts a record.
    resyncing: bool,
    done: bool,
    line: Vec<u8>,
}

/// Why a record could not be read.
struct RecordError {
    message: String,
    /// Whether reading can go on with the next record.
    resumable: bool,
    /// Whether the error is in bytes before the next record (named as that record).
    before_record: bool,
}

impl RecordError {
    fn resumable(message: impl Into<String>) -> RecordError {
        RecordError {
            message: message.into(),
            resumable: true,
            before_record: false,
        }
    }

    fn fatal(message: impl Into<String>) -> RecordError {
        RecordError {
            message: message.into(),
            resumable: false,
            before_record: false,
        }
    }
}

/// The header fields of one WARC record, names lower-cased.
#[derive(Debug, Default)]
struct Headers(Vec<(String, String)>);

impl Headers {
    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

impl<'a> WarcReader<'a> {
    pub fn new(
        name: &'a str,
        compressed: bool,
        input: Box<dyn BufRead + 'a>,
        limits: Limits,
    ) -> WarcReader<'a> {
        WarcReader {
            name,
            compressed,
            input,
            limits,
            record: 0,
            resyncing: false,
            done: false,
            line: Vec::new(),
        }
    }

    fn io_error(&self, error: &std::io::Error) -> RecordError {
        RecordError::fatal(read_error_message(error, self.compressed))
    }

    fn skipped(&self, reason: SkipReason, detail: String) -> Entry {
        Entry::Skipped(Skipped {
            input: self.name.to_string(),
            record: Some(self.record),
            reason,
            detail,
        })
    }

    /// Reads the next record; `Ok(None)` at the end of the input.
    fn read_record(&mut self) -> Result<Option<Entry>, RecordError> {
        // The version line, after blank lines (the CRLF CRLF ending the previous record)
        // and, when resynchronising, after anything that does not start a record.
        loop {
            let (consumed, _) =
                read_line_bounded(&mut self.input, &mut self.line, self.limits.header_bytes)
                    .map_err(|e| RecordError {
                        before_record: true,
                        ..self.io_error(&e)
                    })?;
            if consumed == 0 {
                return Ok(None);
            }
            if self.line.starts_with(b"WARC/") {
                self.resyncing = false;
                break;
            }
            if self.line.iter().all(u8::is_ascii_whitespace) || self.resyncing {
                continue;
            }
            self.resyncing = true;
            return Err(RecordError {
                before_record: true,
                ..RecordError::resumable(format!(
                    "not a WARC record: expected a \"WARC/1.x\" version line, found {:?}",
                    preview(&self.line)
                ))
            });
        }
        self.record += 1;
        let headers = self.read_headers()?;
        let length = match headers.get("content-length").map(str::parse::<u64>) {
            Some(Ok(length)) => length,
            Some(Err(_)) | None => {
                self.resyncing = true;
                return Err(RecordError::resumable(
                    "WARC record without a valid Content-Length",
                ));
            }
        };
        let kind = headers.get("warc-type").unwrap_or("unknown").to_string();
        let target = headers
            .get("warc-target-uri")
            .unwrap_or_default()
            .to_string();
        let is_http = headers
            .get("content-type")
            .is_none_or(|t| t.to_ascii_lowercase().contains("application/http"));
        if kind == "resource" && is_html_type(headers.get("content-type").unwrap_or_default()) {
            return self.resource(&headers, length).map(Some);
        }
        if kind != "response" || !is_http {
            self.pass_over(length)?;
            let what = if kind == "response" {
                format!(
                    "response record of type {}",
                    headers.get("content-type").unwrap_or_default()
                )
            } else {
                format!("{kind} record")
            };
            return Ok(Some(
                self.skipped(SkipReason::NotResponse, join_detail(&what, &target)),
            ));
        }
        let limit = self
            .limits
            .page_bytes
            .saturating_add(self.limits.header_bytes);
        if length > limit as u64 {
            self.pass_over(length)?;
            return Ok(Some(self.skipped(
                SkipReason::TooLarge,
                join_detail(
                    &format!(
                        "response of {} is over the limit of {}",
                        human_bytes(usize::try_from(length).unwrap_or(usize::MAX)),
                        human_bytes(self.limits.page_bytes)
                    ),
                    &target,
                ),
            )));
        }
        let block = self.read_block(length)?;
        self.response(&headers, &block).map(Some)
    }

    /// Reads header lines up to the blank line that ends them.
    fn read_headers(&mut self) -> Result<Headers, RecordError> {
        let mut headers = Headers::default();
        let mut total = 0usize;
        loop {
            let (consumed, over) =
                read_line_bounded(&mut self.input, &mut self.line, self.limits.header_bytes)
                    .map_err(|e| self.io_error(&e))?;
            if consumed == 0 {
                return Err(RecordError::fatal(
                    "truncated record: the input ends inside the WARC headers",
                ));
            }
            total += consumed;
            if over || total > self.limits.header_bytes {
                self.resyncing = true;
                return Err(RecordError::resumable(format!(
                    "WARC headers longer than {}",
                    human_bytes(self.limits.header_bytes)
                )));
            }
            let line = String::from_utf8_lossy(&self.line);
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                return Ok(headers);
            }
            if line.starts_with([' ', '\t']) {
                if let Some((_, value)) = headers.0.last_mut() {
                    value.push(' ');
                    value.push_str(line.trim());
                }
                continue;
            }
            if let Some((name, value)) = line.split_once(':') {
                headers
                    .0
                    .push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
            }
        }
    }

    /// Reads a record's block of `length` bytes.
    fn read_block(&mut self, length: u64) -> Result<Vec<u8>, RecordError> {
        // Callers check `length` against the limits first.
        let mut block = Vec::with_capacity(usize::try_from(length).unwrap_or(0));
        let read = (&mut self.input)
            .take(length)
            .read_to_end(&mut block)
            .map_err(|e| self.io_error(&e))?;
        if (read as u64) < length {
            return Err(RecordError::fatal(format!(
                "truncated record: Content-Length is {length} bytes but the input ends after {read}"
            )));
        }
        Ok(block)
    }

    /// Passes over a record's block of `length` bytes without holding it.
    fn pass_over(&mut self, length: u64) -> Result<(), RecordError> {
        let read = std::io::copy(&mut (&mut self.input).take(length), &mut std::io::sink())
            .map_err(|e| self.io_error(&e))?;
        if read < length {
            return Err(RecordError::fatal(format!(
                "truncated record: Content-Length is {length} bytes but the input ends after {read}"
            )));
        }
        Ok(())
    }

    /// The document (or skip) of a `resource` record whose block is an HTML page.
    fn resource(&mut self, headers: &Headers, length: u64) -> Result<Entry, RecordError> {
        let target = headers.get("warc-target-uri").unwrap_or_default();
        if length > self.limits.page_bytes as u64 {
            self.pass_over(length)?;
            return Ok(self.too_large(length, target));
        }
        let block = self.read_block(length)?;
        let content_type = headers.get("content-type").unwrap_or_default();
        Ok(self.page(headers, &block, content_type))
    }

    /// The skip of a page over the size limit.
    fn too_large(&self, length: u64, target: &str) -> Entry {
        self.skipped(
            SkipReason::TooLarge,
            join_detail(
                &format!(
                    "page of {} is over the limit of {}",
                    human_bytes(usize::try_from(length).unwrap_or(usize::MAX)),
                    human_bytes(self.limits.page_bytes)
                ),
                target,
            ),
        )
    }

    /// The document (or skip) of an HTTP response record.
    fn response(&self, headers: &Headers, block: &[u8]) -> Result<Entry, RecordError> {
        let target = headers.get("warc-target-uri").unwrap_or_default();
        let mut parsed = [httparse::EMPTY_HEADER; MAX_HTTP_HEADERS];
        let mut response = httparse::Response::new(&mut parsed);
        // Servers send sloppy heads; be as lenient as browsers are.
        let mut config = httparse::ParserConfig::default();
        config
            .allow_spaces_after_header_name_in_responses(true)
            .allow_multiple_spaces_in_response_status_delimiters(true)
            .allow_obsolete_multiline_headers_in_responses(true)
            .ignore_invalid_headers_in_responses(true);
        let head = match config.parse_response(&mut response, block) {
            Ok(httparse::Status::Complete(head)) => head,
            Ok(httparse::Status::Partial) => {
                return Err(RecordError::resumable(format!(
                    "HTTP response head is incomplete{}",
                    at(target)
                )))
            }
            Err(e) => {
                return Err(RecordError::resumable(format!(
                    "malformed HTTP response head ({e}){}",
                    at(target)
                )))
            }
        };
        let status = response.code.unwrap_or(0);
        let http_header = |name: &str| -> Option<String> {
            response
                .headers
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case(name))
                .map(|h| String::from_utf8_lossy(h.value).trim().to_string())
        };
        if !(200..300).contains(&status) {
            return Ok(self.skipped(
                SkipReason::HttpError,
                join_detail(&format!("HTTP {status}"), target),
            ));
        }
        let body = block.get(head..).unwrap_or_default();
        let content_type = http_header("content-type").unwrap_or_default();
        let mime = content_type
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        let body = match decode_body(
            body,
            http_header("transfer-encoding").as_deref(),
            http_header("content-encoding").as_deref(),
            self.limits.page_bytes,
        ) {
            Ok(body) => body,
            Err((reason, detail)) => return Ok(self.skipped(reason, join_detail(&detail, target))),
        };
        if !(is_html_type(&content_type) || (mime.is_empty() && looks_like_html(&body))) {
            let what = if mime.is_empty() {
                "no content type"
            } else {
                &mime
            };
            return Ok(self.skipped(SkipReason::NonHtml, join_detail(what, target)));
        }
        if body.len() > self.limits.page_bytes {
            return Ok(self.too_large(body.len() as u64, target));
        }
        Ok(self.page(headers, &body, &content_type))
    }

    /// The document (or `empty` skip) of an HTML page found in a record.
    fn page(&self, headers: &Headers, body: &[u8], content_type: &str) -> Entry {
        let target = headers.get("warc-target-uri").unwrap_or_default();
        let id = headers
            .get("warc-record-id")
            .map(|id| id.trim_matches(['<', '>', ' ']).to_string())
            .filter(|id| !id.is_empty())
            .unwrap_or_else(|| target.to_string());
        let body = transcode(body, charset(content_type).as_deref());
        let mut doc = html::read_html(&id, &body);
        if doc.text.trim().is_empty() {
            return self.skipped(SkipReason::Empty, join_detail("no article text", target));
        }
        doc.id = id;
        if !target.is_empty() {
            doc.url = Some(target.to_string());
        }
        if doc.published.is_none() {
            doc.published = headers.get("warc-date").and_then(dates::parse_date);
        }
        if doc.source.is_none() {
            doc.source = host(target);
        }
        Entry::Document(doc)
    }
}

impl Iterator for WarcReader<'_> {
    type Item = Result<Entry, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.read_record() {
            Ok(Some(entry)) => Some(Ok(entry)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(error) => {
                self.done = !error.resumable;
                Some(Err(IngestError {
                    input: self.name.to_string(),
                    record: Some(self.record + usize::from(error.before_record)),
                    message: error.message,
                }))
            }
        }
    }
}

/// A response body with its transfer and content codings undone, or why it cannot be.
fn decode_body<'b>(
    body: &'b [u8],
    transfer_encoding: Option<&str>,
    content_encoding: Option<&str>,
    limit: usize,
) -> Result<Cow<'b, [u8]>, (SkipReason, String)> {
    let mut body = Cow::Borrowed(body);
    if transfer_encoding.is_some_and(|t| t.to_ascii_lowercase().contains("chunked")) {
        // Crawlers usually store bodies de-chunked but keep the header: use the body as it
        // is when it does not parse as chunks.
        if let Some(plain) = dechunk(&body) {
            body = Cow::Owned(plain);
        }
    }
    let coding = content_encoding
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    match coding.as_str() {
        "" | "identity" | "none" => Ok(body),
        "gzip" | "x-gzip" | "deflate" => {
            // As with chunking, crawlers often store the decoded body with the header kept.
            let looks_encoded = if coding == "deflate" {
                !looks_like_html(&body)
            } else {
                gzip::is_gzip(&body)
            };
            if !looks_encoded {
                return Ok(body);
            }
            inflate(&body, &coding, limit).map(Cow::Owned)
        }
        other => Err((SkipReason::BadEncoding, format!("Content-Encoding {other}"))),
    }
}

/// Decompresses a gzip or deflate body, at most `limit` bytes of output; else the reason
/// to skip it.
fn inflate(body: &[u8], coding: &str, limit: usize) -> Result<Vec<u8>, (SkipReason, String)> {
    let too_large = || {
        (
            SkipReason::TooLarge,
            format!("page decompresses to more than {}", human_bytes(limit)),
        )
    };
    if coding != "deflate" {
        return gzip::decompress(body, limit).map_err(|e| match e {
            gzip::GzipError::TooLarge { .. } => too_large(),
            gzip::GzipError::Corrupt(e) => {
                (SkipReason::BadEncoding, format!("corrupt gzip body: {e}"))
            }
        });
    }
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    let mut out = Vec::new();
    // "deflate" is zlib-wrapped by the standard, raw deflate in practice as often.
    let zlib = flate2::read::ZlibDecoder::new(body)
        .take(cap)
        .read_to_end(&mut out);
    if zlib.is_err() {
        out.clear();
        flate2::read::DeflateDecoder::new(body)
            .take(cap)
            .read_to_end(&mut out)
            .map_err(|e| {
                (
                    SkipReason::BadEncoding,
                    format!("corrupt deflate body: {e}"),
                )
            })?;
    }
    if out.len() > limit {
        return Err(too_large());
    }
    Ok(out)
}

/// The body of chunked transfer coding, when `body` is one.
fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let end = rest.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(rest.get(..end)?).ok()?;
        let size_text = size_text.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        rest = rest.get(end + 2..)?;
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(rest.get(..size)?);
        rest = rest.get(size..)?;
        rest = rest.strip_prefix(b"\r\n").unwrap_or(rest);
    }
}

/// The `charset` parameter of a content type.
fn charset(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']).to_string())
            .filter(|v| !v.is_empty())
    })
}

/// The body as UTF-8 when the HTTP header names another character set (see the module
/// docs); otherwise the bytes as they are, for the HTML reader's own detection.
fn transcode<'b>(body: &'b [u8], charset: Option<&str>) -> Cow<'b, [u8]> {
    let Some(encoding) = charset.and_then(|c| encoding_rs::Encoding::for_label(c.as_bytes()))
    else {
        return Cow::Borrowed(body);
    };
    if encoding == encoding_rs::UTF_8
        || encoding_rs::Encoding::for_bom(body).is_some()
        || std::str::from_utf8(body).is_ok()
    {
        return Cow::Borrowed(body);
    }
    let (text, _, _) = encoding.decode(body);
    Cow::Owned(text.into_owned().into_bytes())
}

/// Whether a content type names HTML.
fn is_html_type(content_type: &str) -> bool {
    let mime = content_type.split(';').next().unwrap_or_default().trim();
    mime.eq_ignore_ascii_case("text/html") || mime.eq_ignore_ascii_case("application/xhtml+xml")
}

/// Whether bytes start like an HTML document.
fn looks_like_html(body: &[u8]) -> bool {
    let body = body.strip_prefix(b"\xef\xbb\xbf").unwrap_or(body);
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    let head = body
        .get(start..(start + 512).min(body.len()))
        .unwrap_or_default()
        .to_ascii_lowercase();
    head.starts_with(b"<!doctype html")
        || head.starts_with(b"<html")
        || head.starts_with(b"<head")
        || (head.starts_with(b"<") && head.windows(5).any(|w| w == b"<body"))
}

/// The host of a URL, without `www.`.
fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r)?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let authority = authority.rsplit('@').next()?;
    let host = authority.split(':').next()?.trim().to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

/// `what`, followed by the target URI when there is one.
fn join_detail(what: &str, target: &str) -> String {
    if target.is_empty() {
        what.to_string()
    } else {
        format!("{what} {target}")
    }
}

/// ` (at URI)` for messages, or nothing.
fn at(target: &str) -> String {
    if target.is_empty() {
        String::new()
    } else {
        format!(" at {target}")
    }
}

/// The start of a line, for messages.
fn preview(line: &[u8]) -> String {
    let text = String::from_utf8_lossy(line);
    let text = text.trim_end();
    match text.char_indices().nth(40) {
        Some((cut, _)) => format!("{}...", &text[..cut]),
        None => text.to_string(),
    }
}

/// Test support: WARC records built in memory.
#[cfg(test)]
pub(crate) mod tests_support {
    /// One WARC record with the given type, extra headers and block.
    pub fn record(kind: &str, headers: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
        let mut out = format!("WARC/1.1\r\nWARC-Type: {kind}\r\n").into_bytes();
        for (name, value) in headers {
            out.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
        }
        out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", block.len()).as_bytes());
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    /// An HTTP `response` record for `uri` with the given status line, headers and body.
    pub fn response(uri: &str, id: &str, status: &str, http_headers: &str, body: &[u8]) -> Vec<u8> {
        let mut block = format!("HTTP/1.1 {status}\r\n{http_headers}\r\n").into_bytes();
        block.extend_from_slice(body);
        record(
            "response",
            &[
                ("WARC-Target-URI", uri),
                ("WARC-Date", "2024-12-02T08:30:00Z"),
                ("WARC-Record-ID", &format!("<urn:uuid:{id}>")),
                ("Content-Type", "application/http; msgtype=response"),
            ],
            &block,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::tests_support::{record, response};
    use super::*;
    use crate::gzip::tests_support::gzip;
    use crate::stream::{stream, stream_with};

    const ARTICLE: &str = "<!doctype html><html><head><title>Belousov visits Pyongyang</title><meta property=\"article:published_time\" content=\"2024-11-29T09:00:00Z\"></head><body><nav><a href=\"/\">Home</a></nav><article><h1>Belousov visits Pyongyang</h1><p>Russian Defence Minister Andrei Belousov arrived in Pyongyang on Friday for talks with North Korean leader Kim Jong Un, state media reported, as the two countries deepen their military cooperation.</p><p>Belousov was greeted at the airport by his North Korean counterpart, the official news agency said. The visit follows the signing of a mutual defence treaty in June.</p></article></body></html>";

    /// The test archive's records, in order: warcinfo, request, an HTML 200 response, a
    /// 404, a PDF, a second HTML page (windows-1252 declared by HTTP only) and a
    /// truncated last record.
    fn records() -> Vec<Vec<u8>> {
        let undated = "<html><body><article><p>Ukrainian President Volodymyr Zelensky met French President Emmanuel Macron in Paris on Saturday to discuss security guarantees, the Elys\u{e9}e said in a statement after the talks.</p></article></body></html>";
        let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(undated);
        let truncated = response(
            "https://news.example/cut",
            "5",
            "200 OK",
            "Content-Type: text/html\r\n",
            ARTICLE.as_bytes(),
        );
        vec![
            record(
                "warcinfo",
                &[("Content-Type", "application/warc-fields")],
                b"software: dyad-test\r\nformat: WARC File Format 1.1\r\n",
            ),
            record(
                "request",
                &[
                    ("WARC-Target-URI", "https://news.example/a"),
                    ("Content-Type", "application/http; msgtype=request"),
                ],
                b"GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n",
            ),
            response(
                "https://www.news.example/a",
                "1",
                "200 OK",
                "Content-Type: text/html; charset=utf-8\r\n",
                ARTICLE.as_bytes(),
            ),
            response(
                "https://news.example/missing",
                "2",
                "404 Not Found",
                "Content-Type: text/html\r\n",
                b"<html><body><p>Not found</p></body></html>",
            ),
            response(
                "https://news.example/report.pdf",
                "3",
                "200 OK",
                "Content-Type: application/pdf\r\n",
                b"%PDF-1.7 binary",
            ),
            response(
                "https://news.example/b",
                "4",
                "200 OK",
                "Content-Type: text/html; charset=windows-1252\r\n",
                &latin1,
            ),
            truncated[..truncated.len() - 200].to_vec(),
        ]
    }

    fn check_archive(name: &str, bytes: &[u8]) {
        let items: Vec<_> = stream(name, Box::new(bytes)).collect();
        assert_eq!(items.len(), 7, "{name}: {items:?}");
        let reasons: Vec<Option<SkipReason>> = items
            .iter()
            .map(|i| match i {
                Ok(Entry::Skipped(s)) => Some(s.reason),
                _ => None,
            })
            .collect();
        assert_eq!(
            reasons,
            [
                Some(SkipReason::NotResponse),
                Some(SkipReason::NotResponse),
                None,
                Some(SkipReason::HttpError),
                Some(SkipReason::NonHtml),
                None,
                None,
            ],
            "{name}"
        );
        let Ok(Entry::Document(first)) = &items[2] else {
            panic!("{:?}", items[2]);
        };
        assert_eq!(first.id, "urn:uuid:1");
        assert_eq!(first.url.as_deref(), Some("https://www.news.example/a"));
        assert_eq!(first.title.as_deref(), Some("Belousov visits Pyongyang"));
        assert_eq!(
            first.published.map(|d| d.to_string()).as_deref(),
            Some("2024-11-29")
        );
        assert_eq!(first.source.as_deref(), Some("news.example"));
        assert_eq!(first.language.as_deref(), Some("en"));
        assert!(
            first.text.starts_with("Russian Defence Minister"),
            "{}",
            first.text
        );
        assert!(!first.text.contains("Home"));
        let Ok(Entry::Document(second)) = &items[5] else {
            panic!("{:?}", items[5]);
        };
        assert!(
            second.text.contains("the Elys\u{e9}e said"),
            "{}",
            second.text
        );
        // No date in the page: the crawl date stands in.
        assert_eq!(
            second.published.map(|d| d.to_string()).as_deref(),
            Some("2024-12-02")
        );
        let Err(cut) = &items[6] else {
            panic!("{:?}", items[6]);
        };
        assert_eq!(cut.record, Some(7), "{cut}");
        assert!(cut.to_string().starts_with(&format!("{name}:7: ")), "{cut}");
        let Ok(Entry::Skipped(missing)) = &items[3] else {
            unreachable!()
        };
        assert_eq!(
            missing.to_string(),
            format!("{name}:4: skipped (http-error): HTTP 404 https://news.example/missing")
        );
    }

    #[test]
    fn plain_warc_is_read_record_by_record() {
        let bytes: Vec<u8> = records().concat();
        check_archive("crawl.warc", &bytes);
        // By content too, whatever the name.
        check_archive("-", &bytes);
    }

    #[test]
    fn gzip_member_per_record_warc_is_read_the_same() {
        let bytes: Vec<u8> = records().iter().flat_map(|r| gzip(r)).collect();
        check_archive("crawl.warc.gz", &bytes);
    }

    #[test]
    fn truncated_gzip_stops_with_one_error() {
        let recs = records();
        let mut bytes: Vec<u8> = recs[..6].iter().flat_map(|r| gzip(r)).collect();
        let last = gzip(&recs[2]);
        bytes.extend_from_slice(&last[..last.len() / 2]);
        let items: Vec<_> = stream("crawl.warc.gz", Box::new(bytes.as_slice())).collect();
        assert_eq!(items.len(), 7, "{items:?}");
        let err = items[6].as_ref().unwrap_err();
        assert!(
            err.message.contains("gzip") || err.message.contains("truncated"),
            "{err}"
        );
        assert_eq!(err.record, Some(7));
    }

    #[test]
    fn broken_header_resyncs_at_the_next_record() {
        let recs = records();
        let mut bytes = b"garbage before any record\r\nmore garbage\r\n".to_vec();
        bytes.extend_from_slice(&recs[2]);
        // A record without Content-Length, then a good one.
        bytes.extend_from_slice(b"WARC/1.0\r\nWARC-Type: response\r\n\r\nsome block\r\n\r\n");
        bytes.extend_from_slice(&recs[5]);
        let items: Vec<_> = stream("x.warc", Box::new(bytes.as_slice())).collect();
        assert_eq!(items.len(), 4, "{items:?}");
        let first = items[0].as_ref().unwrap_err();
        assert!(
            first.to_string().starts_with("x.warc:1: not a WARC record"),
            "{first}"
        );
        assert!(matches!(&items[1], Ok(Entry::Document(d)) if d.id == "urn:uuid:1"));
        let second = items[2].as_ref().unwrap_err();
        assert!(second.message.contains("Content-Length"), "{second}");
        assert!(matches!(&items[3], Ok(Entry::Document(d)) if d.id == "urn:uuid:4"));
    }

    #[test]
    fn oversized_records_are_passed_over() {
        let mut page = ARTICLE.replace("</article>", "").into_bytes();
        page.resize(2 * 1024 * 1024, b'a');
        let mut bytes = response(
            "https://news.example/huge",
            "9",
            "200 OK",
            "Content-Type: text/html\r\n",
            &page,
        );
        bytes.extend_from_slice(&records()[2]);
        let limits = Limits {
            page_bytes: 1024 * 1024,
            ..Limits::default()
        };
        let items: Vec<_> = stream_with("big.warc", Box::new(bytes.as_slice()), limits).collect();
        assert_eq!(items.len(), 2, "{items:?}");
        match &items[0] {
            Ok(Entry::Skipped(s)) => {
                assert_eq!(s.reason, SkipReason::TooLarge);
                assert!(s.detail.contains("over the limit of 1 MiB"), "{s}");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(&items[1], Ok(Entry::Document(_))));
    }

    #[test]
    fn fifty_megabyte_single_line_page_in_a_warc_is_skipped() {
        let mut page = b"<html><body><p>".to_vec();
        page.resize(50 * 1024 * 1024, b'x');
        let mut bytes = response(
            "https://x.example/",
            "1",
            "200 OK",
            "Content-Type: text/html\r\n",
            &page,
        );
        bytes.extend_from_slice(&records()[2]);
        let items: Vec<_> = stream("big.warc", Box::new(bytes.as_slice())).collect();
        assert!(matches!(&items[0], Ok(Entry::Skipped(s)) if s.reason == SkipReason::TooLarge));
        assert!(matches!(&items[1], Ok(Entry::Document(_))));
    }

    #[test]
    fn encoded_bodies_are_decoded() {
        let chunked = format!("{:x}\r\n{ARTICLE}\r\n0\r\n\r\n", ARTICLE.len());
        let gzipped = gzip(ARTICLE.as_bytes());
        let cases: [(&str, Vec<u8>); 3] = [
            (
                "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
                chunked.into_bytes(),
            ),
            (
                "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
                gzipped,
            ),
            // Header kept, body stored decoded (as Common Crawl does).
            (
                "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
                ARTICLE.as_bytes().to_vec(),
            ),
        ];
        for (headers, body) in cases {
            let bytes = response("https://news.example/a", "1", "200 OK", headers, &body);
            let items: Vec<_> = stream("e.warc", Box::new(bytes.as_slice())).collect();
            assert!(
                matches!(&items[..], [Ok(Entry::Document(d))] if d.text.starts_with("Russian Defence")),
                "{headers}: {items:?}"
            );
        }
        let bytes = response(
            "https://news.example/a",
            "1",
            "200 OK",
            "Content-Type: text/html\r\nContent-Encoding: br\r\n",
            b"\x1b\x00",
        );
        let items: Vec<_> = stream("e.warc", Box::new(bytes.as_slice())).collect();
        assert!(
            matches!(&items[..], [Ok(Entry::Skipped(s))] if s.reason == SkipReason::BadEncoding)
        );
        let gzipped = gzip(ARTICLE.as_bytes());
        let bytes = response(
            "https://news.example/a",
            "1",
            "200 OK",
            "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
            &gzipped[..gzipped.len() / 2],
        );
        let items: Vec<_> = stream("e.warc", Box::new(bytes.as_slice())).collect();
        assert!(
            matches!(&items[..], [Ok(Entry::Skipped(s))] if s.reason == SkipReason::BadEncoding && s.detail.starts_with("corrupt gzip body")),
            "{items:?}"
        );
    }

    #[test]
    fn resource_records_and_sloppy_http_heads() {
        let mut bytes = record(
            "resource",
            &[
                ("WARC-Target-URI", "file:///pages/a.html"),
                ("WARC-Record-ID", "<urn:uuid:r1>"),
                ("Content-Type", "text/html; charset=utf-8"),
            ],
            ARTICLE.as_bytes(),
        );
        bytes.extend(response(
            "https://news.example/a",
            "2",
            "200  OK",
            "Content-Type : text/html\r\nX-Bad\u{1}Header: 1\r\n",
            ARTICLE.as_bytes(),
        ));
        let items: Vec<_> = stream("r.warc", Box::new(bytes.as_slice())).collect();
        assert_eq!(items.len(), 2, "{items:?}");
        assert!(matches!(&items[0], Ok(Entry::Document(d)) if d.id == "urn:uuid:r1"));
        assert!(
            matches!(&items[1], Ok(Entry::Document(d)) if d.id == "urn:uuid:2"),
            "{:?}",
            items[1]
        );
    }

    #[test]
    fn helpers() {
        assert_eq!(
            host("https://www.Example.com:8080/a?b").as_deref(),
            Some("example.com")
        );
        assert_eq!(host("not a url"), None);
        assert_eq!(
            charset("text/html; Charset=\"ISO-8859-1\"").as_deref(),
            Some("ISO-8859-1")
        );
        assert_eq!(charset("text/html"), None);
        assert_eq!(
            dechunk(b"3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n").as_deref(),
            Some(&b"abcde"[..])
        );
        assert_eq!(dechunk(b"<html>"), None);
        assert_eq!(preview(&[b'a'; 100]).len(), 43);
    }

    #[test]
    fn junk_never_panics() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut bytes = b"WARC/1.0\r\nContent-Length: 50\r\nWARC-Type: response\r\n\r\n".to_vec();
        bytes.extend((0..5000).map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        }));
        for cut in [0, 10, 60, 100, 1000, bytes.len()] {
            let slice = &bytes[..cut];
            let count = stream("j.warc", Box::new(slice)).take(10_000).count();
            assert!(count < 10_000);
        }
    }
}
