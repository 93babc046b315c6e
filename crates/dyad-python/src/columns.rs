//! Arrow schemas and record-batch builders of the binding's three tables:
//!
//! - documents ([`document_schema`]): one row per document, its events nested in the
//!   `events` list column (one Spark `mapInArrow` pass yields both tables);
//! - reports ([`report_fields`]): one row per event of one document (`dyad extract`'s
//!   events), with the store's flat export columns (`docs/store.md`: same names, same
//!   types) plus the document's keys, the merge block and the event's contract JSON;
//! - merged events ([`merged_schema`]): exactly the store's flat export columns (one row
//!   per happening, counts over reports) plus `block` and `anchor`.
//!
//! List values (codes, sectors, names, contexts, documents, sources, links) are
//! `|`-joined strings (`dyad_model::flat::join_list`: `|` and `\` inside an item escaped
//! with `\`), as in the store's CSV and Parquet exports. Dates are `Date32`.

use std::borrow::Cow;
use std::sync::Arc;

use arrow_array::builder::{
    Date32Builder, Float64Builder, Int32Builder, Int64Builder, StringBuilder,
};
use arrow_array::{ArrayRef, ListArray, RecordBatch, StructArray};
use arrow_buffer::OffsetBuffer;
use arrow_schema::{DataType, Field, Fields, Schema, SchemaRef};
use dyad_model::{ActorRef, Date, DatePrecision, Document, Event};

use crate::extract::Extracted;
use crate::BindingError;

/// One column: name, value type, nullability (the store's flat export columns come from
/// [`dyad_model::flat`], so the two cannot drift apart).
pub use dyad_model::flat::Column;
use dyad_model::flat::ColumnType::{self, Date as Date32, Float64, Int32, Int64, Text as Utf8};

fn data_type(kind: ColumnType) -> DataType {
    match kind {
        ColumnType::Text => DataType::Utf8,
        ColumnType::Date => DataType::Date32,
        ColumnType::Int32 => DataType::Int32,
        ColumnType::Int64 => DataType::Int64,
        ColumnType::Float64 => DataType::Float64,
    }
}

const fn col(name: &'static str, kind: ColumnType, nullable: bool) -> Column {
    Column {
        name,
        kind,
        nullable,
    }
}

/// Columns of a report before the shared event columns.
const REPORT_KEYS: [Column; 9] = [
    col("doc_id", Utf8, false),
    col("report_id", Utf8, false),
    col("ordinal", Int32, false),
    col("published", Date32, true),
    col("anchor", Date32, true),
    col("url", Utf8, true),
    col("source", Utf8, true),
    col("outlet", Utf8, true),
    col("block", Utf8, false),
];

/// Columns of a report after the shared event columns.
const REPORT_EXTRAS: [Column; 5] = [
    col("sentence", Int32, false),
    col("trigger_start", Int64, false),
    col("trigger_end", Int64, false),
    col("links", Utf8, false),
    col("event_json", Utf8, false),
];

/// Columns of a document (before the nested `events`).
pub const DOCUMENT_COLUMNS: [Column; 16] = [
    col("doc_id", Utf8, false),
    col("url", Utf8, true),
    col("title", Utf8, true),
    col("published", Date32, true),
    col("source", Utf8, true),
    col("author", Utf8, true),
    col("language", Utf8, true),
    col("text", Utf8, false),
    col("duplicate_of", Utf8, true),
    col("input", Utf8, false),
    col("record", Int64, false),
    col("num_entities", Int32, false),
    col("num_events", Int32, false),
    col("simhash", Int64, true),
    col("removed_json", Utf8, true),
    col("entities_json", Utf8, false),
];

/// The store's flat export columns ([`dyad_model::flat::EVENT_COLUMNS`]), then `block` and
/// `anchor`.
pub fn merged_columns() -> Vec<Column> {
    dyad_model::flat::EVENT_COLUMNS
        .into_iter()
        .chain([col("block", Utf8, false), col("anchor", Date32, true)])
        .collect()
}

