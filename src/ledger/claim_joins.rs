//! What a claim's row points at (its metric, source as merged, document,
//! import batch and newest audit entry), read once for a whole export and
//! put into each claim of a `ROW` read: the fields `FULL`'s joins give.

use crate::model::Claim;
use anyhow::Result;
use rusqlite::Connection;
use std::collections::HashMap;

const METRICS: &str = "SELECT id, key, label, kind, unit FROM metrics";
/// Each spelling with the name, kind and affiliation of the source it is merged into.
const SOURCES: &str = "SELECT spelt.id, s.name, s.kind, s.affiliation
    FROM sources spelt JOIN sources s ON s.id = coalesce(spelt.merged_into, spelt.id)";
const DOCUMENTS: &str = "SELECT id, url, title, publisher, published, retrieved FROM documents";
const BATCHES: &str = "SELECT id, file_name FROM import_batches";
/// In entry order, so that a claim's newest entry is the one kept.
const AUDIT: &str = "SELECT claim_id, at, by FROM audit_log ORDER BY id";

struct Metric {
    key: String,
    label: Option<String>,
    kind: String,
    unit: String,
}

struct Source {
    name: String,
    kind: Option<String>,
    affiliation: Option<String>,
}

struct Document {
    url: Option<String>,
    title: Option<String>,
    publisher: Option<String>,
    published: Option<String>,
    retrieved: Option<String>,
}

/// The joined tables by id.
pub(crate) struct Joins {
    metrics: HashMap<i64, Metric>,
    sources: HashMap<i64, Source>,
    documents: HashMap<i64, Document>,
    batches: HashMap<i64, String>,
    /// A claim's newest audit entry: when and by whom.
    statuses: HashMap<i64, (String, Option<String>)>,
}

impl Joins {
    /// Every row of the joined tables; read in the same transaction as the
    /// claims, or a claim could point at a row read too early.
    pub(crate) fn read(conn: &Connection) -> Result<Joins> {
        Ok(Joins {
            metrics: by_id(conn, METRICS, |r| {
                Ok(Metric { key: r.get(1)?, label: r.get(2)?, kind: r.get(3)?, unit: r.get(4)? })
            })?,
            sources: by_id(conn, SOURCES, |r| {
                Ok(Source { name: r.get(1)?, kind: r.get(2)?, affiliation: r.get(3)? })
            })?,
            documents: by_id(conn, DOCUMENTS, |r| {
                Ok(Document {
                    url: r.get(1)?,
                    title: r.get(2)?,
                    publisher: r.get(3)?,
                    published: r.get(4)?,
                    retrieved: r.get(5)?,
                })
            })?,
            batches: by_id(conn, BATCHES, |r| r.get(1))?,
            statuses: by_id(conn, AUDIT, |r| Ok((r.get(1)?, r.get(2)?)))?,
        })
    }

    /// Puts in the claim what its row points at; `false` for a claim
    /// whose metric is missing, which `FULL`'s inner join to metrics drops.
    pub(crate) fn fill(&self, claim: &mut Claim) -> bool {
        let Some(metric) = self.metrics.get(&claim.detail.metric_id) else { return false };
        claim.metric.clone_from(&metric.key);
        claim.metric_label.clone_from(&metric.label);
        claim.metric_kind.clone_from(&metric.kind);
        claim.metric_unit.clone_from(&metric.unit);
        if let Some(source) = claim.detail.source_id.and_then(|id| self.sources.get(&id)) {
            claim.source = Some(source.name.clone());
            claim.source_kind.clone_from(&source.kind);
            claim.affiliation.clone_from(&source.affiliation);
        }
        if let Some(d) = claim.detail.document_id.and_then(|id| self.documents.get(&id)) {
            claim.doc_url.clone_from(&d.url);
            claim.doc_title.clone_from(&d.title);
            claim.publisher.clone_from(&d.publisher);
            claim.published.clone_from(&d.published);
            claim.retrieved.clone_from(&d.retrieved);
        }
        claim.detail.batch = claim.detail.batch_id.and_then(|id| self.batches.get(&id).cloned());
        if let Some((at, by)) = self.statuses.get(&claim.id) {
            (claim.status_at, claim.status_by) = (Some(at.clone()), by.clone());
        }
        true
    }
}

/// The rows of `sql` by their first column; a later row of an id replaces
/// an earlier one.
fn by_id<T>(
    conn: &Connection,
    sql: &str,
    value: impl Fn(&rusqlite::Row) -> rusqlite::Result<T>,
) -> Result<HashMap<i64, T>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, value(r)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
