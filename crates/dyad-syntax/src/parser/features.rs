//! Feature templates of the parser: the rich non-local set of Zhang & Nivre (2011) over
//! the stack top (s0), the buffer front (n0..n2), their heads and children, distances,
//! valencies and the relations already built, plus the arc features of the labeller.
//!
//! A feature is a template id and up to three values, hashed to one 64-bit key
//! ([`key`]); the model keeps no feature names, only hashed rows (see [`super::model`]).
//! Words are represented by their lower-cased form (digits folded), their Penn tag
//! (`p`), their universal tag (`u`) and their last three letters.

use dyad_text::{TaggedToken, Upos};

use super::state::{State, NONE};
use crate::Rel;

pub(crate) use dyad_text::hash::{hash_str, mix};

/// The key of template `t` with values `a`, `b`, `c` (already well-mixed hashes or small
/// numbers): one mixing round over their rotated combination.
#[inline]
pub(crate) fn key(t: u32, a: u64, b: u64, c: u64) -> u64 {
    mix(u64::from(t).wrapping_mul(0x9e37_79b9_7f4a_7c15)
        ^ a
        ^ b.rotate_left(21).wrapping_mul(0xd6e8_feb8_6659_fd93)
        ^ c.rotate_left(42).wrapping_mul(0xa076_1d64_78bd_642f))
}

const H_NONE: u64 = hash_str("-NONE-");
const H_ROOT: u64 = hash_str("-ROOT-");

/// What the features read about one word.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct WordInfo {
    pub w: u64,
    pub p: u64,
    pub u: u64,
    pub s: u64,
    /// The word is capitalised (first letter upper case).
    pub cap: bool,
}

impl WordInfo {
    const NONE: WordInfo = WordInfo {
        w: H_NONE,
        p: H_NONE,
        u: H_NONE,
        s: H_NONE,
        cap: false,
    };
}

/// The words of one sentence prepared for feature extraction; index 0 is the root.
#[derive(Debug, Default)]
pub(crate) struct Words {
    pub info: Vec<WordInfo>,
    lower: String,
}

/// The normalised form: lower case, digits folded to `0` runs, typographic quotes and
/// dashes folded.
fn normalise(word: &str, out: &mut String) {
    out.clear();
    let mut digits = 0;
    for c in word.chars() {
        if c.is_ascii_digit() {
            digits += 1;
            if digits <= 4 {
                out.push('0');
            }
            continue;
        }
        digits = 0;
        match c {
            '\u{2018}' | '\u{2019}' | '`' => out.push('\''),
            '\u{201C}' | '\u{201D}' => out.push('"'),
            '\u{2013}' | '\u{2014}' => out.push('-'),
            c => out.extend(c.to_lowercase()),
        }
    }
}

impl Words {
    /// Loads a sentence's words and tags (same length).
    pub fn load(&mut self, words: &[&str], tags: &[TaggedToken]) {
        self.info.clear();
        self.info.push(WordInfo {
            w: H_ROOT,
            p: H_ROOT,
            u: H_ROOT,
            s: H_ROOT,
            cap: false,
        });
        for (word, tag) in words.iter().zip(tags) {
            normalise(word, &mut self.lower);
            // The last three characters.
            let cut = self.lower.char_indices().rev().nth(2).map_or(0, |(i, _)| i);
            self.info.push(WordInfo {
                w: hash_str(&self.lower),
                p: hash_str(tag.xpos.as_str()),
                u: hash_str(tag.upos.as_str()) ^ u64::from(tag.upos == Upos::Propn),
                s: hash_str(&self.lower[cut..]),
                cap: word.chars().next().is_some_and(char::is_uppercase),
            });
        }
    }

    #[inline]
    pub fn get(&self, i: usize) -> WordInfo {
        if i == NONE {
            WordInfo::NONE
        } else {
            self.info.get(i).copied().unwrap_or(WordInfo::NONE)
        }
    }

    /// Number of words (without the root).
    pub fn len(&self) -> usize {
        self.info.len().saturating_sub(1)
    }
}

