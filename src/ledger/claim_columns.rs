//! The one list of columns a claim is read with, each named as its field
//! of `Claim`: every query of claims is made from it, and each value of a
//! row goes into the field its column names, never by position.

use crate::model::Claim;
use rusqlite::Row;
use std::sync::LazyLock;

/// A column: the field it fills, the SQL that reads it, where its value
/// lives, and how its value goes into a `Claim`.
struct Column {
    name: &'static str,
    sql: &'static str,
    read: Read,
    set: Set,
}

/// Where a column's value lives, nearest first: a shape reads the columns
/// up to its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Read {
    /// In the covering (metric, day) index (migration 2).
    Index,
    /// In the claim's row (or a relation's uid, joined only when set).
    Row,
    /// In another table: the metric, source, document, batch or audit log
    /// (`claim_joins::Joins` fills these for a `ROW` read).
    Join,
}

/// Puts a row's value at one index into the claim's field.
type Set = fn(&mut Claim, &Row, usize) -> rusqlite::Result<()>;

/// A column named as its field, with the field it sets (a path in `Claim`).
macro_rules! column {
    ($name:literal, $sql:literal, $read:ident, $($field:ident).+) => {
        Column {
            name: $name,
            sql: $sql,
            read: Read::$read,
            set: |c, r, i| {
                c.$($field).+ = r.get(i)?;
                Ok(())
            },
        }
    };
}

const COLUMNS: &[Column] = &[
    column!("id", "c.id", Index, id),
    column!("uid", "c.uid", Row, uid),
    column!("metric", "m.key", Join, metric),
    column!("metric_id", "c.metric_id", Index, detail.metric_id),
    column!("metric_label", "m.label", Join, metric_label),
    column!("metric_kind", "m.kind", Join, metric_kind),
    column!("metric_unit", "m.unit", Join, metric_unit),
    column!("value", "c.value", Index, value),
    column!("unit", "c.unit", Index, unit),
    column!("as_of", "c.as_of", Index, as_of),
    column!("from", "c.from_date", Index, from),
    column!("stated", "c.stated", Index, stated),
    column!("source", "s.name", Join, source),
    column!("source_id", "c.source_id", Index, detail.source_id),
    column!("source_kind", "s.kind", Join, source_kind),
    column!("affiliation", "s.affiliation", Join, affiliation),
    column!("doc_url", "d.url", Join, doc_url),
    column!("doc_title", "d.title", Join, doc_title),
    column!("publisher", "d.publisher", Join, publisher),
    column!("published", "d.published", Join, published),
    column!("retrieved", "d.retrieved", Join, retrieved),
    column!("quote", "c.quote", Row, quote),
    column!("place", "c.place", Row, place),
    column!("note", "c.note", Row, note),
    column!("change_of", "rc.uid", Row, change_of),
    column!("share_of", "rs.uid", Row, share_of),
    column!("status", "c.status", Index, status),
    column!("reason", "c.reason", Row, reason),
    column!("superseded_by", "sb.uid", Row, superseded_by),
    column!(
        "status_at",
        "(SELECT a.at FROM audit_log a WHERE a.claim_id = c.id ORDER BY a.id DESC LIMIT 1)",
        Join,
        status_at
    ),
    column!(
        "status_by",
        "(SELECT a.by FROM audit_log a WHERE a.claim_id = c.id ORDER BY a.id DESC LIMIT 1)",
        Join,
        status_by
    ),
    column!("entered_by", "c.entered_by", Row, entered_by),
    column!("entered_at", "c.entered_at", Row, entered_at),
    column!("qualifier", "c.qualifier", Index, qualifier),
    column!("best", "c.best", Index, best),
    column!("low", "c.low", Index, low),
    column!("high", "c.high", Index, high),
    column!("as_of_precision", "c.as_of_precision", Index, detail.as_of_precision),
    column!("as_of_start", "c.as_of_start", Index, detail.as_of_start),
    column!("as_of_end", "c.as_of_end", Index, detail.as_of_end),
    column!("from_start", "c.from_start", Index, detail.from_start),
    column!("change_of_id", "c.change_of", Index, detail.change_of_id),
    column!("share_of_id", "c.share_of", Index, detail.share_of_id),
    column!("superseded_by_id", "c.superseded_by", Row, detail.superseded_by_id),
    column!("batch", "b.file_name", Join, detail.batch),
    column!("batch_id", "c.batch_id", Row, detail.batch_id),
    column!("batch_line", "c.batch_line", Row, detail.batch_line),
    column!("document_id", "c.document_id", Index, detail.document_id),
];

/// The claims whose uid a claim names (a change's, a share's, a correction's).
macro_rules! relations {
    () => {
        "FROM claims c
    LEFT JOIN claims rc ON rc.id = c.change_of
    LEFT JOIN claims rs ON rs.id = c.share_of
    LEFT JOIN claims sb ON sb.id = c.superseded_by"
    };
}
const RELATIONS: &str = relations!();

/// The metric, source (as merged), document, relations and batch of a claim.
const JOINS: &str = concat!(
    relations!(),
    "
    JOIN metrics m ON m.id = c.metric_id
    LEFT JOIN sources spelt ON spelt.id = c.source_id
    LEFT JOIN sources s ON s.id = coalesce(spelt.merged_into, spelt.id)
    LEFT JOIN documents d ON d.id = c.document_id
    LEFT JOIN import_batches b ON b.id = c.batch_id"
);

/// Which columns a query reads, and the SELECT ... FROM that reads them.
pub struct Shape {
    columns: Vec<&'static Column>,
    pub select: String,
}

impl Shape {
    fn of(upto: Read, from: &str) -> Shape {
        let columns: Vec<&Column> = COLUMNS.iter().filter(|c| c.read <= upto).collect();
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
pub static FULL: LazyLock<Shape> = LazyLock::new(|| Shape::of(Read::Join, JOINS));

/// The claim's own row and its relations' uids, without the metric, source,
/// document, batch and audit log: an export fills those from maps read once
/// (`claim_joins`), not five seeks and two sub-queries a claim.
pub static ROW: LazyLock<Shape> = LazyLock::new(|| Shape::of(Read::Row, RELATIONS));

/// A claim's figure and where it sits in time, read from the covering
/// (metric, day) index alone: a metric's thousands of claims from
/// neighbouring index pages, not one table page each.
pub static FIGURES: LazyLock<Shape> = LazyLock::new(|| Shape::of(Read::Index, "FROM claims c"));

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
        for joined in [" m.", " s.", " d.", " b.", "audit_log"] {
            assert!(!ROW.select.contains(joined), "ROW reads the claims table alone, not {joined}");
        }
    }
}
