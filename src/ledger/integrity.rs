//! Tamper evidence: each claim row carries a hash of its columns chained
//! to the claim before it, each audit entry a hash chained to the entry before it, every
//! row of the other tables is logged in a third chain (`table_log`), and
//! `verify` recomputes all three, replays the logs and compares the schema
//! with what the migrations create. The chains' head, kept outside the
//! ledger, proves that history before it was not rewritten (`head.rs`).

mod columns;
mod head;
mod schema;
mod table_log;

use super::Ledger;
use anyhow::Result;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, Row};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::Write;

/// The columns the row hash of a claim entered before ledger version 4
/// covers, in order: what was entered, with the status and reason it was
/// entered with.
pub const HASHED: &str = "uid, metric_id, value, qualifier, best, low, high, unit, as_of, as_of_precision,
    from_date, stated, source_id, document_id, quote, place, note, change_of, share_of, status, reason,
    entered_by, entered_at, batch_id, batch_line";

/// The columns the row hash of a claim entered at ledger version 4 or
/// later covers: `HASHED`, then what was derived at entry. Which claims
/// these are, the ledger fact `full_row_hash_from` says.
pub const FULL_HASHED: &str =
    "uid, metric_id, value, qualifier, best, low, high, unit, as_of, as_of_precision,
    from_date, stated, source_id, document_id, quote, place, note, change_of, share_of, status, reason,
    entered_by, entered_at, batch_id, batch_line, as_of_start, as_of_end, from_precision, from_start,
    content_hash";

/// Index of `status` and `reason` in `HASHED` and `FULL_HASHED`.
const STATUS: usize = 19;
const REASON: usize = 20;

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The row hash of a claim whose `HASHED` values are `values`.
pub fn row_hash(previous: &[u8], values: &[ValueRef]) -> Vec<u8> {
    row_hash_of(previous, values.iter().copied())
}

/// The row hash of values as read: text is hashed as the bytes it holds,
/// so that text damaged into invalid UTF-8 is hashed, never a panic.
fn row_hash_of<'a>(previous: &[u8], values: impl Iterator<Item = ValueRef<'a>>) -> Vec<u8> {
    let mut hasher = Sha256::new();
    hasher.update(previous);
    for value in values {
        // a type tag and a separator: "1" the integer and "1" the text differ
        match value {
            ValueRef::Null => hasher.update(b"\x00N"),
            // written into the hasher (which takes every write): the bytes
            // of `format!`, without a String a value
            ValueRef::Integer(i) => drop(write!(hasher, "\x00I{i}")),
            ValueRef::Real(f) => drop(write!(hasher, "\x00R{f:?}")),
            ValueRef::Text(t) => {
                hasher.update(b"\x00T");
                hasher.update(t);
            }
            ValueRef::Blob(b) => {
                hasher.update(b"\x00B");
                hasher.update(b);
            }
        }
    }
    hasher.finalize().to_vec()
}

/// Defines the functions the schema's audit trigger calls.
pub fn define_functions(conn: &Connection, actor: Option<String>, now: String) -> rusqlite::Result<()> {
    use rusqlite::functions::FunctionFlags;
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function("claims_sha256", 1, flags, |ctx| {
        Ok(sha256_hex(ctx.get::<String>(0)?.as_bytes()))
    })?;
    conn.create_scalar_function("claims_now", 0, FunctionFlags::SQLITE_UTF8, move |_| Ok(now.clone()))?;
    conn.create_scalar_function("claims_actor", 0, FunctionFlags::SQLITE_UTF8, move |_| Ok(actor.clone()))
}

/// A claim's (status, reason, superseded_by).
pub type State = (String, Option<String>, Option<i64>);

/// One thing `verify` found wrong.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Problem {
    pub check: &'static str,
    pub claim: Option<i64>,
    pub detail: String,
}

/// A text column as read, damaged bytes replaced: for messages and the
/// status replay, never for hashing.
fn text(row: &Row, i: usize) -> rusqlite::Result<Option<String>> {
    Ok(match row.get_ref(i)? {
        ValueRef::Null => None,
        ValueRef::Text(t) | ValueRef::Blob(t) => Some(String::from_utf8_lossy(t).into_owned()),
        other => Some(format!("{other:?}")),
    })
}

