//! `dyad bench`: single-thread throughput of the pipeline. Inputs are read and ingested
//! before timing; only `Pipeline::extract` is timed, over as many passes as it takes to
//! reach two seconds of work (`--seconds`) and at least `--repeat` passes.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clap::Args;
use dyad_core::SourceDocument;

use crate::inputs;

#[derive(Args, Debug)]
pub struct BenchArgs {
    /// Minimum number of passes over the documents.
    #[arg(long, default_value_t = 1)]
    repeat: u32,
    /// Minimum seconds of timed work.
    #[arg(long, default_value_t = 2.0)]
    seconds: f64,
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
    /// A directory of data files overriding the embedded ones.
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
    /// Files or directories; default: examples/articles/, the VOA dev corpus and the seed article
    /// of the shared folder when present.
    #[arg(value_name = "INPUT")]
    inputs: Vec<String>,
}

/// The workspace root this binary was built from.
fn workspace_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    std::fs::canonicalize(&root).unwrap_or(root)
}

/// The shared data folder: `$DYAD_SHARED`, else `../shared` beside the workspace.
pub fn shared_dir() -> PathBuf {
    std::env::var_os("DYAD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("../shared"))
}

fn default_inputs() -> Vec<String> {
    let examples = if Path::new("examples/articles").is_dir() {
        PathBuf::from("examples/articles")
    } else {
        workspace_root().join("examples/articles")
    };
    let shared = shared_dir();
    [
        examples,
        shared.join("corpora/voa/voa-dev.jsonl"),
        shared.join("seed/article.txt"),
    ]
    .into_iter()
    .filter(|p| p.exists())
    .map(|p| p.display().to_string())
    .collect()
}

/// Peak resident set size in kB (`VmHWM`), on Linux.
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Runs the command; returns the exit status.
pub fn run(args: BenchArgs) -> anyhow::Result<u8> {
    let pipeline = crate::pipeline(args.data.as_ref())?;
    let names = if args.inputs.is_empty() {
        default_inputs()
    } else {
        args.inputs.clone()
    };
    if names.is_empty() {
        anyhow::bail!("no inputs: give files, or run from the workspace root (examples/)");
    }
    let resolved = inputs::resolve(&names);
    let mut documents: Vec<SourceDocument> = Vec::new();
    for input in &resolved.inputs {
        let name = input.name();
        let bytes = input.read().map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
        for doc in dyad_ingest::read(&name, &bytes) {
            match doc {
                Ok(doc) => documents.push(doc),
                Err(e) => eprintln!("dyad: skipping {e}"),
            }
        }
    }
    let bytes: usize = documents.iter().map(|d| d.text.len()).sum();
    let sentences: usize = documents
        .iter()
        .map(|d| dyad_text::analyze(&d.text).sentences.len())
        .sum();

    let seconds_wanted = if args.seconds.is_finite() {
        args.seconds.clamp(0.0, 3600.0)
    } else {
        2.0
    };
    let min_work = Duration::from_secs_f64(seconds_wanted);
    let mut passes = 0u32;
    let mut timed = Duration::ZERO;
    let mut events = 0usize;
    while passes < args.repeat.max(1) || timed < min_work {
        let batch = documents.clone();
        let started = Instant::now();
        for doc in batch {
            let extraction = pipeline.extract(doc);
            events += std::hint::black_box(extraction.events.len());
        }
        timed += started.elapsed();
        passes += 1;
        if documents.is_empty() {
            break;
        }
    }
    let seconds = timed.as_secs_f64().max(f64::EPSILON);
    let total_docs = documents.len() * passes as usize;
    let total_sentences = sentences * passes as usize;
    let megabytes = (bytes * passes as usize) as f64 / 1_000_000.0;
    let rss = peak_rss_kb();
    let report = serde_json::json!({
        "documents": documents.len(),
        "passes": passes,
        "documents_processed": total_docs,
        "sentences": total_sentences,
        "megabytes": megabytes,
        "seconds": seconds,
        "documents_per_second": total_docs as f64 / seconds,
        "sentences_per_second": total_sentences as f64 / seconds,
        "megabytes_per_second": megabytes / seconds,
        "events": events,
        "peak_rss_kb": rss,
    });
    if args.json {
        println!("{report}");
    } else {
        println!("inputs:        {}", names.join(" "));
        println!(
            "documents:     {} x {passes} passes = {total_docs}",
            documents.len()
        );
        println!("sentences:     {total_sentences}");
        println!("megabytes:     {megabytes:.3}");
        println!("events:        {events}");
        println!("seconds:       {seconds:.3} (extraction only, one thread)");
        println!("sentences/s:   {:.0}", total_sentences as f64 / seconds);
        println!("MB/s:          {:.3}", megabytes / seconds);
        match rss {
            Some(kb) => println!("peak RSS:      {:.1} MB", kb as f64 / 1024.0),
            None => println!("peak RSS:      unknown"),
        }
    }
    Ok(0)
}
