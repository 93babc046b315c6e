//! Date expressions: finds them in a sentence and resolves them against the publication
//! date ("on Friday" → the last Friday on or before publication).

use dyad_model::{Date, DatePrecision, Span};

/// One date expression and what it resolves to.
#[derive(Clone, Debug, PartialEq)]
pub struct DateMention {
    /// The words of the expression ("on Friday", "in June", "in the last few months").
    pub span: Span,
    /// The (first day of the) date or period.
    pub date: Date,
    /// The last day, when the expression is a period.
    pub end: Option<Date>,
    pub precision: DatePrecision,
}

/// Finds the date expressions inside `within` (a byte span of `text`), resolved against
/// `published`. Without a publication date only absolute dates resolve.
pub fn find_dates(_text: &str, _within: Span, _published: Option<Date>) -> Vec<DateMention> {
    Vec::new()
}
