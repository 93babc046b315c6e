//! CoNLL-U, the Universal Dependencies file format: read it without losing anything, write
//! it back. The tagger and the parser train on it; `dyad parse` reads and writes it.
//!
//! A sentence is comment lines (`# text = …`), then one line per word with ten
//! tab-separated columns (ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC), with
//! multi-word token lines (`1-2 don't`) before their first word and empty nodes (`3.1`)
//! after the word they follow, then a blank line. Columns are kept as written, so a
//! sentence read and written back is the same text.
//!
//! ```
//! let src = "# text = Hi.\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\tSpaceAfter=No\n2\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n";
//! let sentences = dyad_text::conllu::parse("x.conllu", src).unwrap();
//! assert_eq!(sentences[0].words[1].head, Some(1));
//! assert_eq!(sentences[0].text(), Some("Hi."));
//! assert_eq!(dyad_text::conllu::write(&sentences), src);
//! ```

use std::fmt::Write as _;

/// A line that is not CoNLL-U, naming the file and the 1-based line.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct ConlluError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// One word line. `head` is `None` when the column is `_` (no tree).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Word {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    /// 1-based index of the head word, 0 for the root.
    pub head: Option<usize>,
    pub deprel: String,
    pub deps: String,
    pub misc: String,
}

impl Word {
    /// Whether MISC says no space follows the word (`SpaceAfter=No`).
    pub fn no_space_after(&self) -> bool {
        self.misc.split('|').any(|m| m == "SpaceAfter=No")
    }

    /// The relation's universal part: `nsubj` for `nsubj:pass`.
    pub fn main_deprel(&self) -> &str {
        self.deprel.split(':').next().unwrap_or("")
    }
}

/// A multi-word token line: the surface form of words `first..=last` (1-based).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MultiWord {
    pub first: usize,
    pub last: usize,
    pub form: String,
    /// The other eight columns, as written.
    pub rest: String,
}

/// One sentence: its comments, words, multi-word tokens and empty nodes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    /// Comment lines without the leading `#` and one space.
    pub comments: Vec<String>,
    pub words: Vec<Word>,
    pub multiwords: Vec<MultiWord>,
    /// Empty nodes of the enhanced graph: the word they follow (0 = before the first)
    /// and the raw line.
    pub empty_nodes: Vec<(usize, String)>,
}

impl Sentence {
    /// The `# text = …` comment.
    pub fn text(&self) -> Option<&str> {
        self.comments
            .iter()
            .find_map(|c| c.strip_prefix("text =").map(str::trim))
    }

    /// The text rebuilt from the surface tokens and their `SpaceAfter=No` marks.
    pub fn surface_text(&self) -> String {
        let mut out = String::new();
        let mut i = 0;
        while i < self.words.len() {
            let id = i + 1;
            if let Some(m) = self.multiwords.iter().find(|m| m.first == id) {
                out.push_str(&m.form);
                if !m
                    .rest
                    .rsplit('\t')
                    .next()
                    .unwrap_or("")
                    .contains("SpaceAfter=No")
                {
                    out.push(' ');
                }
                i = m.last.max(id);
                continue;
            }
            out.push_str(&self.words[i].form);
            if !self.words[i].no_space_after() {
                out.push(' ');
            }
            i += 1;
        }
        out.trim_end().to_string()
    }

    /// The word forms.
    pub fn forms(&self) -> Vec<&str> {
        self.words.iter().map(|w| w.form.as_str()).collect()
    }
}

