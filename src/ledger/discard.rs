//! A failed command writes nothing, not even a new, empty ledger file: when
//! the command created the file and it holds nothing anyone entered, the
//! file goes again.

use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::path::Path;

/// Every table a user's work lands in; a ledger with none of them filled
/// holds only its schema.
const NOTHING_ENTERED: &str = "SELECT NOT (
    EXISTS (SELECT 1 FROM metrics) OR EXISTS (SELECT 1 FROM unit_aliases)
    OR EXISTS (SELECT 1 FROM sources) OR EXISTS (SELECT 1 FROM documents)
    OR EXISTS (SELECT 1 FROM import_batches) OR EXISTS (SELECT 1 FROM claims)
    OR EXISTS (SELECT 1 FROM audit_log) OR EXISTS (SELECT 1 FROM merged_history)
    OR EXISTS (SELECT 1 FROM metric_aliases) OR EXISTS (SELECT 1 FROM vocab_changes))";

/// Removes the ledger at `path` (with its `-wal` and `-shm`) when it holds
/// nothing entered. Called only for a file this process created; the check
/// and the removal happen under the write lock, so a concurrent writer is
/// either seen or waits. Any doubt (a file that is not a ledger, a lock we
/// cannot take) keeps the file.
pub fn remove_if_unused(path: &Path) {
    let Ok(mut conn) = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE) else {
        return;
    };
    let _ = conn.busy_timeout(std::time::Duration::from_millis(200));
    let Ok(tx) = conn.transaction_with_behavior(TransactionBehavior::Immediate) else {
        return;
    };
    if tx.query_row(NOTHING_ENTERED, [], |r| r.get::<_, bool>(0)) != Ok(true) {
        return;
    }
    for suffix in ["", "-wal", "-shm"] {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        let _ = std::fs::remove_file(file);
    }
}
