//! Claims read: one, a metric's, or all of them through filters (writing
//! them is `claim_writes.rs`, their history `audit.rs`).

use super::claim_columns::{FIGURES, FULL, ROW};
use super::claim_joins::Joins;
use super::Ledger;
use crate::model::Claim;
use anyhow::Result;
use rusqlite::{OptionalExtension, Row};

/// Which claims `list` and `export` show.
#[derive(Debug, Clone, Default)]
pub struct ClaimFilter {
    pub metric: Option<String>,
    pub source: Option<String>,
    /// First day of `--since`: claims ending on or after it.
    pub since: Option<String>,
    /// Last day of `--until`: claims starting on or before it.
    pub until: Option<String>,
    pub search: Option<String>,
    /// Every status, not only active claims.
    pub all: bool,
}

/// A source's name, or the name of the source it was merged into.
pub(crate) const MERGED_NAME: &str =
    "SELECT coalesce(t.name, s.name) FROM sources s LEFT JOIN sources t ON t.id = s.merged_into WHERE s.id = ?1";

/// Names by id (a source's as merged, a metric's key), each looked up
/// once: a metric's thousands of claims come from a few hundred sources.
struct Names<'a> {
    lookup: rusqlite::CachedStatement<'a>,
    names: std::collections::HashMap<i64, String>,
}

impl<'a> Names<'a> {
    fn new(conn: &'a rusqlite::Connection, sql: &str) -> Result<Self> {
        Ok(Names { lookup: conn.prepare_cached(sql)?, names: Default::default() })
    }

    fn name(&mut self, id: Option<i64>) -> Result<Option<String>> {
        let Some(id) = id else { return Ok(None) };
        if let Some(name) = self.names.get(&id) {
            return Ok(Some(name.clone()));
        }
        let name: String = self.lookup.query_row([id], |r| r.get(0))?;
        self.names.insert(id, name.clone());
        Ok(Some(name))
    }
}

/// How much of each claim a query reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    Full,
    /// What figures and their timing need (`claim_columns::FIGURES`): a metric's
    /// claims from neighbouring index pages, not one table page each.
    Figures,
}

/// Each filter's condition, used only when the filter is set: an unset
/// one written as `(:metric IS NULL OR ...)` made SQLite scan every claim
/// (`list --metric` of one metric read all million), where a set one
/// alone finds its claims through the (metric, day) or source index.
const FILTERS: &[(&str, &str)] = &[
    (":metric", "c.metric_id IN (SELECT id FROM metrics WHERE key = :metric
        UNION ALL SELECT metric_id FROM metric_aliases WHERE key = :metric)"),
    // the source by name, or a spelling merged into it
    (":source", "c.source_id IN (SELECT id FROM sources WHERE name = :source COLLATE NOCASE
        OR merged_into IN (SELECT id FROM sources WHERE name = :source COLLATE NOCASE))"),
    (":since", "c.as_of_end >= :since"),
    (":until", "c.as_of_start <= :until"),
    (":search", "instr(lower(c.value || ' ' || coalesce(c.quote, '') || ' '
        || coalesce(c.note, '') || ' ' || coalesce(c.place, '') || ' ' || coalesce(s.name, '')
        || ' ' || coalesce(d.title, '') || ' ' || m.key || ' ' || coalesce(m.label, '')), lower(:search)) > 0"),
    (":active", "c.status = 'active'"),
];

impl ClaimFilter {
    /// Whether a read of these claims joins each to what it points at: a
    /// search's condition reads the joins, and one metric's or source's
    /// claims (found by an index) are too few to pay for reading every
    /// metric, source and document first (a metric's 1,000 of 200,000
    /// claims: 33 ms joined, 65 ms with the maps).
    fn joins_per_claim(&self) -> bool {
        self.search.is_some() || self.metric.is_some() || self.source.is_some()
    }

