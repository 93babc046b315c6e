//! `dyad extract`: reads every input, runs the pipeline on each document and writes the
//! chosen format to standard output. A document that fails is reported on standard error
//! (naming the input and record) and the run goes on; a closed output pipe ends the run
//! quietly.

use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::time::Instant;

use clap::Args;
use dyad_cli::format::{gdelt::GdeltAggregator, json, plover};
use dyad_model::{Date, Extraction};
use indicatif::{ProgressBar, ProgressStyle};

use crate::inputs::{self, Input};
use crate::FormatArg;

#[derive(Args, Debug)]
pub struct ExtractArgs {
    /// Publication date for documents that carry none (YYYY-MM-DD).
    #[arg(long, value_parser = crate::parse_date)]
    published: Option<Date>,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    format: FormatArg,
    /// A directory of data files (laid out like data/) that override or extend the
    /// embedded ones.
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
    /// Print the run summary even for a single document.
    #[arg(long, short)]
    verbose: bool,
    /// Files or directories; none, or `-`, reads standard input.
    #[arg(value_name = "INPUT")]
    inputs: Vec<String>,
}

/// Counts of a run, for the summary line.
#[derive(Debug, Default)]
struct Stats {
    documents: usize,
    failed: usize,
    events: usize,
}

/// Where extractions go: written at once (JSON, PLOVER) or gathered for GDELT's
/// run-wide counts.
enum Sink {
    Json,
    Plover,
    Gdelt(Box<GdeltAggregator>),
}

impl Sink {
    fn new(format: FormatArg) -> Sink {
        match format {
            FormatArg::Json => Sink::Json,
            FormatArg::Plover => Sink::Plover,
            FormatArg::Gdelt => {
                let now = jiff::Timestamp::now().strftime("%Y%m%d%H%M%S").to_string();
                Sink::Gdelt(Box::new(GdeltAggregator::new(now)))
            }
        }
    }

    fn write(&mut self, out: &mut impl Write, extraction: &Extraction) -> std::io::Result<()> {
        match self {
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
    let bar = if many && std::io::stderr().is_terminal() {
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

    let started = Instant::now();
    let mut stats = Stats::default();
    let mut sink = Sink::new(args.format);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut output_error: Option<std::io::Error> = None;

    for (arg, message) in &resolved.errors {
        report(format!("{arg}: {message}"));
        stats.failed += 1;
    }
    'inputs: for input in &resolved.inputs {
        let name = input.name();
        if let Input::File(_) = input {
            bar.set_message(name.clone());
        }
        let bytes = match input.read() {
            Ok(bytes) => bytes,
            Err(e) => {
                report(format!("{name}: {e}"));
                stats.failed += 1;
                bar.inc(1);
                continue;
            }
        };
        for item in dyad_ingest::read(&name, &bytes) {
            match item {
                Ok(mut doc) => {
                    if doc.published.is_none() {
                        doc.published = args.published;
                    }
                    let extraction = pipeline.extract(doc);
                    stats.documents += 1;
                    stats.events += extraction.events.len();
                    if let Err(e) = sink.write(&mut out, &extraction) {
                        output_error = Some(e);
                        break 'inputs;
                    }
                }
                Err(e) => {
                    report(e.to_string());
                    stats.failed += 1;
                }
            }
        }
        bar.inc(1);
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
    if args.verbose || many || stats.documents + stats.failed > 1 {
        eprintln!(
            "dyad: {} documents read, {} failed, {} events, {:.2} s",
            stats.documents,
            stats.failed,
            stats.events,
            started.elapsed().as_secs_f64()
        );
    }
    Ok(status)
}
