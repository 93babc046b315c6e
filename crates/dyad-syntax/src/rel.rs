//! Universal Dependencies relations: the labels of the parser's arcs.
//!
//! A [`Rel`] is a small index into one fixed table of names, with a constant for each
//! relation a later stage asks about by name (`Rel::NSUBJ_PASS`). The table holds every
//! relation of UD English EWT and the other universal relations and common English
//! subtypes, so a model trained on a later treebank release still loads; a model naming
//! a relation outside the table is refused.

use std::fmt;

macro_rules! relations {
    ($($konst:ident = $name:literal,)*) => {
        /// Every relation name, in the order of the [`Rel`] constants.
        const NAMES: &[&str] = &[$($name,)*];

        #[allow(dead_code)]
        mod index {
            relations!(@count 0u8; $($konst,)*);
        }

        impl Rel {
            $(
                #[doc = concat!("`", $name, "`")]
                pub const $konst: Rel = Rel(index::$konst);
            )*
        }
    };
    (@count $n:expr; $head:ident, $($tail:ident,)*) => {
        pub const $head: u8 = $n;
        relations!(@count $n + 1u8; $($tail,)*);
    };
    (@count $n:expr;) => {
        pub const COUNT: u8 = $n;
    };
}

/// A dependency relation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Rel(u8);

relations! {
    ROOT = "root",
    PUNCT = "punct",
    NSUBJ = "nsubj",
    NSUBJ_PASS = "nsubj:pass",
    NSUBJ_OUTER = "nsubj:outer",
    CSUBJ = "csubj",
    CSUBJ_PASS = "csubj:pass",
    CSUBJ_OUTER = "csubj:outer",
    OBJ = "obj",
    IOBJ = "iobj",
    OBL = "obl",
    OBL_AGENT = "obl:agent",
    OBL_TMOD = "obl:tmod",
    OBL_NPMOD = "obl:npmod",
    OBL_UNMARKED = "obl:unmarked",
    CCOMP = "ccomp",
    XCOMP = "xcomp",
    ADVCL = "advcl",
    ADVCL_RELCL = "advcl:relcl",
    ADVMOD = "advmod",
    DISCOURSE = "discourse",
    VOCATIVE = "vocative",
    EXPL = "expl",
    DISLOCATED = "dislocated",
    AUX = "aux",
    AUX_PASS = "aux:pass",
    COP = "cop",
    MARK = "mark",
    NMOD = "nmod",
    NMOD_POSS = "nmod:poss",
    NMOD_TMOD = "nmod:tmod",
    NMOD_NPMOD = "nmod:npmod",
    NMOD_UNMARKED = "nmod:unmarked",
    NMOD_DESC = "nmod:desc",
    APPOS = "appos",
    NUMMOD = "nummod",
    ACL = "acl",
    ACL_RELCL = "acl:relcl",
    AMOD = "amod",
    DET = "det",
    DET_PREDET = "det:predet",
    CLF = "clf",
    CASE = "case",
    CONJ = "conj",
    CC = "cc",
    CC_PRECONJ = "cc:preconj",
    FIXED = "fixed",
    FLAT = "flat",
    FLAT_FOREIGN = "flat:foreign",
    COMPOUND = "compound",
    COMPOUND_PRT = "compound:prt",
    LIST = "list",
    PARATAXIS = "parataxis",
    ORPHAN = "orphan",
    GOESWITH = "goeswith",
    REPARANDUM = "reparandum",
    DEP = "dep",
}

impl Rel {
    /// The number of relations in the table.
    pub const COUNT: usize = index::COUNT as usize;

    /// The relation called `name` ("nsubj:pass"), if it is in the table.
    pub fn from_name(name: &str) -> Option<Rel> {
        NAMES.iter().position(|n| *n == name).map(|i| Rel(i as u8))
    }

    /// The relation with table index `i`.
    pub fn from_index(i: usize) -> Option<Rel> {
        (i < NAMES.len()).then_some(Rel(i as u8))
    }

    /// The table index (for dense per-relation arrays and bit sets).
    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    /// The full name: `nsubj:pass`.
    pub fn name(self) -> &'static str {
        NAMES[self.index()]
    }

    /// The universal part of the name: `nsubj` for `nsubj:pass`.
    pub fn main(self) -> &'static str {
        let name = self.name();
        name.split(':').next().unwrap_or(name)
    }

    /// Whether the universal part is `main` ("nsubj" matches `nsubj` and `nsubj:pass`).
    pub fn is(self, main: &str) -> bool {
        self.main() == main
    }

    /// Subjects: `nsubj`, `csubj` and their subtypes.
    pub fn is_subject(self) -> bool {
        matches!(self.main(), "nsubj" | "csubj")
    }

    /// Passive subjects: `nsubj:pass`, `csubj:pass`.
    pub fn is_passive_subject(self) -> bool {
        self == Rel::NSUBJ_PASS || self == Rel::CSUBJ_PASS
    }

    /// Every relation.
    pub fn all() -> impl Iterator<Item = Rel> {
        (0..NAMES.len()).map(|i| Rel(i as u8))
    }
}

impl fmt::Display for Rel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_fit_a_bit_set() {
        for r in Rel::all() {
            assert_eq!(Rel::from_name(r.name()), Some(r));
        }
        const { assert!(Rel::COUNT <= 64, "label sets are u64 bit sets") };
        assert_eq!(Rel::NSUBJ_PASS.name(), "nsubj:pass");
        assert_eq!(Rel::NSUBJ_PASS.main(), "nsubj");
        assert!(Rel::NSUBJ_PASS.is_subject() && Rel::NSUBJ_PASS.is_passive_subject());
        assert!(Rel::from_name("nsubj:nope").is_none());
    }
}
