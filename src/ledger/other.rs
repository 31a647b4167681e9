//! Reading another researcher's ledger for a merge: what its file must be
//! before any row is read (plain tables, text that is text), and the
//! history it may hand over.

use super::{AuditEntry, Ledger};
use crate::error::InputError;
use anyhow::Result;
use rusqlite::types::ValueRef;
use rusqlite::OptionalExtension;

/// Every table a merge reads: each must be a plain table, so that a view
/// (over a query that never ends, say) cannot stand in for one.
const READ_TABLES: [&str; 8] = [
    "claims",
    "metrics",
    "sources",
    "documents",
    "import_batches",
    "audit_log",
    "merged_history",
    "unit_aliases",
];

/// What `sqlite_schema` says an object of this name is.
const OBJECT_KIND: &str = "SELECT type, sql FROM sqlite_schema WHERE name = ?1";

/// The history a merge may carry: the other ledger's audit log and the
/// history it merged in before, each only for a claim it holds itself.
const HISTORY: &str = "SELECT c.uid, a.id, a.claim_id, a.changes, a.at, a.by
        FROM audit_log a JOIN claims c ON c.id = a.claim_id
    UNION ALL SELECT h.claim_uid, 0, 0, h.changes, h.at, h.by
        FROM merged_history h WHERE h.claim_uid IN (SELECT uid FROM claims)
    ORDER BY 5";

impl Ledger {
    /// Refuses a ledger in which a table a merge reads is missing, a view,
    /// or a virtual table; reads the schema only.
    pub fn check_plain_tables(&self) -> Result<()> {
        let mut stmt = self.conn.prepare(OBJECT_KIND)?;
        for table in READ_TABLES {
            let found: Option<(String, Option<String>)> =
                stmt.query_row([table], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
            let what = match &found {
                None => "missing",
                Some((kind, _)) if kind == "view" => "a view, not a table",
                Some((kind, sql)) if kind == "table" && !is_virtual(sql.as_deref()) => continue,
                Some(_) => "not a plain table",
            };
            return Err(InputError::new(format!("{}: its {table} table is {what}", self.path.display()))
                .hint("a claims ledger has plain tables only; this file was changed by another program, nothing was merged")
                .into());
        }
        Ok(())
    }

    /// The first text that is not UTF-8 in a table a merge reads, as
    /// "claim 7: invalid UTF-8 in quote"; `None` when all of it is text.
    pub fn first_invalid_text(&self) -> Result<Option<String>> {
        for table in READ_TABLES {
            // a table name from the list above, never a value: nothing to bind
            let mut stmt = self.conn.prepare(&format!("SELECT rowid, * FROM {table}"))?;
            let columns: Vec<String> = stmt.column_names().into_iter().map(str::to_string).collect();
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                for (index, column) in columns.iter().enumerate().skip(1) {
                    if let ValueRef::Text(bytes) = row.get_ref(index)? {
                        if std::str::from_utf8(bytes).is_err() {
                            let rowid: i64 = row.get(0)?;
                            let what =
                                if table == "claims" { "claim".to_string() } else { format!("{table} row") };
                            return Ok(Some(format!("{what} {rowid}: invalid UTF-8 in {column}")));
                        }
                    }
                }
            }
        }
        Ok(None)
    }

    /// The history this ledger can hand to a merge, with each claim's uid,
    /// oldest first: entries naming a claim it does not hold are left out.
    pub fn history_to_merge(&self) -> Result<Vec<(String, AuditEntry)>> {
        let mut stmt = self.conn.prepare(HISTORY)?;
        let rows = stmt.query_map([], |r| {
            let entry = AuditEntry {
                id: r.get(1)?,
                claim: r.get(2)?,
                changes: r.get(3)?,
                at: r.get(4)?,
                by: r.get(5)?,
            };
            Ok((r.get(0)?, entry))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

fn is_virtual(sql: Option<&str>) -> bool {
    sql.is_some_and(|sql| {
        sql.trim_start().get(..14).is_some_and(|s| s.eq_ignore_ascii_case("create virtual"))
    })
}
