//! Timeline entries as output rows: the same fields in every format.

use super::estimate::Written;
use super::series::Standing;
use super::timeline::Entry;
use crate::output::{first_few, json, Rows, TextRows};
use serde_json::{json, Map, Value};

pub const ENTRY_COLUMNS: &[&str] = &[
    "id",
    "uid",
    "as_of",
    "from",
    "source",
    "value",
    "stated_unit",
    "unit",
    "figure",
    "derived",
    "arithmetic",
    "claims",
    "change",
    "standing",
    "unsourced",
    "disagrees_with",
    "quote",
    "doc_url",
];

pub const ENTRY_TABLE: &[&str] = &["id", "when", "source", "stated", "figure", "change", "notes"];

/// How many disagreeing claims a note names before "and N more".
const NOTED_DISAGREEMENTS: usize = 5;

/// The notes column: derived, unsourced, disagreement, unresolved.
pub fn notes(entry: &Entry) -> String {
    let mut notes = Vec::new();
    if let Some(d) = &entry.derived {
        notes.push(format!("derived: {}", d.arithmetic));
    }
    if let Some(why) = &entry.unresolved {
        notes.push(format!("not resolved: {why}"));
    }
    if entry.unsourced() {
        notes.push("unsourced".to_string());
    }
    if !entry.disagrees_with.is_empty() {
        // the full list is the disagrees_with field; a note stays readable
        let ids = entry.disagrees_with.iter().map(|id| format!("#{id}"));
        notes.push(format!("disagrees with {}", first_few(ids, NOTED_DISAGREEMENTS, ", ")));
    }
    notes.join("; ")
}

pub fn entry_record(entry: &Entry, unit: &str) -> Map<String, Value> {
    let claim = &entry.claim;
    let mut record = Map::new();
    let mut put = |key: &str, value: Value| {
        record.insert(key.to_string(), value);
    };
    put("id", json!(claim.id));
    put("uid", json!(claim.uid));
    put("as_of", json!(claim.as_of));
    put("from", json!(claim.from));
    put("when", json!(entry.when()));
    put("source", json!(claim.source));
    put("value", json!(claim.value));
    put("stated_unit", json!(claim.unit));
    put("stated", json!(stated_as(claim, entry.written)));
    put("unit", json!(unit));
    put("figure", json::figure(entry.estimate.as_ref(), unit));
    put("derived", json!(entry.derived.is_some()));
    put("arithmetic", json!(entry.derived.as_ref().map(|d| d.arithmetic.clone())));
    put("claims", json!(entry.claim_ids()));
    put("change", json::change(entry.change.as_ref(), unit));
    put("standing", json!(entry.standing.as_ref().map(Standing::describe)));
    put("unsourced", json!(entry.unsourced()));
    put("disagrees_with", json!(entry.disagrees_with));
    put("quote", json!(claim.quote));
    put("doc_url", json!(claim.doc_url));
    put("notes", json!(notes(entry)));
    record
}

/// Rows of entries; the table shows each figure and change as text.
pub fn entry_rows<'a>(entries: impl IntoIterator<Item = &'a Entry>, unit: &str) -> Rows {
    let mut rows = Rows::new(ENTRY_COLUMNS).table_columns(ENTRY_TABLE);
    for entry in entries {
        rows.push(entry_record(entry, unit));
    }
    rows
}

/// An entry in the words of the table's columns.
fn entry_words(entry: &Entry, unit: &str) -> Vec<String> {
    vec![
        // as every table shows an id: as it is typed, without separators
        entry.claim.id.to_string(),
        entry.when(),
        entry.claim.source.clone().unwrap_or_default(),
        stated_as(&entry.claim, entry.written),
        entry.estimate.map(|e| e.describe(unit)).unwrap_or_default(),
        change_words(entry, unit),
        notes(entry),
    ]
}

/// The change column: the change from the source's previous figure, or,
/// for its first, how it stands against the other sources.
pub fn change_words(entry: &Entry, unit: &str) -> String {
    match (&entry.change, &entry.standing) {
        (Some(change), _) => change.describe(unit),
        (None, Some(Standing::Alone)) | (None, None) => String::new(),
        (None, Some(standing)) => standing.describe(),
    }
}

/// A timeline as a table, built straight into words: a metric may have
/// thousands of claims.
pub fn entry_table(entries: &[Entry], unit: &str) -> TextRows {
    let mut table = TextRows::new(ENTRY_TABLE, &["id"]);
    let words = |part: &[Entry]| part.iter().map(|e| entry_words(e, unit)).collect::<Vec<_>>();
    table.cells = if entries.len() < PARALLEL_ROWS {
        words(entries)
    } else {
        // two halves on two cores
        let (first, second) = entries.split_at(entries.len() / 2);
        std::thread::scope(|scope| {
            let later = scope.spawn(|| words(second));
            let mut cells = words(first);
            cells.extend(later.join().expect("putting entries into words does not panic"));
            cells
        })
    };
    table
}

/// From how many rows a table is put into words on two threads.
const PARALLEL_ROWS: usize = 2000;

/// The figure as written, with its unit when the words do not name one.
pub fn stated(claim: &crate::model::Claim) -> String {
    stated_as(claim, Written::of(&claim.value))
}

/// `stated` with the claim's words already read.
pub fn stated_as(claim: &crate::model::Claim, written: Option<Written>) -> String {
    if Written::names_unit(written) {
        claim.value.clone()
    } else {
        [claim.value.as_str(), &claim.unit].join(" ")
    }
}
