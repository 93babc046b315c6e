//! `dyad actors`: list what the actor lexicon knows, add curated people and organisations,
//! and import PETRARCH/TABARI dictionaries. A thin layer over `dyad_actors::curated` and
//! `dyad_actors::petrarch`.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};
use dyad_actors::curated::{NewActor, ORGANISATIONS_HEADER, PEOPLE_HEADER};
use dyad_actors::petrarch::{parse_actors, parse_agents, Import};
use dyad_actors::ActorLexicon;

#[derive(Args, Debug)]
pub struct ActorsArgs {
    #[command(subcommand)]
    command: ActorsCommand,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    Person,
    Org,
    Place,
    Country,
}

#[derive(Subcommand, Debug)]
enum ActorsCommand {
    /// Lists known actors as TSV: kind, name, code, sector, detail.
    List {
        /// Only actors of this ISO3 (or IGO/NGO/...) code.
        #[arg(long)]
        country: Option<String>,
        #[arg(long, value_enum)]
        kind: Option<Kind>,
        /// A directory of data files overriding the embedded ones.
        #[arg(long, value_name = "DIR")]
        data: Option<PathBuf>,
    },
    /// Appends a person (people.tsv) or organisation (organisations.tsv) to DIR/actors/.
    Add {
        #[arg(long)]
        name: String,
        #[arg(long)]
        country: String,
        #[arg(long)]
        sector: String,
        #[arg(long)]
        role: Option<String>,
        #[arg(long, value_parser = crate::parse_date)]
        start: Option<dyad_model::Date>,
        #[arg(long, value_parser = crate::parse_date)]
        end: Option<dyad_model::Date>,
        #[arg(long = "alias")]
        aliases: Vec<String>,
        /// person (default when a role or date is given) or org.
        #[arg(long, value_enum)]
        kind: Option<Kind>,
        #[arg(long, value_name = "DIR")]
        data: PathBuf,
    },
    /// Event counts per actor code in the store: as actor and recipient, cooperation and
    /// conflict, mean Goldstein score, first and last event.
    Stats {
        #[command(flatten)]
        db: crate::events::DbArg,
        /// Only this code.
        #[arg(long, value_name = "CODE")]
        actor: Option<String>,
        /// Events on or after this date.
        #[arg(long, value_name = "DATE", value_parser = crate::parse_date)]
        since: Option<dyad_model::Date>,
        /// Events on or before this date.
        #[arg(long, value_name = "DATE", value_parser = crate::parse_date)]
        until: Option<dyad_model::Date>,
        /// At most N rows.
        #[arg(long, value_name = "N", default_value_t = 50)]
        limit: usize,
        /// One JSON object per line.
        #[arg(long)]
        json: bool,
    },
    /// Converts PETRARCH/TABARI .actors.txt and .agents.txt files into dyad tables in
    /// OUT/actors/ (people.tsv, organisations.tsv, countries-extra.tsv, roles.tsv).
    Import {
        #[arg(long = "petrarch", required = true, num_args = 1..)]
        files: Vec<PathBuf>,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
}

fn lexicon(data: Option<&PathBuf>) -> anyhow::Result<ActorLexicon> {
    let mut set = dyad_data::DataSet::embedded();
    if let Some(dir) = data {
        set = set
            .with_dir(dir)
            .map_err(|e| anyhow::anyhow!("--data {}: {e}", dir.display()))?;
    }
    Ok(ActorLexicon::from_data(&set)?)
}

fn append(path: &Path, header: &str, line: &str) -> anyhow::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
    }
    let fresh = !path.exists();
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    if fresh {
        f.write_all(header.as_bytes())?;
    }
    f.write_all(line.as_bytes())?;
    Ok(())
}

