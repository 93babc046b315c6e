//! JSON Lines reading: one document per line,
//! `{"id", "text" | "html", "title"?, "url"?, "published"?, "source"?, "language"?}`.
//!
//! `content` and `body` are accepted as aliases of `text`, `date` of `published`, `lang`
//! of `language`; a numeric id is used as written. Blank lines are skipped. A line that is
//! not a JSON object, or has no text, yields an error naming the line and reading goes on.
//! A line that is not UTF-8 is decoded as plain text is (Latin-1, Windows-1252 ...).
//! A missing id becomes `"{name}:{line}"`. A `published` (or `date`) that is not a date, or
//! not a plausible one (`2024-02-30`, `yesterday`, year 0001 or 9999), is an error naming
//! the line and the field, as any other bad field is; `null` or `""` is no date.
//! A line with `html` (and no `text`) goes through the HTML reader, whose metadata the
//! line's own fields override.

use serde_json::{Map, Value};

use dyad_model::Date;

use crate::{dates, html, text, IngestError, SourceDocument};

/// Reads the documents of one JSONL input, line by line.
pub(crate) struct JsonlReader {
    name: String,
    bytes: Vec<u8>,
    position: usize,
    line: usize,
}

impl JsonlReader {
    pub fn new(name: &str, bytes: Vec<u8>) -> JsonlReader {
        let skip = if bytes.starts_with(b"\xef\xbb\xbf") {
            3
        } else {
            0
        };
        JsonlReader {
            name: name.to_string(),
            bytes,
            position: skip,
            line: 0,
        }
    }

    fn error(&self, message: impl Into<String>) -> IngestError {
        IngestError {
            input: self.name.clone(),
            record: Some(self.line),
            message: message.into(),
        }
    }

    /// Reads one record from the text of a line.
    fn record(&self, line: &str) -> Result<SourceDocument, IngestError> {
        let value: Value =
            serde_json::from_str(line).map_err(|e| self.error(format!("not valid JSON: {e}")))?;
        let Value::Object(fields) = value else {
            return Err(self.error("not a JSON object"));
        };
        let body = first_string(&fields, &["text", "content", "body"]);
        let markup = first_string(&fields, &["html"]);
        let mut doc = match (body, markup) {
            (Some(body), _) if !body.trim().is_empty() => {
                let mut doc = SourceDocument::default();
                text::clean_body(body, &mut doc);
                doc
            }
            (_, Some(markup)) => html::read_html(&self.name, markup.as_bytes()),
            (Some(_), None) => SourceDocument::default(),
            (None, None) => {
                return Err(self.error("no \"text\", \"content\", \"body\" or \"html\" field"))
            }
        };
        doc.id = match fields.get("id") {
            Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => format!("{}:{}", self.name, self.line),
        };
        if let Some(title) = first_string(&fields, &["title", "headline"]) {
            doc.title = Some(title.trim().to_string()).filter(|t| !t.is_empty());
        }
        if let Some(url) = first_string(&fields, &["url"]) {
            doc.url = Some(url.trim().to_string()).filter(|u| !u.is_empty());
        }
        if let Some(source) = first_string(&fields, &["source"]) {
            doc.source = Some(source.trim().to_string()).filter(|s| !s.is_empty());
        }
        if let Some(language) = first_string(&fields, &["language", "lang"]) {
            doc.language = Some(language.trim().to_string()).filter(|s| !s.is_empty());
        }
        if let Some(published) = self.published(&fields)? {
            doc.published = Some(published);
        }
        Ok(doc)
    }

    /// The line's publication date (`published`, else `date`): `None` when absent, `null`
    /// or empty; an error naming the field when it is not a plausible date.
    fn published(&self, fields: &Map<String, Value>) -> Result<Option<Date>, IngestError> {
        let Some((name, value)) = ["published", "date"]
            .iter()
            .find_map(|k| fields.get(*k).map(|v| (*k, v)))
        else {
            return Ok(None);
        };
        let text = match value {
            Value::Null => return Ok(None),
            Value::String(s) if s.trim().is_empty() => return Ok(None),
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            other => {
                return Err(self.error(format!("{name}: expected a date, got {other}")));
            }
        };
        dates::parse_published(&text)
            .map(Some)
            .map_err(|e| self.error(format!("{name}: {e}")))
    }
}

/// Reads the record of one line of a JSONL input (for streaming readers); `line` is the
/// line's 1-based number, `text` its trimmed text.
pub(crate) fn read_line_record(
    name: &str,
    line: usize,
    text: &str,
) -> Result<SourceDocument, IngestError> {
    let reader = JsonlReader {
        name: name.to_string(),
        bytes: Vec::new(),
        position: 0,
        line,
    };
    reader.record(text)
}

/// The first of `keys` holding a string.
fn first_string<'a>(fields: &'a Map<String, Value>, keys: &[&str]) -> Option<&'a str> {
    keys.iter()
        .find_map(|k| fields.get(*k).and_then(Value::as_str))
}

