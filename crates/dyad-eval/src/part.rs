//! Part K of N of a gold set, by record position: the one rule behind `dyad eval --part`
//! and the trainers' `--hold-part`, so that a trainer leaves out exactly the records the
//! scorer then scores.

use std::str::FromStr;

/// Part K of N of a gold set: the records at 0-based positions K-1, K-1+N, K-1+2N, ….
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Part {
    k: usize,
    n: usize,
}

impl Part {
    /// Whether the record at 0-based `index` belongs to this part.
    pub fn keeps(&self, index: usize) -> bool {
        index % self.n == self.k - 1
    }

    /// The records of `records` this part keeps (all of them without a part).
    pub fn select<T>(records: Vec<T>, part: Option<Part>) -> Vec<T> {
        Self::filter(records, |i| part.is_none_or(|p| p.keeps(i)))
    }

    /// The records of `records` this part leaves out (all of them without a part): what a
    /// trainer may learn from when part K is scored.
    pub fn rest<T>(records: Vec<T>, part: Option<Part>) -> Vec<T> {
        Self::filter(records, |i| part.is_none_or(|p| !p.keeps(i)))
    }

    fn filter<T>(records: Vec<T>, keep: impl Fn(usize) -> bool) -> Vec<T> {
        records
            .into_iter()
            .enumerate()
            .filter(|(i, _)| keep(*i))
            .map(|(_, r)| r)
            .collect()
    }
}

impl FromStr for Part {
    type Err = String;

    fn from_str(text: &str) -> Result<Part, String> {
        let bad = || format!("`{text}` is not K/N with 1 <= K <= N (e.g. 1/2)");
        let (k, n) = text.split_once('/').ok_or_else(bad)?;
        let k: usize = k.trim().parse().map_err(|_| bad())?;
        let n: usize = n.trim().parse().map_err(|_| bad())?;
        if k == 0 || n == 0 || k > n {
            return Err(bad());
        }
        Ok(Part { k, n })
    }
}

impl std::fmt::Display for Part {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.k, self.n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_split_by_position_and_the_rest_is_the_complement() {
        let odd: Part = "1/2".parse().unwrap();
        let even: Part = " 2 / 2 ".parse().unwrap();
        assert_eq!(Part::select(vec![0, 1, 2, 3, 4], Some(odd)), [0, 2, 4]);
        assert_eq!(Part::select(vec![0, 1, 2, 3, 4], Some(even)), [1, 3]);
        assert_eq!(Part::rest(vec![0, 1, 2, 3, 4], Some(odd)), [1, 3]);
        assert_eq!(Part::select(vec![0, 1], None), [0, 1]);
        assert_eq!(Part::rest(vec![0, 1], None), [0, 1]);
        assert_eq!(even.to_string(), "2/2");
    }

    #[test]
    fn malformed_parts_are_clear_errors() {
        for bad in ["0/2", "3/2", "1", "a/b", "1/0", ""] {
            let err = bad.parse::<Part>().unwrap_err();
            assert!(err.contains(bad) && err.contains("K/N"), "{err}");
        }
    }
}
