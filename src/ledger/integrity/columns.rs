//! The claim columns the row hash leaves out (it was shipped without them
//! and cannot change): the spans read from `as_of` and `from`, recomputed
//! here with `when`; the content hash, checked for its form; and what the
//! ledger counts of itself (an import batch's added rows).

use super::{text, Problem};
use crate::ledger::Ledger;
use crate::when;
use anyhow::Result;
use rusqlite::types::ValueRef;

/// A claim's date columns as stored.
struct Dates {
    id: i64,
    as_of: Option<String>,
    stored: [Option<String>; 5],
}

impl Ledger {
    /// Claims whose precision, first or last day differ from what their
    /// `as_of` and `from` say, or whose content hash is not one.
    pub fn derived_column_problems(&self) -> Result<Vec<Problem>> {
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
            if !matches!(row.get_ref(8)?, ValueRef::Blob(b) if b.len() == 16) {
                problems.push(column_problem(dates.id, "its content_hash is not a 16-byte hash"));
            }
        }
        Ok(problems)
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
