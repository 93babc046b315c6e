//! Training and evaluation of the tagger: reads CoNLL-U treebanks ([`crate::conllu`]), re-tokenises their
//! sentences with dyad's tokeniser (projecting gold tags onto dyad's tokens), trains the
//! averaged perceptron and writes the plain-text model that [`super::Tagger`] loads.
//!
//! Projection: EWT splits hyphenated words ("long", "-", "range") where dyad keeps one
//! token ("long-range"); a dyad token covering several gold words takes the tags of the
//! word that heads the others (whose syntactic head lies outside the token). Multi-word
//! token lines (`1-2 don't`) are only used to locate their words in the text. A sentence
//! whose words cannot be located in its `# text` keeps the gold tokenisation.

use std::collections::HashMap;
use std::ops::Range;

use super::features::{feature_name, Lexicon, Sentence, START_TAGS};
use super::{hash_str, Class, KeyMap, Scorer, TagError, TaggedToken, Tagger, Upos, Xpos};
use crate::token::{tokenize, TokenKind};

/// One word line of a CoNLL-U sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldWord {
    pub form: String,
    pub tags: TaggedToken,
    /// 1-based index of the syntactic head; 0 for the root.
    pub head: usize,
}

/// One CoNLL-U sentence: its text and words, with the words' byte spans in the text when
/// they could be located.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldSentence {
    pub text: String,
    pub words: Vec<GoldWord>,
    pub spans: Option<Vec<Range<usize>>>,
}

/// A training or evaluation example: words and their tags.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Example {
    pub words: Vec<String>,
    pub tags: Vec<TaggedToken>,
}

/// A surface token of CoNLL-U: a form covering word indices `words`.
struct Surface {
    form: String,
    words: Range<usize>,
}

/// Reads a CoNLL-U treebank ([`crate::conllu`]). `file` names it in errors.
pub fn read_conllu(file: &str, src: &str) -> Result<Vec<GoldSentence>, TagError> {
    let sentences = crate::conllu::parse(file, src).map_err(|e| TagError::Format {
        file: e.file,
        line: e.line,
        message: e.message,
    })?;
    sentences
        .iter()
        .enumerate()
        .map(|(k, s)| {
            GoldSentence::from_conllu(s).map_err(|message| TagError::Format {
                file: file.to_string(),
                line: 0,
                message: format!("sentence {}: {message}", k + 1),
            })
        })
        .collect()
}

impl GoldSentence {
    /// The words and tags of a CoNLL-U sentence, located in its `# text` (or in the text
    /// rebuilt from its tokens).
    pub fn from_conllu(s: &crate::conllu::Sentence) -> Result<GoldSentence, String> {
        let mut words = Vec::with_capacity(s.words.len());
        for w in &s.words {
            let upos: Upos = w.upos.parse().map_err(|e: TagError| e.to_string())?;
            let xpos: Xpos = w.xpos.parse().unwrap_or(Xpos::Xx);
            words.push(GoldWord {
                form: w.form.clone(),
                tags: TaggedToken { upos, xpos },
                head: w.head.unwrap_or(0),
            });
        }
        let mut surfaces = Vec::new();
        let mut i = 0;
        while i < s.words.len() {
            match s.multiwords.iter().find(|m| m.first == i + 1) {
                Some(m) => {
                    surfaces.push(Surface {
                        form: m.form.clone(),
                        words: i..m.last.max(i + 1),
                    });
                    i = m.last.max(i + 1);
                }
                None => {
                    surfaces.push(Surface {
                        form: s.words[i].form.clone(),
                        words: i..i + 1,
                    });
                    i += 1;
                }
            }
        }
        let text = s.text().map_or_else(|| s.surface_text(), str::to_string);
        let spans = locate(&text, &words, &surfaces);
        Ok(GoldSentence { text, words, spans })
    }
}

