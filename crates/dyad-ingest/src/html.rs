//! HTML reading, best effort (a full article extractor comes later): a robust,
//! never-panicking conversion of one page to paragraphs of text plus its metadata.
//!
//! - Decoding: a byte-order mark, else UTF-8 when valid, else the `charset` the page
//!   declares, else windows-1252.
//! - Parsing: html5ever (through `scraper`), which repairs broken markup the way browsers
//!   do. The tree is walked iteratively, so deeply nested junk cannot overflow the stack.
//! - Content region: the largest `[itemprop=articleBody]`, else `<article>`, else `<main>`
//!   / `[role=main]` holding at least [`MIN_REGION_CHARS`] of text, else `<body>`.
//! - Dropped: script, style, noscript, svg, nav, header, footer, aside, button, small
//!   forms (a form wrapping the whole page stays), iframe (and similar non-content elements), hidden elements, and elements whose class or
//!   id names boilerplate (cookie, consent, paywall, subscribe, newsletter, share, social,
//!   related, comments, menu, breadcrumb, advert ...) unless they hold much text that is
//!   not links (a wrapper of the whole page); paragraphs whose text is nearly all
//!   link text (navigation lists that escaped the rest).
//! - Block elements (p, div, li, h1–h6, br, tr, article, section, blockquote ...) end
//!   paragraphs; entities are decoded by the parser; whitespace collapses.
//! - Metadata: title from og:title, twitter:title, the first `<h1>`, or `<title>` (minus a
//!   " | Site" suffix); published from article:published_time and similar meta tags,
//!   JSON-LD `datePublished`, or the first `<time datetime>`; url from the canonical link
//!   or og:url; language from `<html lang>`; source (site) from og:site_name.
//! - A leading paragraph equal to the title is kept out of the text (it is in `title`),
//!   as in [`crate::text`]. Notices are then removed ([`crate::notices`]).

use ego_tree::iter::Edge;
use ego_tree::NodeRef;
use scraper::node::Element;
use scraper::{Html, Node};
use serde_json::Value;

use crate::notices::{fold, NoticeRules};
use crate::{dates, SourceDocument};

/// An element named as boilerplate (`class="share-bar"`) with at least this much text (in
/// bytes), not mostly links, is read anyway: some sites give page wrappers such names
/// (`Page-ad-margins`, `right-rail-wrapper`).
const MAX_NAMED_BOILERPLATE_CHARS: usize = 2000;

/// A `<form>` with at least this much text (in bytes) is read, not dropped.
const MAX_DROPPED_FORM_CHARS: usize = 1000;

/// Least text (in characters) an article or main region needs to be preferred to the body.
pub const MIN_REGION_CHARS: usize = 200;

/// Elements whose content is never article text.
const DROPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "svg", "nav", "header", "footer", "aside", "button", "iframe",
    "template", "select", "option", "textarea", "input", "head", "menu", "dialog", "object",
    "embed", "canvas", "audio", "video", "map", "math",
];

/// Elements that end a paragraph.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "br",
    "hr",
    "tr",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "caption",
    "article",
    "section",
    "main",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "address",
    "center",
    "details",
    "summary",
    "body",
    "html",
];

/// Parts of class or id names (split at `-`, `_`, spaces and case changes) that mark
/// boilerplate.
const BOILERPLATE_NAME_PARTS: &[&str] = &[
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "paywall",
    "subscribe",
    "subscription",
    "subscriptions",
    "newsletter",
    "newsletters",
    "signup",
    "share",
    "sharing",
    "sharebar",
    "social",
    "related",
    "comment",
    "comments",
    "disqus",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "advert",
    "advertisement",
    "advertising",
    "ad",
    "ads",
    "adslot",
    "dfp",
    "promo",
    "sponsored",
    "outbrain",
    "taboola",
    "recirc",
    "recommended",
    "popup",
    "modal",
    "sidebar",
    "rail",
    "navbar",
    "nav",
    "navigation",
    "footer",
    "masthead",
    "toolbar",
    "login",
    "byline",
];

