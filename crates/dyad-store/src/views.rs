//! Read views for the HTTP API and its web UI: the store's overview, event counts over time
//! ([`Store::timeline`]), the actor network ([`Store::network`]), event places
//! ([`Store::places`]), document listings ([`Store::documents`]), one document with its
//! entities, mentions and events ([`Store::document_view`]) and the reports of one event
//! ([`Store::event_reports`]). Every view that takes an [`EventQuery`] applies its filters
//! exactly as [`Store::events`] does (its sort, limit and offset are ignored).

use dyad_model::{
    Attribution, Date, Denial, Document, Entity, EntityType, Event, Mention, Removed, Trigger,
};
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use crate::read::{build, count, fts_query};
use crate::write::{parse_date, parse_mention_kind};
use crate::{EventQuery, Result, Store, StoreError};

/// Event counts of one PLOVER type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeCount {
    pub event: String,
    pub count: u64,
}

/// Event counts by quad class.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuadCounts {
    pub verbal_cooperation: u64,
    pub material_cooperation: u64,
    pub verbal_conflict: u64,
    pub material_conflict: u64,
}

/// What the store holds, for a dashboard. `documents`, `events`, `reports`, `sources` and
/// the publication range count the whole store; `matching`, `by_type`, `by_quad`,
/// `first` and `last` count the events that match the filters (all events without any).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    pub documents: u64,
    pub events: u64,
    pub reports: u64,
    pub sources: u64,
    /// Events matching the filters.
    pub matching: u64,
    /// Most frequent type first.
    pub by_type: Vec<TypeCount>,
    pub by_quad: QuadCounts,
    /// Earliest and latest event date (or, undated, publication date).
    pub first: Option<String>,
    pub last: Option<String>,
    /// Earliest and latest publication date of a stored document: the period the store
    /// covers as news, whatever dates its events carry (a target "by 2050" is no news of
    /// 2050).
    pub published_first: Option<String>,
    pub published_last: Option<String>,
}

/// The width of a timeline bucket.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Interval {
    Day,
    /// ISO weeks, named by their Monday.
    Week,
    #[default]
    Month,
}

impl std::str::FromStr for Interval {
    type Err = String;

    fn from_str(text: &str) -> Result<Interval, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "day" => Ok(Interval::Day),
            "week" => Ok(Interval::Week),
            "month" => Ok(Interval::Month),
            other => Err(format!("unknown interval {other:?} (day, week, month)")),
        }
    }
}

/// Event counts of one period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimelineBucket {
    /// `2024-11-29` (day), `2024-11-25` (the week's Monday) or `2024-11` (month).
    pub period: String,
    pub events: u64,
    pub verbal_cooperation: u64,
    pub material_cooperation: u64,
    pub verbal_conflict: u64,
    pub material_conflict: u64,
    pub goldstein_mean: f64,
    pub goldstein_sum: f64,
    /// Events of the period without an event date of their own, filed under their
    /// publication date (included in `events`).
    pub undated: u64,
}

/// Periods of a timeline filled in between the first and last bucket when there are at
/// most this many.
const MAX_FILLED_PERIODS: usize = 5_000;

/// One actor code of the network.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NetworkNode {
    pub code: String,
    pub name: Option<String>,
    /// Matching events in which the code is a party.
    pub events: u64,
    /// Of those, the events in which it is an actor, and in which it is a recipient (an
    /// event may count in both: `as_actor + as_recipient - events` are both).
    pub as_actor: u64,
    pub as_recipient: u64,
}

/// Events from one actor code (`source`) to one recipient code (`target`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NetworkEdge {
    pub source: String,
    pub target: String,
    pub events: u64,
    pub cooperation: u64,
    pub conflict: u64,
    pub goldstein_mean: f64,
}

/// Who acts on whom among the matching events.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Network {
    pub nodes: Vec<NetworkNode>,
    /// Most events first.
    pub edges: Vec<NetworkEdge>,
}

/// Event counts at one place.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlaceSummary {
    pub name: String,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub events: u64,
    pub conflict: u64,
    pub cooperation: u64,
}

