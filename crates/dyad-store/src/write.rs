//! Writing to the store: one [`Batch`] is one transaction in which documents and their
//! events are stored. A document is identified by its content hash ([`content_hash`]),
//! recorded in the same transaction as its events, so that a re-ingest skips it and an
//! interrupted ingest loses nothing but the batch in flight.

use std::collections::HashMap;

use dyad_merge::{Happening, MergeRules};
use dyad_model::{Date, DatePrecision, Document, Event, Extraction, MentionKind, Status};
use rusqlite::{named_params, params, OptionalExtension, Transaction};
use sha2::{Digest, Sha256};

use crate::Result;

/// The content hash of a document: SHA-256 over its id, metadata and cleaned text, each
/// length-prefixed. Two reads of the same input hash the same.
pub fn content_hash(doc: &Document) -> String {
    let published = doc.published.map(|d| d.to_string());
    hash_fields([
        Some(doc.id.as_str()),
        doc.url.as_deref(),
        doc.title.as_deref(),
        published.as_deref(),
        doc.source.as_deref(),
        doc.author.as_deref(),
        doc.language.as_deref(),
        Some(doc.text.as_str()),
    ])
}

/// The content hash over a document's fields in [`content_hash`]'s order: id, url, title,
/// published, source, author, language, text.
pub(crate) fn hash_fields(fields: [Option<&str>; 8]) -> String {
    let mut hasher = Sha256::new();
    for field in fields {
        match field {
            Some(text) => {
                hasher.update([1u8]);
                hasher.update((text.len() as u64).to_le_bytes());
                hasher.update(text.as_bytes());
            }
            None => hasher.update([0u8]),
        }
    }
    hex(&hasher.finalize())
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// Near-duplicates are looked for among documents published this many days apart.
const NEAR_DUPLICATE_DAYS: i64 = 14;

/// Bands a SimHash is cut into for lookup (9, 9, 9, 9, 9, 9 and 10 bits).
const SIMHASH_BANDS: u32 = 7;

/// `(band, value)` of each band of a SimHash.
fn simhash_bands(hash: u64) -> impl Iterator<Item = (i64, i64)> {
    (0..SIMHASH_BANDS).map(move |band| {
        let shift = band * 9;
        let width = if band + 1 == SIMHASH_BANDS {
            64 - shift
        } else {
            9
        };
        let value = (hash >> shift) & ((1u64 << width) - 1);
        (i64::from(band), value as i64)
    })
}

/// Spans of at most this many days are "short" for candidate lookup.
const SHORT_SPAN_DAYS: i64 = 7;

/// Whether a happening's span is long (see [`SHORT_SPAN_DAYS`]); 0 or 1 for SQL.
fn long_span(rules: &MergeRules, happening: &Happening) -> i64 {
    happening.span(rules).map_or(0, |s| {
        let days =
            s.lo.until(s.hi)
                .map(|d| i64::from(d.get_days()))
                .unwrap_or(0);
        i64::from(days > SHORT_SPAN_DAYS)
    })
}

/// Fewest words a text needs before equal texts count as wire copies of each other.
const MIN_FINGERPRINT_WORDS: usize = 8;

/// The hash of a document's text reduced by [`dyad_merge::duplicate_fingerprint_text`], or
/// `None` for texts too short to tell copies apart.
fn fingerprint(text: &str) -> Option<String> {
    let reduced = dyad_merge::duplicate_fingerprint_text(text);
    if reduced.split(' ').count() < MIN_FINGERPRINT_WORDS {
        return None;
    }
    Some(hex(&Sha256::digest(reduced.as_bytes())))
}

pub(crate) fn contains(conn: &rusqlite::Connection, hash: &str) -> Result<bool> {
    let mut stmt = conn.prepare_cached("SELECT 1 FROM documents WHERE content_hash = ?1")?;
    Ok(stmt.exists([hash])?)
}

/// What storing one extraction did.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct AddOutcome {
    /// False when the document was already stored (nothing changed).
    pub stored: bool,
    /// The stored document this one copies (wire copies count once), by its id.
    pub duplicate_of: Option<String>,
    /// The key the document is stored under when another document (other content) was
    /// stored under its id already: `id#2`, `id#3`, ... (document keys are unique).
    pub stored_as: Option<String>,
    /// Events of the document that became new store events.
    pub new_events: usize,
    /// Events of the document that merged into stored events.
    pub merged_events: usize,
}

/// One write transaction. Dropped without [`Batch::commit`], it rolls back.
pub struct Batch<'c> {
    tx: Transaction<'c>,
    rules: MergeRules,
    ingested_at: String,
    today: Date,
}

