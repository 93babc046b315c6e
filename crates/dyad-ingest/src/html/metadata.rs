//! Page metadata: title, publication date, byline, site name, canonical URL, language, and
//! the JSON-LD `articleBody` when the page gives one.
//!
//! - Title: og:title, twitter:title, the first `<h1>`, or `<title>` (minus a " | Site"
//!   suffix).
//! - Published: article:published_time and similar meta tags (ranked), JSON-LD
//!   `datePublished`, the first `<time datetime>`, else a date in the URL
//!   (`/2024/12/01/`, `/2024-12-01/`, `/20241201/`).
//! - Author: JSON-LD `author` names, else author meta tags (dc.creator, author,
//!   parsely-author, sailthru.author, byl; article:author unless it is a link), else the
//!   page's byline element (`rel=author`, `itemprop=author`, a class or id naming a byline
//!   or author), "By " removed.
//! - URL: the canonical link, else og:url. Site: og:site_name, else JSON-LD publisher name.
//! - Language: `<html lang>`, else the content-language meta tag.

use ego_tree::NodeRef;
use scraper::node::Element;
use scraper::{Html, Node};
use serde_json::Value;

use crate::dates;
use crate::notices::fold;

/// Longest byline (in characters) read from a page element.
const MAX_BYLINE_CHARS: usize = 100;
/// Most JSON-LD values visited when looking for a key.
const MAX_JSON_VISITS: usize = 10_000;

/// Metadata gathered from the whole page.
#[derive(Debug, Default)]
pub struct Metadata {
    og_title: Option<String>,
    twitter_title: Option<String>,
    h1: Option<String>,
    title_tag: Option<String>,
    site: Option<String>,
    canonical: Option<String>,
    og_url: Option<String>,
    language: Option<String>,
    meta_dates: Vec<(u8, String)>,
    meta_authors: Vec<(u8, String)>,
    element_byline: Option<String>,
    json_ld: Vec<Value>,
    time_datetime: Option<String>,
}