fn locate(text: &str, words: &[GoldWord], surfaces: &[Surface]) -> Option<Vec<Range<usize>>> {
    let mut spans = vec![0..0; words.len()];
    let mut cursor = 0;
    for s in surfaces {
        let rest = text.get(cursor..)?;
        let skip = rest.len() - rest.trim_start().len();
        cursor += skip;
        let rest = text.get(cursor..)?;
        let start = if rest.starts_with(s.form.as_str()) {
            cursor
        } else {
            // Tolerate a little unexpected text (rare typos in `# text`).
            let at = rest.find(s.form.as_str()).filter(|&at| at <= 8)?;
            cursor + at
        };
        let end = start + s.form.len();
        let parts = words.get(s.words.clone())?;
        let joined: String = parts.iter().map(|w| w.form.as_str()).collect();
        if parts.len() > 1 && joined == s.form {
            let mut p = start;
            for (k, w) in s.words.clone().zip(parts) {
                spans[k] = p..p + w.form.len();
                p += w.form.len();
            }
        } else {
            for k in s.words.clone() {
                spans[k] = start..end;
            }
        }
        cursor = end;
    }
    Some(spans)
}

impl GoldSentence {
    /// The sentence with its gold tokenisation.
    pub fn gold_example(&self) -> Example {
        Example {
            words: self.words.iter().map(|w| w.form.clone()).collect(),
            tags: self.words.iter().map(|w| w.tags).collect(),
        }
    }

    /// The sentence tokenised by dyad, each token tagged with the gold tags of the word
    /// that heads the words it covers; the gold tokenisation when the words could not be
    /// located.
    pub fn dyad_example(&self) -> Example {
        self.project().unwrap_or_else(|| self.gold_example())
    }

    fn project(&self) -> Option<Example> {
        let spans = self.spans.as_ref()?;
        let mut ex = Example::default();
        for t in tokenize(&self.text) {
            let covered: Vec<usize> = (0..spans.len())
                .filter(|&k| spans[k].start < t.end && t.start < spans[k].end)
                .collect();
            let is_inside = |head: usize| head > 0 && covered.contains(&(head - 1));
            let head = covered
                .iter()
                .copied()
                .filter(|&k| !is_inside(self.words[k].head))
                .min_by_key(|&k| self.words[k].tags.upos == Upos::Punct)
                .or_else(|| covered.first().copied())?;
            let word = &self.words[head];
            let token_text = self.text.get(t.start..t.end)?;
            let mut tags = word.tags;
            let word_is_wider = spans[head].start < t.start || t.end < spans[head].end;
            if t.kind == TokenKind::Punct
                && word_is_wider
                && !matches!(tags.upos, Upos::Punct | Upos::Sym)
            {
                tags = punct_tags(token_text);
            }
            ex.words.push(token_text.to_string());
            ex.tags.push(tags);
        }
        Some(ex)
    }
}

/// Tags for a punctuation token split off a longer gold word.
fn punct_tags(text: &str) -> TaggedToken {
    let xpos = match text.chars().next() {
        Some('.' | '!' | '?') => Xpos::Period,
        Some(',') => Xpos::Comma,
        Some('-') => Xpos::Hyph,
        Some('(' | '[' | '{') => Xpos::LeftBracket,
        Some(')' | ']' | '}') => Xpos::RightBracket,
        Some(':' | ';') => Xpos::Colon,
        _ => Xpos::Nfp,
    };
    TaggedToken {
        upos: Upos::Punct,
        xpos,
    }
}

/// Training settings.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// Passes over the training data.
    pub iterations: usize,
    /// Tag pairs seen fewer times become the most frequent pair with the same UPOS.
    pub min_class_count: usize,
    /// Averaged weights with a smaller magnitude are dropped.
    pub prune_below: f32,
    /// Weights are rounded to this many decimals.
    pub decimals: u32,
    /// Features seen fewer times in the training data (with gold previous tags) get no
    /// weight: rare word pairs are noise and bloat the model.
    pub min_feature_count: u32,
    /// Words seen at least this often get an ambiguity class in the lexicon.
    pub min_lexicon_count: usize,
    /// Seed of the shuffling between passes.
    pub seed: u64,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            iterations: 10,
            min_class_count: 10,
            prune_below: 0.05,
            decimals: 2,
            min_feature_count: 3,
            min_lexicon_count: 3,
            seed: 0x5eed,
        }
    }
}

