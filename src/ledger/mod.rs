//! The ledger file: opening it, its pragmas and migrations, and every query.
//! This module is the only place with SQL.

mod audit;
mod bulk;
mod checks;
mod claim_columns;
mod claim_joins;
mod claim_writes;
mod claims;
mod discard;
mod housekeeping;
mod integrity;
mod migrate;
mod open;
mod other;
mod trouble;
mod vocab;

pub use audit::AuditEntry;
pub use bulk::{BulkLoad, DeferredIndexes};
pub use checks::{CheckRow, Text};
pub use claim_writes::{NewClaim, NewDocument, NewSource};
pub use claims::{ClaimFilter, ClaimRef, Detail};
pub use discard::remove_if_unused;
pub use housekeeping::{ClaimUnit, SourceRow, VocabChange};
pub use integrity::{Problem, State};
pub use migrate::VERSION;
pub use open::{busy_timeout, Access, APPLICATION_ID};
pub use trouble::explain;
pub use vocab::Batch;

use anyhow::Result;
use rusqlite::Connection;
use std::path::PathBuf;
use std::sync::mpsc;

/// How many batches a reader on a second thread may hold ahead.
const BATCHES_AHEAD: usize = 2;

pub struct Ledger {
    pub(crate) conn: Connection,
    pub path: PathBuf,
    /// What the open transaction has read or written, to spare queries on
    /// every row of an import; emptied when a transaction starts or a
    /// savepoint is undone.
    cache: std::cell::RefCell<WriteCache>,
}

/// Sources and documents are few next to claims: their rows are kept here
/// while a transaction writes (documents up to a bound, to keep memory flat).
#[derive(Default)]
pub(crate) struct WriteCache {
    pub last_hash: Option<Vec<u8>>,
    pub sources: std::collections::HashMap<String, (i64, [Option<String>; 2])>,
    /// A document's id by a digest of the fields a claim gave for it
    /// (`claim_writes::document_key`): 24 bytes a document, not its texts.
    pub documents: std::collections::HashMap<[u8; 16], i64>,
}

/// How many documents the write cache holds at most (about 3.3 MB).
pub(crate) const CACHED_DOCUMENTS: usize = 100_000;

impl Ledger {
    /// Who and when the audit log records for changes made through this
    /// connection.
    pub fn set_actor(&self, user: Option<&str>, now: &str) -> Result<()> {
        integrity::define_functions(&self.conn, user.map(str::to_string), now.to_string())?;
        Ok(())
    }

    /// Sets SQLite's page cache for this connection.
    pub fn set_cache_kib(&self, kib: i64) -> Result<()> {
        self.conn.pragma_update(None, "cache_size", -kib)?;
        Ok(())
    }

    /// Reads on a second connection and thread what `produce` sends, while
    /// `consume` works on it here: a read of the whole ledger then uses both
    /// cores. When `consume` stops early, `produce` is told by a failed send.
    pub(crate) fn read_alongside<T: Send>(
        &self,
        produce: impl FnOnce(&Ledger, &mpsc::SyncSender<T>) -> Result<()> + Send,
        consume: impl FnMut(T) -> Result<()>,
    ) -> Result<()> {
        let path = self.path.clone();
        // a reader opens the file as this connection did: another's ledger read-only
        let access = if self.conn.is_readonly(rusqlite::DatabaseName::Main)? {
            Access::ReadOnly
        } else {
            Access::Existing
        };
        std::thread::scope(|scope| {
            let (sender, receiver) = mpsc::sync_channel::<T>(BATCHES_AHEAD);
            let reader = scope.spawn(move || produce(&Ledger::open(&path, access)?, &sender));
            let consumed = receiver.into_iter().try_for_each(consume);
            let read = reader.join().map_err(|_| anyhow::anyhow!("the reader of the ledger failed"))?;
            consumed.and(read)
        })
    }

    /// Runs `work` in one transaction: all of it is written, or none.
    pub fn write<T>(&mut self, work: impl FnOnce(&Ledger) -> Result<T>) -> Result<T> {
        self.write_if(|ledger| work(ledger).map(|value| (value, true)))
    }

    /// Runs `work` in one transaction, kept only when it returns `true`
    /// beside its value (a dry run returns `false`).
    pub fn write_if<T>(&mut self, work: impl FnOnce(&Ledger) -> Result<(T, bool)>) -> Result<T> {
        self.cache.replace(WriteCache::default());
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        match work(self) {
            Ok((value, true)) => {
                self.conn.execute_batch("COMMIT")?;
                Ok(value)
            }
            Ok((value, false)) => {
                self.conn.execute_batch("ROLLBACK")?;
                Ok(value)
            }
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    /// Runs `work` inside a savepoint of the open transaction, kept only
    /// when it returns `true` beside its value: otherwise, or when it fails,
    /// what it wrote is undone and the rest of the transaction stays.
    pub fn attempt_if<T>(&self, work: impl FnOnce(&Ledger) -> Result<(T, bool)>) -> Result<T> {
        self.conn.execute_batch("SAVEPOINT attempt")?;
        let result = work(self);
        if !matches!(result, Ok((_, true))) {
            self.cache.replace(WriteCache::default());
            self.conn.execute_batch("ROLLBACK TO attempt")?;
        }
        self.conn.execute_batch("RELEASE attempt")?;
        result.map(|(value, _)| value)
    }
}
