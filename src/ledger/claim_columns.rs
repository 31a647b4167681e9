//! The one list of columns a claim is read with, each named as its field
//! of `Claim`: every query of claims is made from it, and every row read
//! back by those names, never by position.

use crate::model::Claim;
use rusqlite::Row;
use std::sync::LazyLock;

/// A field, the SQL that reads it, and whether the covering (metric, day)
/// index holds it (migration 2): a `Figures` read takes only those.
const COLUMNS: &[(&str, &str, bool)] = &[
    ("id", "c.id", true),
    ("uid", "c.uid", false),
    ("metric", "m.key", false),
    ("metric_label", "m.label", false),
    ("metric_kind", "m.kind", false),
    ("metric_unit", "m.unit", false),
    ("value", "c.value", true),
    ("unit", "c.unit", true),
    ("as_of", "c.as_of", true),
    ("from", "c.from_date", true),
    ("stated", "c.stated", true),
    ("source", "s.name", false),
    ("source_id", "c.source_id", true),
    ("source_kind", "s.kind", false),
    ("affiliation", "s.affiliation", false),
    ("doc_url", "d.url", false),
    ("doc_title", "d.title", false),
    ("publisher", "d.publisher", false),
    ("published", "d.published", false),
    ("retrieved", "d.retrieved", false),
    ("quote", "c.quote", false),
    ("place", "c.place", false),
    ("note", "c.note", false),
    ("change_of", "rc.uid", false),
    ("share_of", "rs.uid", false),
    ("status", "c.status", true),
    ("reason", "c.reason", false),
    ("superseded_by", "sb.uid", false),
    ("status_at", "(SELECT a.at FROM audit_log a WHERE a.claim_id = c.id ORDER BY a.id DESC LIMIT 1)", false),
    ("status_by", "(SELECT a.by FROM audit_log a WHERE a.claim_id = c.id ORDER BY a.id DESC LIMIT 1)", false),
    ("entered_by", "c.entered_by", false),
    ("entered_at", "c.entered_at", false),
    ("qualifier", "c.qualifier", true),
    ("best", "c.best", true),
    ("low", "c.low", true),
    ("high", "c.high", true),
    ("as_of_precision", "c.as_of_precision", true),
    ("as_of_start", "c.as_of_start", true),
    ("as_of_end", "c.as_of_end", true),
    ("from_start", "c.from_start", true),
    ("change_of_id", "c.change_of", true),
    ("share_of_id", "c.share_of", true),
    ("superseded_by_id", "c.superseded_by", false),
    ("batch", "b.file_name", false),
    ("batch_line", "c.batch_line", false),
    ("document_id", "c.document_id", true),
];

/// The metric, source (as merged), document, relations and batch of a claim.
const JOINS: &str = "FROM claims c
    JOIN metrics m ON m.id = c.metric_id
    LEFT JOIN sources spelt ON spelt.id = c.source_id
    LEFT JOIN sources s ON s.id = coalesce(spelt.merged_into, spelt.id)
    LEFT JOIN documents d ON d.id = c.document_id
    LEFT JOIN claims rc ON rc.id = c.change_of
    LEFT JOIN claims rs ON rs.id = c.share_of
    LEFT JOIN claims sb ON sb.id = c.superseded_by
    LEFT JOIN import_batches b ON b.id = c.batch_id";

/// Which columns a query reads, and the SELECT ... FROM that reads them.
pub struct Shape {
    names: Vec<&'static str>,
    pub select: String,
}

impl Shape {
    fn of(figures_only: bool, from: &str) -> Shape {
        let columns: Vec<_> = COLUMNS.iter().filter(|(_, _, indexed)| *indexed || !figures_only).collect();
        let list: Vec<String> = columns.iter().map(|(name, sql, _)| format!("{sql} AS \"{name}\"")).collect();
        Shape {
            names: columns.iter().map(|(name, _, _)| *name).collect(),
            select: format!("SELECT {} {from}", list.join(", ")),
        }
    }