/// Parts of class or id names that mark article content. A class or id token with only
/// boilerplate parts marks boilerplate, one with only content parts marks content, one with
/// both (`content-with-sidebar`, `ad_body`) neither; an element is dropped when one of its
/// tokens marks boilerplate and none marks content.
const CONTENT_NAME_PARTS: &[&str] = &[
    "article", "articles", "body", "content", "story", "entry", "post", "main", "text", "prose",
    "richtext",
];

/// Metadata and text read from one page.
#[derive(Debug, Default, PartialEq)]
pub struct Page {
    pub title: Option<String>,
    pub published: Option<dyad_model::Date>,
    pub url: Option<String>,
    pub language: Option<String>,
    pub site: Option<String>,
    pub paragraphs: Vec<String>,
}

/// Reads one HTML page as a document; id is the input's name.
pub fn read_html(name: &str, bytes: &[u8]) -> SourceDocument {
    let page = extract(&decode(bytes));
    let mut doc = SourceDocument {
        id: name.to_string(),
        url: page.url,
        title: page.title,
        published: page.published,
        source: page.site,
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
    let kept = NoticeRules::embedded().clean(paragraphs, &mut doc.removed);
    doc.text = kept.join("\n\n");
    doc
}

/// Decodes page bytes (see the module docs).
pub fn decode(bytes: &[u8]) -> String {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_string();
    }
    let head = &bytes[..bytes.len().min(4096)];
    let encoding = declared_charset(head)
        .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()))
        .unwrap_or(encoding_rs::WINDOWS_1252);
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// The label after `charset=` in the first bytes of a page.
fn declared_charset(head: &[u8]) -> Option<String> {
    let lower = head.to_ascii_lowercase();
    let at = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let label: String = lower[at..]
        .iter()
        .skip_while(|b| matches!(b, b'"' | b'\'' | b' '))
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
        .map(|&b| char::from(b))
        .collect();
    (!label.is_empty()).then_some(label)
}

/// Nesting depth beyond which a page is not parsed into a tree (html5ever's tree building
/// is quadratic in depth) but read by [`flat_paragraphs`].
pub const MAX_PARSED_DEPTH: usize = 1500;

/// Extracts text and metadata from a page.
pub fn extract(html: &str) -> Page {
    if nesting_depth(html) > MAX_PARSED_DEPTH {
        return Page {
            paragraphs: flat_paragraphs(html),
            ..Page::default()
        };
    }
    let document = Html::parse_document(html);
    let mut page = Page::default();
    let meta = Metadata::read(&document);
    let root = content_root(&document);
    page.paragraphs = root.map(paragraphs_of).unwrap_or_default();
    page.title = meta.title();
    page.published = meta.published();
    page.url = meta.url();
    page.language = meta.language.clone();
    page.site = meta.site.clone();
    page
}

/// Elements without content, or whose end tag is implied: not counted by [`nesting_depth`].
const UNCOUNTED_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "td", "th", "tr", "option", "dt", "dd", "html", "head", "body",
];

