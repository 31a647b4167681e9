//! What `claims check` reads: every active claim in one streamed query,
//! grouped by metric and in time order, and the few relative claims.

use super::Ledger;
use crate::report::estimate::Estimate;
use anyhow::Result;
use rusqlite::Row;
use std::sync::{mpsc, Arc};

/// Text a million rows repeat (metric names, units): held once while it
/// repeats.
pub type Text = Arc<str>;

/// The last text read in each column: rows come metric by metric, so the
/// metric's key, kind and unit are read once a metric, not once a row.
#[derive(Default)]
struct Repeats(Vec<Option<Text>>);

impl Repeats {
    fn text(&mut self, r: &Row, index: usize) -> rusqlite::Result<Text> {
        let text = r.get_ref(index)?.as_str()?;
        if self.0.len() <= index {
            self.0.resize(index + 1, None);
        }
        match &self.0[index] {
            Some(last) if &**last == text => Ok(last.clone()),
            _ => {
                let held: Text = Arc::from(text);
                self.0[index] = Some(held.clone());
                Ok(held)
            }
        }
    }

    fn optional(&mut self, r: &Row, index: usize) -> rusqlite::Result<Option<Text>> {
        match r.get_ref(index)? {
            rusqlite::types::ValueRef::Null => Ok(None),
            _ => self.text(r, index).map(Some),
        }
    }
}

/// A claim as the checks see it.
#[derive(Debug, Clone)]
pub struct CheckRow {
    pub id: i64,
    pub metric_id: i64,
    pub metric: Text,
    pub metric_kind: Text,
    pub metric_unit: Text,
    pub part_of: Option<i64>,
    pub unit: Text,
    pub qualifier: Text,
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
    pub source: Option<Text>,
    pub document_id: Option<i64>,
    pub change_of: Option<i64>,
    pub share_of: Option<i64>,
    /// Its own figure, read at the precision its words were written with
    /// ("1.2 million" is two significant figures), as the timeline reads it:
    /// read on the reading thread, from the value text it does not keep.
    pub figure: Estimate,
}

const SELECT: &str =
    "SELECT c.id, c.metric_id, m.key, m.kind, m.unit, m.part_of, c.unit, c.qualifier, c.best, c.low,
        c.high, c.as_of_start, c.as_of_end, c.from_start, c.as_of, c.from_date, c.stated, s.id, s.name,
        c.document_id, c.change_of, c.share_of, c.value
    FROM claims c JOIN metrics m ON m.id = c.metric_id LEFT JOIN sources spelt ON spelt.id = c.source_id
    LEFT JOIN sources s ON s.id = coalesce(spelt.merged_into, spelt.id)";

fn check_row(r: &Row, texts: &mut Repeats) -> rusqlite::Result<CheckRow> {
    Ok(CheckRow {
        id: r.get(0)?,
        metric_id: r.get(1)?,
        metric: texts.text(r, 2)?,
        metric_kind: texts.text(r, 3)?,
        metric_unit: texts.text(r, 4)?,
        part_of: r.get(5)?,
        unit: texts.text(r, 6)?,
        qualifier: texts.text(r, 7)?,
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
        source: texts.optional(r, 18)?,
        document_id: r.get(19)?,
        change_of: r.get(20)?,
        share_of: r.get(21)?,
        figure: Estimate::of_claim(
            r.get_ref(7)?.as_str()?,
            r.get(8)?,
            r.get(9)?,
            r.get(10)?,
            r.get_ref(22)?.as_str()?,
        ),
    })
}

impl Ledger {
    /// Calls `each` with the active claims of each metric, by first day (in
    /// the order of the covering (metric, day) index: no sort), read on a
    /// second thread while `each` works.
    pub fn for_each_metric_rows(&self, each: impl FnMut(Vec<CheckRow>) -> Result<()>) -> Result<()> {
        self.read_alongside(|reader, sender| reader.send_metric_rows(sender), each)
    }

    fn send_metric_rows(&self, sender: &mpsc::SyncSender<Vec<CheckRow>>) -> Result<()> {
        let sql = format!("{SELECT} WHERE c.status = 'active' ORDER BY c.metric_id, c.as_of_start");
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        let mut texts = Repeats::default();
        let mut group: Vec<CheckRow> = Vec::new();
        while let Some(row) = rows.next()? {
            let row = check_row(row, &mut texts)?;
            if group.first().is_some_and(|g| g.metric_id != row.metric_id) {
                let capacity = group.len();
                let full = std::mem::replace(&mut group, Vec::with_capacity(capacity));
                if sender.send(full).is_err() {
                    return Ok(());
                }
            }
            group.push(row);
        }
        if !group.is_empty() {
            let _ = sender.send(group);
        }
        Ok(())
    }

    /// The active claims that are a change or a share of another.
    pub fn relative_check_rows(&self) -> Result<Vec<CheckRow>> {
        // through the partial indexes of the few relative claims, not a scan
        let sql = format!(
            "{SELECT} WHERE c.status = 'active' AND c.id IN (
                SELECT id FROM claims INDEXED BY claims_changes WHERE change_of IS NOT NULL
                UNION ALL SELECT id FROM claims INDEXED BY claims_shares WHERE share_of IS NOT NULL)
            ORDER BY c.id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut texts = Repeats::default();
        let rows = stmt.query_map([], |r| check_row(r, &mut texts))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One claim as the checks see it, whatever its status.
    pub fn check_row(&self, id: i64) -> Result<Option<CheckRow>> {
        use rusqlite::OptionalExtension;
        let sql = format!("{SELECT} WHERE c.id = ?1");
        let mut texts = Repeats::default();
        Ok(self.conn.prepare_cached(&sql)?.query_row([id], |r| check_row(r, &mut texts)).optional()?)
    }
}
