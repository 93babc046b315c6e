//! Flat exports of stored events: one row per event ([`FlatEvent`], [`COLUMNS`]) written
//! as CSV ([`CsvWriter`]) or, with the `parquet` feature, Parquet ([`parquet`]). Lists
//! (codes, contexts, documents, sources) are `|`-joined strings in both
//! ([`dyad_model::flat::join_list`]: a `|` or `\` inside an item is escaped with `\`), so
//! every reader (DuckDB, Polars, Spark, spreadsheets) sees the same columns;
//! `docs/store.md` gives the schema. In CSV, a text cell that a spreadsheet would take
//! for a formula (one starting with `=`, `+`, `-`, `@`, a tab or a carriage return)
//! starts with a `'` (OWASP's advice against CSV injection).

use std::io::Write;

use crate::read::StoredEvent;

/// The columns of a flat export, in order (shared with the Python binding's Arrow
/// batches through [`dyad_model::flat`]).
pub use dyad_model::flat::EVENT_COLUMNS as COLUMNS;

/// One stored event as a flat row.
#[derive(Clone, Debug, PartialEq)]
pub struct FlatEvent {
    pub event_id: i64,
    pub event: String,
    pub mode: Option<String>,
    pub contexts: String,
    pub cameo: String,
    pub goldstein: f64,
    pub quad_class: i32,
    pub actor_codes: String,
    pub actor_sectors: String,
    pub actor_names: String,
    pub recipient_codes: String,
    pub recipient_sectors: String,
    pub recipient_names: String,
    pub date: Option<dyad_model::Date>,
    pub date_end: Option<dyad_model::Date>,
    pub date_precision: Option<String>,
    pub date_text: Option<String>,
    pub location_name: Option<String>,
    pub location_country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub status: String,
    pub num_mentions: i64,
    pub num_sources: i64,
    pub num_articles: i64,
    pub first_seen: Option<dyad_model::Date>,
    pub last_seen: Option<dyad_model::Date>,
    pub documents: String,
    pub sources: String,
    pub trigger: String,
    pub evidence: String,
}

fn join<'a>(items: impl Iterator<Item = &'a str>) -> String {
    dyad_model::flat::join_list(items)
}

impl FlatEvent {
    pub fn from_stored(stored: &StoredEvent) -> FlatEvent {
        let e = &stored.event;
        let side = |refs: &[dyad_model::ActorRef], pick: fn(&dyad_model::ActorRef) -> &str| {
            join(refs.iter().map(pick))
        };
        fn code(a: &dyad_model::ActorRef) -> &str {
            a.code.as_deref().unwrap_or("")
        }
        fn sector(a: &dyad_model::ActorRef) -> &str {
            a.sector.as_deref().unwrap_or("")
        }
        fn name(a: &dyad_model::ActorRef) -> &str {
            a.text.as_str()
        }
        let as_i64 = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
        FlatEvent {
            event_id: e.id.parse().unwrap_or_default(),
            event: e.event.as_str().to_string(),
            mode: e.mode.clone(),
            contexts: join(e.contexts.iter().map(String::as_str)),
            cameo: e.cameo.clone(),
            goldstein: e.goldstein,
            quad_class: i32::from(e.quad_class),
            actor_codes: side(&e.actor, code),
            actor_sectors: side(&e.actor, sector),
            actor_names: side(&e.actor, name),
            recipient_codes: side(&e.recipient, code),
            recipient_sectors: side(&e.recipient, sector),
            recipient_names: side(&e.recipient, name),
            date: e.date,
            date_end: e.date_end,
            date_precision: crate::write::precision_str(e.date_precision).map(str::to_string),
            date_text: e.date_text.clone(),
            location_name: e.location.as_ref().map(|l| l.name.clone()),
            location_country: e.location.as_ref().and_then(|l| l.country.clone()),
            lat: e.location.as_ref().and_then(|l| l.lat),
            lon: e.location.as_ref().and_then(|l| l.lon),
            status: e.status.as_str().to_string(),
            num_mentions: as_i64(stored.num_mentions),
            num_sources: as_i64(stored.num_sources),
            num_articles: as_i64(stored.num_articles),
            first_seen: stored.first_seen,
            last_seen: stored.last_seen,
            documents: join(stored.documents.iter().map(String::as_str)),
            sources: join(stored.sources.iter().map(String::as_str)),
            trigger: e.trigger.text.clone(),
            evidence: e.evidence.clone(),
        }
    }

    /// The row's cells as text, in [`COLUMNS`] order (empty for unknown values).
    pub fn cells(&self) -> [String; 31] {
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        let date = |d: Option<dyad_model::Date>| d.map(|d| d.to_string()).unwrap_or_default();
        let num = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
        [
            self.event_id.to_string(),
            self.event.clone(),
            opt(&self.mode),
            self.contexts.clone(),
            self.cameo.clone(),
            self.goldstein.to_string(),
            self.quad_class.to_string(),
            self.actor_codes.clone(),
            self.actor_sectors.clone(),
            self.actor_names.clone(),
            self.recipient_codes.clone(),
            self.recipient_sectors.clone(),
            self.recipient_names.clone(),
            date(self.date),
            date(self.date_end),
            opt(&self.date_precision),
            opt(&self.date_text),
            opt(&self.location_name),
            opt(&self.location_country),
            num(self.lat),
            num(self.lon),
            self.status.clone(),
            self.num_mentions.to_string(),
            self.num_sources.to_string(),
            self.num_articles.to_string(),
            date(self.first_seen),
            date(self.last_seen),
            self.documents.clone(),
            self.sources.clone(),
            self.trigger.clone(),
            self.evidence.clone(),
        ]
    }
}