/// Estimates the deepest element nesting of a page from its tags alone.
fn nesting_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut i = 0;
    while let Some(offset) = bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|&b| b == b'<'))
    {
        let at = i + offset + 1;
        let closing = bytes.get(at) == Some(&b'/');
        let name_start = if closing { at + 1 } else { at };
        let name: String = bytes
            .get(name_start..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .take(16)
            .map(|b| char::from(b.to_ascii_lowercase()))
            .collect();
        i = name_start + name.len();
        if name.is_empty()
            || !name.starts_with(|c: char| c.is_ascii_alphabetic())
            || UNCOUNTED_TAGS.contains(&name.as_str())
        {
            continue;
        }
        let tag_end = bytes
            .get(i..)
            .and_then(|rest| rest.iter().position(|&b| b == b'>'));
        let self_closing = tag_end.is_some_and(|e| e > 0 && bytes.get(i + e - 1) == Some(&b'/'));
        if closing {
            depth = depth.saturating_sub(1);
        } else if !self_closing {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// Reads pathological markup without building a tree: tags end paragraphs, script and
/// style content is skipped, common entities are decoded. Never fails.
fn flat_paragraphs(html: &str) -> Vec<String> {
    let mut builder = ParagraphBuilder::default();
    let mut rest = html;
    let mut text = String::new();
    while !rest.is_empty() {
        let Some(open) = rest.find('<') else {
            text.push_str(rest);
            break;
        };
        text.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        if !after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!') {
            text.push('<');
            rest = after;
            continue;
        }
        let close = after.find('>').map_or(after.len(), |c| c + 1);
        let name: String = after
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if BLOCK_TAGS.contains(&name.as_str()) || matches!(name.as_str(), "script" | "style") {
            builder.push_text(&decode_entities(&text), false);
            text.clear();
            builder.end_paragraph();
        }
        rest = &after[close..];
        if !after.starts_with('/') && matches!(name.as_str(), "script" | "style") {
            let end_tag = format!("</{name}");
            let lower = rest.to_ascii_lowercase();
            rest = lower
                .find(&end_tag)
                .and_then(|e| rest.get(e..))
                .unwrap_or("");
        }
    }
    builder.push_text(&decode_entities(&text), false);
    builder.end_paragraph();
    builder.paragraphs
}

/// Decodes the common named entities and numeric character references in `text`;
/// anything else stays as written.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let entity = &after[..e];
            let named = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => None,
            };
            named.or_else(|| {
                let number = entity.strip_prefix('#')?;
                let code = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => number.parse().ok()?,
                };
                char::from_u32(code)
            })
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Metadata gathered from the whole page.
#[derive(Debug, Default)]
struct Metadata {
    og_title: Option<String>,
    twitter_title: Option<String>,
    h1: Option<String>,
    title_tag: Option<String>,
    site: Option<String>,
    canonical: Option<String>,
    og_url: Option<String>,
    language: Option<String>,
    meta_dates: Vec<(u8, String)>,
    json_ld_date: Option<String>,
    time_datetime: Option<String>,
}

impl Metadata {
    fn read(document: &Html) -> Metadata {
        let mut meta = Metadata::default();
        for node in document.tree.nodes() {
            let Node::Element(element) = node.value() else {
                continue;
            };
            match element.name() {
                "html" => {
                    meta.language = element
                        .attr("lang")
                        .or_else(|| element.attr("xml:lang"))
                        .and_then(primary_language);
                }
                "meta" => meta.read_meta(element),
                "link" => {
                    let rel = element.attr("rel").unwrap_or_default().to_ascii_lowercase();
                    if rel.split_whitespace().any(|r| r == "canonical") && meta.canonical.is_none()
                    {
                        meta.canonical = element.attr("href").map(str::trim).map(str::to_string);
                    }
                }
                "title" if meta.title_tag.is_none() => {
                    meta.title_tag = Some(collapse(&text_of(node))).filter(|t| !t.is_empty());
                }
                "h1" if meta.h1.is_none() => {
                    meta.h1 = Some(collapse(&text_of(node))).filter(|t| !t.is_empty());
                }
                "time" if meta.time_datetime.is_none() => {
                    meta.time_datetime = element.attr("datetime").map(str::to_string);
                }
                "script" if meta.json_ld_date.is_none() && is_json_ld(element) => {
                    if let Ok(value) = serde_json::from_str::<Value>(&text_of(node)) {
                        meta.json_ld_date = find_key(&value, "datePublished");
                    }
                }
                _ => {}
            }
        }
        meta
    }

    fn read_meta(&mut self, element: &Element) {
        let key = element
            .attr("property")
            .or_else(|| element.attr("name"))
            .or_else(|| element.attr("itemprop"))
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        let Some(content) = element
            .attr("content")
            .map(str::trim)
            .filter(|c| !c.is_empty())
        else {
            return;
        };
        let content = content.to_string();
        match key.as_str() {
            "og:title" => self.og_title = self.og_title.take().or(Some(content)),
            "twitter:title" => self.twitter_title = self.twitter_title.take().or(Some(content)),
            "og:site_name" => self.site = self.site.take().or(Some(content)),
            "og:url" => self.og_url = self.og_url.take().or(Some(content)),
            _ => {
                if let Some(rank) = date_meta_rank(&key) {
                    self.meta_dates.push((rank, content));
                }
            }
        }
    }