/// Every report column, in order.
pub fn report_columns() -> Vec<Column> {
    REPORT_KEYS
        .into_iter()
        .chain(dyad_model::flat::report_event_columns())
        .chain(REPORT_EXTRAS)
        .collect()
}

fn fields(columns: &[Column]) -> Fields {
    columns
        .iter()
        .map(|c| Field::new(c.name, data_type(c.kind), c.nullable))
        .collect()
}

/// The fields of a report row.
pub fn report_fields() -> Fields {
    fields(&report_columns())
}

/// The schema of a flat reports batch.
pub fn report_schema() -> SchemaRef {
    Arc::new(Schema::new(report_fields()))
}

fn events_field() -> Field {
    Field::new(
        "events",
        DataType::List(Arc::new(Field::new(
            "item",
            DataType::Struct(report_fields()),
            true,
        ))),
        false,
    )
}

/// The schema of a documents batch: [`DOCUMENT_COLUMNS`] and the nested `events`.
pub fn document_schema() -> SchemaRef {
    let mut all: Vec<Field> = fields(&DOCUMENT_COLUMNS)
        .iter()
        .map(|f| f.as_ref().clone())
        .collect();
    all.push(events_field());
    Arc::new(Schema::new(all))
}

/// The schema of merged events.
pub fn merged_schema() -> SchemaRef {
    Arc::new(Schema::new(fields(&merged_columns())))
}

/// A cell of a row.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell<'a> {
    Text(Option<Cow<'a, str>>),
    Day(Option<Date>),
    Int(Option<i64>),
    Real(Option<f64>),
}

impl<'a> Cell<'a> {
    pub fn text(value: &'a str) -> Cell<'a> {
        Cell::Text(Some(Cow::Borrowed(value)))
    }

    pub fn opt_text(value: Option<&'a str>) -> Cell<'a> {
        Cell::Text(value.map(Cow::Borrowed))
    }

    pub fn owned(value: String) -> Cell<'a> {
        Cell::Text(Some(Cow::Owned(value)))
    }
}

enum Builder {
    Utf8(StringBuilder),
    Date32(Date32Builder),
    Int32(Int32Builder),
    Int64(Int64Builder),
    Float64(Float64Builder),
}

/// Days since 1970-01-01 (Arrow's `Date32`).
pub fn days(date: Date) -> i32 {
    let epoch = Date::constant(1970, 1, 1);
    epoch
        .until(date)
        .map(|span| span.get_days())
        .unwrap_or_default()
}

/// The date `days` after 1970-01-01.
pub fn from_days(days: i32) -> Option<Date> {
    Date::constant(1970, 1, 1)
        .checked_add(jiff::Span::new().days(i64::from(days)))
        .ok()
}

/// Builds the arrays of one table, row by row.
pub struct Columns {
    columns: Vec<Column>,
    builders: Vec<Builder>,
}

impl Columns {
    pub fn new(columns: &[Column]) -> Columns {
        let builders = columns
            .iter()
            .map(|c| match c.kind {
                Utf8 => Builder::Utf8(StringBuilder::new()),
                Date32 => Builder::Date32(Date32Builder::new()),
                Int32 => Builder::Int32(Int32Builder::new()),
                Int64 => Builder::Int64(Int64Builder::new()),
                Float64 => Builder::Float64(Float64Builder::new()),
            })
            .collect();
        Columns {
            columns: columns.to_vec(),
            builders,
        }
    }

