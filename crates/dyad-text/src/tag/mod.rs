//! Part-of-speech tagging: Universal POS (UPOS) and Penn Treebank (XPOS) tags for dyad's
//! tokens, so later stages can tell verbs from nouns, find participles and passives
//! ("was attacked by" → AUX VERB/VBN ADP) and proper-noun runs.
//!
//! The model is a greedy averaged perceptron (Collins 2002) over the classic feature set
//! of the "nltk/textblob perceptron tagger" ([`features`]). It predicts one joint class per
//! token — a (UPOS, XPOS) pair — so both tag sets come from one pass. It is trained by
//! the project's own code ([`train`], `examples/train_tagger.rs`) on the Universal
//! Dependencies English Web Treebank, re-tokenised with dyad's tokeniser, and shipped as
//! a plain-text table `data/models/pos-en-ewt.tsv` (see [`MODEL_FILE`]).
//!
//! ```
//! let tagger = dyad_text::tag::Tagger::from_data(&dyad_data::DataSet::embedded()).unwrap();
//! let text = "Russia’s troops attacked the city.";
//! let tags = tagger.tag(text, &dyad_text::analyze(text));
//! assert_eq!(tags[3], dyad_text::tag::Upos::Verb);
//! ```

pub mod features;
pub mod train;

use std::fmt;
use std::str::FromStr;

use crate::prefetch::prefetch;
use crate::TextLayer;
use features::{hash_str, parse_feature, Lexicon, Sentence, START_TAGS};

/// The model file, relative to `data/`.
pub const MODEL_FILE: &str = "models/pos-en-ewt.tsv";

macro_rules! tag_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
        }

        impl $name {
            /// Every tag, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The tag as written in treebanks ("NOUN", "VBN").
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }
        }

        impl FromStr for $name {
            type Err = TagError;

            fn from_str(s: &str) -> Result<Self, TagError> {
                match s {
                    $($text => Ok($name::$variant),)*
                    _ => Err(TagError::UnknownTag(s.to_string())),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

tag_enum! {
    /// The 17 Universal Dependencies part-of-speech tags.
    Upos {
        /// Adjective: "long", "Syrian".
        Adj = "ADJ",
        /// Adposition: "in", "by", "of".
        Adp = "ADP",
        /// Adverb: "very", "not" is PART.
        Adv = "ADV",
        /// Auxiliary: "was", "has", "will".
        Aux = "AUX",
        /// Coordinating conjunction: "and", "but".
        Cconj = "CCONJ",
        /// Determiner: "the", "this".
        Det = "DET",
        /// Interjection.
        Intj = "INTJ",
        /// Common noun.
        Noun = "NOUN",
        /// Numeral.
        Num = "NUM",
        /// Particle: possessive "’s", "not", infinitival "to".
        Part = "PART",
        /// Pronoun.
        Pron = "PRON",
        /// Proper noun.
        Propn = "PROPN",
        /// Punctuation.
        Punct = "PUNCT",
        /// Subordinating conjunction: "that", "because".
        Sconj = "SCONJ",
        /// Symbol: "$", "%".
        Sym = "SYM",
        /// Verb (not auxiliary).
        Verb = "VERB",
        /// Other.
        X = "X",
    }
}

tag_enum! {
    /// Penn Treebank part-of-speech tags as used by the English Web Treebank.
    Xpos {
        Dollar = "$",
        CloseQuote = "''",
        Comma = ",",
        LeftBracket = "-LRB-",
        RightBracket = "-RRB-",
        Period = ".",
        Colon = ":",
        Hash = "#",
        OpenQuote = "``",
        /// E-mail or web address.
        Add = "ADD",
        /// Affix.
        Afx = "AFX",
        Cc = "CC",
        Cd = "CD",
        Dt = "DT",
        Ex = "EX",
        Fw = "FW",
        /// "Goes with": part of a word split in the source.
        Gw = "GW",
        Hyph = "HYPH",
        In = "IN",
        Jj = "JJ",
        Jjr = "JJR",
        Jjs = "JJS",
        Ls = "LS",
        Md = "MD",
        Nfp = "NFP",
        Nn = "NN",
        Nnp = "NNP",
        Nnps = "NNPS",
        Nns = "NNS",
        Pdt = "PDT",
        Pos = "POS",
        Prp = "PRP",
        PrpS = "PRP$",
        Rb = "RB",
        Rbr = "RBR",
        Rbs = "RBS",
        Rp = "RP",
        Sym = "SYM",
        To = "TO",
        Uh = "UH",
        /// Verb, base form.
        Vb = "VB",
        /// Verb, past tense.
        Vbd = "VBD",
        /// Verb, gerund or present participle.
        Vbg = "VBG",
        /// Verb, past participle.
        Vbn = "VBN",
        /// Verb, non-3rd person singular present.
        Vbp = "VBP",
        /// Verb, 3rd person singular present.
        Vbz = "VBZ",
        Wdt = "WDT",
        Wp = "WP",
        WpS = "WP$",
        Wrb = "WRB",
        /// Unknown.
        Xx = "XX",
    }
}

impl Xpos {
    /// Whether this is a verb form (VB, VBD, VBG, VBN, VBP, VBZ; not MD).
    pub fn is_verb_form(self) -> bool {
        matches!(
            self,
            Xpos::Vb | Xpos::Vbd | Xpos::Vbg | Xpos::Vbn | Xpos::Vbp | Xpos::Vbz
        )
    }

    /// Whether this is a finite verb form (VBD, VBP, VBZ, MD).
    pub fn is_finite_verb(self) -> bool {
        matches!(self, Xpos::Vbd | Xpos::Vbp | Xpos::Vbz | Xpos::Md)
    }
}

/// Both tags of one token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TaggedToken {
    pub upos: Upos,
    pub xpos: Xpos,
}

impl TaggedToken {
    /// A past participle verb (VBN), as in passives ("was attacked").
    pub fn is_past_participle(&self) -> bool {
        self.xpos == Xpos::Vbn
    }

    /// A verb or auxiliary.
    pub fn is_verbal(&self) -> bool {
        matches!(self.upos, Upos::Verb | Upos::Aux)
    }
}

impl fmt::Display for TaggedToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.upos, self.xpos)
    }
}