/// The value of a relation (0 for none).
#[inline]
fn rel_value(r: Option<Rel>) -> u64 {
    r.map_or(0, |r| r.index() as u64 + 1)
}

/// Distance buckets: 1, 2, 3, 4, 5–6, 7–9, 10+.
#[inline]
fn distance(a: usize, b: usize) -> u64 {
    if a == NONE || b == NONE {
        return 0;
    }
    match a.abs_diff(b) {
        d @ 0..=4 => d as u64,
        5..=6 => 5,
        7..=9 => 6,
        _ => 7,
    }
}

/// Child `k` (0 = outermost) of `w` on the left or right, or NONE.
#[inline]
fn left(s: &State, w: usize, k: usize) -> usize {
    if w == NONE {
        NONE
    } else {
        s.left[w][k]
    }
}

#[inline]
fn right(s: &State, w: usize, k: usize) -> usize {
    if w == NONE {
        NONE
    } else {
        s.right[w][k]
    }
}

#[inline]
fn head(s: &State, w: usize) -> usize {
    if w == NONE || w == 0 {
        NONE
    } else {
        s.heads[w]
    }
}

#[inline]
fn rel(s: &State, w: usize) -> u64 {
    if w == NONE {
        0
    } else {
        rel_value(s.rels[w])
    }
}

/// Number of transition features ([`transition`]).
pub(crate) const TRANSITION_FEATURES: usize = 87;

/// Number of arc features ([`arc`]).
pub(crate) const ARC_FEATURES: usize = 28;