    /// Appends one row. A cell of the wrong type, a missing cell or a null in a
    /// non-nullable column is an error naming the column.
    pub fn push(&mut self, row: Vec<Cell<'_>>) -> Result<(), BindingError> {
        if row.len() != self.builders.len() {
            return Err(BindingError::Column(format!(
                "row of {} cells for {} columns",
                row.len(),
                self.builders.len()
            )));
        }
        // Check the whole row first so that a bad row leaves the columns aligned.
        for (column, cell) in self.columns.iter().zip(&row) {
            let present = match cell {
                Cell::Text(v) => v.is_some(),
                Cell::Day(v) => v.is_some(),
                Cell::Int(v) => v.is_some(),
                Cell::Real(v) => v.is_some(),
            };
            let typed = matches!(
                (cell, column.kind),
                (Cell::Text(_), Utf8)
                    | (Cell::Day(_), Date32)
                    | (Cell::Int(_), Int32 | Int64)
                    | (Cell::Real(_), Float64)
            );
            if !typed || !(present || column.nullable) {
                return Err(BindingError::Column(format!(
                    "{}: null or wrong cell type",
                    column.name
                )));
            }
        }
        for (builder, cell) in self.builders.iter_mut().zip(row) {
            match (builder, cell) {
                (Builder::Utf8(b), Cell::Text(v)) => b.append_option(v),
                (Builder::Date32(b), Cell::Day(v)) => b.append_option(v.map(days)),
                (Builder::Int32(b), Cell::Int(v)) => {
                    b.append_option(v.map(|n| i32::try_from(n).unwrap_or(i32::MAX)))
                }
                (Builder::Int64(b), Cell::Int(v)) => b.append_option(v),
                (Builder::Float64(b), Cell::Real(v)) => b.append_option(v),
                // Checked above.
                _ => {}
            }
        }
        Ok(())
    }

    /// The built arrays (the builders are left empty).
    pub fn finish(&mut self) -> Vec<ArrayRef> {
        self.builders
            .iter_mut()
            .map(|b| -> ArrayRef {
                match b {
                    Builder::Utf8(b) => Arc::new(b.finish()),
                    Builder::Date32(b) => Arc::new(b.finish()),
                    Builder::Int32(b) => Arc::new(b.finish()),
                    Builder::Int64(b) => Arc::new(b.finish()),
                    Builder::Float64(b) => Arc::new(b.finish()),
                }
            })
            .collect()
    }
}

fn join<'a>(items: impl Iterator<Item = &'a str>) -> String {
    dyad_model::flat::join_list(items)
}

pub(crate) fn side(refs: &[ActorRef], pick: fn(&ActorRef) -> &str) -> String {
    join(refs.iter().map(pick))
}

pub(crate) fn code(a: &ActorRef) -> &str {
    a.code.as_deref().unwrap_or("")
}

pub(crate) fn sector(a: &ActorRef) -> &str {
    a.sector.as_deref().unwrap_or("")
}

pub(crate) fn name(a: &ActorRef) -> &str {
    a.text.as_str()
}

/// A date precision's name (`day`, `month`, `year`).
pub fn precision_str(precision: Option<DatePrecision>) -> Option<&'static str> {
    precision.map(|p| match p {
        DatePrecision::Day => "day",
        DatePrecision::Month => "month",
        DatePrecision::Year => "year",
    })
}

/// The shared event columns of one event ([`dyad_model::flat::report_event_columns`] order).
fn event_cells(e: &Event) -> Vec<Cell<'_>> {
    let location = e.location.as_ref();
    vec![
        Cell::text(e.event.as_str()),
        Cell::opt_text(e.mode.as_deref()),
        Cell::owned(join(e.contexts.iter().map(String::as_str))),
        Cell::text(&e.cameo),
        Cell::Real(Some(e.goldstein)),
        Cell::Int(Some(i64::from(e.quad_class))),
        Cell::owned(side(&e.actor, code)),
        Cell::owned(side(&e.actor, sector)),
        Cell::owned(side(&e.actor, name)),
        Cell::owned(side(&e.recipient, code)),
        Cell::owned(side(&e.recipient, sector)),
        Cell::owned(side(&e.recipient, name)),
        Cell::Day(e.date),
        Cell::Day(e.date_end),
        Cell::opt_text(precision_str(e.date_precision)),
        Cell::opt_text(e.date_text.as_deref()),
        Cell::opt_text(location.map(|l| l.name.as_str())),
        Cell::opt_text(location.and_then(|l| l.country.as_deref())),
        Cell::Real(location.and_then(|l| l.lat)),
        Cell::Real(location.and_then(|l| l.lon)),
        Cell::text(e.status.as_str()),
        Cell::text(&e.trigger.text),
        Cell::text(&e.evidence),
    ]
}

