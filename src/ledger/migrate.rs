//! Versioned migrations: step N brings a ledger to `user_version` N, each in
//! its own transaction. A ledger newer than this binary is refused.

use super::APPLICATION_ID;
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
    include_str!("../../migrations/004-full-row-hash.sql"),
    include_str!("../../migrations/005-less-than.sql"),
    include_str!("../../migrations/006-housekeeping.sql"),
    include_str!("../../migrations/007-views.sql"),
    include_str!("../../migrations/008-table-log-hashes.sql"),
];

/// The ledger version this binary writes.
pub const VERSION: i64 = STEPS.len() as i64;

pub fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    // Readers must not wait for a writer: an up-to-date ledger takes no lock.
    if versions(conn)? == (VERSION, APPLICATION_ID) {
        return Ok(());
    }
    loop {
        // Immediate, and the version read inside, so two processes opening a
        // new ledger at once do not both apply a step.
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (version, _) = versions(&tx)?;
        if version > VERSION {
            return Err(newer(path, version));
        }
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        if version == VERSION {
            tx.commit()?;
            return Ok(());
        }
        let step = STEPS[version as usize];
        tx.execute_batch(step).with_context(|| format!("migrating the ledger to version {}", version + 1))?;
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
    }
}

/// The ledger's (user_version, application_id).
fn versions(conn: &Connection) -> rusqlite::Result<(i64, i64)> {
    let version = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let application_id = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    Ok((version, application_id))
}

/// A ledger newer than this binary is never touched.
pub fn newer(path: &Path, version: i64) -> anyhow::Error {
    InputError::new(format!(
        "{} is a ledger of version {version}, newer than this claims (version {VERSION})",
        path.display()
    ))
    .hint("upgrade claims to read it")
    .into()
}