/// Runs the command; returns the exit status.
pub fn run(args: ActorsArgs) -> anyhow::Result<u8> {
    match args.command {
        ActorsCommand::Stats {
            db,
            actor,
            since,
            until,
            limit,
            json,
        } => {
            let store = crate::events::open_existing(&db.db)?;
            let rows = store.actor_summary(&dyad_store::SummaryQuery {
                dyad: None,
                actor,
                since,
                until,
                by_month: false,
                limit: Some(limit),
            })?;
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            let written = (|| -> std::io::Result<()> {
                if !json {
                    writeln!(
                        out,
                        "CODE NAME                      EVENTS   ACTOR RECIPNT    COOP    CONF GOLDSTEIN FIRST      LAST"
                    )?;
                }
                for r in &rows {
                    if json {
                        serde_json::to_writer(&mut out, r)?;
                        writeln!(out)?;
                    } else {
                        writeln!(
                            out,
                            "{:<4} {:<24} {:>7} {:>7} {:>7} {:>7} {:>7} {:>+9.2} {:<10} {}",
                            r.code,
                            r.name
                                .as_deref()
                                .unwrap_or("-")
                                .chars()
                                .take(24)
                                .collect::<String>(),
                            r.events,
                            r.as_actor,
                            r.as_recipient,
                            r.cooperation,
                            r.conflict,
                            r.goldstein_mean,
                            r.first.as_deref().unwrap_or("-"),
                            r.last.as_deref().unwrap_or("-")
                        )?;
                    }
                }
                out.flush()
            })();
            if let Err(e) = written {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    return Err(e.into());
                }
            }
        }
        ActorsCommand::List {
            country,
            kind,
            data,
        } => {
            let lex = lexicon(data.as_ref())?;
            let want = kind.map(|k| match k {
                Kind::Person => "person",
                Kind::Org => "org",
                Kind::Place => "place",
                Kind::Country => "country",
            });
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            for l in lex.catalogue() {
                if want.is_some_and(|w| w != l.kind)
                    || country
                        .as_deref()
                        .is_some_and(|c| !c.eq_ignore_ascii_case(&l.code))
                {
                    continue;
                }
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}",
                    l.kind, l.name, l.code, l.sector, l.detail
                )?;
            }
        }
        ActorsCommand::Add {
            name,
            country,
            sector,
            role,
            start,
            end,
            aliases,
            kind,
            data,
        } => {
            let person = match kind {
                Some(Kind::Person) => true,
                Some(Kind::Org) => false,
                Some(other) => anyhow::bail!("actors add: --kind {other:?} is not supported"),
                None => role.is_some() || start.is_some() || end.is_some(),
            };
            let actor = NewActor {
                name,
                aliases,
                country,
                sector,
                role,
                start: start.map(|d| d.to_string()),
                end: end.map(|d| d.to_string()),
            };
            let dir = data.join("actors");
            let (path, header, line) = if person {
                (dir.join("people.tsv"), PEOPLE_HEADER, actor.people_line())
            } else {
                (
                    dir.join("organisations.tsv"),
                    ORGANISATIONS_HEADER,
                    actor.organisation_line(),
                )
            };
            append(&path, header, &line)?;
            // The file must still load.
            lexicon(Some(&data))?;
            eprintln!("added {} to {}", actor.name, path.display());
        }
        ActorsCommand::Import { files, out } => {
            let mut import = Import::default();
            for f in &files {
                let name = f.display().to_string();
                let text =
                    std::fs::read_to_string(f).map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
                let lower = name.to_lowercase();
                if lower.ends_with(".agents.txt") {
                    parse_agents(&name, &text, &mut import);
                } else {
                    parse_actors(&name, &text, &mut import);
                }
            }
            let dir = out.join("actors");
            std::fs::create_dir_all(&dir).map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
            let mut written = Vec::new();
            let tables = [
                ("people.tsv", import.people_tsv(), import.people.len()),
                (
                    "organisations.tsv",
                    import.organisations_tsv(),
                    import.organisations.len(),
                ),
                (
                    "countries-extra.tsv",
                    import.countries_tsv(),
                    import.countries.len(),
                ),
                ("roles.tsv", import.roles_tsv(), import.agents.len()),
            ];
            for (file, text, n) in tables {
                if n == 0 {
                    continue;
                }
                let path = dir.join(file);
                std::fs::write(&path, text)
                    .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
                written.push(format!("{n} -> {}", path.display()));
            }
            for s in &import.skipped {
                eprintln!("skipped: {s}");
            }
            eprintln!(
                "imported: {}; {} lines skipped",
                written.join(", "),
                import.skipped.len()
            );
        }
    }
    Ok(0)
}
