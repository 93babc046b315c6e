//! `dyad dyads`: event counts per dyad (two actor codes, either direction) from the store,
//! overall or month by month (`--by-month`), with the cooperation/conflict balance by quad
//! class: a table, or JSON lines with `--json`.

use std::io::{BufWriter, Write};

use clap::Args;
use dyad_model::Date;
use dyad_store::{DyadSummary, SummaryQuery};

use crate::events::{open_existing, DbArg};

#[derive(Args, Debug)]
pub struct DyadsArgs {
    #[command(flatten)]
    db: DbArg,
    /// Only this dyad: `PRK,RUS` (either direction).
    #[arg(long, value_name = "C1,C2")]
    dyad: Option<String>,
    /// Only dyads with this code.
    #[arg(long, value_name = "CODE")]
    actor: Option<String>,
    /// Events on or after this date.
    #[arg(long, value_name = "DATE", value_parser = crate::parse_date)]
    since: Option<Date>,
    /// Events on or before this date.
    #[arg(long, value_name = "DATE", value_parser = crate::parse_date)]
    until: Option<Date>,
    /// Only events with this merged status, one or several separated by commas
    /// (asserted,reported,alleged); default: any.
    #[arg(long, value_name = "S[,S...]", value_parser = crate::events::parse_status, value_delimiter = ',')]
    status: Vec<dyad_model::Status>,
    /// One row per dyad and month.
    #[arg(long)]
    by_month: bool,
    /// At most N rows.
    #[arg(long, value_name = "N", default_value_t = 50, value_parser = crate::parse_limit, allow_negative_numbers = true)]
    limit: usize,
    /// One JSON object per line.
    #[arg(long)]
    json: bool,
}

fn line(d: &DyadSummary) -> String {
    format!(
        "{:<4} {:<4} {:<7} {:>7} {:>7} {:>7} {:>7} {:>7} {:>+8.2} {:>+8.2} {:>8}",
        d.code_a,
        d.code_b,
        d.month.as_deref().unwrap_or("all"),
        d.events,
        d.verbal_cooperation,
        d.material_cooperation,
        d.verbal_conflict,
        d.material_conflict,
        d.balance,
        d.goldstein_mean,
        d.mentions
    )
}

/// Runs the command; returns the exit status.
pub fn run(args: DyadsArgs) -> anyhow::Result<u8> {
    let dyad = match args.dyad.as_deref().map(|d| d.split_once(',')) {
        Some(Some((a, b))) => Some((a.trim().to_string(), b.trim().to_string())),
        Some(None) => anyhow::bail!("--dyad expects two codes as C1,C2 (e.g. PRK,RUS)"),
        None => None,
    };
    let store = open_existing(&args.db.db)?;
    let rows = store.dyad_summary(&SummaryQuery {
        dyad,
        actor: args.actor.clone(),
        since: args.since,
        until: args.until,
        status: args.status.clone(),
        by_month: args.by_month,
        limit: Some(args.limit),
    })?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = (|| -> std::io::Result<()> {
        if args.json {
            for row in &rows {
                serde_json::to_writer(&mut out, row)?;
                out.write_all(b"\n")?;
            }
        } else {
            writeln!(
                out,
                "A    B    MONTH    EVENTS  V-COOP  M-COOP  V-CONF  M-CONF  BALANCE GOLDSTEIN MENTIONS"
            )?;
            for row in &rows {
                writeln!(out, "{}", line(row))?;
            }
        }
        out.flush()
    })();
    match result {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(0),
    }
}