/// Reads a CoNLL-U file. `file` names it in errors.
pub fn parse(file: &str, src: &str) -> Result<Vec<Sentence>, ConlluError> {
    let err = |line: usize, message: String| ConlluError {
        file: file.to_string(),
        line,
        message,
    };
    let mut out = Vec::new();
    let mut current = Sentence::default();
    for (i, raw) in src.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !current.words.is_empty() || !current.comments.is_empty() {
                out.push(finish(std::mem::take(&mut current), file, line_no)?);
            }
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.strip_prefix(' ').unwrap_or(comment);
            current.comments.push(comment.to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(err(line_no, format!("{} columns, expected 10", cols.len())));
        }
        let id = cols[0];
        if let Some((a, b)) = id.split_once('-') {
            match (a.parse::<usize>(), b.parse::<usize>()) {
                (Ok(a), Ok(b)) if a == current.words.len() + 1 && b >= a => {
                    current.multiwords.push(MultiWord {
                        first: a,
                        last: b,
                        form: cols[1].to_string(),
                        rest: cols[2..].join("\t"),
                    });
                }
                _ => return Err(err(line_no, format!("bad multi-word token id {id:?}"))),
            }
            continue;
        }
        if id.contains('.') {
            current
                .empty_nodes
                .push((current.words.len(), line.to_string()));
            continue;
        }
        let n: usize = id
            .parse()
            .map_err(|_| err(line_no, format!("bad word id {id:?}")))?;
        if n != current.words.len() + 1 {
            return Err(err(line_no, format!("word id {n} out of sequence")));
        }
        let head = match cols[6] {
            "_" => None,
            h => Some(
                h.parse::<usize>()
                    .map_err(|_| err(line_no, format!("bad head {h:?}")))?,
            ),
        };
        current.words.push(Word {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            feats: cols[5].to_string(),
            head,
            deprel: cols[7].to_string(),
            deps: cols[8].to_string(),
            misc: cols[9].to_string(),
        });
    }
    if !current.words.is_empty() || !current.comments.is_empty() {
        let end = src.lines().count() + 1;
        out.push(finish(current, file, end)?);
    }
    Ok(out)
}

/// Checks what can only be checked once the sentence is complete: heads in range,
/// multi-word tokens over existing words.
fn finish(sentence: Sentence, file: &str, line: usize) -> Result<Sentence, ConlluError> {
    let n = sentence.words.len();
    let err = |message: String| ConlluError {
        file: file.to_string(),
        line,
        message,
    };
    if n == 0 {
        return Err(err("a sentence without words".into()));
    }
    if let Some((k, w)) = sentence
        .words
        .iter()
        .enumerate()
        .find(|(_, w)| w.head.is_some_and(|h| h > n))
    {
        return Err(err(format!(
            "word {} has head {} beyond the sentence's {n} words",
            k + 1,
            w.head.unwrap_or(0)
        )));
    }
    if let Some(m) = sentence.multiwords.iter().find(|m| m.last > n) {
        return Err(err(format!(
            "multi-word token {}-{} beyond the sentence's {n} words",
            m.first, m.last
        )));
    }
    Ok(sentence)
}

/// Writes sentences as CoNLL-U (each followed by a blank line).
pub fn write(sentences: &[Sentence]) -> String {
    let mut out = String::new();
    for s in sentences {
        write_sentence(s, &mut out);
    }
    out
}

/// Appends one sentence and its closing blank line to `out`.
pub fn write_sentence(s: &Sentence, out: &mut String) {
    for c in &s.comments {
        out.push('#');
        if !c.is_empty() {
            out.push(' ');
        }
        out.push_str(c);
        out.push('\n');
    }
    let empty_after = |k: usize, out: &mut String| {
        for (_, line) in s.empty_nodes.iter().filter(|(after, _)| *after == k) {
            out.push_str(line);
            out.push('\n');
        }
    };
    empty_after(0, out);
    for (k, w) in s.words.iter().enumerate() {
        let id = k + 1;
        for m in s.multiwords.iter().filter(|m| m.first == id) {
            let _ = writeln!(out, "{}-{}\t{}\t{}", m.first, m.last, m.form, m.rest);
        }
        let head = w.head.map_or_else(|| "_".to_string(), |h| h.to_string());
        let _ = writeln!(
            out,
            "{id}\t{}\t{}\t{}\t{}\t{}\t{head}\t{}\t{}\t{}",
            w.form,
            or_blank(&w.lemma),
            or_blank(&w.upos),
            or_blank(&w.xpos),
            or_blank(&w.feats),
            or_blank(&w.deprel),
            or_blank(&w.deps),
            or_blank(&w.misc)
        );
        empty_after(id, out);
    }
    out.push('\n');
}

