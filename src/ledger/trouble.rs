//! What SQLite's and the OS's failures mean to the person at the keyboard:
//! every error that reaches the user passes through `explain`, which puts
//! a plain sentence first and keeps SQLite's own words on a second line.

use crate::error::InputError;
use rusqlite::ErrorCode;
use std::path::Path;

/// Rewrites an error caused by SQLite (busy, read-only, disk full, corrupt
/// file...) into what happened to `db` and what to do; others pass through.
pub fn explain(err: anyhow::Error, db: &Path) -> anyhow::Error {
    if err.downcast_ref::<InputError>().is_some() {
        return err;
    }
    let Some(sqlite) = err.chain().find_map(|e| e.downcast_ref::<rusqlite::Error>()) else { return err };
    let Some(code) = sqlite.sqlite_error_code() else { return err };
    let Some((message, hint)) = sentence(code, db) else { return err };
    let raw = sqlite.to_string();
    // SQLite's own words last, for those who need them
    InputError::new(message).hint(format!("{hint}\n  sqlite: {raw} ({code:?})")).into()
}

/// The sentence and hint for one kind of failure.
fn sentence(code: ErrorCode, db: &Path) -> Option<(String, String)> {
    let name = db.display();
    Some(match code {
        ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => {
            let waited = super::busy_timeout().map(|t| t.as_secs_f64()).unwrap_or_default();
            let who = if bulk_load_running(db) { "an import is running" } else { "another claims command holds it" };
            (
                format!("the ledger is busy ({who}): waited {waited:.1}s for {name}, nothing was written"),
                "try again when the other command has finished".into(),
            )
        }
        ErrorCode::ReadOnly => (
            format!("{name} is read-only here: nothing was written"),
            "reading works (list, timeline, export, verify); to write, copy the ledger to a folder you can write to".into(),
        ),
        ErrorCode::DiskFull => (
            format!("the disk is full: nothing was written to {name}"),
            "free some space (or raise the file size limit) and run the command again".into(),
        ),
        ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase => (
            format!("{name} is damaged: SQLite cannot read part of it"),
            "run `claims verify` to see what; restore from a backup (`claims backup` makes one)".into(),
        ),
        ErrorCode::CannotOpen | ErrorCode::PermissionDenied => (
            format!("cannot open {name} or its -wal/-shm files"),
            "check that the file and its folder exist and that you may read them".into(),
        ),
        ErrorCode::SystemIoFailure => (
            format!("could not write to {name} (the disk is full, a file size limit was reached, or the disk failed): nothing was written"),
            "free some space or raise the limit, then run the command again; `claims verify` checks the ledger".into(),
        ),
        _ => return None,
    })
}

/// A first load runs in rollback-journal mode: its `-journal` file is there.
fn bulk_load_running(db: &Path) -> bool {
    let mut journal = db.as_os_str().to_owned();
    journal.push("-journal");
    Path::new(&journal).exists()
}
