//! Dependency parses against a Universal Dependencies treebank: attachment scores (UAS,
//! LAS with relations compared on their universal part, before `:`), tag and lemma
//! accuracy, over all words (punctuation included), as the CoNLL shared tasks count them
//! with gold tokenisation.

use serde::Serialize;

use crate::table::TextTable;

/// One word's gold or predicted columns.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UdWord {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub head: Option<usize>,
    pub deprel: String,
}

/// Scores of a parse against its gold.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct UdReport {
    pub sentences: usize,
    pub words: usize,
    pub uas: f64,
    pub las: f64,
    pub upos: f64,
    pub xpos: f64,
    pub lemma: f64,
}

/// Scores predicted sentences against gold ones (same words, in the same order; words
/// beyond the shorter of each pair are counted as wrong).
pub fn score<'a>(pairs: impl IntoIterator<Item = (&'a [UdWord], &'a [UdWord])>) -> UdReport {
    let (mut sentences, mut words) = (0usize, 0usize);
    let (mut heads, mut labelled, mut upos, mut xpos, mut lemma) = (0usize, 0, 0, 0, 0);
    for (gold, got) in pairs {
        sentences += 1;
        words += gold.len();
        for (g, p) in gold.iter().zip(got) {
            let head = g.head.is_some() && g.head == p.head;
            heads += usize::from(head);
            labelled += usize::from(head && main(&g.deprel) == main(&p.deprel));
            upos += usize::from(g.upos == p.upos);
            xpos += usize::from(g.xpos == p.xpos);
            lemma += usize::from(g.lemma == p.lemma);
        }
    }
    let rate = |n: usize| n as f64 / words.max(1) as f64;
    UdReport {
        sentences,
        words,
        uas: rate(heads),
        las: rate(labelled),
        upos: rate(upos),
        xpos: rate(xpos),
        lemma: rate(lemma),
    }
}

fn main(deprel: &str) -> &str {
    deprel.split(':').next().unwrap_or(deprel)
}

impl UdReport {
    /// The report as a text table.
    pub fn render(&self) -> String {
        let mut t = TextTable::new(&["score", "value"]);
        for (name, v) in [
            ("UAS", self.uas),
            ("LAS", self.las),
            ("UPOS", self.upos),
            ("XPOS", self.xpos),
            ("lemma", self.lemma),
        ] {
            t.row(vec![name.to_string(), format!("{:.4}", v)]);
        }
        format!(
            "UD treebank: {} sentences, {} words (gold tokens; all words, punctuation included; \
             LAS on the universal relation)\n\n{}",
            self.sentences,
            self.words,
            t.render()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(head: usize, deprel: &str, upos: &str) -> UdWord {
        UdWord {
            form: "x".into(),
            lemma: "x".into(),
            upos: upos.into(),
            xpos: "X".into(),
            head: Some(head),
            deprel: deprel.into(),
        }
    }

    #[test]
    fn counts_heads_universal_relations_and_tags() {
        let gold = vec![w(2, "nsubj:pass", "NOUN"), w(0, "root", "VERB")];
        let got = vec![w(2, "nsubj", "NOUN"), w(1, "root", "NOUN")];
        let r = score([(gold.as_slice(), got.as_slice())]);
        assert_eq!((r.sentences, r.words), (1, 2));
        assert_eq!(r.uas, 0.5);
        assert_eq!(r.las, 0.5, "nsubj matches nsubj:pass");
        assert_eq!(r.upos, 0.5);
        assert_eq!(r.lemma, 1.0);
        assert!(r.render().contains("UAS"));
        let short = score([(gold.as_slice(), &got[..1])]);
        assert_eq!(short.uas, 0.5, "a missing word is wrong");
    }
}
