//! Reading the store: event queries ([`EventQuery`] → [`StoredEvent`]) and the actor and
//! dyad summaries.

use dyad_model::codes::{organisation_part, ORGANISATION_GROUPS, SECTORS};
use dyad_model::{Attribution, Date, Denial, Document, Event, EventType, Status};
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use crate::write::{parse_date, parse_precision};
use crate::{Result, Store};

/// How query results are ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Latest event date first.
    #[default]
    Date,
    /// Earliest event date first.
    DateAsc,
    /// Most mentioned first.
    Mentions,
    /// Most sources first.
    Sources,
    /// Most articles first.
    Articles,
}

impl std::str::FromStr for Sort {
    type Err = String;

    fn from_str(text: &str) -> Result<Sort, String> {
        match text.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "date" | "date_desc" => Ok(Sort::Date),
            "date_asc" => Ok(Sort::DateAsc),
            "mentions" => Ok(Sort::Mentions),
            "sources" => Ok(Sort::Sources),
            "articles" => Ok(Sort::Articles),
            other => Err(format!(
                "unknown sort {other:?} (date, date-asc, mentions, sources, articles)"
            )),
        }
    }
}

/// A query over stored events. Every filter given must hold.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventQuery {
    /// An actor's code: a country or group code (`RUS`), optionally with a sector
    /// (`RUSGOV`).
    pub actor: Option<String>,
    /// A recipient's code, as for `actor`.
    pub recipient: Option<String>,
    /// Two codes, in either direction.
    pub dyad: Option<(String, String)>,
    pub event: Option<EventType>,
    /// The merged status is one of these (any status when empty).
    pub status: Vec<Status>,
    /// Event date (or, undated, publication date) on or after.
    pub since: Option<Date>,
    /// Event date (or, undated, publication date) on or before.
    pub until: Option<Date>,
    /// Full-text search over the evidence sentences of every report (FTS5; words are
    /// all required, `"..."` quotes a phrase, a trailing `*` matches a prefix).
    pub search: Option<String>,
    /// Place name (SQL `LIKE`, case-insensitive: `Pyong%`).
    pub place: Option<String>,
    /// Location country code.
    pub country: Option<String>,
    /// At least this many independent sources.
    pub min_sources: Option<u64>,
    pub sort: Sort,
    pub limit: Option<usize>,
    pub offset: usize,
}

/// Who asserts or denies a stored event, over all its reports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimView {
    pub stance: String,
    pub claimant: String,
    pub code: Option<String>,
    pub sector: Option<String>,
    pub cue: Option<String>,
    /// Whether the claimant is an outlet stating the event (or its negation) as fact.
    pub is_outlet: bool,
    /// The kind of source (`state_media`, `intelligence`, `government`, ...; the
    /// contract's `attribution[].source_type`): the first a report gives.
    pub source_type: Option<String>,
    /// Whether the claimant hedges ("reports suggest", "allegedly") in every report
    /// carrying the claim: one report stating it plainly makes it unhedged.
    pub hedged: bool,
    /// Earliest publication date of a report carrying the claim.
    pub first_seen: Option<Date>,
    /// The outlets whose reports carry the claim.
    pub sources: Vec<String>,
}

/// One stored event: the extraction contract's event fields (merged over its reports)
/// plus the counts over its reports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredEvent {
    #[serde(flatten)]
    pub event: Event,
    pub num_mentions: u64,
    pub num_sources: u64,
    pub num_articles: u64,
    pub first_seen: Option<Date>,
    pub last_seen: Option<Date>,
    /// Ids of the documents that report the event (wire copies included).
    pub documents: Vec<String>,
    /// The outlets that report it (wire copies excluded).
    pub sources: Vec<String>,
    pub claims: Vec<ClaimView>,
    /// Row id of the document whose report represents the event.
    #[serde(skip)]
    pub representative_document: i64,
}

