//! `dyad events`: queries the store's merged events (filters, sorting, paging) and prints
//! them as a table, or as JSON lines with `--json` (the extraction contract's event fields
//! plus `num_mentions`, `num_sources`, `num_articles`, `first_seen`, `last_seen`,
//! `documents`, `sources` and `claims`). Also home of the store options the other store
//! commands share ([`DbArg`], [`QueryArgs`]).

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;
use dyad_model::{Date, EventType, Status};
use dyad_store::{EventQuery, Sort, Store, StoredEvent};

/// `--db PATH`: the store file, the same flag for every store command (`--store` is
/// accepted as a hidden alias).
#[derive(Args, Debug, Clone)]
pub struct DbArg {
    /// The store file (SQLite).
    #[arg(long, alias = "store", value_name = "PATH", default_value = "dyad.db")]
    pub db: PathBuf,
}

/// The rule every command applies to a missing store: only the commands that put
/// documents into it create one (`ingest`, `demo`, and `serve --create`); every other
/// command refuses a path where no store exists, naming it, rather than work on a new,
/// empty store (a mistyped `--db` would otherwise look like a store without events).
pub fn require_existing(path: &Path, hint: &str) -> anyhow::Result<()> {
    if path.exists() {
        return Ok(());
    }
    anyhow::bail!(
        "no store at {path} (create one with `dyad ingest --db {path} INPUT ...`{hint})",
        path = path.display()
    )
}

/// Opens an existing store ([`require_existing`]) for reading only (it may be a
/// read-only file or on a read-only mount). A store of an older schema is upgraded
/// first, which needs write access.
pub fn open_existing(path: &Path) -> anyhow::Result<Store> {
    require_existing(path, "")?;
    let store = match Store::open_read_only(path) {
        Err(dyad_store::StoreError::Outdated { .. }) => Store::open(path),
        opened => opened,
    };
    store.with_context(|| format!("opening the store {}", path.display()))
}

fn parse_event_type(text: &str) -> Result<EventType, String> {
    EventType::parse(text).ok_or_else(|| {
        format!(
            "unknown PLOVER event type {text:?} (one of {})",
            EventType::ALL.map(EventType::as_str).join(", ")
        )
    })
}

pub fn parse_status(text: &str) -> Result<Status, String> {
    serde_json::from_value(serde_json::Value::String(text.trim().to_ascii_lowercase())).map_err(
        |_| {
            format!(
                "unknown status {text:?} (asserted, reported, alleged, denied, future, \
                 hypothetical, negated)"
            )
        },
    )
}

fn parse_dyad(text: &str) -> Result<(String, String), String> {
    match text.split_once(',') {
        Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => {
            Ok((a.trim().to_ascii_uppercase(), b.trim().to_ascii_uppercase()))
        }
        _ => Err(format!(
            "expected two codes as C1,C2 (e.g. PRK,RUS), got {text:?}"
        )),
    }
}

/// The event filters of `dyad events` and `dyad export`.
#[derive(Args, Debug, Clone, Default)]
pub struct QueryArgs {
    /// Events with this actor code (`RUS`, or with a sector: `RUSGOV`).
    #[arg(long, value_name = "CODE")]
    pub actor: Option<String>,
    /// Events with this recipient code.
    #[arg(long, value_name = "CODE")]
    pub recipient: Option<String>,
    /// Events between two codes, in either direction: `PRK,RUS`.
    #[arg(long, value_name = "C1,C2", value_parser = parse_dyad)]
    pub dyad: Option<(String, String)>,
    /// PLOVER event type (ASSAULT, CONSULT, ...).
    #[arg(long, value_name = "TYPE", value_parser = parse_event_type)]
    pub event: Option<EventType>,
    /// Merged status, one or several separated by commas: asserted, reported, alleged,
    /// denied, future, hypothetical, negated.
    #[arg(long, value_name = "S[,S...]", value_parser = parse_status, value_delimiter = ',')]
    pub status: Vec<Status>,
    /// Events on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = crate::parse_date)]
    pub since: Option<Date>,
    /// Events on or before this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = crate::parse_date)]
    pub until: Option<Date>,
    /// Full-text search over the evidence sentences ("phrases" quoted, prefix*).
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Place name (case-insensitive; `%` matches any text).
    #[arg(long, value_name = "NAME")]
    pub place: Option<String>,
    /// Location country code (ISO3).
    #[arg(long, value_name = "CODE")]
    pub country: Option<String>,
    /// Events reported by at least N independent sources.
    #[arg(long, value_name = "N", value_parser = crate::parse_count, allow_negative_numbers = true)]
    pub min_sources: Option<usize>,
    /// Order: date (latest first), date-asc, mentions, sources, articles.
    #[arg(long, default_value = "date")]
    pub sort: Sort,
    /// Skip the first N events (paging).
    #[arg(long, value_name = "N", default_value_t = 0, value_parser = crate::parse_count, allow_negative_numbers = true)]
    pub offset: usize,
}

