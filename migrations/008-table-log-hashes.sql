-- claims ledger, migration step 8.
-- A shipped step never changes: later steps are new files in migrations/.
--
-- The table log (step 3) is a fixed cost per document, metric and source,
-- and the larger part of a small ledger beyond its claims. It kept each
-- entry's hash twice as 64 hex digits (its own, and again as the next
-- entry's `prev_hash`), with a unique index on the hash and one on (tbl,
-- key) that no query reads. Now the hash is its 32 bytes, the previous
-- entry's hash is read from the previous entry, and neither index is
-- kept: 40% of the log's bytes. The chain is computed as before (the
-- previous hash as lowercase hex in the hashed text), so every entry
-- keeps the hash it had, and heads kept outside the ledger still hold.
-- Rows are still logged in full. A hash that is not hex (changed outside
-- claims) is kept as its bytes, for `claims verify` to find.

CREATE TEMP TABLE table_log_kept (
    id INTEGER, tbl TEXT, key ANY, row TEXT, claims INTEGER, audits INTEGER, at TEXT, hash TEXT
) STRICT;
INSERT INTO temp.table_log_kept SELECT id, tbl, key, row, claims, audits, at, hash FROM table_log;

DROP VIEW log_change;
DROP TABLE table_log;

CREATE TABLE table_log (
    id         INTEGER PRIMARY KEY,
    tbl        TEXT NOT NULL,
    -- the row's id, or the noun of a unit alias
    key        ANY NOT NULL,
    -- the whole row as written, as `logged_rows` renders it
    row        TEXT NOT NULL,
    -- the newest claim and audit entry when this entry was written
    claims     INTEGER NOT NULL,
    audits     INTEGER NOT NULL,
    at         TEXT NOT NULL,
    -- sha256 of the previous entry's hash (lowercase hex) and this entry
    hash       BLOB NOT NULL
) STRICT;

INSERT INTO table_log (id, tbl, key, row, claims, audits, at, hash)
SELECT id, tbl, key, row, claims, audits, at, coalesce(unhex(hash), CAST(hash AS BLOB))
FROM temp.table_log_kept ORDER BY id;

DROP TABLE temp.table_log_kept;

-- Inserting (table, key) here logs that row as it now is: the one place
-- that computes an entry's hash.
CREATE VIEW log_change (tbl, key) AS SELECT tbl, key FROM table_log WHERE 0;

CREATE TRIGGER log_change_append INSTEAD OF INSERT ON log_change BEGIN
    INSERT INTO table_log (tbl, key, row, claims, audits, at, hash)
    SELECT e.tbl, e.key, e.row, e.claims, e.audits, e.at,
           unhex(claims_sha256(e.prev || '|' || e.tbl || '|' || e.key || '|' || e.row || '|' || e.claims
                               || '|' || e.audits || '|' || e.at))
    FROM (SELECT r.tbl, r.key, r.row,
                 coalesce((SELECT max(id) FROM claims), 0) AS claims,
                 coalesce((SELECT max(id) FROM audit_log), 0) AS audits,
                 claims_now() AS at,
                 coalesce((SELECT lower(hex(hash)) FROM table_log ORDER BY id DESC LIMIT 1), '') AS prev
          FROM logged_rows r WHERE r.tbl = NEW.tbl AND r.key = NEW.key) AS e;
END;

CREATE TRIGGER table_log_fixed BEFORE UPDATE ON table_log BEGIN
    SELECT RAISE(ABORT, 'the table log is never changed');
END;
CREATE TRIGGER table_log_never_deleted BEFORE DELETE ON table_log BEGIN
    SELECT RAISE(ABORT, 'the table log is never changed');
END;