/// Filters of the actor and dyad summaries.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SummaryQuery {
    /// Only this dyad (dyad summary) or this actor code (actor summary).
    pub dyad: Option<(String, String)>,
    pub actor: Option<String>,
    pub since: Option<Date>,
    pub until: Option<Date>,
    /// The merged status is one of these (any status when empty).
    pub status: Vec<Status>,
    /// Dyad summary: one row per month.
    pub by_month: bool,
    pub limit: Option<usize>,
}

/// Event counts of one actor code.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActorSummary {
    pub code: String,
    /// The name of the code ([`Store::code_name`]): its country's or organisation's.
    pub name: Option<String>,
    pub events: u64,
    pub as_actor: u64,
    pub as_recipient: u64,
    /// Events of quad class 1 and 2.
    pub cooperation: u64,
    /// Events of quad class 3 and 4.
    pub conflict: u64,
    pub goldstein_mean: f64,
    pub first: Option<String>,
    pub last: Option<String>,
    /// Canonical entities with this code.
    pub entities: u64,
}

/// Event counts of one dyad (in either direction), overall or in one month.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DyadSummary {
    pub code_a: String,
    pub code_b: String,
    /// The names of the two codes (`Store::code_name`: "Russia", "NATO"), when the store
    /// has an entity of that code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_a: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_b: Option<String>,
    /// `YYYY-MM` when summarised by month.
    pub month: Option<String>,
    pub events: u64,
    pub verbal_cooperation: u64,
    pub material_cooperation: u64,
    pub verbal_conflict: u64,
    pub material_conflict: u64,
    /// (cooperation − conflict) / events, in −1 ..= 1.
    pub balance: f64,
    pub goldstein_mean: f64,
    pub mentions: u64,
}

/// `RUS` → (`RUS`, None); `RUSGOV` → (`RUS`, `GOV`).
fn split_code(code: &str) -> (String, Option<String>) {
    let code = code.trim().to_ascii_uppercase();
    // An organisation's own code (`IGONAT`, `NGOAMN`) is one code; a group followed by a
    // sector (`IGOGOV`) is the group and the sector, as a country's is.
    let organisation = organisation_part(&code).is_some_and(|org| !SECTORS.contains(&org));
    if code.len() == 6 && code.chars().all(|c| c.is_ascii_alphabetic()) && !organisation {
        let (country, sector) = code.split_at(3);
        return (country.to_string(), Some(sector.to_string()));
    }
    (code, None)
}

/// The SQL condition that `column` (bound to `param`) is `code`: for an organisation
/// group (`IGO`, `NGO`, `MNC`) also any of its organisations' codes (`IGONAT`, `IGOUNO`).
fn code_condition(column: &str, param: &str, code: &str) -> String {
    if ORGANISATION_GROUPS.contains(&code) {
        // The group is one of three constants, never the user's text.
        format!("({column} = {param} OR {column} GLOB '{code}[A-Z0-9]*')")
    } else {
        format!("{column} = {param}")
    }
}

/// The user's search text as an FTS5 query: words ANDed, each quoted so punctuation never
/// breaks the syntax; `"phrases"` kept; a trailing `*` kept as a prefix match.
pub(crate) fn fts_query(text: &str) -> String {
    let mut terms = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('"') {
            let (phrase, tail) = after.split_once('"').unwrap_or((after, ""));
            let words: Vec<&str> = phrase
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            if !words.is_empty() {
                terms.push(format!("\"{}\"", words.join(" ")));
            }
            rest = tail.trim_start();
            continue;
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (word, tail) = rest.split_at(end);
        let prefix = word.ends_with('*');
        for part in word
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            terms.push(format!("\"{part}\""));
        }
        if prefix {
            if let Some(last) = terms.last_mut() {
                last.push('*');
            }
        }
        rest = tail.trim_start();
    }
    terms.join(" ")
}

