-- claims ledger, migration step 2.
-- A shipped step never changes: later steps are new files in migrations/.
--
-- Reports read one metric's claims, or every claim metric by metric. Read
-- through the (metric, day) index alone they were one table page per claim,
-- scattered over the file in entry order. This index also carries every
-- column timeline, change, latest and check read, so that a metric's claims
-- come from neighbouring pages. It keeps (metric, day, content hash) first:
-- that is how an import finds a row it has seen before.

DROP INDEX claims_by_metric_date;

CREATE INDEX claims_by_metric_date ON claims (
    metric_id, as_of_start, content_hash, status, as_of_end, from_start, as_of, as_of_precision,
    from_date, stated, value, unit, qualifier, best, low, high, source_id, document_id,
    change_of, share_of
);
