//! The sentence document: every layer of one sentence, built once and read by every
//! later stage — tokens with byte offsets, part-of-speech tags, lemmas, the dependency
//! tree, noun-phrase chunks, the paragraph it is in and the quotations it holds.
//!
//! ```
//! let analyzer = dyad_syntax::Analyzer::from_data(&dyad_data::DataSet::embedded()).unwrap();
//! let text = "Rebels attacked the base.\n\n\u{201c}We will retaliate,\u{201d} the army said.";
//! let doc = analyzer.analyze(text);
//! let s = &doc.sentences[0];
//! assert_eq!(s.lemmas[1], "attack");
//! assert_eq!(s.head(0), Some(1));
//! assert_eq!(s.rels[0].name(), "nsubj");
//! assert_eq!(doc.sentences[1].paragraph, 1);
//! assert_eq!(doc.sentences[1].quotes.len(), 1);
//! ```

use std::ops::Range;

use dyad_data::DataSet;
use dyad_model::Span;
use dyad_text::{TaggedToken, Tagger, TextLayer, TokenKind, Upos};

use crate::parser::Scratch;
use crate::{Lemmatizer, Parser, Rel};

/// One analysed sentence. Token positions inside it are local (0-based); `tokens` maps
/// them to the document's token indices.
#[derive(Clone, Debug, Default)]
pub struct SentenceDoc {
    /// The sentence's tokens in [`Analysis::layer`].
    pub tokens: Range<usize>,
    /// Byte span of the sentence in the text.
    pub span: Span,
    /// Paragraph index: paragraphs are separated by a line break in the text.
    pub paragraph: usize,
    pub tags: Vec<TaggedToken>,
    pub lemmas: Vec<String>,
    /// Each token's head (local index), `None` for the root of the tree.
    pub heads: Vec<Option<usize>>,
    pub rels: Vec<Rel>,
    /// Noun-phrase chunks (local token ranges), in order: a nominal head with its
    /// determiners, modifiers, numbers, compounds and possessors.
    pub chunks: Vec<Range<usize>>,
    /// Quotations (local token ranges inside the quote marks) that start, continue or
    /// end in this sentence.
    pub quotes: Vec<Range<usize>>,
}

impl SentenceDoc {
    pub fn len(&self) -> usize {
        self.tags.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tags.is_empty()
    }

    /// The head of token `i`, `None` for the root.
    pub fn head(&self, i: usize) -> Option<usize> {
        self.heads.get(i).copied().flatten()
    }

    /// The dependents of token `i`, left to right.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.len()).filter(move |&k| self.head(k) == Some(i))
    }

    /// The dependents of `i` with relation `rel` (compared on the universal part when
    /// `rel` has no subtype: `nsubj` matches `nsubj:pass`).
    pub fn children_with<'a>(&'a self, i: usize, rel: &'a str) -> impl Iterator<Item = usize> + 'a {
        self.children(i).filter(move |&k| {
            let r = self.rels[k];
            r.name() == rel || (!rel.contains(':') && r.main() == rel)
        })
    }

    /// The token range covered by the subtree of `i`.
    pub fn subtree(&self, i: usize) -> Range<usize> {
        let (mut lo, mut hi) = (i, i);
        for k in 0..self.len() {
            if self.dominates(i, k) {
                lo = lo.min(k);
                hi = hi.max(k);
            }
        }
        lo..hi + 1
    }

    /// Whether `ancestor` dominates `k` (a token dominates itself).
    pub fn dominates(&self, ancestor: usize, mut k: usize) -> bool {
        for _ in 0..=self.len() {
            if k == ancestor {
                return true;
            }
            match self.head(k) {
                Some(h) => k = h,
                None => return false,
            }
        }
        false
    }

    /// The root token (the main predicate).
    pub fn root(&self) -> Option<usize> {
        (0..self.len()).find(|&k| self.head(k).is_none())
    }

    /// The chunk that holds token `i`.
    pub fn chunk_at(&self, i: usize) -> Option<Range<usize>> {
        self.chunks.iter().find(|c| c.contains(&i)).cloned()
    }
}