impl FromStr for TaggedToken {
    type Err = TagError;

    /// Parses `"VERB:VBN"`.
    fn from_str(s: &str) -> Result<Self, TagError> {
        let (u, x) = s
            .split_once(':')
            .filter(|(u, _)| !u.is_empty())
            .ok_or_else(|| TagError::UnknownTag(s.to_string()))?;
        Ok(TaggedToken {
            upos: u.parse()?,
            xpos: x.parse()?,
        })
    }
}

/// Errors of loading a model or reading a treebank.
#[derive(Debug, thiserror::Error)]
pub enum TagError {
    #[error(transparent)]
    Data(#[from] dyad_data::DataError),
    #[error("{file}:{line}: {message}")]
    Format {
        file: String,
        line: usize,
        message: String,
    },
    #[error("unknown part-of-speech tag {0:?}")]
    UnknownTag(String),
}

pub(crate) use crate::hash::KeyMap;

/// A class of the model: a tag pair with its name ("VERB:VBN") and that name's hash.
#[derive(Clone, Debug)]
pub(crate) struct Class {
    pub(crate) tags: TaggedToken,
    pub(crate) name: String,
    pub(crate) hash: u64,
}

impl Class {
    pub(crate) fn new(tags: TaggedToken) -> Class {
        let name = tags.to_string();
        let hash = hash_str(&name);
        Class { tags, name, hash }
    }
}

/// Something that adds a feature's class weights to a score vector.
pub(crate) trait Scorer {
    fn add_scores(&self, key: u64, scores: &mut [f32]);

