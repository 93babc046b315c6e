//! The arc-eager transition system (Nivre 2003) and its dynamic oracle (Goldberg & Nivre
//! 2012).
//!
//! Words are numbered 1..=n; 0 is the artificial root, which starts on the stack. Four
//! transitions build the tree left to right:
//! - SHIFT pushes the next buffer word;
//! - REDUCE pops the stack top, which must have its head;
//! - LEFT-ARC makes the buffer front the head of the stack top and pops it;
//! - RIGHT-ARC makes the stack top the head of the buffer front and pushes it.
//!
//! The root takes exactly one dependent. The parse ends when the buffer is empty; words
//! still without a head are then attached by [`State::finish`].
//!
//! The oracle gives each transition its cost: how many arcs of the gold tree it makes
//! unreachable. Training follows zero-cost transitions (or, exploring, the model's own
//! mistakes) so the model learns to recover from errors.

use crate::Rel;

/// A transition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Shift = 0,
    Reduce = 1,
    Left = 2,
    Right = 3,
}

impl Move {
    pub const ALL: [Move; 4] = [Move::Shift, Move::Reduce, Move::Left, Move::Right];

    pub fn index(self) -> usize {
        self as usize
    }
}

/// No word (an empty stack or buffer position, a missing child).
pub const NONE: usize = usize::MAX;

/// The parser's configuration plus what the features read about the partial tree.
#[derive(Clone, Debug, Default)]
pub struct State {
    /// Number of words (the root is 0; words are 1..=n).
    pub n: usize,
    pub stack: Vec<usize>,
    /// The buffer front; the buffer is `next..=n`.
    pub next: usize,
    pub heads: Vec<usize>,
    pub rels: Vec<Option<Rel>>,
    /// Two leftmost and two rightmost children of each word (NONE when absent), in
    /// order of distance from the outside: `left[w][0]` is the leftmost.
    pub left: Vec<[usize; 2]>,
    pub right: Vec<[usize; 2]>,
    pub left_count: Vec<u8>,
    pub right_count: Vec<u8>,
    /// Bit sets of the relations of each word's left and right children.
    pub left_rels: Vec<u64>,
    pub right_rels: Vec<u64>,
}

impl State {
    /// The start configuration for `n` words: the root on the stack, all words in the
    /// buffer. Reuses the allocations.
    pub fn reset(&mut self, n: usize) {
        let size = n + 1;
        self.n = n;
        self.stack.clear();
        self.stack.push(0);
        self.next = 1;
        self.heads.clear();
        self.heads.resize(size, NONE);
        self.rels.clear();
        self.rels.resize(size, None);
        for v in [&mut self.left, &mut self.right] {
            v.clear();
            v.resize(size, [NONE; 2]);
        }
        for v in [&mut self.left_count, &mut self.right_count] {
            v.clear();
            v.resize(size, 0);
        }
        for v in [&mut self.left_rels, &mut self.right_rels] {
            v.clear();
            v.resize(size, 0);
        }
    }

    pub fn is_terminal(&self) -> bool {
        self.next > self.n
    }

    /// The stack word `k` from the top (0 = top), or NONE.
    pub fn stack_at(&self, k: usize) -> usize {
        if k < self.stack.len() {
            self.stack[self.stack.len() - 1 - k]
        } else {
            NONE
        }
    }

    /// The buffer word `k` from the front, or NONE.
    pub fn buffer_at(&self, k: usize) -> usize {
        let w = self.next + k;
        if w <= self.n {
            w
        } else {
            NONE
        }
    }

    pub fn has_head(&self, w: usize) -> bool {
        w != NONE && self.heads.get(w).is_some_and(|&h| h != NONE)
    }

    /// Whether the root already has its one dependent.
    fn root_taken(&self) -> bool {
        self.right_count.first().is_some_and(|&c| c > 0)
    }

    /// Whether `m` can be applied now.
    pub fn is_valid(&self, m: Move) -> bool {
        let s0 = self.stack_at(0);
        let buffer = self.next <= self.n;
        match m {
            Move::Shift => buffer,
            Move::Reduce => s0 != NONE && s0 != 0 && self.has_head(s0),
            Move::Left => buffer && s0 != NONE && s0 != 0 && !self.has_head(s0),
            Move::Right => buffer && s0 != NONE && !(s0 == 0 && self.root_taken()),
        }
    }

