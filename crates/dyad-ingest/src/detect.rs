//! Format detection: by the input name's extension (a trailing `.gz` stripped first) and,
//! failing that, by sniffing the content (decompressing a gzip prefix first). JSON Feed
//! (`{"version": "https://jsonfeed.org/version/1.1", ...}`) is recognised by its content.

use crate::{gzip, Format};

/// How many bytes of content sniffing looks at.
pub(crate) const SNIFF_BYTES: usize = 64 * 1024;

/// Detects the format of `bytes` from the input's name and, failing that, its content.
pub fn detect(name: &str, bytes: &[u8]) -> Format {
    if let Some(format) = by_name(name) {
        return format;
    }
    if gzip::is_gzip(bytes) {
        return sniff(&gzip::prefix(bytes, SNIFF_BYTES));
    }
    sniff(&bytes[..bytes.len().min(SNIFF_BYTES)])
}

/// Detects the format from the input's name and, failing that, `prefix`: the first (at
/// most [`SNIFF_BYTES`]) bytes of the content, already decompressed. For streams.
pub(crate) fn detect_prefix(name: &str, prefix: &[u8]) -> Format {
    by_name(name).unwrap_or_else(|| sniff(prefix))
}

/// The format named by the file extension, if any.
fn by_name(name: &str) -> Option<Format> {
    let file = name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(name)
        .to_ascii_lowercase();
    let file = file.strip_suffix(".gz").unwrap_or(&file);
    let ext = file.rsplit_once('.').map(|(_, e)| e)?;
    Some(match ext {
        "txt" | "md" | "text" | "markdown" => Format::Text,
        "html" | "htm" | "xhtml" => Format::Html,
        "jsonl" | "ndjson" => Format::Jsonl,
        "warc" => Format::Warc,
        "xml" | "rss" | "atom" | "rdf" => Format::Feed,
        _ => return None,
    })
}

/// The format the content looks like.
fn sniff(bytes: &[u8]) -> Format {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let body = &bytes[start..];
    if body.starts_with(b"WARC/1.") || body.starts_with(b"WARC/0.") {
        return Format::Warc;
    }
    let head: Vec<u8> = body[..body.len().min(4096)].to_ascii_lowercase();
    let contains = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    if head.starts_with(b"<") {
        if head.starts_with(b"<!doctype html") || head.starts_with(b"<html") {
            return Format::Html;
        }
        if contains(b"<rss") || contains(b"<feed") || contains(b"<rdf:rdf") || contains(b"<rdf") {
            return Format::Feed;
        }
        if contains(b"<html") || contains(b"<body") || contains(b"<head") {
            return Format::Html;
        }
    }
    if body.starts_with(b"{")
        && (contains(b"jsonfeed.org/version") || contains(br"jsonfeed.org\/version"))
    {
        return Format::Feed;
    }
    if body.starts_with(b"{") && looks_like_jsonl(body) {
        return Format::Jsonl;
    }
    Format::Text
}

/// Whether the first few non-blank lines each parse as a JSON object (the last line of
/// the sniffed prefix may be cut off, so it is not required to parse).
fn looks_like_jsonl(body: &[u8]) -> bool {
    let text = String::from_utf8_lossy(body);
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(5)
        .collect();
    let complete = if lines.len() > 1 { lines.len() - 1 } else { 1 };
    lines
        .iter()
        .take(complete)
        .all(|line| serde_json::from_str::<serde_json::Value>(line).is_ok_and(|v| v.is_object()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gzip::tests_support::gzip;

    #[test]
    fn by_extension() {
        for (name, format) in [
            ("a.txt", Format::Text),
            ("dir/A.MD", Format::Text),
            ("a.html", Format::Html),
            ("a.htm.gz", Format::Html),
            ("a.jsonl", Format::Jsonl),
            ("a.ndjson.gz", Format::Jsonl),
            ("crawl.warc.gz", Format::Warc),
            ("feed.rss", Format::Feed),
            ("feed.atom", Format::Feed),
            ("feed.xml", Format::Feed),
            ("feed.rdf", Format::Feed),
        ] {
            assert_eq!(detect(name, b"whatever"), format, "{name}");
        }
    }

    #[test]
    fn by_content() {
        assert_eq!(detect("-", b"  <!DOCTYPE html><html>"), Format::Html);
        assert_eq!(detect("-", b"\xef\xbb\xbf<html lang=en>"), Format::Html);
        assert_eq!(detect("-", b"<div><p>hi</p></div><body>"), Format::Html);
        assert_eq!(
            detect("-", b"WARC/1.1\r\nWARC-Type: warcinfo"),
            Format::Warc
        );
        assert_eq!(
            detect("-", b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">"),
            Format::Feed
        );
        assert_eq!(
            detect("-", b"<feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            Format::Feed
        );
        assert_eq!(
            detect(
                "x.dat",
                b"{\"id\": \"1\", \"text\": \"a\"}\n{\"id\": \"2\", \"text\": \"b\"}\n"
            ),
            Format::Jsonl
        );
        assert_eq!(
            detect(
                "feed.json",
                b"{\n  \"version\": \"https://jsonfeed.org/version/1.1\",\n  \"items\": []\n}"
            ),
            Format::Feed
        );
        assert_eq!(detect("-", b"{not json} at all"), Format::Text);
        assert_eq!(detect("-", b"Kim met Belousov."), Format::Text);
        assert_eq!(detect("-", b""), Format::Text);
    }

    #[test]
    fn gzip_content_is_sniffed_inside() {
        assert_eq!(detect("-", &gzip(b"<!doctype html><p>x")), Format::Html);
        assert_eq!(
            detect("data.gz", &gzip(b"{\"text\": \"x\"}\n")),
            Format::Jsonl
        );
        assert_eq!(detect("-", &gzip(b"plain words")), Format::Text);
    }
}
