//! Abbreviations a story defines for itself: "the Armed Forces of the Philippines (AFP)",
//! "Somalia's National Intelligence and Security Agency, or NISA". Inside that story the
//! abbreviation names what the long name names, whatever a list says it names elsewhere
//! ("AFP" is also a news agency): every later "AFP" or "NISA" is a short name of the
//! long name's entity, and an entity that only the abbreviation gave is dropped.

use dyad_model::Mention;
use dyad_text::{TextLayer, TokenKind};

use crate::entities::DocEntities;
use crate::{ActorMention, MentionKind};

/// Words that may stand inside a long name between its capitalised words.
const CONNECTORS: &[&str] = &["of", "the", "and", "for", "on", "&"];

/// One definition: the long name's tokens and the abbreviation.
#[derive(Debug, PartialEq, Eq)]
struct Definition {
    long: (usize, usize),
    abbreviation: String,
}

/// Whether `word` has the shape of an abbreviation: two to six capital letters (digits
/// allowed after the first).
fn abbreviation_shape(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_ascii_uppercase()).count();
    (2..=6).contains(&letters)
        && word.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// The definitions of a document, in order.
fn definitions(text: &str, layer: &TextLayer) -> Vec<Definition> {
    let word = |i: usize| layer.tokens.get(i).map_or("", |t| t.text(text));
    let mut out = Vec::new();
    for (k, token) in layer.tokens.iter().enumerate() {
        let abbreviation = token.text(text);
        if token.kind != TokenKind::Word || k < 2 || !abbreviation_shape(abbreviation) {
            continue;
        }
        // "Long Name (ABBR)" or "Long Name, or ABBR," (or a sentence end after it).
        let end = match (word(k - 2), word(k - 1), word(k + 1)) {
            (_, "(", ")") => k - 1,
            (",", "or", "," | "." | ";" | ")" | "") => k - 2,
            _ => continue,
        };
        if let Some(start) = long_name_start(text, layer, end, abbreviation) {
            out.push(Definition {
                long: (start, end),
                abbreviation: abbreviation.to_string(),
            });
        }
    }
    out
}

/// The first token of the long name that ends before token `end` and whose capitalised
/// words' initials spell `abbreviation` (words may be skipped: "National Intelligence and
/// Security Agency" spells NISA, "Armed Forces of the Philippines" AFP); the nearest such
/// start. `None` when the words before do not spell it.
fn long_name_start(text: &str, layer: &TextLayer, end: usize, abbreviation: &str) -> Option<usize> {
    let wanted: Vec<char> = abbreviation
        .chars()
        .filter(char::is_ascii_uppercase)
        .collect();
    // The run of capitalised words and connectors before `end`.
    let mut start = end;
    while start > 0 && end - start < 12 {
        let t = &layer.tokens[start - 1];
        let w = t.text(text);
        let capitalised = w.chars().next().is_some_and(char::is_uppercase);
        if t.kind != TokenKind::Word || !(capitalised || CONNECTORS.contains(&w)) {
            break;
        }
        start -= 1;
    }
    // The latest start whose initials (in order) hold the abbreviation's letters, the
    // first of them on the start word itself.
    (start..end).rev().find(|&s| {
        let initials: Vec<char> = (s..end)
            .map(|i| layer.tokens[i].text(text))
            .filter(|w| !CONNECTORS.contains(w))
            .filter_map(|w| w.chars().next())
            .collect();
        initials.first() == wanted.first() && subsequence(&wanted, &initials)
    })
}

fn subsequence(needle: &[char], hay: &[char]) -> bool {
    let mut it = hay.iter();
    needle.iter().all(|c| it.any(|h| h == c))
}

/// Makes every use of a defined abbreviation a short name of the long name's entity.
pub(crate) fn apply(doc: &mut DocEntities, text: &str, layer: &TextLayer) {
    for def in definitions(text, layer) {
        let long = layer.span_of(def.long.0, def.long.1);
        // The entity named by the long name: the longest mention that ends with it.
        let Some(target) = doc
            .mentions
            .iter()
            .filter(|m| m.span.end == long.end && m.span.start <= long.start + 4)
            .filter(|m| m.span.start >= long.start.saturating_sub(4))
            .min_by_key(|m| m.span.start)
            .map(|m| m.entity)
        else {
            continue;
        };
        for (j, token) in layer.tokens.iter().enumerate() {
            if token.text(text) != def.abbreviation {
                continue;
            }
            let name = layer.span_of(j, j + 1);
            // Mentions whose own words are the abbreviation (with a determiner).
            let covering: Vec<usize> = (0..doc.mentions.len())
                .filter(|&m| {
                    let span = doc.mentions[m].span;
                    span.start <= name.start && name.end <= span.end
                })
                .collect();
            if covering.is_empty() {
                let Some(sentence) = layer.sentences.iter().position(|s| s.tokens.contains(&j))
                else {
                    continue;
                };
                doc.mentions.push(ActorMention {
                    entity: target,
                    span: name,
                    sentence,
                    kind: MentionKind::ShortName,
                });
                doc.record(text, target, name, MentionKind::ShortName);
                continue;
            }
            for m in covering {
                let mention = &doc.mentions[m];
                let words = text.get(mention.span.start..mention.span.end).unwrap_or("");
                let bare = words.strip_prefix("the ").unwrap_or(words);
                if mention.entity == target || bare != def.abbreviation {
                    continue;
                }
                let old = mention.entity;
                doc.mentions[m].entity = target;
                doc.mentions[m].kind = MentionKind::ShortName;
                move_name(doc, old, target, name);
            }
        }
    }
}

/// Moves the record of the name at `name` from entity `from` to entity `to`; `from` is
/// dropped when no mention is left to it.
fn move_name(doc: &mut DocEntities, from: usize, to: usize, name: dyad_model::Span) {
    let moved: Vec<Mention> = doc.entities[from]
        .mentions
        .iter()
        .filter(|m| m.start == name.start && m.end == name.end)
        .cloned()
        .collect();
    doc.entities[from]
        .mentions
        .retain(|m| !(m.start == name.start && m.end == name.end));
    for mut m in moved {
        m.kind = Some(MentionKind::ShortName);
        doc.entities[to].mentions.push(m);
    }
    if !doc.mentions.iter().any(|m| m.entity == from) {
        doc.drop_entity(from);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defs(text: &str) -> Vec<(String, String)> {
        let layer = dyad_text::analyze(text);
        definitions(text, &layer)
            .into_iter()
            .map(|d| {
                let long = layer.span_of(d.long.0, d.long.1);
                (text[long.start..long.end].to_string(), d.abbreviation)
            })
            .collect()
    }

    #[test]
    fn definitions_in_parentheses_and_after_or() {
        assert_eq!(
            defs("The Armed Forces of the Philippines (AFP) said the ships left."),
            [("Armed Forces of the Philippines".into(), "AFP".into())]
        );
        assert_eq!(
            defs("Kenya's National Intelligence and Security Agency, or NISA, said so."),
            [(
                "National Intelligence and Security Agency".into(),
                "NISA".into()
            )]
        );
        // Initials that do not spell it, and no definition shape: nothing.
        assert!(defs("Officials of the Ministry of Defence (AFP) said so.").is_empty());
        assert!(defs("The AFP news agency said so.").is_empty());
        assert!(defs("Talks in Geneva (UN) resumed.").is_empty());
    }
}
