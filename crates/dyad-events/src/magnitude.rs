//! Magnitudes: counts of troops, dead, injured, arrested, displaced, money, ... read from
//! the text ("approximately 12,000 troops" → troops = 12000).

use dyad_model::Span;

/// One count found in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    /// The words of the count ("approximately 12,000 troops").
    pub span: Span,
    /// The magnitude key: `troops`, `dead`, `injured`, `arrested`, `displaced`,
    /// `refugees`, `weapons`, `money_usd`, ...
    pub kind: String,
    /// The count (the lower bound of a range).
    pub value: u64,
    /// The upper bound of a range ("between 1,500 and 3,000").
    pub max: Option<u64>,
    /// "approximately", "about", "some", "nearly", ...
    pub approximate: bool,
}

/// Finds the counts inside `within` (a byte span of `text`).
pub fn find_quantities(_text: &str, _within: Span) -> Vec<Quantity> {
    Vec::new()
}