    /// Applies `m` (which must be valid) with relation `rel` for the arcs.
    pub fn apply(&mut self, m: Move, rel: Rel) {
        match m {
            Move::Shift => {
                self.stack.push(self.next);
                self.next += 1;
            }
            Move::Reduce => {
                self.stack.pop();
            }
            Move::Left => {
                let s0 = self.stack.pop().unwrap_or(0);
                self.add_arc(self.next, s0, rel);
            }
            Move::Right => {
                let s0 = self.stack_at(0);
                let b = self.next;
                self.add_arc(s0, b, rel);
                self.stack.push(b);
                self.next += 1;
            }
        }
    }

    /// Makes `head` the head of `dep` with relation `rel` (no validity check).
    pub fn add_arc(&mut self, head: usize, dep: usize, rel: Rel) {
        self.heads[dep] = head;
        self.rels[dep] = Some(rel);
        let bit = 1u64 << (rel.index() & 63);
        if dep < head {
            // Arcs to the left arrive right to left: each new one is the leftmost.
            let l = &mut self.left[head];
            l[1] = l[0];
            l[0] = dep;
            self.left_count[head] = self.left_count[head].saturating_add(1);
            self.left_rels[head] |= bit;
        } else {
            // Arcs to the right arrive left to right: each new one is the rightmost.
            let r = &mut self.right[head];
            r[1] = r[0];
            r[0] = dep;
            self.right_count[head] = self.right_count[head].saturating_add(1);
            self.right_rels[head] |= bit;
        }
    }

    /// Attaches the words left without a head at the end of a parse: to the root's
    /// dependent, with the relation `label(state, head, dependent)` gives, or the first of
    /// them becomes the root's dependent.
    pub fn finish(&mut self, mut label: impl FnMut(&State, usize, usize) -> Rel) {
        let mut top = self.right[0][0];
        for w in 1..=self.n {
            if self.heads[w] != NONE {
                continue;
            }
            if top == NONE {
                self.add_arc(0, w, Rel::ROOT);
                top = w;
            } else {
                let rel = label(self, top, w);
                self.add_arc(top, w, rel);
            }
        }
    }

    /// The cost of `m` (valid) against the gold heads `gold` (index 0 unused), given
    /// `in_stack` (which words are on the stack) and `children` (gold dependents of each
    /// word): the number of gold arcs it makes unreachable.
    pub fn cost(
        &self,
        m: Move,
        gold: &[usize],
        in_stack: &[bool],
        children: &[Vec<usize>],
    ) -> usize {
        let s0 = self.stack_at(0);
        let b = self.next;
        let in_buffer = |w: usize| w != NONE && w >= b && w <= self.n;
        // Gold dependents of `w` that are still in the buffer (after `from`).
        let deps_in_buffer = |w: usize, from: usize| {
            children[w]
                .iter()
                .filter(|&&k| k >= from && k <= self.n)
                .count()
        };
        // Gold dependents of `w` on the stack that have no head yet.
        let headless_deps_on_stack = |w: usize| {
            children[w]
                .iter()
                .filter(|&&k| in_stack[k] && self.heads[k] == NONE)
                .count()
        };
        match m {
            Move::Shift => usize::from(in_stack[gold[b]]) + headless_deps_on_stack(b),
            Move::Reduce => deps_in_buffer(s0, b),
            Move::Left => {
                let head_lost = gold[s0] != b && in_buffer(gold[s0]);
                usize::from(head_lost) + deps_in_buffer(s0, b)
            }
            Move::Right => {
                let g = gold[b];
                let head_lost = g != s0 && (in_stack[g] || in_buffer(g));
                usize::from(head_lost) + headless_deps_on_stack(b)
            }
        }
    }
}

/// Gold trees made projective by lifting: while an arc crosses another, the dependent of
/// the shortest crossing arc is attached to its head's head (Nivre & Nilsson 2005, without
/// the label encoding). Heads are 1-based, 0 = root; returns the new heads.
pub fn projectivize(heads: &[usize]) -> Vec<usize> {
    let mut heads = heads.to_vec();
    // At most one lift per word per round; a tree has at most n levels.
    for _ in 0..heads.len() * 2 {
        let Some(dep) = shortest_nonprojective(&heads) else {
            break;
        };
        let h = heads[dep];
        heads[dep] = if h == 0 { 0 } else { heads[h] };
    }
    heads
}