/// A trained model: classes and the pruned, averaged weights of every feature.
#[derive(Clone, Debug)]
pub struct TrainedModel {
    pub classes: Vec<TaggedToken>,
    /// Frequent normalised words and their ambiguity class ("ADJ|NOUN"), sorted.
    pub lexicon: Vec<(String, String)>,
    /// Readable feature name → (class index, weight), sorted by name.
    pub features: Vec<(String, Vec<(u16, f32)>)>,
}

/// The ambiguity classes of the words seen at least `min_count` times: the UPOS tags
/// that make up at least 5% of a word's occurrences, in tag order.
fn build_lexicon(examples: &[Example], min_count: usize) -> Vec<(String, String)> {
    let mut counts: HashMap<String, HashMap<Upos, usize>> = HashMap::new();
    let mut sentence = Sentence::default();
    let empty = Lexicon::default();
    for ex in examples {
        sentence.load(ex.words.iter().map(String::as_str), &empty);
        for (i, tags) in ex.tags.iter().enumerate() {
            *counts
                .entry(sentence.norm(i).to_string())
                .or_default()
                .entry(tags.upos)
                .or_default() += 1;
        }
    }
    let mut out: Vec<(String, String)> = counts
        .into_iter()
        .filter_map(|(word, tags)| {
            let total: usize = tags.values().sum();
            if total < min_count.max(1) {
                return None;
            }
            let mut kept: Vec<Upos> = tags
                .iter()
                .filter(|(_, &n)| n * 20 >= total)
                .map(|(&u, _)| u)
                .collect();
            kept.sort();
            let names: Vec<&str> = kept.iter().map(|u| u.as_str()).collect();
            Some((word, names.join("|")))
        })
        .collect();
    out.sort();
    out
}

/// One weight during training, with what averaging needs.
#[derive(Clone, Copy, Debug)]
struct Param {
    class: u16,
    weight: f32,
    /// Sum of the weight over all steps up to `stamp`.
    total: f64,
    stamp: u32,
}

/// The live weights of the perceptron.
#[derive(Default)]
struct Perceptron {
    features: KeyMap<(String, Vec<Param>)>,
    step: u32,
}

impl Scorer for Perceptron {
    fn add_scores(&self, key: u64, scores: &mut [f32]) {
        if let Some((_, params)) = self.features.get(&key) {
            for p in params {
                if let Some(s) = scores.get_mut(usize::from(p.class)) {
                    *s += p.weight;
                }
            }
        }
    }
}

impl Perceptron {
    fn update(&mut self, key: u64, name: impl FnOnce() -> String, truth: u16, guess: u16) {
        let step = self.step;
        let (_, params) = self
            .features
            .entry(key)
            .or_insert_with(|| (name(), Vec::new()));
        for (class, delta) in [(truth, 1.0f32), (guess, -1.0)] {
            let k = match params.iter().position(|p| p.class == class) {
                Some(k) => k,
                None => {
                    params.push(Param {
                        class,
                        weight: 0.0,
                        total: 0.0,
                        stamp: step,
                    });
                    params.len() - 1
                }
            };
            let p = &mut params[k];
            p.total += f64::from(step - p.stamp) * f64::from(p.weight);
            p.stamp = step;
            p.weight += delta;
        }
    }

