//! Pieces several commands share: the format flag, the claim filters, and
//! a claim as an output record.

use crate::error::InputError;
use crate::ledger::ClaimFilter;
use crate::model::{Claim, DERIVED_FIELDS, ENTRY_FIELDS};
use crate::output::{plain, Format, Rows, TextRows};
use crate::report::estimate::Estimate;
use crate::units;
use crate::when;
use anyhow::Result;
use chrono::NaiveDate;
use serde_json::{Map, Value};

#[derive(Debug, Clone, clap::Args)]
pub struct FormatArg {
    /// How to print the result.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// `--force`: the one way to let a command replace an existing file.
#[derive(Debug, Clone, Copy, Default, clap::Args)]
pub struct ForceArg {
    /// Replace the output file if it exists (else an existing file is refused).
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Default, clap::Args)]
pub struct FilterArgs {
    /// Only claims on this metric key.
    #[arg(long, add = crate::completion::metric())]
    pub metric: Option<String>,
    /// Only claims by this source (case-insensitive).
    #[arg(long, add = crate::completion::source())]
    pub source: Option<String>,
    /// Only claims applying on or after this date (2024-08, 2024-Q3, ...).
    #[arg(long)]
    pub since: Option<String>,
    /// Only claims applying on or before this date.
    #[arg(long)]
    pub until: Option<String>,
    /// Only claims whose value, quote, note, place, source or title holds this text.
    #[arg(long)]
    pub search: Option<String>,
}

impl FilterArgs {
    /// The filter; `today` reads `--since today`.
    pub fn to_filter(&self, all: bool, today: NaiveDate) -> Result<ClaimFilter> {
        let day = |flag: &str, text: &Option<String>, end: bool| -> Result<Option<String>> {
            text.as_deref()
                .map(|t| date_flag(flag, t, today).map(|w| if end { w.end } else { w.start }.to_string()))
                .transpose()
        };
        Ok(ClaimFilter {
            metric: self.metric.clone(),
            source: self.source.clone(),
            since: day("--since", &self.since, false)?,
            until: day("--until", &self.until, true)?,
            search: self.search.clone(),
            all,
        })
    }
}

/// A date given to a flag, in any form [`when::read`] takes; the error
/// names the flag.
pub fn date_flag(flag: &str, text: &str, today: NaiveDate) -> Result<when::When> {
    when::read(text, today, None)
        .map(|read| read.when)
        .map_err(|e| InputError::new(e.to_string()).at(flag).hint(e.hint()).into())
}

/// A claim's entered fields in the names `claims import` reads, claim
/// references as uids: what an import compares a row with and an edit
/// inherits. Not an output shape (see [`claim_record`]).
pub fn entry_record(claim: &Claim) -> Map<String, Value> {
    let mut record = match serde_json::to_value(claim) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    for key in DERIVED_FIELDS {
        record.remove(*key);
    }
    record.insert("unit_same_as".into(), unit_same_as(claim).map_or(Value::Null, Value::from));
    record
}

/// The fields that name another claim: in output the id, with the uid
/// under `*_uid`; an import reads the uid.
pub const REFERENCES: [&str; 3] = ["change_of", "share_of", "superseded_by"];

/// A claim as every command prints it (docs/json.md): its fields in
/// [`claim_columns`] order, each claim reference as an id with its uid
/// beside it, and the figure read from its value one object.
pub fn claim_record(claim: &Claim) -> Map<String, Value> {
    let mut entered = entry_record(claim);
    let ids = [claim.detail.change_of_id, claim.detail.share_of_id, claim.detail.superseded_by_id];
    let mut record = Map::new();
    for column in claim_columns() {
        let value = match column {
            "id" => Value::from(claim.id),
            "figure" => figure(claim),
            _ => match REFERENCES.iter().position(|r| *r == column) {
                Some(i) => ids[i].map_or(Value::Null, Value::from),
                None => match column.strip_suffix("_uid").filter(|r| REFERENCES.contains(r)) {
                    Some(reference) => entered.remove(reference).unwrap_or_default(),
                    None => entered.remove(column).unwrap_or_default(),
                },
            },
        };
        record.insert(column.to_string(), value);
    }
    record
}

/// The claim's figure, `{text, qualifier, best, low, high, unit, approx,
/// low_strict, high_strict}`, in the unit it was stated in: the qualifier
/// and numbers as the claim stores them ("at most" stays `at_most`), the
/// words and the strictness of its bounds as the reports read them.
fn figure(claim: &Claim) -> Value {
    let estimate = Estimate::of_claim(&claim.qualifier, claim.best, claim.low, claim.high, &claim.value);
    let mut figure = crate::output::json::figure(Some(&estimate), &claim.unit);
    if let Value::Object(map) = &mut figure {
        map.insert("qualifier".into(), Value::from(claim.qualifier.as_str()));
        for (key, value) in [("best", claim.best), ("low", claim.low), ("high", claim.high)] {
            map.insert(key.into(), crate::output::number(value));
        }
    }
    figure
}

