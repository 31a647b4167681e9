//! What `claims check` reads: every active claim in one streamed query,
//! grouped by metric and in time order, and the few relative claims.

use super::Ledger;
use crate::report::estimate::{Estimate, Written};
use anyhow::Result;
use rusqlite::Row;
use std::collections::HashMap;
use std::sync::{mpsc, Arc};

/// Text a million rows repeat (metric names, units): held once while it
/// repeats.
pub type Text = Arc<str>;

/// The last text read in each column: a metric's claims mostly share a
/// unit and qualifier, held once while they repeat.
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
    /// The figure as written.
    pub value: Box<str>,
    /// Its own figure, read at the precision its words were written with
    /// ("1.2 million" is two significant figures), as the timeline reads it
    /// (`Figures::read`).
    pub figure: Estimate,
}

/// Read from the covering (metric, day) index alone: the metric's and the
/// source's names come from `Names`, not from two joins per row.
const SELECT: &str = "SELECT c.id, c.metric_id, c.unit, c.qualifier, c.best, c.low, c.high, c.as_of_start,
        c.as_of_end, c.from_start, c.as_of, c.from_date, c.stated, c.source_id, c.document_id,
        c.change_of, c.share_of, c.value
    FROM claims c";

/// A metric's words, as every claim of it carries them.
struct MetricNames {
    key: Text,
    kind: Text,
    unit: Text,
    part_of: Option<i64>,
}

/// The metrics and sources, read once per query.
struct Names {
    metrics: HashMap<i64, MetricNames>,
    /// A source's id as spelt in a claim → the source it is merged into
    /// (itself when not merged) and that source's name.
    sources: HashMap<i64, (i64, Text)>,
    texts: Repeats,
}

/// The words of figures, each value text parsed for its precision once
/// while it is held, not once a row: value texts repeat within a metric
/// and across metrics (a quarter are distinct at the bench's 200,000
/// claims, a tenth at a million).
#[derive(Default)]
struct Figures {
    written: HashMap<Box<str>, Option<Written>>,
}

/// How many value texts `Figures` holds before it starts afresh: a few MB,
/// so memory stays flat over any ledger.
const WRITTEN_HELD: usize = 1 << 16;

impl Figures {
    /// Reads each row's figure at the precision of its words.
    fn read(&mut self, rows: &mut [CheckRow]) {
        for row in rows {
            let written = self.written(&row.value);
            row.figure = Estimate::as_written(&row.qualifier, row.best, row.low, row.high, written);
        }
    }

    fn written(&mut self, value: &str) -> Option<Written> {
        if let Some(written) = self.written.get(value) {
            return *written;
        }
        if self.written.len() >= WRITTEN_HELD {
            self.written.clear();
        }
        let written = Written::of(value);
        self.written.insert(value.into(), written);
        written
    }
}

impl Names {
    fn read(ledger: &Ledger) -> rusqlite::Result<Names> {
        let mut stmt = ledger.conn.prepare("SELECT id, key, kind, unit, part_of FROM metrics")?;
        let metrics = stmt
            .query_map([], |r| {
                let names = MetricNames {
                    key: Text::from(r.get_ref(1)?.as_str()?),
                    kind: Text::from(r.get_ref(2)?.as_str()?),
                    unit: Text::from(r.get_ref(3)?.as_str()?),
                    part_of: r.get(4)?,
                };
                Ok((r.get(0)?, names))
            })?
            .collect::<rusqlite::Result<_>>()?;
        // as `coalesce(merged_into, id)`: one step, the way every read resolves it
        let mut stmt = ledger.conn.prepare(
            "SELECT spelt.id, s.id, s.name FROM sources spelt
            JOIN sources s ON s.id = coalesce(spelt.merged_into, spelt.id)",
        )?;
        let sources = stmt
            .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, Text::from(r.get_ref(2)?.as_str()?)))))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Names { metrics, sources, texts: Repeats::default() })
    }

    /// The row as the checks see it, its figure not yet read
    /// (`Figures::read`); `None` for a claim of a metric that is not in the
    /// ledger (as the inner join to metrics left it out).
    fn check_row(&mut self, r: &Row) -> rusqlite::Result<Option<CheckRow>> {
        let metric_id: i64 = r.get(1)?;
        let Some(metric) = self.metrics.get(&metric_id) else { return Ok(None) };
        let (metric, metric_kind, metric_unit, part_of) =
            (metric.key.clone(), metric.kind.clone(), metric.unit.clone(), metric.part_of);
        let spelt: Option<i64> = r.get(13)?;
        let source = spelt.and_then(|id| self.sources.get(&id)).cloned();
        let (qualifier, best, low, high) = (self.texts.text(r, 3)?, r.get(4)?, r.get(5)?, r.get(6)?);
        Ok(Some(CheckRow {
            id: r.get(0)?,
            metric_id,
            metric,
            metric_kind,
            metric_unit,
            part_of,
            unit: self.texts.text(r, 2)?,
            // read by `Figures::read`, on the thread that checks
            figure: Estimate::default(),
            value: r.get_ref(17)?.as_str()?.into(),
            qualifier,
            best,
            low,
            high,
            start: r.get(7)?,
            end: r.get(8)?,
            from_start: r.get(9)?,
            as_of: r.get(10)?,
            from: r.get(11)?,
            stated: r.get(12)?,
            source_id: source.as_ref().map(|(id, _)| *id),
            source: source.map(|(_, name)| name),
            document_id: r.get(14)?,
            change_of: r.get(15)?,
            share_of: r.get(16)?,
        }))
    }
}

impl Ledger {
    /// Calls `each` with the active claims of each metric, by first day (in
    /// the order of the covering (metric, day) index: no sort), read on a
    /// second thread while `each` works. Their figures are read at the
    /// precision of their words on this thread: reading rows is the larger
    /// half of the work, and the two halves run side by side.
    pub fn for_each_metric_rows(&self, mut each: impl FnMut(Vec<CheckRow>) -> Result<()>) -> Result<()> {
        let mut figures = Figures::default();
        self.read_alongside(
            |reader, sender| reader.send_metric_rows(sender),
            |mut group| {
                figures.read(&mut group);
                each(group)
            },
        )
    }

    fn send_metric_rows(&self, sender: &mpsc::SyncSender<Vec<CheckRow>>) -> Result<()> {
        let sql = format!("{SELECT} WHERE c.status = 'active' ORDER BY c.metric_id, c.as_of_start");
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        let mut names = Names::read(self)?;
        let mut group: Vec<CheckRow> = Vec::new();
        while let Some(row) = rows.next()? {
            let Some(row) = names.check_row(row)? else { continue };
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
        let mut names = Names::read(self)?;
        let rows = stmt.query_map([], |r| names.check_row(r))?;
        let mut rows: Vec<CheckRow> = rows.filter_map(Result::transpose).collect::<rusqlite::Result<_>>()?;
        Figures::default().read(&mut rows);
        Ok(rows)
    }

    /// One claim as the checks see it, whatever its status.
    pub fn check_row(&self, id: i64) -> Result<Option<CheckRow>> {
        use rusqlite::OptionalExtension;
        let sql = format!("{SELECT} WHERE c.id = ?1");
        let mut names = Names::read(self)?;
        let row =
            self.conn.prepare_cached(&sql)?.query_row([id], |r| names.check_row(r)).optional()?.flatten();
        Ok(row.map(|mut row| {
            Figures::default().read(std::slice::from_mut(&mut row));
            row
        }))
    }
}
