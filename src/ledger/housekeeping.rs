//! Housekeeping of the vocabularies (migration step 6): sources renamed,
//! edited and merged, metrics edited, renamed and retired, retracted claims
//! reinstated. Nothing is deleted and no claim is rewritten: a merged
//! source points at the one it was merged into, a renamed metric keeps its
//! old key as an alias, and the database records every change in
//! `vocab_changes` (or, for a claim, `audit_log`).

use super::Ledger;
use crate::error::InputError;
use anyhow::Result;
use rusqlite::{named_params, OptionalExtension};

/// A source as stored, with what it was merged into.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceRow {
    pub id: i64,
    pub name: String,
    pub kind: Option<String>,
    pub affiliation: Option<String>,
    pub merged_into: Option<i64>,
}

/// One recorded change to a source or a metric.
#[derive(Debug, Clone, PartialEq)]
pub struct VocabChange {
    /// `sources` or `metrics`.
    pub table: String,
    pub row_id: i64,
    /// JSON: each field with its old and new value.
    pub changes: String,
    pub at: String,
    pub by: Option<String>,
}

/// A claim whose unit a metric's new unit must still read.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimUnit {
    pub id: i64,
    pub unit: String,
    /// The claim is a change or share of another claim.
    pub relative: bool,
    /// The metric the claim is on, when it is not the metric edited but
    /// relative to one of its claims.
    pub other_metric: Option<(String, String)>,
}

/// The first ledger version with merged sources, retired and renamed metrics.
const HOUSEKEEPING_VERSION: i64 = 6;

/// The name of the fact that marks a ledger built by `claims demo`.
const DEMO_FACT: &str = "demo_ledger";

impl Ledger {
    /// A source by its exact name.
    pub fn source_row(&self, name: &str) -> Result<Option<SourceRow>> {
        self.source_row_where("name = ?1", name)
    }

    pub fn source_row_by_id(&self, id: i64) -> Result<Option<SourceRow>> {
        self.source_row_where("id = ?1", id)
    }

    fn source_row_where(&self, condition: &str, value: impl rusqlite::ToSql) -> Result<Option<SourceRow>> {
        let sql = format!("SELECT id, name, kind, affiliation, merged_into FROM sources WHERE {condition}");
        let row = self.conn.prepare_cached(&sql)?.query_row([value], |r| {
            Ok(SourceRow {
                id: r.get(0)?,
                name: r.get(1)?,
                kind: r.get(2)?,
                affiliation: r.get(3)?,
                merged_into: r.get(4)?,
            })
        });
        Ok(row.optional()?)
    }

