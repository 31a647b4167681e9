-- claims ledger, migration step 6.
-- A shipped step never changes: later steps are new files in migrations/.
--
-- Housekeeping without loss. A source entered under two spellings is
-- merged into one by pointing the spare spelling at the kept one
-- (`merged_into`): claims are never rewritten, their source is read
-- through that pointer. A mistaken metric is retired (`retired_at`), not
-- deleted; a renamed metric keeps its old key as an alias, so that old
-- files and scripts still find it. Every change to a source or a metric is
-- recorded by the database itself in `vocab_changes`, field by field, old
-- and new, with when and by whom, as `audit_log` does for claims. All of
-- it is in the table log, so `claims verify` sees it.

ALTER TABLE sources ADD COLUMN merged_into INTEGER REFERENCES sources (id) CHECK (merged_into <> id);
ALTER TABLE metrics ADD COLUMN retired_at TEXT;

-- Old keys of renamed metrics: a key here names the metric it points at.
CREATE TABLE metric_aliases (
    key        TEXT PRIMARY KEY CHECK (key <> '' AND key = trim(key)),
    metric_id  INTEGER NOT NULL REFERENCES metrics (id)
) STRICT;

-- Every change to a source or a metric after it was added: `changes` is
-- JSON, each field with its old and new value.
CREATE TABLE vocab_changes (
    id       INTEGER PRIMARY KEY,
    tbl      TEXT NOT NULL CHECK (tbl = 'sources' OR tbl = 'metrics'),
    row_id   INTEGER NOT NULL,
    changes  TEXT NOT NULL,
    at       TEXT NOT NULL,
    by       TEXT
) STRICT;

CREATE INDEX vocab_changes_by_row ON vocab_changes (tbl, row_id);

CREATE TRIGGER sources_changed AFTER UPDATE ON sources
WHEN OLD.name IS NOT NEW.name OR OLD.kind IS NOT NEW.kind OR OLD.affiliation IS NOT NEW.affiliation
  OR OLD.merged_into IS NOT NEW.merged_into
BEGIN
    INSERT INTO vocab_changes (tbl, row_id, changes, at, by)
    VALUES ('sources', NEW.id,
            json_object('name', json_array(OLD.name, NEW.name), 'kind', json_array(OLD.kind, NEW.kind),
                        'affiliation', json_array(OLD.affiliation, NEW.affiliation),
                        'merged_into', json_array(OLD.merged_into, NEW.merged_into)),
            claims_now(), claims_actor());
END;

CREATE TRIGGER metrics_changed AFTER UPDATE ON metrics
WHEN OLD.key IS NOT NEW.key OR OLD.label IS NOT NEW.label OR OLD.kind IS NOT NEW.kind
  OR OLD.unit IS NOT NEW.unit OR OLD.part_of IS NOT NEW.part_of OR OLD.retired_at IS NOT NEW.retired_at
BEGIN
    INSERT INTO vocab_changes (tbl, row_id, changes, at, by)
    VALUES ('metrics', NEW.id,
            json_object('key', json_array(OLD.key, NEW.key), 'label', json_array(OLD.label, NEW.label),
                        'kind', json_array(OLD.kind, NEW.kind), 'unit', json_array(OLD.unit, NEW.unit),
                        'part_of', json_array(OLD.part_of, NEW.part_of),
                        'retired_at', json_array(OLD.retired_at, NEW.retired_at)),
            claims_now(), claims_actor());
END;

-- The rows of sources and metrics render as before while the new columns
-- are empty: the entries already logged stay true, none is logged again.
DROP VIEW logged_rows;

CREATE VIEW logged_rows (tbl, key, row) AS
SELECT 'metrics', id, CASE WHEN retired_at IS NULL
       THEN json_object('id', id, 'key', key, 'label', label, 'kind', kind, 'unit', unit,
            'part_of', part_of, 'created_at', created_at)
       ELSE json_object('id', id, 'key', key, 'label', label, 'kind', kind, 'unit', unit,
            'part_of', part_of, 'created_at', created_at, 'retired_at', retired_at) END FROM metrics
UNION ALL
SELECT 'unit_aliases', noun, json_object('noun', noun, 'same_as', same_as) FROM unit_aliases
UNION ALL
SELECT 'sources', id, CASE WHEN merged_into IS NULL
       THEN json_object('id', id, 'name', name, 'kind', kind, 'affiliation', affiliation)
       ELSE json_object('id', id, 'name', name, 'kind', kind, 'affiliation', affiliation,
            'merged_into', merged_into) END FROM sources
UNION ALL
SELECT 'documents', id, json_object('id', id, 'url', url, 'title', title, 'publisher', publisher,
       'published', published, 'retrieved', retrieved) FROM documents
UNION ALL
SELECT 'import_batches', id, json_object('id', id, 'file_name', file_name, 'file_size', file_size,
       'sha256', sha256, 'imported_at', imported_at, 'imported_by', imported_by, 'rows_read', rows_read,
       'rows_added', rows_added, 'rows_present', rows_present) FROM import_batches
UNION ALL
SELECT 'merged_history', id, json_object('id', id, 'ledger', ledger, 'claim_uid', claim_uid,
       'changes', changes, 'at', at, 'by', by) FROM merged_history
UNION ALL
SELECT 'ledger_facts', name, json_object('name', name, 'value', value) FROM ledger_facts
UNION ALL
SELECT 'metric_aliases', key, json_object('key', key, 'metric_id', metric_id) FROM metric_aliases
UNION ALL
SELECT 'vocab_changes', id, json_object('id', id, 'tbl', tbl, 'row_id', row_id, 'changes', changes,
       'at', at, 'by', by) FROM vocab_changes;

CREATE TRIGGER metric_aliases_logged_insert AFTER INSERT ON metric_aliases BEGIN
    INSERT INTO log_change VALUES ('metric_aliases', NEW.key);
END;
CREATE TRIGGER metric_aliases_logged_update AFTER UPDATE ON metric_aliases BEGIN
    INSERT INTO log_change VALUES ('metric_aliases', NEW.key);
END;
CREATE TRIGGER metric_aliases_never_deleted BEFORE DELETE ON metric_aliases BEGIN
    SELECT RAISE(ABORT, 'metric aliases are never deleted');
END;
CREATE TRIGGER vocab_changes_logged_insert AFTER INSERT ON vocab_changes BEGIN
    INSERT INTO log_change VALUES ('vocab_changes', NEW.id);
END;
CREATE TRIGGER vocab_changes_fixed BEFORE UPDATE ON vocab_changes BEGIN
    SELECT RAISE(ABORT, 'the record of changes is never changed');
END;
CREATE TRIGGER vocab_changes_never_deleted BEFORE DELETE ON vocab_changes BEGIN
    SELECT RAISE(ABORT, 'the record of changes is never changed');
END;
