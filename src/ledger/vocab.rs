//! Metrics, unit aliases, sources and documents.

use super::Ledger;
use crate::error::InputError;
use crate::model::{Metric, MetricKind, Source};
use anyhow::Result;
use rusqlite::{named_params, OptionalExtension, Row};

const INSERT_METRIC: &str = "INSERT INTO metrics (key, label, kind, unit, part_of, created_at)
    VALUES (:key, :label, :kind, :unit, :part_of, :created_at)";

/// A metric without its counts: what every command but `metrics` needs.
const SELECT_METRIC: &str = "SELECT m.id, m.key, m.label, m.kind, m.unit, 0, NULL, NULL,
        (SELECT p.key FROM metrics p WHERE p.id = m.part_of), m.retired_at
    FROM metrics m";

const SELECT_METRICS: &str = "SELECT m.id, m.key, m.label, m.kind, m.unit,
        (SELECT count(*) FROM claims c WHERE c.metric_id = m.id),
        (SELECT min(c.as_of_start) FROM claims c WHERE c.metric_id = m.id),
        (SELECT max(c.as_of_end) FROM claims c WHERE c.metric_id = m.id),
        (SELECT p.key FROM metrics p WHERE p.id = m.part_of), m.retired_at
    FROM metrics m";

/// Each source with the claims of the spellings merged into it.
/// Each source with its counts, spellings merged into it counted with it.
/// Counted from the covering (metric, day) index, per metric and source
/// first: counting claims through the source index read every claim's
/// table row, a million scattered reads (3.3 times as slow).
const SELECT_SOURCES: &str = "WITH per_metric AS (
        SELECT coalesce(spelt.merged_into, spelt.id) AS source_id, c.metric_id, count(*) AS claims,
            max(c.stated) AS last_stated
        FROM claims c JOIN sources spelt ON spelt.id = c.source_id GROUP BY c.metric_id, c.source_id),
    per_source AS (
        SELECT source_id, sum(claims) AS claims, count(DISTINCT metric_id) AS metrics, max(last_stated) AS last_stated
        FROM per_metric GROUP BY source_id)
    SELECT s.name, s.kind, s.affiliation, coalesce(n.claims, 0), coalesce(n.metrics, 0), n.last_stated,
        (SELECT group_concat(o.name, '; ') FROM (SELECT name FROM sources WHERE merged_into = s.id ORDER BY name) o)
    FROM sources s LEFT JOIN per_source n ON n.source_id = s.id
    WHERE s.merged_into IS NULL ORDER BY s.name";

fn metric_from_row(row: &Row) -> rusqlite::Result<Metric> {
    let kind: String = row.get(3)?;
    Ok(Metric {
        id: row.get(0)?,
        key: row.get(1)?,
        label: row.get(2)?,
        kind: MetricKind::parse(&kind).unwrap_or(MetricKind::Level),
        unit: row.get(4)?,
        claims: row.get(5)?,
        first: row.get(6)?,
        last: row.get(7)?,
        part_of: row.get(8)?,
        retired_at: row.get(9)?,
    })
}

impl Ledger {
    pub fn add_metric(
        &self,
        key: &str,
        label: Option<&str>,
        kind: MetricKind,
        unit: &str,
        part_of: Option<i64>,
        now: &str,
    ) -> Result<i64> {
        if self.metric(key)?.is_some() {
            return Err(InputError::new(format!("the metric {key} exists already"))
                .hint("`claims metrics` lists them")
                .into());
        }
        self.conn.prepare_cached(INSERT_METRIC)?.execute(named_params! {
            ":key": key, ":label": label, ":kind": kind.as_str(), ":unit": unit, ":part_of": part_of,
            ":created_at": now,
        })?;
        Ok(self.conn.last_insert_rowid())
    }

    /// A metric by key, or by an old key it was renamed from, without its
    /// counts (claims 0, first and last none).
    pub fn metric(&self, key: &str) -> Result<Option<Metric>> {
        let sql = format!(
            "{SELECT_METRIC} WHERE m.key = ?1 OR m.id IN (SELECT metric_id FROM metric_aliases WHERE key = ?1)
             ORDER BY m.key = ?1 DESC LIMIT 1"
        );
        Ok(self.conn.prepare_cached(&sql)?.query_row([key], metric_from_row).optional()?)
    }

