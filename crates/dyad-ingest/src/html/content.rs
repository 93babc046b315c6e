//! Finding the article in a page and reading it as paragraphs.
//!
//! Two views of where the article is are weighed:
//! - the page's own markup: the largest `[itemprop=articleBody]`, else `<article>`, else
//!   `<main>` / `[role=main]`, holding at least [`MIN_REGION_CHARS`] and a fifth of the
//!   page's text;
//! - content scoring in the manner of Readability: every paragraph-like element (`p`,
//!   `pre`, `td`, and blocks without blocks inside) of at least [`MIN_SCORED_CHARS`] scores
//!   1 + its commas + one per 100 characters (at most 3), credited to its parent in full
//!   and to four more ancestors in shrinking shares; an ancestor's score starts from its tag
//!   (`div` +5, lists and headings −3/−5) and its class/id names (±25), and is scaled by
//!   the share of its text that is not link text. The best-scoring element, with those of
//!   its siblings that score near it or read as prose, is the scored region.
//!
//! The markup's region wins unless the scored region holds clearly more prose (text of
//! paragraphs that are not mostly links); without either, the whole body is read.
//!
//! Reading a region: block elements end paragraphs, whitespace collapses, furniture
//! ([`super::dom`]) is skipped, and paragraphs that are nearly all link text are dropped
//! (unless the link text is a written-out address: authors cite URLs).

use super::dom::{Dom, Kind, NONE};
use super::names::NameRole;

/// Least text (in characters) a markup region needs to be preferred to the body.
pub const MIN_REGION_CHARS: u32 = 200;
/// Least text (in characters) of an element that counts as a paragraph for scoring.
pub const MIN_SCORED_CHARS: u32 = 25;
/// How many ancestors a paragraph's score is credited to.
const SCORED_ANCESTORS: usize = 5;
/// The markup's region is read when it holds at least this share of the scored region's
/// prose.
const MARKUP_REGION_PROSE_SHARE: f32 = 0.6;

/// The region(s) of the page that hold the article, as node indices in document order.
pub fn article_regions(dom: &Dom<'_>) -> Vec<u32> {
    let n = dom.nodes.len();
    let mut scores = vec![0f32; n];
    let mut scored = vec![false; n];
    let mut prose = vec![0u32; n];
    let mut body = NONE;
    let (mut article_body, mut articles, mut mains) = (Vec::new(), Vec::new(), Vec::new());

    // Forward pass over what is not furniture: markup candidates, paragraph scores.
    let mut i = 0usize;
    while i < n {
        let node = &dom.nodes[i];
        if node.removed {
            i = (node.end as usize).max(i + 1);
            continue;
        }
        let index = i as u32;
        if node.kind == Kind::Text && !node.in_link && node.chars >= MIN_SCORED_CHARS {
            // Text directly in a container of blocks is an anonymous paragraph of it.
            let container = nearest_block(dom, index);
            if dom
                .nodes
                .get(container as usize)
                .is_some_and(|b| b.has_block)
            {
                let score = paragraph_score(node);
                credit(dom, &mut scores, &mut scored, container, score);
                prose[container as usize] += node.chars;
            }
        }
        if let Some(element) = node.element {
            let name = element.name();
            match name {
                "body" if body == NONE => body = index,
                "article" => articles.push(index),
                "main" => mains.push(index),
                _ if element.attr("role").is_some_and(|r| r.trim() == "main") => mains.push(index),
                _ => {}
            }
            if element
                .attr("itemprop")
                .is_some_and(|p| p.split_whitespace().any(|p| p == "articleBody"))
            {
                article_body.push(index);
            }
            let paragraph_like = matches!(name, "p" | "pre" | "td")
                || (node.kind == Kind::Block
                    && !node.has_block
                    && matches!(
                        name,
                        "div" | "section" | "article" | "blockquote" | "center"
                    ));
            if paragraph_like && node.chars >= MIN_SCORED_CHARS {
                credit(
                    dom,
                    &mut scores,
                    &mut scored,
                    node.parent,
                    paragraph_score(node),
                );
            }
            if node.kind == Kind::Block && !node.has_block && node.link_chars * 2 < node.chars {
                prose[i] = node.chars - node.link_chars;
            }
        }
        i += 1;
    }
    // Prose sums, bottom up (furniture's prose never reaches its ancestors).
    for i in (0..n).rev() {
        let node = &dom.nodes[i];
        if node.removed || prose[i] == 0 {
            continue;
        }
        let own = prose[i];
        if let Some(up) = prose.get_mut(node.parent as usize) {
            *up += own;
        }
    }

    let final_score = |i: usize| -> f32 {
        let node = &dom.nodes[i];
        (scores[i] + base_score(node)) * (1.0 - node.link_density())
    };
    let top = (0..n)
        .filter(|&i| scored[i])
        .max_by(|&a, &b| final_score(a).total_cmp(&final_score(b)));
    let scored_region: Vec<u32> = top
        .map(|top| with_siblings(dom, top as u32, &final_score, &scored))
        .unwrap_or_default();
    let scored_prose: u32 = scored_region.iter().map(|&i| prose[i as usize]).sum();

    let whole = dom.nodes.get(body as usize).map_or(0, |b| b.chars);
    let markup_region = [article_body, articles, mains]
        .into_iter()
        .find_map(|candidates| {
            let best = candidates
                .into_iter()
                .filter(|&c| dom.nodes[c as usize].role != Some(NameRole::Boilerplate))
                .max_by_key(|&c| dom.nodes[c as usize].chars)?;
            let chars = dom.nodes[best as usize].chars;
            (chars >= MIN_REGION_CHARS && chars * 5 >= whole).then_some(best)
        });
    match markup_region {
        Some(region)
            if prose[region as usize] as f32 >= MARKUP_REGION_PROSE_SHARE * scored_prose as f32 =>
        {
            vec![region]
        }
        _ if !scored_region.is_empty() => scored_region,
        Some(region) => vec![region],
        None if body != NONE => vec![body],
        None if n > 0 => (0..n as u32)
            .filter(|&i| dom.nodes[i as usize].parent == NONE)
            .collect(),
        None => Vec::new(),
    }
}