    fn averaged(self, options: &TrainOptions) -> Vec<(String, Vec<(u16, f32)>)> {
        let step = f64::from(self.step.max(1));
        let scale = 10f64.powi(options.decimals as i32);
        let mut out: Vec<(String, Vec<(u16, f32)>)> = self
            .features
            .into_values()
            .filter_map(|(name, params)| {
                let mut kept: Vec<(u16, f32)> = params
                    .iter()
                    .filter_map(|p| {
                        let total = p.total + (step - f64::from(p.stamp)) * f64::from(p.weight);
                        let avg = ((total / step) * scale).round() / scale;
                        (avg.abs() >= f64::from(options.prune_below) && avg != 0.0)
                            .then_some((p.class, avg as f32))
                    })
                    .collect();
                kept.sort_by_key(|&(c, _)| c);
                (!kept.is_empty()).then_some((name, kept))
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }
}

/// Chooses the classes: tag pairs seen at least `min_count` times, most frequent first;
/// rarer pairs map to the most frequent kept pair with the same UPOS (or stay their own
/// class when there is none).
fn choose_classes(
    examples: &[Example],
    min_count: usize,
) -> (Vec<TaggedToken>, HashMap<TaggedToken, u16>) {
    let mut counts: HashMap<TaggedToken, usize> = HashMap::new();
    for ex in examples {
        for t in &ex.tags {
            *counts.entry(*t).or_default() += 1;
        }
    }
    let mut by_count: Vec<(TaggedToken, usize)> = counts.into_iter().collect();
    by_count.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.to_string().cmp(&b.0.to_string())));
    let mut classes: Vec<TaggedToken> = Vec::new();
    let mut map = HashMap::new();
    for &(t, n) in &by_count {
        if n >= min_count
            || !by_count
                .iter()
                .any(|(u, m)| u.upos == t.upos && *m >= min_count)
        {
            map.insert(t, classes.len() as u16);
            classes.push(t);
        }
    }
    for &(t, _) in &by_count {
        let target = classes.iter().position(|c| c.upos == t.upos).unwrap_or(0);
        map.entry(t).or_insert(target as u16);
    }
    (classes, map)
}

/// Trains a model on `examples`; `progress` is told each pass's training accuracy.
pub fn train(
    examples: &[Example],
    options: &TrainOptions,
    mut progress: impl FnMut(usize, f64),
) -> TrainedModel {
    let (class_tags, class_of) = choose_classes(examples, options.min_class_count.max(1));
    let classes: Vec<Class> = class_tags.iter().map(|&t| Class::new(t)).collect();
    let gold: Vec<Vec<u16>> = examples
        .iter()
        .map(|ex| {
            ex.tags
                .iter()
                .map(|t| class_of.get(t).copied().unwrap_or(0))
                .collect()
        })
        .collect();
    let start = (START_TAGS[0], hash_str(START_TAGS[0]));
    let start2 = (START_TAGS[1], hash_str(START_TAGS[1]));
    let lexicon_words = build_lexicon(examples, options.min_lexicon_count);
    let mut lexicon = Lexicon::default();
    for (word, class) in &lexicon_words {
        lexicon.insert(word, class);
    }
    let mut sentence = Sentence::default();
    let mut feature_counts: KeyMap<u32> = KeyMap::default();
    if options.min_feature_count > 1 {
        for (e, ex) in examples.iter().enumerate() {
            sentence.load(ex.words.iter().map(String::as_str), &lexicon);
            let (mut prev, mut prev2) = (start, start2);
            for i in 0..sentence.len() {
                sentence.features(i, prev, prev2, |key, _, _, _| {
                    *feature_counts.entry(key).or_default() += 1
                });
                let c = &classes[usize::from(gold[e][i])];
                prev2 = prev;
                prev = (c.name.as_str(), c.hash);
            }
        }
    }
    let frequent = |key: u64| {
        options.min_feature_count <= 1
            || feature_counts
                .get(&key)
                .is_some_and(|&n| n >= options.min_feature_count)
    };
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = crate::hash::Rng::new(options.seed);
    let mut perceptron = Perceptron::default();
    let mut scores = Vec::new();
    for pass in 0..options.iterations {
        let (mut right, mut total) = (0usize, 0usize);
        for &e in &order {
            let ex = &examples[e];
            sentence.load(ex.words.iter().map(String::as_str), &lexicon);
            let (mut prev, mut prev2) = (start, start2);
            for (i, &truth) in gold[e].iter().enumerate().take(sentence.len()) {
                scores.clear();
                scores.resize(classes.len(), 0.0f32);
                sentence.features(i, prev, prev2, |key, _, _, _| {
                    perceptron.add_scores(key, &mut scores)
                });
                let guess = super::argmax(&scores) as u16;
                perceptron.step += 1;
                if guess != truth {
                    sentence.features(i, prev, prev2, |key, t, a, b| {
                        if frequent(key) {
                            perceptron.update(key, || feature_name(t, a, b), truth, guess)
                        }
                    });
                } else {
                    right += 1;
                }
                total += 1;
                prev2 = prev;
                let c = &classes[usize::from(guess)];
                prev = (c.name.as_str(), c.hash);
            }
        }
        progress(pass + 1, right as f64 / total.max(1) as f64);
        rng.shuffle(&mut order);
    }
    TrainedModel {
        classes: class_tags,
        lexicon: lexicon_words,
        features: perceptron.averaged(options),
    }
}