fn or_blank(s: &str) -> &str {
    if s.is_empty() {
        "_"
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
# sent_id = a-1
# text = Russia's drones didn't stop.
1-2\tRussia's\t_\t_\t_\t_\t_\t_\t_\t_
1\tRussia\tRussia\tPROPN\tNNP\tNumber=Sing\t3\tnmod:poss\t3:nmod:poss\t_
2\t's\t's\tPART\tPOS\t_\t1\tcase\t1:case\t_
3\tdrones\tdrone\tNOUN\tNNS\tNumber=Plur\t6\tnsubj\t6:nsubj\t_
4-5\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_
4\tdid\tdo\tAUX\tVBD\t_\t6\taux\t6:aux\t_
5\tn't\tnot\tPART\tRB\t_\t6\tadvmod\t6:advmod\t_
5.1\tgo\tgo\tVERB\tVB\t_\t_\t_\t3:nsubj\t_
6\tstop\tstop\tVERB\tVB\t_\t0\troot\t0:root\tSpaceAfter=No
7\t.\t.\tPUNCT\t.\t_\t6\tpunct\t6:punct\t_

# text = Two.
1\tTwo\ttwo\tNUM\tCD\t_\t0\troot\t_\tSpaceAfter=No
2\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_

";

    #[test]
    fn round_trips_every_line() {
        let s = parse("s.conllu", SAMPLE).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].words.len(), 7);
        assert_eq!(s[0].multiwords.len(), 2);
        assert_eq!(
            s[0].empty_nodes,
            [(5, "5.1\tgo\tgo\tVERB\tVB\t_\t_\t_\t3:nsubj\t_".into())]
        );
        assert_eq!(s[0].words[2].head, Some(6));
        assert_eq!(s[0].words[0].main_deprel(), "nmod");
        assert_eq!(write(&s), SAMPLE);
    }

    #[test]
    fn rebuilds_the_text_from_the_tokens() {
        let s = parse("s.conllu", SAMPLE).unwrap();
        assert_eq!(s[0].surface_text(), "Russia's drones didn't stop.");
        assert_eq!(s[1].text(), Some("Two."));
        assert_eq!(s[1].surface_text(), "Two.");
    }

    #[test]
    fn errors_name_file_and_line() {
        let e = parse("x.conllu", "# c\n1\tonly\tthree\n").unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("x.conllu", 2), "{e}");
        let e = parse("x.conllu", "2\ta\ta\tX\tX\t_\t0\troot\t_\t_\n").unwrap_err();
        assert!(e.to_string().contains("out of sequence"), "{e}");
        let e = parse("x.conllu", "1\ta\ta\tX\tX\t_\t5\troot\t_\t_\n\n").unwrap_err();
        assert!(e.to_string().starts_with("x.conllu:2:"), "{e}");
        assert!(e.to_string().contains("beyond"), "{e}");
        let e = parse("x.conllu", "1\ta\ta\tX\tX\t_\tzz\troot\t_\t_\n").unwrap_err();
        assert!(e.to_string().contains("bad head"), "{e}");
    }

    #[test]
    fn missing_heads_and_blank_columns() {
        let s = parse("x", "1\ta\t_\t_\t_\t_\t_\t_\t_\t_\n").unwrap();
        assert_eq!(s[0].words[0].head, None);
        assert_eq!(write(&s), "1\ta\t_\t_\t_\t_\t_\t_\t_\t_\n\n");
        assert!(parse("x", "").unwrap().is_empty());
        assert!(parse("x", "\n\n\n").unwrap().is_empty());
    }
}