/// `column IN ('asserted', ...)` for a non-empty status list. The names are the enum's
/// own (never user text), so they are written into the SQL rather than bound.
pub(crate) fn status_condition(statuses: &[Status], column: &str) -> Option<String> {
    if statuses.is_empty() {
        return None;
    }
    let mut names: Vec<&str> = statuses.iter().map(|s| s.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    let list: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    Some(format!("{column} IN ({})", list.join(", ")))
}

/// Whether a search text has a word to search for (letters or digits); one without
/// (punctuation, invisible characters) matches no event and no document.
pub fn has_search_words(text: &str) -> bool {
    !fts_query(text).is_empty()
}

pub(crate) struct Sql {
    pub(crate) from: String,
    pub(crate) conditions: Vec<String>,
    pub(crate) params: Vec<Value>,
    pub(crate) date_column: &'static str,
}

impl Sql {
    fn param(&mut self, value: impl Into<Value>) -> String {
        self.params.push(value.into());
        format!("?{}", self.params.len())
    }
}

pub(crate) fn build(query: &EventQuery) -> Sql {
    let mut sql = Sql {
        from: "events e".into(),
        conditions: Vec::new(),
        params: Vec::new(),
        date_column: "e.anchor",
    };
    if let Some((a, b)) = &query.dyad {
        let (a, _) = split_code(a);
        let (b, _) = split_code(b);
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        sql.from = "event_dyads d JOIN events e ON e.id = d.event_id".into();
        sql.date_column = "d.anchor";
        let pa = sql.param(a);
        let pb = sql.param(b);
        sql.conditions
            .push(format!("d.code_a = {pa} AND d.code_b = {pb}"));
    }
    // Without a dyad, an actor (or recipient) code drives the query through the
    // (code, side, anchor) index.
    let driving = match (&query.dyad, &query.actor, &query.recipient) {
        (None, Some(code), _) => Some(("actor", split_code(code).0)),
        (None, None, Some(code)) => Some(("recipient", split_code(code).0)),
        _ => None,
    };
    if let Some((side, code)) = &driving {
        sql.from = "event_codes c JOIN events e ON e.id = c.event_id".into();
        sql.date_column = "c.anchor";
        let pc = sql.param(code.clone());
        let matches = code_condition("c.code", &pc, code);
        sql.conditions
            .push(format!("{matches} AND c.side = '{side}'"));
    }
    if let Some(since) = query.since {
        let p = sql.param(since.to_string());
        sql.conditions.push(format!("{} >= {p}", sql.date_column));
    }
    if let Some(until) = query.until {
        let p = sql.param(until.to_string());
        sql.conditions.push(format!("{} <= {p}", sql.date_column));
        if query.since.is_none() {
            // Undated events (empty anchor) sort before every date.
            sql.conditions.push(format!("{} <> ''", sql.date_column));
        }
    }
    for (side, code) in [("actor", &query.actor), ("recipient", &query.recipient)] {
        let Some(code) = code else { continue };
        let (code, sector) = split_code(code);
        let driven = driving
            .as_ref()
            .is_some_and(|(s, c)| *s == side && *c == code);
        if driven && sector.is_none() {
            continue;
        }
        let matches = code_condition("code", &sql.param(code.clone()), &code);
        let sector_condition = match sector {
            Some(s) => format!(" AND sector = {}", sql.param(s)),
            None => String::new(),
        };
        sql.conditions.push(format!(
            "e.id IN (SELECT event_id FROM event_parties WHERE {matches} AND side = '{side}'{sector_condition})"
        ));
    }
    if let Some(kind) = query.event {
        let p = sql.param(kind.as_str().to_string());
        sql.conditions.push(format!("e.event_type = {p}"));
    }
    if let Some(condition) = status_condition(&query.status, "e.status") {
        sql.conditions.push(condition);
    }
    if let Some(place) = &query.place {
        let p = sql.param(place.clone());
        sql.conditions.push(format!("e.place LIKE {p}"));
    }
    if let Some(country) = &query.country {
        let p = sql.param(country.trim().to_ascii_uppercase());
        sql.conditions.push(format!("e.country = {p}"));
    }
    if let Some(min) = query.min_sources {
        let p = sql.param(i64::try_from(min).unwrap_or(i64::MAX));
        sql.conditions.push(format!("e.num_sources >= {p}"));
    }
    match query
        .search
        .as_deref()
        .filter(|text| !text.trim().is_empty())
        .map(fts_query)
    {
        // A search without a word matches nothing, never everything.
        Some(terms) if terms.is_empty() => sql.conditions.push("0".into()),
        Some(terms) => {
            let p = sql.param(terms);
            sql.conditions.push(format!(
                "e.id IN (SELECT r.event_id FROM report_fts f JOIN event_reports r ON r.id = f.rowid
                          WHERE report_fts MATCH {p})"
            ));
        }
        None => {}
    }
    sql
}

