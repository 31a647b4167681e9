-- claims ledger, migration step 5.
-- A shipped step never changes: later steps are new files in migrations/.
--
-- A new qualifier, `less_than` ("less than", "fewer than", "under",
-- "below", "<"): a strict upper bound, distinct from `up_to` and `at_most`.
-- The claims table's CHECK lists the qualifiers, and SQLite cannot alter a
-- CHECK. Loosening one needs no rewrite of the table (every row already
-- satisfies the looser rule), so this takes SQLite's documented route for
-- it (the end of "Making Other Kinds Of Table Schema Changes" in its ALTER
-- TABLE page): the table's SQL is edited in the schema itself, which is then
-- reloaded. The rows, their hash chain and the triggers stay as they are.
-- The same edit applied to a new ledger gives the same SQL, which is what
-- `claims verify` compares a ledger's schema with.

PRAGMA writable_schema = ON;

UPDATE sqlite_schema
SET sql = replace(sql, 'OR qualifier = ''range'')', 'OR qualifier = ''range'' OR qualifier = ''less_than'')')
WHERE type = 'table' AND name = 'claims';

PRAGMA writable_schema = RESET;

-- A schema change that every open connection notices (the schema cookie
-- moves), so that none keeps checking claims against the old list.
CREATE TABLE migration_005_done (x);
DROP TABLE migration_005_done;
