//! The durable dyad store: an SQLite database (WAL journal) in which one real event is one
//! record with every report that mentions it.
//!
//! - [`Store::open`] creates or opens a store, migrating older schemas and refusing files
//!   that are not dyad stores (checked by the `application_id` pragma) without touching them.
//! - [`Store::batch`] opens a write transaction; [`Batch::add`] stores one document's
//!   [`Extraction`]: the document (keyed by its content hash, so re-ingesting changes
//!   nothing), its source, canonical entities with aliases and roles, mentions, and its
//!   events, each merged with the reports of the same happening already stored (the rules of
//!   [`dyad_merge`]). [`Batch::commit`] makes the batch durable at once, so a killed ingest
//!   loses at most the batch in flight and a rerun completes it.
//! - [`Store::events`] answers [`EventQuery`]s (actor, recipient, dyad in either direction,
//!   type, status, date range, place, country, full-text search over the evidence) with
//!   [`StoredEvent`]s: the extraction contract's event fields plus `num_mentions`,
//!   `num_sources`, `num_articles`, `first_seen`, `last_seen`, `documents` and the claims
//!   view. [`Store::actor_summary`] and [`Store::dyad_summary`] count by actor and by dyad.
//! - The read views of the HTTP API ([`views`]): [`Store::overview`], [`Store::timeline`],
//!   [`Store::network`], [`Store::places`], [`Store::documents`], [`Store::document_view`],
//!   [`Store::event_reports`].
//! - [`intake`]: the rules a document read from an input passes before extraction
//!   (language, default date, already stored), the same for every edge.
//! - [`export`] writes flat rows as CSV and, with the `parquet` feature, Parquet.
//!
//! The schema is in [`schema`] and `docs/store.md`.

pub mod export;
pub mod intake;
mod read;
pub mod schema;
pub mod views;
mod write;

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

pub use dyad_merge::MergeRules;
pub use intake::{Admission, Intake};
pub use read::{
    has_search_words, ActorSummary, ClaimView, DyadSummary, EventQuery, Sort, StoredEvent,
    SummaryQuery,
};
pub use views::{
    DocumentEvent, DocumentPage, DocumentSummary, DocumentView, Interval, Network, NetworkEdge,
    NetworkNode, Overview, PlaceSummary, QuadCounts, Report, TimelineBucket, TypeCount,
};
pub use write::{content_hash, AddOutcome, Batch};

/// Errors of the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: not a dyad store ({reason}); refusing to use or overwrite it")]
    Foreign { path: String, reason: String },
    #[error("{path}: store schema version {found} is newer than this dyad supports ({supported})")]
    TooNew {
        path: String,
        found: i32,
        supported: i32,
    },
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: no store there (create one with `dyad ingest --db {path} INPUT ...`)")]
    Missing { path: String },
    #[error(
        "{path}: the store cannot be written ({reason}); commands that only read it \
         (dyad events, dyad export, dyad serve --read-only) open it read-only"
    )]
    ReadOnly { path: String, reason: String },
    #[error("{path}: cannot open the store: {reason}")]
    Open { path: String, reason: String },
    #[error(
        "{path}: store schema version {found} is older than this dyad's ({supported}) and \
         cannot be upgraded read-only: open it once with a command that writes (dyad ingest)"
    )]
    Outdated {
        path: String,
        found: i32,
        supported: i32,
    },
    #[error(
        "{path}: another process kept the store locked for writing for more than {} s; \
         try again when it is done",
        BUSY_TIMEOUT.as_secs()
    )]
    Busy { path: String },
    #[error("the query ran past its deadline and was stopped (Store::set_deadline)")]
    Interrupted,
    #[error("database: {0}")]
    Sqlite(rusqlite::Error),
    #[error("stored record: {0}")]
    Json(#[from] serde_json::Error),
    #[error("{0}")]
    Invalid(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> StoreError {
        match error.sqlite_error_code() {
            Some(rusqlite::ErrorCode::OperationInterrupted) => StoreError::Interrupted,
            _ => StoreError::Sqlite(error),
        }
    }
}

/// Counts of what a store holds.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct StoreStats {
    pub documents: u64,
    pub duplicates: u64,
    pub sources: u64,
    pub entities: u64,
    pub events: u64,
    pub reports: u64,
}

