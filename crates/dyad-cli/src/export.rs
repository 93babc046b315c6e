//! `dyad export`: writes the store's merged events (all of them, or those a query selects)
//! as PLOVER JSON lines, GDELT 2.0 event rows, CSV or Parquet, to `--output` or standard
//! output. Every format carries the store's counts: PLOVER records gain `num_mentions`,
//! `num_sources`, `num_articles`, `first_seen`, `last_seen`, `documents` and `sources`;
//! GDELT rows carry them in `NumMentions`, `NumSources`, `NumArticles` with the store's
//! event id as `GLOBALEVENTID`. CSV and Parquet share the flat schema of
//! `dyad_store::export` (see docs/store.md). Parquet needs a build with the `parquet`
//! feature (`cargo build --release --features parquet`).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, ValueEnum};
use dyad_cli::format::{gdelt, plover};
use dyad_model::{Document, Extraction};
use dyad_store::export::{CsvWriter, FlatEvent};
use dyad_store::{Store, StoreError, StoredEvent};

use crate::events::{open_existing, DbArg, QueryArgs};

/// The export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Plover,
    Gdelt,
    Csv,
    Parquet,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    #[command(flatten)]
    db: DbArg,
    /// Output format.
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// Output file (default: standard output).
    #[arg(long, short, value_name = "PATH")]
    output: Option<PathBuf>,
    /// At most N events.
    #[arg(long, value_name = "N", value_parser = crate::parse_limit, allow_negative_numbers = true)]
    limit: Option<usize>,
    #[command(flatten)]
    query: QueryArgs,
}

fn io_error(e: std::io::Error) -> StoreError {
    StoreError::Invalid(format!("writing: {e}"))
}

/// The extraction a stored event reads as: its representative document and the event.
fn as_extraction(store: &Store, event: &StoredEvent) -> Result<Extraction, StoreError> {
    let doc = store
        .document(event.representative_document)?
        .unwrap_or_else(|| Document {
            id: event.documents.first().cloned().unwrap_or_default(),
            ..Document::default()
        });
    Ok(Extraction {
        doc,
        entities: vec![],
        events: vec![event.event.clone()],
        removed: vec![],
    })
}

fn plover_line(store: &Store, event: &StoredEvent) -> Result<serde_json::Value, StoreError> {
    let extraction = as_extraction(store, event)?;
    let mut value = serde_json::to_value(plover::record(&extraction, &event.event))?;
    if let Some(map) = value.as_object_mut() {
        map.insert("num_mentions".into(), event.num_mentions.into());
        map.insert("num_sources".into(), event.num_sources.into());
        map.insert("num_articles".into(), event.num_articles.into());
        map.insert("first_seen".into(), serde_json::to_value(event.first_seen)?);
        map.insert("last_seen".into(), serde_json::to_value(event.last_seen)?);
        map.insert("documents".into(), serde_json::to_value(&event.documents)?);
        map.insert("sources".into(), serde_json::to_value(&event.sources)?);
    }
    Ok(value)
}

fn gdelt_row(
    store: &Store,
    event: &StoredEvent,
    date_added: &str,
    cameo: &gdelt::CameoCodes,
) -> Result<Vec<String>, StoreError> {
    let extraction = as_extraction(store, event)?;
    let mut aggregator = gdelt::GdeltAggregator::new(date_added).with_cameo_codes(cameo.clone());
    aggregator.add(&extraction);
    let mut row = aggregator.rows().into_iter().next().unwrap_or_default();
    for (column, value) in [
        ("GLOBALEVENTID", event.event.id.clone()),
        ("NumMentions", event.num_mentions.to_string()),
        ("NumSources", event.num_sources.to_string()),
        ("NumArticles", event.num_articles.to_string()),
    ] {
        if let Some(cell) = gdelt::COLUMNS
            .iter()
            .position(|c| *c == column)
            .and_then(|i| row.get_mut(i))
        {
            *cell = value;
        }
    }
    Ok(row)
}

fn export(store: &Store, args: &ExportArgs, out: Box<dyn Write + Send>) -> anyhow::Result<usize> {
    let query = args.query.query(args.limit);
    let mut count = 0usize;
    match args.format {
        ExportFormat::Plover => {
            let mut out = out;
            store.for_each_event(&query, |e| {
                count += 1;
                let value = plover_line(store, &e)?;
                serde_json::to_writer(&mut out, &value)?;
                out.write_all(b"\n").map_err(io_error)
            })?;
            out.flush()?;
        }
        ExportFormat::Gdelt => {
            let mut out = out;
            let date_added = jiff::Timestamp::now().strftime("%Y%m%d%H%M%S").to_string();
            // Organisations' CAMEO codes from the embedded organisations table.
            let cameo = dyad_actors::cameo_codes(&dyad_core::DataSet::embedded())?;
            store.for_each_event(&query, |e| {
                count += 1;
                let row = gdelt_row(store, &e, &date_added, &cameo)?;
                out.write_all(row.join("\t").as_bytes())
                    .and_then(|_| out.write_all(b"\n"))
                    .map_err(io_error)
            })?;
            out.flush()?;
        }
        ExportFormat::Csv => {
            let mut csv = CsvWriter::new(out)?;
            store.for_each_event(&query, |e| {
                count += 1;
                csv.write(&FlatEvent::from_stored(&e)).map_err(io_error)
            })?;
            csv.finish()?;
        }
        ExportFormat::Parquet => {
            count = write_parquet(store, &query, out)?;
        }
    }
    Ok(count)
}

#[cfg(feature = "parquet")]
fn write_parquet(
    store: &Store,
    query: &dyad_store::EventQuery,
    out: Box<dyn Write + Send>,
) -> anyhow::Result<usize> {
    let mut writer = dyad_store::export::parquet::ParquetWriter::new(out)?;
    let mut count = 0usize;
    store.for_each_event(query, |e| {
        count += 1;
        writer.write(FlatEvent::from_stored(&e))
    })?;
    writer.finish()?;
    Ok(count)
}

#[cfg(not(feature = "parquet"))]
fn write_parquet(
    _store: &Store,
    _query: &dyad_store::EventQuery,
    _out: Box<dyn Write + Send>,
) -> anyhow::Result<usize> {
    anyhow::bail!(
        "this dyad was built without Parquet support: rebuild with \
         `cargo build --release --features parquet`"
    )
}

/// Runs the command; returns the exit status.
pub fn run(args: ExportArgs) -> anyhow::Result<u8> {
    if args.format == ExportFormat::Parquet && !cfg!(feature = "parquet") {
        // Fail before creating the output file.
        write_parquet(
            &Store::open_in_memory()?,
            &Default::default(),
            Box::new(std::io::sink()),
        )?;
    }
    let store = open_existing(&args.db.db)?;
    let out: Box<dyn Write + Send> = match &args.output {
        Some(path) => Box::new(BufWriter::new(
            File::create(path).with_context(|| format!("creating {}", path.display()))?,
        )),
        None => Box::new(BufWriter::new(std::io::stdout())),
    };
    match export(&store, &args, out) {
        Ok(count) => {
            if let Some(path) = &args.output {
                eprintln!("dyad: {count} events written to {}", path.display());
            }
            Ok(0)
        }
        Err(e) if format!("{e:#}").contains("Broken pipe") => Ok(0),
        Err(e) => Err(e),
    }
}
