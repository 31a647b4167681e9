//! The claim columns that the row hash of claims entered before ledger
//! version 4 leaves out (it was shipped without them and cannot change):
//! the spans read from `as_of` and `from`, recomputed here with `when`
//! for every claim; the content hash, checked for its form, and for those
//! claims against the digest that migration 4 recorded of them; and what
//! the ledger counts of itself (an import batch's added rows).

use super::{sha256_hex, text, Problem};
use crate::ledger::Ledger;
use crate::when;
use anyhow::Result;
use rusqlite::types::ValueRef;
use rusqlite::OptionalExtension;

/// The first ledger version whose new claims hash every column.
const FULL_HASH_VERSION: i64 = 4;

/// A claim's date columns as stored.
struct Dates {
    id: i64,
    as_of: Option<String>,
    stored: [Option<String>; 5],
}

impl Ledger {
    /// The first claim whose row hash covers every column (`FULL_HASHED`):
    /// none before version 4; from the first claim when the ledger's fact
    /// is missing (which the table log reports).
    pub(crate) fn full_row_hash_from(&self) -> Result<i64> {
        if self.version()? < FULL_HASH_VERSION {
            return Ok(i64::MAX);
        }
        Ok(self.fact("full_row_hash_from")?.and_then(|v| v.parse().ok()).unwrap_or(1))
    }

    /// A fact of the ledger (migration 4), when it is there.
    fn fact(&self, name: &str) -> Result<Option<String>> {
        let mut stmt = self.conn.prepare_cached("SELECT value FROM ledger_facts WHERE name = ?1")?;
        Ok(stmt.query_row([name], |r| r.get(0)).optional()?)
    }

    /// Claims whose precision, first or last day differ from what their
    /// `as_of` and `from` say, or whose content hash is not one or differs
    /// from what migration 4 recorded.
    pub fn derived_column_problems(&self) -> Result<Vec<Problem>> {
        let full_from = self.full_row_hash_from()?;
        let mut before = String::new();
        let mut stmt = self.conn.prepare(
            "SELECT id, as_of, as_of_precision, as_of_start, as_of_end, from_date, from_precision, from_start,
                    content_hash FROM claims ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        let mut problems = Vec::new();
        while let Some(row) = rows.next()? {
            let dates = Dates {
                id: row.get(0)?,
                as_of: text(row, 1)?,
                stored: [text(row, 2)?, text(row, 3)?, text(row, 4)?, text(row, 6)?, text(row, 7)?],
            };
            let from = text(row, 5)?;
            problems.extend(date_problems(&dates, from.as_deref()));
            let content_hash = row.get_ref(8)?;
            if !matches!(content_hash, ValueRef::Blob(b) if b.len() == 16) {
                problems.push(column_problem(dates.id, "its content_hash is not a 16-byte hash"));
            }
            if dates.id < full_from {
                before.push_str(&hex::encode_upper(content_hash.as_bytes().unwrap_or_default()));
            }
        }
        problems.extend(self.content_hashes_problem(full_from, &before)?);
        Ok(problems)
    }

    /// Whether the content hashes of the claims before `full_from`, in hex
    /// and id order, still hash to the digest migration 4 recorded.
    fn content_hashes_problem(&self, full_from: i64, before: &str) -> Result<Option<Problem>> {
        if full_from == i64::MAX {
            return Ok(None);
        }
        let recorded = self.fact("content_hashes_before")?;
        if recorded.as_deref() == Some(sha256_hex(before.as_bytes()).as_str()) {
            return Ok(None);
        }
        Ok(Some(Problem {
            check: "claim columns",
            claim: None,
            detail: format!(
                "the content hashes of claims 1 to {} differ from those recorded at version 4: one was changed outside claims",
                full_from - 1
            ),
        }))
    }

    /// Import batches whose claims are fewer or more than the rows they added.
    pub fn batch_problems(&self) -> Result<Vec<Problem>> {
        let mut stmt = self.conn.prepare(
            "SELECT b.id, b.rows_added, coalesce(c.n, 0) FROM import_batches b
             LEFT JOIN (SELECT batch_id, count(*) AS n FROM claims WHERE batch_id IS NOT NULL GROUP BY batch_id) c
                  ON c.batch_id = b.id
             WHERE b.rows_added IS NOT coalesce(c.n, 0) ORDER BY b.id",
        )?;
        let rows =
            stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?)))?;
        let mut problems = Vec::new();
        for row in rows {
            let (batch, added, held) = row?;
            problems.push(Problem {
                check: "import batches",
                claim: None,
                detail: format!(
                    "import batch {batch} added {added} claims, but the ledger holds {held} of them: claims were removed or added outside claims"
                ),
            });
        }
        Ok(problems)
    }
}

/// What `when` reads from `as_of` and `from`, against what is stored:
/// [as_of_precision, as_of_start, as_of_end, from_precision, from_start].
fn date_problems(dates: &Dates, from: Option<&str>) -> Vec<Problem> {
    let id = dates.id;
    let Some(as_of) = dates.as_of.as_deref() else {
        return vec![column_problem(id, "it has no as_of")];
    };
    let Ok(span) = when::parse(as_of) else {
        return vec![column_problem(id, &format!("its as_of \"{as_of}\" is not a date claims writes"))];
    };
    let mut expected = [
        Some(span.precision.as_str().to_string()),
        Some(span.start.to_string()),
        Some(span.end.to_string()),
        None,
        None,
    ];
    if let Some(from) = from {
        let Ok(start) = when::parse(from) else {
            return vec![column_problem(id, &format!("its from \"{from}\" is not a date claims writes"))];
        };
        expected[3] = Some(start.precision.as_str().to_string());
        expected[4] = Some(start.start.to_string());
    }
    const NAMES: [&str; 5] = ["as_of_precision", "as_of_start", "as_of_end", "from_precision", "from_start"];
    NAMES
        .iter()
        .zip(expected.iter().zip(&dates.stored))
        .filter(|(_, (expected, stored))| expected != stored)
        .map(|(name, (expected, stored))| {
            let shown = |v: &Option<String>| v.clone().unwrap_or_else(|| "empty".into());
            column_problem(
                id,
                &format!("its {name} is {}, but its dates say {}", shown(stored), shown(expected)),
            )
        })
        .collect()
}

fn column_problem(id: i64, what: &str) -> Problem {
    Problem {
        check: "claim columns",
        claim: Some(id),
        detail: format!("claim {id} was changed outside claims: {what}"),
    }
}
