//! Versioned migrations: step N brings a ledger to `user_version` N, each in
//! its own transaction. A ledger newer than this binary is refused.

use crate::error::InputError;
use anyhow::{Context as _, Result};
use rusqlite::{Connection, TransactionBehavior};
use std::path::Path;

/// Every step ever shipped, in order. A shipped step never changes.
/// `schema.sql` is the first; each later one is a file in `migrations/`.
pub(super) const STEPS: &[&str] = &[
    include_str!("../../schema.sql"),
    include_str!("../../migrations/002-report-index.sql"),
    include_str!("../../migrations/003-table-log.sql"),
];

/// The ledger version this binary writes.
pub const VERSION: i64 = STEPS.len() as i64;

pub fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    // Readers must not wait for a writer: an up-to-date ledger takes no lock.
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version == VERSION {
        return Ok(());
    }
    loop {
        // Immediate, and the version read inside, so two processes opening a
        // new ledger at once do not both apply a step.
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        refuse_foreign(&tx, version, path)?;
        if version == VERSION {
            return Ok(());
        }
        let step = STEPS[version as usize];
        tx.execute_batch(step).with_context(|| format!("migrating the ledger to version {}", version + 1))?;
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
    }
}

/// A newer ledger, or a database that is not a ledger at all, is never touched.
fn refuse_foreign(conn: &Connection, version: i64, path: &Path) -> Result<()> {
    if version > VERSION {
        return Err(InputError::new(format!(
            "{} is a ledger of version {version}, newer than this claims (version {VERSION})",
            path.display()
        ))
        .hint("upgrade claims to read it")
        .into());
    }
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    if version == 0 && tables > 0 {
        return Err(InputError::new(format!(
            "{} is an SQLite database but not a claims ledger",
            path.display()
        ))
        .hint(
            "point --db at a claims ledger or a new file; claims never changes a database it did not create",
        )
        .into());
    }
    Ok(())
}
