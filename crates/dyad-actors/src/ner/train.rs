//! Training the name tagger: an averaged perceptron over the features of
//! [`super::features`], greedy left to right with its own earlier guesses as history (what
//! it will see at run time), documents shuffled each epoch by a fixed seed.

use std::collections::HashSet;

use dyad_model::Entity;
use dyad_text::hash::{KeyMap, Rng};
use dyad_text::TextLayer;

use super::features::{key, key2, Known, SentenceView, Sink, TEMPLATES};
use super::{best, known_tokens, lower_seen, previous, Label, NameTagger, LABELS, MAGIC, N, O};

/// One training document: its text and tokens, what the recogniser found in it, and the
/// gold label of every token.
pub struct TrainDoc {
    pub text: String,
    pub layer: TextLayer,
    pub known: Vec<Known>,
    pub gold: Vec<Label>,
}

impl TrainDoc {
    /// A document whose gold names are the byte spans `names` (`(start, end, class)`,
    /// class `PER`, `ORG` or `LOC`) and in which the recogniser found `entities`. A token
    /// is inside a name when it lies within its span; of overlapping names the longer
    /// wins.
    pub fn new(
        text: String,
        layer: TextLayer,
        entities: &[Entity],
        names: &[(usize, usize, &str)],
    ) -> TrainDoc {
        let known = known_tokens(&layer, entities);
        let gold = gold_labels(&layer, names);
        TrainDoc {
            text,
            layer,
            known,
            gold,
        }
    }

    /// The words the document writes in lower case ([`super::lower_seen`]).
    pub fn lower_seen(&self) -> HashSet<&str> {
        lower_seen(&self.text, &self.layer)
    }

    /// Each sentence as the tagger sees it, with its gold labels.
    /// (`lower` is [`TrainDoc::lower_seen`].)
    pub fn sentences<'a>(
        &'a self,
        lower: &'a HashSet<&'a str>,
    ) -> impl Iterator<Item = (SentenceView<'a>, &'a [Label])> {
        self.layer.sentences.iter().map(move |s| {
            let r = s.tokens.clone();
            (
                SentenceView::new(
                    &self.text,
                    &self.layer.tokens[r.clone()],
                    &self.known[r.clone()],
                    lower,
                ),
                &self.gold[r],
            )
        })
    }
}

/// The BIO labels of `layer`'s tokens for the names `names`.
pub fn gold_labels(layer: &TextLayer, names: &[(usize, usize, &str)]) -> Vec<Label> {
    let mut labels = vec![O; layer.tokens.len()];
    let mut sorted: Vec<&(usize, usize, &str)> = names.iter().collect();
    sorted.sort_by_key(|(s, e, _)| (std::cmp::Reverse(e - s), *s));
    for &&(start, end, class) in &sorted {
        let Some(b) = LABELS
            .iter()
            .position(|l| l.get(2..) == Some(class) && l.starts_with('B'))
        else {
            continue;
        };
        let inside: Vec<usize> = (0..layer.tokens.len())
            .filter(|&j| layer.tokens[j].start >= start && layer.tokens[j].end <= end)
            .collect();
        if inside.is_empty() || inside.iter().any(|&j| labels[j] != O) {
            continue;
        }
        for (n, &j) in inside.iter().enumerate() {
            labels[j] = if n == 0 { b as Label } else { b as Label + 1 };
        }
    }
    labels
}

/// The features of one token, keyed, with their names kept for the model file.
struct Collect<'n> {
    keys: Vec<u64>,
    names: &'n mut KeyMap<String>,
}

impl Sink for Collect<'_> {
    fn add(&mut self, template: u8, value: &str) {
        let k = key(template, value);
        self.names
            .entry(k)
            .or_insert_with(|| format!("{}={value}", TEMPLATES[template as usize]));
        self.keys.push(k);
    }

    fn add2(&mut self, template: u8, a: &str, b: &str) {
        let k = key2(template, a, b);
        self.names
            .entry(k)
            .or_insert_with(|| format!("{}={a}|{b}", TEMPLATES[template as usize]));
        self.keys.push(k);
    }
}

#[derive(Clone, Copy, Default)]
struct Param {
    weight: f32,
    total: f64,
    stamp: u64,
}

/// An averaged perceptron in training.
#[derive(Default)]
pub struct Trainer {
    params: KeyMap<[Param; N]>,
    names: KeyMap<String>,
    clock: u64,
    /// Features seen fewer times than this in the training data (with gold history) are
    /// not learned: rare words overfit a small corpus.
    min_count: usize,
    counts: KeyMap<usize>,
}

impl Trainer {
    fn score(&self, keys: &[u64]) -> [f32; N] {
        let mut s = [0f32; N];
        for k in keys {
            if let Some(p) = self.params.get(k) {
                for (s, p) in s.iter_mut().zip(p) {
                    *s += p.weight;
                }
            }
        }
        s
    }