/// One stored document in a listing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentSummary {
    /// The document's row id (`/api/documents/{id}`).
    pub id: i64,
    /// The document's own id (its input name or JSONL `id`).
    pub doc_key: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub published: Option<Date>,
    /// Events coded in the document.
    pub events: u64,
    /// The `doc_key` of the stored document this one copies (wire copies).
    pub duplicate_of: Option<String>,
}

/// A page of documents.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentPage {
    pub total: u64,
    pub documents: Vec<DocumentSummary>,
}

/// One stored document as the extraction contract describes it, with its row id.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentView {
    #[serde(flatten)]
    pub document: Document,
    pub store_id: i64,
    /// The document's entities with their mentions (byte offsets into `text`); ids are
    /// the document's own (`e1` ...), as the events' actors refer to them.
    pub entities: Vec<Entity>,
    /// What cleaning removed from the input.
    pub removed: Vec<Removed>,
}

/// One event as coded in one document, with the stored event its report belongs to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentEvent {
    #[serde(flatten)]
    pub event: Event,
    pub store_id: i64,
}

/// One report of a stored event: the document that carries it and what it says.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The document's row id (`/api/documents/{id}`).
    pub document_id: i64,
    pub doc_key: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub published: Option<Date>,
    /// The event's id within its document (`ev1` ...).
    pub local_id: String,
    pub evidence: String,
    pub status: String,
    pub cameo: String,
    pub date: Option<Date>,
    pub date_text: Option<String>,
    pub attribution: Vec<Attribution>,
    pub denied_by: Vec<Denial>,
    pub trigger: Trigger,
    /// Whether the report counts as an independent source (wire copies do not).
    pub counted: bool,
}

/// The SQL of a page of documents in listing order (through the `documents_listing`
/// index); `searching`: of those the full-text query `?1` finds. Limit and offset are the
/// last two parameters.
fn document_listing_sql(searching: bool) -> &'static str {
    if searching {
        "SELECT d.id, d.doc_key, d.title, d.url, s.name, d.published, d.num_events, o.doc_key
         FROM documents d LEFT JOIN sources s ON s.id = d.source_id
         LEFT JOIN documents o ON o.id = d.duplicate_of
         WHERE d.id IN (SELECT rowid FROM document_fts WHERE document_fts MATCH ?1)
         ORDER BY d.published IS NULL, d.published DESC, d.id DESC LIMIT ?2 OFFSET ?3"
    } else {
        "SELECT d.id, d.doc_key, d.title, d.url, s.name, d.published, d.num_events, o.doc_key
         FROM documents d LEFT JOIN sources s ON s.id = d.source_id
         LEFT JOIN documents o ON o.id = d.duplicate_of
         ORDER BY d.published IS NULL, d.published DESC, d.id DESC LIMIT ?1 OFFSET ?2"
    }
}

/// The SQL that selects the ids of the events matching a query, and its parameters.
fn matching_ids(query: &EventQuery) -> (String, Vec<Value>) {
    let sql = build(query);
    let where_clause = if sql.conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", sql.conditions.join(" AND "))
    };
    (
        format!(
            "SELECT DISTINCT e.id AS id FROM {} {where_clause}",
            sql.from
        ),
        sql.params,
    )
}

fn limit_param(params: &mut Vec<Value>, limit: usize) -> String {
    params.push(i64::try_from(limit).unwrap_or(i64::MAX).into());
    format!("?{}", params.len())
}

impl Store {
    /// Totals, event counts by type and quad class, and the date range.
    pub fn overview(&self) -> Result<Overview> {
        self.overview_of(&EventQuery::default())
    }