/// The transition features of state `s` over `words`, as keys written to `out`. A fixed
/// array rather than a vector: every state has all the features, and writing to
/// constant places spares the capacity check of a push for each of the ~90 keys of
/// each of the ~2 transitions per word.
pub(crate) fn transition(words: &Words, s: &State, out: &mut [u64; TRANSITION_FEATURES]) {
    let s0i = s.stack_at(0);
    let s1i = s.stack_at(1);
    let n0i = s.buffer_at(0);
    let n1i = s.buffer_at(1);
    let n2i = s.buffer_at(2);
    let (s0, s1, n0, n1, n2) = (
        words.get(s0i),
        words.get(s1i),
        words.get(n0i),
        words.get(n1i),
        words.get(n2i),
    );
    let n3 = words.get(s.buffer_at(3));
    let s0hi = head(s, s0i);
    let s0h = words.get(s0hi);
    let s0h2 = words.get(head(s, s0hi));
    let (s0li, s0ri, n0li) = (left(s, s0i, 0), right(s, s0i, 0), left(s, n0i, 0));
    let (s0l, s0r, n0l) = (words.get(s0li), words.get(s0ri), words.get(n0li));
    let (s0l2i, s0r2i, n0l2i) = (left(s, s0i, 1), right(s, s0i, 1), left(s, n0i, 1));
    let (s0l2, s0r2, n0l2) = (words.get(s0l2i), words.get(s0r2i), words.get(n0l2i));
    // The word just before the buffer front in the sentence (often reduced already).
    let before = words.get(if n0i != NONE && n0i > 1 {
        n0i - 1
    } else {
        NONE
    });
    let d = distance(s0i, n0i);
    let count = |v: &[u8], w: usize| if w == NONE { 0 } else { u64::from(v[w].min(5)) };
    let (s0vl, s0vr, n0vl) = (
        count(&s.left_count, s0i),
        count(&s.right_count, s0i),
        count(&s.left_count, n0i),
    );
    let set = |v: &[u64], w: usize| if w == NONE { 0 } else { v[w] };
    let s0_has_head = u64::from(s.has_head(s0i));
    let mut t = 0;
    let mut f = |a: u64, b: u64, c: u64| {
        out[t] = key(t as u32, a, b, c);
        t += 1;
    };
    f(0, 0, 0); // bias
                // Single words.
    f(s0.w, s0.p, 0);
    f(s0.w, 0, 0);
    f(s0.p, 0, 0);
    f(n0.w, n0.p, 0);
    f(n0.w, 0, 0);
    f(n0.p, 0, 0);
    f(n1.w, n1.p, 0);
    f(n1.w, 0, 0);
    f(n1.p, 0, 0);
    f(n2.w, n2.p, 0);
    f(n2.w, 0, 0);
    f(n2.p, 0, 0);
    // Word pairs.
    f(s0.w ^ s0.p.rotate_left(7), n0.w, n0.p);
    f(s0.w, s0.p, n0.w);
    f(s0.w, n0.w, n0.p);
    f(s0.w, s0.p, n0.p);
    f(s0.p, n0.w, n0.p);
    f(s0.w, n0.w, 0);
    f(s0.p, n0.p, 0);
    f(n0.p, n1.p, 0);
    // Three words.
    f(n0.p, n1.p, n2.p);
    f(s0.p, n0.p, n1.p);
    f(s0h.p, s0.p, n0.p);
    f(s0.p, s0l.p, n0.p);
    f(s0.p, s0r.p, n0.p);
    f(s0.p, n0.p, n0l.p);
    // Distance.
    f(s0.w, d, 0);
    f(s0.p, d, 0);
    f(n0.w, d, 0);
    f(n0.p, d, 0);
    f(s0.w, n0.w, d);
    f(s0.p, n0.p, d);
    // Valency.
    f(s0.w, s0vr, 0);
    f(s0.p, s0vr, 0);
    f(s0.w, s0vl, 0);
    f(s0.p, s0vl, 0);
    f(n0.w, n0vl, 0);
    f(n0.p, n0vl, 0);
    // Heads and children.
    f(s0h.w, 0, 0);
    f(s0h.p, 0, 0);
    f(rel(s, s0i), 0, 0);
    f(s0l.w, 0, 0);
    f(s0l.p, 0, 0);
    f(rel(s, s0li), 0, 0);
    f(s0r.w, 0, 0);
    f(s0r.p, 0, 0);
    f(rel(s, s0ri), 0, 0);
    f(n0l.w, 0, 0);
    f(n0l.p, 0, 0);
    f(rel(s, n0li), 0, 0);
    // Third order.
    f(s0h2.w, 0, 0);
    f(s0h2.p, 0, 0);
    f(rel(s, s0hi), 0, 0);
    f(s0l2.w, 0, 0);
    f(s0l2.p, 0, 0);
    f(rel(s, s0l2i), 0, 0);
    f(s0r2.w, 0, 0);
    f(s0r2.p, 0, 0);
    f(rel(s, s0r2i), 0, 0);
    f(n0l2.w, 0, 0);
    f(n0l2.p, 0, 0);
    f(rel(s, n0l2i), 0, 0);
    f(s0.p, s0l.p, s0l2.p);
    f(s0.p, s0r.p, s0r2.p);
    f(s0.p, s0h.p, s0h2.p);
    f(n0.p, n0l.p, n0l2.p);
    // Relation sets.
    f(s0.w, set(&s.right_rels, s0i), 0);
    f(s0.p, set(&s.right_rels, s0i), 0);
    f(s0.w, set(&s.left_rels, s0i), 0);
    f(s0.p, set(&s.left_rels, s0i), 0);
    f(n0.w, set(&s.left_rels, n0i), 0);
    f(n0.p, set(&s.left_rels, n0i), 0);
    // Extras: the second stack word, the word before n0, suffixes, capitals, head state.
    f(s1.p, s0.p, n0.p);
    f(s1.w, s1.p, 0);
    f(s1.p, n0.p, 0);
    f(before.w, before.p, n0.p);
    f(before.p, s0.p, n0.p);
    f(n0.s, n0.p, 0);
    f(s0.s, s0.p, 0);
    f(n1.s, n1.p, 0);
    f(n3.p, n2.p, n1.p);
    f(s0_has_head, s0.p, n0.p);
    f(s0_has_head, rel(s, s0i), n0.p);
    f(u64::from(s0.cap) | (u64::from(n0.cap) << 1), s0.u, n0.u);
    f(s0.u, n0.u, n1.u);
    f(s0.u, s0h.u, n0.u);
    debug_assert_eq!(t, TRANSITION_FEATURES);
}