    /// The WHERE clause of the filters set, and their values by name.
    fn to_sql(&self) -> (String, Vec<(&'static str, Option<&str>)>) {
        let given = [
            self.metric.as_deref(),
            self.source.as_deref(),
            self.since.as_deref(),
            self.until.as_deref(),
            self.search.as_deref(),
            (!self.all).then_some(""),
        ];
        let set: Vec<_> = FILTERS.iter().zip(given).filter(|(_, value)| value.is_some()).collect();
        let conditions: Vec<&str> = set.iter().map(|((_, sql), _)| *sql).collect();
        let clause =
            if conditions.is_empty() { String::new() } else { format!("WHERE {}", conditions.join(" AND ")) };
        let params = set
            .iter()
            .filter(|((name, _), _)| *name != ":active")
            .map(|((name, _), v)| (*name, *v))
            .collect();
        (clause, params)
    }
}

/// A claim of every column (`FULL`).
fn claim_from_row(r: &Row) -> rusqlite::Result<Claim> {
    FULL.claim(r)
}

/// What a relation needs to know of the claim it points at.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimRef {
    pub id: i64,
    pub uid: String,
    pub metric: String,
    pub unit: String,
    pub metric_unit: String,
}

impl Ledger {
    pub fn claim(&self, id: i64) -> Result<Option<Claim>> {
        let sql = format!("{} WHERE c.id = ?1", FULL.select);
        Ok(self.conn.prepare_cached(&sql)?.query_row([id], claim_from_row).optional()?)
    }

    pub fn claim_by_uid(&self, uid: &str) -> Result<Option<Claim>> {
        let sql = format!("{} WHERE c.uid = ?1", FULL.select);
        Ok(self.conn.prepare_cached(&sql)?.query_row([uid], claim_from_row).optional()?)
    }

    /// The claim entered last, whose document and dates a guided entry offers.
    pub fn last_claim(&self) -> Result<Option<Claim>> {
        let id: Option<i64> = self.conn.query_row("SELECT max(id) FROM claims", [], |r| r.get(0))?;
        id.map(|id| self.claim(id)).transpose().map(Option::flatten)
    }

    /// The id of the claim with this uid, if there is one.
    pub fn claim_id_by_uid(&self, uid: &str) -> Result<Option<i64>> {
        let mut stmt = self.conn.prepare_cached("SELECT id FROM claims WHERE uid = ?1")?;
        Ok(stmt.query_row([uid], |r| r.get(0)).optional()?)
    }