    /// The names merged into this source.
    pub fn merged_names(&self, id: i64) -> Result<Vec<String>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT name FROM sources WHERE merged_into = ?1 ORDER BY name")?;
        let rows = stmt.query_map([id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn rename_source(&self, id: i64, name: &str) -> Result<()> {
        self.conn.prepare_cached("UPDATE sources SET name = ?2 WHERE id = ?1")?.execute((id, name))?;
        self.cache.borrow_mut().sources.clear();
        Ok(())
    }

    /// Sets a source's kind and affiliation (`None` leaves one as it is).
    pub fn edit_source(&self, id: i64, kind: Option<&str>, affiliation: Option<&str>) -> Result<()> {
        self.conn
            .prepare_cached(
                "UPDATE sources SET kind = coalesce(?2, kind), affiliation = coalesce(?3, affiliation) WHERE id = ?1",
            )?
            .execute((id, kind, affiliation))?;
        self.cache.borrow_mut().sources.clear();
        Ok(())
    }

    /// Points `from`, and every source merged into it, at `into`.
    pub fn merge_source(&self, from: i64, into: i64) -> Result<()> {
        self.conn
            .prepare_cached("UPDATE sources SET merged_into = ?2 WHERE id = ?1 OR merged_into = ?1")?
            .execute((from, into))?;
        self.cache.borrow_mut().sources.clear();
        Ok(())
    }

    /// The recorded changes of these rows of `table`, oldest first.
    pub fn vocab_changes(&self, table: &str, ids: &[i64]) -> Result<Vec<VocabChange>> {
        if self.version()? < HOUSEKEEPING_VERSION {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT tbl, row_id, changes, at, by, id FROM vocab_changes WHERE tbl = ?1 AND row_id = ?2",
        )?;
        let mut found = Vec::new();
        for id in ids {
            let rows = stmt.query_map((table, id), |r| {
                let change = VocabChange {
                    table: r.get(0)?,
                    row_id: r.get(1)?,
                    changes: r.get(2)?,
                    at: r.get(3)?,
                    by: r.get(4)?,
                };
                Ok((r.get::<_, i64>(5)?, change))
            })?;
            found.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
        }
        found.sort_by_key(|(id, _)| *id);
        Ok(found.into_iter().map(|(_, change)| change).collect())
    }

    /// Sets what is given of a metric's label, kind, unit and total.
    pub fn edit_metric(
        &self,
        id: i64,
        label: Option<&str>,
        kind: Option<&str>,
        unit: Option<&str>,
        part_of: Option<i64>,
    ) -> Result<()> {
        self.conn
            .prepare_cached(
                "UPDATE metrics SET label = coalesce(:label, label), kind = coalesce(:kind, kind),
                    unit = coalesce(:unit, unit), part_of = coalesce(:part_of, part_of) WHERE id = :id",
            )?
            .execute(named_params! {
                ":id": id, ":label": label, ":kind": kind, ":unit": unit, ":part_of": part_of,
            })?;
        Ok(())
    }

    /// Gives a metric a new key; the old key stays an alias of it.
    pub fn rename_metric(&self, id: i64, old: &str, new: &str) -> Result<()> {
        self.conn.prepare_cached("UPDATE metrics SET key = ?2 WHERE id = ?1")?.execute((id, new))?;
        self.conn
            .prepare_cached(
                "INSERT INTO metric_aliases (key, metric_id) VALUES (?1, ?2)
                ON CONFLICT (key) DO NOTHING",
            )?
            .execute((old, id))?;
        Ok(())
    }

    /// Makes `key` an old key of the metric `id` (an import of a renamed metric).
    pub fn add_metric_alias(&self, key: &str, id: i64) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO metric_aliases (key, metric_id) VALUES (?1, ?2) ON CONFLICT (key) DO NOTHING",
            )?
            .execute((key, id))?;
        Ok(())
    }

    /// The metric an old key names, if it is an alias.
    pub fn metric_alias(&self, key: &str) -> Result<Option<i64>> {
        let mut stmt = self.conn.prepare_cached("SELECT metric_id FROM metric_aliases WHERE key = ?1")?;
        Ok(stmt.query_row([key], |r| r.get(0)).optional()?)
    }

