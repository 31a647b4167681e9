//! The table log (migration step 3): metrics, unit aliases, sources,
//! documents, import batches and merged history, every row as written,
//! chained. Verify recomputes the chain, then replays it: every row must
//! equal its newest logged state, every logged row must still be there, and
//! the claims and audit entries each entry counted must still be there.

use super::{sha256_hex, Problem};
use crate::ledger::Ledger;
use anyhow::Result;
use rusqlite::types::ValueRef;
use rusqlite::Row;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// The first ledger version with a table log.
pub const TABLE_LOG_VERSION: i64 = 3;

/// The first version whose table log keeps hashes as 32 bytes and no
/// `prev_hash` (migration step 8).
const HASH_BYTES_VERSION: i64 = 8;

/// A logged row: its table and its key as the log writes it.
type RowKey = (String, String);

/// A digest of each logged row's newest state: memory stays small with
/// many documents.
type States = HashMap<RowKey, [u8; 32]>;

fn digest(row: &[u8]) -> [u8; 32] {
    Sha256::digest(row).into()
}

impl Ledger {
    /// Whether this ledger's version has a table log.
    pub fn has_table_log(&self) -> Result<bool> {
        Ok(self.version()? >= TABLE_LOG_VERSION)
    }

    /// The table log's chain, replayed against the tables; `None` for a
    /// ledger of a version without one.
    pub fn table_log_problems(&self) -> Result<Option<Vec<Problem>>> {
        if !self.has_table_log()? {
            return Ok(None);
        }
        let (mut logged, mut problems) = self.replay_table_log()?;
        let mut stmt = self.conn.prepare("SELECT tbl, key, row FROM logged_rows")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let key = row_key(row)?;
            let now = digest(row.get_ref(2)?.as_bytes().unwrap_or_default());
            match logged.remove(&key) {
                None => problems.push(problem(&key, "was added outside claims: it is not in the table log")),
                Some(state) if state != now => {
                    problems.push(problem(&key, "was changed outside claims: it differs from the table log"))
                }
                Some(_) => {}
            }
        }
        let mut gone: Vec<RowKey> = logged.into_keys().collect();
        gone.sort();
        problems.extend(gone.iter().map(|key| problem(key, "was removed outside claims")));
        problems.extend(self.counted_problems()?);
        Ok(Some(problems))
    }

    /// Recomputes the chain; returns each row's newest logged state.
    fn replay_table_log(&self) -> Result<(States, Vec<Problem>)> {
        // before step 8 an entry also kept its predecessor's hash
        let prev = if self.version()? < HASH_BYTES_VERSION { "prev_hash" } else { "NULL" };
        let mut stmt = self.conn.prepare(&format!(
            "SELECT id, tbl, key, row, claims, audits, at, hash, {prev} FROM table_log ORDER BY id"
        ))?;
        let mut rows = stmt.query([])?;
        let (mut states, mut problems) = (HashMap::new(), Vec::new());
        let mut previous = String::new();
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let key = row_key_at(row, 1)?;
            let state = row.get_ref(3)?.as_bytes().unwrap_or_default().to_vec();
            let (claims, audits, at): (i64, i64, String) = (row.get(4)?, row.get(5)?, row.get(6)?);
            let (hash, prev) = (hash_hex(row.get_ref(7)?), row.get::<_, Option<String>>(8)?);
            let mut text = format!("{previous}|{}|{}|", key.0, key.1).into_bytes();
            text.extend_from_slice(&state);
            text.extend_from_slice(format!("|{claims}|{audits}|{at}").as_bytes());
            if prev.is_some_and(|prev| prev != previous) || sha256_hex(&text) != hash {
                problems.push(Problem {
                    check: "table log",
                    claim: None,
                    detail: format!(
                        "table log entry {id} was changed, or an entry before it removed, outside claims"
                    ),
                });
            }
            previous = hash;
            states.insert(key, digest(&state));
        }
        Ok((states, problems))
    }

    /// Claims and audit entries the table log counted that are gone.
    fn counted_problems(&self) -> Result<Vec<Problem>> {
        let (logged_claims, logged_audits, claims, audits): (i64, i64, i64, i64) = self.conn.query_row(
            "SELECT coalesce(max(claims), 0), coalesce(max(audits), 0),
                    (SELECT count(*) FROM claims), (SELECT count(*) FROM audit_log) FROM table_log",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        let mut problems = Vec::new();
        for (what, logged, held) in
            [("claims", logged_claims, claims), ("audit entries", logged_audits, audits)]
        {
            if held < logged {
                problems.push(Problem {
                    check: "table log",
                    claim: None,
                    detail: format!(
                        "the table log saw {logged} {what}, the ledger holds {held}: {what} were removed outside claims"
                    ),
                });
            }
        }
        Ok(problems)
    }
}

/// An entry's hash as lowercase hex: 32 bytes from step 8, hex text before.
fn hash_hex(hash: ValueRef) -> String {
    match hash {
        ValueRef::Blob(bytes) => hex::encode(bytes),
        other => String::from_utf8_lossy(other.as_bytes().unwrap_or_default()).into_owned(),
    }
}

fn row_key(row: &Row) -> rusqlite::Result<RowKey> {
    row_key_at(row, 0)
}

/// (table, key) as SQLite's `||` writes them into the hashed text.
fn row_key_at(row: &Row, at: usize) -> rusqlite::Result<RowKey> {
    let table: String = row.get(at)?;
    let key = match row.get_ref(at + 1)? {
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Text(t) | ValueRef::Blob(t) => String::from_utf8_lossy(t).into_owned(),
        ValueRef::Real(f) => f.to_string(),
        ValueRef::Null => String::new(),
    };
    Ok((table, key))
}

fn problem((table, key): &RowKey, what: &str) -> Problem {
    let row = match table.as_str() {
        "unit_aliases" => format!("unit alias \"{key}\""),
        _ => format!("{table} row {key}"),
    };
    Problem { check: "table log", claim: None, detail: format!("{row} {what}") }
}