/// An event row's columns. Its representative report is its first (lowest id), found with
/// `min`, which needs no sort (`ORDER BY r.id LIMIT 1` sorted each event's reports).
const EVENT_COLUMNS: &str = "e.id,
    (SELECT r.event_json FROM event_reports r
     WHERE r.id = (SELECT min(f.id) FROM event_reports f WHERE f.event_id = e.id)),
    e.date, e.date_end, e.date_precision,
    e.status, e.num_mentions, e.num_sources, e.num_articles, e.first_seen, e.last_seen,
    e.representative_document";

/// The documents and sources of an event's reports, earliest published first.
const EVENT_DOCUMENTS_SQL: &str = "SELECT d.doc_key, r.source_key, r.counted
    FROM event_reports r JOIN documents d ON d.id = r.document_id
    WHERE r.event_id = ?1 ORDER BY r.published, r.id";

/// The claims of an event's reports, earliest published first.
const EVENT_CLAIMS_SQL: &str = "SELECT stance, claimant, code, sector, cue, is_outlet,
    outlet, published, source_type, hedged
    FROM claims WHERE event_id = ?1 ORDER BY published, report_id";

/// The events an event links to.
const EVENT_LINKS_SQL: &str =
    "SELECT target_id FROM event_links WHERE event_id = ?1 ORDER BY target_id";

struct EventRow {
    id: i64,
    representative: String,
    date: Option<String>,
    date_end: Option<String>,
    precision: Option<String>,
    status: String,
    counts: [i64; 3],
    first_seen: Option<String>,
    last_seen: Option<String>,
    representative_document: i64,
}

fn event_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EventRow> {
    Ok(EventRow {
        id: r.get(0)?,
        representative: r.get(1)?,
        date: r.get(2)?,
        date_end: r.get(3)?,
        precision: r.get(4)?,
        status: r.get(5)?,
        counts: [r.get(6)?, r.get(7)?, r.get(8)?],
        first_seen: r.get(9)?,
        last_seen: r.get(10)?,
        representative_document: r.get(11)?,
    })
}

pub(crate) fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

fn parse_status(text: &str) -> Option<Status> {
    serde_json::from_value(serde_json::Value::String(text.to_string())).ok()
}

impl Store {
    /// The events matching `query`, in its order, at most `query.limit`.
    pub fn events(&self, query: &EventQuery) -> Result<Vec<StoredEvent>> {
        let mut out = Vec::new();
        self.for_each_event(query, |e| {
            out.push(e);
            Ok(())
        })?;
        Ok(out)
    }

    /// How many events match `query` (ignoring its limit and offset). Without filters,
    /// the store's count (constant time).
    pub fn count_events(&self, query: &EventQuery) -> Result<u64> {
        let sql = build(query);
        if sql.conditions.is_empty() {
            return Ok(self.stats()?.events);
        }
        let where_clause = format!("WHERE {}", sql.conditions.join(" AND "));
        let text = format!("SELECT count(*) FROM {} {where_clause}", sql.from);
        let n: i64 =
            self.conn
                .query_row(&text, rusqlite::params_from_iter(sql.params.iter()), |r| {
                    r.get(0)
                })?;
        Ok(count(n))
    }