impl Metadata {
    /// Reads the metadata of a parsed page in one pass over its nodes.
    pub fn read(document: &Html) -> Metadata {
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
                "script" if is_json_ld(element) && meta.json_ld.len() < 16 => {
                    let text = text_of(node);
                    let text = text
                        .trim()
                        .trim_start_matches("<!--")
                        .trim_end_matches("-->");
                    if let Ok(value) = serde_json::from_str::<Value>(text) {
                        meta.json_ld.push(value);
                    }
                }
                _ => {}
            }
            if meta.element_byline.is_none() && names_byline(element) {
                meta.element_byline = Some(byline_text(node)).filter(|b| plausible_byline(b));
            }
        }
        meta
    }

    fn read_meta(&mut self, element: &Element) {
        let key = element
            .attr("property")
            .or_else(|| element.attr("name"))
            .or_else(|| element.attr("itemprop"))
            .or_else(|| element.attr("http-equiv"))
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
            "content-language" if self.language.is_none() => {
                self.language = primary_language(&content);
            }
            _ => {
                if let Some(rank) = date_meta_rank(&key) {
                    self.meta_dates.push((rank, content));
                } else if let Some(rank) = author_meta_rank(&key) {
                    if !content.starts_with("http") && plausible_byline(&content) {
                        self.meta_authors.push((rank, collapse(&content)));
                    }
                }
            }
        }
    }

    /// The headline.
    pub fn title(&self) -> Option<String> {
        let site = self.site();
        let from_tag = self
            .title_tag
            .as_deref()
            .map(|t| strip_site_suffix(t, site.as_deref()));
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

    /// The publication date.
    pub fn published(&self) -> Option<dyad_model::Date> {
        let mut dates = self.meta_dates.clone();
        dates.sort_by_key(|(rank, _)| *rank);
        let json_ld = self.json_ld_string("datePublished");
        dates
            .iter()
            .map(|(_, d)| d.as_str())
            .chain(json_ld.as_deref())
            .chain(self.time_datetime.as_deref())
            .find_map(dates::parse_date)
            .or_else(|| self.url().as_deref().and_then(date_in_url))
    }

    /// The byline.
    pub fn author(&self) -> Option<String> {
        if let Some(names) = self.json_ld_authors() {
            return Some(names);
        }
        let mut authors = self.meta_authors.clone();
        authors.sort_by_key(|(rank, _)| *rank);
        authors
            .into_iter()
            .map(|(_, a)| a)
            .next()
            .or_else(|| self.element_byline.clone())
    }

    /// The canonical URL.
    pub fn url(&self) -> Option<String> {
        self.canonical
            .clone()
            .or_else(|| self.og_url.clone())
            .filter(|u| !u.is_empty())
    }

    /// The site's name.
    pub fn site(&self) -> Option<String> {
        self.site.clone().or_else(|| {
            self.json_ld.iter().find_map(|v| {
                let publisher = find_value(v, "publisher")?;
                publisher.get("name")?.as_str().map(collapse)
            })
        })
    }

    /// The page's language (primary subtag).
    pub fn language(&self) -> Option<String> {
        self.language.clone()
    }

    /// The article text the page's JSON-LD gives, if any.
    pub fn article_body(&self) -> Option<String> {
        self.json_ld_string("articleBody")
    }

    fn json_ld_string(&self, key: &str) -> Option<String> {
        self.json_ld.iter().find_map(|v| {
            find_value(v, key)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        })
    }

    /// The names in the first JSON-LD `author`, joined with ", ".
    fn json_ld_authors(&self) -> Option<String> {
        let author = self.json_ld.iter().find_map(|v| find_value(v, "author"))?;
        let mut names = Vec::new();
        let entries: Vec<&Value> = match author {
            Value::Array(items) => items.iter().collect(),
            other => vec![other],
        };
        for entry in entries {
            let name = match entry {
                Value::String(s) => Some(s.as_str()),
                Value::Object(map) => map.get("name").and_then(Value::as_str),
                _ => None,
            };
            if let Some(name) = name.map(collapse).filter(|n| plausible_byline(n)) {
                if !name.starts_with("http") && !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        (!names.is_empty()).then(|| names.join(", "))
    }
}

/// Whether an element's rel, itemprop, class or id names it as the byline.
fn names_byline(element: &Element) -> bool {
    if element.attr("rel").is_some_and(|r| r.trim() == "author")
        || element
            .attr("itemprop")
            .is_some_and(|p| p.split_whitespace().any(|p| p == "author"))
    {
        return true;
    }
    if matches!(element.name(), "meta" | "link" | "script" | "html" | "body") {
        return false;
    }
    element
        .attr("class")
        .into_iter()
        .chain(element.attr("id"))
        .flat_map(str::split_whitespace)
        .any(|token| {
            let token = token.to_ascii_lowercase();
            token.contains("byline")
                || token == "author"
                || token.ends_with("-author")
                || token == "writtenby"
        })
}

/// The text of a byline element: a nested `itemprop=name` if there is one, else all of
/// it; "By " removed.
fn byline_text(node: NodeRef<'_, Node>) -> String {
    let named = node.descendants().find(|d| {
        d.value()
            .as_element()
            .is_some_and(|e| e.attr("itemprop") == Some("name"))
    });
    let text = collapse(&text_of(named.unwrap_or(node)));
    strip_by(&text).to_string()
}

/// `text` without a leading "By" / "by:".
fn strip_by(text: &str) -> &str {
    let trimmed = text.trim();
    for prefix in ["By ", "by ", "BY ", "By: ", "by: "] {
        if let Some(rest) = trimmed.strip_prefix(prefix) {
            return rest.trim();
        }
    }
    trimmed
}

/// Whether a text can be a byline: short, with letters, not a social-media handle.
fn plausible_byline(text: &str) -> bool {
    let chars = text.chars().count();
    (2..=MAX_BYLINE_CHARS).contains(&chars)
        && text.chars().any(char::is_alphabetic)
        && !text.trim_start().starts_with('@')
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

/// How good a meta tag is as the byline (lower is better), if it is one.
fn author_meta_rank(key: &str) -> Option<u8> {
    Some(match key {
        "dc.creator" | "dcterm:creator" | "dcterms.creator" => 0,
        "author" | "article:author" | "og:article:author" => 1,
        "parsely-author" | "sailthru.author" | "byl" => 2,
        _ => return None,
    })
}

/// A publication date written in a URL's path: `/2024/12/01/`, `/2024-12-01`,
/// `/20241201/`.
pub fn date_in_url(url: &str) -> Option<dyad_model::Date> {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let bytes = path.as_bytes();
    for (i, _) in path.match_indices('/') {
        let rest = bytes.get(i + 1..).unwrap_or_default();
        let digits = |from: usize, len: usize| -> Option<i16> {
            let s = rest.get(from..from + len)?;
            if !s.iter().all(u8::is_ascii_digit) {
                return None;
            }
            std::str::from_utf8(s).ok()?.parse().ok()
        };
        let Some(year) = digits(0, 4).filter(|y| (1990..=2100).contains(y)) else {
            continue;
        };
        let separated = match rest.get(4) {
            Some(b'/' | b'-' | b'_') => {
                let sep = rest[4];
                digits(5, 2)
                    .zip(digits(8, 2))
                    .filter(|_| rest.get(7) == Some(&sep))
            }
            _ => digits(4, 2)
                .zip(digits(6, 2))
                .filter(|_| !rest.get(8).is_some_and(u8::is_ascii_digit)),
        };
        if let Some((month, day)) = separated {
            if let Ok(date) = dyad_model::Date::new(year, month as i8, day as i8) {
                return Some(date);
            }
        }
    }
    None
}

/// The primary subtag of a language tag, lower-case (`en-US` → `en`).
fn primary_language(tag: &str) -> Option<String> {
    let primary = tag
        .trim()
        .split(['-', '_', ','])
        .next()?
        .to_ascii_lowercase();
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

/// Finds the first value of `key` anywhere in a JSON value (breadth first, bounded), not
/// null.
fn find_value<'v>(value: &'v Value, key: &str) -> Option<&'v Value> {
    let mut queue = std::collections::VecDeque::from([value]);
    let mut visited = 0;
    while let Some(v) = queue.pop_front() {
        visited += 1;
        if visited > MAX_JSON_VISITS {
            return None;
        }
        match v {
            Value::Object(map) => {
                if let Some(found) = map.get(key).filter(|f| !f.is_null()) {
                    return Some(found);
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
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_urls() {
        let d = |u: &str| date_in_url(u).map(|d| d.to_string());
        assert_eq!(
            d("https://x.com/2024/12/01/kim-russia").as_deref(),
            Some("2024-12-01")
        );
        assert_eq!(
            d("https://x.com/news/2019-11-20-story.html").as_deref(),
            Some("2019-11-20")
        );
        assert_eq!(
            d("https://x.com/20191120/story").as_deref(),
            Some("2019-11-20")
        );
        assert_eq!(d("https://x.com/2019/13/40/story"), None);
        assert_eq!(d("https://x.com/story-12345678"), None);
        assert_eq!(d("https://x.com/2019"), None);
        assert_eq!(d("/é/2019/11/2"), None);
    }

    #[test]
    fn bylines_from_json_ld_meta_and_elements() {
        let page = |head: &str, body: &str| {
            Metadata::read(&Html::parse_document(&format!(
                "<html><head>{head}</head><body>{body}</body></html>"
            )))
            .author()
        };
        assert_eq!(
            page(
                r#"<script type="application/ld+json">{"@type":"NewsArticle","author":[{"@type":"Person","name":"Ann Lee"},{"name":"Bo Kim"}]}</script><meta name="author" content="Someone Else">"#,
                ""
            )
            .as_deref(),
            Some("Ann Lee, Bo Kim")
        );
        assert_eq!(
            page(r#"<meta property="article:author" content="https://facebook.com/x"><meta name="author" content="Jane Roe">"#, "").as_deref(),
            Some("Jane Roe")
        );
        assert_eq!(
            page(
                "",
                r#"<p class="article-byline">By <a rel="author">Sam Doe</a></p>"#
            )
            .as_deref(),
            Some("Sam Doe")
        );
        assert_eq!(page("", "<p>No byline here.</p>"), None);
    }
}