/// The metric's noun when the claim counts in another noun declared the
/// same ("troops" for "soldiers"), so that an export carries the alias.
fn unit_same_as(claim: &Claim) -> Option<String> {
    let unit = units::parse(&claim.unit).ok()?;
    let counts = unit.dimension == units::Dimension::Count;
    (counts && !units::same_noun(&unit.symbol, &claim.metric_unit)).then(|| claim.metric_unit.clone())
}

/// A claim's cells in the order of `claim_flat_columns`, as plain text:
/// what `claim_record` holds, flat, without building a JSON object per claim.
pub fn claim_cells(c: &Claim) -> Vec<std::borrow::Cow<'_, str>> {
    use std::borrow::Cow::{self, Borrowed, Owned};
    fn text(t: &Option<String>) -> Cow<'_, str> {
        t.as_deref().map_or(Borrowed(""), Borrowed)
    }
    let id = |i: Option<i64>| i.map_or(Borrowed(""), |i| Owned(i.to_string()));
    let mut cells = vec![
        Owned(c.id.to_string()),
        Borrowed(&*c.uid),
        Borrowed(&*c.metric),
        text(&c.metric_label),
        Borrowed(&*c.metric_kind),
        Borrowed(&*c.metric_unit),
        Borrowed(&*c.value),
        Borrowed(&*c.unit),
        unit_same_as(c).map_or(Borrowed(""), Owned),
        Borrowed(&*c.as_of),
        text(&c.from),
        text(&c.stated),
        text(&c.source),
        text(&c.source_kind),
        text(&c.affiliation),
        text(&c.doc_url),
        text(&c.doc_title),
        text(&c.publisher),
        text(&c.published),
        text(&c.retrieved),
        text(&c.quote),
        text(&c.place),
        text(&c.note),
        id(c.detail.change_of_id),
        text(&c.change_of),
        id(c.detail.share_of_id),
        text(&c.share_of),
        Borrowed(&*c.status),
        text(&c.reason),
        id(c.detail.superseded_by_id),
        text(&c.superseded_by),
        text(&c.status_at),
        text(&c.status_by),
        text(&c.entered_by),
        Borrowed(&*c.entered_at),
    ];
    cells.extend(figure_cells(c).map(Owned));
    cells
}

/// The cells of `figure(claim)` in `FIGURE_KEYS` order, the same words
/// without building its JSON object: an export's CSV writes one per claim
/// (measured in bench/README.md, fourth session).
fn figure_cells(claim: &Claim) -> [String; 9] {
    let estimate = Estimate::of_claim(&claim.qualifier, claim.best, claim.low, claim.high, &claim.value);
    let json = estimate.to_json(&claim.unit);
    let number = |v: Option<f64>| plain(&crate::output::number(v));
    [
        json.text,
        // the stored qualifier and bounds, as `figure` puts them over the estimate's
        claim.qualifier.clone(),
        number(claim.best),
        number(claim.low),
        number(claim.high),
        json.unit,
        json.approx.to_string(),
        json.low_strict.to_string(),
        json.high_strict.to_string(),
    ]
}

/// The keys of a figure object, in the order it holds them.
const FIGURE_KEYS: [&str; 9] =
    ["text", "qualifier", "best", "low", "high", "unit", "approx", "low_strict", "high_strict"];

/// Every field of a claim as printed, in order: id, the entered fields
/// (each claim reference as id, then `*_uid`), then `figure`.
pub fn claim_columns() -> Vec<&'static str> {
    let mut columns = vec!["id"];
    for field in ENTRY_FIELDS.iter().filter(|f| !EXPORT_ONLY.contains(f)) {
        columns.push(*field);
        if let Some(uid) = REFERENCE_UIDS.iter().find(|u| u.strip_suffix("_uid") == Some(*field)) {
            columns.push(*uid);
        }
    }
    columns.push("figure");
    columns
}

const REFERENCE_UIDS: [&str; 3] = ["change_of_uid", "share_of_uid", "superseded_by_uid"];

/// Entered fields that only `export` prints, in its order: what the claim's
/// metric is beyond its label, kind and unit (the total it is part of,
/// when it was retired, its old keys), which `claims metrics` shows, and the
/// claim's whole status history, which `history` shows.
pub const EXPORT_ONLY: &[&str] =
    &["metric_part_of", "metric_retired_at", "metric_old_keys", "status_history"];

/// [`claim_columns`] flat, as CSV and TSV print them: `figure` as
/// `figure_text`, `figure_qualifier`, …
pub fn claim_flat_columns() -> Vec<String> {
    let mut columns: Vec<String> = claim_columns().iter().map(|c| c.to_string()).collect();
    columns.pop();
    columns.extend(FIGURE_KEYS.iter().map(|k| format!("figure_{k}")));
    columns
}