impl QueryArgs {
    /// The store query, with at most `limit` events.
    pub fn query(&self, limit: Option<usize>) -> EventQuery {
        EventQuery {
            actor: self.actor.clone(),
            recipient: self.recipient.clone(),
            dyad: self.dyad.clone(),
            event: self.event,
            status: self.status.clone(),
            since: self.since,
            until: self.until,
            search: self.search.clone(),
            place: self.place.clone(),
            country: self.country.clone(),
            min_sources: self.min_sources.map(|n| n as u64),
            sort: self.sort,
            limit,
            offset: self.offset,
        }
    }
}

#[derive(Args, Debug)]
pub struct EventsArgs {
    #[command(flatten)]
    db: DbArg,
    /// One JSON event per line instead of a table.
    #[arg(long)]
    json: bool,
    /// At most N events (default: 50 in a table, all with --json).
    #[arg(long, value_name = "N", value_parser = crate::parse_limit, allow_negative_numbers = true)]
    limit: Option<usize>,
    /// Print only the number of matching events.
    #[arg(long)]
    count: bool,
    #[command(flatten)]
    query: QueryArgs,
}

/// Cuts `text` to at most `width` characters, marking the cut.
fn fit(text: &str, width: usize) -> String {
    let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= width {
        return text;
    }
    let mut out: String = text.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

fn side(refs: &[dyad_model::ActorRef]) -> String {
    let parts: Vec<String> = refs
        .iter()
        .map(|a| {
            let code = a.code.as_deref().unwrap_or("-");
            // An organisation's code already holds its group (`IGOUNSC`, sector `IGO`).
            let sector = a.sector.as_deref().filter(|s| !code.starts_with(s));
            format!("{code}{}", sector.unwrap_or(""))
        })
        .collect();
    if parts.is_empty() {
        "-".into()
    } else {
        parts.join("+")
    }
}

/// One table line of an event.
pub fn table_line(e: &StoredEvent) -> String {
    let ev = &e.event;
    let date = ev
        .date
        .map(|d| d.to_string())
        .or_else(|| e.first_seen.map(|d| format!("({d})")))
        .unwrap_or_else(|| "-".into());
    format!(
        "{:>7}  {:<12}  {:<9}  {:<5}  {:<12}  {:<12}  {:<9}  {:>4} {:>4} {:>4}  {}",
        ev.id,
        date,
        ev.event.as_str(),
        ev.cameo,
        fit(&side(&ev.actor), 12),
        fit(&side(&ev.recipient), 12),
        ev.status.as_str(),
        e.num_mentions,
        e.num_sources,
        e.num_articles,
        fit(&ev.evidence, 70)
    )
}

/// The table header matching [`table_line`].
pub const TABLE_HEADER: &str = "     ID  DATE          TYPE       CAMEO  ACTOR         RECIPIENT     STATUS     MENT  SRC  ART  EVIDENCE";

/// Runs the command; returns the exit status.
pub fn run(args: EventsArgs) -> anyhow::Result<u8> {
    let store = open_existing(&args.db.db)?;
    if args.count {
        let n = store.count_events(&args.query.query(None))?;
        println!("{n}");
        return Ok(0);
    }
    let limit = args.limit.or(if args.json { None } else { Some(50) });
    let query = args.query.query(limit);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut shown = 0usize;
    let result = (|| -> anyhow::Result<()> {
        if !args.json {
            writeln!(out, "{TABLE_HEADER}")?;
        }
        store.for_each_event(&query, |e| {
            shown += 1;
            let written = if args.json {
                serde_json::to_writer(&mut out, &e)
                    .map_err(std::io::Error::other)
                    .and_then(|_| out.write_all(b"\n"))
            } else {
                writeln!(out, "{}", table_line(&e))
            };
            written.map_err(|e| dyad_store::StoreError::Invalid(format!("writing: {e}")))
        })?;
        out.flush()?;
        Ok(())
    })();
    if let Err(e) = result {
        // A closed pipe (`dyad events | head`) ends the listing quietly.
        let text = format!("{e:#}");
        if !text.contains("Broken pipe") {
            return Err(e);
        }
        return Ok(0);
    }
    if !args.json {
        let total = store.count_events(&args.query.query(None))?;
        if total > shown as u64 {
            eprintln!(
                "dyad: {shown} of {total} events shown (use --limit/--offset to page, --json for all)"
            );
        }
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_parse() {
        assert_eq!(
            parse_dyad("prk, rus").unwrap(),
            ("PRK".to_string(), "RUS".to_string())
        );
        assert!(parse_dyad("PRK").is_err());
        assert_eq!(parse_status("Denied").unwrap(), Status::Denied);
        assert!(parse_status("maybe").is_err());
        assert_eq!(parse_event_type("assault").unwrap(), EventType::Assault);
        assert_eq!(fit("a  b\nc", 10), "a b c");
        assert_eq!(fit("abcdefghijkl", 5), "abcd…");
    }
}
