//! The page as a flat arena in document order, with the statistics content scoring needs.
//!
//! html5ever's tree (through `scraper`) is walked once, iteratively, into [`Dom`]: one
//! [`DomNode`] per element or text node, each knowing its parent and where its subtree ends,
//! so subtrees are index ranges. Elements whose content is never article text (script,
//! style, nav, header, footer, hidden elements ...) are left out of the arena altogether.
//! One backward pass then sums, for every element, the text and link text it holds and
//! decides which elements are page furniture ([`DomNode::removed`]): those named as
//! boilerplate that hold little text or mostly links, small forms, small paywall notices.

use ego_tree::iter::Edge;
use scraper::node::Element;
use scraper::{Html, Node};

use super::names::{NameRole, NameRules};

/// No parent.
pub const NONE: u32 = u32::MAX;

/// An element named as boilerplate (`class="share-bar"`) with at least this much text,
/// not mostly links, is read anyway: some sites give page wrappers such names.
const MAX_NAMED_BOILERPLATE_CHARS: u32 = 2000;
/// A paywall-named element with less text than this is a notice and left out; with more
/// it is the article behind the paywall.
const MAX_GATED_NOTICE_CHARS: u32 = 300;
/// A `<form>` with at least this much text is read, not dropped (some sites wrap the
/// whole page in one).
const MAX_DROPPED_FORM_CHARS: u32 = 1000;

/// Elements whose content is never article text.
const DROPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "svg", "nav", "header", "footer", "aside", "button", "iframe",
    "template", "select", "option", "textarea", "input", "head", "menu", "dialog", "object",
    "embed", "canvas", "audio", "video", "map", "math", "title",
];

/// Elements that end a paragraph.
pub const BLOCK_TAGS: &[&str] = &[
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
    "form",
    "fieldset",
    "legend",
];

/// What an element is, for building paragraphs and scoring.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Text.
    Text,
    /// An element that ends a paragraph.
    Block,
    /// A link.
    Link,
    /// A table cell or image: a space.
    Spacer,
    /// Any other inline element.
    Inline,
}

/// One element or text node.
#[derive(Debug)]
pub struct DomNode<'a> {
    /// The element, or `None` for text.
    pub element: Option<&'a Element>,
    /// The text of a text node (empty for elements).
    pub text: &'a str,
    pub kind: Kind,
    /// Index of the parent, [`NONE`] for the top.
    pub parent: u32,
    /// One past the last index of this node's subtree.
    pub end: u32,
    /// What the element's class and id names mark it as.
    pub role: Option<NameRole>,
    /// Whether a text node lies inside a link.
    pub in_link: bool,
    /// Non-whitespace characters of text in the subtree (removed parts excluded).
    pub chars: u32,
    /// Of those, characters inside links.
    pub link_chars: u32,
    /// Commas in the subtree's text.
    pub commas: u32,
    /// Whether the subtree holds a block element below this node.
    pub has_block: bool,
    /// Whether this element and all it holds is page furniture.
    pub removed: bool,
}

impl DomNode<'_> {
    /// The element's tag name, or `""` for text.
    pub fn name(&self) -> &str {
        self.element.map_or("", |e| e.name())
    }

    /// Share of the subtree's text that is link text.
    pub fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.chars as f32
        }
    }
}

/// The page as an arena (see the module docs).
#[derive(Debug)]
pub struct Dom<'a> {
    pub nodes: Vec<DomNode<'a>>,
}