/// Claims as rows, with a table view fit for reading.
pub fn claim_rows(claims: &[Claim], with_status: bool) -> Rows {
    let mut table = vec!["id", "as_of", "metric", "value", "unit", "source", "relative"];
    if with_status {
        table.push("status");
    }
    let mut rows = Rows::new(&claim_columns()).table_columns(&table);
    for claim in claims {
        let mut record = claim_record(claim);
        record.insert("relative".into(), Value::from(relative_label(claim)));
        rows.push(record);
    }
    rows
}

/// Claims as a table or Markdown, straight into words: the columns
/// `claim_rows` shows there, without a JSON object per claim (a metric
/// may have thousands).
pub fn claim_table(claims: &[Claim], with_status: bool) -> TextRows {
    let mut columns = vec!["id", "as_of", "metric", "value", "unit", "source", "relative"];
    if with_status {
        columns.push("status");
    }
    let mut table = TextRows::new(&columns, &["id"]);
    for c in claims {
        let mut cells = vec![
            c.id.to_string(),
            c.as_of.clone(),
            c.metric.clone(),
            c.value.clone(),
            c.unit.clone(),
            c.source.clone().unwrap_or_default(),
            relative_label(c),
        ];
        if with_status {
            cells.push(c.status.clone());
        }
        table.cells.push(cells);
    }
    table
}

/// "change of #4", "share of #2", or empty.
pub fn relative_label(claim: &Claim) -> String {
    match (claim.detail.change_of_id, claim.detail.share_of_id) {
        (Some(id), _) => format!("change of #{id}"),
        (_, Some(id)) => format!("share of #{id}"),
        _ => String::new(),
    }
}

/// A moment as the audit log writes it: `2026-11-25T12:00:00Z`, or a day,
/// meaning its end.
pub fn moment(flag: &str, text: &str) -> Result<String> {
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&chrono::Utc).to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    }
    match text.parse::<chrono::NaiveDate>() {
        Ok(day) => Ok(format!("{day}T23:59:59Z")),
        Err(_) => Err(InputError::new(format!("cannot read the moment \"{text}\""))
            .at(flag)
            .hint("write a day 2026-11-25 (its end) or a time 2026-11-25T12:00:00Z")
            .into()),
    }
}

/// A claim with the status it had at an earlier moment.
pub fn rewind(claim: &mut Claim, (status, reason, superseded_by): &crate::ledger::State) {
    claim.status = status.clone();
    claim.reason = reason.clone();
    if superseded_by.is_none() {
        claim.superseded_by = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ClaimDetail;

    #[test]
    fn cells_and_records_agree() {
        let claim = Claim {
            id: 7,
            uid: "u-7".into(),
            metric: "m.k".into(),
            metric_label: None,
            metric_kind: "level".into(),
            metric_unit: "soldiers".into(),
            value: "up to 12,000 troops".into(),
            unit: "troops".into(),
            as_of: "2024-10".into(),
            from: Some("2024-09".into()),
            stated: None,
            source: Some("Kyiv".into()),
            source_kind: None,
            affiliation: None,
            doc_url: Some("https://x.org".into()),
            doc_title: None,
            publisher: None,
            published: None,
            retrieved: None,
            quote: Some("a \"q\", b".into()),
            place: None,
            note: None,
            change_of: None,
            share_of: Some("u-1".into()),
            status: "active".into(),
            reason: None,
            superseded_by: None,
            status_at: None,
            status_by: None,
            entered_by: Some("me".into()),
            entered_at: "2026-11-25T12:00:00Z".into(),
            qualifier: "up_to".into(),
            best: Some(12000.0),
            low: None,
            high: Some(1121.6),
            detail: ClaimDetail { share_of_id: Some(1), ..ClaimDetail::default() },
        };
        let columns = claim_flat_columns();
        // the figure's cells are made apart from its JSON object: each kind of figure
        let figures = [
            ("about 380", "approx", Some(380.0), None, None),
            ("between 1.5 and 2.25 million", "range", None, Some(1.5e6), Some(2.25e6)),
            ("more than 40.5%", "more_than", None, Some(40.5), None),
            ("almost 10,000", "almost", None, None, Some(10000.0)),
            ("up to 12,000 troops", "up_to", Some(12000.0), None, Some(1121.6)),
        ];
        for (value, qualifier, best, low, high) in figures {
            let claim =
                Claim { value: value.into(), qualifier: qualifier.into(), best, low, high, ..claim.clone() };
            let (record, cells) = (claim_record(&claim), claim_cells(&claim));
            for (column, cell) in columns.iter().zip(&cells) {
                assert_eq!(crate::output::flat::cell(&record, column), *cell, "{value}: {column}");
            }
            assert_eq!(cells.len(), columns.len());
        }
        let record = claim_record(&claim);
        assert_eq!(
            columns,
            crate::output::flat::columns(
                &record.keys().cloned().collect::<Vec<_>>(),
                std::slice::from_ref(&record)
            )
        );
        assert_eq!(
            (record["share_of"].clone(), record["share_of_uid"].clone()),
            (Value::from(1), Value::from("u-1"))
        );
    }
}
