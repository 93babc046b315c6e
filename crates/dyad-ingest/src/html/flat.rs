//! Reading pages without building a tree: an estimate of element nesting (html5ever's
//! tree building is quadratic in depth, so very deep pages are not parsed), and a flat,
//! linear reader for such pathological or very large pages: tags end paragraphs, script and
//! style content is skipped, common entities are decoded. Never fails.

use super::content::ParagraphBuilder;
use super::dom::BLOCK_TAGS;

/// Elements without content, or whose end tag is implied: not counted by [`nesting_depth`].
const UNCOUNTED_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "td", "th", "tr", "option", "dt", "dd", "html", "head", "body",
];

/// Longest tag (in bytes) searched for a self-closing `/>`; longer tags count as open.
const MAX_SCANNED_TAG_BYTES: usize = 1024;

/// Estimates the deepest element nesting of a page from its tags alone (one pass, no
/// allocation).
pub fn nesting_depth(html: &str) -> usize {
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
        let rest = bytes.get(name_start..).unwrap_or_default();
        let name_len = rest
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        i = name_start + name_len;
        let name = &rest[..name_len];
        if !name.first().is_some_and(u8::is_ascii_alphabetic)
            || UNCOUNTED_TAGS
                .iter()
                .any(|t| t.as_bytes().eq_ignore_ascii_case(name))
        {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        let window = bytes
            .get(i..(i + MAX_SCANNED_TAG_BYTES).min(bytes.len()))
            .unwrap_or_default();
        let self_closing = window
            .iter()
            .position(|&b| b == b'>')
            .is_some_and(|e| e > 0 && window.get(e - 1) == Some(&b'/'));
        if !self_closing {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// Reads pathological markup without building a tree: tags end paragraphs, script and
/// style content is skipped, common entities are decoded. Never fails.
pub fn flat_paragraphs(html: &str) -> Vec<String> {
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
        if BLOCK_TAGS.contains(&name.as_str())
            || matches!(
                name.as_str(),
                "script" | "style" | "title" | "noscript" | "template"
            )
        {
            builder.push_text(&decode_entities(&text), false);
            text.clear();
            builder.end_paragraph();
        }
        rest = &after[close..];
        if !after.starts_with('/')
            && matches!(
                name.as_str(),
                "script" | "style" | "title" | "noscript" | "template"
            )
        {
            rest = find_end_tag(rest, &name)
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

/// Where the end tag `</name` (any case) starts in `text`.
fn find_end_tag(text: &str, name: &str) -> Option<usize> {
    text.match_indices("</").map(|(at, _)| at).find(|&at| {
        text.as_bytes()
            .get(at + 2..at + 2 + name.len())
            .is_some_and(|candidate| candidate.eq_ignore_ascii_case(name.as_bytes()))
    })
}
