//! `dyad ingest`: reads every input that `dyad extract` reads, codes each document with the
//! same pipeline, and stores documents, actors and events in the store (`--db`, default
//! `./dyad.db`), merging reports of one happening into one event.
//!
//! Idempotent and resumable: a document is keyed by its content hash, checked before it is
//! extracted and recorded in the same transaction as its events; transactions commit every
//! `--batch` documents (and at least every two seconds), so a killed run loses only the
//! batch in flight and a rerun completes the rest without duplicating anything.
//!
//! Extraction runs on `--jobs` worker threads; one writer thread stores the results in
//! input order, so a run gives the same store whatever the number of workers.
//!
//! Other writers may use the store at the same time (another `dyad ingest`, `dyad serve`):
//! the store's write lock is taken only while a batch is written, and a writer that finds
//! it taken waits its turn (`dyad_store::BUSY_TIMEOUT`).

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Args;
use dyad_core::ExtractError;
use dyad_ingest::{Entry, SourceDocument};
use dyad_model::{Date, Extraction};
use dyad_store::{Admission, Intake, Store};
use indicatif::{ProgressBar, ProgressStyle};

use crate::inputs::{self, Input};

#[derive(Args, Debug)]
pub struct IngestArgs {
    #[command(flatten)]
    db: crate::events::DbArg,
    /// Publication date for documents that carry none (YYYY-MM-DD).
    #[arg(long, value_parser = crate::parse_published)]
    published: Option<Date>,
    /// A directory of data files (laid out like data/) that override or extend the
    /// embedded ones.
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
    /// Documents per transaction.
    #[arg(long, value_name = "N", default_value_t = 200, value_parser = crate::parse_limit, allow_negative_numbers = true)]
    batch: usize,
    /// Extraction threads (default: the number of cores, at most 8).
    #[arg(long, value_name = "N", value_parser = crate::parse_limit, allow_negative_numbers = true)]
    jobs: Option<usize>,
    /// Print the summary as one JSON object.
    #[arg(long)]
    json: bool,
    /// Keep documents identified as other than English (skipped and counted by default).
    #[arg(long)]
    any_language: bool,
    /// Files or directories; none, or `-`, reads standard input.
    #[arg(value_name = "INPUT")]
    inputs: Vec<String>,
}

/// What a run did.
#[derive(Debug, Default, serde::Serialize)]
pub struct Summary {
    pub documents_read: usize,
    pub already_stored: usize,
    pub stored: usize,
    pub wire_copies: usize,
    /// Stored documents whose id another stored document (other content) had: stored
    /// under `id#2`, `id#3`, ...
    pub renamed: usize,
    /// Records passed over on purpose (non-HTML, HTTP errors, too large, not English...).
    pub skipped: usize,
    pub failed: usize,
    pub events_coded: usize,
    pub new_events: usize,
    pub merged_events: usize,
    pub seconds: f64,
    pub store_documents: u64,
    pub store_events: u64,
}

/// Seconds after which a batch commits even when not full.
const COMMIT_INTERVAL: Duration = Duration::from_secs(2);

/// The writer: stores extractions in sequence order, `batch` documents (or what two
/// seconds brought) per transaction. Extractions wait in memory until their batch is
/// written, so that the store's write lock is held only while a batch is written and
/// other writers (another ingest, the server) take their turns in between.
fn write_all(
    mut store: Store,
    results: mpsc::Receiver<(usize, Result<Extraction, ExtractError>)>,
    batch_size: usize,
    stored_count: &AtomicUsize,
) -> anyhow::Result<Summary> {
    let mut summary = Summary::default();
    let mut pending: BTreeMap<usize, Result<Extraction, ExtractError>> = BTreeMap::new();
    let mut next = 0usize;
    let mut ready: Vec<Extraction> = Vec::with_capacity(batch_size);
    let mut first_ready = Instant::now();
    for (seq, extraction) in results {
        pending.insert(seq, extraction);
        while let Some(result) = pending.remove(&next) {
            next += 1;
            match result {
                Ok(extraction) => {
                    if ready.is_empty() {
                        first_ready = Instant::now();
                    }
                    ready.push(extraction);
                }
                Err(e) => {
                    eprintln!("dyad: {e}");
                    summary.failed += 1;
                }
            }
        }
        if ready.len() >= batch_size
            || (!ready.is_empty() && first_ready.elapsed() >= COMMIT_INTERVAL)
        {
            write_batch(&mut store, &mut ready, &mut summary)?;
            stored_count.store(summary.stored + summary.already_stored, Ordering::Relaxed);
        }
    }
    write_batch(&mut store, &mut ready, &mut summary)?;
    let stats = store.stats()?;
    summary.store_documents = stats.documents;
    summary.store_events = stats.events;
    Ok(summary)
}

/// Stores `ready` in one transaction and empties it.
fn write_batch(
    store: &mut Store,
    ready: &mut Vec<Extraction>,
    summary: &mut Summary,
) -> anyhow::Result<()> {
    if ready.is_empty() {
        return Ok(());
    }
    let mut batch = store.batch()?;
    for extraction in ready.iter() {
        let outcome = batch.add(extraction)?;
        if outcome.stored {
            summary.stored += 1;
            summary.events_coded += extraction.events.len();
            summary.new_events += outcome.new_events;
            summary.merged_events += outcome.merged_events;
            if outcome.duplicate_of.is_some() {
                summary.wire_copies += 1;
            }
            if let Some(key) = &outcome.stored_as {
                summary.renamed += 1;
                eprintln!(
                    "dyad: document {:?}: another document is stored under this id; \
                     stored as {key:?}",
                    extraction.doc.id
                );
            }
        } else {
            summary.already_stored += 1;
        }
    }
    batch.commit()?;
    ready.clear();
    Ok(())
}

