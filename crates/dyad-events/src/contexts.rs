//! PLOVER contexts of an event: those of its CAMEO code plus keywords of its sentence
//! ("troops" → military, "nuclear" → cbrn), from `events/contexts.tsv`.

use crate::lexicon::Lexicon;
use crate::view::SentenceView;

/// Contexts named by keywords in the sentence, in keyword-file order, without repeats.
pub fn keyword_contexts(lex: &Lexicon, view: &SentenceView<'_>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (words, prefix, context) in &lex.contexts {
        if out.contains(context) || words.is_empty() {
            continue;
        }
        let n = words.len();
        let hit = (0..view.len().saturating_sub(n - 1)).any(|p| {
            (0..n).all(|k| {
                let w = view.word(p + k);
                if k == n - 1 && *prefix {
                    w.starts_with(words[k].as_str())
                } else {
                    w == words[k]
                }
            })
        });
        if hit {
            out.push(context.clone());
        }
    }
    out
}

/// Merges contexts, keeping the first occurrence of each.
pub fn merge_contexts(first: &[String], second: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in first.iter().chain(second) {
        if !out.contains(c) {
            out.push(c.clone());
        }
    }
    out
}