    /// Counts every feature of `docs` (gold history), naming each.
    fn count(&mut self, docs: &[&TrainDoc]) {
        let names = &mut self.names;
        for doc in docs {
            let lower = doc.lower_seen();
            for (view, gold) in doc.sentences(&lower) {
                for i in 0..gold.len() {
                    let mut c = Collect {
                        keys: Vec::with_capacity(32),
                        names,
                    };
                    view.features(i, previous(gold, i), &mut c);
                    for k in c.keys {
                        *self.counts.entry(k).or_default() += 1;
                    }
                }
            }
        }
    }

    fn update(&mut self, keys: &[u64], label: Label, delta: f32) {
        let now = self.clock;
        for &k in keys {
            if self.counts.get(&k).copied().unwrap_or(0) < self.min_count {
                continue;
            }
            let p = &mut self.params.entry(k).or_insert([Param::default(); N])[label as usize];
            p.total += (now - p.stamp) as f64 * f64::from(p.weight);
            p.stamp = now;
            p.weight += delta;
        }
    }

    /// One pass over the sentences of `docs`; returns (tokens right, tokens).
    fn epoch(&mut self, docs: &[&TrainDoc]) -> (usize, usize) {
        let (mut right, mut all) = (0, 0);
        let mut names = std::mem::take(&mut self.names);
        for doc in docs {
            let lower = doc.lower_seen();
            for (view, gold) in doc.sentences(&lower) {
                let mut guesses: Vec<Label> = Vec::with_capacity(view.len());
                for (i, &truth) in gold.iter().enumerate() {
                    let prev = previous(&guesses, i);
                    let mut c = Collect {
                        keys: Vec::with_capacity(32),
                        names: &mut names,
                    };
                    view.features(i, prev, &mut c);
                    let keys = c.keys;
                    let guess = best(&self.score(&keys), prev[0]);
                    self.clock += 1;
                    if guess != truth {
                        self.update(&keys, truth, 1.0);
                        self.update(&keys, guess, -1.0);
                    } else {
                        right += 1;
                    }
                    all += 1;
                    guesses.push(guess);
                }
            }
        }
        self.names = names;
        (right, all)
    }

    /// The averaged weights, features whose every weight rounds to zero left out.
    fn averaged(&self) -> Vec<(String, [f32; N])> {
        let now = self.clock.max(1);
        let mut out: Vec<(String, [f32; N])> = self
            .params
            .iter()
            .filter_map(|(k, ps)| {
                let mut row = [0f32; N];
                for (w, p) in row.iter_mut().zip(ps) {
                    let total = p.total + (now - p.stamp) as f64 * f64::from(p.weight);
                    *w = ((total / now as f64) * 1000.0).round() as f32 / 1000.0;
                }
                row.iter()
                    .any(|w| *w != 0.0)
                    .then(|| (self.names.get(k).cloned().unwrap_or_default(), row))
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }
}

/// A trained tagger's weights, ready to be written.
pub struct TrainedNer {
    pub rows: Vec<(String, [f32; N])>,
}

/// Trains on `docs` for `epochs` passes, shuffling by `seed`, learning only features seen
/// at least `min_count` times; `progress` hears each
/// epoch's token accuracy on the training data.
pub fn train(
    docs: &[TrainDoc],
    epochs: usize,
    seed: u64,
    min_count: usize,
    mut progress: impl FnMut(usize, usize, usize),
) -> TrainedNer {
    let mut trainer = Trainer {
        min_count,
        ..Trainer::default()
    };
    let mut order: Vec<&TrainDoc> = docs.iter().collect();
    trainer.count(&order);
    let mut rng = Rng::new(seed);
    for e in 0..epochs {
        rng.shuffle(&mut order);
        let (right, all) = trainer.epoch(&order);
        progress(e + 1, right, all);
    }
    TrainedNer {
        rows: trainer.averaged(),
    }
}

impl TrainedNer {
    /// The model file: [`MAGIC`], `comments` as `#` lines, the header, one feature a line.
    pub fn to_model_text(&self, comments: &[String]) -> String {
        let mut out = format!("{MAGIC}\n");
        for c in comments {
            out.push_str(&format!("# {c}\n"));
        }
        out.push_str(&format!("# labels: {}\n", LABELS.join(" ")));
        out.push_str("feature\tweights\n");
        for (name, row) in &self.rows {
            let weights: Vec<String> = row.iter().map(|w| format!("{w}")).collect();
            out.push_str(&format!("{name}\t{}\n", weights.join(" ")));
        }
        out
    }

    /// The tagger these weights make.
    pub fn tagger(&self) -> Result<NameTagger, dyad_data::DataError> {
        NameTagger::from_model_text("trained", &self.to_model_text(&[]))
    }
}