/// How long a writer waits for another connection or process to finish writing before
/// giving up with [`StoreError::Busy`].
pub const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// `error`, or [`StoreError::Busy`] when it says the store stayed locked.
fn busy_or(error: rusqlite::Error, path: &str) -> StoreError {
    match error.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
            StoreError::Busy {
                path: path.to_string(),
            }
        }
        _ => StoreError::Sqlite(error),
    }
}

/// An open store.
pub struct Store {
    conn: Connection,
    rules: MergeRules,
    path: String,
    /// When the connection's statements are stopped ([`Store::set_deadline`]).
    deadline: Deadline,
}

/// A connection's deadline, checked by SQLite's progress handler every
/// [`DEADLINE_CHECK_STEPS`] virtual-machine steps.
type Deadline = std::sync::Arc<std::sync::Mutex<Option<std::time::Instant>>>;

/// Virtual-machine steps between two checks of the deadline (some microseconds; a check
/// costs tens of nanoseconds).
const DEADLINE_CHECK_STEPS: i32 = 1_000;

/// Makes SQLite stop a statement of `conn` that runs past the deadline.
fn watch_deadline(conn: &mut Connection) -> Result<Deadline> {
    let deadline = Deadline::default();
    let watched = std::sync::Arc::clone(&deadline);
    conn.progress_handler(
        DEADLINE_CHECK_STEPS,
        Some(move || {
            watched
                .lock()
                .ok()
                .and_then(|d| *d)
                .is_some_and(|d| std::time::Instant::now() >= d)
        }),
    )?;
    Ok(deadline)
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// The counts [`Store::stats`] reads.
const STATS_SQL: &str = "SELECT name, n FROM store_counts";

/// Checks that an existing file is an SQLite database before SQLite sees it.
fn check_header(path: &Path) -> Result<()> {
    use std::io::Read;
    let name = path.display().to_string();
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => return Err(StoreError::Io { path: name, source }),
    };
    let mut header = [0u8; 16];
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(source) => return Err(StoreError::Io { path: name, source }),
        }
    }
    if read == 0 {
        // An empty file: SQLite treats it as a new database.
        return Ok(());
    }
    if read < header.len() || &header != SQLITE_MAGIC {
        return Err(StoreError::Foreign {
            path: name,
            reason: "the file is not an SQLite database".into(),
        });
    }
    Ok(())
}

/// The three facts of a store file's header, read in one snapshot.
struct Header {
    application_id: i32,
    version: i32,
    tables: i64,
}

impl Header {
    /// Reads the header facts in one transaction: never a version committed by another
    /// process between two of the reads.
    fn read(conn: &mut Connection) -> rusqlite::Result<Header> {
        let tx = conn.transaction()?;
        let application_id: i32 = tx.pragma_query_value(None, "application_id", |r| r.get(0))?;
        let version: i32 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let tables: i64 = tx.query_row(
            "SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'",
            [],
            |r| r.get(0),
        )?;
        tx.commit()?;
        Ok(Header {
            application_id,
            version,
            tables,
        })
    }

    /// Whether the file is a new, empty database (a store to create).
    fn is_empty(&self) -> bool {
        self.application_id == 0 && self.version == 0 && self.tables == 0
    }

    /// Refuses a file that is not a dyad store (`empty_ok`: an empty database is one to
    /// create) or a store newer than this build.
    fn check(&self, path: &str, empty_ok: bool) -> Result<()> {
        if self.application_id != schema::APPLICATION_ID && !(empty_ok && self.is_empty()) {
            return Err(StoreError::Foreign {
                path: path.to_string(),
                reason: format!(
                    "application_id {:#x}, user_version {}, {} tables",
                    self.application_id, self.version, self.tables
                ),
            });
        }
        if self.version > schema::latest_version() {
            return Err(StoreError::TooNew {
                path: path.to_string(),
                found: self.version,
                supported: schema::latest_version(),
            });
        }
        Ok(())
    }
}