    fn title(&self) -> Option<String> {
        let from_tag = self
            .title_tag
            .as_deref()
            .map(|t| strip_site_suffix(t, self.site.as_deref()));
        [
            self.og_title.clone(),
            self.twitter_title.clone(),
            self.h1.clone(),
            from_tag,
        ]
        .into_iter()
        .flatten()
        .map(|t| collapse(&t))
        .find(|t| !t.is_empty())
    }

    fn published(&self) -> Option<dyad_model::Date> {
        let mut dates = self.meta_dates.clone();
        dates.sort_by_key(|(rank, _)| *rank);
        dates
            .iter()
            .map(|(_, d)| d.as_str())
            .chain(self.json_ld_date.as_deref())
            .chain(self.time_datetime.as_deref())
            .find_map(dates::parse_date)
    }

    fn url(&self) -> Option<String> {
        self.canonical
            .clone()
            .or_else(|| self.og_url.clone())
            .filter(|u| !u.is_empty())
    }
}

/// Whether a `<script>` holds JSON-LD.
fn is_json_ld(element: &Element) -> bool {
    element
        .attr("type")
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
}

/// How good a meta tag is as the publication date (lower is better), if it is one.
fn date_meta_rank(key: &str) -> Option<u8> {
    Some(match key {
        "article:published_time" => 0,
        "og:published_time" | "og:article:published_time" | "datepublished" => 1,
        "pubdate"
        | "publishdate"
        | "publish-date"
        | "publish_date"
        | "published_time"
        | "article.published"
        | "article_date_original"
        | "sailthru.date"
        | "parsely-pub-date"
        | "dc.date.issued"
        | "dcterms.issued"
        | "dcterms.created"
        | "dc.date.created" => 2,
        "date"
        | "dc.date"
        | "dcterms.date"
        | "original-publish-date"
        | "cxenseparse:recs:publishtime" => 3,
        _ => return None,
    })
}

/// The primary subtag of a language tag, lower-case (`en-US` → `en`).
fn primary_language(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (primary.len() >= 2 && primary.len() <= 3 && primary.chars().all(|c| c.is_ascii_alphabetic()))
        .then_some(primary)
}

/// `title` without a trailing " | Site" / " - Site" part naming the site.
fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    for separator in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some((head, tail)) = title.rsplit_once(separator) {
            let names_site = site.is_some_and(|s| fold(s) == fold(tail));
            if names_site
                || (site.is_none()
                    && tail.split_whitespace().count() <= 4
                    && head.split_whitespace().count() >= 3)
            {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// Finds the first string value of `key` anywhere in a JSON value (breadth first, bounded).
fn find_key(value: &Value, key: &str) -> Option<String> {
    let mut queue = std::collections::VecDeque::from([value]);
    let mut visited = 0;
    while let Some(v) = queue.pop_front() {
        visited += 1;
        if visited > 10_000 {
            return None;
        }
        match v {
            Value::Object(map) => {
                if let Some(Value::String(s)) = map.get(key) {
                    return Some(s.clone());
                }
                queue.extend(map.values());
            }
            Value::Array(items) => queue.extend(items),
            _ => {}
        }
    }
    None
}

/// All text under `node`, unfiltered.
fn text_of(node: NodeRef<'_, Node>) -> String {
    let mut out = String::new();
    for descendant in node.descendants() {
        if let Node::Text(text) = descendant.value() {
            out.push_str(text);
        }
    }
    out
}

/// `text` trimmed with whitespace runs collapsed.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The region of the page that holds the article (see the module docs).
fn content_root(document: &Html) -> Option<NodeRef<'_, Node>> {
    let mut body = None;
    let mut article_body = Vec::new();
    let mut articles = Vec::new();
    let mut mains = Vec::new();
    for node in document.tree.nodes() {
        let Node::Element(element) = node.value() else {
            continue;
        };
        if element
            .attr("itemprop")
            .is_some_and(|p| p.split_whitespace().any(|p| p == "articleBody"))
        {
            article_body.push(node);
        }
        match element.name() {
            "body" if body.is_none() => body = Some(node),
            "article" => articles.push(node),
            "main" => mains.push(node),
            _ if element.attr("role") == Some("main") => mains.push(node),
            _ => {}
        }
    }
    let root = body.unwrap_or_else(|| document.tree.root());
    let text_length = |n: NodeRef<'_, Node>| {
        paragraphs_of(n)
            .iter()
            .map(|p| p.chars().count())
            .sum::<usize>()
    };
    let whole = text_length(root);
    for candidates in [article_body, articles, mains] {
        let best = candidates
            .into_iter()
            .filter(|n| !in_boilerplate(*n))
            .map(|n| (text_length(n), n))
            .max_by_key(|(len, _)| *len);
        if let Some((len, node)) = best {
            if len >= MIN_REGION_CHARS && len * 5 >= whole {
                return Some(node);
            }
        }
    }
    Some(root)
}