impl Iterator for JsonlReader {
    type Item = Result<SourceDocument, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        while self.position < self.bytes.len() {
            let rest = &self.bytes[self.position..];
            let len = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
            let raw = &rest[..len];
            self.position += len + 1;
            self.line += 1;
            let line = crate::html::encoding::decode_plain(raw);
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            return Some(self.record(line));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(input: &str) -> Vec<Result<SourceDocument, IngestError>> {
        JsonlReader::new("in.jsonl", input.as_bytes().to_vec()).collect()
    }

    #[test]
    fn documents_errors_and_blank_lines() {
        let input = concat!(
            "{\"id\": \"a\", \"text\": \"Kim met Belousov.\", \"title\": \"T\", \"url\": \"https://x\", \"published\": \"2024-12-01T10:00:00Z\", \"source\": \"KCNA\"}\n",
            "\n",
            "{broken\n",
            "{\"content\": \"Second doc.\", \"date\": null}\r\n",
            "[1, 2]\n",
            "{\"id\": 7, \"body\": \"Third.\", \"published\": \"20241130\"}\n",
            "{\"id\": \"none\"}\n",
        );
        let docs = read_all(input);
        assert_eq!(docs.len(), 6);
        let a = docs[0].as_ref().unwrap();
        assert_eq!(
            (
                a.id.as_str(),
                a.text.as_str(),
                a.title.as_deref(),
                a.url.as_deref(),
                a.source.as_deref()
            ),
            (
                "a",
                "Kim met Belousov.",
                Some("T"),
                Some("https://x"),
                Some("KCNA")
            )
        );
        assert_eq!(
            a.published.map(|d| d.to_string()).as_deref(),
            Some("2024-12-01")
        );
        let broken = docs[1].as_ref().unwrap_err();
        assert_eq!(broken.record, Some(3));
        assert!(
            broken.to_string().starts_with("in.jsonl:3: not valid JSON"),
            "{broken}"
        );
        let second = docs[2].as_ref().unwrap();
        assert_eq!(
            (second.id.as_str(), second.text.as_str(), second.published),
            ("in.jsonl:4", "Second doc.", None)
        );
        assert_eq!(docs[3].as_ref().unwrap_err().record, Some(5));
        let third = docs[4].as_ref().unwrap();
        assert_eq!(third.id, "7");
        assert_eq!(
            third.published.map(|d| d.to_string()).as_deref(),
            Some("2024-11-30")
        );
        assert!(docs[5]
            .as_ref()
            .unwrap_err()
            .message
            .contains("no \"text\""));
    }

    #[test]
    fn a_bad_publication_date_is_the_line_s_error() {
        let line =
            |date: &str| format!("{{\"id\": \"x\", \"text\": \"Kim met Belousov.\", {date}}}\n");
        let input: String = [
            r#""published": "2024-02-30""#,
            r#""published": "yesterday""#,
            r#""date": "0001-01-01""#,
            r#""published": "9999-12-31""#,
            r#""published": 123"#,
            r#""published": ["2024-12-01"]"#,
            r#""published": """#,
            r#""published": "2024-12-01""#,
        ]
        .iter()
        .map(|d| line(d))
        .collect();
        let docs = read_all(&input);
        for (i, says) in [
            "published: \"2024-02-30\" is not a day of the calendar",
            "published: \"yesterday\" is not a date",
            "date: \"0001-01-01\": year 1 is outside",
            "published: \"9999-12-31\": year 9999 is outside",
            "published: \"123\" is not a date",
            "published: expected a date",
        ]
        .iter()
        .enumerate()
        {
            let err = docs[i].as_ref().unwrap_err();
            assert_eq!(err.record, Some(i + 1));
            assert!(
                err.to_string()
                    .starts_with(&format!("in.jsonl:{}: {says}", i + 1)),
                "{err}"
            );
        }
        assert_eq!(docs[6].as_ref().unwrap().published, None);
        assert_eq!(
            docs[7]
                .as_ref()
                .unwrap()
                .published
                .map(|d| d.to_string())
                .as_deref(),
            Some("2024-12-01")
        );
    }

    #[test]
    fn html_lines_go_through_the_html_reader() {
        let line = serde_json::json!({
            "id": "h",
            "html": "<html><head><title>Page</title></head><body><nav>Home</nav><p>Kim met Belousov.</p><p>Subscribe now for unlimited access.</p></body></html>",
            "published": "2024-12-01"
        })
        .to_string();
        let docs = read_all(&line);
        let doc = docs[0].as_ref().unwrap();
        assert_eq!(doc.text, "Kim met Belousov.");
        assert_eq!(doc.title.as_deref(), Some("Page"));
        assert_eq!(doc.removed.len(), 1);
    }

    #[test]
    fn notices_leave_jsonl_text_too() {
        let line = serde_json::json!({"id": "n", "text": "Already a subscriber? Log in to continue.\nKim met Belousov."}).to_string();
        let docs = read_all(&line);
        assert_eq!(docs[0].as_ref().unwrap().text, "Kim met Belousov.");
    }

    #[test]
    fn invalid_utf8_line_is_survived() {
        let mut bytes = b"{\"id\": \"x\", \"text\": \"caf".to_vec();
        bytes.extend_from_slice(b"\xff\"}\n");
        let docs: Vec<_> = JsonlReader::new("in.jsonl", bytes).collect();
        assert!(docs[0].as_ref().unwrap().text.starts_with("caf"));
        // A Windows-1252 line: its accents are read, not replaced.
        let line =
            b"{\"id\": \"x\", \"text\": \"Jos\xe9 Mart\xednez met the mayor of S\xe3o Paulo.\"}";
        let docs: Vec<_> = JsonlReader::new("in.jsonl", line.to_vec()).collect();
        assert_eq!(
            docs[0].as_ref().unwrap().text,
            "Jos\u{e9} Mart\u{ed}nez met the mayor of S\u{e3}o Paulo."
        );
    }
}