/// The store error for an SQLite error met while opening `path`: a file that is not a
/// database is foreign; one SQLite cannot open names the likely cause.
fn open_error(path: &Path, error: rusqlite::Error) -> StoreError {
    let name = path.display().to_string();
    match error.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => StoreError::Foreign {
            path: name,
            reason: error.to_string(),
        },
        Some(rusqlite::ErrorCode::CannotOpen) => StoreError::Open {
            reason: format!(
                "{error} (SQLite keeps {name}-wal and {name}-shm beside the store: is its \
                 directory writable?)"
            ),
            path: name,
        },
        Some(rusqlite::ErrorCode::ReadOnly) => StoreError::ReadOnly {
            path: name,
            reason: error.to_string(),
        },
        _ => StoreError::Sqlite(error),
    }
}

/// Refuses, before SQLite opens it, an existing store file this process cannot write
/// (a read-only file or mount): SQLite would open it read-only and fail at the first write.
fn check_writable(path: &Path) -> Result<()> {
    match std::fs::OpenOptions::new().write(true).open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(StoreError::ReadOnly {
            path: path.display().to_string(),
            reason: e.to_string(),
        }),
    }
}

/// `path` as an SQLite `file:` URI with `query` (for `immutable=1`).
fn file_uri(path: &Path, query: &str) -> String {
    use std::fmt::Write;
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()).to_vec();
    #[cfg(not(unix))]
    let bytes = path.to_string_lossy().into_owned().into_bytes();
    let mut uri = String::from("file:");
    for b in bytes {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            uri.push(char::from(b));
        } else {
            let _ = write!(uri, "%{b:02X}");
        }
    }
    uri.push('?');
    uri.push_str(query);
    uri
}

/// Whether `path` has a write-ahead log with content: changes not yet in the main file.
fn has_wal(path: &Path) -> bool {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(wal).is_ok_and(|m| m.len() > 0)
}

