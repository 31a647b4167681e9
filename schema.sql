-- claims ledger, migration step 1.
-- A shipped step never changes: later steps are new files in migrations/.

CREATE TABLE metrics (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE CHECK (key <> '' AND key = trim(key)),
    label       TEXT,
    kind        TEXT NOT NULL CHECK (kind IN ('level', 'cumulative', 'period')),
    unit        TEXT NOT NULL CHECK (unit <> ''),
    -- for a period metric: the cumulative metric that totals it
    part_of     INTEGER REFERENCES metrics (id),
    created_at  TEXT NOT NULL
) STRICT;

-- Two count nouns declared the same in this ledger ("troops" = "soldiers").
CREATE TABLE unit_aliases (
    noun     TEXT PRIMARY KEY,
    same_as  TEXT NOT NULL CHECK (same_as <> noun)
) STRICT;

-- The claimant: a person, office, agency or outlet.
CREATE TABLE sources (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE CHECK (name <> ''),
    kind         TEXT CHECK (kind IN ('person', 'office', 'agency', 'outlet', 'government', 'military', 'organisation', 'other')),
    affiliation  TEXT
) STRICT;

-- Where a claim was read.
CREATE TABLE documents (
    id         INTEGER PRIMARY KEY,
    url        TEXT UNIQUE,
    title      TEXT,
    publisher  TEXT,
    published  TEXT,
    retrieved  TEXT,
    CHECK (url IS NOT NULL OR title IS NOT NULL)
) STRICT;

-- One import run: what file, and what came of it.
CREATE TABLE import_batches (
    id          INTEGER PRIMARY KEY,
    file_name   TEXT NOT NULL,
    file_size   INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT,
    rows_read   INTEGER NOT NULL,
    rows_added  INTEGER NOT NULL,
    rows_present INTEGER NOT NULL
) STRICT;

-- One reported figure. `value` is the figure as written; qualifier and
-- bounds are read from it. Dates keep their text and precision, with the
-- first and last day they cover for sorting and "at or before".
-- Closed vocabularies are checked with OR chains, not IN lists: SQLite
-- builds a temporary table for an IN list on every row written.
CREATE TABLE claims (
    id               INTEGER PRIMARY KEY,
    uid              TEXT NOT NULL UNIQUE CHECK (uid <> ''),
    metric_id        INTEGER NOT NULL REFERENCES metrics (id),
    value            TEXT NOT NULL CHECK (value <> ''),
    qualifier        TEXT NOT NULL CHECK (qualifier = 'exact' OR qualifier = 'approx' OR qualifier = 'more_than' OR qualifier = 'at_least' OR qualifier = 'up_to' OR qualifier = 'at_most' OR qualifier = 'almost' OR qualifier = 'range'),
    best             REAL,
    low              REAL,
    high             REAL,
    unit             TEXT NOT NULL CHECK (unit <> ''),
    as_of            TEXT NOT NULL,
    as_of_precision  TEXT NOT NULL CHECK (as_of_precision = 'day' OR as_of_precision = 'month' OR as_of_precision = 'quarter' OR as_of_precision = 'year'),
    as_of_start      TEXT NOT NULL,
    as_of_end        TEXT NOT NULL,
    from_date        TEXT,
    from_precision   TEXT CHECK (from_precision = 'day' OR from_precision = 'month' OR from_precision = 'quarter' OR from_precision = 'year'),
    from_start       TEXT,
    stated           TEXT,
    source_id        INTEGER REFERENCES sources (id),
    document_id      INTEGER REFERENCES documents (id),
    quote            TEXT,
    place            TEXT,
    note             TEXT,
    change_of        INTEGER REFERENCES claims (id),
    share_of         INTEGER REFERENCES claims (id),
    status           TEXT NOT NULL DEFAULT 'active' CHECK (status = 'active' OR status = 'retracted' OR status = 'superseded'),
    reason           TEXT,
    superseded_by    INTEGER REFERENCES claims (id),
    entered_by       TEXT,
    entered_at       TEXT NOT NULL,
    batch_id         INTEGER REFERENCES import_batches (id),
    batch_line       INTEGER,
    -- sha256 of the previous claim's row_hash and this claim as entered:
    -- a claim changed or removed outside claims breaks the chain
    row_hash         BLOB NOT NULL,
    -- a hash of the fields as entered, without uid: how an import knows a
    -- row it has seen before when the row carries no uid
    content_hash     BLOB NOT NULL,
    CHECK (low IS NULL OR high IS NULL OR low <= high),
    CHECK (best IS NULL OR low IS NULL OR low <= best),
    CHECK (best IS NULL OR high IS NULL OR best <= high),
    CHECK (as_of_start <= as_of_end),
    CHECK (from_start IS NULL OR from_start <= as_of_end),
    CHECK ((from_date IS NULL) = (from_start IS NULL)),
    CHECK (change_of IS NULL OR share_of IS NULL),
    CHECK (change_of IS NULL OR change_of <> id),
    CHECK (share_of IS NULL OR share_of <> id),
    CHECK ((status = 'superseded') = (superseded_by IS NOT NULL)),
    CHECK (status <> 'retracted' OR reason IS NOT NULL)
) STRICT;

