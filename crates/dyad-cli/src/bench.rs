//! `dyad bench`: single-thread throughput of the pipeline. Inputs are read and ingested
//! before timing; only `Pipeline::extract` is timed, over as many passes as it takes to
//! reach two seconds of work (`--seconds`) and at least `--repeat` passes.
//!
//! `dyad bench --html [DIR]` times HTML reading instead: every page under DIR (default: the
//! article-extraction dev pages of the shared folder) is read and decompressed first, then
//! `dyad_ingest::html::read_html` (bytes → clean document: decoding, parsing, article
//! extraction, metadata, notice removal) is timed over whole passes. Reported: pages/s,
//! MB/s of HTML, and peak resident memory (which includes the pages held in memory).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clap::Args;
use dyad_core::SourceDocument;

use crate::inputs;

#[derive(Args, Debug)]
pub struct BenchArgs {
    /// Minimum number of passes over the documents.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..), allow_negative_numbers = true)]
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
    /// Time HTML page reading (HTML → clean document) over the pages in DIR (`.html`,
    /// `.htm`, gzipped or not); default DIR: the shared article-extraction dev pages.
    #[arg(long, value_name = "DIR", num_args = 0..=1, default_missing_value = "")]
    html: Option<String>,
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
    dyad_data::shared::dir()
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
    if let Some(dir) = &args.html {
        return run_html(Path::new(dir), &args);
    }
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

/// Seconds of timed work asked for, made sane.
fn seconds_wanted(args: &BenchArgs) -> Duration {
    let seconds = if args.seconds.is_finite() {
        args.seconds.clamp(0.0, 3600.0)
    } else {
        2.0
    };
    Duration::from_secs_f64(seconds)
}

/// Whether a file name is an HTML page, gzipped or not.
fn is_html_page(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    name.ends_with(".html") || name.ends_with(".htm")
}

/// `dyad bench --html`: HTML reading throughput (see the module docs).
fn run_html(dir: &Path, args: &BenchArgs) -> anyhow::Result<u8> {
    let dir = if dir.as_os_str().is_empty() {
        shared_dir().join("eval/article-extraction/dev/html")
    } else {
        dir.to_path_buf()
    };
    if !dir.is_dir() {
        anyhow::bail!("{}: not a directory of HTML pages", dir.display());
    }
    let mut pages: Vec<(String, Vec<u8>)> = Vec::new();
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
        let path = entry.path();
        if !entry.file_type().is_file() || !is_html_page(path) {
            continue;
        }
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
        let bytes = if dyad_ingest::gzip::is_gzip(&bytes) {
            dyad_ingest::gzip::decompress(&bytes, dyad_ingest::gzip::MAX_DECOMPRESSED)
                .map_err(|e| anyhow::anyhow!("{name}: {e}"))?
        } else {
            bytes
        };
        pages.push((name, bytes));
    }
    if pages.is_empty() {
        anyhow::bail!("{}: no .html or .html.gz pages", dir.display());
    }
    let bytes: usize = pages.iter().map(|(_, b)| b.len()).sum();
    let largest = pages.iter().map(|(_, b)| b.len()).max().unwrap_or(0);
    let rss_before = peak_rss_kb();
    let min_work = seconds_wanted(args);
    let (mut passes, mut timed, mut text_bytes) = (0u32, Duration::ZERO, 0usize);
    while passes < args.repeat.max(1) || timed < min_work {
        let started = Instant::now();
        for (name, page) in &pages {
            let doc = dyad_ingest::html::read_html(name, page);
            text_bytes += std::hint::black_box(doc.text.len());
        }
        timed += started.elapsed();
        passes += 1;
    }
    let seconds = timed.as_secs_f64().max(f64::EPSILON);
    let total_pages = pages.len() * passes as usize;
    let megabytes = (bytes * passes as usize) as f64 / 1_000_000.0;
    let rss = peak_rss_kb();
    let report = serde_json::json!({
        "directory": dir.display().to_string(),
        "pages": pages.len(),
        "html_megabytes": bytes as f64 / 1_000_000.0,
        "largest_page_megabytes": largest as f64 / 1_000_000.0,
        "passes": passes,
        "pages_processed": total_pages,
        "seconds": seconds,
        "pages_per_second": total_pages as f64 / seconds,
        "megabytes_per_second": megabytes / seconds,
        "text_megabytes": text_bytes as f64 / 1_000_000.0,
        "peak_rss_kb_before_timing": rss_before,
        "peak_rss_kb": rss,
    });
    if args.json {
        println!("{report}");
    } else {
        println!(
            "pages:         {} in {} ({:.1} MB of HTML, largest {:.2} MB)",
            pages.len(),
            dir.display(),
            bytes as f64 / 1e6,
            largest as f64 / 1e6
        );
        println!("passes:        {passes} = {total_pages} pages");
        println!("seconds:       {seconds:.3} (HTML → clean document, one thread)");
        println!("pages/s:       {:.0}", total_pages as f64 / seconds);
        println!("MB/s of HTML:  {:.1}", megabytes / seconds);
        let mb = |kb: Option<u64>| {
            kb.map_or("unknown".to_string(), |kb| {
                format!("{:.1} MB", kb as f64 / 1024.0)
            })
        };
        println!(
            "peak RSS:      {} (pages loaded, before timing: {})",
            mb(rss),
            mb(rss_before)
        );
    }
    Ok(0)
}