    /// [`Store::overview`] of the events matching `query` (its sort, limit and offset are
    /// ignored); the store totals and the publication range stay the whole store's.
    pub fn overview_of(&self, query: &EventQuery) -> Result<Overview> {
        let stats = self.stats()?;
        let (ids, params) = matching_ids(query);
        let mut by_type = Vec::new();
        {
            let mut stmt = self.conn.prepare(&format!(
                "WITH f AS ({ids})
                 SELECT e.event_type, count(*) FROM events e JOIN f ON f.id = e.id
                 GROUP BY e.event_type ORDER BY count(*) DESC, e.event_type"
            ))?;
            let mut rows = stmt.query(rusqlite::params_from_iter(params.iter()))?;
            while let Some(r) = rows.next()? {
                by_type.push(TypeCount {
                    event: r.get(0)?,
                    count: count(r.get(1)?),
                });
            }
        }
        let (matching, by_quad, first, last) = self.conn.query_row(
            &format!(
                "WITH f AS ({ids})
                 SELECT count(*), coalesce(sum(e.quad_class = 1), 0),
                    coalesce(sum(e.quad_class = 2), 0), coalesce(sum(e.quad_class = 3), 0),
                    coalesce(sum(e.quad_class = 4), 0),
                    min(nullif(e.anchor, '')), max(nullif(e.anchor, ''))
                 FROM events e JOIN f ON f.id = e.id"
            ),
            rusqlite::params_from_iter(params.iter()),
            |r| {
                Ok((
                    count(r.get(0)?),
                    QuadCounts {
                        verbal_cooperation: count(r.get(1)?),
                        material_cooperation: count(r.get(2)?),
                        verbal_conflict: count(r.get(3)?),
                        material_conflict: count(r.get(4)?),
                    },
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, Option<String>>(6)?,
                ))
            },
        )?;
        let (published_first, published_last) = self.conn.query_row(
            "SELECT min(nullif(published, '')), max(nullif(published, '')) FROM documents",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(Overview {
            documents: stats.documents,
            events: stats.events,
            reports: stats.reports,
            sources: stats.sources,
            matching,
            by_type,
            by_quad,
            first,
            last,
            published_first,
            published_last,
        })
    }

    /// Counts of the matching events per day, week or month of their date (undated
    /// events by their publication date; events with neither are left out), earliest
    /// first, with empty periods between the first and the last filled in.
    pub fn timeline(&self, query: &EventQuery, interval: Interval) -> Result<Vec<TimelineBucket>> {
        let (ids, params) = matching_ids(query);
        let period = match interval {
            Interval::Day => "date(e.anchor)",
            Interval::Week => {
                "date(e.anchor, '-' || ((CAST(strftime('%w', e.anchor) AS INTEGER) + 6) % 7) || ' days')"
            }
            Interval::Month => "strftime('%Y-%m', e.anchor)",
        };
        let text = format!(
            "WITH f AS ({ids})
             SELECT {period} AS period, count(*), sum(e.quad_class = 1), sum(e.quad_class = 2),
                sum(e.quad_class = 3), sum(e.quad_class = 4), avg(e.goldstein), sum(e.goldstein),
                sum(e.date IS NULL OR e.date = '')
             FROM events e JOIN f ON f.id = e.id
             WHERE e.anchor IS NOT NULL AND e.anchor <> '' AND period IS NOT NULL
             GROUP BY period ORDER BY period"
        );
        let mut stmt = self.conn.prepare(&text)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| {
            Ok(TimelineBucket {
                period: r.get(0)?,
                events: count(r.get(1)?),
                verbal_cooperation: count(r.get(2)?),
                material_cooperation: count(r.get(3)?),
                verbal_conflict: count(r.get(4)?),
                material_conflict: count(r.get(5)?),
                goldstein_mean: r.get::<_, Option<f64>>(6)?.unwrap_or(0.0),
                goldstein_sum: r.get::<_, Option<f64>>(7)?.unwrap_or(0.0),
                undated: count(r.get(8)?),
            })
        })?;
        let buckets = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(fill_periods(buckets, interval))
    }

