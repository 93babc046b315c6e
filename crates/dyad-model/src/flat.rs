//! The flat event table that every tabular export shares: the store's CSV and Parquet
//! exports and the Python binding's Arrow batches. One row per event; list values
//! (codes, sectors, names, contexts, documents, sources) are `|`-joined text
//! ([`join_list`]: a `|` or `\` inside an item is escaped as `\|`, `\\`, so that
//! [`split_list`] gives the items back). This is the one place the column names, their
//! value types and their nullability are written; `docs/store.md` documents them.

/// The value type of a flat column (Arrow/Parquet: `Utf8`, `Date32`, `Int32`, `Int64`,
/// `Float64`; CSV writes every type as text).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnType {
    Text,
    Date,
    Int32,
    Int64,
    Float64,
}

/// One column: its name, value type and whether it may be null.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub kind: ColumnType,
    pub nullable: bool,
}

impl Column {
    /// A column that is never null.
    pub const fn required(name: &'static str, kind: ColumnType) -> Column {
        Column {
            name,
            kind,
            nullable: false,
        }
    }

    /// A column that may be null.
    pub const fn optional(name: &'static str, kind: ColumnType) -> Column {
        Column {
            name,
            kind,
            nullable: true,
        }
    }

    /// Whether the column is a count or list over a merged event's reports (absent from
    /// the row of a single report).
    pub fn is_merge_only(&self) -> bool {
        matches!(
            self.name,
            "event_id"
                | "num_mentions"
                | "num_sources"
                | "num_articles"
                | "first_seen"
                | "last_seen"
                | "documents"
                | "sources"
        )
    }
}

use ColumnType::{Date, Float64, Int32, Int64, Text};

/// The flat columns of a stored (merged) event, in export order.
pub const EVENT_COLUMNS: [Column; 31] = [
    Column::required("event_id", Int64),
    Column::required("event", Text),
    Column::optional("mode", Text),
    Column::required("contexts", Text),
    Column::required("cameo", Text),
    Column::required("goldstein", Float64),
    Column::required("quad_class", Int32),
    Column::required("actor_codes", Text),
    Column::required("actor_sectors", Text),
    Column::required("actor_names", Text),
    Column::required("recipient_codes", Text),
    Column::required("recipient_sectors", Text),
    Column::required("recipient_names", Text),
    Column::optional("date", Date),
    Column::optional("date_end", Date),
    Column::optional("date_precision", Text),
    Column::optional("date_text", Text),
    Column::optional("location_name", Text),
    Column::optional("location_country", Text),
    Column::optional("lat", Float64),
    Column::optional("lon", Float64),
    Column::required("status", Text),
    Column::required("num_mentions", Int64),
    Column::required("num_sources", Int64),
    Column::required("num_articles", Int64),
    Column::optional("first_seen", Date),
    Column::optional("last_seen", Date),
    Column::required("documents", Text),
    Column::required("sources", Text),
    Column::required("trigger", Text),
    Column::required("evidence", Text),
];

/// Joins list items with `|`, escaping a `|` or `\` inside an item with a `\`, so that a
/// source named "Reuters | Europe" stays one item ([`split_list`] reads it back).
pub fn join_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push('|');
        }
        for c in item.chars() {
            if c == '|' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// The items of a [`join_list`] text (an empty text has none).
pub fn split_list(text: &str) -> Vec<String> {
    if text.is_empty() {
        return Vec::new();
    }
    let mut items = vec![String::new()];
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let (Some(next), Some(item)) = (chars.next(), items.last_mut()) {
                    item.push(next);
                }
            }
            '|' => items.push(String::new()),
            c => {
                if let Some(item) = items.last_mut() {
                    item.push(c);
                }
            }
        }
    }
    items
}

/// The columns a single report carries: [`EVENT_COLUMNS`] without the merge-only ones.
pub fn report_event_columns() -> impl Iterator<Item = Column> {
    EVENT_COLUMNS.into_iter().filter(|c| !c.is_merge_only())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_split_back_into_their_items() {
        let items = ["Reuters | Europe", "AP", "", "back\\slash|", "x"];
        let joined = join_list(items);
        assert_eq!(joined, "Reuters \\| Europe|AP||back\\\\slash\\||x");
        assert_eq!(split_list(&joined), items);
        assert_eq!(join_list(["RUS", "PRK"]), "RUS|PRK");
        assert!(split_list("").is_empty());
        assert_eq!(split_list("single"), ["single"]);
    }

    #[test]
    fn names_are_unique_and_reports_keep_the_event_fields() {
        let mut names: Vec<_> = EVENT_COLUMNS.iter().map(|c| c.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), EVENT_COLUMNS.len());
        let report: Vec<_> = report_event_columns().map(|c| c.name).collect();
        assert_eq!(report.len(), 23);
        assert_eq!(report.first(), Some(&"event"));
        assert_eq!(report.last(), Some(&"evidence"));
    }
}