/// Whether a candidate content region is itself named as boilerplate (a comment
/// `<article>`) or lies inside an element that is dropped.
fn in_boilerplate(node: NodeRef<'_, Node>) -> bool {
    if node.value().as_element().is_some_and(named_as_boilerplate) {
        return true;
    }
    node.ancestors().any(is_dropped_node)
}

/// Whether a node (an element and all it holds) is left out of the text. A `<form>` is
/// left out only when it holds little text: some sites wrap the whole page in one.
fn is_dropped_node(node: NodeRef<'_, Node>) -> bool {
    let Some(element) = node.value().as_element() else {
        return false;
    };
    if element.name() == "form" {
        let mut chars = 0;
        for descendant in node.descendants() {
            if let Node::Text(text) = descendant.value() {
                chars += text.trim().len();
                if chars >= MAX_DROPPED_FORM_CHARS {
                    return false;
                }
            }
        }
        return true;
    }
    is_dropped(element)
        || (may_drop_by_name(element) && named_as_boilerplate(element) && small_or_linky(node))
}

/// Whether an element (and all it holds) is left out of the text.
fn is_dropped(element: &Element) -> bool {
    let name = element.name();
    if DROPPED_TAGS.contains(&name) {
        return true;
    }
    if element.attr("hidden").is_some()
        || element
            .attr("aria-hidden")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if let Some(style) = element.attr("style") {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    element.attr("role").is_some_and(|r| {
        matches!(
            r,
            "navigation" | "banner" | "contentinfo" | "complementary" | "dialog" | "alert"
        )
    })
}

/// Whether an element's names may drop it: never the page, its main region or article.
fn may_drop_by_name(element: &Element) -> bool {
    !(matches!(element.name(), "html" | "body" | "main" | "article")
        || element
            .attr("itemprop")
            .is_some_and(|p| p.contains("articleBody")))
}

/// Whether the text under `node` is small (under [`MAX_NAMED_BOILERPLATE_CHARS`]) or
/// mostly link text: what a share bar, a cookie banner or a related-links box holds, and
/// not what a wrapper around the whole article holds.
fn small_or_linky(node: NodeRef<'_, Node>) -> bool {
    let (mut chars, mut link_chars, mut link_depth) = (0usize, 0usize, 0usize);
    for edge in node.traverse() {
        match edge {
            Edge::Open(n) => match n.value() {
                Node::Text(text) => {
                    let len = text.trim().len();
                    chars += len;
                    if link_depth > 0 {
                        link_chars += len;
                    }
                }
                Node::Element(e) if e.name() == "a" => link_depth += 1,
                _ => {}
            },
            Edge::Close(n) => {
                if n.value().as_element().is_some_and(|e| e.name() == "a") {
                    link_depth = link_depth.saturating_sub(1);
                }
            }
        }
    }
    chars < MAX_NAMED_BOILERPLATE_CHARS || link_chars * 2 >= chars
}

/// Whether the element's class or id names mark it as boilerplate (see
/// [`CONTENT_NAME_PARTS`]).
fn named_as_boilerplate(element: &Element) -> bool {
    let tokens = element
        .attr("class")
        .into_iter()
        .chain(element.attr("id"))
        .flat_map(str::split_whitespace);
    let (mut boilerplate, mut content) = (false, false);
    for token in tokens {
        let parts = name_parts(token);
        let marks_boilerplate = parts
            .iter()
            .any(|p| BOILERPLATE_NAME_PARTS.contains(&p.as_str()));
        let marks_content = parts
            .iter()
            .any(|p| CONTENT_NAME_PARTS.contains(&p.as_str()));
        match (marks_boilerplate, marks_content) {
            (true, false) => boilerplate = true,
            (false, true) => content = true,
            _ => {}
        }
    }
    boilerplate && !content
}

/// The lower-case parts of a class or id attribute: split at spaces, `-`, `_`, and
/// lower-to-upper case changes (`shareBar` → `share`, `bar`).
fn name_parts(names: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in names.chars() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                parts.push(std::mem::take(&mut current));
            }
            previous_lower = false;
            continue;
        }
        if c.is_uppercase() && previous_lower && !current.is_empty() {
            parts.push(std::mem::take(&mut current));
        }
        previous_lower = c.is_lowercase();
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        parts.push(current);
    }
    parts
}