    /// The directed network of the matching events: an edge from each actor code to each
    /// recipient code of an event (the `limit` heaviest edges), and the codes they join.
    pub fn network(&self, query: &EventQuery, limit: usize) -> Result<Network> {
        let (ids, mut params) = matching_ids(query);
        let limit = limit_param(&mut params, limit);
        let text = format!(
            "WITH f AS ({ids}),
             a AS (SELECT DISTINCT c.event_id, c.code FROM event_codes c JOIN f ON f.id = c.event_id
                   WHERE c.side = 'actor' AND c.code <> ''),
             r AS (SELECT DISTINCT c.event_id, c.code FROM event_codes c JOIN f ON f.id = c.event_id
                   WHERE c.side = 'recipient' AND c.code <> '')
             SELECT a.code, r.code, count(*), sum(e.quad_class IN (1, 2)),
                sum(e.quad_class IN (3, 4)), avg(e.goldstein)
             FROM a JOIN r ON r.event_id = a.event_id JOIN events e ON e.id = a.event_id
             WHERE a.code <> r.code
             GROUP BY a.code, r.code ORDER BY count(*) DESC, a.code, r.code LIMIT {limit}"
        );
        let mut stmt = self.conn.prepare(&text)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| {
            Ok(NetworkEdge {
                source: r.get(0)?,
                target: r.get(1)?,
                events: count(r.get(2)?),
                cooperation: count(r.get(3)?),
                conflict: count(r.get(4)?),
                goldstein_mean: r.get::<_, Option<f64>>(5)?.unwrap_or(0.0),
            })
        })?;
        let edges = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        let mut codes: Vec<&str> = edges
            .iter()
            .flat_map(|e| [e.source.as_str(), e.target.as_str()])
            .collect();
        codes.sort_unstable();
        codes.dedup();
        let (ids, params) = matching_ids(query);
        let text = format!(
            "WITH f AS ({ids})
             SELECT c.code, count(DISTINCT c.event_id),
                count(DISTINCT CASE WHEN c.side = 'actor' THEN c.event_id END),
                count(DISTINCT CASE WHEN c.side = 'recipient' THEN c.event_id END)
             FROM event_codes c JOIN f ON f.id = c.event_id
             GROUP BY c.code"
        );
        let mut stmt = self.conn.prepare(&text)?;
        let mut per_code = std::collections::HashMap::new();
        let mut rows = stmt.query(rusqlite::params_from_iter(params.iter()))?;
        while let Some(r) = rows.next()? {
            per_code.insert(
                r.get::<_, String>(0)?,
                [count(r.get(1)?), count(r.get(2)?), count(r.get(3)?)],
            );
        }
        let mut nodes = Vec::with_capacity(codes.len());
        for code in codes {
            let [events, as_actor, as_recipient] = per_code.get(code).copied().unwrap_or([0; 3]);
            nodes.push(NetworkNode {
                code: code.to_string(),
                name: self.code_name(code)?,
                events,
                as_actor,
                as_recipient,
            });
        }
        nodes.sort_by(|a, b| b.events.cmp(&a.events).then_with(|| a.code.cmp(&b.code)));
        Ok(Network { nodes, edges })
    }

    /// The name of a code: its country's, else its organisation's (an organisation's own
    /// code such as `IGONAT` names NATO, not "NATO's chief"), else the most documented
    /// entity's with this code.
    pub fn code_name(&self, code: &str) -> Result<Option<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT name FROM entities WHERE code = ?1
             ORDER BY type = 'COUNTRY' DESC, type = 'ORGANIZATION' DESC, num_documents DESC, id
             LIMIT 1",
        )?;
        match stmt.query_row([code], |r| r.get(0)) {
            Ok(name) => Ok(Some(name)),
            Err(rusqlite::Error::QueryReturnedNoRows) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// The places of the matching events (most events first, at most `limit`), with the
    /// coordinates the gazetteer gave them when it did.
    pub fn places(&self, query: &EventQuery, limit: usize) -> Result<Vec<PlaceSummary>> {
        let (ids, mut params) = matching_ids(query);
        let limit = limit_param(&mut params, limit);
        let text = format!(
            "WITH f AS ({ids}),
             located AS (
                SELECT e.id, e.place, e.country, e.quad_class,
                    (SELECT r.event_json FROM event_reports r
                     WHERE r.id = (SELECT min(f.id) FROM event_reports f
                                   WHERE f.event_id = e.id)) AS json
                FROM events e JOIN f ON f.id = e.id
                WHERE e.place IS NOT NULL AND e.place <> '')
             SELECT place, country, count(*), sum(quad_class IN (3, 4)), sum(quad_class IN (1, 2)),
                avg(json_extract(json, '$.location.lat')), avg(json_extract(json, '$.location.lon'))
             FROM located GROUP BY place, country ORDER BY count(*) DESC, place LIMIT {limit}"
        );
        let mut stmt = self.conn.prepare(&text)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| {
            Ok(PlaceSummary {
                name: r.get(0)?,
                country: r.get(1)?,
                events: count(r.get(2)?),
                conflict: count(r.get(3)?),
                cooperation: count(r.get(4)?),
                lat: r.get(5)?,
                lon: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// A page of stored documents, latest published first; `search` keeps those whose
    /// title, key, URL or text has its words (full-text search as for events' `search`:
    /// words all required, `"phrases"`, `prefix*`). A search without a word matches
    /// nothing.
    pub fn documents(
        &self,
        search: Option<&str>,
        limit: usize,
        offset: usize,
    ) -> Result<DocumentPage> {
        let mut params: Vec<Value> = Vec::new();
        let search = search.map(str::trim).filter(|s| !s.is_empty());
        let total = match search.map(fts_query) {
            None => self.stats()?.documents,
            Some(terms) if terms.is_empty() => {
                return Ok(DocumentPage {
                    total: 0,
                    documents: Vec::new(),
                })
            }
            Some(terms) => {
                params.push(terms.into());
                let n: i64 = self.conn.query_row(
                    "SELECT count(*) FROM document_fts WHERE document_fts MATCH ?1",
                    rusqlite::params_from_iter(params.iter()),
                    |r| r.get(0),
                )?;
                count(n)
            }
        };
        let text = document_listing_sql(search.is_some());
        params.push(i64::try_from(limit).unwrap_or(i64::MAX).into());
        params.push(i64::try_from(offset).unwrap_or(i64::MAX).into());
        let mut stmt = self.conn.prepare_cached(text)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| {
            let published: Option<String> = r.get(5)?;
            Ok(DocumentSummary {
                id: r.get(0)?,
                doc_key: r.get(1)?,
                title: r.get(2)?,
                url: r.get(3)?,
                source: r.get(4)?,
                published: parse_date(published.as_deref()),
                events: count(r.get(6)?),
                duplicate_of: r.get(7)?,
            })
        })?;
        Ok(DocumentPage {
            total,
            documents: rows.collect::<rusqlite::Result<Vec<_>>>()?,
        })
    }

    /// One stored document with its entities and removed notices, and the events coded in
    /// it (each with the store id of the event its report belongs to).
    pub fn document_view(&self, row_id: i64) -> Result<Option<(DocumentView, Vec<DocumentEvent>)>> {
        let Some(document) = self.document(row_id)? else {
            return Ok(None);
        };
        let removed: Option<String> = self.conn.query_row(
            "SELECT removed FROM documents WHERE id = ?1",
            [row_id],
            |r| r.get(0),
        )?;
        let removed: Vec<Removed> = match removed {
            Some(json) => serde_json::from_str(&json)?,
            None => Vec::new(),
        };
        let mut entities: Vec<Entity> = Vec::new();
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT m.local_id, en.name, en.type, en.code, en.sector, m.text, m.start, m.\"end\",
                    m.kind, m.role
                 FROM mentions m JOIN entities en ON en.id = m.entity_id
                 WHERE m.document_id = ?1 ORDER BY m.rowid",
            )?;
            let mut rows = stmt.query([row_id])?;
            while let Some(r) = rows.next()? {
                let local_id: String = r.get(0)?;
                let start: i64 = r.get(6)?;
                let end: i64 = r.get(7)?;
                let kind: Option<String> = r.get(8)?;
                let mention = Mention {
                    text: r.get(5)?,
                    start: usize::try_from(start).unwrap_or(0),
                    end: usize::try_from(end).unwrap_or(0),
                    kind: parse_mention_kind(kind.as_deref()),
                };
                if let Some(entity) = entities.iter_mut().find(|e| e.id == local_id) {
                    entity.mentions.push(mention);
                    continue;
                }
                let kind: String = r.get(2)?;
                let kind: EntityType = serde_json::from_value(serde_json::Value::String(kind))
                    .map_err(|e| StoreError::Invalid(format!("entity type: {e}")))?;
                entities.push(Entity {
                    id: local_id,
                    name: r.get(1)?,
                    kind,
                    code: r.get(3)?,
                    sector: r.get(4)?,
                    role: r.get(9)?,
                    geo: None,
                    members: Vec::new(),
                    mentions: vec![mention],
                });
            }
        }
        let mut events = Vec::new();
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT event_id, event_json FROM event_reports WHERE document_id = ?1
                 ORDER BY ordinal, id",
            )?;
            let mut rows = stmt.query([row_id])?;
            while let Some(r) = rows.next()? {
                let json: String = r.get(1)?;
                events.push(DocumentEvent {
                    event: serde_json::from_str(&json)?,
                    store_id: r.get(0)?,
                });
            }
        }
        Ok(Some((
            DocumentView {
                document,
                store_id: row_id,
                entities,
                removed,
            },
            events,
        )))
    }

    /// The row id and key of the document with this content hash.
    pub fn stored_document(&self, content_hash: &str) -> Result<Option<(i64, String)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, doc_key FROM documents WHERE content_hash = ?1")?;
        match stmt.query_row([content_hash], |r| Ok((r.get(0)?, r.get(1)?))) {
            Ok(id) => Ok(Some(id)),
            Err(rusqlite::Error::QueryReturnedNoRows) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// The reports of one stored event, earliest published first.
    pub fn event_reports(&self, event_id: i64) -> Result<Vec<Report>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.document_id, d.doc_key, d.title, d.url, s.name, r.published, r.local_id,
                r.evidence, r.status, r.cameo, r.event_json, r.counted
             FROM event_reports r JOIN documents d ON d.id = r.document_id
             LEFT JOIN sources s ON s.id = d.source_id
             WHERE r.event_id = ?1 ORDER BY r.published, r.id",
        )?;
        let mut rows = stmt.query([event_id])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let json: String = r.get(10)?;
            let event: Event = serde_json::from_str(&json)?;
            let published: Option<String> = r.get(5)?;
            out.push(Report {
                document_id: r.get(0)?,
                doc_key: r.get(1)?,
                title: r.get(2)?,
                url: r.get(3)?,
                source: r.get(4)?,
                published: parse_date(published.as_deref()),
                local_id: r.get(6)?,
                evidence: r.get(7)?,
                status: r.get(8)?,
                cameo: r.get(9)?,
                date: event.date,
                date_text: event.date_text,
                attribution: event.attribution,
                denied_by: event.denied_by,
                trigger: event.trigger,
                counted: r.get(11)?,
            });
        }
        Ok(out)
    }
}

