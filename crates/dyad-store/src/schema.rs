//! The store's SQLite schema and its migrations. A store file is recognised by its
//! `application_id` pragma ([`APPLICATION_ID`]); `user_version` is the schema version, and
//! each entry of [`MIGRATIONS`] moves a store one version up inside one transaction.
//! `docs/store.md` describes every table.

/// `application_id` of a dyad store: the bytes `DYAD`.
pub const APPLICATION_ID: i32 = 0x4459_4144;

/// The SQL that brings a store from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[V1, V2, V3, V4];

/// The schema version this build writes.
pub fn latest_version() -> i32 {
    i32::try_from(MIGRATIONS.len()).unwrap_or(i32::MAX)
}

const V1: &str = r#"
CREATE TABLE sources (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    num_documents INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    doc_key      TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    fingerprint  TEXT,
    simhash      INTEGER,
    url          TEXT,
    title        TEXT,
    published    TEXT,
    source_id    INTEGER REFERENCES sources(id),
    author       TEXT,
    language     TEXT,
    text         TEXT NOT NULL,
    removed      TEXT,
    duplicate_of INTEGER REFERENCES documents(id),
    num_events   INTEGER NOT NULL DEFAULT 0,
    ingested_at  TEXT NOT NULL
);
CREATE INDEX documents_key ON documents(doc_key);
CREATE INDEX documents_fingerprint ON documents(fingerprint);

CREATE TABLE doc_bands (
    band        INTEGER NOT NULL,
    value       INTEGER NOT NULL,
    published   TEXT NOT NULL,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    PRIMARY KEY (band, value, published, document_id)
) WITHOUT ROWID;

CREATE TABLE entities (
    id            INTEGER PRIMARY KEY,
    canonical_key TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    type          TEXT NOT NULL,
    code          TEXT,
    sector        TEXT,
    num_documents INTEGER NOT NULL DEFAULT 0,
    first_seen    TEXT,
    last_seen     TEXT
);
CREATE INDEX entities_code ON entities(code);

CREATE TABLE entity_aliases (
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    alias     TEXT NOT NULL,
    count     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (entity_id, alias)
) WITHOUT ROWID;

CREATE TABLE entity_roles (
    entity_id  INTEGER NOT NULL REFERENCES entities(id),
    role       TEXT NOT NULL,
    first_seen TEXT,
    last_seen  TEXT,
    count      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (entity_id, role)
) WITHOUT ROWID;

CREATE TABLE mentions (
    document_id INTEGER NOT NULL REFERENCES documents(id),
    entity_id   INTEGER NOT NULL REFERENCES entities(id),
    local_id    TEXT NOT NULL,
    text        TEXT NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL
);
CREATE INDEX mentions_document ON mentions(document_id);
CREATE INDEX mentions_entity ON mentions(entity_id);

CREATE TABLE events (
    id              INTEGER PRIMARY KEY,
    block           TEXT NOT NULL,
    event_type      TEXT NOT NULL,
    modality        TEXT NOT NULL,
    cameo           TEXT NOT NULL,
    quad_class      INTEGER NOT NULL,
    goldstein       REAL NOT NULL,
    actor_codes     TEXT NOT NULL,
    recipient_codes TEXT NOT NULL,
    date            TEXT,
    date_end        TEXT,
    date_precision  TEXT,
    published       TEXT,
    anchor          TEXT,
    span_lo         TEXT,
    long_span       INTEGER NOT NULL DEFAULT 0,
    country         TEXT,
    place           TEXT,
    place_id        INTEGER,
    status          TEXT NOT NULL,
    status_mask     INTEGER NOT NULL,
    num_mentions    INTEGER NOT NULL DEFAULT 0,
    num_articles    INTEGER NOT NULL DEFAULT 0,
    num_sources     INTEGER NOT NULL DEFAULT 0,
    first_seen      TEXT,
    last_seen       TEXT,
    representative_document INTEGER NOT NULL REFERENCES documents(id)
);
CREATE INDEX events_block ON events(block, long_span, span_lo);
CREATE INDEX events_anchor ON events(anchor);
CREATE INDEX events_type ON events(event_type, anchor);

CREATE TABLE event_parties (
    event_id  INTEGER NOT NULL REFERENCES events(id),
    side      TEXT NOT NULL CHECK (side IN ('actor', 'recipient')),
    code      TEXT,
    sector    TEXT,
    text      TEXT NOT NULL,
    entity_id INTEGER REFERENCES entities(id)
);
CREATE INDEX event_parties_code ON event_parties(code, side, event_id);
CREATE INDEX event_parties_event ON event_parties(event_id);

CREATE TABLE event_codes (
    code     TEXT NOT NULL,
    side     TEXT NOT NULL CHECK (side IN ('actor', 'recipient')),
    anchor   TEXT NOT NULL,
    event_id INTEGER NOT NULL REFERENCES events(id),
    PRIMARY KEY (code, side, anchor, event_id)
) WITHOUT ROWID;
CREATE INDEX event_codes_event ON event_codes(event_id);

CREATE TABLE event_dyads (
    code_a   TEXT NOT NULL,
    code_b   TEXT NOT NULL,
    anchor   TEXT NOT NULL,
    event_id INTEGER NOT NULL REFERENCES events(id),
    PRIMARY KEY (code_a, code_b, anchor, event_id)
) WITHOUT ROWID;
CREATE INDEX event_dyads_event ON event_dyads(event_id);