pub(crate) fn status_bit(status: Status) -> i64 {
    1 << (status as i64)
}

pub(crate) fn statuses_of(mask: i64) -> impl Iterator<Item = Status> {
    [
        Status::Asserted,
        Status::Reported,
        Status::Alleged,
        Status::Denied,
        Status::Future,
        Status::Hypothetical,
        Status::Negated,
    ]
    .into_iter()
    .filter(move |s| mask & status_bit(*s) != 0)
}

pub(crate) fn precision_str(p: Option<DatePrecision>) -> Option<&'static str> {
    p.map(|p| match p {
        DatePrecision::Day => "day",
        DatePrecision::Month => "month",
        DatePrecision::Year => "year",
    })
}

pub(crate) fn parse_precision(text: Option<&str>) -> Option<DatePrecision> {
    match text? {
        "day" => Some(DatePrecision::Day),
        "month" => Some(DatePrecision::Month),
        "year" => Some(DatePrecision::Year),
        _ => None,
    }
}

/// Every mention kind, for reading the stored names back.
const MENTION_KINDS: [MentionKind; 8] = [
    MentionKind::Name,
    MentionKind::ShortName,
    MentionKind::Demonym,
    MentionKind::Metonym,
    MentionKind::Descriptor,
    MentionKind::Pronoun,
    MentionKind::Plural,
    MentionKind::Definite,
];

/// The stored name of a mention kind: the contract's `kind` value.
pub(crate) fn mention_kind_str(kind: MentionKind) -> &'static str {
    match kind {
        MentionKind::Name => "name",
        MentionKind::ShortName => "short_name",
        MentionKind::Demonym => "demonym",
        MentionKind::Metonym => "metonym",
        MentionKind::Descriptor => "descriptor",
        MentionKind::Pronoun => "pronoun",
        MentionKind::Plural => "plural",
        MentionKind::Definite => "definite",
    }
}

/// The mention kind of a stored name; unknown names (and NULL) read as no kind.
pub(crate) fn parse_mention_kind(text: Option<&str>) -> Option<MentionKind> {
    let text = text?;
    MENTION_KINDS
        .into_iter()
        .find(|kind| mention_kind_str(*kind) == text)
}

pub(crate) fn parse_date(text: Option<&str>) -> Option<Date> {
    text.and_then(|t| t.parse().ok())
}

fn date_str(date: Option<Date>) -> Option<String> {
    date.map(|d| d.to_string())
}

fn split_codes(text: &str) -> Vec<String> {
    text.split('+')
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect()
}

fn canonical_key(kind: &str, code: Option<&str>, name: &str) -> String {
    let folded: Vec<String> = name
        .split_whitespace()
        .map(|w| {
            w.chars()
                .map(|c| match c {
                    '\u{2018}' | '\u{2019}' => '\'',
                    '\u{201c}' | '\u{201d}' => '"',
                    c => c,
                })
                .flat_map(char::to_lowercase)
                .collect()
        })
        .collect();
    format!("{kind}|{}|{}", code.unwrap_or_default(), folded.join(" "))
}

/// A stored event as the merge rules see it.
struct Candidate {
    id: i64,
    happening: Happening,
    anchor: Option<String>,
}

