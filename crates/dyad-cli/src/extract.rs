//! `dyad extract`: reads every input, runs the pipeline on each document and writes the
//! chosen format to standard output. A document that fails is reported on standard error
//! (naming the input and record) and the run goes on; a closed output pipe ends the run
//! quietly.
//!
//! Inputs are read as streams ([`dyad_ingest::stream`]): a WARC record by record, JSONL
//! line by line, so memory is bounded by the largest record. Documents identified as not
//! English are skipped (unless `--any-language`); near-duplicates of an earlier document
//! of the run get `doc.duplicate_of` ([`dyad_ingest::NearDuplicates`]). On a terminal, a
//! progress bar (bytes read) is shown for directories, several inputs, WARC files and
//! large inputs; the run ends with a summary on standard error: documents read, failed,
//! events, seconds, skipped records by reason, near-duplicates.

use std::collections::BTreeMap;
use std::io::{BufReader, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::time::Instant;

use clap::Args;
use dyad_cli::format::{gdelt::GdeltAggregator, json, plover};
use dyad_ingest::{Entry, NearDuplicates, SkipReason};
use dyad_model::{Date, Extraction};
use indicatif::{ProgressBar, ProgressStyle};

use crate::inputs::{self, Input};
use crate::FormatArg;

#[derive(Args, Debug)]
pub struct ExtractArgs {
    /// Publication date for documents that carry none (YYYY-MM-DD).
    #[arg(long, value_parser = crate::parse_published)]
    published: Option<Date>,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    format: FormatArg,
    /// A directory of data files (laid out like data/) that override or extend the
    /// embedded ones.
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
    /// Print the run summary even for a single document, and every skipped record.
    #[arg(long, short)]
    verbose: bool,
    /// Keep documents identified as not English (by default they are skipped and counted).
    #[arg(long)]
    any_language: bool,
    /// Files or directories; none, or `-`, reads standard input.
    #[arg(value_name = "INPUT")]
    inputs: Vec<String>,
}

/// Read buffer for inputs.
const READ_BUFFER_BYTES: usize = 256 * 1024;
/// Inputs at least this large get a progress bar even alone.
const LARGE_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// Counts of a run, for the summary line.
#[derive(Debug, Default)]
struct Stats {
    documents: usize,
    failed: usize,
    events: usize,
    skipped: BTreeMap<SkipReason, usize>,
    duplicates: usize,
}

impl Stats {
    /// The summary line (without the `dyad: ` prefix).
    fn summary(&self, seconds: f64) -> String {
        use crate::serve::plural;
        let mut line = format!(
            "{} read, {} failed, {}, {seconds:.2} s",
            plural(self.documents, "document", "documents"),
            self.failed,
            plural(self.events, "event", "events")
        );
        let skipped: Vec<String> = SkipReason::ALL
            .iter()
            .filter_map(|reason| {
                self.skipped
                    .get(reason)
                    .map(|count| format!("{count} {reason}"))
            })
            .collect();
        if !skipped.is_empty() {
            line.push_str(&format!("; skipped: {}", skipped.join(", ")));
        }
        if self.duplicates > 0 {
            line.push_str(&format!("; {} near-duplicates", self.duplicates));
        }
        line
    }
}

/// Whether a skip is worth a message even without `--verbose`: the input had something
/// to read that dyad would not read.
fn always_reported(reason: SkipReason) -> bool {
    matches!(reason, SkipReason::TooLarge | SkipReason::BadEncoding)
}

/// A progress bar over `total_bytes` of input; a spinner with a byte count when the size is
/// unknown (standard input).
fn progress_bar(total_bytes: u64) -> ProgressBar {
    let (bar, template) = if total_bytes > 0 {
        (
            ProgressBar::new(total_bytes),
            "{spinner} [{elapsed_precise}] {wide_bar} {binary_bytes}/{binary_total_bytes} \
             ({binary_bytes_per_sec}, {eta}) {msg}",
        )
    } else {
        (
            ProgressBar::new_spinner(),
            "{spinner} [{elapsed_precise}] {binary_bytes} ({binary_bytes_per_sec}) {msg}",
        )
    };
    let style =
        ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

/// Whether an input is a crawl archive (by name), for the progress bar.
fn is_archive(input: &Input) -> bool {
    let name = input.name().to_ascii_lowercase();
    name.ends_with(".warc") || name.ends_with(".warc.gz")
}

/// Where extractions go: written at once (JSON, PLOVER) or gathered for GDELT's
/// run-wide counts.
enum Sink {
    Json,
    Plover,
    Gdelt(Box<GdeltAggregator>),
    Conllu,
}

impl Sink {
    fn new(format: FormatArg, data: Option<&PathBuf>) -> anyhow::Result<Sink> {
        Ok(match format {
            FormatArg::Json => Sink::Json,
            FormatArg::Plover => Sink::Plover,
            FormatArg::Conllu => Sink::Conllu,
            FormatArg::Gdelt => {
                let now = jiff::Timestamp::now().strftime("%Y%m%d%H%M%S").to_string();
                let cameo = dyad_actors::cameo_codes(&crate::data_set(data)?)?;
                Sink::Gdelt(Box::new(GdeltAggregator::new(now).with_cameo_codes(cameo)))
            }
        })
    }

    fn write(
        &mut self,
        out: &mut impl Write,
        extraction: &Extraction,
        pipeline: &dyad_core::Pipeline,
    ) -> std::io::Result<()> {
        match self {
            Sink::Conllu => {
                let doc = &extraction.doc;
                let mut text = String::new();
                pipeline
                    .analyze(&doc.text)
                    .write_conllu(&doc.text, &doc.id, &mut text);
                out.write_all(text.as_bytes())
            }
            Sink::Json => json::write_line(out, extraction),
            Sink::Plover => {
                for record in plover::records(extraction) {
                    serde_json::to_writer(&mut *out, &record)?;
                    out.write_all(b"\n")?;
                }
                Ok(())
            }
            Sink::Gdelt(agg) => {
                agg.add(extraction);
                Ok(())
            }
        }
    }

    fn finish(&mut self, out: &mut impl Write) -> std::io::Result<()> {
        if let Sink::Gdelt(agg) = self {
            agg.write(out)?;
        }
        out.flush()
    }
}

/// Runs the command; returns the exit status.
pub fn run(args: ExtractArgs) -> anyhow::Result<u8> {
    let pipeline = crate::pipeline(args.data.as_ref())?;
    let resolved = inputs::resolve(&args.inputs);
    let many = resolved.inputs.len() > 1 || resolved.had_directory;
    // Standard input's size is unknown: then the bar is a spinner (total 0).
    let total_bytes: u64 = if resolved.inputs.contains(&Input::Stdin) {
        0
    } else {
        resolved.inputs.iter().filter_map(Input::size).sum()
    };
    let wants_bar =
        many || resolved.inputs.iter().any(is_archive) || total_bytes >= LARGE_INPUT_BYTES;
    let bar = if wants_bar && std::io::stderr().is_terminal() {
        progress_bar(total_bytes)
    } else {
        ProgressBar::hidden()
    };
    let report = |message: String| bar.suspend(|| eprintln!("dyad: {message}"));

    let started = Instant::now();
    let mut stats = Stats::default();
    let mut near_duplicates = NearDuplicates::default();
    let mut sink = Sink::new(args.format, args.data.as_ref())?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut output_error: Option<std::io::Error> = None;

    for (arg, message) in &resolved.errors {
        report(format!("{arg}: {message}"));
        stats.failed += 1;
    }
    'inputs: for input in &resolved.inputs {
        let name = input.name();
        let reader = match input.open() {
            Ok(reader) => reader,
            Err(e) => {
                report(format!("{name}: {e}"));
                stats.failed += 1;
                continue;
            }
        };
        // Files advance the bar by the bytes read from them (compressed bytes for gzip).
        let reader = BufReader::with_capacity(READ_BUFFER_BYTES, bar.wrap_read(reader));
        for item in dyad_ingest::stream(&name, Box::new(reader)) {
            let mut doc = match item {
                Ok(Entry::Document(doc)) => doc,
                Ok(Entry::Skipped(skipped)) => {
                    *stats.skipped.entry(skipped.reason).or_default() += 1;
                    if args.verbose || always_reported(skipped.reason) {
                        report(skipped.to_string());
                    }
                    continue;
                }
                Err(e) => {
                    report(e.to_string());
                    stats.failed += 1;
                    continue;
                }
            };
            if !doc.in_coded_language() && !args.any_language {
                *stats.skipped.entry(SkipReason::Language).or_default() += 1;
                if args.verbose {
                    report(format!(
                        "{}: skipped (language): {} text {}",
                        name,
                        doc.language.as_deref().unwrap_or_default(),
                        doc.url.as_deref().unwrap_or(&doc.id)
                    ));
                }
                continue;
            }
            if doc.published.is_none() {
                doc.published = args.published;
            }
            let duplicate_of = near_duplicates.check(&doc.id, &doc.text);
            let mut extraction = match pipeline.try_extract(doc) {
                Ok(extraction) => extraction,
                Err(e) => {
                    report(format!("{name}: {e}"));
                    stats.failed += 1;
                    continue;
                }
            };
            stats.duplicates += usize::from(duplicate_of.is_some());
            extraction.doc.duplicate_of = duplicate_of;
            stats.documents += 1;
            stats.events += extraction.events.len();
            if stats.documents % 16 == 0 {
                bar.set_message(format!("{} documents", stats.documents));
            }
            if let Err(e) = sink.write(&mut out, &extraction, &pipeline) {
                output_error = Some(e);
                break 'inputs;
            }
        }
    }
    if output_error.is_none() {
        output_error = sink.finish(&mut out).err();
    }
    bar.finish_and_clear();
    let mut status = u8::from(stats.failed > 0);
    drop(out);
    if let Some(e) = output_error {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("dyad: writing output: {e}");
            status = 1;
        }
        // A closed pipe (`dyad extract ... | head`) ends the run quietly; dropping the
        // writer ignores what could not be flushed.
    }
    let skipped: usize = stats.skipped.values().sum();
    if args.verbose || many || skipped > 0 || stats.documents + stats.failed > 1 {
        eprintln!("dyad: {}", stats.summary(started.elapsed().as_secs_f64()));
    }
    Ok(status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_lists_skips_by_reason_and_duplicates() {
        let mut stats = Stats {
            documents: 12,
            failed: 1,
            events: 40,
            ..Stats::default()
        };
        assert_eq!(
            stats.summary(1.5),
            "12 documents read, 1 failed, 40 events, 1.50 s"
        );
        stats.skipped.insert(SkipReason::HttpError, 2);
        stats.skipped.insert(SkipReason::Language, 3);
        stats.skipped.insert(SkipReason::NonHtml, 1);
        stats.duplicates = 4;
        assert_eq!(
            stats.summary(1.5),
            "12 documents read, 1 failed, 40 events, 1.50 s; \
             skipped: 3 language, 1 non-html, 2 http-error; 4 near-duplicates"
        );
    }

    #[test]
    fn archives_are_known_by_name() {
        assert!(is_archive(&Input::File("a/CC-NEWS-1.warc.gz".into())));
        assert!(is_archive(&Input::File("b.WARC".into())));
        assert!(!is_archive(&Input::File("c.html".into())));
        assert!(!is_archive(&Input::Stdin));
    }
}
