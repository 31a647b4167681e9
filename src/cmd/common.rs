//! Pieces several commands share: the format flag, the claim filters, and
//! a claim as an output record.

use crate::error::InputError;
use crate::ledger::ClaimFilter;
use crate::model::{Claim, DERIVED_FIELDS, ENTRY_FIELDS};
use crate::output::{number, Format, Rows};
use crate::units;
use crate::when;
use anyhow::Result;
use serde_json::{Map, Value};

#[derive(Debug, Clone, clap::Args)]
pub struct FormatArg {
    /// How to print the result.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Clone, Default, clap::Args)]
pub struct FilterArgs {
    /// Only claims on this metric key.
    #[arg(long)]
    pub metric: Option<String>,
    /// Only claims by this source (case-insensitive).
    #[arg(long)]
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
    pub fn to_filter(&self, all: bool) -> Result<ClaimFilter> {
        let day = |flag: &str, text: &Option<String>, end: bool| -> Result<Option<String>> {
            text.as_deref()
                .map(|t| {
                    when::parse(t)
                        .map(|w| if end { w.end.to_string() } else { w.start.to_string() })
                        .map_err(|e| InputError::new(e.to_string()).at(flag).hint(when::WHEN_HINT).into())
                })
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
