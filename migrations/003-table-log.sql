-- claims ledger, migration step 3.
-- A shipped step never changes: later steps are new files in migrations/.
--
-- The tables beside claims and audit_log carry meaning too: what a metric
-- counts, who a source is, where a document was read, what an import added,
-- what other ledgers' history said. Every row written to them is logged
-- here in full, by the database itself, each entry's hash chained to the
-- one before it (as audit_log is), with how many claims and audit entries
-- the ledger held at that moment. `claims verify` checks that every row
-- still equals its newest logged state, that every logged row still
-- exists, and that the claims and audit entries counted are still there.
-- The triggers fire once a source, document, metric or batch, never once
-- a claim.

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
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL UNIQUE
) STRICT;

CREATE INDEX table_log_by_row ON table_log (tbl, key);

-- Every logged row, rendered the one way the log and `verify` compare.
CREATE VIEW logged_rows (tbl, key, row) AS
SELECT 'metrics', id, json_object('id', id, 'key', key, 'label', label, 'kind', kind, 'unit', unit,
       'part_of', part_of, 'created_at', created_at) FROM metrics
UNION ALL
SELECT 'unit_aliases', noun, json_object('noun', noun, 'same_as', same_as) FROM unit_aliases
UNION ALL
SELECT 'sources', id, json_object('id', id, 'name', name, 'kind', kind, 'affiliation', affiliation) FROM sources
UNION ALL
SELECT 'documents', id, json_object('id', id, 'url', url, 'title', title, 'publisher', publisher,
       'published', published, 'retrieved', retrieved) FROM documents
UNION ALL
SELECT 'import_batches', id, json_object('id', id, 'file_name', file_name, 'file_size', file_size,
       'sha256', sha256, 'imported_at', imported_at, 'imported_by', imported_by, 'rows_read', rows_read,
       'rows_added', rows_added, 'rows_present', rows_present) FROM import_batches
UNION ALL
SELECT 'merged_history', id, json_object('id', id, 'ledger', ledger, 'claim_uid', claim_uid,
       'changes', changes, 'at', at, 'by', by) FROM merged_history;

-- Inserting (table, key) here logs that row as it now is: the one place
-- that computes an entry's hash.
CREATE VIEW log_change (tbl, key) AS SELECT tbl, key FROM table_log WHERE 0;

CREATE TRIGGER log_change_append INSTEAD OF INSERT ON log_change BEGIN
    INSERT INTO table_log (tbl, key, row, claims, audits, at, prev_hash, hash)
    SELECT e.tbl, e.key, e.row, e.claims, e.audits, e.at, e.prev,
           claims_sha256(e.prev || '|' || e.tbl || '|' || e.key || '|' || e.row || '|' || e.claims
                         || '|' || e.audits || '|' || e.at)
    FROM (SELECT r.tbl, r.key, r.row,
                 coalesce((SELECT max(id) FROM claims), 0) AS claims,
                 coalesce((SELECT max(id) FROM audit_log), 0) AS audits,
                 claims_now() AS at,
                 coalesce((SELECT hash FROM table_log ORDER BY id DESC LIMIT 1), '') AS prev
          FROM logged_rows r WHERE r.tbl = NEW.tbl AND r.key = NEW.key) AS e;
END;

CREATE TRIGGER metrics_logged_insert AFTER INSERT ON metrics BEGIN
    INSERT INTO log_change VALUES ('metrics', NEW.id);
END;
CREATE TRIGGER metrics_logged_update AFTER UPDATE ON metrics BEGIN
    INSERT INTO log_change VALUES ('metrics', NEW.id);
END;
CREATE TRIGGER unit_aliases_logged_insert AFTER INSERT ON unit_aliases BEGIN
    INSERT INTO log_change VALUES ('unit_aliases', NEW.noun);
END;
CREATE TRIGGER unit_aliases_logged_update AFTER UPDATE ON unit_aliases BEGIN
    INSERT INTO log_change VALUES ('unit_aliases', NEW.noun);
END;
CREATE TRIGGER sources_logged_insert AFTER INSERT ON sources BEGIN
    INSERT INTO log_change VALUES ('sources', NEW.id);
END;
CREATE TRIGGER sources_logged_update AFTER UPDATE ON sources BEGIN
    INSERT INTO log_change VALUES ('sources', NEW.id);
END;
CREATE TRIGGER documents_logged_insert AFTER INSERT ON documents BEGIN
    INSERT INTO log_change VALUES ('documents', NEW.id);
END;
CREATE TRIGGER documents_logged_update AFTER UPDATE ON documents BEGIN
    INSERT INTO log_change VALUES ('documents', NEW.id);
END;
CREATE TRIGGER import_batches_logged_insert AFTER INSERT ON import_batches BEGIN
    INSERT INTO log_change VALUES ('import_batches', NEW.id);
END;
CREATE TRIGGER import_batches_logged_update AFTER UPDATE ON import_batches BEGIN
    INSERT INTO log_change VALUES ('import_batches', NEW.id);
END;
CREATE TRIGGER merged_history_logged_insert AFTER INSERT ON merged_history BEGIN
    INSERT INTO log_change VALUES ('merged_history', NEW.id);
END;
CREATE TRIGGER merged_history_logged_update AFTER UPDATE ON merged_history BEGIN
    INSERT INTO log_change VALUES ('merged_history', NEW.id);
END;

-- Rows that claims never removes, and logs that are never rewritten.
CREATE TRIGGER metrics_never_deleted BEFORE DELETE ON metrics BEGIN
    SELECT RAISE(ABORT, 'metrics are never deleted: retire one instead');
END;
CREATE TRIGGER unit_aliases_never_deleted BEFORE DELETE ON unit_aliases BEGIN
    SELECT RAISE(ABORT, 'unit aliases are never deleted');
END;
CREATE TRIGGER sources_never_deleted BEFORE DELETE ON sources BEGIN
    SELECT RAISE(ABORT, 'sources are never deleted');
END;
CREATE TRIGGER documents_never_deleted BEFORE DELETE ON documents BEGIN
    SELECT RAISE(ABORT, 'documents are never deleted');
END;
CREATE TRIGGER import_batches_never_deleted BEFORE DELETE ON import_batches BEGIN
    SELECT RAISE(ABORT, 'import batches are never deleted');
END;
CREATE TRIGGER merged_history_never_deleted BEFORE DELETE ON merged_history BEGIN
    SELECT RAISE(ABORT, 'merged history is never deleted');
END;
CREATE TRIGGER audit_log_fixed BEFORE UPDATE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'the audit log is never changed');
END;
CREATE TRIGGER audit_log_never_deleted BEFORE DELETE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'the audit log is never changed');
END;
CREATE TRIGGER table_log_fixed BEFORE UPDATE ON table_log BEGIN
    SELECT RAISE(ABORT, 'the table log is never changed');
END;
CREATE TRIGGER table_log_never_deleted BEFORE DELETE ON table_log BEGIN
    SELECT RAISE(ABORT, 'the table log is never changed');
END;

-- A ledger of an earlier version: its rows as they are now, logged once.
INSERT INTO log_change (tbl, key) SELECT tbl, key FROM logged_rows;