/// RFC 4180 CSV: a header line, then one line per event; cells with commas, quotes or
/// line breaks are quoted, and text cells that could start a spreadsheet formula are
/// neutralised ([`neutralised`]).
pub struct CsvWriter<W: Write> {
    out: W,
}

fn csv_cell(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains([',', '"', '\n', '\r']) {
        std::borrow::Cow::Owned(format!("\"{}\"", text.replace('"', "\"\"")))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// A text cell as a spreadsheet may open it: one starting with a character that makes a
/// formula (`=`, `+`, `-`, `@`, a tab, a carriage return) gets a leading `'`, so that it
/// is shown as text and never run (OWASP, CSV injection). Numbers and dates are not text
/// cells: a negative Goldstein score stays a number.
fn neutralised(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

impl<W: Write> CsvWriter<W> {
    /// Writes the header.
    pub fn new(mut out: W) -> std::io::Result<CsvWriter<W>> {
        let header: Vec<&str> = COLUMNS.iter().map(|c| c.name).collect();
        out.write_all(header.join(",").as_bytes())?;
        out.write_all(b"\r\n")?;
        Ok(CsvWriter { out })
    }

    pub fn write(&mut self, row: &FlatEvent) -> std::io::Result<()> {
        let cells = row.cells();
        let line: Vec<_> = cells
            .iter()
            .zip(COLUMNS)
            .map(|(cell, column)| match column.kind {
                dyad_model::flat::ColumnType::Text => csv_cell(&neutralised(cell)).into_owned(),
                _ => csv_cell(cell).into_owned(),
            })
            .collect();
        self.out.write_all(line.join(",").as_bytes())?;
        self.out.write_all(b"\r\n")
    }

    pub fn finish(mut self) -> std::io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

#[cfg(feature = "parquet")]
pub mod parquet {
    //! Parquet export (feature `parquet`): the [`super::COLUMNS`] as typed columns (dates
    //! as `DATE`, counts as `INT64`, coordinates as `DOUBLE`), zstd-compressed, in row
    //! groups of [`BATCH_ROWS`].

    use std::io::Write;
    use std::sync::Arc;

    use arrow_array::builder::{
        Date32Builder, Float64Builder, Int32Builder, Int64Builder, StringBuilder,
    };
    use arrow_array::{ArrayRef, RecordBatch};
    use arrow_schema::{DataType, Field, Schema, SchemaRef};
    use parquet::arrow::ArrowWriter;
    use parquet::basic::{Compression, ZstdLevel};
    use parquet::file::properties::WriterProperties;

    use dyad_model::flat::ColumnType;

    use super::FlatEvent;
    use crate::StoreError;

    /// Rows buffered per record batch.
    pub const BATCH_ROWS: usize = 8192;

    /// The Arrow type of a flat column.
    pub fn arrow_type(kind: ColumnType) -> DataType {
        match kind {
            ColumnType::Text => DataType::Utf8,
            ColumnType::Date => DataType::Date32,
            ColumnType::Int32 => DataType::Int32,
            ColumnType::Int64 => DataType::Int64,
            ColumnType::Float64 => DataType::Float64,
        }
    }

    /// The Arrow schema of the export.
    pub fn schema() -> SchemaRef {
        Arc::new(Schema::new(
            super::COLUMNS
                .iter()
                .map(|c| Field::new(c.name, arrow_type(c.kind), c.nullable))
                .collect::<Vec<_>>(),
        ))
    }

    fn days(date: Option<dyad_model::Date>) -> Option<i32> {
        let epoch = dyad_model::Date::constant(1970, 1, 1);
        date.and_then(|d| epoch.until(d).ok())
            .map(|span| span.get_days())
    }

    fn pq(e: parquet::errors::ParquetError) -> StoreError {
        StoreError::Invalid(format!("parquet: {e}"))
    }

    fn arrow(e: arrow_schema::ArrowError) -> StoreError {
        StoreError::Invalid(format!("arrow: {e}"))
    }

    /// Writes flat rows as one Parquet file.
    pub struct ParquetWriter<W: Write + Send> {
        writer: ArrowWriter<W>,
        rows: Vec<FlatEvent>,
        schema: SchemaRef,
    }

    impl<W: Write + Send> ParquetWriter<W> {
        pub fn new(out: W) -> Result<ParquetWriter<W>, StoreError> {
            let schema = schema();
            let props = WriterProperties::builder()
                .set_compression(Compression::ZSTD(ZstdLevel::default()))
                .build();
            let writer = ArrowWriter::try_new(out, schema.clone(), Some(props)).map_err(pq)?;
            Ok(ParquetWriter {
                writer,
                rows: Vec::with_capacity(BATCH_ROWS),
                schema,
            })
        }

        pub fn write(&mut self, row: FlatEvent) -> Result<(), StoreError> {
            self.rows.push(row);
            if self.rows.len() >= BATCH_ROWS {
                self.flush_rows()?;
            }
            Ok(())
        }

        fn flush_rows(&mut self) -> Result<(), StoreError> {
            if self.rows.is_empty() {
                return Ok(());
            }
            let rows = std::mem::take(&mut self.rows);
            let mut columns: Vec<ArrayRef> = Vec::with_capacity(super::COLUMNS.len());
            for (i, column) in super::COLUMNS.iter().enumerate() {
                let array: ArrayRef = match column.kind {
                    ColumnType::Int64 => {
                        let mut b = Int64Builder::with_capacity(rows.len());
                        for r in &rows {
                            b.append_value(match column.name {
                                "event_id" => r.event_id,
                                "num_mentions" => r.num_mentions,
                                "num_sources" => r.num_sources,
                                _ => r.num_articles,
                            });
                        }
                        Arc::new(b.finish())
                    }
                    ColumnType::Int32 => {
                        let mut b = Int32Builder::with_capacity(rows.len());
                        rows.iter().for_each(|r| b.append_value(r.quad_class));
                        Arc::new(b.finish())
                    }
                    ColumnType::Float64 => {
                        let mut b = Float64Builder::with_capacity(rows.len());
                        for r in &rows {
                            b.append_option(match column.name {
                                "goldstein" => Some(r.goldstein),
                                "lat" => r.lat,
                                _ => r.lon,
                            });
                        }
                        Arc::new(b.finish())
                    }
                    ColumnType::Date => {
                        let mut b = Date32Builder::with_capacity(rows.len());
                        for r in &rows {
                            b.append_option(days(match column.name {
                                "date" => r.date,
                                "date_end" => r.date_end,
                                "first_seen" => r.first_seen,
                                _ => r.last_seen,
                            }));
                        }
                        Arc::new(b.finish())
                    }
                    ColumnType::Text => {
                        let nullable = column.nullable;
                        let mut b = StringBuilder::with_capacity(rows.len(), rows.len() * 16);
                        for r in &rows {
                            let cells = r.cells();
                            let cell = cells.get(i).map(String::as_str).unwrap_or_default();
                            if nullable && cell.is_empty() {
                                b.append_null();
                            } else {
                                b.append_value(cell);
                            }
                        }
                        Arc::new(b.finish())
                    }
                };
                columns.push(array);
            }
            let batch = RecordBatch::try_new(self.schema.clone(), columns).map_err(arrow)?;
            self.writer.write(&batch).map_err(pq)
        }

        /// Writes the buffered rows and the footer.
        pub fn finish(mut self) -> Result<(), StoreError> {
            self.flush_rows()?;
            self.writer.close().map_err(pq)?;
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_formulas_cannot_break_a_csv_row() {
        use dyad_model::testing::{event, extraction, EventFixture};
        use dyad_model::EventType;
        let mut store = crate::Store::open_in_memory().unwrap();
        let evidence = "=HYPERLINK(\"http://evil.example\",\"click\")";
        for (id, outlet) in [("a", "Reuters | Europe"), ("b", "@wire"), ("c", "AP")] {
            let protest = event(EventType::Protest, &["UKR"], &["RUS"])
                .with_cameo("141", -6.5, 3)
                .on("2024-05-01")
                .with_evidence(evidence);
            let x = extraction(id, outlet, "2024-05-02", evidence, vec![protest]);
            store.add(&x).unwrap();
        }
        let mut csv = CsvWriter::new(Vec::new()).unwrap();
        store
            .for_each_event(&crate::EventQuery::default(), |e| {
                let row = FlatEvent::from_stored(&e);
                assert_eq!(
                    dyad_model::flat::split_list(&row.sources),
                    ["Reuters | Europe", "@wire", "AP"]
                );
                csv.write(&row)
                    .map_err(|e| crate::StoreError::Invalid(e.to_string()))
            })
            .unwrap();
        let text = String::from_utf8(csv.finish().unwrap()).unwrap();
        let row = text.lines().nth(1).unwrap();
        assert!(row.contains(",Reuters \\| Europe|@wire|AP,"), "{row}");
        assert!(row.contains(",\"'=HYPERLINK(\"\"http"), "{row}");
        // A number keeps its sign: the Goldstein score is no text cell.
        assert!(row.contains(",-6.5,3,"), "{row}");
        // A cell that starts a list with a formula character is neutralised too.
        assert_eq!(neutralised("@wire|AP"), "'@wire|AP");
        assert_eq!(neutralised("-1 killed"), "'-1 killed");
        assert_eq!(neutralised("\tx"), "'\tx");
        assert_eq!(neutralised("Reuters"), "Reuters");
    }

    #[test]
    fn csv_cells_are_quoted_when_needed() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\"\n"), "\"say \"\"hi\"\"\n\"");
    }
}