CREATE TABLE event_reports (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES events(id),
    document_id INTEGER NOT NULL REFERENCES documents(id),
    local_id    TEXT NOT NULL,
    ordinal     INTEGER NOT NULL,
    source_key  TEXT NOT NULL,
    counted     INTEGER NOT NULL,
    status      TEXT NOT NULL,
    cameo       TEXT NOT NULL,
    date        TEXT,
    date_precision TEXT,
    published   TEXT,
    evidence    TEXT NOT NULL,
    event_json  TEXT NOT NULL
);
CREATE INDEX event_reports_event ON event_reports(event_id, document_id);
CREATE INDEX event_reports_source ON event_reports(event_id, source_key);
CREATE INDEX event_reports_document ON event_reports(document_id);

CREATE TABLE claims (
    event_id    INTEGER NOT NULL REFERENCES events(id),
    report_id   INTEGER NOT NULL REFERENCES event_reports(id),
    stance      TEXT NOT NULL CHECK (stance IN ('asserts', 'denies')),
    claimant    TEXT NOT NULL,
    code        TEXT,
    sector      TEXT,
    cue         TEXT,
    is_outlet   INTEGER NOT NULL,
    outlet      TEXT NOT NULL,
    published   TEXT
);
CREATE INDEX claims_event ON claims(event_id);

CREATE TABLE event_links (
    event_id  INTEGER NOT NULL REFERENCES events(id),
    target_id INTEGER NOT NULL REFERENCES events(id),
    PRIMARY KEY (event_id, target_id)
) WITHOUT ROWID;

CREATE VIRTUAL TABLE report_fts USING fts5(evidence, tokenize = 'unicode61 remove_diacritics 2');
"#;

/// Version 2: claims keep the source's type and whether it hedges; mentions keep how the
/// entity is named there (`kind`) and the entity's role in its document. A version-1
/// store's claims are filled from the reports it keeps (`event_reports.status`,
/// `event_json`'s attributions); its mentions' kind and role stay unknown (NULL).
const V2: &str = r#"
ALTER TABLE claims ADD COLUMN source_type TEXT;
ALTER TABLE claims ADD COLUMN hedged INTEGER NOT NULL DEFAULT 0;
ALTER TABLE mentions ADD COLUMN kind TEXT;
ALTER TABLE mentions ADD COLUMN role TEXT;

UPDATE claims SET hedged = 1
WHERE stance = 'asserts' AND is_outlet = 0
  AND report_id IN (SELECT id FROM event_reports WHERE status = 'alleged');

UPDATE claims SET source_type = (
    SELECT json_extract(a.value, '$.source_type')
    FROM event_reports r,
         json_each(CASE WHEN json_valid(r.event_json) THEN r.event_json ELSE '{}' END,
                   '$.attribution') a
    WHERE r.id = claims.report_id
      AND json_extract(a.value, '$.text') = claims.claimant
      AND json_extract(a.value, '$.source_type') IS NOT NULL
    ORDER BY a.key
    LIMIT 1
)
WHERE stance = 'asserts' AND is_outlet = 0;
"#;

/// Version 3: document keys are unique. A document stored under a key that an earlier
/// document (other content) already had is renamed `key#2`, `key#3`, ... in the order they
/// were stored, as the store names such documents from this version on.
const V3: &str = r#"
CREATE TEMP TABLE renamed AS
    SELECT d.id AS id,
           d.doc_key || '#' || (SELECT count(*) FROM documents o
                                WHERE o.doc_key = d.doc_key AND o.id <= d.id) AS key
    FROM documents d
    WHERE EXISTS (SELECT 1 FROM documents o WHERE o.doc_key = d.doc_key AND o.id < d.id);
UPDATE documents SET doc_key = (SELECT key FROM renamed WHERE renamed.id = documents.id)
WHERE id IN (SELECT id FROM renamed);
DROP TABLE renamed;
"#;

/// Version 4: what a server reads often costs little on a large store.
/// - `document_fts`: full-text index over each document's title, key, URL and text
///   (contentless: rowid = `documents.id`), for document search.
/// - `documents_listing`: documents in listing order (latest published first).
/// - `store_counts`: the number of rows of each counted table, kept by triggers, so that
///   totals are read, not counted (`Store::stats`).
const V4: &str = r#"
CREATE VIRTUAL TABLE document_fts USING fts5(
    title, doc_key, url, text, content = '', tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO document_fts(rowid, title, doc_key, url, text)
    SELECT id, coalesce(title, ''), doc_key, coalesce(url, ''), text FROM documents;

CREATE INDEX documents_listing ON documents(published IS NULL, published DESC, id DESC);

CREATE TABLE store_counts (
    name TEXT PRIMARY KEY,
    n    INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO store_counts(name, n) VALUES
    ('documents', (SELECT count(*) FROM documents)),
    ('duplicates', (SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL)),
    ('sources', (SELECT count(*) FROM sources)),
    ('entities', (SELECT count(*) FROM entities)),
    ('events', (SELECT count(*) FROM events)),
    ('reports', (SELECT count(*) FROM event_reports));
CREATE TRIGGER count_documents AFTER INSERT ON documents BEGIN
    UPDATE store_counts SET n = n + 1 WHERE name = 'documents';
    UPDATE store_counts SET n = n + 1
        WHERE name = 'duplicates' AND NEW.duplicate_of IS NOT NULL;
END;
CREATE TRIGGER count_sources AFTER INSERT ON sources BEGIN
    UPDATE store_counts SET n = n + 1 WHERE name = 'sources';
END;
CREATE TRIGGER count_entities AFTER INSERT ON entities BEGIN
    UPDATE store_counts SET n = n + 1 WHERE name = 'entities';
END;
CREATE TRIGGER count_events AFTER INSERT ON events BEGIN
    UPDATE store_counts SET n = n + 1 WHERE name = 'events';
END;
CREATE TRIGGER count_reports AFTER INSERT ON event_reports BEGIN
    UPDATE store_counts SET n = n + 1 WHERE name = 'reports';
END;
"#;