impl TrainedModel {
    /// The model as the plain-text table [`Tagger::from_model_text`] reads, after the
    /// given `#` comment lines.
    pub fn to_tsv(&self, comments: &[String]) -> String {
        let mut out = String::with_capacity(self.features.len() * 24);
        for c in comments {
            for line in c.lines() {
                out.push_str("# ");
                out.push_str(line);
                out.push('\n');
            }
        }
        out.push_str("feature\tweights\n@classes\t");
        let names: Vec<String> = self.classes.iter().map(|c| c.to_string()).collect();
        out.push_str(&names.join(" "));
        out.push('\n');
        for (word, class) in &self.lexicon {
            out.push_str("@word=");
            out.push_str(word);
            out.push('\t');
            out.push_str(class);
            out.push('\n');
        }
        for (name, weights) in &self.features {
            out.push_str(name);
            out.push('\t');
            for (k, (class, w)) in weights.iter().enumerate() {
                if k > 0 {
                    out.push(' ');
                }
                out.push_str(&format!("{class}:{w}"));
            }
            out.push('\n');
        }
        out
    }
}

/// Tagging accuracy over a set of examples.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Accuracy {
    pub tokens: usize,
    pub upos: usize,
    pub xpos: usize,
    /// Both tags right.
    pub both: usize,
}

impl Accuracy {
    pub fn upos_rate(&self) -> f64 {
        self.upos as f64 / self.tokens.max(1) as f64
    }

    pub fn xpos_rate(&self) -> f64 {
        self.xpos as f64 / self.tokens.max(1) as f64
    }
}

/// Tags every example's words and counts the right tags.
pub fn evaluate(tagger: &Tagger, examples: &[Example]) -> Accuracy {
    let mut acc = Accuracy::default();
    for ex in examples {
        let words: Vec<&str> = ex.words.iter().map(String::as_str).collect();
        for (got, want) in tagger.tag_words(&words).iter().zip(&ex.tags) {
            acc.tokens += 1;
            acc.upos += usize::from(got.upos == want.upos);
            acc.xpos += usize::from(got.xpos == want.xpos);
            acc.both += usize::from(got == want);
        }
    }
    acc
}

#[cfg(test)]
mod tests {
    use super::*;

    const SNIPPET: &str = "\
# sent_id = 1
# text = Russia's long-range drones attacked the city.
1-2\tRussia's\t_\t_\t_\t_\t_\t_\t_\t_
1\tRussia\tRussia\tPROPN\tNNP\t_\t6\tnmod:poss\t_\t_
2\t's\t's\tPART\tPOS\t_\t1\tcase\t_\t_
3\tlong\tlong\tADJ\tJJ\t_\t5\tamod\t_\tSpaceAfter=No
4\t-\t-\tPUNCT\tHYPH\t_\t5\tpunct\t_\tSpaceAfter=No
5\trange\trange\tNOUN\tNN\t_\t6\tcompound\t_\t_
6\tdrones\tdrone\tNOUN\tNNS\t_\t7\tnsubj\t_\t_
7\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_
8\tthe\tthe\tDET\tDT\t_\t9\tdet\t_\t_
9\tcity\tcity\tNOUN\tNN\t_\t7\tobj\t_\tSpaceAfter=No
10\t.\t.\tPUNCT\t.\t_\t7\tpunct\t_\t_

# sent_id = 2
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tcity\tcity\tNOUN\tNN\t_\t4\tnsubj:pass\t_\t_
3\twas\tbe\tAUX\tVBD\t_\t4\taux:pass\t_\t_
4\tshelled\tshell\tVERB\tVBN\t_\t0\troot\t_\t_
5\tby\tby\tADP\tIN\t_\t6\tcase\t_\t_
6\tdrones\tdrone\tNOUN\tNNS\t_\t4\tobl\t_\tSpaceAfter=No
7\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

";

