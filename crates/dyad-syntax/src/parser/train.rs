//! Training and evaluation of the parser.
//!
//! Averaged perceptron (Collins 2002) over hashed rows, trained online with the dynamic
//! oracle of arc-eager (Goldberg & Nivre 2012): at every step the update goes from the
//! model's best move to the best of the moves that lose no more gold arcs than any other;
//! from pass `explore_from` on, the parser then follows its own prediction with
//! probability `explore`, so it learns what to do after a mistake. Relations are learned
//! at each arc the parser makes, towards the dependent's gold relation.

use super::features::{self, Words};
use super::model::{Model, Table};
use super::state::{projectivize, Move, State};
use super::{best_relation, Arc, Parser};
use crate::Rel;
use dyad_text::TaggedToken;

/// One training or evaluation sentence.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Example {
    pub words: Vec<String>,
    pub tags: Vec<TaggedToken>,
    /// 1-based heads, 0 for the root.
    pub heads: Vec<usize>,
    pub rels: Vec<Rel>,
}

/// Training settings.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    pub iterations: usize,
    /// log2 of the transition table's rows.
    pub transition_bits: u32,
    /// log2 of the relation table's rows.
    pub label_bits: u32,
    /// First pass (1-based) that explores the model's own mistakes.
    pub explore_from: usize,
    /// Probability of following a wrong prediction while exploring.
    pub explore: f64,
    pub seed: u64,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            iterations: 15,
            transition_bits: 21,
            label_bits: 18,
            explore_from: 2,
            explore: 0.9,
            seed: 0x5eed,
        }
    }
}

/// Trainable weights: a hashed table with the sums averaging needs.
struct Weights {
    bits: u32,
    width: usize,
    w: Vec<f32>,
    /// Sum over updates of step × delta (Daumé's averaging trick).
    u: Vec<f64>,
}

impl Weights {
    fn new(bits: u32, width: usize) -> Weights {
        let n = (1usize << bits) * width;
        Weights {
            bits,
            width,
            w: vec![0.0; n],
            u: vec![0.0; n],
        }
    }

    fn row(&self, key: u64) -> usize {
        (key >> (64 - self.bits)) as usize * self.width
    }

    fn add(&self, keys: &[u64], scores: &mut [f32]) {
        for &k in keys {
            let r = self.row(k);
            for (s, w) in scores.iter_mut().zip(&self.w[r..r + self.width]) {
                *s += w;
            }
        }
    }

    fn update(&mut self, keys: &[u64], truth: usize, guess: usize, step: f64) {
        for &k in keys {
            let r = self.row(k);
            for (class, delta) in [(truth, 1.0f32), (guess, -1.0)] {
                self.w[r + class] += delta;
                self.u[r + class] += step * f64::from(delta);
            }
        }
    }

    fn averaged(&self, step: f64) -> Vec<f32> {
        self.w
            .iter()
            .zip(&self.u)
            .map(|(&w, &u)| (f64::from(w) - u / step) as f32)
            .collect()
    }
}

/// Pass statistics given to the progress callback.
#[derive(Clone, Copy, Debug, Default)]
pub struct PassStats {
    pub pass: usize,
    /// Share of steps where the model's move was optimal.
    pub move_accuracy: f64,
    /// Share of arcs made whose relation was right.
    pub label_accuracy: f64,
}

/// The relations of the examples, `root` first, then by frequency.
fn relations_of(examples: &[Example]) -> Vec<Rel> {
    let mut counts = vec![0usize; Rel::COUNT];
    for ex in examples {
        for r in &ex.rels {
            counts[r.index()] += 1;
        }
    }
    let mut rels: Vec<Rel> = Rel::all().filter(|r| counts[r.index()] > 0).collect();
    rels.sort_by_key(|r| (*r != Rel::ROOT, std::cmp::Reverse(counts[r.index()])));
    if rels.first() != Some(&Rel::ROOT) {
        rels.insert(0, Rel::ROOT);
    }
    rels
}

