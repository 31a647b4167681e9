-- claims ledger, migration step 4.
-- A shipped step never changes: later steps are new files in migrations/.
--
-- The row hash of a claim shipped without the columns derived at entry:
-- the first and last day of its dates, the precision of `from`, and the
-- content hash that import uses to spot a repeated row. Claims entered from
-- now on hash every column as entered (`integrity::FULL_HASHED`); for the
-- claims already here, their content hashes are committed to once, in a
-- fact of the ledger. Facts are logged in the table log and never change.

CREATE TABLE ledger_facts (
    name   TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) STRICT;

DROP VIEW logged_rows;

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
       'changes', changes, 'at', at, 'by', by) FROM merged_history
UNION ALL
SELECT 'ledger_facts', name, json_object('name', name, 'value', value) FROM ledger_facts;

CREATE TRIGGER ledger_facts_logged_insert AFTER INSERT ON ledger_facts BEGIN
    INSERT INTO log_change VALUES ('ledger_facts', NEW.name);
END;
CREATE TRIGGER ledger_facts_fixed BEFORE UPDATE ON ledger_facts BEGIN
    SELECT RAISE(ABORT, 'the facts of a ledger never change');
END;
CREATE TRIGGER ledger_facts_never_deleted BEFORE DELETE ON ledger_facts BEGIN
    SELECT RAISE(ABORT, 'the facts of a ledger never change');
END;

-- The first claim whose row hash covers every column.
INSERT INTO ledger_facts (name, value)
SELECT 'full_row_hash_from', CAST(coalesce(max(id), 0) + 1 AS TEXT) FROM claims;

-- The claims before it: the sha256 of their content hashes in hex, in id order.
INSERT INTO ledger_facts (name, value)
SELECT 'content_hashes_before', claims_sha256(coalesce(group_concat(hex(content_hash), '' ORDER BY id), ''))
FROM claims;
