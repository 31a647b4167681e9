//! `claims metrics`: the metrics of a ledger; `metrics add` declares one;
//! `edit`, `rename`, `retire` and `unretire` keep them tidy
//! (`metric_edits.rs`).

use super::common::FormatArg;
use super::Env;
use crate::entry::check_metric_key;
use crate::error::InputError;
use crate::model::MetricKind;
use crate::output::{self, Rows};
use crate::units;
use anyhow::Result;
use serde_json::Value;
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  claims metrics --all
  claims metrics edit kursk.area-held-by-ukraine --unit km²
  claims metrics rename kursk.area kursk.area-held-by-ukraine
  claims metrics retire kursk.aera")]
pub struct Args {
    #[command(subcommand)]
    pub action: Option<Action>,
    /// List retired metrics too.
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Declare a metric, so that claims can be recorded on it.
    Add(AddArgs),
    /// Change a metric's label, kind, unit or running total; every change is recorded.
    Edit(super::metric_edits::EditArgs),
    /// Give a metric a new key; the old key stays an alias of it.
    Rename(super::metric_edits::RenameArgs),
    /// Hide a mistaken metric from lists and completions; its claims are kept.
    Retire(super::metric_edits::KeyArgs),
    /// Bring a retired metric back.
    Unretire(super::metric_edits::RetiredKeyArgs),
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// A stable key: lower case, dots and dashes (kursk.area-held-by-ukraine).
    pub key: String,
    /// What it counts over time.
    #[arg(long, value_enum)]
    pub kind: MetricKind,
    /// Its canonical unit: sq mi, km², %, or a plain noun for counts (soldiers).
    #[arg(long)]
    pub unit: String,
    /// A readable label.
    #[arg(long)]
    pub label: Option<String>,
    /// For a period metric: the cumulative metric that totals it, so that
    /// `claims check` can tell a week's figure larger than the running total.
    #[arg(long, value_name = "CUMULATIVE_KEY")]
    pub part_of: Option<String>,
}

pub fn run(env: &Env, args: Args, out: &mut dyn Write) -> Result<ExitCode> {
    match args.action {
        Some(Action::Add(add)) => add_metric(env, add, out),
        Some(Action::Edit(edit)) => super::metric_edits::edit(env, edit, out),
        Some(Action::Rename(rename)) => super::metric_edits::rename(env, rename, out),
        Some(Action::Retire(args)) => super::metric_edits::retire(env, &args.key, true, out),
        Some(Action::Unretire(args)) => super::metric_edits::retire(env, &args.key, false, out),
        None => list(env, args.all, args.format, out),
    }
}

fn add_metric(env: &Env, args: AddArgs, out: &mut dyn Write) -> Result<ExitCode> {
    check_metric_key(&args.key).map_err(|e| e.at("KEY"))?;
    let unit = units::parse(&args.unit)
        .map_err(|e| InputError::new(e.to_string()).at("--unit").hint(units::known_units_hint()))?;
    let mut ledger = env.ledger_for_writing()?;
    let now = env.ctx.timestamp();
    ledger.write(|l| {
        let total = args.part_of.as_deref().map(|total| total_metric(l, args.kind, total)).transpose()?;
        l.add_metric(&args.key, args.label.as_deref(), args.kind, &unit.symbol, total, &now)?;
        Ok(())
    })?;
    writeln!(out, "{} ({}, in {})", args.key, args.kind.as_str(), unit.symbol)?;
    Ok(ExitCode::SUCCESS)
}

/// The cumulative metric a period metric counts within.
pub(super) fn total_metric(ledger: &crate::ledger::Ledger, kind: MetricKind, key: &str) -> Result<i64> {
    if kind != MetricKind::Period {
        return Err(InputError::new("only a period metric is part of a running total")
            .at("--part-of")
            .into());
    }
    match ledger.metric(key)? {
        Some(m) if m.kind == MetricKind::Cumulative => Ok(m.id),
        Some(m) => Err(InputError::new(format!("{key} is a {} metric, not cumulative", m.kind.as_str()))
            .at("--part-of")
            .into()),
        None => Err(InputError::new(format!("unknown metric \"{key}\""))
            .at("--part-of")
            .hint("declare the cumulative metric first")
            .into()),
    }
}

fn list(env: &Env, all: bool, format: FormatArg, out: &mut dyn Write) -> Result<ExitCode> {
    let ledger = env.ledger()?;
    let columns = ["key", "label", "kind", "unit", "part_of", "claims", "first", "last", "retired_at"];
    let mut rows = Rows::new(&columns);
    if !all {
        rows = rows.table_columns(&columns[..8]);
    }
    for metric in ledger.metrics(all)? {
        let mut record = serde_json::Map::new();
        record.insert("key".into(), Value::from(metric.key));
        record.insert("label".into(), metric.label.map_or(Value::Null, Value::from));
        record.insert("kind".into(), Value::from(metric.kind.as_str()));
        record.insert("unit".into(), Value::from(metric.unit));
        record.insert("part_of".into(), metric.part_of.map_or(Value::Null, Value::from));
        record.insert("claims".into(), Value::from(metric.claims));
        record.insert("first".into(), metric.first.map_or(Value::Null, Value::from));
        record.insert("last".into(), metric.last.map_or(Value::Null, Value::from));
        record.insert("retired_at".into(), metric.retired_at.map_or(Value::Null, Value::from));
        rows.push(record);
    }
    output::render(out, format.format, &rows)?;
    Ok(ExitCode::SUCCESS)
}