    #[test]
    fn reads_conllu_and_locates_words() {
        let sents = read_conllu("s.conllu", SNIPPET).unwrap();
        assert_eq!(sents.len(), 2);
        assert_eq!(sents[0].words.len(), 10);
        let spans = sents[0].spans.as_ref().unwrap();
        assert_eq!(&sents[0].text[spans[1].clone()], "'s");
        assert_eq!(&sents[0].text[spans[3].clone()], "-");
        // No `# text`: rebuilt from the forms and SpaceAfter.
        assert_eq!(sents[1].text, "The city was shelled by drones.");
    }

    #[test]
    fn projects_gold_tags_onto_dyad_tokens() {
        let sents = read_conllu("s.conllu", SNIPPET).unwrap();
        let ex = sents[0].dyad_example();
        assert_eq!(
            ex.words,
            [
                "Russia",
                "'s",
                "long-range",
                "drones",
                "attacked",
                "the",
                "city",
                "."
            ]
        );
        let tags: Vec<String> = ex.tags.iter().map(|t| t.to_string()).collect();
        assert_eq!(tags[2], "NOUN:NN", "the head word 'range' gives the tags");
        assert_eq!(tags[1], "PART:POS");
        assert_eq!(sents[0].gold_example().words.len(), 10);
    }

    #[test]
    fn malformed_lines_name_file_and_line() {
        let e = read_conllu("x.conllu", "# c\n1\tonly\tthree\n").unwrap_err();
        assert!(e.to_string().starts_with("x.conllu:2:"), "{e}");
        let e = read_conllu("x.conllu", "1\ta\ta\tNOPE\tNN\t_\t0\troot\t_\t_\n").unwrap_err();
        assert!(e.to_string().contains("NOPE"), "{e}");
    }

    #[test]
    fn a_tiny_training_run_learns_its_data() {
        let sents = read_conllu("s.conllu", SNIPPET).unwrap();
        let examples: Vec<Example> = sents.iter().map(GoldSentence::dyad_example).collect();
        let options = TrainOptions {
            iterations: 5,
            min_class_count: 1,
            min_feature_count: 1,
            min_lexicon_count: 1,
            prune_below: 0.0,
            ..TrainOptions::default()
        };
        let mut passes = 0;
        let model = train(&examples, &options, |_, _| passes += 1);
        assert_eq!(passes, 5);
        let tsv = model.to_tsv(&["a tiny test model".to_string()]);
        assert!(tsv.starts_with("# a tiny test model\nfeature\tweights\n@classes\t"));
        let tagger = Tagger::from_model_text("tiny.tsv", &tsv).unwrap();
        let acc = evaluate(&tagger, &examples);
        assert_eq!(acc.tokens, 15);
        assert_eq!(acc.upos, acc.tokens, "{acc:?}");
        let tags = tagger.tag_words(&["The", "city", "was", "shelled", "by", "drones", "."]);
        assert_eq!(tags[3].xpos, Xpos::Vbn);
    }

    #[test]
    fn rare_pairs_fold_into_a_frequent_one() {
        let t = |s: &str| s.parse::<TaggedToken>().unwrap();
        let ex = Example {
            words: vec!["a".into(); 4],
            tags: vec![t("NOUN:NN"), t("NOUN:NN"), t("NOUN:GW"), t("X:GW")],
        };
        let (classes, map) = choose_classes(&[ex], 2);
        assert_eq!(classes, [t("NOUN:NN"), t("X:GW")]);
        assert_eq!(map[&t("NOUN:GW")], 0);
    }
}