/// Trains a model; `header` lines (provenance, licence, settings) go into its file.
pub fn train(
    examples: &[Example],
    options: &TrainOptions,
    header: Vec<(String, String)>,
    mut progress: impl FnMut(PassStats),
) -> Model {
    let relations = relations_of(examples);
    let column = |r: Rel| relations.iter().position(|&x| x == r).unwrap_or(0);
    let mut trans = Weights::new(options.transition_bits, 4);
    let mut labels = Weights::new(options.label_bits, relations.len());
    let mut rng = dyad_text::hash::Rng::new(options.seed);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut words = Words::default();
    let mut state = State::default();
    let mut keys = [0; features::TRANSITION_FEATURES];
    let mut label_keys = [0; features::ARC_FEATURES];
    let mut step = 1.0f64;
    for pass in 1..=options.iterations {
        rng.shuffle(&mut order);
        let explore = pass >= options.explore_from;
        let (mut right, mut moves, mut right_labels, mut arcs) = (0usize, 0usize, 0usize, 0usize);
        for &e in &order {
            let ex = &examples[e];
            let n = ex.words.len();
            if n == 0 || ex.tags.len() != n || ex.heads.len() != n {
                continue;
            }
            let forms: Vec<&str> = ex.words.iter().map(String::as_str).collect();
            words.load(&forms, &ex.tags);
            let mut gold = vec![0usize];
            gold.extend(projectivize(&[&[0][..], &ex.heads].concat())[1..].iter());
            let mut children = vec![Vec::new(); n + 1];
            for d in 1..=n {
                children[gold[d]].push(d);
            }
            let mut in_stack = vec![false; n + 1];
            state.reset(n);
            in_stack[0] = true;
            while !state.is_terminal() {
                features::transition(&words, &state, &mut keys);
                let mut scores = [0f32; 4];
                trans.add(&keys, &mut scores);
                let mut costs = [usize::MAX; 4];
                for m in Move::ALL {
                    if state.is_valid(m) {
                        costs[m.index()] = state.cost(m, &gold, &in_stack, &children);
                    }
                }
                let min_cost = costs.iter().copied().min().unwrap_or(0);
                let best_of = |ok: &dyn Fn(Move) -> bool| {
                    Move::ALL
                        .into_iter()
                        .filter(|&m| costs[m.index()] != usize::MAX && ok(m))
                        .max_by(|a, b| {
                            scores[a.index()]
                                .partial_cmp(&scores[b.index()])
                                .unwrap_or(std::cmp::Ordering::Equal)
                                .then(b.index().cmp(&a.index()))
                        })
                };
                let Some(pred) = best_of(&|_| true) else {
                    break;
                };
                let Some(optimal) = best_of(&|m| costs[m.index()] == min_cost) else {
                    break;
                };
                moves += 1;
                if costs[pred.index()] > min_cost {
                    trans.update(&keys, optimal.index(), pred.index(), step);
                } else {
                    right += 1;
                }
                step += 1.0;
                let next = if pred != optimal && explore && rng.chance(options.explore) {
                    pred
                } else {
                    optimal
                };
                let arc = match next {
                    Move::Left => Some((state.next, state.stack_at(0))),
                    Move::Right => Some((state.stack_at(0), state.next)),
                    Move::Shift | Move::Reduce => None,
                };
                let mut rel = Rel::DEP;
                if let Some((h, d)) = arc {
                    let truth = if h == 0 { Rel::ROOT } else { ex.rels[d - 1] };
                    rel = truth;
                    if h != 0 && truth != Rel::ROOT {
                        features::arc(&words, &state, h, d, &mut label_keys);
                        let mut ls = vec![0f32; relations.len()];
                        labels.add(&label_keys, &mut ls);
                        let guess = best_relation(&relations, &ls);
                        arcs += 1;
                        if guess != truth {
                            labels.update(&label_keys, column(truth), column(guess), step);
                        } else {
                            right_labels += 1;
                        }
                        if explore {
                            rel = guess;
                        }
                    }
                }
                match next {
                    Move::Shift | Move::Right => in_stack[state.next] = true,
                    Move::Reduce | Move::Left => in_stack[state.stack_at(0)] = false,
                }
                state.apply(next, rel);
            }
        }
        progress(PassStats {
            pass,
            move_accuracy: right as f64 / moves.max(1) as f64,
            label_accuracy: right_labels as f64 / arcs.max(1) as f64,
        });
    }
    Model {
        header,
        relations: relations.clone(),
        transitions: Table::quantise(options.transition_bits, 4, &trans.averaged(step)),
        labels: Table::quantise(options.label_bits, relations.len(), &labels.averaged(step)),
    }
}

