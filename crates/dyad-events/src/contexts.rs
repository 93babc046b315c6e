//! PLOVER contexts of an event: those of its CAMEO code plus keywords of its sentence
//! ("troops" → military, "nuclear" → cbrn), from `events/contexts.tsv`.

use crate::lexicon::Lexicon;
use crate::view::SentenceView;

/// Whether keyword `words` (the last word a prefix when `prefix`) starts at token `p`.
fn keyword_at(view: &SentenceView<'_>, words: &[String], prefix: bool, p: usize) -> bool {
    let n = words.len();
    n > 0
        && p + n <= view.len()
        && (0..n).all(|k| {
            let w = view.word(p + k);
            if k == n - 1 && prefix {
                w.starts_with(words[k].as_str())
            } else {
                w == words[k]
            }
        })
}

/// Contexts named by keywords in the sentence, in keyword-file order, without repeats.
pub fn keyword_contexts(lex: &Lexicon, view: &SentenceView<'_>) -> Vec<String> {
    let indexed =
        lex.contexts_by_first.values().map(Vec::len).sum::<usize>() + lex.contexts_prefix.len();
    let mut hits: Vec<usize> = Vec::new();
    if indexed == lex.contexts.iter().filter(|c| !c.0.is_empty()).count() {
        // Each token looks up the keywords that start with it.
        for p in 0..view.len() {
            let exact = lex
                .contexts_by_first
                .get(view.word(p))
                .into_iter()
                .flatten();
            for &i in exact.chain(&lex.contexts_prefix) {
                let (words, prefix, _) = &lex.contexts[i];
                if !hits.contains(&i) && keyword_at(view, words, *prefix, p) {
                    hits.push(i);
                }
            }
        }
        hits.sort_unstable();
    } else {
        // A lexicon built without the index (tests): try every keyword at every token.
        hits = (0..lex.contexts.len())
            .filter(|&i| {
                let (words, prefix, _) = &lex.contexts[i];
                (0..view.len()).any(|p| keyword_at(view, words, *prefix, p))
            })
            .collect();
    }
    let mut out: Vec<String> = Vec::new();
    for i in hits {
        let context = &lex.contexts[i].2;
        if !out.contains(context) {
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
