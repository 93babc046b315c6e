//! Feed reading with `feed-rs`: RSS 0.9x, 1.0 (RDF) and 2.0, Atom, and JSON Feed (found by
//! content, whatever the file is called). Every item is a document:
//!
//! - text: the item's content, else its summary (RSS `description`); content with markup
//!   goes through the HTML reader ([`crate::html`]), plain text through the text cleaner;
//!   notices are removed either way. An item with neither is skipped (`empty`).
//! - `id`: the item's id (RSS `guid`, Atom `id`), else its link, else `{input}:{n}` (the
//!   item's place in the feed): stable across runs; `title`; `url`: the item's (alternate) link;
//!   `published`: the item's publication date, else its update date; `source`: the feed's
//!   title; `author`: the item's authors, else the feed's; language: the feed's, unless the
//!   text says otherwise ([`crate::language`]).
//!
//! A feed that cannot be parsed is one error naming the input.

use feed_rs::model::{Entry as Item, Feed, Link, Person};

use crate::stream::{Entry, SkipReason, Skipped};
use crate::{html, text, IngestError, SourceDocument};

/// Reads every item of one feed.
pub(crate) fn read_feed(name: &str, bytes: &[u8]) -> Vec<Result<Entry, IngestError>> {
    // Items without an id get none from the parser (feed-rs would hash the link, or make a
    // random UUID): the document's id is then its link, else `{input}:{item}`.
    let parser = feed_rs::parser::Builder::new()
        .id_generator(|_, _, _| String::new())
        .build();
    let feed = match parser.parse(bytes) {
        Ok(feed) => feed,
        Err(e) => {
            return vec![Err(IngestError::input(
                name,
                format!("not a readable RSS, Atom or JSON feed: {e}"),
            ))]
        }
    };
    feed.entries
        .iter()
        .enumerate()
        .map(|(i, item)| Ok(item_entry(name, i + 1, &feed, item)))
        .collect()
}

/// The document (or skip) of one feed item; `number` is its 1-based place in the feed.
fn item_entry(name: &str, number: usize, feed: &Feed, item: &Item) -> Entry {
    let title = item
        .title
        .as_ref()
        .map(|t| plain(&t.content))
        .filter(|t| !t.is_empty());
    let url = item_link(&item.links);
    let body = item
        .content
        .as_ref()
        .and_then(|c| c.body.as_deref())
        .filter(|b| !b.trim().is_empty())
        .or_else(|| {
            item.summary
                .as_ref()
                .map(|s| s.content.as_str())
                .filter(|s| !s.trim().is_empty())
        });
    let Some(body) = body else {
        return Entry::Skipped(Skipped {
            input: name.to_string(),
            record: Some(number),
            reason: SkipReason::Empty,
            detail: format!(
                "feed item has no content or summary{}",
                url.as_deref().map(|u| format!(" {u}")).unwrap_or_default()
            ),
        });
    };
    let mut doc = if has_markup(body) {
        html::read_html(name, body.as_bytes())
    } else {
        let mut doc = SourceDocument::default();
        text::clean_body(body, &mut doc);
        doc
    };
    if doc.text.trim().is_empty() {
        return Entry::Skipped(Skipped {
            input: name.to_string(),
            record: Some(number),
            reason: SkipReason::Empty,
            detail: "feed item has no text".to_string(),
        });
    }
    doc.id = Some(item.id.trim())
        .filter(|id| !id.is_empty())
        .map(str::to_string)
        .or_else(|| url.clone())
        .unwrap_or_else(|| format!("{name}:{number}"));
    if title.is_some() {
        doc.title = title;
    }
    if url.is_some() {
        doc.url = url;
    }
    if let Some(date) = item.published.or(item.updated).and_then(|d| {
        d.to_rfc3339()
            .get(..10)
            .and_then(|day| day.parse::<dyad_model::Date>().ok())
    }) {
        doc.published = Some(date);
    }
    doc.source = feed
        .title
        .as_ref()
        .map(|t| plain(&t.content))
        .filter(|t| !t.is_empty())
        .or(doc.source);
    doc.author = people(&item.authors)
        .or_else(|| doc.author.take())
        .or_else(|| people(&feed.authors));
    if doc.language.is_none() {
        doc.language = feed.language.clone();
    }
    Entry::Document(doc)
}

