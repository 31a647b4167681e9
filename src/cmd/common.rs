//! Pieces several commands share: the format flag, the claim filters, and
//! a claim as an output record.

use crate::error::InputError;
use crate::ledger::ClaimFilter;
use crate::model::{Claim, DERIVED_FIELDS, ENTRY_FIELDS};
use crate::output::{number, plain, Format, Rows};
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

/// A claim in the field names of DESIGN.md, the derived fields last.
pub fn claim_record(claim: &Claim) -> Map<String, Value> {
    let mut record = match serde_json::to_value(claim) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    for (key, value) in [("best", claim.best), ("low", claim.low), ("high", claim.high)] {
        record.insert(key.to_string(), number(value));
    }
    record.insert("unit_same_as".into(), unit_same_as(claim).map_or(Value::Null, Value::from));
    record
}

/// The metric's noun when the claim counts in another noun declared the
/// same ("troops" for "soldiers"), so that an export carries the alias.
fn unit_same_as(claim: &Claim) -> Option<String> {
    let unit = units::parse(&claim.unit).ok()?;
    let counts = unit.dimension == units::Dimension::Count;
    (counts && !units::same_noun(&unit.symbol, &claim.metric_unit)).then(|| claim.metric_unit.clone())
}

/// A claim's cells in the order of `claim_columns`, as plain text: what
/// `claim_record` holds, without building a JSON object per claim.
pub fn claim_cells(c: &Claim) -> Vec<std::borrow::Cow<'_, str>> {
    use std::borrow::Cow::{self, Borrowed, Owned};
    fn text(t: &Option<String>) -> Cow<'_, str> {
        t.as_deref().map_or(Borrowed(""), Borrowed)
    }
    let num = |v: Option<f64>| Owned(plain(&number(v)));
    vec![
        Owned(c.id.to_string()),
        Borrowed(&c.uid),
        Borrowed(&c.metric),
        text(&c.metric_label),
        Borrowed(&c.metric_kind),
        Borrowed(&c.metric_unit),
        Borrowed(&c.value),
        Borrowed(&c.unit),
        unit_same_as(c).map_or(Borrowed(""), Owned),
        Borrowed(&c.as_of),
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
        text(&c.change_of),
        text(&c.share_of),
        Borrowed(&c.status),
        text(&c.reason),
        text(&c.superseded_by),
        text(&c.status_at),
        text(&c.status_by),
        text(&c.entered_by),
        Borrowed(&c.entered_at),
        Borrowed(&c.qualifier),
        num(c.best),
        num(c.low),
        num(c.high),
    ]
}

/// Every field of a claim, in the order exports keep: id, then the entered
/// fields, then the rest of what is derived.
pub fn claim_columns() -> Vec<&'static str> {
    let mut columns = vec!["id"];
    columns.extend(ENTRY_FIELDS);
    columns.extend(DERIVED_FIELDS.iter().filter(|f| **f != "id"));
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
            detail: ClaimDetail::default(),
        };
        let record = claim_record(&claim);
        let cells = claim_cells(&claim);
        for (column, cell) in claim_columns().iter().zip(&cells) {
            assert_eq!(record.get(*column).map(plain).unwrap_or_default(), *cell, "{column}");
        }
        assert_eq!(cells.len(), claim_columns().len());
    }
}