-- time order within a metric, and (with the content hash) how an import finds
-- a row it has seen before without scanning the day's claims
CREATE INDEX claims_by_metric_date ON claims (metric_id, as_of_start, content_hash);
CREATE INDEX claims_by_source ON claims (source_id);
-- relations and corrections are few: partial indexes find them without a scan
CREATE INDEX claims_shares ON claims (share_of) WHERE share_of IS NOT NULL;
CREATE INDEX claims_changes ON claims (change_of) WHERE change_of IS NOT NULL;
CREATE INDEX claims_corrections ON claims (superseded_by) WHERE superseded_by IS NOT NULL;

-- Every change to a claim after it was entered, written by the database
-- itself; the entry itself is recorded in the claim row (entered_at,
-- entered_by, batch_id, batch_line, row_hash). Each entry's hash chains to
-- the previous one, so an entry changed or removed outside claims shows.
-- claims_now(), claims_actor() and claims_sha256() are functions the claims
-- binary defines: a tool without them cannot change a claim unnoticed.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    claim_id   INTEGER NOT NULL REFERENCES claims (id),
    changes    TEXT NOT NULL,
    at         TEXT NOT NULL,
    by         TEXT,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL UNIQUE
) STRICT;

CREATE INDEX audit_by_claim ON audit_log (claim_id);

-- The audit entries of ledgers merged into this one, kept as they were
-- there (claim ids in `changes` are that ledger's).
CREATE TABLE merged_history (
    id         INTEGER PRIMARY KEY,
    ledger     TEXT NOT NULL,
    claim_uid  TEXT NOT NULL,
    changes    TEXT NOT NULL,
    at         TEXT NOT NULL,
    by         TEXT,
    UNIQUE (claim_uid, at, changes)
) STRICT;

CREATE INDEX merged_history_by_claim ON merged_history (claim_uid);

-- What a claim says is never changed in place: a correction is a new claim.
CREATE TRIGGER claims_content_fixed BEFORE UPDATE OF uid, metric_id, value, qualifier, best, low, high,
    unit, as_of, as_of_precision, as_of_start, as_of_end, from_date, from_precision, from_start,
    stated, source_id, document_id, quote, place, note, change_of, share_of, entered_by,
    entered_at, batch_id, batch_line, row_hash, content_hash ON claims BEGIN
    SELECT RAISE(ABORT, 'a claim is never changed in place: record a correction with claims edit');
END;

CREATE TRIGGER claims_audit_update AFTER UPDATE OF status, reason, superseded_by ON claims
WHEN OLD.status IS NOT NEW.status OR OLD.reason IS NOT NEW.reason OR OLD.superseded_by IS NOT NEW.superseded_by
BEGIN
    INSERT INTO audit_log (claim_id, changes, at, by, prev_hash, hash)
    SELECT NEW.id, e.changes, e.at, e.by, e.prev,
           claims_sha256(e.prev || '|' || NEW.id || '|' || e.changes || '|' || e.at || '|' || coalesce(e.by, ''))
    FROM (SELECT json_object('status', json_array(OLD.status, NEW.status),
                             'reason', json_array(OLD.reason, NEW.reason),
                             'superseded_by', json_array(OLD.superseded_by, NEW.superseded_by)) AS changes,
                 claims_now() AS at, claims_actor() AS by,
                 coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev) AS e;
END;

CREATE TRIGGER claims_never_deleted BEFORE DELETE ON claims BEGIN
    SELECT RAISE(ABORT, 'claims are never deleted: retract or supersede instead');
END;

-- One row per claim with its metric, source and document joined: the ledger
-- read on its own in sqlite3 or Datasette.
CREATE VIEW claims_full AS
SELECT c.id, c.uid, m.key AS metric, m.label AS metric_label, m.kind AS metric_kind,
       m.unit AS metric_unit, c.value, c.qualifier, c.best, c.low, c.high, c.unit,
       c.as_of, c.as_of_precision, c.from_date AS "from", c.stated,
       s.name AS source, s.kind AS source_kind, s.affiliation,
       d.url AS doc_url, d.title AS doc_title, d.publisher, d.published, d.retrieved,
       c.quote, c.place, c.note,
       rc.uid AS change_of, rs.uid AS share_of,
       c.status, c.reason, sb.uid AS superseded_by,
       c.entered_by, c.entered_at, c.batch_id, c.batch_line
FROM claims c
JOIN metrics m ON m.id = c.metric_id
LEFT JOIN sources s ON s.id = c.source_id
LEFT JOIN documents d ON d.id = c.document_id
LEFT JOIN claims rc ON rc.id = c.change_of
LEFT JOIN claims rs ON rs.id = c.share_of
LEFT JOIN claims sb ON sb.id = c.superseded_by;