/// The period after `period` (same format), or `None` when it does not parse.
fn next_period(period: &str, interval: Interval) -> Option<String> {
    match interval {
        Interval::Day | Interval::Week => {
            let date: Date = period.parse().ok()?;
            let days = if interval == Interval::Day { 1 } else { 7 };
            date.checked_add(jiff::Span::new().days(days))
                .ok()
                .map(|d| d.to_string())
        }
        Interval::Month => {
            let date: Date = format!("{period}-01").parse().ok()?;
            let next = date.checked_add(jiff::Span::new().months(1)).ok()?;
            Some(format!("{:04}-{:02}", next.year(), next.month()))
        }
    }
}

/// Inserts empty buckets for the periods missing between the first and the last.
fn fill_periods(buckets: Vec<TimelineBucket>, interval: Interval) -> Vec<TimelineBucket> {
    let (Some(first), Some(last)) = (buckets.first(), buckets.last()) else {
        return buckets;
    };
    let last = last.period.clone();
    let mut periods = vec![first.period.clone()];
    while let Some(current) = periods.last() {
        if *current >= last || periods.len() > MAX_FILLED_PERIODS {
            break;
        }
        match next_period(current, interval) {
            Some(next) => periods.push(next),
            None => break,
        }
    }
    if periods.len() > MAX_FILLED_PERIODS || periods.last() != Some(&last) {
        return buckets;
    }
    let mut filled = Vec::with_capacity(periods.len());
    let mut given = buckets.into_iter().peekable();
    for period in periods {
        match given.next_if(|b| b.period == period) {
            Some(bucket) => filled.push(bucket),
            None => filled.push(TimelineBucket {
                period,
                events: 0,
                verbal_cooperation: 0,
                material_cooperation: 0,
                verbal_conflict: 0,
                material_conflict: 0,
                goldstein_mean: 0.0,
                goldstein_sum: 0.0,
                undated: 0,
            }),
        }
    }
    // Buckets that did not line up (never expected) are kept rather than lost.
    filled.extend(given);
    filled
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SQLite's plan for `sql`, one step per line.
    fn plan(store: &Store, sql: &str) -> String {
        let mut stmt = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        let unbound = vec![Value::Null; stmt.parameter_count()];
        let steps = stmt
            .query_map(rusqlite::params_from_iter(unbound), |r| {
                r.get::<_, String>(3)
            })
            .unwrap();
        steps.map(Result::unwrap).collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn document_pages_and_searches_read_indexes_not_every_document() {
        let store = Store::open_in_memory().unwrap();
        let search = plan(&store, document_listing_sql(true));
        assert!(search.contains("document_fts VIRTUAL TABLE"), "{search}");
        assert!(
            !search.contains("SCAN d\n") && !search.ends_with("SCAN d"),
            "{search}"
        );
        let listing = plan(&store, document_listing_sql(false));
        assert!(
            listing.contains("USING INDEX documents_listing"),
            "{listing}"
        );
        assert!(!listing.contains("TEMP B-TREE"), "{listing}");
        let stats = plan(&store, crate::STATS_SQL);
        assert!(stats.contains("store_counts"), "{stats}");
        for table in [
            "documents",
            "events",
            "event_reports",
            "entities",
            "sources",
        ] {
            assert!(!stats.contains(&format!(" {table}")), "{stats}");
        }
    }

    fn bucket(period: &str, events: u64) -> TimelineBucket {
        TimelineBucket {
            period: period.into(),
            events,
            verbal_cooperation: events,
            material_cooperation: 0,
            verbal_conflict: 0,
            material_conflict: 0,
            goldstein_mean: 1.0,
            goldstein_sum: events as f64,
            undated: 0,
        }
    }

    #[test]
    fn periods_follow_each_other() {
        assert_eq!(
            next_period("2024-12", Interval::Month).as_deref(),
            Some("2025-01")
        );
        assert_eq!(
            next_period("2024-02-28", Interval::Day).as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(
            next_period("2024-11-25", Interval::Week).as_deref(),
            Some("2024-12-02")
        );
        assert_eq!(next_period("junk", Interval::Month), None);
        assert_eq!("WEEK".parse::<Interval>(), Ok(Interval::Week));
        assert!("year".parse::<Interval>().is_err());
    }

    #[test]
    fn gaps_between_buckets_are_filled() {
        let filled = fill_periods(
            vec![bucket("2024-11", 2), bucket("2025-02", 1)],
            Interval::Month,
        );
        let periods: Vec<&str> = filled.iter().map(|b| b.period.as_str()).collect();
        assert_eq!(periods, ["2024-11", "2024-12", "2025-01", "2025-02"]);
        assert_eq!(filled[1].events, 0);
        assert_eq!(filled[3].events, 1);
        assert!(fill_periods(Vec::new(), Interval::Day).is_empty());
    }
}