    /// Adds the weights of all `keys`.
    fn add_all(&self, keys: &[u64], scores: &mut [f32]) {
        for &key in keys {
            self.add_scores(key, scores);
        }
    }
}

/// Greedy left-to-right decoding of one prepared sentence into class indices.
pub(crate) fn decode(
    scorer: &impl Scorer,
    classes: &[Class],
    sentence: &Sentence,
    scores: &mut Vec<f32>,
    out: &mut Vec<usize>,
) {
    let start = (START_TAGS[0], hash_str(START_TAGS[0]));
    let start2 = (START_TAGS[1], hash_str(START_TAGS[1]));
    let (mut prev, mut prev2) = (start, start2);
    scores.resize(classes.len(), 0.0);
    let mut keys = Vec::with_capacity(32);
    for i in 0..sentence.len() {
        scores.iter_mut().for_each(|s| *s = 0.0);
        keys.clear();
        sentence.features(i, prev, prev2, |key, _, _, _| keys.push(key));
        scorer.add_all(&keys, scores);
        let best = argmax(scores);
        out.push(best);
        prev2 = prev;
        prev = classes
            .get(best)
            .map_or(start, |c| (c.name.as_str(), c.hash));
    }
}

/// Index of the highest score (the first on ties; 0 when empty).
pub(crate) fn argmax(scores: &[f32]) -> usize {
    // The best score is kept beside its index rather than read back through it: once
    // per class of every token, that read and its bounds check were most of the loop.
    let mut best = (0, scores.first().copied().unwrap_or(0.0));
    for (i, &s) in scores.iter().enumerate() {
        if s > best.1 {
            best = (i, s);
        }
    }
    best.0
}

/// One class weight of a feature.
#[derive(Clone, Copy, Debug)]
struct Entry {
    class: u16,
    weight: f32,
}

/// Where a feature's weights are: a run of sparse [`Entry`]s (`start..start + len`), or
/// (`len == DENSE`) for features that weigh many classes, like the bias or the previous
/// tag, a dense row of one weight per class in `rows`, which adds faster.
#[derive(Clone, Copy, Debug)]
struct Slot {
    start: u32,
    len: u32,
}

const DENSE: u32 = u32::MAX;

/// Marks an empty bucket of a [`FeatureIndex`].
const EMPTY: u32 = u32::MAX - 1;

impl Slot {
    const NONE: Slot = Slot { start: 0, len: 0 };
}

/// The features' slots by key: open addressing with linear probing over one array of
/// (key, slot) pairs, at most half full. A look-up reads one bucket, nearly always a
/// cache miss; the standard map reads its control bytes and then the entry, two
/// dependent misses. A key's first bucket is also known before the look-up, so it can be
/// prefetched ([`FeatureIndex::prefetch`]). Keys are well-mixed hashes: their low bits
/// choose the bucket.
#[derive(Clone, Debug, Default)]
struct FeatureIndex {
    buckets: Vec<(u64, Slot)>,
    len: usize,
}

impl FeatureIndex {
    #[inline]
    fn home(&self, key: u64) -> usize {
        // `buckets.len()` is zero or a power of two.
        key as usize & self.buckets.len().wrapping_sub(1)
    }

    /// The slot of `key`, if the model has that feature.
    #[inline]
    fn get(&self, key: u64) -> Option<Slot> {
        let mut i = self.home(key);
        loop {
            let &(k, slot) = self.buckets.get(i)?;
            if slot.len == EMPTY {
                return None;
            }
            if k == key {
                return Some(slot);
            }
            i = self.home(i as u64 + 1);
        }
    }

    /// Asks for `key`'s first bucket.
    #[inline]
    fn prefetch(&self, key: u64) {
        if let Some(bucket) = self.buckets.get(self.home(key)) {
            prefetch(bucket);
        }
    }

    /// Adds `key`; false when it is there already.
    fn insert(&mut self, key: u64, slot: Slot) -> bool {
        if (self.len + 1) * 2 > self.buckets.len() {
            self.grow();
        }
        let mut i = self.home(key);
        while self.buckets[i].1.len != EMPTY {
            if self.buckets[i].0 == key {
                return false;
            }
            i = self.home(i as u64 + 1);
        }
        self.buckets[i] = (key, slot);
        self.len += 1;
        true
    }