/// Problems for a claim's text columns that do not hold UTF-8.
fn not_utf8(id: i64, columns: &[&str], fields: &[ValueRef]) -> Vec<Problem> {
    columns
        .iter()
        .zip(fields)
        .filter(|(_, value)| matches!(value, ValueRef::Text(t) if std::str::from_utf8(t).is_err()))
        .map(|(column, _)| Problem {
            check: "claim chain",
            claim: Some(id),
            detail: format!(
                "claim {id}: its {column} is not valid UTF-8 text (damaged or written outside claims)"
            ),
        })
        .collect()
}

impl Ledger {
    /// SQLite's integrity_check, as problems.
    pub fn integrity_problems(&self) -> Result<Vec<Problem>> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let lines: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(lines
            .into_iter()
            .filter(|l| l != "ok")
            .map(|line| self.damaged("sqlite integrity", None, &format!("SQLite finds {line}")))
            .collect())
    }

    /// Rows pointing at rows that do not exist.
    pub fn foreign_key_problems(&self) -> Result<Vec<Problem>> {
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?, r.get::<_, String>(2)?))
        })?;
        let mut problems = Vec::new();
        for row in rows {
            let (table, rowid, parent) = row?;
            problems.push(Problem {
                check: "foreign keys",
                claim: (table == "claims").then_some(rowid).flatten(),
                detail: format!("{table} row {} points at a missing {parent} row", rowid.unwrap_or_default()),
            });
        }
        Ok(problems)
    }

    /// The ledger's own rules, checked again in case a tool bypassed them.
    pub fn invariant_problems(&self) -> Result<Vec<Problem>> {
        const RULES: &[(&str, &str)] = &[
            (
                "a superseded claim must point at its correction, and only then",
                "SELECT id FROM claims WHERE (status = 'superseded') <> (superseded_by IS NOT NULL)",
            ),
            (
                "a claim cannot supersede or be relative to itself",
                "SELECT id FROM claims WHERE superseded_by = id OR change_of = id OR share_of = id",
            ),
            (
                "a correction must be newer than the claim it corrects",
                "SELECT id FROM claims WHERE superseded_by IS NOT NULL AND superseded_by <= id",
            ),
            (
                "a relative claim must point at an earlier claim",
                "SELECT id FROM claims WHERE coalesce(change_of, share_of) >= id",
            ),
            (
                "bounds must be ordered: low <= best <= high",
                "SELECT id FROM claims WHERE low > high OR low > best OR best > high",
            ),
            (
                "a retracted claim needs a reason",
                "SELECT id FROM claims WHERE status = 'retracted' AND reason IS NULL",
            ),
        ];
        let mut problems = Vec::new();
        for (rule, sql) in RULES {
            let mut stmt = self.conn.prepare(sql)?;
            let ids: Vec<i64> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            problems.extend(ids.into_iter().map(|id| Problem {
                check: "invariants",
                claim: Some(id),
                detail: format!("claim {id}: {rule}"),
            }));
        }
        Ok(problems)
    }

    /// A consistent copy of the ledger, taken while others may write.
    /// The copy is left in rollback-journal mode, so that it can be checked
    /// read-only without SQLite's `-shm` file beside it.
    pub fn backup_to(&self, path: &std::path::Path) -> Result<()> {
        let mut copy = Connection::open(path)?;
        rusqlite::backup::Backup::new(&self.conn, &mut copy)?.run_to_completion(
            256,
            std::time::Duration::ZERO,
            None,
        )?;
        copy.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get::<_, String>(0))?;
        Ok(())
    }

    /// The row hash of the newest claim, remembered from the last insert
    /// of this transaction, or read.
    pub(crate) fn previous_row_hash(&self) -> Result<Vec<u8>> {
        if let Some(hash) = self.cache.borrow().last_hash.as_ref() {
            return Ok(hash.clone());
        }
        self.last_row_hash()
    }

    /// The row hash of the newest claim, or "" for an empty ledger.
    pub(crate) fn last_row_hash(&self) -> Result<Vec<u8>> {
        let mut stmt = self.conn.prepare_cached("SELECT row_hash FROM claims ORDER BY id DESC LIMIT 1")?;
        let mut rows = stmt.query([])?;
        Ok(match rows.next()? {
            Some(row) => row.get(0)?,
            None => Vec::new(),
        })
    }

    /// Recomputes the audit chain: every entry must hash to what it holds
    /// and point at the entry before it.
    pub fn verify_audit_chain(&self) -> Result<Vec<Problem>> {
        let mut problems = Vec::new();
        let mut stmt = self
            .conn
            .prepare("SELECT id, claim_id, changes, at, by, prev_hash, hash FROM audit_log ORDER BY id")?;
        let mut rows = stmt.query([])?;
        let mut previous = Vec::new();
        while let Some(row) = rows.next()? {
            let (id, claim): (i64, i64) = (row.get(0)?, row.get(1)?);
            // bytes, not strings: an entry damaged into invalid UTF-8 is
            // reported as changed, never a failed read
            let field = |i| -> rusqlite::Result<Vec<u8>> {
                Ok(row.get_ref(i)?.as_bytes().unwrap_or_default().to_vec())
            };
            let (changes, at, by, prev, hash) = (field(2)?, field(3)?, field(4)?, field(5)?, field(6)?);
            let claim_text = claim.to_string();
            let text =
                [&prev[..], b"|", claim_text.as_bytes(), b"|", &changes, b"|", &at, b"|", &by].concat();
            if prev != previous || sha256_hex(&text).as_bytes() != hash.as_slice() {
                problems.push(Problem {
                    check: "audit chain",
                    claim: Some(claim),
                    detail: format!(
                        "audit entry {id} was changed, or an entry before it removed, outside claims"
                    ),
                });
            }
            previous = hash;
        }
        Ok(problems)
    }

    /// Recomputes every claim's row hash from what it holds, with its status
    /// and reason put back as they were entered by undoing the audit log.
    /// A claim that cannot be read (a damaged file) ends the walk, named.
    pub fn verify_claim_chain(&self) -> Result<Vec<Problem>> {
        let mut problems = Vec::new();
        let undo = self.initial_states().unwrap_or_else(|e| {
            problems.push(self.damaged(
                "claim chain",
                None,
                &format!("the audit log cannot be replayed: {e}"),
            ));
            HashMap::new()
        });
        let full_from = self.full_row_hash_from()?;
        let columns: Vec<&str> = FULL_HASHED.split(',').map(str::trim).collect();
        let (count, shipped) = (columns.len(), HASHED.split(',').count());
        let sql = format!(
            "SELECT {FULL_HASHED}, id, row_hash, status, reason, superseded_by FROM claims ORDER BY id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        let mut previous: Vec<u8> = Vec::new();
        let (mut last, mut rows_unreadable) = (0, false);
        loop {
            let row = match rows.next() {
                Ok(Some(row)) => row,
                Ok(None) => break,
                Err(e) => {
                    let detail = format!("claim {} and those after it cannot be read: {e}", last + 1);
                    problems.push(self.damaged("claim chain", Some(last + 1), &detail));
                    rows_unreadable = true;
                    break;
                }
            };
            let id: i64 = row.get(count)?;
            last = id;
            let stored = row.get_ref(count + 1)?.as_bytes().unwrap_or_default().to_vec();
            let current: State =
                (text(row, count + 2)?.unwrap_or_default(), text(row, count + 3)?, row.get(count + 4)?);
            let (status, reason, _) = undo.get(&id).cloned().unwrap_or(current);
            let mut fields = (0..count).map(|i| row.get_ref(i)).collect::<rusqlite::Result<Vec<_>>>()?;
            problems.extend(not_utf8(id, &columns, &fields));
            fields[STATUS] = ValueRef::Text(status.as_bytes());
            fields[REASON] = reason.as_deref().map_or(ValueRef::Null, |r| ValueRef::Text(r.as_bytes()));
            // claims entered before version 4 hash the shipped columns only
            fields.truncate(if id < full_from { shipped } else { count });
            if row_hash_of(&previous, fields.into_iter()) != stored {
                problems.push(Problem {
                    check: "claim chain",
                    claim: Some(id),
                    detail: format!(
                        "claim {id} was changed outside claims (or a claim before it was removed)"
                    ),
                });
            }
            previous = stored;
        }
        match self.status_outside_audit() {
            Ok(found) => problems.extend(found),
            // the walk above has named the first claim it could not read
            Err(_) if rows_unreadable => {}
            Err(e) => return Err(e),
        }
        Ok(problems)
    }

    /// A problem saying the ledger file is damaged where `detail` says.
    pub(crate) fn damaged(&self, check: &'static str, claim: Option<i64>, detail: &str) -> Problem {
        Problem {
            check,
            claim,
            detail: format!(
                "{}: {detail}; the file is damaged or was written outside claims: restore it from a backup",
                self.path.display()
            ),
        }
    }

    /// Claims whose status, reason or correction differs from what their
    /// newest audit entry made them.
    fn status_outside_audit(&self) -> Result<Vec<Problem>> {
        let mut stmt = self.conn.prepare(
            "SELECT c.id FROM claims c JOIN audit_log a ON a.id = (SELECT max(id) FROM audit_log WHERE claim_id = c.id)
             -- an entry that is not JSON is the audit chain's to report
             WHERE CASE WHEN json_valid(a.changes) THEN
                    json_extract(a.changes, '$.status[1]') IS NOT c.status
                 OR json_extract(a.changes, '$.reason[1]') IS NOT c.reason
                 OR json_extract(a.changes, '$.superseded_by[1]') IS NOT c.superseded_by END",
        )?;
        let ids: Vec<i64> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(ids
            .into_iter()
            .map(|id| Problem {
                check: "claim chain",
                claim: Some(id),
                detail: format!(
                    "claim {id} was changed outside claims: its status differs from its audit log"
                ),
            })
            .collect())
    }

    /// Each audited claim's (status, reason, superseded_by) as entered,
    /// found by undoing its audit entries from the newest back.
    fn initial_states(&self) -> Result<HashMap<i64, State>> {
        self.states_before("")
    }

    /// The (status, reason, superseded_by) that claims changed after `time`
    /// had at that time: the ledger as it was then.
    pub fn states_at(&self, time: &str) -> Result<HashMap<i64, State>> {
        self.states_before(time)
    }

    /// Undoes, from the newest back, every audit entry made after `time`.
    fn states_before(&self, time: &str) -> Result<HashMap<i64, State>> {
        let mut stmt = self.conn.prepare(
            "SELECT a.claim_id, a.changes, c.status, c.reason, c.superseded_by
             FROM audit_log a JOIN claims c ON c.id = a.claim_id WHERE a.at > ?1 ORDER BY a.id DESC",
        )?;
        let mut rows = stmt.query([time])?;
        let mut states: HashMap<i64, State> = HashMap::new();
        while let Some(row) = rows.next()? {
            let claim: i64 = row.get(0)?;
            let changes = text(row, 1)?.unwrap_or_default();
            let state = states.entry(claim).or_insert((
                text(row, 2)?.unwrap_or_default(),
                text(row, 3)?,
                row.get(4)?,
            ));
            let Ok(changes) = serde_json::from_str::<serde_json::Value>(&changes) else { continue };
            if let Some(old) = changes["status"][0].as_str() {
                state.0 = old.to_string();
            }
            state.1 = changes["reason"][0].as_str().map(str::to_string);
            state.2 = changes["superseded_by"][0].as_i64();
        }
        Ok(states)
    }
}

