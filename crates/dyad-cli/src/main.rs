//! `dyad`: turns news text into political event data.
//!
//! Subcommands: `extract` (documents in, the contract's JSON / PLOVER / GDELT out), `eval`
//! (scores against gold sets), `bench` (single-thread throughput), `serve` and `demo`
//! (the HTTP API and web UI). Exit status: 0 success,
//! 1 when any document failed, 2 for usage errors.

mod actors;
mod bench;
mod dyads;
mod eval;
mod events;
mod export;
mod extract;
mod ingest;
mod inputs;
mod parse;
mod serve;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use dyad_model::Date;

/// mimalloc: the pipeline makes many small short-lived allocations (tokens, folded words,
/// candidate phrases), which the system allocator served at about a tenth of the run time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit status for usage and configuration errors.
pub const EXIT_USAGE: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "dyad",
    version,
    about = "Turns news text into political event data (PLOVER/CAMEO)."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extracts entities and events from documents (files, directories, or stdin).
    Extract(extract::ExtractArgs),
    /// Tags, lemmatises and parses CoNLL-U (keeping its words) or text, writing CoNLL-U.
    Parse(parse::ParseArgs),
    /// Scores extraction against a gold set: plover, petr2, ner, ner-conll, article, events, ud.
    Eval(eval::EvalArgs),
    /// Measures single-thread extraction throughput.
    Bench(bench::BenchArgs),
    /// Lists, adds and imports (PETRARCH/TABARI) the actors dyad knows.
    Actors(actors::ActorsArgs),
    /// Stores documents and their merged events in the store (default ./dyad.db).
    Ingest(ingest::IngestArgs),
    /// Queries the store's events (one record per happening, with its reports).
    Events(events::EventsArgs),
    /// Event counts per dyad, overall or by month, with the cooperation/conflict balance.
    Dyads(dyads::DyadsArgs),
    /// Exports the store's events as PLOVER, GDELT, CSV or Parquet.
    Export(export::ExportArgs),
    /// Serves the JSON API and the web UI over the store (default 127.0.0.1:8080).
    Serve(serve::ServeArgs),
    /// Ingests the bundled example articles into a fresh store and serves the web UI.
    Demo(serve::DemoArgs),
}

/// The output formats of `dyad extract`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Json,
    Plover,
    Gdelt,
    /// The sentence documents as CoNLL-U: tokens, lemmas, tags and the dependency parse.
    Conllu,
}

/// Parses a `YYYY-MM-DD` date argument.
pub fn parse_date(text: &str) -> Result<Date, String> {
    text.parse::<Date>()
        .map_err(|e| format!("expected a date as YYYY-MM-DD: {e}"))
}

/// Parses a count argument (`--offset`, `--min-sources`): a whole number, 0 or more. Clap
/// would read `-1` as an unknown flag; the arguments that use this parser accept a leading
/// `-` so that the message says what is wrong with the value.
pub fn parse_count(text: &str) -> Result<usize, String> {
    text.trim()
        .parse::<usize>()
        .map_err(|_| format!("expected a whole number, 0 or more, got {text:?}"))
}

/// Parses a limit argument (`--limit`, `--batch`, ...): a whole number, 1 or more.
pub fn parse_limit(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!("expected a whole number, 1 or more, got {text:?}")),
    }
}

/// Whether an error is a closed output pipe (`dyad actors list | head`): the reader has
/// what it wanted, so the command ends quietly with success.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Parses a `--published` date: `YYYY-MM-DD`, in the years of a publication date
/// (`dyad_ingest::dates::PUBLISHED_YEARS`).
pub fn parse_published(text: &str) -> Result<Date, String> {
    parse_date(text).and_then(dyad_ingest::dates::check_published)
}

/// Builds the pipeline from the embedded data, overridden by `--data DIR` when given.
pub fn pipeline(data: Option<&PathBuf>) -> anyhow::Result<dyad_core::Pipeline> {
    Ok(dyad_core::Pipeline::from_data(&data_set(data)?)?)
}

/// The embedded data files, overridden by those of `--data DIR`.
pub fn data_set(data: Option<&PathBuf>) -> anyhow::Result<dyad_core::DataSet> {
    let mut set = dyad_core::DataSet::embedded();
    if let Some(dir) = data {
        set = set
            .with_dir(dir)
            .map_err(|e| anyhow::anyhow!("--data {}: {e}", dir.display()))?;
    }
    Ok(set)
}

/// An error and its causes, joined by `: `, each said once. Errors that print their
/// cause (`"{path}: {source}"`) would otherwise repeat it; a cause that restates the one
/// before it with a prefix (`Error code 5: database is locked` after `database is
/// locked`) is left out too, and so is a path the context before already ends with.
fn describe(err: &anyhow::Error) -> String {
    let mut out = String::new();
    let mut last = String::new();
    for cause in err.chain() {
        let mut text = cause.to_string();
        if out.ends_with(&text) || (!last.is_empty() && text.ends_with(&last)) {
            continue;
        }
        // "opening the store /x" then "/x: Is a directory": the path once.
        if let Some(word) = out.rsplit(' ').next().filter(|w| !w.is_empty()) {
            if let Some(rest) = text.strip_prefix(&format!("{word}: ")) {
                text = rest.to_string();
            }
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
        last = cause.to_string();
    }
    out
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract::run(args),
        Command::Parse(args) => parse::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Bench(args) => bench::run(args),
        Command::Actors(args) => actors::run(args),
        Command::Ingest(args) => ingest::run(args),
        Command::Events(args) => events::run(args),
        Command::Dyads(args) => dyads::run(args),
        Command::Export(args) => export::run(args),
        Command::Serve(args) => serve::run_serve(args),
        Command::Demo(args) => serve::run_demo(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("dyad: {}", describe(&err));
            ExitCode::from(EXIT_USAGE)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cause_is_said_once() {
        let io = || std::io::Error::from_raw_os_error(21);
        let err = anyhow::Error::new(dyad_store::StoreError::Io {
            path: "/tmp".into(),
            source: io(),
        })
        .context("opening the store /tmp");
        let said = describe(&err);
        assert_eq!(said, format!("opening the store /tmp: {}", io()));
        assert_eq!(said.matches("os error 21").count(), 1, "{said}");
        let plain = anyhow::anyhow!("no store at x").context("reading");
        assert_eq!(describe(&plain), "reading: no store at x");
    }
}