    fn grow(&mut self) {
        let size = (self.buckets.len() * 2).max(1024);
        let old = std::mem::replace(
            &mut self.buckets,
            vec![
                (
                    0,
                    Slot {
                        start: 0,
                        len: EMPTY
                    }
                );
                size
            ],
        );
        self.len = 0;
        for (key, slot) in old.into_iter().filter(|(_, s)| s.len != EMPTY) {
            self.insert(key, slot);
        }
    }
}

/// Features with at least this share of the classes (1/n) get a dense row.
const DENSE_SHARE: usize = 6;

/// The part-of-speech tagger: load once ([`Tagger::from_data`]), tag many texts.
#[derive(Clone, Debug)]
pub struct Tagger {
    classes: Vec<Class>,
    index: FeatureIndex,
    entries: Vec<Entry>,
    /// Dense rows, `classes.len()` weights each.
    rows: Vec<f32>,
    lexicon: Lexicon,
}

impl Tagger {
    /// Asks for every cache line of a slot's weights (see [`Scorer::add_all`]).
    #[inline]
    fn prefetch_slot(&self, slot: Slot) {
        let start = slot.start as usize;
        if slot.len == DENSE {
            // Every 16th weight of a dense row (16 f32s to a 64-byte line) and the last.
            let Some(row) = self.rows.get(start..start + self.classes.len()) else {
                return;
            };
            for chunk in row.chunks(16) {
                prefetch(&chunk[0]);
            }
            if let Some(w) = row.last() {
                prefetch(w);
            }
        } else if slot.len > 0 {
            // A sparse run has fewer than `classes / DENSE_SHARE` entries of 8 bytes (12
            // for the shipped model): its first, middle and last are never more than a
            // line apart, so they fall in every line it spans.
            let last = start + slot.len as usize - 1;
            for i in [start, start + (last - start) / 2, last] {
                if let Some(e) = self.entries.get(i) {
                    prefetch(e);
                }
            }
        }
    }

    #[inline]
    fn add_slot(&self, slot: Slot, scores: &mut [f32]) {
        let start = slot.start as usize;
        if slot.len == DENSE {
            if let Some(row) = self.rows.get(start..start + scores.len()) {
                for (s, w) in scores.iter_mut().zip(row) {
                    *s += w;
                }
            }
        } else if let Some(entries) = self.entries.get(start..start + slot.len as usize) {
            for e in entries {
                if let Some(s) = scores.get_mut(usize::from(e.class)) {
                    *s += e.weight;
                }
            }
        }
    }
}

impl Scorer for Tagger {
    #[inline]
    fn add_scores(&self, key: u64, scores: &mut [f32]) {
        if let Some(slot) = self.index.get(key) {
            self.add_slot(slot, scores);
        }
    }

    /// Adds in three passes so that memory loads overlap: the model is megabytes, and
    /// nearly every bucket and weight run a token's features read is a cache miss. The
    /// first pass prefetches every key's bucket, the second looks the keys up and
    /// prefetches their weights, the third adds; the misses of each pass are in flight
    /// together instead of one after another. The weights are added feature by feature
    /// in key order, as before: float sums, and so the tags, stay exactly the same.
    #[inline]
    fn add_all(&self, keys: &[u64], scores: &mut [f32]) {
        const BATCH: usize = 32;
        for chunk in keys.chunks(BATCH) {
            for &key in chunk {
                self.index.prefetch(key);
            }
            let mut slots = [Slot::NONE; BATCH];
            for (slot, &key) in slots.iter_mut().zip(chunk) {
                *slot = self.index.get(key).unwrap_or(Slot::NONE);
                self.prefetch_slot(*slot);
            }
            let slots = &slots[..chunk.len()];
            for &slot in slots {
                self.add_slot(slot, scores);
            }
        }
    }
}

impl Tagger {
    /// Loads the model [`MODEL_FILE`] from a data set (normally the embedded one).
    pub fn from_data(data: &dyad_data::DataSet) -> Result<Tagger, TagError> {
        Tagger::from_model_text(MODEL_FILE, data.require(MODEL_FILE)?)
    }