    /// A claim on this metric and first day with this content hash.
    pub fn claim_id_by_content(&self, metric_id: i64, as_of_start: &str, hash: &[u8]) -> Result<Option<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM claims WHERE metric_id = ?1 AND as_of_start = ?2 AND content_hash = ?3 LIMIT 1",
        )?;
        Ok(stmt.query_row((metric_id, as_of_start, hash), |r| r.get(0)).optional()?)
    }

    /// A claim named by its id ("12") or its uid.
    pub fn claim_ref(&self, id_or_uid: &str) -> Result<Option<ClaimRef>> {
        const SQL: &str =
            "SELECT c.id, c.uid, m.key, c.unit, m.unit FROM claims c JOIN metrics m ON m.id = c.metric_id
            WHERE c.uid = ?1 OR (c.id = CAST(?1 AS INTEGER) AND ?1 GLOB '[0-9]*' AND ?1 NOT GLOB '*[^0-9]*')";
        let row = self.conn.prepare_cached(SQL)?.query_row([id_or_uid], |r| {
            Ok(ClaimRef {
                id: r.get(0)?,
                uid: r.get(1)?,
                metric: r.get(2)?,
                unit: r.get(3)?,
                metric_unit: r.get(4)?,
            })
        });
        Ok(row.optional()?)
    }

    /// Claims in time order (as_of, then entry), filtered.
    pub fn claims(&self, filter: &ClaimFilter) -> Result<Vec<Claim>> {
        self.query_claims(filter, "ORDER BY c.as_of_start, c.as_of_end, c.id")
    }

    /// The claims of `claims`, with only what the covering (metric, day)
    /// index holds and each claim's metric key and source name: what a
    /// table of them shows (`list --metric`: neighbouring index pages, not
    /// a table page and six joins a claim). With `search`, whose condition
    /// reads the joins, the full claims.
    pub fn claim_figures(&self, filter: &ClaimFilter) -> Result<Vec<Claim>> {
        if filter.search.is_some() {
            return self.claims(filter);
        }
        let (clause, params) = filter.to_sql();
        let sql = format!("{} {clause} ORDER BY c.as_of_start, c.as_of_end, c.id", FIGURES.select);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut metrics = Names::new(&self.conn, "SELECT key FROM metrics WHERE id = ?1")?;
        let mut sources = Names::new(&self.conn, MERGED_NAME)?;
        let mut rows = stmt.query(&*named(&params))?;
        let mut claims = Vec::new();
        while let Some(row) = rows.next()? {
            let mut claim = FIGURES.claim(row)?;
            claim.metric = metrics.name(Some(claim.detail.metric_id))?.unwrap_or_default();
            claim.source = sources.name(claim.detail.source_id)?;
            claims.push(claim);
        }
        Ok(claims)
    }

    /// Calls `each` on the active claims of one metric by first day, by its
    /// index; with `latest_only`, only those that no claim comes after: whose
    /// span ends on or after the latest first day (`latest_first_days`).
    pub fn for_each_metric_claim(
        &self,
        metric_id: i64,
        latest_only: bool,
        detail: Detail,
        mut each: impl FnMut(Claim) -> Result<()>,
    ) -> Result<()> {
        const ALL: &str = "WHERE c.metric_id = ?1 AND c.status = 'active' ORDER BY c.as_of_start";
        // a span that began before the latest first day and ends after it is
        // a month, quarter or year: it began on the first of one of the 12
        // months up to that day, so 12 index lookups find it
        const LATEST: &str = "WHERE c.metric_id = ?1 AND c.status = 'active' AND c.as_of_end >= ?2
            AND (c.as_of_start >= ?2 OR c.as_of_start IN (?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14))";
        let shape = if detail == Detail::Full { &*FULL } else { &*FIGURES };
        // in index order: the caller sorts each day's claims (a sort here
        // would copy every row into a temporary B-tree)
        let sql = format!("{} {}", shape.select, if latest_only { LATEST } else { ALL });
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut params: Vec<rusqlite::types::Value> = vec![metric_id.into()];
        if latest_only {
            let Some(last) = self.latest_first_day(metric_id)? else { return Ok(()) };
            params.push(last.to_string().into());
            params.extend(month_firsts_before(last).map(|d| d.to_string().into()));
        }
        let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
        let mut sources = match detail {
            Detail::Full => None,
            Detail::Figures => Some(Names::new(&self.conn, MERGED_NAME)?),
        };
        while let Some(row) = rows.next()? {
            let mut claim = shape.claim(row)?;
            if let Some(sources) = sources.as_mut() {
                claim.source = sources.name(claim.detail.source_id)?;
            }
            each(claim)?;
        }
        Ok(())
    }

    /// The latest day an active claim of the metric begins on.
    fn latest_first_day(&self, metric_id: i64) -> Result<Option<chrono::NaiveDate>> {
        const SQL: &str = "SELECT as_of_start FROM claims WHERE metric_id = ?1 AND status = 'active'
            ORDER BY as_of_start DESC LIMIT 1";
        let day: Option<String> =
            self.conn.prepare_cached(SQL)?.query_row([metric_id], |r| r.get(0)).optional()?;
        Ok(day.and_then(|d| d.parse().ok()))
    }

    /// Absolute claims said together with this one: same metric, source,
    /// dates, active.
    pub fn siblings(&self, id: i64) -> Result<Vec<Claim>> {
        let sql = format!(
            "{} JOIN claims o ON o.id = ?1
             WHERE c.metric_id = o.metric_id AND c.as_of_start = o.as_of_start AND c.as_of = o.as_of
               AND (SELECT coalesce(merged_into, id) FROM sources WHERE id = c.source_id)
                   IS (SELECT coalesce(merged_into, id) FROM sources WHERE id = o.source_id)
               AND c.from_date IS o.from_date AND c.id <> o.id
               AND c.status = 'active' AND c.change_of IS NULL AND c.share_of IS NULL
             ORDER BY c.id",
            FULL.select
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([id], claim_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Claims in entry order, filtered: the order exports keep.
    pub fn claims_in_entry_order(&self, filter: &ClaimFilter) -> Result<Vec<Claim>> {
        self.query_claims(filter, "ORDER BY c.id")
    }

    /// Calls `each` on every claim in entry order, without holding them all:
    /// read on a second thread, in batches, while `each` writes them out.
    pub fn for_each_claim(
        &self,
        filter: &ClaimFilter,
        mut each: impl FnMut(&Claim) -> Result<()>,
    ) -> Result<()> {
        self.read_alongside(
            |reader, sender| reader.send_claims(filter, sender),
            |batch: Vec<Claim>| batch.iter().try_for_each(&mut each),
        )
    }

    fn send_claims(
        &self,
        filter: &ClaimFilter,
        sender: &std::sync::mpsc::SyncSender<Vec<Claim>>,
    ) -> Result<()> {
        const BATCH: usize = 512;
        // one snapshot for the joined tables and the claims (this reader's
        // connection, closed with its thread, ends it)
        self.conn.execute_batch("BEGIN")?;
        // a scan of the claims table alone, what it points at from maps read
        // once: not five seeks and two audit sub-queries a claim
        let joins = if filter.joins_per_claim() {
            // each claim joins its document: with SQLite's 2 MB cache the
            // documents' pages were read from the file again and again
            self.set_cache_kib(READER_CACHE_KIB)?;
            None
        } else {
            Some(Joins::read(&self.conn)?)
        };
        let shape = if joins.is_some() { &*ROW } else { &*FULL };
        let (clause, params) = filter.to_sql();
        let sql = format!("{} {clause} ORDER BY c.id", shape.select);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(&*named(&params))?;
        let mut batch = Vec::with_capacity(BATCH);
        while let Some(row) = rows.next()? {
            let mut claim = shape.claim(row)?;
            if joins.as_ref().is_some_and(|joins| !joins.fill(&mut claim)) {
                continue;
            }
            batch.push(claim);
            if batch.len() == BATCH
                && sender.send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH))).is_err()
            {
                return Ok(());
            }
        }
        let _ = sender.send(batch);
        Ok(())
    }

    fn query_claims(&self, filter: &ClaimFilter, order: &'static str) -> Result<Vec<Claim>> {
        let (clause, params) = filter.to_sql();
        let sql = format!("{} {clause} {order}", FULL.select);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(&*named(&params), claim_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Active share claims whose base is a claim on this metric.
    pub fn shares_of_metric(&self, metric_id: i64) -> Result<Vec<Claim>> {
        // from the few shares to their bases, never from the metric's many claims
        const SQL: &str =
            "SELECT s.id FROM claims s INDEXED BY claims_shares CROSS JOIN claims b ON b.id = s.share_of
            WHERE s.share_of IS NOT NULL AND b.metric_id = ?1 AND s.status = 'active' ORDER BY s.id";
        let ids: Vec<i64> = self
            .conn
            .prepare_cached(SQL)?
            .query_map([metric_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter().filter_map(|id| self.claim(id).transpose()).collect()
    }

    pub fn count_claims(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT count(*) FROM claims", [], |r| r.get(0))?)
    }
}

/// The page cache of the reader of `for_each_claim` when it searches.
const READER_CACHE_KIB: i64 = 8 * 1024;

/// Named parameters as rusqlite takes them.
fn named<'a>(params: &'a [(&'static str, Option<&'a str>)]) -> Vec<(&'static str, &'a dyn rusqlite::ToSql)> {
    params.iter().map(|(name, value)| (*name, value as &dyn rusqlite::ToSql)).collect()
}

/// The first days of the 12 months up to `day`: where a month, quarter or
/// year that holds `day` can begin.
fn month_firsts_before(day: chrono::NaiveDate) -> impl Iterator<Item = chrono::NaiveDate> {
    use chrono::{Datelike, Months};
    let first = day.with_day(1).unwrap_or(day);
    (0..12).filter_map(move |n| first.checked_sub_months(Months::new(n)))
}
