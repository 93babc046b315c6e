//! HTML reading: one page's bytes to the article's paragraphs plus the page's metadata,
//! never panicking, in time linear in the page's size.
//!
//! 1. Decoding ([`encoding`]): byte-order mark, valid UTF-8, declared charset, else a
//!    guess from the bytes.
//! 2. Parsing: html5ever (through `scraper`), which repairs broken markup the way browsers
//!    do. Pages nested deeper than [`MAX_PARSED_DEPTH`] (html5ever's tree building is
//!    quadratic in depth) or larger than [`MAX_TREE_BYTES`] are read by the flat reader
//!    ([`flat`]) instead, their metadata from the head alone.
//! 3. The tree becomes a flat arena with text and link statistics; page furniture is marked
//!    ([`dom`], [`names`]).
//! 4. The article region is chosen by the page's markup and by content scoring, and read
//!    as paragraphs ([`content`]).
//! 5. When the page's JSON-LD gives an `articleBody` that the text read from the markup
//!    covers poorly (under [`MIN_JSON_LD_COVERAGE`] of its word 4-grams), the JSON-LD text
//!    is used instead.
//! 6. Metadata ([`metadata`]): title, date, byline, site, canonical URL, language.
//! 7. A leading paragraph equal to the title is kept out of the text (it is in `title`),
//!    as in [`crate::text`]. Notices are then removed ([`crate::notices`]).

pub mod content;
pub mod dom;
pub mod encoding;
pub mod flat;
pub mod metadata;
pub mod names;

use std::collections::HashSet;
use std::hash::{Hash, Hasher};

use scraper::Html;

use crate::notices::{fold, NoticeRules};
use crate::SourceDocument;

pub use content::MIN_REGION_CHARS;
pub use encoding::decode;

/// Nesting depth beyond which a page is not parsed into a tree but read flat.
pub const MAX_PARSED_DEPTH: usize = 1500;
/// Size (in bytes of decoded text) beyond which a page is not parsed into a tree but read
/// flat: no news article comes near it, and the flat reader's memory is a small multiple
/// of the page's size.
pub const MAX_TREE_BYTES: usize = 8 * 1024 * 1024;
/// How much of the start of a flat-read page is parsed for its metadata.
const FLAT_HEAD_BYTES: usize = 256 * 1024;
/// Least share of the JSON-LD `articleBody`'s word 4-grams that the text read from the
/// markup must hold for the markup's text to be kept.
pub const MIN_JSON_LD_COVERAGE: f64 = 0.5;
/// Least length (in characters) of a JSON-LD `articleBody` to be considered.
const MIN_JSON_LD_CHARS: usize = 500;

/// Metadata and text read from one page.
#[derive(Debug, Default, PartialEq)]
pub struct Page {
    pub title: Option<String>,
    pub published: Option<dyad_model::Date>,
    pub url: Option<String>,
    pub language: Option<String>,
    pub site: Option<String>,
    pub author: Option<String>,
    pub paragraphs: Vec<String>,
}

/// Reads one HTML page as a document; id is the input's name.
pub fn read_html(name: &str, bytes: &[u8]) -> SourceDocument {
    let page = extract(&encoding::decode_borrowed(bytes));
    let mut doc = SourceDocument {
        id: name.to_string(),
        url: page.url,
        title: page.title,
        published: page.published,
        source: page.site,
        author: page.author,
        language: page.language,
        ..Default::default()
    };
    let mut paragraphs = page.paragraphs;
    if let Some(title) = &doc.title {
        let folded = fold(title);
        if let Some(i) = paragraphs.iter().take(3).position(|p| fold(p) == folded) {
            paragraphs.remove(i);
        }
    }
    let paragraphs = split_oversized(paragraphs);
    let kept = NoticeRules::embedded().clean(paragraphs, &mut doc.removed);
    doc.text = kept.join("\n\n");
    doc
}

/// Longest paragraph (in bytes) handed on whole: longer ones (only pathological pages have
/// them: a 50 MB page on one line) are cut at whitespace, so that later per-paragraph work
/// stays bounded.
pub const MAX_PARAGRAPH_BYTES: usize = 64 * 1024;

/// Cuts paragraphs longer than [`MAX_PARAGRAPH_BYTES`] at whitespace (or at a character
/// boundary when there is none).
fn split_oversized(paragraphs: Vec<String>) -> Vec<String> {
    if paragraphs.iter().all(|p| p.len() <= MAX_PARAGRAPH_BYTES) {
        return paragraphs;
    }
    let mut out = Vec::with_capacity(paragraphs.len());
    for paragraph in paragraphs {
        if paragraph.len() <= MAX_PARAGRAPH_BYTES {
            out.push(paragraph);
            continue;
        }
        let mut rest = paragraph.as_str();
        while rest.len() > MAX_PARAGRAPH_BYTES {
            let limit = floor_char_boundary(rest, MAX_PARAGRAPH_BYTES);
            let cut = rest[..limit]
                .rfind(char::is_whitespace)
                .filter(|&c| c > 0)
                .unwrap_or(limit);
            out.push(rest[..cut].trim().to_string());
            rest = rest[cut..].trim_start();
        }
        if !rest.is_empty() {
            out.push(rest.to_string());
        }
    }
    out
}