/// The dependent of the shortest non-projective arc: an arc h→d is projective when
/// every word between h and d descends from h. `heads[0]` is unused.
fn shortest_nonprojective(heads: &[usize]) -> Option<usize> {
    let n = heads.len().saturating_sub(1);
    let descends = |mut w: usize, ancestor: usize| {
        for _ in 0..=n {
            if w == ancestor {
                return true;
            }
            if w == 0 {
                return false;
            }
            w = heads[w];
        }
        false
    };
    (1..=n)
        .filter(|&d| {
            let h = heads[d];
            let (lo, hi) = (h.min(d), h.max(d));
            h != 0 && (lo + 1..hi).any(|k| !descends(k, h))
        })
        .min_by_key(|&d| heads[d].abs_diff(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Gold heads of "The city was shelled by drones ." (1-based; index 0 unused).
    const GOLD: [usize; 8] = [0, 2, 4, 4, 0, 6, 4, 4];

    fn children(gold: &[usize]) -> Vec<Vec<usize>> {
        let mut c = vec![Vec::new(); gold.len()];
        for (d, &h) in gold.iter().enumerate().skip(1) {
            c[h].push(d);
        }
        c
    }

    /// Follows the zero-cost transitions (preferring the first in `Move::ALL` order) and
    /// returns the heads built.
    fn oracle_parse(gold: &[usize]) -> Vec<usize> {
        let n = gold.len() - 1;
        let kids = children(gold);
        let mut s = State::default();
        s.reset(n);
        let mut steps = 0;
        while !s.is_terminal() {
            let mut in_stack = vec![false; n + 1];
            for &w in &s.stack {
                in_stack[w] = true;
            }
            let m = Move::ALL
                .into_iter()
                .filter(|&m| s.is_valid(m))
                .find(|&m| s.cost(m, gold, &in_stack, &kids) == 0)
                .expect("a zero-cost transition exists for a projective tree");
            s.apply(m, Rel::DEP);
            steps += 1;
            assert!(steps <= 2 * n + 1);
        }
        s.finish(|_, _, _| Rel::DEP);
        s.heads
    }

    #[test]
    fn the_oracle_rebuilds_a_projective_tree() {
        assert_eq!(oracle_parse(&GOLD)[1..], GOLD[1..]);
        // "Russia and China signed a deal with Iran ."
        let gold = [0, 4, 3, 1, 0, 6, 4, 8, 4, 4];
        assert_eq!(oracle_parse(&gold)[1..], gold[1..]);
    }

    #[test]
    fn costs_count_lost_arcs() {
        let kids = children(&GOLD);
        let mut s = State::default();
        s.reset(7);
        let in_stack = |s: &State| {
            let mut v = vec![false; 8];
            for &w in &s.stack {
                v[w] = true;
            }
            v
        };
        // Stack [root], buffer "The": RIGHT-ARC root→The loses The's head (city).
        assert_eq!(s.cost(Move::Right, &GOLD, &in_stack(&s), &kids), 1);
        assert_eq!(s.cost(Move::Shift, &GOLD, &in_stack(&s), &kids), 0);
        s.apply(Move::Shift, Rel::DEP);
        // Stack [root, The], buffer "city": LEFT-ARC is right, SHIFT loses The←city.
        assert_eq!(s.cost(Move::Left, &GOLD, &in_stack(&s), &kids), 0);
        assert_eq!(s.cost(Move::Shift, &GOLD, &in_stack(&s), &kids), 1);
        assert!(!s.is_valid(Move::Reduce));
    }

    #[test]
    fn the_root_takes_one_dependent_and_finish_makes_a_tree() {
        let mut s = State::default();
        s.reset(3);
        s.apply(Move::Right, Rel::ROOT);
        s.apply(Move::Reduce, Rel::DEP);
        assert!(
            !s.is_valid(Move::Right),
            "the root already has its dependent"
        );
        s.apply(Move::Shift, Rel::DEP);
        s.apply(Move::Shift, Rel::DEP);
        assert!(s.is_terminal());
        s.finish(|_, _, _| Rel::DEP);
        assert_eq!(s.heads[1..], [0, 1, 1]);
        assert_eq!(s.rels[1], Some(Rel::ROOT));
    }

    #[test]
    fn lifting_makes_trees_projective() {
        // 1←3, 2←4 crossing, 4←3 root 3: "A hearing is scheduled on the issue today"-like.
        let heads = [0, 3, 4, 0, 3];
        let p = projectivize(&heads);
        assert!(shortest_nonprojective(&p).is_none());
        assert_eq!(p, [0, 3, 3, 0, 3]);
        let already = [0, 2, 0, 2];
        assert_eq!(projectivize(&already), already);
    }
}