/// A document's text layer and its analysed sentences.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    pub layer: TextLayer,
    pub sentences: Vec<SentenceDoc>,
    /// Quotations over the whole text (document token ranges inside the quote marks; the
    /// marks are the tokens just before and just after).
    pub quotes: Vec<Range<usize>>,
}

impl Analysis {
    /// The analysis as CoNLL-U: one block per sentence with `# doc_id`, `# sent_id`,
    /// `# text`, then each token with its lemma, tags, head and relation; MISC gives its
    /// byte offsets in the text (`TokenRange=start:end`) and `SpaceAfter=No`.
    pub fn write_conllu(&self, text: &str, doc_id: &str, out: &mut String) {
        for (k, s) in self.sentences.iter().enumerate() {
            let mut sentence = dyad_text::conllu::Sentence {
                comments: vec![
                    format!("doc_id = {doc_id}"),
                    format!("sent_id = {doc_id}-{}", k + 1),
                    format!(
                        "text = {}",
                        text.get(s.span.start..s.span.end)
                            .unwrap_or("")
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ")
                    ),
                ],
                ..Default::default()
            };
            let tokens = &self.layer.tokens[s.tokens.clone()];
            for (i, t) in tokens.iter().enumerate() {
                let form: String = text
                    .get(t.start..t.end)
                    .unwrap_or("_")
                    .chars()
                    .map(|c| if c.is_whitespace() { '_' } else { c })
                    .collect();
                let mut misc = format!("TokenRange={}:{}", t.start, t.end);
                if tokens.get(i + 1).is_some_and(|n| n.start == t.end) {
                    misc.push_str("|SpaceAfter=No");
                }
                sentence.words.push(dyad_text::conllu::Word {
                    form,
                    lemma: s.lemmas[i].clone(),
                    upos: s.tags[i].upos.to_string(),
                    xpos: s.tags[i].xpos.to_string(),
                    feats: String::new(),
                    head: Some(s.head(i).map_or(0, |h| h + 1)),
                    deprel: s.rels[i].to_string(),
                    deps: String::new(),
                    misc,
                });
            }
            dyad_text::conllu::write_sentence(&sentence, out);
        }
    }

    /// The sentence that holds document token `t`.
    pub fn sentence_of_token(&self, t: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.tokens.end <= t);
        (i < self.sentences.len() && self.sentences[i].tokens.contains(&t)).then_some(i)
    }
}