    /// Parses a model file: `#` comments, the header `feature<TAB>weights`, a line
    /// `@classes<TAB>NOUN:NN VERB:VBD ...`, lexicon lines `@word=house<TAB>NOUN|VERB`
    /// (a frequent word's ambiguity class), then one line per feature:
    /// `name=value<TAB>class:weight class:weight ...` (class = index into `@classes`).
    pub fn from_model_text(file: &str, text: &str) -> Result<Tagger, TagError> {
        let err = |line: usize, message: String| TagError::Format {
            file: file.to_string(),
            line,
            message,
        };
        let mut classes: Vec<Class> = Vec::new();
        let mut index = FeatureIndex::default();
        let mut entries = Vec::with_capacity(text.len() / 8);
        let mut rows: Vec<f32> = Vec::new();
        let mut lexicon = Lexicon::default();
        let mut seen_header = false;
        for (i, line) in text.lines().enumerate() {
            let line_no = i + 1;
            let line = line.trim_end_matches('\r');
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, values) = line
                .split_once('\t')
                .ok_or_else(|| err(line_no, "expected two tab-separated fields".into()))?;
            if !seen_header {
                if name != "feature" || values != "weights" {
                    return Err(err(
                        line_no,
                        "expected the header `feature\tweights`".into(),
                    ));
                }
                seen_header = true;
                continue;
            }
            if name == "@classes" {
                for c in values.split(' ').filter(|c| !c.is_empty()) {
                    let tags: TaggedToken = c
                        .parse()
                        .map_err(|e: TagError| err(line_no, e.to_string()))?;
                    classes.push(Class::new(tags));
                }
                if classes.len() > usize::from(u16::MAX) {
                    return Err(err(line_no, "too many classes".into()));
                }
                continue;
            }
            if let Some(word) = name.strip_prefix("@word=") {
                lexicon.insert(word, values);
                continue;
            }
            if classes.is_empty() {
                return Err(err(line_no, "no `@classes` line before the weights".into()));
            }
            let key = parse_feature(name)
                .ok_or_else(|| err(line_no, format!("unknown feature {name:?}")))?;
            let start = entries.len();
            for pair in values.split(' ').filter(|p| !p.is_empty()) {
                let parsed = pair
                    .split_once(':')
                    .and_then(|(c, w)| Some((c.parse::<u16>().ok()?, w.parse::<f32>().ok()?)));
                let (class, weight) = parsed
                    .filter(|(c, w)| usize::from(*c) < classes.len() && w.is_finite())
                    .ok_or_else(|| err(line_no, format!("bad weight {pair:?}")))?;
                entries.push(Entry { class, weight });
            }
            let n = entries.len() - start;
            let slot = if n * DENSE_SHARE >= classes.len() && n > 4 {
                let row_start = rows.len();
                rows.resize(row_start + classes.len(), 0.0);
                for e in entries.drain(start..) {
                    rows[row_start + usize::from(e.class)] += e.weight;
                }
                Slot {
                    start: row_start as u32,
                    len: DENSE,
                }
            } else {
                Slot {
                    start: start as u32,
                    len: n as u32,
                }
            };
            if !index.insert(key, slot) {
                return Err(err(line_no, format!("feature {name:?} appears twice")));
            }
        }
        if classes.is_empty() {
            return Err(err(0, "the model has no `@classes` line".into()));
        }
        if entries.len() > u32::MAX as usize || rows.len() > u32::MAX as usize {
            return Err(err(0, "the model is too large".into()));
        }
        entries.shrink_to_fit();
        Ok(Tagger {
            classes,
            index,
            entries,
            rows,
            lexicon,
        })
    }

    /// Number of features and of non-zero class weights in the model.
    pub fn size(&self) -> (usize, usize) {
        let dense = self.rows.iter().filter(|w| **w != 0.0).count();
        (self.index.len, self.entries.len() + dense)
    }