#[cfg(test)]
mod tests {
    use super::schema::shipped;
    use super::{row_hash, HASHED, REASON, STATUS};
    use crate::cmd::{demo, verify::verify, Env};
    use crate::context::Context;
    use crate::ledger::{migrate::STEPS, Ledger};
    use rusqlite::types::{Value, ValueRef};
    use rusqlite::{Connection, OpenFlags};

    /// The demo ledger as a claims of version 2 would have left it.
    fn version_2_demo(dir: &std::path::Path) -> std::path::PathBuf {
        let db = dir.join("other.db");
        let ctx = Context { now: "2026-11-25T12:00:00Z".parse().unwrap(), user: Some("other".into()) };
        demo::run(&Env { db: db.clone(), ctx }, demo::Args {}, &mut Vec::new()).unwrap();
        let (now, then) = (shipped(STEPS).unwrap(), shipped(&STEPS[..2]).unwrap());
        rehash_as_shipped(&Ledger::open_existing(&db).unwrap());
        let conn = Connection::open(&db).unwrap();
        for (kind, name) in now.keys().filter(|k| !then.contains_key(*k) && !k.1.starts_with("sqlite_")) {
            conn.execute_batch(&format!("DROP {kind} IF EXISTS {name}")).unwrap();
        }
        // a later step that changed an object's SQL (step 5 loosened a CHECK) is undone too
        conn.execute_batch("PRAGMA writable_schema = ON").unwrap();
        for ((kind, name), sql) in then.iter().filter(|(key, sql)| now.get(*key).is_some_and(|s| s != *sql)) {
            conn.execute(
                "UPDATE sqlite_schema SET sql = ?1 WHERE type = ?2 AND name = ?3",
                (sql, kind, name),
            )
            .unwrap();
        }
        conn.execute_batch("PRAGMA writable_schema = RESET").unwrap();
        conn.pragma_update(None, "user_version", 2).unwrap();
        db
    }