    /// A claim from a row of `select`, read by each column's name; what
    /// the shape does not read stays empty.
    pub fn claim(&self, r: &Row) -> rusqlite::Result<Claim> {
        let mut c = Claim::default();
        for (i, name) in self.names.iter().enumerate() {
            match *name {
                "id" => c.id = r.get(i)?,
                "uid" => c.uid = r.get(i)?,
                "metric" => c.metric = r.get(i)?,
                "metric_label" => c.metric_label = r.get(i)?,
                "metric_kind" => c.metric_kind = r.get(i)?,
                "metric_unit" => c.metric_unit = r.get(i)?,
                "value" => c.value = r.get(i)?,
                "unit" => c.unit = r.get(i)?,
                "as_of" => c.as_of = r.get(i)?,
                "from" => c.from = r.get(i)?,
                "stated" => c.stated = r.get(i)?,
                "source" => c.source = r.get(i)?,
                "source_id" => c.detail.source_id = r.get(i)?,
                "source_kind" => c.source_kind = r.get(i)?,
                "affiliation" => c.affiliation = r.get(i)?,
                "doc_url" => c.doc_url = r.get(i)?,
                "doc_title" => c.doc_title = r.get(i)?,
                "publisher" => c.publisher = r.get(i)?,
                "published" => c.published = r.get(i)?,
                "retrieved" => c.retrieved = r.get(i)?,
                "quote" => c.quote = r.get(i)?,
                "place" => c.place = r.get(i)?,
                "note" => c.note = r.get(i)?,
                "change_of" => c.change_of = r.get(i)?,
                "share_of" => c.share_of = r.get(i)?,
                "status" => c.status = r.get(i)?,
                "reason" => c.reason = r.get(i)?,
                "superseded_by" => c.superseded_by = r.get(i)?,
                "status_at" => c.status_at = r.get(i)?,
                "status_by" => c.status_by = r.get(i)?,
                "entered_by" => c.entered_by = r.get(i)?,
                "entered_at" => c.entered_at = r.get(i)?,
                "qualifier" => c.qualifier = r.get(i)?,
                "best" => c.best = r.get(i)?,
                "low" => c.low = r.get(i)?,
                "high" => c.high = r.get(i)?,
                "as_of_precision" => c.detail.as_of_precision = r.get(i)?,
                "as_of_start" => c.detail.as_of_start = r.get(i)?,
                "as_of_end" => c.detail.as_of_end = r.get(i)?,
                "from_start" => c.detail.from_start = r.get(i)?,
                "change_of_id" => c.detail.change_of_id = r.get(i)?,
                "share_of_id" => c.detail.share_of_id = r.get(i)?,
                "superseded_by_id" => c.detail.superseded_by_id = r.get(i)?,
                "batch" => c.detail.batch = r.get(i)?,
                "batch_line" => c.detail.batch_line = r.get(i)?,
                "document_id" => c.detail.document_id = r.get(i)?,
                other => unreachable!("the column {other} of COLUMNS has no field"),
            }
        }
        Ok(c)
    }
}

/// Every column, with the claim's metric, source, document and relations.
pub static FULL: LazyLock<Shape> = LazyLock::new(|| Shape::of(false, JOINS));

/// A claim's figure and where it sits in time, read from the covering
/// (metric, day) index alone: a metric's thousands of claims from
/// neighbouring index pages, not one table page each.
pub static FIGURES: LazyLock<Shape> = LazyLock::new(|| Shape::of(true, "FROM claims c"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_field_is_named_once_and_figures_stay_in_the_index() {
        let mut names: Vec<&str> = COLUMNS.iter().map(|c| c.0).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), COLUMNS.len());
        assert!(FULL.select.contains("c.from_date AS \"from\""));
        assert!(!FIGURES.select.contains("c.quote"), "the covering index does not hold the quote");
        assert!(!FIGURES.select.contains("JOIN"));
    }
}