    /// The classes (tag pairs) the model predicts.
    pub fn classes(&self) -> impl Iterator<Item = TaggedToken> + '_ {
        self.classes.iter().map(|c| c.tags)
    }

    /// The UPOS tag of every token of `layer` (which must come from `text`).
    pub fn tag(&self, text: &str, layer: &TextLayer) -> Vec<Upos> {
        self.tag_tokens(text, layer)
            .into_iter()
            .map(|t| t.upos)
            .collect()
    }

    /// Both tags of every token of `layer` (which must come from `text`), sentence by
    /// sentence; tokens outside any sentence are tagged as runs of their own.
    pub fn tag_tokens(&self, text: &str, layer: &TextLayer) -> Vec<TaggedToken> {
        let n = layer.tokens.len();
        let mut out = Vec::with_capacity(n);
        let mut work = Work::default();
        let mut pos = 0;
        for s in &layer.sentences {
            let (start, end) = (s.tokens.start.max(pos).min(n), s.tokens.end.min(n));
            if start > pos {
                self.tag_run(text, layer, pos..start, &mut work, &mut out);
            }
            if end > start {
                self.tag_run(text, layer, start..end, &mut work, &mut out);
                pos = end;
            } else {
                pos = pos.max(start);
            }
        }
        if pos < n {
            self.tag_run(text, layer, pos..n, &mut work, &mut out);
        }
        out
    }

    /// Tags one sentence given as words (for gold tokenisations and tests).
    pub fn tag_words(&self, words: &[&str]) -> Vec<TaggedToken> {
        let mut work = Work::default();
        work.sentence.load(words.iter().copied(), &self.lexicon);
        let mut out = Vec::with_capacity(words.len());
        self.decode_into(&mut work, &mut out);
        out
    }

    fn tag_run(
        &self,
        text: &str,
        layer: &TextLayer,
        range: std::ops::Range<usize>,
        work: &mut Work,
        out: &mut Vec<TaggedToken>,
    ) {
        let tokens = layer.tokens.get(range).unwrap_or_default();
        work.sentence.load(
            tokens
                .iter()
                .map(|t| text.get(t.start..t.end).unwrap_or("")),
            &self.lexicon,
        );
        self.decode_into(work, out);
    }

    fn decode_into(&self, work: &mut Work, out: &mut Vec<TaggedToken>) {
        work.classes.clear();
        decode(
            self,
            &self.classes,
            &work.sentence,
            &mut work.scores,
            &mut work.classes,
        );
        let fallback = TaggedToken {
            upos: Upos::X,
            xpos: Xpos::Xx,
        };
        out.extend(
            work.classes
                .iter()
                .map(|&c| self.classes.get(c).map_or(fallback, |c| c.tags)),
        );
    }
}