impl<'c> Batch<'c> {
    pub(crate) fn new(tx: Transaction<'c>, rules: MergeRules) -> Result<Batch<'c>> {
        let now = jiff::Timestamp::now();
        let today = jiff::tz::Offset::UTC.to_datetime(now).date();
        Ok(Batch {
            tx,
            rules,
            ingested_at: now.to_string(),
            today,
        })
    }

    /// Whether a document with this content hash is stored (including by this batch).
    pub fn contains(&self, hash: &str) -> Result<bool> {
        contains(&self.tx, hash)
    }

    /// Makes the batch durable.
    pub fn commit(self) -> Result<()> {
        self.tx.commit()?;
        Ok(())
    }

    /// Stores one document with its entities and events; a document already stored
    /// (same content hash) changes nothing.
    pub fn add(&mut self, extraction: &Extraction) -> Result<AddOutcome> {
        let doc = &extraction.doc;
        let hash = content_hash(doc);
        if self.contains(&hash)? {
            return Ok(AddOutcome::default());
        }
        let key = self.free_key(&doc.id)?;
        let mut outcome = AddOutcome {
            stored: true,
            stored_as: (key != doc.id).then(|| key.clone()),
            ..AddOutcome::default()
        };
        let outlet = dyad_merge::outlet(doc.source.as_deref(), doc.url.as_deref());
        let source_id = match &outlet {
            Some(name) => Some(
                self.tx
                    .prepare_cached(
                        "INSERT INTO sources(name, num_documents) VALUES (?1, 1)
                 ON CONFLICT(name) DO UPDATE SET num_documents = num_documents + 1
                 RETURNING id",
                    )?
                    .query_row([name], |r| r.get::<_, i64>(0))?,
            ),
            None => None,
        };
        let source_key = outlet.clone().unwrap_or_else(|| format!("doc:{hash}"));
        let fingerprint = fingerprint(&doc.text);
        let simhash = dyad_merge::simhash(&doc.text);
        let duplicate = self.find_original(doc, fingerprint.as_deref(), simhash)?;
        if let Some((_, key)) = &duplicate {
            outcome.duplicate_of = Some(key.clone());
        }
        let published = date_str(doc.published);
        let removed = if extraction.removed.is_empty() {
            None
        } else {
            Some(serde_json::to_string(&extraction.removed)?)
        };
        let document_id: i64 = self
            .tx
            .prepare_cached(
                "INSERT INTO documents(doc_key, content_hash, fingerprint, simhash, url, title, published,
                    source_id, author, language, text, removed, duplicate_of, num_events,
                    ingested_at)
                 VALUES (:key, :hash, :fp, :simhash, :url, :title, :published, :source, :author, :lang,
                    :text, :removed, :dup, :n, :at)
                 RETURNING id",
            )?
            .query_row(
                named_params! {
                    ":key": key, ":hash": hash, ":fp": fingerprint,
                    ":simhash": simhash.map(|h| h as i64), ":url": doc.url,
                    ":title": doc.title, ":published": published, ":source": source_id,
                    ":author": doc.author, ":lang": doc.language, ":text": doc.text,
                    ":removed": removed, ":dup": duplicate.as_ref().map(|(id, _)| *id),
                    ":n": extraction.events.len() as i64, ":at": self.ingested_at,
                },
                |r| r.get(0),
            )?;
        self.tx
            .prepare_cached(
                "INSERT INTO document_fts(rowid, title, doc_key, url, text)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                document_id,
                doc.title.as_deref().unwrap_or_default(),
                key,
                doc.url.as_deref().unwrap_or_default(),
                doc.text,
            ])?;
        if let Some(hash) = simhash {
            let mut band = self.tx.prepare_cached(
                "INSERT INTO doc_bands(band, value, published, document_id) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (i, value) in simhash_bands(hash) {
                band.execute(params![
                    i,
                    value,
                    published.as_deref().unwrap_or(""),
                    document_id
                ])?;
            }
        }
        let entities = self.store_entities(extraction, document_id)?;
        let report = ReportContext {
            document_id,
            published: doc.published,
            source_key: &source_key,
            outlet: outlet.as_deref().unwrap_or(&doc.id),
            original: duplicate.as_ref().map(|(id, _)| *id),
            entities: &entities,
        };
        let mut local_to_store: HashMap<&str, i64> = HashMap::new();
        for (ordinal, event) in extraction.events.iter().enumerate() {
            let (event_id, merged) = self.store_event(ordinal, event, &report)?;
            if merged {
                outcome.merged_events += 1;
            } else {
                outcome.new_events += 1;
            }
            local_to_store.insert(event.id.as_str(), event_id);
        }
        let mut link = self.tx.prepare_cached(
            "INSERT OR IGNORE INTO event_links(event_id, target_id) VALUES (?1, ?2)",
        )?;
        for event in &extraction.events {
            let Some(from) = local_to_store.get(event.id.as_str()) else {
                continue;
            };
            for target in &event.links {
                if let Some(to) = local_to_store.get(target.as_str()) {
                    if to != from {
                        link.execute([from, to])?;
                    }
                }
            }
        }
        Ok(outcome)
    }

    /// The key a new document is stored under: its id, or, when another document (other
    /// content: same content is never stored twice) holds that id, the first free
    /// `id#2`, `id#3`, ... so that every key names one document.
    fn free_key(&self, id: &str) -> Result<String> {
        let mut taken = self
            .tx
            .prepare_cached("SELECT 1 FROM documents WHERE doc_key = ?1")?;
        if !taken.exists([id])? {
            return Ok(id.to_string());
        }
        let mut n = 2u64;
        loop {
            let key = format!("{id}#{n}");
            if !taken.exists([&key])? {
                return Ok(key);
            }
            n += 1;
        }
    }

    /// The stored original a document copies: the one its `duplicate_of` names, else one
    /// with the same text fingerprint. Returns `(row id, document id)` of the original.
    fn find_original(
        &self,
        doc: &Document,
        fingerprint: Option<&str>,
        simhash: Option<u64>,
    ) -> Result<Option<(i64, String)>> {
        let root = |row: Option<(i64, Option<i64>)>| -> Result<Option<(i64, String)>> {
            let Some((id, of)) = row else {
                return Ok(None);
            };
            let root = of.unwrap_or(id);
            let key: String =
                self.tx
                    .query_row("SELECT doc_key FROM documents WHERE id = ?1", [root], |r| {
                        r.get(0)
                    })?;
            Ok(Some((root, key)))
        };
        if let Some(key) = doc.duplicate_of.as_deref().filter(|k| *k != doc.id) {
            let row = self
                .tx
                .prepare_cached(
                    "SELECT id, duplicate_of FROM documents WHERE doc_key = ?1
                     ORDER BY id DESC LIMIT 1",
                )?
                .query_row([key], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            if row.is_some() {
                return root(row);
            }
        }
        if let Some(fp) = fingerprint {
            let row = self
                .tx
                .prepare_cached(
                    "SELECT id, duplicate_of FROM documents WHERE fingerprint = ?1
                     ORDER BY id LIMIT 1",
                )?
                .query_row([fp], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            if row.is_some() {
                return root(row);
            }
        }
        let Some(hash) = simhash else {
            return Ok(None);
        };
        root(self.near_duplicate(hash, doc.published)?)
    }

    /// The earliest stored document, published within [`NEAR_DUPLICATE_DAYS`] days, whose
    /// SimHash is within [`dyad_merge::NEAR_DUPLICATE_BITS`] bits of `hash`: a band of
    /// [`SIMHASH_BANDS`] must match exactly (with at most 6 bits differing over 7 bands, one
    /// band always does), then the whole hash is compared.
    fn near_duplicate(
        &self,
        hash: u64,
        published: Option<Date>,
    ) -> Result<Option<(i64, Option<i64>)>> {
        let (lo, hi) = match published {
            Some(date) => {
                let shift = |days: i64| {
                    date.checked_add(jiff::Span::new().days(days))
                        .unwrap_or(date)
                        .to_string()
                };
                (shift(-NEAR_DUPLICATE_DAYS), shift(NEAR_DUPLICATE_DAYS))
            }
            None => (String::new(), String::new()),
        };
        let mut stmt = self.tx.prepare_cached(
            "SELECT d.id, d.duplicate_of, d.simhash FROM doc_bands b
             JOIN documents d ON d.id = b.document_id
             WHERE b.band = ?1 AND b.value = ?2 AND b.published >= ?3 AND b.published <= ?4",
        )?;
        let mut best: Option<(i64, Option<i64>)> = None;
        for (band, value) in simhash_bands(hash) {
            let rows = stmt.query_map(params![band, value, lo, hi], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, Option<i64>>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })?;
            for row in rows {
                let (id, of, other) = row?;
                if dyad_merge::near_duplicates(hash, other as u64)
                    && best.is_none_or(|(b, _)| id < b)
                {
                    best = Some((id, of));
                }
            }
        }
        Ok(best)
    }

    /// Stores the document's entities as canonical actors (one per type, code and folded
    /// name across documents) with aliases, roles and mentions. Returns the store id of
    /// each local entity id.
    fn store_entities(
        &mut self,
        extraction: &Extraction,
        document_id: i64,
    ) -> Result<HashMap<String, i64>> {
        let seen = date_str(extraction.doc.published);
        let mut ids = HashMap::new();
        let mut upsert = self.tx.prepare_cached(
            "INSERT INTO entities(canonical_key, name, type, code, sector, num_documents,
                first_seen, last_seen)
             VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?6)
             ON CONFLICT(canonical_key) DO UPDATE SET
                num_documents = num_documents + 1,
                sector = coalesce(sector, excluded.sector),
                first_seen = CASE WHEN first_seen IS NULL OR excluded.first_seen < first_seen
                             THEN excluded.first_seen ELSE first_seen END,
                last_seen = CASE WHEN last_seen IS NULL OR excluded.last_seen > last_seen
                            THEN excluded.last_seen ELSE last_seen END
             RETURNING id",
        )?;
        let mut alias = self.tx.prepare_cached(
            "INSERT INTO entity_aliases(entity_id, alias, count) VALUES (?1, ?2, 1)
             ON CONFLICT(entity_id, alias) DO UPDATE SET count = count + 1",
        )?;
        let mut role = self.tx.prepare_cached(
            "INSERT INTO entity_roles(entity_id, role, first_seen, last_seen, count)
             VALUES (?1, ?2, ?3, ?3, 1)
             ON CONFLICT(entity_id, role) DO UPDATE SET
                count = count + 1,
                first_seen = CASE WHEN first_seen IS NULL OR excluded.first_seen < first_seen
                             THEN excluded.first_seen ELSE first_seen END,
                last_seen = CASE WHEN last_seen IS NULL OR excluded.last_seen > last_seen
                            THEN excluded.last_seen ELSE last_seen END",
        )?;
        let mut mention = self.tx.prepare_cached(
            "INSERT INTO mentions(document_id, entity_id, local_id, text, start, \"end\",
                kind, role)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for entity in &extraction.entities {
            let kind = entity.kind.as_str();
            let key = canonical_key(kind, entity.code.as_deref(), &entity.name);
            let id: i64 = upsert.query_row(
                params![key, entity.name, kind, entity.code, entity.sector, seen],
                |r| r.get(0),
            )?;
            let mut aliases: Vec<&str> = entity.mentions.iter().map(|m| m.text.as_str()).collect();
            aliases.push(entity.name.as_str());
            aliases.sort_unstable();
            aliases.dedup();
            for a in aliases {
                alias.execute(params![id, a])?;
            }
            if let Some(r) = entity.role.as_deref().filter(|r| !r.is_empty()) {
                role.execute(params![id, r, seen])?;
            }
            for m in &entity.mentions {
                mention.execute(params![
                    document_id,
                    id,
                    entity.id,
                    m.text,
                    m.start as i64,
                    m.end as i64,
                    m.kind.map(mention_kind_str),
                    entity.role.as_deref().filter(|r| !r.is_empty()),
                ])?;
            }
            ids.insert(entity.id.clone(), id);
        }
        Ok(ids)
    }

    /// The stored events a report could merge into: same block, spans that may overlap.
    fn candidates(&self, happening: &Happening) -> Result<Vec<Candidate>> {
        let block = happening.blocking_key();
        let rows = match happening.span(&self.rules) {
            Some(span) => {
                // Short spans (a day, an undated report's few days) and long ones (months,
                // years, periods) are looked up apart, so that the common short case scans
                // a few days of its block rather than the longest span's worth.
                let day_window = self.rules.day_window;
                let shift = |date: Date, days: i64| {
                    date.checked_add(jiff::Span::new().days(days))
                        .unwrap_or(date)
                };
                let hi = shift(span.hi, day_window).to_string();
                let short_lo = shift(span.lo, -(SHORT_SPAN_DAYS + day_window)).to_string();
                let long_lo = shift(span.lo, -(dyad_merge::MAX_SPAN_DAYS + day_window)).to_string();
                let mut stmt = self.tx.prepare_cached(concat!(
                    "SELECT id, cameo, actor_codes, recipient_codes, date, date_end,
                        date_precision, published, country, anchor, place_id, ",
                    first_report!(),
                    " FROM events e WHERE block = ?1 AND long_span = ?2
                        AND span_lo >= ?3 AND span_lo <= ?4",
                ))?;
                let mut rows = Vec::new();
                for (long, lo) in [(0, short_lo), (1, long_lo)] {
                    let found = stmt.query_map(params![block, long, lo, hi], |r| {
                        candidate_row(r, happening)
                    })?;
                    for row in found {
                        rows.push(row?);
                    }
                }
                rows.sort_by_key(|c: &Candidate| c.id);
                rows
            }
            None => {
                let mut stmt = self.tx.prepare_cached(concat!(
                    "SELECT id, cameo, actor_codes, recipient_codes, date, date_end,
                        date_precision, published, country, anchor, place_id, ",
                    first_report!(),
                    " FROM events e WHERE block = ?1 AND span_lo IS NULL",
                ))?;
                let rows = stmt.query_map(params![block], |r| candidate_row(r, happening))?;
                rows.collect::<rusqlite::Result<Vec<_>>>()?
            }
        };
        Ok(rows)
    }

    /// The event the original of a wire copy reported at the same position with the same
    /// type, if any (a copy's events come in its original's order).
    fn original_event(
        &self,
        original: i64,
        ordinal: usize,
        event: &Event,
        happening: &Happening,
    ) -> Result<Option<Candidate>> {
        let mut stmt = self.tx.prepare_cached(concat!(
            "SELECT e.id, e.cameo, e.actor_codes, e.recipient_codes, e.date, e.date_end,
                e.date_precision, e.published, e.country, e.anchor, e.place_id, ",
            first_report!(),
            " FROM event_reports r JOIN events e ON e.id = r.event_id
             WHERE r.document_id = ?1 AND r.ordinal = ?2 AND e.event_type = ?3
                AND e.modality = ?4
             LIMIT 1",
        ))?;
        Ok(stmt
            .query_row(
                params![
                    original,
                    i64::try_from(ordinal).unwrap_or(i64::MAX),
                    event.event.as_str(),
                    happening.modality.as_str()
                ],
                |r| candidate_row(r, happening),
            )
            .optional()?)
    }

    /// Stores one report: merged into the best compatible stored event, or as a new event.
    /// Returns the store event id and whether it merged.
    fn store_event(
        &mut self,
        ordinal: usize,
        event: &Event,
        ctx: &ReportContext<'_>,
    ) -> Result<(i64, bool)> {
        let happening = Happening::from_event(event, ctx.published);
        let candidates = self.candidates(&happening)?;
        let best = dyad_merge::best_match(
            &self.rules,
            &happening,
            candidates.iter().map(|c| &c.happening),
        )
        .and_then(|i| candidates.into_iter().nth(i));
        // A wire copy's report goes to the event its original's report went to.
        let from_original = match ctx.original {
            Some(original) => self.original_event(original, ordinal, event, &happening)?,
            None => None,
        };
        let best = from_original.or(best);
        // A copy's report counts only when nothing else reports the happening.
        let counted = ctx.original.is_none() || best.is_none();
        let seen = ctx.published.unwrap_or(self.today).to_string();
        let (event_id, merged) = match best {
            Some(candidate) => (
                self.merge_into(candidate, &happening, event, ctx, counted, &seen)?,
                true,
            ),
            None => (
                self.insert_event(&happening, event, ctx, counted, &seen)?,
                false,
            ),
        };
        self.insert_report(event_id, ordinal, event, ctx, counted)?;
        Ok((event_id, merged))
    }

    fn insert_event(
        &mut self,
        happening: &Happening,
        event: &Event,
        ctx: &ReportContext<'_>,
        counted: bool,
        seen: &str,
    ) -> Result<i64> {
        let span_lo = happening.span(&self.rules).map(|s| s.lo.to_string());
        let anchor = date_str(happening.anchor());
        let counted = i64::from(counted);
        let status = dyad_merge::merged_status([event.status]).unwrap_or(event.status);
        let place = event.location.as_ref().map(|l| l.name.clone());
        let id: i64 = self
            .tx
            .prepare_cached(
                "INSERT INTO events(block, event_type, modality, cameo, quad_class, goldstein,
                    actor_codes, recipient_codes, date, date_end, date_precision, published,
                    anchor, span_lo, long_span, country, place, place_id, status, status_mask, num_mentions,
                    num_articles, num_sources, first_seen, last_seen, representative_document)
                 VALUES (:block, :type, :modality, :cameo, :quad, :goldstein, :actors,
                    :recipients, :date, :date_end, :precision, :published, :anchor, :span_lo, :long_span,
                    :country, :place, :place_id, :status, :mask, :n, :n, :n, :seen, :seen, :doc)
                 RETURNING id",
            )?
            .query_row(
                named_params! {
                    ":block": happening.blocking_key(),
                    ":type": event.event.as_str(),
                    ":modality": happening.modality.as_str(),
                    ":cameo": event.cameo,
                    ":quad": i64::from(event.quad_class),
                    ":goldstein": event.goldstein,
                    ":actors": happening.actor_codes.join("+"),
                    ":recipients": happening.recipient_codes.join("+"),
                    ":date": date_str(happening.date),
                    ":date_end": date_str(happening.date_end),
                    ":precision": precision_str(happening.precision),
                    ":published": date_str(happening.published),
                    ":anchor": anchor,
                    ":span_lo": span_lo,
                    ":long_span": long_span(&self.rules, happening),
                    ":country": happening.country,
                    ":place": place,
                    ":place_id": happening.place_id.and_then(|id| i64::try_from(id).ok()),
                    ":status": status.as_str(),
                    ":mask": status_bit(event.status),
                    ":n": counted,
                    ":seen": seen,
                    ":doc": ctx.document_id,
                },
                |r| r.get(0),
            )?;
        let mut party = self.tx.prepare_cached(
            "INSERT INTO event_parties(event_id, side, code, sector, text, entity_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for (side, refs) in [("actor", &event.actor), ("recipient", &event.recipient)] {
            for a in refs {
                let entity = a.entity.as_ref().and_then(|e| ctx.entities.get(e));
                party.execute(params![id, side, a.code, a.sector, a.text, entity])?;
            }
        }
        // A reciprocal event ("the two leaders met") lists the same parties on both sides;
        // its dyads are the pairs of different parties. A self-pair stays when distinct
        // parties share a code (government against rebels of one country).
        let reciprocal = happening.actor_codes.len() > 1
            && happening
                .actor_codes
                .iter()
                .collect::<std::collections::BTreeSet<_>>()
                == happening.recipient_codes.iter().collect();
        let mut pairs = Vec::new();
        for a in &happening.actor_codes {
            for r in &happening.recipient_codes {
                if reciprocal && a == r {
                    continue;
                }
                pairs.push(if a <= r { (a, r) } else { (r, a) });
            }
        }
        pairs.sort();
        pairs.dedup();
        let anchor_text = date_str(happening.anchor()).unwrap_or_default();
        let mut codes = self.tx.prepare_cached(
            "INSERT OR IGNORE INTO event_codes(code, side, anchor, event_id) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (side, list) in [
            ("actor", &happening.actor_codes),
            ("recipient", &happening.recipient_codes),
        ] {
            for c in list {
                codes.execute(params![c, side, anchor_text, id])?;
            }
        }
        let mut dyad = self.tx.prepare_cached(
            "INSERT OR IGNORE INTO event_dyads(code_a, code_b, anchor, event_id)
             VALUES (?1, ?2, ?3, ?4)",
        )?;
        let anchor = date_str(happening.anchor()).unwrap_or_default();
        for (a, b) in pairs {
            dyad.execute(params![a, b, anchor, id])?;
        }
        Ok(id)
    }

    fn merge_into(
        &mut self,
        candidate: Candidate,
        report: &Happening,
        event: &Event,
        ctx: &ReportContext<'_>,
        counted: bool,
        seen: &str,
    ) -> Result<i64> {
        let Candidate {
            id,
            mut happening,
            anchor: old_anchor,
        } = candidate;
        dyad_merge::absorb(&mut happening, report);
        let (new_article, new_source) = if counted {
            let article = !self
                .tx
                .prepare_cached(
                    "SELECT 1 FROM event_reports WHERE event_id = ?1 AND document_id = ?2
                     AND counted = 1",
                )?
                .exists(params![id, ctx.document_id])?;
            let source = !self
                .tx
                .prepare_cached(
                    "SELECT 1 FROM event_reports WHERE event_id = ?1 AND source_key = ?2
                     AND counted = 1",
                )?
                .exists(params![id, ctx.source_key])?;
            (article, source)
        } else {
            (false, false)
        };
        let mask: i64 = self
            .tx
            .prepare_cached("SELECT status_mask FROM events WHERE id = ?1")?
            .query_row([id], |r| r.get(0))?;
        let mask = mask | status_bit(event.status);
        let status = dyad_merge::merged_status(statuses_of(mask)).unwrap_or(event.status);
        let anchor = date_str(happening.anchor());
        self.tx
            .prepare_cached(
                "UPDATE events SET
                    date = :date, date_end = :date_end, date_precision = :precision,
                    published = :published, anchor = :anchor, span_lo = :span_lo, long_span = :long_span,
                    country = :country, place = coalesce(place, :place), place_id = :place_id,
                    status = :status, status_mask = :mask,
                    num_mentions = num_mentions + :mention,
                    num_articles = num_articles + :article,
                    num_sources = num_sources + :source,
                    first_seen = CASE WHEN first_seen IS NULL OR :seen < first_seen
                                 THEN :seen ELSE first_seen END,
                    last_seen = CASE WHEN last_seen IS NULL OR :seen > last_seen
                                THEN :seen ELSE last_seen END
                 WHERE id = :id",
            )?
            .execute(named_params! {
                ":date": date_str(happening.date),
                ":date_end": date_str(happening.date_end),
                ":precision": precision_str(happening.precision),
                ":published": date_str(happening.published),
                ":anchor": anchor,
                ":span_lo": happening.span(&self.rules).map(|s| s.lo.to_string()),
                ":long_span": long_span(&self.rules, &happening),
                ":country": happening.country,
                ":place_id": happening.place_id.and_then(|id| i64::try_from(id).ok()),
                ":place": event.location.as_ref().map(|l| l.name.clone()),
                ":status": status.as_str(),
                ":mask": mask,
                ":mention": i64::from(counted),
                ":article": i64::from(new_article),
                ":source": i64::from(new_source),
                ":seen": seen,
                ":id": id,
            })?;
        if anchor != old_anchor {
            self.tx
                .prepare_cached("UPDATE event_dyads SET anchor = ?1 WHERE event_id = ?2")?
                .execute(params![anchor.as_deref().unwrap_or_default(), id])?;
            self.tx
                .prepare_cached("UPDATE event_codes SET anchor = ?1 WHERE event_id = ?2")?
                .execute(params![anchor.as_deref().unwrap_or_default(), id])?;
        }
        Ok(id)
    }

    fn insert_report(
        &mut self,
        event_id: i64,
        ordinal: usize,
        event: &Event,
        ctx: &ReportContext<'_>,
        counted: bool,
    ) -> Result<()> {
        let report_id: i64 = self
            .tx
            .prepare_cached(
                "INSERT INTO event_reports(event_id, document_id, local_id, ordinal, source_key,
                    counted, status, cameo, date, date_precision, published, evidence, event_json)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
                 RETURNING id",
            )?
            .query_row(
                params![
                    event_id,
                    ctx.document_id,
                    event.id,
                    i64::try_from(ordinal).unwrap_or(i64::MAX),
                    ctx.source_key,
                    i64::from(counted),
                    event.status.as_str(),
                    event.cameo,
                    date_str(event.date),
                    precision_str(event.date_precision),
                    date_str(ctx.published),
                    event.evidence,
                    serde_json::to_string(event)?,
                ],
                |r| r.get(0),
            )?;
        self.tx
            .prepare_cached("INSERT INTO report_fts(rowid, evidence) VALUES (?1, ?2)")?
            .execute(params![report_id, event.evidence])?;
        let mut claim = self.tx.prepare_cached(
            "INSERT INTO claims(event_id, report_id, stance, claimant, code, sector, cue,
                is_outlet, outlet, published, source_type, hedged)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        for c in dyad_merge::claims(event, ctx.outlet) {
            claim.execute(params![
                event_id,
                report_id,
                c.stance.as_str(),
                c.claimant,
                c.code,
                c.sector,
                c.cue,
                i64::from(c.is_outlet),
                ctx.outlet,
                date_str(ctx.published),
                c.source_type,
                i64::from(c.hedged),
            ])?;
        }
        Ok(())
    }
}