/// One report row ([`report_columns`] order): event `ordinal` of `doc`.
pub fn report_cells<'a>(
    doc: &'a Document,
    ordinal: usize,
    e: &'a Event,
) -> Result<Vec<Cell<'a>>, BindingError> {
    let happening = dyad_merge::Happening::from_event(e, doc.published);
    let outlet = dyad_merge::outlet(doc.source.as_deref(), doc.url.as_deref());
    let event_json = serde_json::to_string(e).map_err(|err| BindingError::EventJson {
        row: ordinal,
        message: err.to_string(),
    })?;
    let mut row = vec![
        Cell::text(&doc.id),
        Cell::text(&e.id),
        Cell::Int(Some(i64::try_from(ordinal).unwrap_or(i64::MAX))),
        Cell::Day(doc.published),
        Cell::Day(happening.anchor()),
        Cell::opt_text(doc.url.as_deref()),
        Cell::opt_text(doc.source.as_deref()),
        Cell::Text(outlet.map(Cow::Owned)),
        Cell::owned(happening.blocking_key()),
    ];
    row.extend(event_cells(e));
    row.extend([
        Cell::Int(Some(i64::try_from(e.sentence).unwrap_or(i64::MAX))),
        Cell::Int(Some(i64::try_from(e.trigger.start).unwrap_or(i64::MAX))),
        Cell::Int(Some(i64::try_from(e.trigger.end).unwrap_or(i64::MAX))),
        Cell::owned(join(e.links.iter().map(String::as_str))),
        Cell::owned(event_json),
    ]);
    Ok(row)
}

fn document_cells(extracted: &Extracted) -> Result<Vec<Cell<'_>>, BindingError> {
    let x = &extracted.extraction;
    let d = &x.doc;
    let json = |v: Result<String, serde_json::Error>| {
        v.map_err(|err| BindingError::EventJson {
            row: 0,
            message: err.to_string(),
        })
    };
    let removed = if x.removed.is_empty() {
        None
    } else {
        Some(json(serde_json::to_string(&x.removed))?)
    };
    Ok(vec![
        Cell::text(&d.id),
        Cell::opt_text(d.url.as_deref()),
        Cell::opt_text(d.title.as_deref()),
        Cell::Day(d.published),
        Cell::opt_text(d.source.as_deref()),
        Cell::opt_text(d.author.as_deref()),
        Cell::opt_text(d.language.as_deref()),
        Cell::text(&d.text),
        Cell::opt_text(d.duplicate_of.as_deref()),
        Cell::text(&extracted.input),
        Cell::Int(Some(i64::try_from(extracted.record).unwrap_or(i64::MAX))),
        Cell::Int(Some(x.entities.len() as i64)),
        Cell::Int(Some(x.events.len() as i64)),
        Cell::Int(dyad_merge::simhash(&d.text).map(|h| h as i64)),
        Cell::Text(removed.map(Cow::Owned)),
        Cell::owned(json(serde_json::to_string(&x.entities))?),
    ])
}

/// A documents batch ([`document_schema`]) of extractions, events nested.
pub fn documents_batch(extracted: &[Extracted]) -> Result<RecordBatch, BindingError> {
    let mut docs = Columns::new(&DOCUMENT_COLUMNS);
    let mut reports = Columns::new(&report_columns());
    let mut offsets = Vec::with_capacity(extracted.len());
    for item in extracted {
        docs.push(document_cells(item)?)?;
        let doc = &item.extraction.doc;
        for (ordinal, event) in item.extraction.events.iter().enumerate() {
            reports.push(report_cells(doc, ordinal, event)?)?;
        }
        offsets.push(item.extraction.events.len());
    }
    let events = StructArray::try_new(report_fields(), reports.finish(), None)?;
    let item = Arc::new(Field::new("item", DataType::Struct(report_fields()), true));
    let list = ListArray::try_new(
        item,
        OffsetBuffer::from_lengths(offsets),
        Arc::new(events),
        None,
    )?;
    let mut arrays = docs.finish();
    arrays.push(Arc::new(list));
    Ok(RecordBatch::try_new(document_schema(), arrays)?)
}