/// Extracts text and metadata from a page.
pub fn extract(html: &str) -> Page {
    if html.len() > MAX_TREE_BYTES || flat::nesting_depth(html) > MAX_PARSED_DEPTH {
        let head_end = html
            .get(..html.len().min(FLAT_HEAD_BYTES))
            .and_then(|h| h.find("<body").or_else(|| h.find("<BODY")))
            .unwrap_or_else(|| floor_char_boundary(html, FLAT_HEAD_BYTES));
        let head = html.get(..head_end).unwrap_or_default();
        let mut page = if flat::nesting_depth(head) > MAX_PARSED_DEPTH {
            Page::default()
        } else {
            page_metadata(&metadata::Metadata::read(&Html::parse_document(head)))
        };
        page.paragraphs = flat::flat_paragraphs(html);
        return page;
    }
    let document = Html::parse_document(html);
    let meta = metadata::Metadata::read(&document);
    let dom = dom::Dom::build(&document);
    let regions = content::article_regions(&dom);
    let mut page = page_metadata(&meta);
    page.paragraphs = content::paragraphs_of(&dom, &regions);
    if let Some(body) = meta.article_body() {
        if let Some(paragraphs) = json_ld_paragraphs(&body, &page.paragraphs) {
            page.paragraphs = paragraphs;
        }
    }
    page
}

/// A page with the metadata filled in and no text.
fn page_metadata(meta: &metadata::Metadata) -> Page {
    Page {
        title: meta.title(),
        published: meta.published(),
        url: meta.url(),
        language: meta.language(),
        site: meta.site(),
        author: meta.author(),
        paragraphs: Vec::new(),
    }
}

/// The paragraphs of a JSON-LD `articleBody`, when it should replace the text read from
/// the markup (see [`MIN_JSON_LD_COVERAGE`]).
fn json_ld_paragraphs(body: &str, from_markup: &[String]) -> Option<Vec<String>> {
    if body.chars().count() < MIN_JSON_LD_CHARS {
        return None;
    }
    let paragraphs: Vec<String> = if body.contains('<') && body.contains('>') {
        flat::flat_paragraphs(body)
    } else {
        body.split('\n')
            .map(metadata::collapse)
            .filter(|p| !p.is_empty())
            .collect()
    };
    let wanted = shingles(paragraphs.iter().map(String::as_str));
    if wanted.is_empty() {
        return None;
    }
    let have = shingles(from_markup.iter().map(String::as_str));
    let covered = wanted.intersection(&have).count() as f64 / wanted.len() as f64;
    (covered < MIN_JSON_LD_COVERAGE).then_some(paragraphs)
}

/// Hashes of the lower-cased word 4-grams of some texts.
fn shingles<'t>(texts: impl Iterator<Item = &'t str>) -> HashSet<u64> {
    let mut words: Vec<String> = Vec::new();
    for text in texts {
        words.extend(
            text.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase),
        );
    }
    words
        .windows(4)
        .map(|window| {
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            window.hash(&mut hasher);
            hasher.finish()
        })
        .collect()
}

/// The largest char boundary of `text` at or below `at`.
fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use flat::{flat_paragraphs, nesting_depth};

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Kim pledges support to Russia | World News Daily</title>
  <meta property="og:site_name" content="World News Daily">
  <meta property="article:published_time" content="2024-12-01T08:30:00+09:00">
  <link rel="canonical" href="https://news.example/kim-russia">
  <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-11-30"}</script>
  <style>p { color: red }</style>
</head>
<body>
  <header><a href="/">Home</a> <a href="/world">World</a></header>
  <nav><ul><li><a href="/a">Politics</a></li></ul></nav>
  <div class="cookie-banner">We use cookies. <button>Accept</button></div>
  <article>
    <h1>Kim pledges support to Russia</h1>
    <div class="share-bar"><a>Facebook</a><a>Twitter</a></div>
    <p>North Korean leader Kim Jong Un met Russia&rsquo;s Defense Minister Andrei Belousov
       on Friday in <a href="/pyongyang">Pyongyang</a>.</p>
    <p>Already a subscriber? Make sure to log into your account before viewing this content.</p>
    <p>According to state media, Kim expressed strong support&nbsp;for Russia's actions.<br>He called them &quot;justified&quot;.</p>
    <div class="ad-slot">Advertisement</div>
    <blockquote>The DPRK will invariably support Russia.</blockquote>
    <ul class="related-links"><li><a href="/x">Related story one</a></li></ul>
    <script>var x = "<p>not text</p>";</script>
  </article>
  <aside>Most read</aside>
  <footer>© 2024 World News Daily</footer>
