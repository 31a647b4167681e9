-- claims ledger, migration step 7.
-- A shipped step never changes: later steps are new files in migrations/.
--
-- The ledger read on its own (sqlite3, Datasette): `claims_full` loses its
-- one column named after an SQL keyword (`from`, which had to be quoted
-- in every query: it is now `from_date`, like the claims table's), and
-- gains the day each figure's span starts and ends, so that a query can
-- sort claims the way `list` does (ORDER BY as_of_start, as_of_end, id) or
-- the way `timeline` does (ORDER BY span_start, as_of_end, id: a period
-- figure starts at its `from`). A source merged into another (step 6) is
-- read as the one it was merged into, as claims reads it. `claims_active`
-- is the same rows without the retracted and superseded claims: what
-- reports read.

DROP VIEW claims_full;

CREATE VIEW claims_full AS
SELECT c.id, c.uid, m.key AS metric, m.label AS metric_label, m.kind AS metric_kind,
       m.unit AS metric_unit, c.value, c.qualifier, c.best, c.low, c.high, c.unit,
       c.as_of, c.as_of_precision, c.as_of_start, c.as_of_end,
       c.from_date, c.from_precision, c.from_start,
       coalesce(c.from_start, c.as_of_start) AS span_start, c.stated,
       s.name AS source, s.kind AS source_kind, s.affiliation,
       d.url AS doc_url, d.title AS doc_title, d.publisher, d.published, d.retrieved,
       c.quote, c.place, c.note,
       rc.uid AS change_of, rs.uid AS share_of,
       c.status, c.reason, sb.uid AS superseded_by,
       c.entered_by, c.entered_at, c.batch_id, c.batch_line
FROM claims c
JOIN metrics m ON m.id = c.metric_id
LEFT JOIN sources spelt ON spelt.id = c.source_id
LEFT JOIN sources s ON s.id = coalesce(spelt.merged_into, spelt.id)
LEFT JOIN documents d ON d.id = c.document_id
LEFT JOIN claims rc ON rc.id = c.change_of
LEFT JOIN claims rs ON rs.id = c.share_of
LEFT JOIN claims sb ON sb.id = c.superseded_by;

CREATE VIEW claims_active AS
SELECT * FROM claims_full WHERE status = 'active';
