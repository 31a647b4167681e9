//! The audit log of a claim, its versions, and the history merged in
//! from other ledgers.

use super::Ledger;
use anyhow::Result;
use rusqlite::OptionalExtension;

/// One change to a claim, as the audit log holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    pub id: i64,
    pub claim: i64,
    /// JSON: each changed field with its old and new value.
    pub changes: String,
    pub at: String,
    pub by: Option<String>,
}

impl Ledger {
    /// Every version of a claim: those it corrected and those correcting it,
    /// oldest first.
    pub fn lineage(&self, id: i64) -> Result<Vec<i64>> {
        let mut earlier = self
            .conn
            .prepare_cached("SELECT id FROM claims WHERE superseded_by IS NOT NULL AND superseded_by = ?1")?;
        let mut later = self.conn.prepare_cached("SELECT superseded_by FROM claims WHERE id = ?1")?;
        let mut ids = vec![id];
        while let Some(before) = earlier.query_row([ids[0]], |r| r.get::<_, i64>(0)).optional()? {
            if ids.contains(&before) {
                break;
            }
            ids.insert(0, before);
        }
        while let Some(Some(after)) =
            later.query_row([*ids.last().unwrap_or(&id)], |r| r.get::<_, Option<i64>>(0)).optional()?
        {
            if ids.contains(&after) {
                break;
            }
            ids.push(after);
        }
        Ok(ids)
    }

    /// Keeps another ledger's audit entry; returns whether it was new.
    pub fn keep_merged_history(&self, ledger: &str, uid: &str, entry: &AuditEntry) -> Result<bool> {
        let added = self
            .conn
            .prepare_cached(
                "INSERT OR IGNORE INTO merged_history (ledger, claim_uid, changes, at, by) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute((ledger, uid, &entry.changes, &entry.at, &entry.by))?;
        Ok(added > 0)
    }

    /// The history merged in from other ledgers for these uids, oldest first.
    pub fn merged_history(&self, uids: &[String]) -> Result<Vec<(String, String, AuditEntry)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT ledger, claim_uid, changes, at, by FROM merged_history WHERE claim_uid = ?1 ORDER BY at, id",
        )?;
        let mut found = Vec::new();
        for uid in uids {
            let rows = stmt.query_map([uid], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    AuditEntry { id: 0, claim: 0, changes: r.get(2)?, at: r.get(3)?, by: r.get(4)? },
                ))
            })?;
            found.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
        }
        Ok(found)
    }

    /// The audit entries of these claims, oldest first.
    pub fn audit_entries(&self, ids: &[i64]) -> Result<Vec<AuditEntry>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, claim_id, changes, at, by FROM audit_log WHERE claim_id = ?1")?;
        let mut entries = Vec::new();
        for id in ids {
            let rows = stmt.query_map([id], |r| {
                Ok(AuditEntry {
                    id: r.get(0)?,
                    claim: r.get(1)?,
                    changes: r.get(2)?,
                    at: r.get(3)?,
                    by: r.get(4)?,
                })
            })?;
            entries.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
        }
        entries.sort_by_key(|e| e.id);
        Ok(entries)
    }
}