/// A paragraph's content score: 1, plus its commas, plus one per 100 characters (at
/// most 3).
fn paragraph_score(node: &super::dom::DomNode<'_>) -> f32 {
    1.0 + node.commas as f32 + (node.chars as f32 / 100.0).min(3.0)
}

/// Credits a paragraph's score to `first` and its ancestors, in shrinking shares.
fn credit(dom: &Dom<'_>, scores: &mut [f32], scored: &mut [bool], first: u32, score: f32) {
    let mut ancestor = first;
    for level in 0..SCORED_ANCESTORS {
        let Some(up) = scores.get_mut(ancestor as usize) else {
            break;
        };
        let divider = match level {
            0 => 1.0,
            1 => 2.0,
            _ => level as f32 * 3.0,
        };
        *up += score / divider;
        scored[ancestor as usize] = true;
        ancestor = dom.nodes[ancestor as usize].parent;
    }
}

/// The nearest block element holding a node (at most a few inline levels up), or
/// [`NONE`].
fn nearest_block(dom: &Dom<'_>, index: u32) -> u32 {
    let mut at = dom.nodes.get(index as usize).map_or(NONE, |n| n.parent);
    for _ in 0..8 {
        match dom.nodes.get(at as usize) {
            Some(node) if node.kind == Kind::Block => return at,
            Some(node) => at = node.parent,
            None => return NONE,
        }
    }
    NONE
}

/// A candidate's starting score from its tag and names.
fn base_score(node: &super::dom::DomNode<'_>) -> f32 {
    let tag = match node.name() {
        "div" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    let names = match node.role {
        Some(NameRole::Content) => 25.0,
        Some(NameRole::Boilerplate) => -25.0,
        _ => 0.0,
    };
    tag + names
}

/// The top candidate with its siblings that belong to the article (Readability's rule):
/// siblings scoring at least a fifth of the top (and 10), and paragraphs that read as
/// prose.
fn with_siblings(
    dom: &Dom<'_>,
    top: u32,
    final_score: &dyn Fn(usize) -> f32,
    scored: &[bool],
) -> Vec<u32> {
    let parent = dom.nodes[top as usize].parent;
    if parent == NONE {
        return vec![top];
    }
    let threshold = (final_score(top as usize) * 0.2).max(10.0);
    dom.children(parent)
        .filter(|&sibling| {
            let node = &dom.nodes[sibling as usize];
            if sibling == top {
                return true;
            }
            if node.removed || node.element.is_none() {
                return false;
            }
            if scored[sibling as usize] && final_score(sibling as usize) >= threshold {
                return true;
            }
            if node.name() == "p" || (node.kind == Kind::Block && !node.has_block) {
                let density = node.link_density();
                if node.chars > 80 && density < 0.25 {
                    return true;
                }
                if node.chars > 0 && node.link_chars == 0 {
                    let last = dom.last_text(sibling);
                    return last.ends_with(['.', '!', '?', '"', '\u{201d}']);
                }
            }
            false
        })
        .collect()
}

/// Builds paragraphs from text nodes, tracking how much of each is link text.
#[derive(Default)]
pub struct ParagraphBuilder {
    pub paragraphs: Vec<String>,
    current: String,
    pending_space: bool,
    chars: usize,
    link_chars: usize,
    address_link: bool,
}

impl ParagraphBuilder {
    pub fn push_text(&mut self, text: &str, in_link: bool) {
        if in_link && !self.address_link {
            let trimmed = text.trim();
            self.address_link = trimmed.starts_with("http://")
                || trimmed.starts_with("https://")
                || trimmed.starts_with("www.");
        }
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

    pub fn space(&mut self) {
        self.pending_space = true;
    }

    pub fn end_paragraph(&mut self) {
        let link_heavy = self.chars > 0 && self.link_chars * 10 >= self.chars * 8;
        if !self.current.is_empty() && (!link_heavy || self.address_link) {
            self.paragraphs.push(std::mem::take(&mut self.current));
        } else {
            self.current.clear();
        }
        self.pending_space = false;
        self.chars = 0;
        self.link_chars = 0;
        self.address_link = false;
    }
}

/// The paragraphs of text in the given regions, furniture left out.
pub fn paragraphs_of(dom: &Dom<'_>, regions: &[u32]) -> Vec<String> {
    let mut builder = ParagraphBuilder::default();
    for &region in regions {
        let Some(root) = dom.nodes.get(region as usize) else {
            continue;
        };
        let end = (root.end as usize).min(dom.nodes.len());
        // Ends of open blocks, innermost last, to end paragraphs when they close.
        let mut open_blocks: Vec<u32> = Vec::new();
        let mut i = region as usize;
        while i < end {
            while open_blocks.last().is_some_and(|&e| e as usize <= i) {
                open_blocks.pop();
                builder.end_paragraph();
            }
            let node = &dom.nodes[i];
            if node.removed && i != region as usize {
                i = (node.end as usize).max(i + 1);
                continue;
            }
            match node.kind {
                Kind::Text => builder.push_text(node.text, node.in_link),
                Kind::Block => {
                    builder.end_paragraph();
                    open_blocks.push(node.end);
                }
                Kind::Spacer => builder.space(),
                Kind::Link | Kind::Inline => {}
            }
            i += 1;
        }
        builder.end_paragraph();
    }
    builder.paragraphs
}