/// What every report of one document shares.
struct ReportContext<'a> {
    document_id: i64,
    published: Option<Date>,
    source_key: &'a str,
    outlet: &'a str,
    /// The stored original of a wire copy.
    original: Option<i64>,
    entities: &'a HashMap<String, i64>,
}

/// The evidence and trigger of a stored event's first report (columns 11 and 12 of a
/// candidate row; the event table is `e`): what the merge rule compares for events
/// without a recipient.
macro_rules! first_report {
    () => {
        "(SELECT fr.evidence FROM event_reports fr WHERE fr.event_id = e.id
            ORDER BY fr.id LIMIT 1),
         (SELECT json_extract(CASE WHEN json_valid(fr.event_json) THEN fr.event_json END,
                 '$.trigger.text')
            FROM event_reports fr WHERE fr.event_id = e.id ORDER BY fr.id LIMIT 1)"
    };
}
use first_report;

fn candidate_row(r: &rusqlite::Row<'_>, report: &Happening) -> rusqlite::Result<Candidate> {
    let actors: String = r.get(2)?;
    let recipients: String = r.get(3)?;
    let date: Option<String> = r.get(4)?;
    let date_end: Option<String> = r.get(5)?;
    let precision: Option<String> = r.get(6)?;
    let published: Option<String> = r.get(7)?;
    Ok(Candidate {
        id: r.get(0)?,
        happening: Happening {
            // Same block: same type and modality as the report.
            event: report.event,
            cameo: r.get(1)?,
            actor_codes: split_codes(&actors),
            recipient_codes: split_codes(&recipients),
            date: parse_date(date.as_deref()),
            date_end: parse_date(date_end.as_deref()),
            precision: parse_precision(precision.as_deref()),
            published: parse_date(published.as_deref()),
            country: r.get(8)?,
            place_id: r
                .get::<_, Option<i64>>(10)?
                .and_then(|id| u64::try_from(id).ok()),
            modality: report.modality,
            trigger: r
                .get::<_, Option<String>>(12)?
                .unwrap_or_default()
                .trim()
                .to_lowercase(),
            text: dyad_merge::duplicate_fingerprint_text(
                &r.get::<_, Option<String>>(11)?.unwrap_or_default(),
            ),
        },
        anchor: r.get(9)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mention_kinds_are_stored_under_their_contract_names() {
        for kind in MENTION_KINDS {
            let name = mention_kind_str(kind);
            assert_eq!(
                serde_json::to_value(kind).unwrap(),
                serde_json::Value::String(name.into())
            );
            assert_eq!(parse_mention_kind(Some(name)), Some(kind));
        }
        assert_eq!(parse_mention_kind(Some("nickname")), None);
        assert_eq!(parse_mention_kind(None), None);
    }
}