/// Runs the command; returns the exit status.
pub fn run(args: IngestArgs) -> anyhow::Result<u8> {
    let started = Instant::now();
    let pipeline = Arc::new(crate::pipeline(args.data.as_ref())?);
    let store = Store::open(&args.db.db)
        .with_context(|| format!("opening the store {}", args.db.db.display()))?;
    store.verify()?;
    // A second connection answers "already stored?" before extraction.
    let lookup = Store::open(&args.db.db)
        .with_context(|| format!("opening the store {}", args.db.db.display()))?;
    let jobs = args
        .jobs
        .unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1)
        })
        .clamp(1, 8);
    let batch_size = args.batch.max(1);
    // The language policy, default date and stored check every edge applies.
    let intake = Intake {
        any_language: args.any_language,
        published: args.published,
    };

    let resolved = inputs::resolve(&args.inputs);
    let bar = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(resolved.inputs.len() as u64);
        let style = ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} inputs {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        bar
    } else {
        ProgressBar::hidden()
    };
    let report = |message: String| bar.suspend(|| eprintln!("dyad: {message}"));

    let stored_count = AtomicUsize::new(0);
    let mut read = 0usize;
    let mut skipped = 0usize;
    let mut passed_over = 0usize;
    let mut failed = 0usize;
    let (result_tx, result_rx) =
        mpsc::sync_channel::<(usize, Result<Extraction, ExtractError>)>(jobs * 4 + 64);

    let written = std::thread::scope(|scope| -> anyhow::Result<Summary> {
        let (doc_tx, doc_rx) = mpsc::sync_channel::<(usize, SourceDocument)>(jobs * 4);
        // Only the workers hold the receiver: if they all stop, sending fails at once.
        let doc_rx = Arc::new(Mutex::new(doc_rx));
        let writer = scope.spawn(|| write_all(store, result_rx, batch_size, &stored_count));
        for _ in 0..jobs {
            let doc_rx = Arc::clone(&doc_rx);
            let result_tx = result_tx.clone();
            let pipeline = Arc::clone(&pipeline);
            scope.spawn(move || loop {
                let next = match doc_rx.lock() {
                    Ok(rx) => rx.recv(),
                    Err(_) => return,
                };
                let Ok((seq, doc)) = next else { return };
                if result_tx.send((seq, pipeline.try_extract(doc))).is_err() {
                    return;
                }
            });
        }
        drop(result_tx);
        drop(doc_rx);

        for (arg, message) in &resolved.errors {
            report(format!("{arg}: {message}"));
            failed += 1;
        }
        let mut seq = 0usize;
        'inputs: for input in &resolved.inputs {
            let name = input.name();
            if let Input::File(_) = input {
                bar.set_message(name.clone());
            }
            let reader = match input.open() {
                Ok(reader) => reader,
                Err(e) => {
                    report(format!("{name}: {e}"));
                    failed += 1;
                    bar.inc(1);
                    continue;
                }
            };
            // Streamed like `extract`: memory is bounded by the largest record.
            let reader = std::io::BufReader::with_capacity(256 * 1024, reader);
            for item in dyad_ingest::stream(&name, Box::new(reader)) {
                match item {
                    Ok(Entry::Document(doc)) => {
                        read += 1;
                        let doc = match intake.admit(&lookup, doc)? {
                            Admission::Extract(doc) => *doc,
                            Admission::OtherLanguage => {
                                passed_over += 1;
                                continue;
                            }
                            Admission::AlreadyStored { .. } => {
                                skipped += 1;
                                continue;
                            }
                        };
                        if doc_tx.send((seq, doc)).is_err() {
                            // The writer stopped: its error is reported below.
                            break 'inputs;
                        }
                        seq += 1;
                    }
                    Ok(Entry::Skipped(_)) => passed_over += 1,
                    Err(e) => {
                        report(e.to_string());
                        failed += 1;
                    }
                }
            }
            bar.inc(1);
            bar.set_message(format!(
                "{} read, {} stored",
                read,
                stored_count.load(Ordering::Relaxed)
            ));
        }
        drop(doc_tx);
        writer
            .join()
            .map_err(|_| anyhow::anyhow!("the store writer panicked"))?
    });
    bar.finish_and_clear();
    let mut summary = written?;
    summary.documents_read = read;
    summary.already_stored += skipped;
    summary.skipped = passed_over;
    summary.failed += failed;
    summary.seconds = started.elapsed().as_secs_f64();
    if args.json {
        println!("{}", serde_json::to_string(&summary)?);
    } else {
        let rate = if summary.seconds > 0.0 {
            summary.stored as f64 / summary.seconds
        } else {
            0.0
        };
        use crate::serve::plural;
        println!(
            "{} read: {} stored ({}, {} under a new key), {} already stored, {} skipped, \
             {} failed; {} coded: {} new, {} merged into stored events; \
             store {}: {}, {}; {:.2} s ({:.1} documents/s)",
            plural(summary.documents_read, "document", "documents"),
            summary.stored,
            plural(summary.wire_copies, "wire copy", "wire copies"),
            summary.renamed,
            summary.already_stored,
            summary.skipped,
            summary.failed,
            plural(summary.events_coded, "event", "events"),
            summary.new_events,
            summary.merged_events,
            args.db.db.display(),
            plural(summary.store_documents as usize, "document", "documents"),
            plural(summary.store_events as usize, "event", "events"),
            summary.seconds,
            rate
        );
    }
    Ok(u8::from(summary.failed > 0))
}