/// Builds paragraphs from text nodes, tracking how much of each is link text.
#[derive(Default)]
struct ParagraphBuilder {
    paragraphs: Vec<String>,
    current: String,
    pending_space: bool,
    chars: usize,
    link_chars: usize,
}

impl ParagraphBuilder {
    fn push_text(&mut self, text: &str, in_link: bool) {
        for c in text.chars() {
            if c.is_whitespace() {
                self.pending_space = true;
                continue;
            }
            if self.pending_space && !self.current.is_empty() {
                self.current.push(' ');
            }
            self.pending_space = false;
            self.current.push(c);
            self.chars += 1;
            if in_link {
                self.link_chars += 1;
            }
        }
    }

    fn space(&mut self) {
        self.pending_space = true;
    }

    fn end_paragraph(&mut self) {
        let text = std::mem::take(&mut self.current);
        let link_heavy = self.chars > 0 && self.link_chars * 10 >= self.chars * 8;
        if !text.is_empty() && !link_heavy {
            self.paragraphs.push(text);
        }
        self.pending_space = false;
        self.chars = 0;
        self.link_chars = 0;
    }
}

/// The paragraphs of text under `root`, boilerplate left out.
fn paragraphs_of(root: NodeRef<'_, Node>) -> Vec<String> {
    let mut builder = ParagraphBuilder::default();
    let mut skipping: Option<ego_tree::NodeId> = None;
    let mut link_depth = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(text) => builder.push_text(text, link_depth > 0),
                    Node::Element(element) => {
                        if node.id() != root.id() && is_dropped_node(node) {
                            skipping = Some(node.id());
                            continue;
                        }
                        let name = element.name();
                        if name == "a" {
                            link_depth += 1;
                        }
                        if BLOCK_TAGS.contains(&name) {
                            builder.end_paragraph();
                        } else if matches!(name, "td" | "th" | "img") {
                            builder.space();
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(id) = skipping {
                    if id == node.id() {
                        skipping = None;
                    }
                    continue;
                }
                if let Node::Element(element) = node.value() {
                    let name = element.name();
                    if name == "a" {
                        link_depth = link_depth.saturating_sub(1);
                    }
                    if BLOCK_TAGS.contains(&name) {
                        builder.end_paragraph();
                    } else if matches!(name, "td" | "th") {
                        builder.space();
                    }
                }
            }
        }
    }
    builder.end_paragraph();
    builder.paragraphs
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn encodings() {
        assert_eq!(decode(b"caf\xc3\xa9"), "café");
        assert_eq!(
            decode(b"<meta charset=\"iso-8859-1\">caf\xe9"),
            "<meta charset=\"iso-8859-1\">café"
        );
        assert_eq!(decode(b"caf\xe9 \x93q\x94"), "café \u{201c}q\u{201d}");
        assert_eq!(decode(b"\xff\xfeh\x00i\x00"), "hi");
    }

    #[test]
    fn class_names_split_into_parts() {
        assert_eq!(
            name_parts("article-body shareBar  ad_slot"),
            vec!["article", "body", "share", "bar", "ad", "slot"]
        );
        assert_eq!(name_parts("headline loaded"), vec!["headline", "loaded"]);
    }
}