/// The features of labelling the arc `head → dep` in state `s`, as keys written to
/// `out`.
pub(crate) fn arc(
    words: &Words,
    s: &State,
    head_i: usize,
    dep_i: usize,
    out: &mut [u64; ARC_FEATURES],
) {
    let h = words.get(head_i);
    let d = words.get(dep_i);
    let dir = u64::from(dep_i < head_i);
    let dist = distance(head_i, dep_i);
    let (dl1i, dl2i, dr1i) = (left(s, dep_i, 0), left(s, dep_i, 1), right(s, dep_i, 0));
    let (dl1, dl2, dr1) = (words.get(dl1i), words.get(dl2i), words.get(dr1i));
    let hh = words.get(head(s, head_i));
    let prev = words.get(if dep_i > 1 { dep_i - 1 } else { NONE });
    let next = words.get(if dep_i < words.len() { dep_i + 1 } else { NONE });
    let set = |v: &[u64], w: usize| if w == NONE { 0 } else { v[w] };
    let mut t = 0;
    let mut f = |a: u64, b: u64, c: u64| {
        // Arc templates are numbered from 1000, apart from the transition templates.
        out[t] = key(1000 + t as u32, a, b, c);
        t += 1;
    };
    f(0, 0, 0);
    f(h.w, 0, 0);
    f(h.p, 0, 0);
    f(d.w, 0, 0);
    f(d.p, 0, 0);
    f(h.p, d.p, dir);
    f(h.w, d.p, dir);
    f(h.p, d.w, dir);
    f(h.w, d.w, dir);
    f(h.p, d.p, dir | (dist << 1));
    f(d.s, d.p, dir);
    f(dl1.w, dl1.p, d.p);
    f(rel(s, dl1i), d.p, dir);
    f(dl2.w, dl2.p, d.p);
    f(dl1.w, h.p, dir);
    f(dr1.p, rel(s, dr1i), d.p);
    f(set(&s.left_rels, dep_i), d.p, dir);
    f(set(&s.right_rels, dep_i), d.p, dir);
    f(set(&s.left_rels, head_i), h.p, d.p);
    f(set(&s.right_rels, head_i), h.p, d.p);
    f(rel(s, head_i), h.p, d.p);
    f(hh.p, h.p, d.p);
    f(prev.w, prev.p, d.p);
    f(next.w, next.p, d.p);
    f(prev.p, d.p, next.p);
    f(u64::from(d.cap), d.u, h.u);
    f(h.u, d.u, dir | (dist << 1));
    f(u64::from(head_i == 0), 0, 0);
    debug_assert_eq!(t, ARC_FEATURES);
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_text::Xpos;

    #[test]
    fn features_differ_by_template_and_value() {
        assert_ne!(key(1, 5, 0, 0), key(2, 5, 0, 0));
        assert_ne!(key(1, 5, 6, 0), key(1, 6, 5, 0));
        let tag = TaggedToken {
            upos: Upos::Noun,
            xpos: Xpos::Nn,
        };
        let mut words = Words::default();
        words.load(&["Troops", "1990"], &[tag, tag]);
        assert_eq!(words.len(), 2);
        assert!(words.get(1).cap && !words.get(2).cap);
        let mut s = State::default();
        s.reset(2);
        // Every template writes its own key: all differ, so none was left as it was.
        let distinct = |keys: &[u64]| keys.iter().collect::<std::collections::HashSet<_>>().len();
        let mut out = [0; TRANSITION_FEATURES];
        transition(&words, &s, &mut out);
        assert_eq!(distinct(&out), TRANSITION_FEATURES);
        let mut out = [0; ARC_FEATURES];
        arc(&words, &s, 2, 1, &mut out);
        assert_eq!(distinct(&out), ARC_FEATURES);
    }
}