/// Scratch buffers of one tagging call.
#[derive(Default)]
struct Work {
    sentence: Sentence,
    scores: Vec<f32>,
    classes: Vec<usize>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn tagger() -> &'static Tagger {
        static TAGGER: OnceLock<Tagger> = OnceLock::new();
        TAGGER.get_or_init(|| {
            Tagger::from_data(&dyad_data::DataSet::embedded()).expect("the embedded model loads")
        })
    }

    fn tags(text: &str) -> Vec<String> {
        let layer = crate::analyze(text);
        tagger()
            .tag_tokens(text, &layer)
            .iter()
            .map(|t| t.to_string())
            .collect()
    }

    fn upos(text: &str) -> Vec<&'static str> {
        let layer = crate::analyze(text);
        tagger()
            .tag(text, &layer)
            .iter()
            .map(|t| t.as_str())
            .collect()
    }

    #[test]
    fn tags_a_possessive_and_a_verb() {
        assert_eq!(
            upos("Russia’s troops attacked the city"),
            ["PROPN", "PART", "NOUN", "VERB", "DET", "NOUN"]
        );
    }

    #[test]
    fn tags_a_passive() {
        let t = tags("The convoy was attacked by rebels near Idlib.");
        assert_eq!(&t[2..5], ["AUX:VBD", "VERB:VBN", "ADP:IN"], "{t:?}");
    }

    #[test]
    fn tags_tense_and_negation() {
        let t = tags("Officials said they didn't expect the army to withdraw.");
        assert_eq!(t[1], "VERB:VBD", "{t:?}");
        assert_eq!(&t[3..5], ["AUX:VBD", "PART:RB"], "{t:?}");
        assert_eq!(t[8], "PART:TO", "{t:?}");
        assert_eq!(t[9], "VERB:VB", "{t:?}");
    }

    #[test]
    fn tags_proper_noun_runs_and_numbers() {
        let t =
            upos("Kim Jong Un met Vladimir Putin in Pyongyang on Tuesday, sending 12,000 troops.");
        assert_eq!(
            &t[..6],
            ["PROPN", "PROPN", "PROPN", "VERB", "PROPN", "PROPN"]
        );
        assert_eq!(t[7], "PROPN");
        assert_eq!(t[12], "NUM");
    }

    #[test]
    fn unknown_words_and_empty_text_do_not_panic() {
        assert!(upos("").is_empty());
        assert!(upos("   \n ").is_empty());
        let t = upos("The zorblaxian frumples glorped quizzically — ☃ 東京 ¿¡ …");
        assert_eq!(
            t.len(),
            crate::analyze("The zorblaxian frumples glorped quizzically — ☃ 東京 ¿¡ …")
                .tokens
                .len()
        );
        assert!(tagger().tag_words(&[]).is_empty());
    }

    #[test]
    fn mismatched_layers_do_not_panic() {
        let layer = crate::analyze("A much longer text than the one given. Second sentence.");
        let out = tagger().tag_tokens("short", &layer);
        assert_eq!(out.len(), layer.tokens.len());
    }

    #[test]
    fn model_errors_name_the_line() {
        let bad = "# c\nfeature\tweights\n@classes\tNOUN:NN\nw=x\t0:1.5 3:2\n";
        let e = Tagger::from_model_text("m.tsv", bad)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("m.tsv:4:"), "{e}");
        let e = Tagger::from_model_text("m.tsv", "feature\tweights\nw=x\t0:1\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("@classes"), "{e}");
        assert!(Tagger::from_model_text("m.tsv", "").is_err());
        let ok = "feature\tweights\n@classes\tNOUN:NN VERB:VB\nw=run\t1:2.5\nb=\t0:0.1\n";
        let t = Tagger::from_model_text("m.tsv", ok).unwrap();
        assert_eq!(t.tag_words(&["run", "dog"])[0].upos, Upos::Verb);
        assert_eq!(t.tag_words(&["run", "dog"])[1].upos, Upos::Noun);
    }

    #[test]
    fn the_feature_index_finds_what_was_inserted() {
        let mut index = FeatureIndex::default();
        assert!(index.get(7).is_none());
        let slot = |i: u32| Slot {
            start: i,
            len: i % 5,
        };
        // Keys sharing their low bits collide, and the table grows past 1024 buckets.
        let keys: Vec<u64> = (0..3000u64).map(|i| (i << 40) | (i % 3)).collect();
        for (i, &k) in keys.iter().enumerate() {
            assert!(index.insert(k, slot(i as u32)));
        }
        assert!(!index.insert(keys[17], slot(0)), "a key appears once");
        assert_eq!(index.len, keys.len());
        for (i, &k) in keys.iter().enumerate() {
            let found = index.get(k).expect("inserted");
            assert_eq!((found.start, found.len), (i as u32, i as u32 % 5));
        }
        assert!(index.get(5).is_none());
        assert!(index.get(u64::MAX).is_none());
    }

    #[test]
    fn tag_names_round_trip() {
        for u in Upos::ALL {
            assert_eq!(u.as_str().parse::<Upos>().unwrap(), *u);
        }
        for x in Xpos::ALL {
            assert_eq!(x.as_str().parse::<Xpos>().unwrap(), *x);
        }
        assert_eq!(Upos::ALL.len(), 17);
        assert!("ADJ:".parse::<TaggedToken>().is_err());
        assert_eq!("PRON:PRP$".parse::<TaggedToken>().unwrap().xpos, Xpos::PrpS);
    }
}