/// The item's page: its alternate link, else its first link.
fn item_link(links: &[Link]) -> Option<String> {
    links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or_else(|| links.first())
        .map(|l| l.href.trim().to_string())
        .filter(|h| !h.is_empty())
}

/// The names of some people, joined with commas.
fn people(persons: &[Person]) -> Option<String> {
    let names: Vec<String> = persons
        .iter()
        .filter_map(|p| p.name.as_deref().map(plain))
        .filter(|n| !n.is_empty())
        .collect();
    (!names.is_empty()).then(|| names.join(", "))
}

/// Whether a body holds HTML markup (a tag or an entity) rather than plain text.
fn has_markup(body: &str) -> bool {
    let bytes = body.as_bytes();
    bytes
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!'))
        || body.contains("&amp;")
        || body.contains("&#")
        || body.contains("&nbsp;")
}

/// A title or name as plain text: tags dropped, white space collapsed.
fn plain(text: &str) -> String {
    let text = if has_markup(text) {
        html::flat::flat_paragraphs(text).join(" ")
    } else {
        text.to_string()
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stream::stream;

    const BODY: &str = "Russian Defence Minister Andrei Belousov arrived in Pyongyang on Friday for talks with North Korean leader Kim Jong Un, state media reported.";

    fn documents(name: &str, feed: &str) -> Vec<SourceDocument> {
        stream(name, Box::new(feed.as_bytes()))
            .filter_map(|item| match item {
                Ok(Entry::Document(doc)) => Some(doc),
                _ => None,
            })
            .collect()
    }

    fn date(doc: &SourceDocument) -> Option<String> {
        doc.published.map(|d| d.to_string())
    }

    #[test]
    fn rss_2() {
        let feed = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>World News</title><link>https://news.example/</link><language>en-us</language>
<item><title>Belousov in Pyongyang</title><link>https://news.example/a</link>
<guid isPermaLink="false">news-1</guid><pubDate>Fri, 29 Nov 2024 09:00:00 GMT</pubDate>
<dc:creator>Jane Reporter</dc:creator>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>{BODY}</p><p>Subscribe now for unlimited access.</p>]]></content:encoded></item>
<item><title>Second</title><link>https://news.example/b</link>
<description>&lt;p&gt;Egypt hosted talks with Sudan &amp;amp; Chad.&lt;/p&gt;</description></item>
<item><title>No body</title><link>https://news.example/c</link></item>
</channel></rss>"#
        );
        let items: Vec<_> = stream("news.rss", Box::new(feed.as_bytes())).collect();
        assert_eq!(items.len(), 3);
        assert!(
            matches!(&items[2], Ok(Entry::Skipped(s)) if s.reason == SkipReason::Empty && s.record == Some(3))
        );
        let docs = documents("news.rss", &feed);
        let first = &docs[0];
        assert_eq!(first.id, "news-1");
        assert_eq!(first.title.as_deref(), Some("Belousov in Pyongyang"));
        assert_eq!(first.url.as_deref(), Some("https://news.example/a"));
        assert_eq!(first.text, BODY);
        assert_eq!(first.removed.len(), 1);
        assert_eq!(date(first).as_deref(), Some("2024-11-29"));
        assert_eq!(first.source.as_deref(), Some("World News"));
        assert_eq!(first.author.as_deref(), Some("Jane Reporter"));
        assert_eq!(first.language.as_deref(), Some("en"));
        assert_eq!(docs[1].text, "Egypt hosted talks with Sudan & Chad.");
        assert_eq!(docs[1].id, "https://news.example/b");
    }

    #[test]
    fn atom() {
        let feed = format!(
            r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title type="text">Atom Desk</title><id>urn:feed</id><updated>2024-12-01T00:00:00Z</updated>
<author><name>Desk</name></author>
<entry><title>Talks</title><id>urn:entry:1</id><link rel="alternate" href="https://atom.example/1"/>
<updated>2024-12-01T10:00:00Z</updated><published>2024-11-30T10:00:00Z</published>
<summary>Summary only.</summary><content type="html">&lt;p&gt;{BODY}&lt;/p&gt;</content></entry>
<entry><title>Plain</title><id>urn:entry:2</id><updated>2024-12-01T11:00:00Z</updated>
<summary type="text">Kim met Belousov in Pyongyang.</summary></entry>
<entry><title>No id</title><updated>2024-12-01T12:00:00Z</updated><summary>Egypt hosted talks.</summary></entry>
</feed>"#
        );
        let docs = documents("-", &feed);
        assert_eq!(docs.len(), 3);
        assert_eq!(docs[2].id, "-:3");
        assert_eq!(docs[0].id, "urn:entry:1");
        assert_eq!(docs[0].text, BODY);
        assert_eq!(docs[0].url.as_deref(), Some("https://atom.example/1"));
        assert_eq!(date(&docs[0]).as_deref(), Some("2024-11-30"));
        assert_eq!(docs[0].source.as_deref(), Some("Atom Desk"));
        assert_eq!(docs[0].author.as_deref(), Some("Desk"));
        assert_eq!(docs[1].text, "Kim met Belousov in Pyongyang.");
        assert_eq!(date(&docs[1]).as_deref(), Some("2024-12-01"));
    }

    #[test]
    fn rss_1_rdf() {
        let feed = format!(
            r#"<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://rdf.example/"><title>RDF Wire</title><link>https://rdf.example/</link><description>d</description></channel>
<item rdf:about="https://rdf.example/1"><title>One</title><link>https://rdf.example/1</link>
<description>{BODY}</description><dc:date>2024-11-28T12:00:00Z</dc:date></item>
</rdf:RDF>"#
        );
        let docs = documents("wire.xml", &feed);
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].id, "https://rdf.example/1");
        assert_eq!(docs[0].text, BODY);
        assert_eq!(docs[0].url.as_deref(), Some("https://rdf.example/1"));
        assert_eq!(docs[0].source.as_deref(), Some("RDF Wire"));
        assert_eq!(date(&docs[0]).as_deref(), Some("2024-11-28"));
    }

    #[test]
    fn json_feed_by_content() {
        let feed = serde_json::json!({
            "version": "https://jsonfeed.org/version/1.1",
            "title": "JSON Desk",
            "items": [
                {"id": "j1", "url": "https://json.example/1", "title": "One",
                 "content_html": format!("<p>{BODY}</p>"), "date_published": "2024-11-27T08:00:00Z",
                 "authors": [{"name": "A. Writer"}]},
                {"id": "j2", "content_text": "Egypt hosted talks with Sudan."}
            ]
        })
        .to_string();
        for name in ["feed.json", "-"] {
            let docs = documents(name, &feed);
            assert_eq!(docs.len(), 2, "{name}");
            assert_eq!(docs[0].id, "j1");
            assert_eq!(docs[0].text, BODY);
            assert_eq!(docs[0].author.as_deref(), Some("A. Writer"));
            assert_eq!(date(&docs[0]).as_deref(), Some("2024-11-27"));
            assert_eq!(docs[1].text, "Egypt hosted talks with Sudan.");
        }
    }

    #[test]
    fn rss_0_91_in_a_legacy_encoding() {
        let feed = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"0.91\"><channel><title>Le Fil</title><language>fr</language><item><title>Visite</title><link>https://fil.example/1</link><description>Le ministre est arriv\u{e9} vendredi \u{e0} Pyongyang.</description></item></channel></rss>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(feed);
        let items: Vec<_> = stream("fil.rss", Box::new(&*bytes)).collect();
        let Some(Ok(Entry::Document(doc))) = items.first() else {
            panic!("{items:?}");
        };
        assert_eq!(
            doc.text,
            "Le ministre est arriv\u{e9} vendredi \u{e0} Pyongyang."
        );
        assert_eq!(doc.language.as_deref(), Some("fr"));
    }

    #[test]
    fn broken_feeds_are_one_error() {
        for (name, body) in [
            ("a.rss", "<rss><channel><item><title>unclosed"),
            ("b.xml", "not xml at all \u{fffd}"),
            ("c.atom", ""),
        ] {
            let items: Vec<_> = stream(name, Box::new(body.as_bytes())).collect();
            assert_eq!(items.len(), 1, "{name}: {items:?}");
            let err = items[0].as_ref().unwrap_err();
            assert!(
                err.to_string()
                    .starts_with(&format!("{name}: not a readable")),
                "{err}"
            );
        }
    }

    #[test]
    fn markup_and_plain_text_are_told_apart() {
        assert!(has_markup("<p>x</p>"));
        assert!(has_markup("a &amp; b"));
        assert!(!has_markup("a < b and c > d"));
        assert_eq!(plain("  <b>Bold</b>   title "), "Bold title");
    }
}