    /// Every claim's row hash as claims before version 4 computed it.
    fn rehash_as_shipped(ledger: &Ledger) {
        let undo = ledger.initial_states().unwrap();
        let conn = &ledger.conn;
        let mut stmt = conn.prepare(&format!("SELECT {HASHED}, id FROM claims ORDER BY id")).unwrap();
        let count = HASHED.split(',').count();
        let mut previous = Vec::new();
        let mut hashes = Vec::new();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            let mut values: Vec<Value> = (0..count).map(|i| row.get(i).unwrap()).collect();
            let id: i64 = row.get(count).unwrap();
            if let Some((status, reason, _)) = undo.get(&id) {
                values[STATUS] = Value::Text(status.clone());
                values[REASON] = reason.clone().map_or(Value::Null, Value::Text);
            }
            let refs: Vec<ValueRef> = values.iter().map(ValueRef::from).collect();
            previous = row_hash(&previous, &refs);
            hashes.push((id, previous.clone()));
        }
        let fixed: String = conn
            .query_row("SELECT sql FROM sqlite_schema WHERE name = 'claims_content_fixed'", [], |r| r.get(0))
            .unwrap();
        conn.execute_batch("DROP TRIGGER claims_content_fixed").unwrap();
        for (id, hash) in hashes {
            conn.execute("UPDATE claims SET row_hash = ?1 WHERE id = ?2", rusqlite::params![hash, id])
                .unwrap();
        }
        conn.execute_batch(&fixed).unwrap();
    }

    #[test]
    fn an_older_ledger_opened_read_only_verifies_without_its_table_log() {
        let dir = tempfile::tempdir().unwrap();
        let db = version_2_demo(dir.path());
        let before = std::fs::read(&db).unwrap();
        let conn = Connection::open_with_flags(&db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        let ledger = Ledger { conn, path: db.clone(), cache: Default::default() };
        let results = verify(&ledger).unwrap();
        let names: Vec<&str> = results.iter().map(|(name, _)| *name).collect();
        assert!(names.contains(&"table log (not available before ledger version 3)"), "{names:?}");
        assert!(results.iter().all(|(_, found)| found.is_empty()), "{results:#?}");
        assert_eq!(ledger.head().unwrap().to_string().split_once(':').unwrap().1, "c6:a0:t0");
        drop(ledger);
        assert_eq!(std::fs::read(&db).unwrap(), before, "nothing written");
    }
}
