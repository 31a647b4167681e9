//! The ledger file: opening it, its pragmas and migrations, and every query.
//! This module is the only place with SQL.

mod bulk;
mod checks;
mod claims;
mod integrity;
mod migrate;
mod vocab;

pub use bulk::DeferredIndexes;
pub use checks::{CheckRow, Text};
pub use claims::{AuditEntry, ClaimFilter, ClaimRef, Detail, NewClaim, NewDocument, NewSource};
pub use integrity::{Problem, State};
pub use vocab::Batch;

use crate::error::InputError;
use anyhow::{Context as _, Result};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// How many batches a reader on a second thread may hold ahead.
const BATCHES_AHEAD: usize = 2;

/// How long a writer waits for another process to finish before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

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
    pub documents: std::collections::HashMap<String, (i64, [Option<String>; 4])>,
}

/// How many documents the write cache holds at most.
pub(crate) const CACHED_DOCUMENTS: usize = 100_000;

impl Ledger {
    /// Opens a ledger, creating it when the file does not exist yet.
    pub fn open_or_create(path: &Path) -> Result<Ledger> {
        Self::open_with(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE)
    }

    /// Opens an existing ledger; a missing file is an error with a hint.
    pub fn open_existing(path: &Path) -> Result<Ledger> {
        if !path.exists() {
            return Err(InputError::new(format!("no ledger at {}", path.display()))
                .hint("start one with `claims metrics add ...` or `claims demo`, or point at one with --db or CLAIMS_DB")
                .into());
        }
        Self::open_with(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
    }

    fn open_with(path: &Path, flags: OpenFlags) -> Result<Ledger> {
        let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .with_context(|| format!("opening ledger {}", path.display()))?;
        conn.busy_timeout(busy_timeout())?;
        let not_a_ledger = |e: rusqlite::Error| -> anyhow::Error {
            if matches!(e.sqlite_error_code(), Some(rusqlite::ErrorCode::NotADatabase)) {
                InputError::new(format!("{} is not a claims ledger (not an SQLite database)", path.display()))
                    .hint("check --db or CLAIMS_DB; claims never overwrites a file it did not create")
                    .into()
            } else {
                anyhow::Error::new(e).context(format!("opening ledger {}", path.display()))
            }
        };
        conn.pragma_update(None, "foreign_keys", true).map_err(not_a_ledger)?;
        let mode = wal_mode(&conn).map_err(not_a_ledger)?;
        debug_assert!(mode == "wal" || mode == "memory", "journal mode {mode}");
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        integrity::define_functions(&conn, None, now)?;
        let mut ledger = Ledger { conn, path: path.to_path_buf(), cache: Default::default() };
        migrate::migrate(&mut ledger.conn, path)?;
        Ok(ledger)
    }

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
        std::thread::scope(|scope| {
            let (sender, receiver) = mpsc::sync_channel::<T>(BATCHES_AHEAD);
            let reader = scope.spawn(move || produce(&Ledger::open_existing(&path)?, &sender));
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
        self.conn.execute_batch("BEGIN IMMEDIATE").map_err(busy)?;
        match work(self) {
            Ok((value, true)) => {
                self.conn.execute_batch("COMMIT").map_err(busy)?;
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

    /// Runs `work` inside a savepoint of the open transaction: when it fails,
    /// what it wrote is undone and the rest of the transaction stays.
    pub fn attempt<T>(&self, work: impl FnOnce(&Ledger) -> Result<T>) -> Result<T> {
        self.conn.execute_batch("SAVEPOINT attempt")?;
        let result = work(self);
        if result.is_err() {
            self.cache.replace(WriteCache::default());
            self.conn.execute_batch("ROLLBACK TO attempt")?;
        }
        self.conn.execute_batch("RELEASE attempt")?;
        result
    }
}

/// Puts the ledger in WAL mode. On a new file, while another process sets
/// the mode too, SQLite answers "busy" without waiting: try again until the
/// busy timeout has passed.
fn wal_mode(conn: &Connection) -> rusqlite::Result<String> {
    let started = std::time::Instant::now();
    loop {
        match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)) {
            Err(e)
                if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
                    && started.elapsed() < busy_timeout() =>
            {
                std::thread::sleep(Duration::from_millis(5))
            }
            result => return result,
        }
    }
}

/// `CLAIMS_BUSY_TIMEOUT_MS` shortens the wait (tests use it).
fn busy_timeout() -> Duration {
    let from_env = std::env::var("CLAIMS_BUSY_TIMEOUT_MS").ok().and_then(|ms| ms.parse().ok());
    from_env.map(Duration::from_millis).unwrap_or(BUSY_TIMEOUT)
}

/// A clear word for a ledger another process holds for too long.
fn busy(e: rusqlite::Error) -> anyhow::Error {
    if matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    ) {
        InputError::new(format!(
            "the ledger is busy: another process kept it locked for {:.1}s",
            busy_timeout().as_secs_f64()
        ))
        .hint("try again when the other claims command has finished")
        .into()
    } else {
        e.into()
    }
}