impl Store {
    /// Opens the store at `path` for reading and writing, creating it when absent and
    /// migrating an older schema. A store this process cannot write (read-only file or
    /// mount) is refused with [`StoreError::ReadOnly`]: open it with
    /// [`Store::open_read_only`].
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        check_header(path)?;
        check_writable(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| open_error(path, e))?;
        if conn.is_readonly(rusqlite::MAIN_DB)? {
            return Err(StoreError::ReadOnly {
                path: path.display().to_string(),
                reason: "SQLite could open it for reading only".into(),
            });
        }
        Store::init(conn, path, true)
    }

    /// Opens an existing store for reading only, never writing to its file or directory:
    /// a store on a read-only mount, or a read-only file, can be read. Where SQLite
    /// cannot create its shared-memory file (`-shm`) beside the store and no write-ahead
    /// log is pending, the file is opened as immutable (nothing can change it there).
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        match std::fs::metadata(path) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(StoreError::Missing {
                    path: path.display().to_string(),
                })
            }
            Err(source) => {
                return Err(StoreError::Io {
                    path: path.display().to_string(),
                    source,
                })
            }
        }
        check_header(path)?;
        match Store::open_reader(path, false) {
            Err(StoreError::Open { .. }) if !has_wal(path) => Store::open_reader(path, true),
            Err(StoreError::Open { path: name, .. }) => Err(StoreError::Open {
                reason: format!(
                    "its write-ahead log {name}-wal holds changes that SQLite can read only \
                     with write access to the store's directory (to create {name}-shm)"
                ),
                path: name,
            }),
            result => result,
        }
    }

    /// A read-only connection (`immutable`: through a URI that tells SQLite nothing
    /// changes the file, so that it needs no `-shm` file).
    fn open_reader(path: &Path, immutable: bool) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let mut conn = if immutable {
            Connection::open_with_flags(file_uri(path, "immutable=1"), flags)
        } else {
            Connection::open_with_flags(path, flags)
        }
        .map_err(|e| open_error(path, e))?;
        let name = path.display().to_string();
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let header = Header::read(&mut conn).map_err(|e| open_error(path, e))?;
        header.check(&name, false)?;
        if header.version < schema::latest_version() {
            return Err(StoreError::Outdated {
                path: name,
                found: header.version,
                supported: schema::latest_version(),
            });
        }
        conn.pragma_update(None, "query_only", true)?;
        Store::tune(&conn)?;
        let deadline = watch_deadline(&mut conn)?;
        Ok(Store {
            conn,
            rules: MergeRules::default(),
            path: name,
            deadline,
        })
    }

    /// A store in memory (tests, benchmarks).
    pub fn open_in_memory() -> Result<Store> {
        Store::init(Connection::open_in_memory()?, Path::new(":memory:"), false)
    }

    /// The settings of every connection.
    fn tune(conn: &Connection) -> Result<()> {
        // Query plans that do not depend on the values bound to a statement. Without
        // this, a cached statement whose plan SQLite marked value-dependent is prepared
        // again each time it is bound anew (most of the time of an event page went to
        // re-preparing the per-event queries).
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        conn.pragma_update(None, "cache_size", -65_536)?;
        Ok(())
    }

    fn init(mut conn: Connection, path: &Path, wal: bool) -> Result<Store> {
        let name = path.display().to_string();
        // Another process may be creating, migrating or writing the same file: wait for
        // it rather than fail on a locked database.
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let header = Header::read(&mut conn).map_err(|e| open_error(path, e))?;
        header.check(&name, true)?;
        if wal {
            // Switching the journal mode needs the file to itself and SQLite does not wait
            // for it: retry while another opener holds it.
            let started = std::time::Instant::now();
            loop {
                match conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(())) {
                    Err(rusqlite::Error::SqliteFailure(e, _))
                        if e.code == rusqlite::ErrorCode::DatabaseBusy
                            && started.elapsed() < BUSY_TIMEOUT =>
                    {
                        std::thread::sleep(std::time::Duration::from_millis(5));
                    }
                    result => break result.map_err(|e| open_error(path, e))?,
                }
            }
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        Store::tune(&conn)?;
        // Each migration runs in an IMMEDIATE transaction that re-reads the version under
        // the write lock, so two processes opening a new store at once migrate it once. A
        // store already at the latest version is opened without taking the write lock.
        if header.version < schema::latest_version() {
            loop {
                let tx = conn
                    .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                    .map_err(|e| busy_or(e, &name))?;
                let current: i32 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
                let Some(sql) = usize::try_from(current)
                    .ok()
                    .and_then(|i| schema::MIGRATIONS.get(i))
                else {
                    tx.commit()?;
                    break;
                };
                tx.execute_batch(sql)?;
                tx.pragma_update(None, "application_id", schema::APPLICATION_ID)?;
                tx.pragma_update(None, "user_version", current.saturating_add(1))?;
                tx.commit()?;
            }
        }
        let deadline = watch_deadline(&mut conn)?;
        Ok(Store {
            conn,
            rules: MergeRules::default(),
            path: name,
            deadline,
        })
    }

    /// Stops this store's statements that are still running at `deadline` (they fail
    /// with [`StoreError::Interrupted`]); `None` lifts it. For servers, which bound the
    /// work of one request.
    pub fn set_deadline(&self, deadline: Option<std::time::Instant>) {
        if let Ok(mut current) = self.deadline.lock() {
            *current = deadline;
        }
    }

    /// The merge rules new reports are matched with.
    pub fn set_rules(&mut self, rules: MergeRules) {
        self.rules = rules;
    }

    /// Where the store lives (`:memory:` for an in-memory store).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The schema version of the open store.
    pub fn schema_version(&self) -> Result<i32> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Opens a write transaction, waiting (up to [`BUSY_TIMEOUT`]) while another
    /// connection or process writes.
    ///
    /// The transaction is IMMEDIATE: it takes the write lock when it opens. A DEFERRED one
    /// reads first and asks for the lock at its first write, where SQLite in WAL mode
    /// answers "database is locked" at once, without waiting, whenever another writer
    /// committed in between; two ingests, or an ingest and the server, then fail instead
    /// of taking turns.
    pub fn batch(&mut self) -> Result<Batch<'_>> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| busy_or(e, &self.path))?;
        Batch::new(tx, self.rules)
    }

    /// Stores one extraction in its own transaction.
    pub fn add(&mut self, extraction: &dyad_model::Extraction) -> Result<AddOutcome> {
        let mut batch = self.batch()?;
        let outcome = batch.add(extraction)?;
        batch.commit()?;
        Ok(outcome)
    }

    /// Whether a document with this content hash is stored.
    pub fn contains(&self, hash: &str) -> Result<bool> {
        write::contains(&self.conn, hash)
    }

    /// Checks every page of the store for damage (SQLite `quick_check`; linear in the
    /// store's size, about a second per GB). Writers run it before their first write, so
    /// that a damaged store is refused with an error naming it, never written to.
    pub fn verify(&self) -> Result<()> {
        let damaged = |reason: String| {
            StoreError::Invalid(format!(
                "{}: the store is damaged ({reason}); refusing to write to it (restore it from a backup)",
                self.path
            ))
        };
        let mut statement = self
            .conn
            .prepare("PRAGMA quick_check(5)")
            .map_err(|e| damaged(e.to_string()))?;
        let problems: Vec<String> = statement
            .query_map([], |r| r.get::<_, String>(0))
            .and_then(|rows| rows.collect())
            .map_err(|e| damaged(e.to_string()))?;
        if problems.len() == 1 && problems[0] == "ok" {
            return Ok(());
        }
        Err(damaged(problems.join("; ")))
    }

    /// Counts of the store's records, read from the counts its triggers keep (constant
    /// time, whatever the store's size).
    pub fn stats(&self) -> Result<StoreStats> {
        let mut stats = StoreStats::default();
        let mut stmt = self.conn.prepare_cached(STATS_SQL)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let name: String = row.get(0)?;
            let n = read::count(row.get(1)?);
            match name.as_str() {
                "documents" => stats.documents = n,
                "duplicates" => stats.duplicates = n,
                "sources" => stats.sources = n,
                "entities" => stats.entities = n,
                "events" => stats.events = n,
                "reports" => stats.reports = n,
                _ => {}
            }
        }
        Ok(stats)
    }

    /// The connection, for read-only inspection (tests, tools).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_foreign_files_and_leaves_them_alone() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("notes.db");
        std::fs::write(&text, "just some text, not a database at all").unwrap();
        let err = Store::open(&text).err().unwrap();
        assert!(matches!(err, StoreError::Foreign { .. }), "{err}");
        assert_eq!(
            std::fs::read_to_string(&text).unwrap(),
            "just some text, not a database at all"
        );

        let other = dir.path().join("other.db");
        {
            let conn = Connection::open(&other).unwrap();
            conn.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
                .unwrap();
        }
        let err = Store::open(&other).err().unwrap();
        assert!(err.to_string().contains("not a dyad store"), "{err}");
        let conn = Connection::open(&other).unwrap();
        let n: i64 = conn
            .query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1);
    }

    #[test]
    fn creates_reopens_and_refuses_newer_schemas() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dyad.db");
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), schema::latest_version());
        drop(store);
        let store = Store::open(&path).unwrap();
        assert_eq!(store.stats().unwrap(), StoreStats::default());
        store
            .connection()
            .pragma_update(None, "user_version", 99)
            .unwrap();
        drop(store);
        let err = Store::open(&path).err().unwrap();
        assert!(matches!(err, StoreError::TooNew { found: 99, .. }), "{err}");
    }

    /// What version 4 of the schema added, dropped: a version-3 store.
    pub(crate) const UNDO_V4: &str = "
        DROP TRIGGER count_documents; DROP TRIGGER count_sources; DROP TRIGGER count_entities;
        DROP TRIGGER count_events; DROP TRIGGER count_reports; DROP TABLE store_counts;
        DROP TABLE document_fts; DROP INDEX documents_listing;";

    /// A document whose one event South Korean intelligence alleges, and whose entity is
    /// named twice: by name and by a pronoun.
    fn alleged_troops() -> dyad_model::Extraction {
        use dyad_model::testing::{
            attribution, entity, event, extraction, EntityFixture, EventFixture,
        };
        use dyad_model::{Attribution, EntityType, EventType, MentionKind, Status};
        let troops = event(EventType::Mobilize, &["PRK"], &["RUS"])
            .on("2024-10-01")
            .with_status(Status::Alleged)
            .attributed_to(Attribution {
                source_type: Some("intelligence".into()),
                ..attribution("South Korean intelligence", "KOR", "SPY", "said")
            });
        let text = "Kim Jong Un sent troops, he said.";
        let mut x = extraction("a", "Yonhap", "2024-10-02", text, vec![troops]);
        x.entities.push(
            entity("e1", EntityType::Person, "Kim Jong Un", "PRK", "GOV")
                .with_role("leader")
                .mentioned("Kim Jong Un", 0, None)
                .mentioned("he", 25, Some(MentionKind::Pronoun)),
        );
        x
    }

    fn columns(conn: &Connection, table: &str) -> Vec<String> {
        let mut stmt = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .unwrap();
        let names = stmt.query_map([], |r| r.get(0)).unwrap();
        names.collect::<rusqlite::Result<_>>().unwrap()
    }

    #[test]
    fn claims_keep_source_type_and_hedging_and_mentions_their_kind_and_role() {
        let mut store = Store::open_in_memory().unwrap();
        store.add(&alleged_troops()).unwrap();
        let events = store.events(&EventQuery::default()).unwrap();
        let claim = &events[0].claims[0];
        assert_eq!(claim.source_type.as_deref(), Some("intelligence"));
        assert!(claim.hedged);
        let attribution = &events[0].event.attribution[0];
        assert_eq!(attribution.source_type.as_deref(), Some("intelligence"));
        let (view, _) = store.document_view(1).unwrap().unwrap();
        let kinds: Vec<_> = view.entities[0].mentions.iter().map(|m| m.kind).collect();
        assert_eq!(kinds, [None, Some(dyad_model::MentionKind::Pronoun)]);
        assert_eq!(view.entities[0].role.as_deref(), Some("leader"));

        // The same source stating it plainly in another outlet's report: no longer hedged.
        let mut plain = alleged_troops();
        plain.doc.id = "b".into();
        plain.doc.source = Some("Reuters".into());
        plain.events[0].status = dyad_model::Status::Reported;
        store.add(&plain).unwrap();
        let events = store.events(&EventQuery::default()).unwrap();
        assert_eq!(events[0].claims[0].sources, ["Yonhap", "Reuters"]);
        assert_eq!(
            events[0].claims[0].source_type.as_deref(),
            Some("intelligence")
        );
        assert!(!events[0].claims[0].hedged);
    }

    #[test]
    fn a_version_1_store_upgrades_in_place_and_recovers_its_claims() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.db");
        {
            let mut store = Store::open(&path).unwrap();
            store.add(&alleged_troops()).unwrap();
            // Back to version 1: what versions 4 and 2 added is dropped.
            store.connection().execute_batch(UNDO_V4).unwrap();
            store
                .connection()
                .execute_batch(
                    "ALTER TABLE claims DROP COLUMN source_type;
                     ALTER TABLE claims DROP COLUMN hedged;
                     ALTER TABLE mentions DROP COLUMN kind;
                     ALTER TABLE mentions DROP COLUMN role;
                     PRAGMA user_version = 1;",
                )
                .unwrap();
            let v1 = Connection::open_in_memory().unwrap();
            v1.execute_batch(schema::MIGRATIONS[0]).unwrap();
            for table in ["claims", "mentions"] {
                assert_eq!(columns(store.connection(), table), columns(&v1, table));
            }
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), schema::latest_version());
        let events = store.events(&EventQuery::default()).unwrap();
        let claim = &events[0].claims[0];
        assert_eq!(claim.claimant, "South Korean intelligence");
        assert_eq!(claim.source_type.as_deref(), Some("intelligence"));
        assert!(claim.hedged);
        assert_eq!(
            events[0].event.attribution[0].source_type.as_deref(),
            Some("intelligence")
        );
        // What version 1 did not keep stays unknown.
        let (view, _) = store.document_view(1).unwrap().unwrap();
        assert!(view.entities[0].mentions.iter().all(|m| m.kind.is_none()));
        assert_eq!(view.entities[0].role, None);
        // Nothing else changed: the store takes new documents.
        let stats = store.stats().unwrap();
        assert_eq!((stats.documents, stats.events, stats.reports), (1, 1, 1));
    }
}