/// A flat reports batch ([`report_schema`]): every event of the extractions.
pub fn reports_batch(extracted: &[Extracted]) -> Result<RecordBatch, BindingError> {
    let mut reports = Columns::new(&report_columns());
    for item in extracted {
        let doc = &item.extraction.doc;
        for (ordinal, event) in item.extraction.events.iter().enumerate() {
            reports.push(report_cells(doc, ordinal, event)?)?;
        }
    }
    Ok(RecordBatch::try_new(report_schema(), reports.finish())?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{extract_bytes, Options};
    use arrow_array::{Array, Date32Array, StringArray};

    fn sample() -> Vec<Extracted> {
        let pipeline = dyad_core::Pipeline::embedded().unwrap();
        let input = b"{\"id\":\"a\",\"text\":\"Russian Defence Minister Andrei Belousov met North Korean leader Kim Jong Un in Pyongyang on Friday.\",\"published\":\"2024-12-01\",\"url\":\"https://www.example.com/a\"}\n\
            {\"id\":\"b\",\"text\":\"Nothing happened here at all.\"}\n";
        extract_bytes(&pipeline, "x.jsonl", input, &Options::default()).0
    }

    #[test]
    fn dates_round_trip_through_days() {
        let date: Date = "2024-12-01".parse().unwrap();
        assert_eq!(days(Date::constant(1970, 1, 2)), 1);
        assert_eq!(from_days(days(date)), Some(date));
        assert_eq!(from_days(-1), Some(Date::constant(1969, 12, 31)));
    }

    #[test]
    fn merged_columns_are_the_store_export_columns_then_block_and_anchor() {
        let names: Vec<_> = merged_columns().iter().map(|c| c.name).collect();
        assert_eq!(names.first(), Some(&"event_id"));
        assert_eq!(names[30], "evidence");
        assert_eq!(&names[31..], ["block", "anchor"]);
    }

    #[test]
    fn documents_nest_their_events_and_reports_flatten_them() {
        let extracted = sample();
        assert_eq!(extracted.len(), 2);
        let batch = documents_batch(&extracted).unwrap();
        assert_eq!(batch.num_rows(), 2);
        assert_eq!(batch.schema(), document_schema());
        let events = batch
            .column_by_name("events")
            .unwrap()
            .as_any()
            .downcast_ref::<ListArray>()
            .unwrap();
        let first = extracted[0].extraction.events.len();
        assert!(first >= 1, "{:?}", extracted[0].extraction.events);
        assert_eq!(events.value_length(0) as usize, first);
        let reports = reports_batch(&extracted).unwrap();
        assert_eq!(
            reports.num_rows(),
            extracted
                .iter()
                .map(|e| e.extraction.events.len())
                .sum::<usize>()
        );
        let outlet = reports
            .column_by_name("outlet")
            .unwrap()
            .as_any()
            .downcast_ref::<StringArray>()
            .unwrap();
        assert_eq!(outlet.value(0), "example.com");
        let published = reports
            .column_by_name("published")
            .unwrap()
            .as_any()
            .downcast_ref::<Date32Array>()
            .unwrap();
        assert_eq!(
            from_days(published.value(0)),
            Some("2024-12-01".parse().unwrap())
        );
        let json = reports
            .column_by_name("event_json")
            .unwrap()
            .as_any()
            .downcast_ref::<StringArray>()
            .unwrap();
        let back: Event = serde_json::from_str(json.value(0)).unwrap();
        assert_eq!(&back, &extracted[0].extraction.events[0]);
        assert!(!json.is_null(0));
    }

    #[test]
    fn bad_rows_are_errors_not_panics() {
        let mut columns = Columns::new(&[col("x", Utf8, false)]);
        assert!(columns.push(vec![Cell::Text(None)]).is_err());
        assert!(columns.push(vec![Cell::Int(Some(1))]).is_err());
        assert!(columns.push(vec![]).is_err());
        assert!(columns.push(vec![Cell::text("ok")]).is_ok());
    }
}