    /// The old keys of a metric.
    pub fn metric_aliases(&self, id: i64) -> Result<Vec<String>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT key FROM metric_aliases WHERE metric_id = ?1 ORDER BY key")?;
        let rows = stmt.query_map([id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Retires a metric at `at`, or brings it back with `None`.
    pub fn retire_metric(&self, id: i64, at: Option<&str>) -> Result<()> {
        self.conn.prepare_cached("UPDATE metrics SET retired_at = ?2 WHERE id = ?1")?.execute((id, at))?;
        Ok(())
    }

    /// The metrics declared part of this one.
    pub fn metric_parts(&self, id: i64) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached("SELECT key FROM metrics WHERE part_of = ?1 ORDER BY key")?;
        let rows = stmt.query_map([id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every claim a metric's unit must read: its own, and the claims of
    /// other metrics relative to one of its claims.
    pub fn claim_units(&self, metric_id: i64) -> Result<Vec<ClaimUnit>> {
        const SQL: &str = "SELECT c.id, c.unit, coalesce(c.change_of, c.share_of) IS NOT NULL, NULL, NULL
            FROM claims c WHERE c.metric_id = ?1
            UNION ALL
            SELECT c.id, c.unit, 1, m.key, m.unit FROM claims c
            JOIN claims b ON b.id = coalesce(c.change_of, c.share_of)
            JOIN metrics m ON m.id = c.metric_id
            WHERE b.metric_id = ?1 AND c.metric_id <> ?1
            ORDER BY 1";
        let mut stmt = self.conn.prepare_cached(SQL)?;
        let rows = stmt.query_map([metric_id], |r| {
            let other: Option<String> = r.get(3)?;
            Ok(ClaimUnit {
                id: r.get(0)?,
                unit: r.get(1)?,
                relative: r.get(2)?,
                other_metric: other.zip(r.get::<_, Option<String>>(4)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Brings a retracted claim back, with why: a new status change.
    pub fn reinstate(&self, id: i64, reason: &str) -> Result<()> {
        let changed = self
            .conn
            .prepare_cached(
                "UPDATE claims SET status = 'active', reason = ?2 WHERE id = ?1 AND status = 'retracted'",
            )?
            .execute((id, reason))?;
        if changed == 1 {
            return Ok(());
        }
        Err(InputError::new(format!("claim {id} was changed meanwhile; nothing was written"))
            .hint(format!("see it with `claims show {id}`, then decide again"))
            .into())
    }

    /// An older ledger read without migrating it (another's, read-only) is
    /// seen through temporary views of the current shape, which SQLite finds
    /// before the tables they stand for (with their rowid, which a view
    /// lacks): nothing is merged, retired or renamed in it, and nothing is
    /// written to its file.
    pub(super) fn read_older_as_current(&self) -> Result<()> {
        let version = self.version()?;
        if version == 0 || version >= HOUSEKEEPING_VERSION {
            return Ok(());
        }
        self.conn.execute_batch(
            "CREATE TEMP VIEW sources AS SELECT rowid AS rowid, *, NULL AS merged_into FROM main.sources;
             CREATE TEMP VIEW metrics AS SELECT rowid AS rowid, *, NULL AS retired_at FROM main.metrics;
             CREATE TEMP TABLE metric_aliases (key TEXT PRIMARY KEY, metric_id INTEGER NOT NULL);",
        )?;
        Ok(())
    }

    /// Marks this ledger as the one `claims demo` builds.
    pub fn mark_demo(&self) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO ledger_facts (name, value) VALUES (?1, 'built by claims demo')
                 ON CONFLICT (name) DO NOTHING",
            )?
            .execute([DEMO_FACT])?;
        Ok(())
    }

    /// Whether `claims demo` built this ledger: it carries the demo's fact,
    /// or (built before the fact) every claim it holds is one of the demo's.
    pub fn is_demo(&self, demo_uids: &[&str]) -> Result<bool> {
        Ok(self.has_demo_fact()? || self.only_claims_among(demo_uids)?)
    }

    fn only_claims_among(&self, uids: &[&str]) -> Result<bool> {
        let uids = serde_json::to_string(uids)?;
        Ok(self.conn.query_row(
            "SELECT count(*) > 0 AND count(*) = count(j.value) FROM claims c
             LEFT JOIN json_each(?1) j ON j.value = c.uid",
            [uids],
            |r| r.get(0),
        )?)
    }

    fn has_demo_fact(&self) -> Result<bool> {
        let has_facts: bool = self.conn.query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'ledger_facts'",
            [],
            |r| r.get(0),
        )?;
        if !has_facts {
            return Ok(false);
        }
        let mut stmt = self.conn.prepare_cached("SELECT count(*) FROM ledger_facts WHERE name = ?1")?;
        Ok(stmt.query_row([DEMO_FACT], |r| r.get(0))?)
    }
}