    /// Calls `f` with each event matching `query`, streaming (for exports of any size).
    pub fn for_each_event(
        &self,
        query: &EventQuery,
        mut f: impl FnMut(StoredEvent) -> Result<()>,
    ) -> Result<()> {
        let mut sql = build(query);
        let where_clause = if sql.conditions.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", sql.conditions.join(" AND "))
        };
        let order = match query.sort {
            Sort::Date => format!("{} DESC, e.id DESC", sql.date_column),
            Sort::DateAsc => format!("{} ASC, e.id ASC", sql.date_column),
            Sort::Mentions => "e.num_mentions DESC, e.id".into(),
            Sort::Sources => "e.num_sources DESC, e.id".into(),
            Sort::Articles => "e.num_articles DESC, e.id".into(),
        };
        let limit = match query.limit {
            Some(n) => {
                let pl = sql.param(i64::try_from(n).unwrap_or(i64::MAX));
                let po = sql.param(i64::try_from(query.offset).unwrap_or(0));
                format!("LIMIT {pl} OFFSET {po}")
            }
            None if query.offset > 0 => {
                let po = sql.param(i64::try_from(query.offset).unwrap_or(0));
                format!("LIMIT -1 OFFSET {po}")
            }
            None => String::new(),
        };
        let text = format!(
            "SELECT {EVENT_COLUMNS} FROM {} {where_clause} ORDER BY {order} {limit}",
            sql.from
        );
        let mut stmt = self.conn.prepare(&text)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(sql.params.iter()))?;
        while let Some(row) = rows.next()? {
            let row = event_row(row)?;
            f(self.complete(row)?)?;
        }
        Ok(())
    }

    /// One event by its store id.
    pub fn event(&self, id: i64) -> Result<Option<StoredEvent>> {
        let text = format!("SELECT {EVENT_COLUMNS} FROM events e WHERE e.id = ?1");
        let mut stmt = self.conn.prepare_cached(&text)?;
        let mut rows = stmt.query([id])?;
        match rows.next()? {
            Some(row) => {
                let row = event_row(row)?;
                Ok(Some(self.complete(row)?))
            }
            None => Ok(None),
        }
    }

    /// A stored document by its row id.
    pub fn document(&self, row_id: i64) -> Result<Option<Document>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.doc_key, d.url, d.title, d.published, s.name, d.author, d.language,
                d.text, o.doc_key
             FROM documents d LEFT JOIN sources s ON s.id = d.source_id
             LEFT JOIN documents o ON o.id = d.duplicate_of
             WHERE d.id = ?1",
        )?;
        let mut rows = stmt.query([row_id])?;
        let Some(r) = rows.next()? else {
            return Ok(None);
        };
        let published: Option<String> = r.get(3)?;
        Ok(Some(Document {
            id: r.get(0)?,
            url: r.get(1)?,
            title: r.get(2)?,
            published: parse_date(published.as_deref()),
            source: r.get(4)?,
            author: r.get(5)?,
            language: r.get(6)?,
            text: r.get(7)?,
            duplicate_of: r.get(8)?,
        }))
    }

    /// The event of a row with its documents, sources and claims.
    fn complete(&self, row: EventRow) -> Result<StoredEvent> {
        let mut event: Event = serde_json::from_str(&row.representative)?;
        event.id = row.id.to_string();
        event.date = parse_date(row.date.as_deref());
        event.date_end = parse_date(row.date_end.as_deref());
        event.date_precision = parse_precision(row.precision.as_deref());
        if let Some(status) = parse_status(&row.status) {
            event.status = status;
        }
        // Entity ids are local to one document: the store's canonical actors replace them.
        for a in event.actor.iter_mut().chain(event.recipient.iter_mut()) {
            a.entity = None;
        }

        let mut documents = Vec::new();
        let mut sources = Vec::new();
        {
            let mut stmt = self.conn.prepare_cached(EVENT_DOCUMENTS_SQL)?;
            let mut rows = stmt.query([row.id])?;
            while let Some(r) = rows.next()? {
                let key: String = r.get(0)?;
                let source: String = r.get(1)?;
                let counted: bool = r.get(2)?;
                if !documents.contains(&key) {
                    documents.push(key);
                }
                if counted && !source.starts_with("doc:") && !sources.contains(&source) {
                    sources.push(source);
                }
            }
        }

        let mut claims: Vec<ClaimView> = Vec::new();
        {
            let mut stmt = self.conn.prepare_cached(EVENT_CLAIMS_SQL)?;
            let mut rows = stmt.query([row.id])?;
            while let Some(r) = rows.next()? {
                let stance: String = r.get(0)?;
                let claimant: String = r.get(1)?;
                let outlet: String = r.get(6)?;
                let published: Option<String> = r.get(7)?;
                let published = parse_date(published.as_deref());
                let source_type: Option<String> = r.get(8)?;
                let hedged: bool = r.get(9)?;
                let folded = claimant.to_lowercase();
                match claims
                    .iter_mut()
                    .find(|c| c.stance == stance && c.claimant.to_lowercase() == folded)
                {
                    Some(existing) => {
                        existing.hedged &= hedged;
                        if existing.source_type.is_none() {
                            existing.source_type = source_type;
                        }
                        if !existing.sources.contains(&outlet) {
                            existing.sources.push(outlet);
                        }
                        if existing.first_seen.is_none()
                            || (published.is_some() && published < existing.first_seen)
                        {
                            existing.first_seen = published;
                        }
                    }
                    None => claims.push(ClaimView {
                        stance,
                        claimant,
                        code: r.get(2)?,
                        sector: r.get(3)?,
                        cue: r.get(4)?,
                        is_outlet: r.get(5)?,
                        source_type,
                        hedged,
                        first_seen: published,
                        sources: vec![outlet],
                    }),
                }
            }
        }
        event.attribution = claims
            .iter()
            .filter(|c| c.stance == "asserts" && !c.is_outlet)
            .map(|c| Attribution {
                text: c.claimant.clone(),
                entity: None,
                code: c.code.clone(),
                sector: c.sector.clone(),
                cue: c.cue.clone().unwrap_or_default(),
                source_type: c.source_type.clone(),
            })
            .collect();
        event.denied_by = claims
            .iter()
            .filter(|c| c.stance == "denies" && !c.is_outlet)
            .map(|c| Denial {
                text: c.claimant.clone(),
                entity: None,
                code: c.code.clone(),
            })
            .collect();
        {
            let mut stmt = self.conn.prepare_cached(EVENT_LINKS_SQL)?;
            let links = stmt.query_map([row.id], |r| r.get::<_, i64>(0))?;
            event.links = links
                .map(|l| l.map(|id| id.to_string()))
                .collect::<rusqlite::Result<_>>()?;
        }
        let [mentions, sources_n, articles] = row.counts;
        Ok(StoredEvent {
            event,
            num_mentions: count(mentions),
            num_sources: count(sources_n),
            num_articles: count(articles),
            first_seen: parse_date(row.first_seen.as_deref()),
            last_seen: parse_date(row.last_seen.as_deref()),
            documents,
            sources,
            claims,
            representative_document: row.representative_document,
        })
    }

    /// Event counts per actor code (most active first): as actor, as recipient,
    /// cooperation (quad classes 1–2) and conflict (3–4).
    pub fn actor_summary(&self, query: &SummaryQuery) -> Result<Vec<ActorSummary>> {
        let mut params: Vec<Value> = Vec::new();
        let mut conditions = vec!["p.code IS NOT NULL".to_string()];
        if let Some(code) = &query.actor {
            let code = split_code(code).0;
            params.push(code.clone().into());
            conditions.push(code_condition(
                "p.code",
                &format!("?{}", params.len()),
                &code,
            ));
        }
        if let Some(since) = query.since {
            params.push(since.to_string().into());
            conditions.push(format!("e.anchor >= ?{}", params.len()));
        }
        if let Some(until) = query.until {
            params.push(until.to_string().into());
            conditions.push(format!("e.anchor <= ?{} AND e.anchor <> ''", params.len()));
        }
        conditions.extend(status_condition(&query.status, "e.status"));
        params.push(
            i64::try_from(query.limit.unwrap_or(50))
                .unwrap_or(i64::MAX)
                .into(),
        );
        let text = format!(
            "WITH parties AS (
                SELECT DISTINCT p.code AS code, p.side AS side, e.id AS id, e.quad_class AS quad,
                    e.goldstein AS goldstein, e.anchor AS anchor
                FROM event_parties p JOIN events e ON e.id = p.event_id
                WHERE {})
             SELECT code, count(DISTINCT id), sum(side = 'actor'), sum(side = 'recipient'),
                count(DISTINCT CASE WHEN quad IN (1, 2) THEN id END),
                count(DISTINCT CASE WHEN quad IN (3, 4) THEN id END),
                avg(goldstein), min(nullif(anchor, '')), max(nullif(anchor, '')),
                (SELECT count(*) FROM entities en WHERE en.code = parties.code)
             FROM parties GROUP BY code ORDER BY count(DISTINCT id) DESC, code
             LIMIT ?{}",
            conditions.join(" AND "),
            params.len()
        );
        let mut stmt = self.conn.prepare(&text)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| {
            Ok(ActorSummary {
                code: r.get(0)?,
                name: None,
                events: count(r.get(1)?),
                as_actor: count(r.get(2)?),
                as_recipient: count(r.get(3)?),
                cooperation: count(r.get(4)?),
                conflict: count(r.get(5)?),
                goldstein_mean: r.get::<_, Option<f64>>(6)?.unwrap_or(0.0),
                first: r.get(7)?,
                last: r.get(8)?,
                entities: count(r.get(9)?),
            })
        })?;
        let mut out = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        for summary in &mut out {
            summary.name = self.code_name(&summary.code)?;
        }
        Ok(out)
    }

    /// Event counts per dyad (either direction), overall or by month: cooperation and
    /// conflict by quad class, their balance, and the mean Goldstein score.
    pub fn dyad_summary(&self, query: &SummaryQuery) -> Result<Vec<DyadSummary>> {
        let mut params: Vec<Value> = Vec::new();
        let mut conditions = vec!["1 = 1".to_string()];
        if let Some((a, b)) = &query.dyad {
            let (a, b) = (split_code(a).0, split_code(b).0);
            let (a, b) = if a <= b { (a, b) } else { (b, a) };
            params.push(a.into());
            params.push(b.into());
            conditions.push(format!(
                "d.code_a = ?{} AND d.code_b = ?{}",
                params.len() - 1,
                params.len()
            ));
        }
        if let Some(code) = &query.actor {
            params.push(split_code(code).0.into());
            conditions.push(format!(
                "(d.code_a = ?{0} OR d.code_b = ?{0})",
                params.len()
            ));
        }
        if let Some(since) = query.since {
            params.push(since.to_string().into());
            conditions.push(format!("d.anchor >= ?{}", params.len()));
        }
        if let Some(until) = query.until {
            params.push(until.to_string().into());
            conditions.push(format!("d.anchor <= ?{} AND d.anchor <> ''", params.len()));
        }
        conditions.extend(status_condition(&query.status, "e.status"));
        params.push(
            i64::try_from(query.limit.unwrap_or(50))
                .unwrap_or(i64::MAX)
                .into(),
        );
        let (month, group, order) = if query.by_month {
            (
                "nullif(substr(d.anchor, 1, 7), '')",
                "d.code_a, d.code_b, substr(d.anchor, 1, 7)",
                "d.code_a, d.code_b, substr(d.anchor, 1, 7)",
            )
        } else {
            (
                "NULL",
                "d.code_a, d.code_b",
                "count(*) DESC, d.code_a, d.code_b",
            )
        };
        let text = format!(
            "SELECT d.code_a, d.code_b, {month}, count(*),
                sum(e.quad_class = 1), sum(e.quad_class = 2), sum(e.quad_class = 3),
                sum(e.quad_class = 4), avg(e.goldstein), sum(e.num_mentions)
             FROM event_dyads d JOIN events e ON e.id = d.event_id
             WHERE {} GROUP BY {group} ORDER BY {order} LIMIT ?{}",
            conditions.join(" AND "),
            params.len()
        );
        let mut stmt = self.conn.prepare(&text)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| {
            let events = count(r.get(3)?);
            let counts = [
                count(r.get(4)?),
                count(r.get(5)?),
                count(r.get(6)?),
                count(r.get(7)?),
            ];
            let cooperation = (counts[0] + counts[1]) as f64;
            let conflict = (counts[2] + counts[3]) as f64;
            Ok(DyadSummary {
                code_a: r.get(0)?,
                code_b: r.get(1)?,
                name_a: None,
                name_b: None,
                month: r.get(2)?,
                events,
                verbal_cooperation: counts[0],
                material_cooperation: counts[1],
                verbal_conflict: counts[2],
                material_conflict: counts[3],
                balance: if events == 0 {
                    0.0
                } else {
                    (cooperation - conflict) / events as f64
                },
                goldstein_mean: r.get::<_, Option<f64>>(8)?.unwrap_or(0.0),
                mentions: count(r.get(9)?),
            })
        })?;
        let mut out = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        let mut names: std::collections::HashMap<String, Option<String>> = Default::default();
        for d in &mut out {
            for (code, name) in [(&d.code_a, &mut d.name_a), (&d.code_b, &mut d.name_b)] {
                if !names.contains_key(code) {
                    names.insert(code.clone(), self.code_name(code)?);
                }
                name.clone_from(&names[code]);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_text_becomes_a_safe_fts_query() {
        assert_eq!(fts_query("Kim Putin"), "\"Kim\" \"Putin\"");
        assert_eq!(
            fts_query("\"joint drills\" sanc*"),
            "\"joint drills\" \"sanc\"*"
        );
        assert_eq!(
            fts_query("U.S.-led (AND) \"unclosed"),
            "\"U\" \"S\" \"led\" \"AND\" \"unclosed\""
        );
        assert_eq!(fts_query("  "), "");
    }

    #[test]
    fn the_queries_of_every_event_are_prepared_once() {
        use dyad_model::testing::{event, extraction, EventFixture};
        let mut store = Store::open_in_memory().unwrap();
        for i in 0..20 {
            let text = format!("Russia and China signed agreement number {i}.");
            let agreement = event(EventType::Agree, &["RUS"], &["CHN"])
                .on(&format!("2024-03-{:02}", i + 1))
                .with_evidence(&text);
            let x = extraction(
                &format!("d{i}"),
                "Wire",
                "2024-03-28",
                &text,
                vec![agreement],
            );
            store.add(&x).unwrap();
        }
        // Bound anew for each event, a statement whose plan depended on the bound
        // values was prepared again each time (SQLite's query planner stability
        // guarantee off): most of the time of a page of events.
        for sql in [EVENT_DOCUMENTS_SQL, EVENT_CLAIMS_SQL, EVENT_LINKS_SQL] {
            for id in 1..=20i64 {
                // As `complete` does: from the statement cache, back to it (which clears
                // the bindings) after each event.
                let mut stmt = store.conn.prepare_cached(sql).unwrap();
                let mut rows = stmt.query([id]).unwrap();
                while rows.next().unwrap().is_some() {}
                drop(rows);
                let reprepared = stmt.get_status(rusqlite::StatementStatus::RePrepare);
                assert_eq!(reprepared, 0, "event {id}: {sql}");
            }
        }
    }

    #[test]
    fn an_event_row_needs_no_sort() {
        let store = Store::open_in_memory().unwrap();
        let sql = format!("EXPLAIN QUERY PLAN SELECT {EVENT_COLUMNS} FROM events e WHERE e.id = 1");
        let mut stmt = store.conn.prepare(&sql).unwrap();
        let plan: Vec<String> = stmt
            .query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert!(
            !plan.iter().any(|step| step.contains("TEMP B-TREE")),
            "{plan:?}"
        );
    }

    #[test]
    fn codes_split_into_country_and_sector() {
        assert_eq!(split_code("rusgov"), ("RUS".into(), Some("GOV".into())));
        assert_eq!(split_code("PRK"), ("PRK".into(), None));
        // An organisation's code is one code; a group and a sector are two.
        assert_eq!(split_code("igonat"), ("IGONAT".into(), None));
        assert_eq!(split_code("IGOEEC"), ("IGOEEC".into(), None));
        assert_eq!(split_code("IGOGOV"), ("IGO".into(), Some("GOV".into())));
    }
}