    /// The cumulative metric that totals this period metric, if declared.
    pub fn metric_part_of(&self, id: i64) -> Result<Option<i64>> {
        let mut stmt = self.conn.prepare_cached("SELECT part_of FROM metrics WHERE id = ?1")?;
        Ok(stmt.query_row([id], |r| r.get(0)).optional()?.flatten())
    }

    /// The metrics with their counts; retired ones only with `all`.
    pub fn metrics(&self, all: bool) -> Result<Vec<Metric>> {
        let only = if all { "" } else { "WHERE m.retired_at IS NULL" };
        self.query_metrics(&format!("{SELECT_METRICS} {only} ORDER BY m.key"))
    }

    /// The retired metrics, as (id, key), by key.
    pub fn retired_metrics(&self) -> Result<Vec<(i64, String)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, key FROM metrics WHERE retired_at IS NOT NULL ORDER BY key")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every metric in use (not retired), without counts.
    pub fn metric_list(&self) -> Result<Vec<Metric>> {
        self.query_metrics(&format!("{SELECT_METRIC} WHERE m.retired_at IS NULL ORDER BY m.key"))
    }

    fn query_metrics(&self, sql: &str) -> Result<Vec<Metric>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map([], metric_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Declares two count nouns the same in this ledger. Declaring it
    /// again is fine; an alias is never replaced: a noun already declared
    /// the same as another is an error naming that alias.
    pub fn add_unit_alias(&self, noun: &str, same_as: &str) -> Result<()> {
        match self.unit_alias(noun)? {
            Some(held) if crate::units::same_noun(&held, same_as) => Ok(()),
            Some(held) => Err(InputError::new(format!(
                "\"{noun}\" is already declared the same as \"{held}\" in this ledger, not \"{same_as}\""
            ))
            .hint(format!("an alias is never replaced; `claims units` lists them (\"{noun}\" = \"{held}\")"))
            .into()),
            None => {
                self.conn
                    .prepare_cached("INSERT INTO unit_aliases (noun, same_as) VALUES (?1, ?2)")?
                    .execute([noun, same_as])?;
                Ok(())
            }
        }
    }

    /// What this ledger declares `noun` the same as, if anything.
    pub fn unit_alias(&self, noun: &str) -> Result<Option<String>> {
        let mut stmt = self.conn.prepare_cached("SELECT same_as FROM unit_aliases WHERE noun = ?1")?;
        Ok(stmt.query_row([noun], |r| r.get(0)).optional()?)
    }

    pub fn unit_aliases(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare_cached("SELECT noun, same_as FROM unit_aliases ORDER BY noun")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn sources(&self) -> Result<Vec<Source>> {
        let mut stmt = self.conn.prepare_cached(SELECT_SOURCES)?;
        let rows = stmt.query_map([], |r| {
            Ok(Source {
                name: r.get(0)?,
                kind: r.get(1)?,
                affiliation: r.get(2)?,
                claims: r.get(3)?,
                metrics: r.get(4)?,
                last_stated: r.get(5)?,
                also_named: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn source_names(&self) -> Result<Vec<String>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT name FROM sources WHERE merged_into IS NULL ORDER BY name")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// One import run, as recorded for provenance.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    pub file_name: String,
    pub file_size: u64,
    pub sha256: String,
    pub rows_read: u64,
    pub rows_added: u64,
    pub rows_present: u64,
}

impl Ledger {
    /// Opens a batch; its counts are written by `finish_batch`.
    pub fn start_batch(&self, file_name: &str, now: &str, by: Option<&str>) -> Result<i64> {
        self.conn
            .prepare_cached(
                "INSERT INTO import_batches (file_name, file_size, sha256, imported_at, imported_by,
                    rows_read, rows_added, rows_present) VALUES (?1, 0, '', ?2, ?3, 0, 0, 0)",
            )?
            .execute((file_name, now, by))?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn finish_batch(&self, id: i64, batch: &Batch) -> Result<()> {
        self.conn
            .prepare_cached(
                "UPDATE import_batches SET file_size = :size, sha256 = :sha, rows_read = :read,
                    rows_added = :added, rows_present = :present WHERE id = :id",
            )?
            .execute(named_params! {
                ":size": batch.file_size as i64, ":sha": batch.sha256, ":read": batch.rows_read as i64,
                ":added": batch.rows_added as i64, ":present": batch.rows_present as i64, ":id": id,
            })?;
        Ok(())
    }
}
