//! What `claims check` reads: every active claim in one streamed query,
//! grouped by metric and in time order, and the few relative claims.

use super::Ledger;
use anyhow::Result;
use rusqlite::Row;

/// A claim as the checks see it.
#[derive(Debug, Clone)]
pub struct CheckRow {
    pub id: i64,
    pub metric_id: i64,
    pub metric: String,
    pub metric_kind: String,
    pub metric_unit: String,
    pub part_of: Option<i64>,
    pub unit: String,
    pub qualifier: String,
    pub best: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub start: String,
    pub end: String,
    pub from_start: Option<String>,
    pub as_of: String,
    pub from: Option<String>,
    pub stated: Option<String>,
    pub source_id: Option<i64>,
    pub source: Option<String>,
    pub document_id: Option<i64>,
    pub change_of: Option<i64>,
    pub share_of: Option<i64>,
}

const SELECT: &str =
    "SELECT c.id, c.metric_id, m.key, m.kind, m.unit, m.part_of, c.unit, c.qualifier, c.best, c.low,
        c.high, c.as_of_start, c.as_of_end, c.from_start, c.as_of, c.from_date, c.stated, c.source_id, s.name,
        c.document_id, c.change_of, c.share_of
    FROM claims c JOIN metrics m ON m.id = c.metric_id LEFT JOIN sources s ON s.id = c.source_id";

fn check_row(r: &Row) -> rusqlite::Result<CheckRow> {
    Ok(CheckRow {
        id: r.get(0)?,
        metric_id: r.get(1)?,
        metric: r.get(2)?,
        metric_kind: r.get(3)?,
        metric_unit: r.get(4)?,
        part_of: r.get(5)?,
        unit: r.get(6)?,
        qualifier: r.get(7)?,
        best: r.get(8)?,
        low: r.get(9)?,
        high: r.get(10)?,
        start: r.get(11)?,
        end: r.get(12)?,
        from_start: r.get(13)?,
        as_of: r.get(14)?,
        from: r.get(15)?,
        stated: r.get(16)?,
        source_id: r.get(17)?,
        source: r.get(18)?,
        document_id: r.get(19)?,
        change_of: r.get(20)?,
        share_of: r.get(21)?,
    })
}

impl Ledger {
    /// Calls `each` on every active claim, by metric, then in time order.
    pub fn for_each_check_row(&self, mut each: impl FnMut(CheckRow) -> Result<()>) -> Result<()> {
        let sql = format!(
            "{SELECT} WHERE c.status = 'active' ORDER BY c.metric_id, c.as_of_start, c.as_of_end, c.id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            each(check_row(row)?)?;
        }
        Ok(())
    }

    /// The active claims that are a change or a share of another.
    pub fn relative_check_rows(&self) -> Result<Vec<CheckRow>> {
        let sql = format!(
            "{SELECT} WHERE c.status = 'active' AND (c.change_of IS NOT NULL OR c.share_of IS NOT NULL) ORDER BY c.id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], check_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One claim as the checks see it, whatever its status.
    pub fn check_row(&self, id: i64) -> Result<Option<CheckRow>> {
        use rusqlite::OptionalExtension;
        let sql = format!("{SELECT} WHERE c.id = ?1");
        Ok(self.conn.prepare_cached(&sql)?.query_row([id], check_row).optional()?)
    }
}