</body>
</html>"#;

    #[test]
    fn article_text_and_metadata() {
        let doc = read_html("page.html", PAGE.as_bytes());
        assert_eq!(doc.title.as_deref(), Some("Kim pledges support to Russia"));
        assert_eq!(doc.language.as_deref(), Some("en"));
        assert_eq!(doc.source.as_deref(), Some("World News Daily"));
        assert_eq!(doc.url.as_deref(), Some("https://news.example/kim-russia"));
        assert_eq!(
            doc.published.map(|d| d.to_string()).as_deref(),
            Some("2024-12-01")
        );
        assert_eq!(
            doc.text,
            "North Korean leader Kim Jong Un met Russia\u{2019}s Defense Minister Andrei Belousov on Friday in Pyongyang.\n\n\
             According to state media, Kim expressed strong support for Russia's actions.\n\n\
             He called them \"justified\".\n\n\
             The DPRK will invariably support Russia."
        );
        assert_eq!(doc.removed.len(), 1);
        assert!(doc.removed[0].text.starts_with("Already a subscriber?"));
    }

    #[test]
    fn title_tag_fallback_and_json_ld_date() {
        let page = extract(
            "<html><head><title>Troops deployed to Kursk - The Daily</title>\
             <script type='application/ld+json'>{\"@graph\":[{\"@type\":\"WebPage\"},{\"datePublished\":\"Nov 29, 2024\"}]}</script>\
             </head><body><p>Body.</p></body></html>",
        );
        assert_eq!(page.title.as_deref(), Some("Troops deployed to Kursk"));
        assert_eq!(
            page.published.map(|d| d.to_string()).as_deref(),
            Some("2024-11-29")
        );
        assert_eq!(page.paragraphs, vec!["Body."]);
    }

    #[test]
    fn broken_markup_is_repaired_not_fatal() {
        let page = extract("<p>One <b>bold <i>two</p><p>three &amp; &#x41; &bogus; <div>four");
        assert_eq!(
            page.paragraphs,
            vec!["One bold two", "three & A &bogus;", "four"]
        );
        let page = extract(
            "<html><body><p>unclosed <a href='x'>link text that is long enough to be a link only",
        );
        assert!(page.paragraphs.is_empty(), "{:?}", page.paragraphs);
        assert_eq!(extract("").paragraphs, Vec::<String>::new());
        assert_eq!(extract("<<<>>>&&&").paragraphs, vec!["<<<>>>&&&"]);
    }

    #[test]
    fn deep_nesting_and_huge_lines() {
        let deep = "<div>".repeat(50_000) + "deep text" + &"</div>".repeat(50_000);
        let started = std::time::Instant::now();
        let page = extract(&deep);
        assert_eq!(page.paragraphs, vec!["deep text"]);
        assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
        assert!(nesting_depth(&deep) > MAX_PARSED_DEPTH);
        assert_eq!(nesting_depth("<p>a<p>b<br><img src=x><div>c</div>"), 1);
        let huge = format!(
            "<html><body><p>{}</p></body></html>",
            "word ".repeat(1_000_000)
        );
        let page = extract(&huge);
        assert_eq!(page.paragraphs.len(), 1);
    }

    #[test]
    fn flat_fallback_reads_text() {
        assert_eq!(
            flat_paragraphs("<div><script>x<y</script><p>One &amp; <b>two</b></p><style>p{}</style>three&#8217;s&nbsp;four &bogus; &#xZZ;<"),
            vec!["One & two", "three\u{2019}s four &bogus; &#xZZ;<"]
        );
    }

    #[test]
    fn malformed_pages_are_bounded_and_never_panic() {
        // A 50 MB page on one line: read flat, within bounded time.
        let huge = format!(
            "<html><head><title>Huge page title here</title></head><body><p>{}</p></body></html>",
            "word ".repeat(10_000_000)
        );
        assert!(huge.len() > 50_000_000);
        let started = std::time::Instant::now();
        let page = extract(&huge);
        assert_eq!(page.paragraphs.len(), 1);
        assert_eq!(page.title.as_deref(), Some("Huge page title here"));
        assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
        // 10,000-deep nesting of several kinds.
        for open in [
            "<div>",
            "<b>",
            "<a href=x>",
            "<table><tr><td>",
            "<ul><li>",
            "<span>",
        ] {
            let deep = open.repeat(10_000) + "deep text";
            let started = std::time::Instant::now();
            let page = extract(&deep);
            assert!(
                page.paragraphs.concat().contains("deep text") || open.starts_with("<a"),
                "{open}"
            );
            assert!(
                started.elapsed().as_secs() < 20,
                "{open}: {:?}",
                started.elapsed()
            );
        }
        // Unclosed and broken tags, stray bytes, junk.
        for junk in [
            "<p>unclosed <b>bold <i>italic <div>block",
            "<<<<>>>></p></div></body></html>",
            "<a<a<a<a<a<a<a",
            "<script>never closed",
            "<style>",
            "<!-- comment never closed <p>text",
            "<p class=\"unterminated>text</p>",
            "&#xFFFFFFFF; &#0; &#55296; &",
            "\u{0}\u{FFFD}<p>\u{0}</p>",
        ] {
            let _ = extract(junk);
        }
        let doc = read_html(
            "bad.html",
            b"<p>Caf\xe9 \xff\xfe\xc3 broken \x80 bytes, never a panic.</p>",
        );
        assert!(doc.text.contains("broken"), "{}", doc.text);
    }

    #[test]
    fn scored_region_beats_page_furniture() {
        let teaser =
            "<li><a href=/x>Another headline about something else entirely</a> A teaser line.</li>";
        let prose = "<p>The minister said on Monday that the talks, which began in Geneva, would resume next week, and that both sides had agreed to a ceasefire.</p>";
        let page = format!(
            "<html><body><div class=menu-wrap><ul>{}</ul></div>\
             <div class=col><h2>Talks to resume</h2>{}<p>Short.</p></div>\
             <div class=sidebar-list><ul>{}</ul></div>\
             <div class=site-info>Company address | phone and registration number of the publisher | listed here</div></body></html>",
            teaser.repeat(8),
            prose.repeat(4),
            teaser.repeat(8)
        );
        let page = extract(&page);
        assert_eq!(page.paragraphs.len(), 6, "{:?}", page.paragraphs);
        assert!(page.paragraphs[1].starts_with("The minister said"));
        assert!(page
            .paragraphs
            .iter()
            .all(|p| !p.contains("teaser") && !p.contains("address")));
        assert_eq!(page.paragraphs[5], "Short.");
    }

    #[test]
    fn paywall_region_with_the_article_is_kept_and_notice_dropped() {
        let prose = "<p>Shares of the company fell sharply on Tuesday, after it cut its forecast for the year, analysts said.</p>";
        let page = format!(
            "<html><body><article><h1>Shares fall</h1>{}<div class=paywall>{}</div>\
             <div class=paywall-notice>Subscribe to keep reading.</div></article></body></html>",
            prose,
            prose.repeat(5)
        );
        let page = extract(&page);
        assert_eq!(page.paragraphs.len(), 7, "{:?}", page.paragraphs);
        assert!(!page.paragraphs.concat().contains("Subscribe"));
    }

    #[test]
    fn json_ld_article_body_replaces_a_poor_extraction() {
        let body = "The council voted on Thursday to approve the new budget. ".repeat(20);
        let page = format!(
            r#"<html><head><script type="application/ld+json">{{"@type":"NewsArticle","articleBody":"{body}\n\nA second paragraph follows here.","author":{{"name":"Ann Lee"}}}}</script></head>
            <body><div id=app><p>Loading the article, please wait while the page loads its content.</p></div></body></html>"#
        );
        let page = extract(&page);
        assert_eq!(page.paragraphs.len(), 2, "{:?}", page.paragraphs);
        assert!(page.paragraphs[0].starts_with("The council voted"));
        assert_eq!(page.author.as_deref(), Some("Ann Lee"));
    }

    #[test]
    fn cited_addresses_survive_the_link_filter() {
        let page = extract(
            "<article><p>The report, published on Monday by the ministry of finance, is online.</p>\
             <p><a href='https://example.org/report'>https://example.org/report</a></p>\
             <p><a href='/more'>More news from our site</a></p></article>",
        );
        assert_eq!(page.paragraphs.len(), 2, "{:?}", page.paragraphs);
        assert_eq!(page.paragraphs[1], "https://example.org/report");
    }

    #[test]
    fn oversized_paragraphs_are_cut_at_whitespace() {
        let long = "abc ".repeat(MAX_PARAGRAPH_BYTES / 2);
        let cut = split_oversized(vec![
            "short".into(),
            long.clone(),
            "é".repeat(MAX_PARAGRAPH_BYTES),
        ]);
        assert_eq!(cut[0], "short");
        assert!(cut.iter().all(|p| p.len() <= MAX_PARAGRAPH_BYTES));
        assert_eq!(cut[1..3].concat().replace(' ', ""), long.replace(' ', ""));
        assert!(cut.last().is_some_and(|p| p.starts_with('é')));
    }
}
