//! `dyad actors`: list what the actor lexicon knows, add curated people and organisations,
//! and import PETRARCH/TABARI dictionaries. A thin layer over `dyad_actors::curated` and
//! `dyad_actors::petrarch`.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};
use dyad_actors::curated::{NewActor, ORGANISATIONS_HEADER, PEOPLE_HEADER};
use dyad_actors::petrarch::{parse_actors, parse_agents, Import};
use dyad_actors::ActorLexicon;
use dyad_model::codes::{in_group, ORGANISATION_GROUPS, SECTORS};

#[derive(Args, Debug)]
pub struct ActorsArgs {
    #[command(subcommand)]
    command: ActorsCommand,
}

/// The kinds `actors list` shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    Person,
    Org,
    Place,
    Country,
}

/// The kinds `actors add` writes (places and countries come from the gazetteers).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum AddKind {
    /// A person, in actors/people.tsv.
    Person,
    /// An organisation, in actors/organisations.tsv.
    Org,
}

#[derive(Subcommand, Debug)]
enum ActorsCommand {
    /// Lists known actors as TSV: kind, name, code, sector, detail.
    List {
        /// Only actors of this ISO3 (or IGO/NGO/...) code; a group (IGO) lists all of its
        /// organisations (IGOUNO, IGONAT, ...).
        #[arg(long, value_name = "CODE")]
        country: Option<String>,
        /// Only actors of this kind.
        #[arg(long, value_enum)]
        kind: Option<Kind>,
        /// A directory of data files overriding the embedded ones.
        #[arg(long, value_name = "DIR")]
        data: Option<PathBuf>,
    },
    /// Appends a person (people.tsv) or organisation (organisations.tsv) to DIR/actors/.
    Add {
        /// The actor's name as the news writes it ("Jane Roe", "Northern Grain Board").
        #[arg(long)]
        name: String,
        /// Country code (ISO 3166-1 alpha-3, e.g. GBR) or group code (IGO, NGO, ...) of
        /// the actor; `dyad actors list --kind country` lists the known ones.
        #[arg(long, value_name = "CODE")]
        country: String,
        /// CAMEO sector code (GOV, MIL, JRN, BUS, ...); several joined, as GOVMIL.
        #[arg(long, value_name = "SECTOR")]
        sector: String,
        /// A person's role in that post ("defence minister").
        #[arg(long)]
        role: Option<String>,
        /// First day in the post (YYYY-MM-DD).
        #[arg(long, value_name = "DATE", value_parser = crate::parse_date)]
        start: Option<dyad_model::Date>,
        /// Last day in the post (YYYY-MM-DD).
        #[arg(long, value_name = "DATE", value_parser = crate::parse_date)]
        end: Option<dyad_model::Date>,
        /// Another name the actor goes by (repeatable).
        #[arg(long = "alias", value_name = "NAME")]
        aliases: Vec<String>,
        /// person (default when a role or date is given) or org.
        #[arg(long, value_enum)]
        kind: Option<AddKind>,
        /// The data directory to write to (DIR/actors/); use it with `--data DIR`.
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
        /// Only events with this merged status, one or several separated by commas
        /// (asserted,reported,alleged); default: any.
        #[arg(long, value_name = "S[,S...]", value_parser = crate::events::parse_status, value_delimiter = ',')]
        status: Vec<dyad_model::Status>,
        /// At most N rows.
        #[arg(long, value_name = "N", default_value_t = 50, value_parser = crate::parse_limit, allow_negative_numbers = true)]
        limit: usize,
        /// One JSON object per line.
        #[arg(long)]
        json: bool,
    },
    /// Converts PETRARCH/TABARI .actors.txt and .agents.txt files into dyad tables in
    /// OUT/actors/ (people.tsv, organisations.tsv, countries-extra.tsv, roles.tsv).
    Import {
        /// PETRARCH/TABARI dictionaries to convert: `*.actors.txt` (people, organisations,
        /// countries) and `*.agents.txt` (role words).
        #[arg(long = "petrarch", value_name = "FILE", required = true, num_args = 1..)]
        files: Vec<PathBuf>,
        /// The data directory to write the tables to (OUT/actors/).
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

/// `--country` of `actors add`: a code the lexicon knows (a country's ISO3 code or an
/// organisation's group code), upper-cased.
fn check_code(lex: &ActorLexicon, code: &str) -> anyhow::Result<String> {
    let code = code.trim().to_ascii_uppercase();
    if ORGANISATION_GROUPS.contains(&code.as_str())
        || lex.catalogue().iter().any(|l| l.code == code)
    {
        return Ok(code);
    }
    anyhow::bail!(
        "actors add: --country {code:?} is not a code dyad knows (an ISO 3166-1 alpha-3 \
         country code such as GBR, or a group code such as IGO or NGO; \
         `dyad actors list --kind country` lists the countries)"
    )
}

/// Whether an actor's `code` is the `wanted` one, or an organisation of the wanted group.
fn matches_code(wanted: &str, code: &str) -> bool {
    wanted == code || (ORGANISATION_GROUPS.contains(&wanted) && in_group(code, wanted))
}

/// `--sector` of `actors add`: one or more three-letter CAMEO sector codes (`GOV`,
/// `GOVMIL`), each known to CAMEO or already used by the lexicon.
fn check_sector(lex: &ActorLexicon, sector: &str) -> anyhow::Result<String> {
    let sector = sector.trim().to_ascii_uppercase();
    let used: std::collections::BTreeSet<String> = lex
        .catalogue()
        .into_iter()
        .map(|l| l.sector)
        .filter(|s| !s.is_empty())
        .collect();
    let known = |part: &str| SECTORS.contains(&part) || used.contains(part);
    let parts: Vec<&str> = if sector.len().is_multiple_of(3) && sector.is_ascii() {
        (0..sector.len())
            .step_by(3)
            .map(|i| &sector[i..i + 3])
            .collect()
    } else {
        Vec::new()
    };
    if !parts.is_empty() && parts.iter().all(|p| known(p)) {
        return Ok(sector);
    }
    anyhow::bail!(
        "actors add: --sector {sector:?} is not a CAMEO sector code (one or more of {}, \
         e.g. GOV or GOVMIL)",
        SECTORS.join(" ")
    )
}

/// Runs the command; returns the exit status.
pub fn run(args: ActorsArgs) -> anyhow::Result<u8> {
    match args.command {
        ActorsCommand::Stats {
            db,
            actor,
            since,
            until,
            status,
            limit,
            json,
        } => {
            let store = crate::events::open_existing(&db.db)?;
            let rows = store.actor_summary(&dyad_store::SummaryQuery {
                dyad: None,
                actor,
                since,
                until,
                status,
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
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            for l in lex.catalogue() {
                if want.is_some_and(|w| w != l.kind)
                    || country
                        .as_deref()
                        .map(str::to_ascii_uppercase)
                        .is_some_and(|c| !matches_code(&c, &l.code))
                {
                    continue;
                }
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}",
                    l.kind, l.name, l.code, l.sector, l.detail
                )?;
            }
            out.flush()?;
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
                Some(AddKind::Person) => true,
                Some(AddKind::Org) => false,
                None => role.is_some() || start.is_some() || end.is_some(),
            };
            let known = lexicon(Some(&data).filter(|d| d.join("actors").is_dir()))?;
            let country = check_code(&known, &country)?;
            let sector = check_sector(&known, &sector)?;
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
