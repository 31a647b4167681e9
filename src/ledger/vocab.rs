//! Metrics, unit aliases, sources and documents.

use super::Ledger;
use crate::error::InputError;
use crate::model::{Metric, MetricKind, Source};
use anyhow::Result;
use rusqlite::{named_params, OptionalExtension, Row};
use std::collections::HashMap;

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

/// Every source, merged spellings too, by name.
const SELECT_SOURCES: &str = "SELECT id, name, kind, affiliation, merged_into FROM sources ORDER BY name";

/// The metric, source as entered and day stated of every sourced claim, in
/// metric order: from the covering (metric, day) index, without a sort.
const SELECT_SOURCED: &str =
    "SELECT metric_id, source_id, stated FROM claims WHERE source_id IS NOT NULL ORDER BY metric_id";

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

    /// Each source with its counts, the spellings merged into it counted
    /// with it. Counted here, not by a `GROUP BY`: grouping the index's
    /// rows by metric and source sorted every claim (2.2 G instructions at
    /// 200,000 claims).
    pub fn sources(&self) -> Result<Vec<Source>> {
        let mut stmt = self.conn.prepare_cached(SELECT_SOURCES)?;
        let rows = stmt.query_map([], |r| {
            let source = Source {
                name: r.get(1)?,
                kind: r.get(2)?,
                affiliation: r.get(3)?,
                claims: 0,
                metrics: 0,
                last_stated: None,
                also_named: None,
            };
            Ok((r.get::<_, i64>(0)?, r.get::<_, Option<i64>>(4)?, source))
        })?;
        let all: Vec<(i64, Option<i64>, Source)> = rows.collect::<rusqlite::Result<_>>()?;
        let mut sources = Vec::new();
        let mut index = HashMap::new();
        let mut spellings: HashMap<i64, Vec<String>> = HashMap::new();
        for (id, into, source) in &all {
            match into {
                Some(into) => spellings.entry(*into).or_default().push(source.name.clone()),
                None => {
                    index.insert(*id, sources.len());
                    sources.push((source.clone(), 0));
                }
            }
        }
        // a spelling's claims count for the source it was merged into
        let slot: HashMap<i64, usize> =
            all.iter().filter_map(|(id, into, _)| Some((*id, *index.get(&into.unwrap_or(*id))?))).collect();
        let mut stmt = self.conn.prepare_cached(SELECT_SOURCED)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let (metric, spelt): (i64, i64) = (row.get(0)?, row.get(1)?);
            let Some((source, last_metric)) = slot.get(&spelt).map(|&i| &mut sources[i]) else { continue };
            source.claims += 1;
            if source.metrics == 0 || *last_metric != metric {
                source.metrics += 1;
                *last_metric = metric;
            }
            if let Some(stated) = row.get_ref(2)?.as_str_or_null()? {
                if source.last_stated.as_deref().is_none_or(|last| stated > last) {
                    source.last_stated = Some(stated.to_string());
                }
            }
        }
        for (id, &i) in &index {
            // already in name order
            sources[i].0.also_named = spellings.remove(id).map(|names| names.join("; "));
        }
        Ok(sources.into_iter().map(|(source, _)| source).collect())
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
