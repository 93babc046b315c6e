//! `dyad`: turns news text into political event data.
//!
//! Subcommands: `extract` (documents in, the contract's JSON / PLOVER / GDELT out), `eval`
//! (scores against gold sets), `bench` (single-thread throughput). Exit status: 0 success,
//! 1 when any document failed, 2 for usage errors.

mod bench;
mod eval;
mod extract;
mod inputs;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use dyad_model::Date;

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
    /// Scores extraction against a gold set: plover, petr2, ner (article: not yet).
    Eval(eval::EvalArgs),
    /// Measures single-thread extraction throughput.
    Bench(bench::BenchArgs),
}

/// The output formats of `dyad extract`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Json,
    Plover,
    Gdelt,
}

/// Parses a `YYYY-MM-DD` date argument.
pub fn parse_date(text: &str) -> Result<Date, String> {
    text.parse::<Date>()
        .map_err(|e| format!("expected a date as YYYY-MM-DD: {e}"))
}

/// Builds the pipeline from the embedded data, overridden by `--data DIR` when given.
pub fn pipeline(data: Option<&PathBuf>) -> anyhow::Result<dyad_core::Pipeline> {
    let mut set = dyad_core::DataSet::embedded();
    if let Some(dir) = data {
        set = set
            .with_dir(dir)
            .map_err(|e| anyhow::anyhow!("--data {}: {e}", dir.display()))?;
    }
    Ok(dyad_core::Pipeline::from_data(&set)?)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Bench(args) => bench::run(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            eprintln!("dyad: {err:#}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}