/// Errors of loading the syntax layer's models.
#[derive(Debug, thiserror::Error)]
pub enum AnalyzerError {
    #[error("part-of-speech tagger: {0}")]
    Tagger(#[from] dyad_text::tag::TagError),
    #[error("parser: {0}")]
    Parser(#[from] crate::ParserError),
    #[error("lemmas: {0}")]
    Lemmas(#[from] dyad_data::DataError),
}

/// The tagger, parser and lemmatiser: load once ([`Analyzer::from_data`]), then
/// [`Analyzer::analyze`] any number of texts.
#[derive(Clone, Debug)]
pub struct Analyzer {
    tagger: Tagger,
    parser: Parser,
    lemmatizer: Lemmatizer,
}

impl Analyzer {
    pub fn from_data(data: &DataSet) -> Result<Analyzer, AnalyzerError> {
        Ok(Analyzer {
            tagger: Tagger::from_data(data)?,
            parser: Parser::from_data(data)?,
            lemmatizer: Lemmatizer::from_data(data)?,
        })
    }

    pub fn tagger(&self) -> &Tagger {
        &self.tagger
    }

    pub fn parser(&self) -> &Parser {
        &self.parser
    }

    pub fn lemmatizer(&self) -> &Lemmatizer {
        &self.lemmatizer
    }

    /// Fills the predicted lemma, UPOS, XPOS, head and relation of CoNLL-U sentences,
    /// keeping their words (the gold tokenisation), comments, multi-word tokens and MISC;
    /// FEATS and DEPS, which dyad does not predict, become `_`.
    pub fn annotate_conllu(&self, sentences: &mut [dyad_text::conllu::Sentence]) {
        let mut scratch = Scratch::default();
        let mut arcs = Vec::new();
        for s in sentences {
            let forms: Vec<String> = s.words.iter().map(|w| w.form.clone()).collect();
            let words: Vec<&str> = forms.iter().map(String::as_str).collect();
            let mut tags = self.tagger.tag_words(&words);
            self.parser
                .parse_into(&words, &tags, &mut scratch, &mut arcs);
            crate::repair::repair(&words, &mut tags, &mut arcs);
            for ((w, t), a) in s.words.iter_mut().zip(&tags).zip(&arcs) {
                w.lemma = self.lemmatizer.lemma(&w.form, t.xpos);
                w.upos = t.upos.to_string();
                w.xpos = t.xpos.to_string();
                w.feats = String::new();
                w.head = Some(a.head);
                w.deprel = a.rel.to_string();
                w.deps = String::new();
            }
        }
    }

    /// Tokenises, splits, tags, lemmatises and parses `text`.
    pub fn analyze(&self, text: &str) -> Analysis {
        let layer = dyad_text::analyze(text);
        let tags = self.tagger.tag_tokens(text, &layer);
        let quotes = quotations(text, &layer);
        let mut sentences = Vec::with_capacity(layer.sentences.len());
        let mut scratch = Scratch::default();
        let mut arcs = Vec::new();
        let mut paragraph = 0;
        for (k, s) in layer.sentences.iter().enumerate() {
            if k > 0 {
                let gap = text
                    .get(layer.sentences[k - 1].span.end..s.span.start)
                    .unwrap_or("");
                if gap.contains('\n') {
                    paragraph += 1;
                }
            }
            let range = s.tokens.start.min(tags.len())..s.tokens.end.min(tags.len());
            let words: Vec<&str> = layer.tokens[range.clone()]
                .iter()
                .map(|t| text.get(t.start..t.end).unwrap_or(""))
                .collect();
            let mut stags = tags[range.clone()].to_vec();
            self.parser
                .parse_into(&words, &stags, &mut scratch, &mut arcs);
            crate::repair::repair(&words, &mut stags, &mut arcs);
            let heads: Vec<Option<usize>> = arcs.iter().map(|a| a.head.checked_sub(1)).collect();
            let rels: Vec<Rel> = arcs.iter().map(|a| a.rel).collect();
            let lemmas = words
                .iter()
                .zip(&stags)
                .map(|(w, t)| self.lemmatizer.lemma(w, t.xpos))
                .collect();
            let local_quotes = quotes
                .iter()
                .filter(|q| q.start < range.end && range.start < q.end)
                .map(|q| q.start.max(range.start) - range.start..q.end.min(range.end) - range.start)
                .collect();
            let mut doc = SentenceDoc {
                tokens: range,
                span: s.span,
                paragraph,
                tags: stags,
                lemmas,
                heads,
                rels,
                chunks: Vec::new(),
                quotes: local_quotes,
            };
            doc.chunks = chunks(&doc);
            sentences.push(doc);
        }
        Analysis {
            layer,
            sentences,
            quotes,
        }
    }
}

/// Relations that stay inside a noun phrase.
fn in_phrase(r: Rel) -> bool {
    matches!(
        r.name(),
        "det"
            | "det:predet"
            | "amod"
            | "compound"
            | "flat"
            | "flat:foreign"
            | "nummod"
            | "nmod:poss"
            | "case"
            | "fixed"
            | "goeswith"
    )
}

/// Noun-phrase chunks: every nominal token that is not itself inside another's phrase,
/// with the contiguous span of its phrase-internal dependents (recursively).
fn chunks(s: &SentenceDoc) -> Vec<Range<usize>> {
    let nominal = |k: usize| {
        matches!(
            s.tags[k].upos,
            Upos::Noun | Upos::Propn | Upos::Pron | Upos::Num
        )
    };
    let mut out: Vec<Range<usize>> = Vec::new();
    for k in 0..s.len() {
        if !nominal(k)
            || s.head(k)
                .is_some_and(|h| in_phrase(s.rels[k]) && nominal(h))
        {
            continue;
        }
        let (mut lo, mut hi) = (k, k);
        let mut stack = vec![k];
        while let Some(w) = stack.pop() {
            for c in s.children(w) {
                // "'s" belongs to its possessor's phrase; a case marker of the head
                // itself ("in the city") stays out of the chunk.
                if in_phrase(s.rels[c]) && !(w == k && s.rels[c] == Rel::CASE) {
                    lo = lo.min(c);
                    hi = hi.max(c);
                    stack.push(c);
                }
            }
        }
        // Keep the chunk contiguous: stop at punctuation inside it.
        if (lo..=hi).any(|t| s.tags[t].upos == Upos::Punct && t != k) {
            lo = (lo..=k)
                .rev()
                .take_while(|&t| s.tags[t].upos != Upos::Punct)
                .last()
                .unwrap_or(k);
            hi = (k..=hi)
                .take_while(|&t| s.tags[t].upos != Upos::Punct)
                .last()
                .unwrap_or(k);
        }
        if out.last().is_some_and(|c| c.end > lo) {
            continue;
        }
        out.push(lo..hi + 1);
    }
    out
}

/// Quotations: the tokens between an opening and its closing quote mark. Curly quotes
/// and guillemets pair by direction (a second opening mark drops the first), straight
/// quotes alternate; a quotation still open at its second line break (a paragraph without
/// a closing mark) is dropped, as is one never closed.
fn quotations(text: &str, layer: &TextLayer) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut breaks = 0;
    for (i, t) in layer.tokens.iter().enumerate() {
        if i > 0 && open.is_some() {
            let gap = text.get(layer.tokens[i - 1].end..t.start).unwrap_or("");
            breaks += gap.matches('\n').count();
            if breaks >= 2 {
                open = None;
            }
        }
        if t.kind != TokenKind::Punct {
            continue;
        }
        let mut close = |open: &mut Option<usize>| {
            if let Some(o) = open.take() {
                out.push(o + 1..i);
            }
        };
        match text.get(t.start..t.end).unwrap_or("") {
            "\u{201c}" | "\u{00ab}" => {
                open = Some(i);
                breaks = 0;
            }
            "\u{201d}" | "\u{00bb}" => close(&mut open),
            "\"" => {
                if open.is_some() {
                    close(&mut open);
                } else {
                    open = Some(i);
                    breaks = 0;
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn analyzer() -> &'static Analyzer {
        static A: OnceLock<Analyzer> = OnceLock::new();
        A.get_or_init(|| Analyzer::from_data(&DataSet::embedded()).expect("models load"))
    }

    #[test]
    fn every_sentence_gets_every_layer() {
        let text = "Russian forces shelled Kharkiv on Tuesday. Two people were killed.\nNATO condemned the attack.";
        let doc = analyzer().analyze(text);
        assert_eq!(doc.sentences.len(), 3);
        for s in &doc.sentences {
            assert_eq!(s.tags.len(), s.tokens.len());
            assert_eq!(s.lemmas.len(), s.tokens.len());
            assert_eq!(s.heads.len(), s.tokens.len());
            assert_eq!(s.rels.len(), s.tokens.len());
            assert_eq!((0..s.len()).filter(|&k| s.head(k).is_none()).count(), 1);
        }
        assert_eq!(doc.sentences[1].paragraph, 0);
        assert_eq!(doc.sentences[2].paragraph, 1);
        let s = &doc.sentences[1];
        assert_eq!(s.lemmas[3], "kill");
        assert_eq!(s.rels[1], Rel::NSUBJ_PASS, "{:?}", s.rels);
        assert_eq!(s.chunks[0], 0..2);
    }

    #[test]
    fn quotations_pair_and_unclosed_ones_are_dropped() {
        let text = "\u{201c}We will not retreat,\u{201d} he said. \"Never.\"\n\u{201c}Open quote\n\nNext \u{201c}a\nb\u{201d}";
        let doc = analyzer().analyze(text);
        let words = |r: &Range<usize>| {
            doc.layer.tokens[r.clone()]
                .iter()
                .map(|t| &text[t.start..t.end])
                .collect::<Vec<_>>()
                .join(" ")
        };
        let q: Vec<String> = doc.quotes.iter().map(words).collect();
        assert_eq!(q, ["We will not retreat ,", "Never .", "a b"]);
    }

    #[test]
    fn empty_and_odd_texts_do_not_panic() {
        for t in ["", "   ", "\u{201c}", "\"\"\"", "— ☃ 東京", "a"] {
            let doc = analyzer().analyze(t);
            for s in &doc.sentences {
                assert_eq!(s.heads.len(), s.len());
            }
        }
    }
}