impl<'a> Dom<'a> {
    /// Builds the arena from a parsed page and computes its statistics.
    pub fn build(document: &'a Html) -> Dom<'a> {
        let rules = NameRules::embedded();
        let mut nodes: Vec<DomNode<'a>> = Vec::new();
        let mut stack: Vec<u32> = Vec::new();
        let mut skipping: Option<ego_tree::NodeId> = None;
        let mut link_depth = 0usize;
        for edge in document.tree.root().traverse() {
            match edge {
                Edge::Open(node) => {
                    if skipping.is_some() {
                        continue;
                    }
                    let parent = stack.last().copied().unwrap_or(NONE);
                    let index = u32::try_from(nodes.len()).unwrap_or(NONE - 1);
                    match node.value() {
                        Node::Text(text) => nodes.push(DomNode {
                            element: None,
                            text,
                            kind: Kind::Text,
                            parent,
                            end: index.saturating_add(1),
                            role: None,
                            in_link: link_depth > 0,
                            chars: 0,
                            link_chars: 0,
                            commas: 0,
                            has_block: false,
                            removed: false,
                        }),
                        Node::Element(element) => {
                            if is_dropped(element) {
                                skipping = Some(node.id());
                                continue;
                            }
                            let name = element.name();
                            let kind = if BLOCK_TAGS.contains(&name) {
                                Kind::Block
                            } else if name == "a" {
                                Kind::Link
                            } else if matches!(name, "td" | "th" | "img") {
                                Kind::Spacer
                            } else {
                                Kind::Inline
                            };
                            if kind == Kind::Link {
                                link_depth += 1;
                            }
                            let role = if element.attr("class").is_some()
                                || element.attr("id").is_some()
                            {
                                rules.classify(
                                    element.attr("class").into_iter().chain(element.attr("id")),
                                )
                            } else {
                                None
                            };
                            nodes.push(DomNode {
                                element: Some(element),
                                text: "",
                                kind,
                                parent,
                                end: index,
                                role,
                                in_link: link_depth > 0,
                                chars: 0,
                                link_chars: 0,
                                commas: 0,
                                has_block: false,
                                removed: false,
                            });
                            stack.push(index);
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
                    if node.value().is_element() {
                        if let Some(index) = stack.pop() {
                            let end = u32::try_from(nodes.len()).unwrap_or(NONE - 1);
                            if let Some(open) = nodes.get_mut(index as usize) {
                                open.end = end;
                                if open.kind == Kind::Link {
                                    link_depth = link_depth.saturating_sub(1);
                                }
                            }
                        }
                    }
                }
            }
        }
        let mut dom = Dom { nodes };
        dom.compute_statistics();
        dom
    }

    /// The backward pass: subtree sums and removals (see the module docs).
    fn compute_statistics(&mut self) {
        let mut total = 0u32;
        for node in self.nodes.iter_mut().filter(|n| n.kind == Kind::Text) {
            let (mut chars, mut commas) = (0u32, 0u32);
            for c in node.text.chars() {
                if !c.is_whitespace() {
                    chars += 1;
                    if matches!(c, ',' | '，' | '、' | '،') {
                        commas += 1;
                    }
                }
            }
            node.chars = chars;
            node.commas = commas;
            total = total.saturating_add(chars);
        }
        for i in (0..self.nodes.len()).rev() {
            let node = &mut self.nodes[i];
            if node.kind == Kind::Text {
                node.link_chars = if node.in_link { node.chars } else { 0 };
            } else {
                node.removed = is_furniture(node, total);
            }
            if node.removed {
                continue;
            }
            let (parent, chars, link_chars, commas) =
                (node.parent, node.chars, node.link_chars, node.commas);
            // A line break does not make its parent a container of blocks.
            let is_block =
                (node.kind == Kind::Block && !matches!(node.name(), "br" | "hr")) || node.has_block;
            if let Some(up) = self.nodes.get_mut(parent as usize) {
                up.chars += chars;
                up.link_chars += link_chars;
                up.commas += commas;
                up.has_block |= is_block;
            }
        }
    }

    /// Indices of the children of `index`, in order.
    pub fn children(&self, index: u32) -> Children<'_, 'a> {
        let end = self.nodes.get(index as usize).map_or(0, |n| n.end);
        Children {
            dom: self,
            next: index.saturating_add(1),
            end,
        }
    }

    /// Whether `inner` lies in the subtree of `outer` (or is it).
    pub fn contains(&self, outer: u32, inner: u32) -> bool {
        self.nodes
            .get(outer as usize)
            .is_some_and(|n| outer <= inner && inner < n.end)
    }

    /// The last non-blank text in the subtree of `index`, trimmed.
    pub fn last_text(&self, index: u32) -> &'a str {
        let Some(node) = self.nodes.get(index as usize) else {
            return "";
        };
        let range = index as usize..(node.end as usize).min(self.nodes.len());
        self.nodes[range]
            .iter()
            .rev()
            .filter(|n| n.kind == Kind::Text)
            .map(|n| n.text.trim())
            .find(|t| !t.is_empty())
            .unwrap_or("")
    }
}

/// Iterator over the children of a node.
pub struct Children<'d, 'a> {
    dom: &'d Dom<'a>,
    next: u32,
    end: u32,
}

impl Iterator for Children<'_, '_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        if self.next >= self.end {
            return None;
        }
        let current = self.next;
        let node = self.dom.nodes.get(current as usize)?;
        self.next = node.end.max(current + 1);
        Some(current)
    }
}

/// Whether an element (and all it holds) is never article text.
pub fn is_dropped(element: &Element) -> bool {
    let name = element.name();
    if DROPPED_TAGS.contains(&name) {
        return true;
    }
    if element.attr("hidden").is_some()
        || element
            .attr("aria-hidden")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if let Some(style) = element.attr("style") {
        if style.contains("none") || style.contains("hidden") {
            let style: String = style
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            if style.contains("display:none") || style.contains("visibility:hidden") {
                return true;
            }
        }
    }
    element.attr("role").is_some_and(|r| {
        matches!(
            r.trim(),
            "navigation" | "banner" | "contentinfo" | "complementary" | "dialog" | "alert"
        )
    })
}

/// Whether an element's names may remove it: never the page, its main region or article.
fn may_remove_by_name(element: &Element) -> bool {
    !(matches!(element.name(), "html" | "body" | "main" | "article")
        || element
            .attr("itemprop")
            .is_some_and(|p| p.contains("articleBody")))
}

/// Whether an element with its statistics complete is page furniture. An element holding
/// half the page's text or more (`total` characters) is not furniture whatever its names:
/// it is a wrapper of the page (`widget Blog`, `right-rail-wrapper`).
fn is_furniture(node: &DomNode<'_>, total: u32) -> bool {
    let Some(element) = node.element else {
        return false;
    };
    if element.name() == "form" {
        return node.chars < MAX_DROPPED_FORM_CHARS;
    }
    let linky = node.link_chars * 2 >= node.chars;
    if !linky && node.chars >= total / 2 && node.chars > 0 {
        return false;
    }
    match node.role {
        Some(NameRole::Boilerplate) => {
            may_remove_by_name(element) && (node.chars < MAX_NAMED_BOILERPLATE_CHARS || linky)
        }
        Some(NameRole::Gated) => {
            may_remove_by_name(element) && (node.chars < MAX_GATED_NOTICE_CHARS || linky)
        }
        _ => false,
    }
}
