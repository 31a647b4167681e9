//! The one list of columns a claim is read with, each named as its field
//! of `Claim`: every query of claims is made from it, and each value of a
//! row goes into the field its column names, never by position.

use crate::model::Claim;
use rusqlite::Row;
use std::sync::LazyLock;

/// A column: the field it fills, the SQL that reads it, whether the
/// covering (metric, day) index holds it (migration 2: a `Figures` read
/// takes only those), and how its value goes into a `Claim`.
struct Column {
    name: &'static str,
    sql: &'static str,
    indexed: bool,
    set: Set,
}

/// Puts a row's value at one index into the claim's field.
type Set = fn(&mut Claim, &Row, usize) -> rusqlite::Result<()>;

/// A column named as its field, with the field it sets (a path in `Claim`).
macro_rules! column {
    ($name:literal, $sql:literal, $indexed:literal, $($field:ident).+) => {
        Column {
            name: $name,
            sql: $sql,
            indexed: $indexed,
            set: |c, r, i| {
                c.$($field).+ = r.get(i)?;
                Ok(())
            },
        }
    };
}

const COLUMNS: &[Column] = &[
    column!("id", "c.id", true, id),
    column!("uid", "c.uid", false, uid),
    column!("metric", "m.key", false, metric),
    column!("metric_id", "c.metric_id", true, detail.metric_id),
    column!("metric_label", "m.label", false, metric_label),
    column!("metric_kind", "m.kind", false, metric_kind),
    column!("metric_unit", "m.unit", false, metric_unit),
    column!("value", "c.value", true, value),
    column!("unit", "c.unit", true, unit),
    column!("as_of", "c.as_of", true, as_of),
    column!("from", "c.from_date", true, from),
    column!("stated", "c.stated", true, stated),
    column!("source", "s.name", false, source),
    column!("source_id", "c.source_id", true, detail.source_id),
    column!("source_kind", "s.kind", false, source_kind),
    column!("affiliation", "s.affiliation", false, affiliation),
    column!("doc_url", "d.url", false, doc_url),
    column!("doc_title", "d.title", false, doc_title),
    column!("publisher", "d.publisher", false, publisher),
    column!("published", "d.published", false, published),
    column!("retrieved", "d.retrieved", false, retrieved),
    column!("quote", "c.quote", false, quote),
    column!("place", "c.place", false, place),
    column!("note", "c.note", false, note),
    column!("change_of", "rc.uid", false, change_of),
    column!("share_of", "rs.uid", false, share_of),
    column!("status", "c.status", true, status),
    column!("reason", "c.reason", false, reason),
    column!("superseded_by", "sb.uid", false, superseded_by),
    column!(
        "status_at",
        "(SELECT a.at FROM audit_log a WHERE a.claim_id = c.id ORDER BY a.id DESC LIMIT 1)",
        false,
        status_at
    ),
    column!(
        "status_by",
        "(SELECT a.by FROM audit_log a WHERE a.claim_id = c.id ORDER BY a.id DESC LIMIT 1)",
        false,
        status_by
    ),
    column!("entered_by", "c.entered_by", false, entered_by),
    column!("entered_at", "c.entered_at", false, entered_at),
    column!("qualifier", "c.qualifier", true, qualifier),
    column!("best", "c.best", true, best),
    column!("low", "c.low", true, low),
    column!("high", "c.high", true, high),
    column!("as_of_precision", "c.as_of_precision", true, detail.as_of_precision),
    column!("as_of_start", "c.as_of_start", true, detail.as_of_start),
    column!("as_of_end", "c.as_of_end", true, detail.as_of_end),
    column!("from_start", "c.from_start", true, detail.from_start),
    column!("change_of_id", "c.change_of", true, detail.change_of_id),
    column!("share_of_id", "c.share_of", true, detail.share_of_id),
    column!("superseded_by_id", "c.superseded_by", false, detail.superseded_by_id),
    column!("batch", "b.file_name", false, detail.batch),
    column!("batch_line", "c.batch_line", false, detail.batch_line),
    column!("document_id", "c.document_id", true, detail.document_id),
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
    columns: Vec<&'static Column>,
    pub select: String,
}

impl Shape {
    fn of(figures_only: bool, from: &str) -> Shape {
        let columns: Vec<&Column> = COLUMNS.iter().filter(|c| c.indexed || !figures_only).collect();
        let list: Vec<String> = columns.iter().map(|c| format!("{} AS \"{}\"", c.sql, c.name)).collect();
        Shape { select: format!("SELECT {} {from}", list.join(", ")), columns }
    }

    /// A claim from a row of `select`, each column into its own field;
    /// what the shape does not read stays empty.
    pub fn claim(&self, r: &Row) -> rusqlite::Result<Claim> {
        let mut c = Claim::default();
        for (i, column) in self.columns.iter().enumerate() {
            (column.set)(&mut c, r, i)?;
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
        let mut names: Vec<&str> = COLUMNS.iter().map(|c| c.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), COLUMNS.len());
        assert!(FULL.select.contains("c.from_date AS \"from\""));
        assert!(!FIGURES.select.contains("c.quote"), "the covering index does not hold the quote");
        assert!(!FIGURES.select.contains("JOIN"));
    }
}
