//! Precision, recall and F1 from counts.

use serde::Serialize;

/// Counts behind precision and recall: `correct` of `predicted` predictions were right,
/// and `found` of `gold` gold items were found. (For set scores `correct == found`; they
/// differ when a score counts records on one side and pairs on the other.)
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Prf {
    pub correct: usize,
    pub predicted: usize,
    pub found: usize,
    pub gold: usize,
}

impl Prf {
    /// Counts where every correct prediction finds one gold item.
    pub fn from_counts(correct: usize, predicted: usize, gold: usize) -> Prf {
        Prf {
            correct,
            predicted,
            found: correct,
            gold,
        }
    }

    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.found, self.gold)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// Adds another set of counts to these.
    pub fn add(&mut self, other: Prf) {
        self.correct += other.correct;
        self.predicted += other.predicted;
        self.found += other.found;
        self.gold += other.gold;
    }
}

/// `part / whole`, 0 when `whole` is 0.
pub fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// Rounds to four decimals, for readable JSON.
pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

impl Serialize for Prf {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Prf", 7)?;
        s.serialize_field("precision", &round4(self.precision()))?;
        s.serialize_field("recall", &round4(self.recall()))?;
        s.serialize_field("f1", &round4(self.f1()))?;
        s.serialize_field("correct", &self.correct)?;
        s.serialize_field("predicted", &self.predicted)?;
        s.serialize_field("found", &self.found)?;
        s.serialize_field("gold", &self.gold)?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_from_counts() {
        let prf = Prf::from_counts(2, 4, 8);
        assert_eq!(prf.precision(), 0.5);
        assert_eq!(prf.recall(), 0.25);
        assert!((prf.f1() - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(Prf::default().f1(), 0.0);
        let json = serde_json::to_value(prf).unwrap();
        assert_eq!(json["precision"], 0.5);
        assert_eq!(json["gold"], 8);
    }
}