/// Attachment scores over all words (punctuation included), relations compared on their
/// universal part.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Scores {
    pub words: usize,
    /// Right head.
    pub heads: usize,
    /// Right head and universal relation.
    pub labelled: usize,
}

impl Scores {
    pub fn uas(&self) -> f64 {
        self.heads as f64 / self.words.max(1) as f64
    }

    pub fn las(&self) -> f64 {
        self.labelled as f64 / self.words.max(1) as f64
    }

    /// Adds one sentence's arcs against its gold.
    pub fn add(&mut self, got: &[Arc], gold: &Example) {
        for (k, a) in got.iter().enumerate() {
            let (Some(&h), Some(r)) = (gold.heads.get(k), gold.rels.get(k)) else {
                continue;
            };
            self.words += 1;
            if a.head == h {
                self.heads += 1;
                if a.rel.main() == r.main() {
                    self.labelled += 1;
                }
            }
        }
    }
}

/// Parses every example with its own tags and scores the result.
pub fn evaluate(parser: &Parser, examples: &[Example]) -> Scores {
    let mut scores = Scores::default();
    let mut scratch = super::Scratch::default();
    let mut out = Vec::new();
    for ex in examples {
        let words: Vec<&str> = ex.words.iter().map(String::as_str).collect();
        parser.parse_into(&words, &ex.tags, &mut scratch, &mut out);
        scores.add(&out, ex);
    }
    scores
}

/// The example of a CoNLL-U sentence with its gold tags; `None` when a tag or relation
/// is unknown or a head is missing.
pub fn example_of(s: &dyad_text::conllu::Sentence) -> Option<Example> {
    let mut ex = Example::default();
    for w in &s.words {
        ex.words.push(w.form.clone());
        ex.tags.push(TaggedToken {
            upos: w.upos.parse().ok()?,
            xpos: w.xpos.parse().unwrap_or(dyad_text::Xpos::Xx),
        });
        ex.heads.push(w.head?);
        ex.rels.push(Rel::from_name(&w.deprel)?);
    }
    Some(ex)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TREES: &str = "\
1\tRebels\trebel\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_
3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_
4\tbase\tbase\tNOUN\tNN\t_\t2\tobj\t_\tSpaceAfter=No
5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tcity\tcity\tNOUN\tNN\t_\t4\tnsubj:pass\t_\t_
3\twas\tbe\tAUX\tVBD\t_\t4\taux:pass\t_\t_
4\tshelled\tshell\tVERB\tVBN\t_\t0\troot\t_\t_
5\tby\tby\tADP\tIN\t_\t6\tcase\t_\t_
6\tdrones\tdrone\tNOUN\tNNS\t_\t4\tobl:agent\t_\tSpaceAfter=No
7\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

";

    #[test]
    fn a_tiny_training_run_learns_its_trees() {
        let sents = dyad_text::conllu::parse("t.conllu", TREES).unwrap();
        let examples: Vec<Example> = sents.iter().filter_map(example_of).collect();
        assert_eq!(examples.len(), 2);
        let options = TrainOptions {
            iterations: 10,
            transition_bits: 12,
            label_bits: 10,
            ..TrainOptions::default()
        };
        let mut passes = 0;
        let model = train(&examples, &options, vec![], |_| passes += 1);
        assert_eq!(passes, 10);
        let model = Model::from_bytes("tiny", &model.to_bytes()).unwrap();
        let parser = Parser::new(model);
        let scores = evaluate(&parser, &examples);
        assert_eq!(scores.words, 12);
        assert_eq!(scores.heads, 12, "{scores:?}");
        assert_eq!(scores.labelled, 12, "{scores:?}");
        let arcs = parser.parse(
            &examples[1]
                .words
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>(),
            &examples[1].tags,
        );
        assert_eq!(arcs[1].rel, Rel::NSUBJ_PASS);
        assert_eq!(arcs[5].rel, Rel::OBL_AGENT);
    }

    #[test]
    fn scores_compare_universal_relations() {
        let gold = Example {
            heads: vec![2, 0],
            rels: vec![Rel::NSUBJ_PASS, Rel::ROOT],
            ..Example::default()
        };
        let mut s = Scores::default();
        let got = [
            Arc {
                head: 2,
                rel: Rel::NSUBJ,
            },
            Arc {
                head: 1,
                rel: Rel::ROOT,
            },
        ];
        s.add(&got, &gold);
        assert_eq!((s.words, s.heads, s.labelled), (2, 1, 1));
    }
}
