//! Loading many claims at once: what a large import does differently.
//!
//! Two measured costs dominate a large load (bench/README.md): keeping the
//! secondary indexes of `claims` up to date while rows arrive in random key
//! order, and the write-ahead log writing every page twice. Into a ledger
//! without claims, an import drops those indexes and builds them again once
//! the rows are in (in the same transaction: a failed or killed import
//! leaves the ledger as it was), and runs in rollback-journal mode, which is
//! as crash-safe and writes each new page once, but makes readers wait for
//! the load to end: no reader has anything to read yet. Foreign keys, which
//! the load itself resolves, are not checked row by row (3 s of 18 at a
//! million rows).

use super::Ledger;
use anyhow::Result;

/// The indexes built after the load: the rest are unique constraints or
/// cover only rows an import does not write (partial indexes on relations).
const DEFERRED_INDEXES: &[&str] = &["claims_by_metric_date", "claims_by_source"];

/// The page cache while indexes are built (negative: in KiB).
const SORT_CACHE_KIB: i64 = -2048;

/// Indexes dropped for a load, with the SQL that builds them again.
pub struct DeferredIndexes(Vec<String>);

/// An import, from before its transaction until after it: statement
/// journals kept in memory and, for a first load, the ledger in
/// rollback-journal mode with foreign keys unchecked row by row. Dropped
/// (or `finish`ed), it puts temporary storage, WAL and foreign keys back,
/// whatever happened to the load.
pub struct BulkLoad<'a> {
    ledger: &'a mut Ledger,
    /// A first load (else only the statement journals change).
    active: bool,
    journal_changed: bool,
    restored: bool,
}

impl<'a> BulkLoad<'a> {
    /// Leaves WAL for the rollback journal (unless another connection holds
    /// the ledger open, which WAL needs to see through), and stops checking
    /// foreign keys row by row. Every key a load writes is one it has just
    /// looked up or added in the same transaction; `claims verify` checks
    /// them all.
    ///
    /// Every import keeps its statement journals in memory: each new
    /// document fires the table log's trigger, so its statement journals
    /// the pages it changes, and once that journal outgrows 64 KiB SQLite
    /// spills it to a temporary file for the rest of the transaction, two
    /// writes a page from then on (bench/README.md, fifth session). The
    /// setting is read when the transaction begins; `restore_indexes` turns
    /// it off for its sorter, which with temporary storage in memory would
    /// sort a whole index in memory.
    pub fn begin(ledger: &'a mut Ledger, active: bool) -> Result<Self> {
        ledger.conn.pragma_update(None, "temp_store", "MEMORY")?;
        let mut guard = BulkLoad { ledger, active, journal_changed: false, restored: false };
        if active {
            let conn = &guard.ledger.conn;
            conn.pragma_update(None, "foreign_keys", false)?;
            // without waiting: a reader holding the ledger keeps the load in WAL
            conn.busy_timeout(std::time::Duration::ZERO)?;
            let mode: rusqlite::Result<String> =
                conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0));
            conn.busy_timeout(super::busy_timeout()?)?;
            guard.journal_changed = matches!(mode.as_deref(), Ok("delete"));
        }
        Ok(guard)
    }

    /// WAL again, which every other command expects (and sets on
    /// opening), and foreign keys checked; an error here is reported.
    pub fn finish(mut self) -> Result<()> {
        self.restore()
    }

    fn restore(&mut self) -> Result<()> {
        if std::mem::replace(&mut self.restored, true) {
            return Ok(());
        }
        if self.active {
            if self.journal_changed {
                self.ledger.conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))?;
            }
            self.ledger.conn.pragma_update(None, "foreign_keys", true)?;
        }
        self.ledger.conn.pragma_update(None, "temp_store", "DEFAULT")?;
        Ok(())
    }
}

impl Drop for BulkLoad<'_> {
    fn drop(&mut self) {
        // on an early return the load's own error is the one to report; the
        // next command opening the ledger sets WAL and foreign keys anyway
        let _ = self.restore();
    }
}

impl std::ops::Deref for BulkLoad<'_> {
    type Target = Ledger;
    fn deref(&self) -> &Ledger {
        self.ledger
    }
}

impl std::ops::DerefMut for BulkLoad<'_> {
    fn deref_mut(&mut self) -> &mut Ledger {
        self.ledger
    }
}

impl Ledger {
    pub fn has_claims(&self) -> Result<bool> {
        Ok(self.conn.query_row("SELECT EXISTS (SELECT 1 FROM claims)", [], |r| r.get(0))?)
    }

    /// Inside the open transaction: when the ledger has no claims yet, drops
    /// the indexes a load would keep up to date row by row.
    pub fn defer_indexes(&self) -> Result<Option<DeferredIndexes>> {
        if self.has_claims()? {
            return Ok(None);
        }
        let mut create = Vec::new();
        for name in DEFERRED_INDEXES {
            let sql: String = self.conn.query_row(
                "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?1",
                [name],
                |r| r.get(0),
            )?;
            // the name comes from the constant above, never from input
            self.conn.execute_batch(&format!("DROP INDEX {name}"))?;
            create.push(sql);
        }
        Ok(Some(DeferredIndexes(create)))
    }

    /// Builds the dropped indexes again, over every row now in the table.
    pub fn restore_indexes(&self, deferred: DeferredIndexes) -> Result<()> {
        // the sources and documents held for the load are not needed to sort
        self.cache.replace(Default::default());
        // the sorter that builds an index can use a second core; it sorts in
        // runs of the page cache's size, one for each thread
        let cache: i64 = self.conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        self.conn.pragma_update(None, "threads", 2)?;
        self.conn.pragma_update(None, "cache_size", SORT_CACHE_KIB)?;
        // runs on disk, not the whole index in memory (see `BulkLoad::begin`)
        self.conn.pragma_update(None, "temp_store", "FILE")?;
        for sql in deferred.0 {
            self.conn.execute_batch(&sql)?;
        }
        self.conn.pragma_update(None, "threads", 0)?;
        self.conn.pragma_update(None, "cache_size", cache)?;
        Ok(())
    }
}
