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
//! `|`-joined strings, as in the store's CSV and Parquet exports. Dates are `Date32`.

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

/// The Arrow type of a column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Utf8,
    Date32,
    Int32,
    Int64,
    Float64,
}

impl Kind {
    fn data_type(self) -> DataType {
        match self {
            Kind::Utf8 => DataType::Utf8,
            Kind::Date32 => DataType::Date32,
            Kind::Int32 => DataType::Int32,
            Kind::Int64 => DataType::Int64,
            Kind::Float64 => DataType::Float64,
        }
    }
}

/// One column: name, type, nullable.
pub type Column = (&'static str, Kind, bool);

use Kind::{Date32, Float64, Int32, Int64, Utf8};

/// The event columns shared with the store's flat export (same names and types), in the
/// export's order, without its merge-only columns.
const EVENT_COLUMNS: [Column; 23] = [
    ("event", Utf8, false),
    ("mode", Utf8, true),
    ("contexts", Utf8, false),
    ("cameo", Utf8, false),
    ("goldstein", Float64, false),
    ("quad_class", Int32, false),
    ("actor_codes", Utf8, false),
    ("actor_sectors", Utf8, false),
    ("actor_names", Utf8, false),
    ("recipient_codes", Utf8, false),
    ("recipient_sectors", Utf8, false),
    ("recipient_names", Utf8, false),
    ("date", Date32, true),
    ("date_end", Date32, true),
    ("date_precision", Utf8, true),
    ("date_text", Utf8, true),
    ("location_name", Utf8, true),
    ("location_country", Utf8, true),
    ("lat", Float64, true),
    ("lon", Float64, true),
    ("status", Utf8, false),
    ("trigger", Utf8, false),
    ("evidence", Utf8, false),
];

/// Columns of a report before the shared event columns.
const REPORT_KEYS: [Column; 9] = [
    ("doc_id", Utf8, false),
    ("report_id", Utf8, false),
    ("ordinal", Int32, false),
    ("published", Date32, true),
    ("anchor", Date32, true),
    ("url", Utf8, true),
    ("source", Utf8, true),
    ("outlet", Utf8, true),
    ("block", Utf8, false),
];

/// Columns of a report after the shared event columns.
const REPORT_EXTRAS: [Column; 5] = [
    ("sentence", Int32, false),
    ("trigger_start", Int64, false),
    ("trigger_end", Int64, false),
    ("links", Utf8, false),
    ("event_json", Utf8, false),
];

/// Columns of a document (before the nested `events`).
pub const DOCUMENT_COLUMNS: [Column; 16] = [
    ("doc_id", Utf8, false),
    ("url", Utf8, true),
    ("title", Utf8, true),
    ("published", Date32, true),
    ("source", Utf8, true),
    ("author", Utf8, true),
    ("language", Utf8, true),
    ("text", Utf8, false),
    ("duplicate_of", Utf8, true),
    ("input", Utf8, false),
    ("record", Int64, false),
    ("num_entities", Int32, false),
    ("num_events", Int32, false),
    ("simhash", Int64, true),
    ("removed_json", Utf8, true),
    ("entities_json", Utf8, false),
];

/// The store's flat export columns (`dyad_store::export::COLUMNS`, `docs/store.md`) with
/// their Parquet types, then `block` and `anchor`.
pub const MERGED_COLUMNS: [Column; 33] = [
    ("event_id", Int64, false),
    ("event", Utf8, false),
    ("mode", Utf8, true),
    ("contexts", Utf8, false),
    ("cameo", Utf8, false),
    ("goldstein", Float64, false),
    ("quad_class", Int32, false),
    ("actor_codes", Utf8, false),
    ("actor_sectors", Utf8, false),
    ("actor_names", Utf8, false),
    ("recipient_codes", Utf8, false),
    ("recipient_sectors", Utf8, false),
    ("recipient_names", Utf8, false),
    ("date", Date32, true),
    ("date_end", Date32, true),
    ("date_precision", Utf8, true),
    ("date_text", Utf8, true),
    ("location_name", Utf8, true),
    ("location_country", Utf8, true),
    ("lat", Float64, true),
    ("lon", Float64, true),
    ("status", Utf8, false),
    ("num_mentions", Int64, false),
    ("num_sources", Int64, false),
    ("num_articles", Int64, false),
    ("first_seen", Date32, true),
    ("last_seen", Date32, true),
    ("documents", Utf8, false),
    ("sources", Utf8, false),
    ("trigger", Utf8, false),
    ("evidence", Utf8, false),
    ("block", Utf8, false),
    ("anchor", Date32, true),
];

/// Every report column, in order.
pub fn report_columns() -> Vec<Column> {
    REPORT_KEYS
        .iter()
        .chain(EVENT_COLUMNS.iter())
        .chain(REPORT_EXTRAS.iter())
        .copied()
        .collect()
}

fn fields(columns: &[Column]) -> Fields {
    columns
        .iter()
        .map(|(name, kind, nullable)| Field::new(*name, kind.data_type(), *nullable))
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
    Arc::new(Schema::new(fields(&MERGED_COLUMNS)))
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
            .map(|(_, kind, _)| match kind {
                Kind::Utf8 => Builder::Utf8(StringBuilder::new()),
                Kind::Date32 => Builder::Date32(Date32Builder::new()),
                Kind::Int32 => Builder::Int32(Int32Builder::new()),
                Kind::Int64 => Builder::Int64(Int64Builder::new()),
                Kind::Float64 => Builder::Float64(Float64Builder::new()),
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
        for ((name, kind, nullable), cell) in self.columns.iter().zip(&row) {
            let fits = match cell {
                Cell::Text(v) => *kind == Kind::Utf8 && (v.is_some() || *nullable),
                Cell::Day(v) => *kind == Kind::Date32 && (v.is_some() || *nullable),
                Cell::Int(v) => {
                    matches!(kind, Kind::Int32 | Kind::Int64) && (v.is_some() || *nullable)
                }
                Cell::Real(v) => *kind == Kind::Float64 && (v.is_some() || *nullable),
            };
            if !fits {
                return Err(BindingError::Column(format!(
                    "{name}: null or wrong cell type"
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
    items.collect::<Vec<_>>().join("|")
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

/// The shared event columns of one event ([`EVENT_COLUMNS`] order).
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
    fn merged_columns_are_the_store_export_columns() {
        let names: Vec<_> = MERGED_COLUMNS.iter().map(|c| c.0).collect();
        assert_eq!(names[..31].first(), Some(&"event_id"));
        assert_eq!(names[30], "evidence");
        // Every shared event column has the store's name and type.
        for column in EVENT_COLUMNS {
            assert!(MERGED_COLUMNS.contains(&column), "{column:?}");
        }
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
        let mut columns = Columns::new(&[("x", Kind::Utf8, false)]);
        assert!(columns.push(vec![Cell::Text(None)]).is_err());
        assert!(columns.push(vec![Cell::Int(Some(1))]).is_err());
        assert!(columns.push(vec![]).is_err());
        assert!(columns.push(vec![Cell::text("ok")]).is_ok());
    }
}
