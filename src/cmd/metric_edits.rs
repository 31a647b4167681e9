//! `claims metrics edit|rename|retire|unretire`: keeping the metrics tidy
//! without losing anything. The database records every change (who, when,
//! old → new); `claims history ID` of a claim on the metric shows them.

use super::metrics::total_metric;
use super::Env;
use crate::entry::check_metric_key;
use crate::error::InputError;
use crate::ledger::{ClaimUnit, Ledger};
use crate::model::{Metric, MetricKind};
use crate::units::{self, Aliases, Dimension, Unit};
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  claims metrics edit kursk.area-held-by-ukraine --label \"Kursk area held by Ukraine\"
  claims metrics edit kursk.area-held-by-ukraine --unit km²
  claims metrics edit dprk-troops.killed-weekly --kind period --part-of dprk-troops.killed-or-wounded")]
pub struct EditArgs {
    /// The metric's key (or an old key it was renamed from).
    #[arg(add = crate::completion::metric())]
    pub key: String,
    /// A readable label.
    #[arg(long)]
    pub label: Option<String>,
    /// What it counts over time.
    #[arg(long, value_enum)]
    pub kind: Option<MetricKind>,
    /// Its canonical unit. Refused, naming the claims, unless every claim
    /// on it still converts to the new unit.
    #[arg(long)]
    pub unit: Option<String>,
    /// For a period metric: the cumulative metric that totals it.
    #[arg(long, value_name = "CUMULATIVE_KEY", add = crate::completion::metric())]
    pub part_of: Option<String>,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  claims metrics rename kursk.area kursk.area-held-by-ukraine

The old key stays an alias: `claims add --metric kursk.area`, imports and
reports still find the metric under it, and `claims timeline` says it was renamed.")]
pub struct RenameArgs {
    /// The key it has now.
    #[arg(add = crate::completion::metric())]
    pub old: String,
    /// The key it gets: lower case, dots and dashes.
    pub new: String,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  claims metrics retire kursk.aera
  claims metrics unretire kursk.aera
  claims metrics --all")]
pub struct KeyArgs {
    /// The metric's key.
    #[arg(add = crate::completion::metric())]
    pub key: String,
}

/// A retired metric, named on the command line (`metrics unretire`).
#[derive(Debug, clap::Args)]
pub struct RetiredKeyArgs {
    /// The retired metric's key.
    #[arg(add = crate::completion::retired_metric())]
    pub key: String,
}

/// A metric named on the command line: by its key or an old key.
fn known(ledger: &Ledger, key: &str, place: &str) -> Result<Metric> {
    match ledger.metric(key)? {
        Some(metric) => Ok(metric),
        None => {
            let keys: Vec<String> = ledger.metrics(true)?.into_iter().map(|m| m.key).collect();
            let close = crate::entry::close_matches(key, &keys);
            let hint = match close.is_empty() {
                true => "`claims metrics --all` lists them".to_string(),
                false => format!("did you mean {}?", close.join(", ")),
            };
            Err(InputError::new(format!("unknown metric \"{key}\"")).at(place).hint(hint).into())
        }
    }
}

pub fn edit(env: &Env, args: EditArgs, out: &mut dyn Write) -> Result<ExitCode> {
    if args.label.is_none() && args.kind.is_none() && args.unit.is_none() && args.part_of.is_none() {
        return Err(InputError::new("nothing to change")
            .at("KEY")
            .hint("give --label, --kind, --unit or --part-of")
            .into());
    }
    let unit = args
        .unit
        .as_deref()
        .map(|u| units::parse(u).map_err(|e| InputError::new(e.to_string()).at("--unit")))
        .transpose()?;
    let mut ledger = env.ledger()?;
    let metric = known(&ledger, &args.key, "KEY")?;
    ledger.write(|l| {
        let kind = args.kind.unwrap_or(metric.kind);
        let total = match &args.part_of {
            Some(total) => Some(total_metric(l, kind, total)?),
            None => None,
        };
        check_kind(l, &metric, kind, total.is_some())?;
        if let Some(unit) = &unit {
            check_unit(l, &metric, unit)?;
        }
        let (label, unit) = (args.label.as_deref(), unit.as_ref().map(|u| u.symbol.as_str()));
        l.edit_metric(metric.id, label, args.kind.map(|k| k.as_str()), unit, total)
    })?;
    let after = known(&ledger, &metric.key, "KEY")?;
    let changes = [
        ("label", metric.label.clone().unwrap_or_default(), after.label.clone().unwrap_or_default()),
        ("kind", metric.kind.as_str().to_string(), after.kind.as_str().to_string()),
        ("unit", metric.unit.clone(), after.unit.clone()),
        ("part_of", metric.part_of.clone().unwrap_or_default(), after.part_of.clone().unwrap_or_default()),
    ];
    let said: Vec<String> = changes
        .iter()
        .filter(|(_, old, new)| old != new)
        .map(|(field, old, new)| format!("{field} {} → {}", shown(old), shown(new)))
        .collect();
    match said.is_empty() {
        true => writeln!(out, "{}: unchanged (it already was so)", metric.key)?,
        false => writeln!(out, "{}: {}", metric.key, said.join("; "))?,
    }
    Ok(ExitCode::SUCCESS)
}

fn shown(text: &str) -> &str {
    if text.is_empty() {
        "(none)"
    } else {
        text
    }
}

/// A kind that leaves the running totals declared true.
fn check_kind(ledger: &Ledger, metric: &Metric, kind: MetricKind, total_given: bool) -> Result<()> {
    if kind != MetricKind::Period && !total_given {
        if let Some(total) = &metric.part_of {
            return Err(InputError::new(format!(
                "{} is part of the running total {total}: only a period metric is",
                metric.key
            ))
            .at("--kind")
            .hint("keep it a period metric")
            .into());
        }
    }
    let parts = ledger.metric_parts(metric.id)?;
    if kind != MetricKind::Cumulative && !parts.is_empty() {
        return Err(InputError::new(format!(
            "{} is the running total of {}: it must stay cumulative",
            metric.key,
            parts.join(", ")
        ))
        .at("--kind")
        .into());
    }
    Ok(())
}

/// Every claim on the metric, and every claim relative to one of them, must
/// still convert to the new unit; else the change is refused, naming them.
fn check_unit(ledger: &Ledger, metric: &Metric, unit: &Unit) -> Result<()> {
    let aliases = Aliases::new(ledger.unit_aliases()?);
    let stranded: Vec<String> = ledger
        .claim_units(metric.id)?
        .iter()
        .filter_map(|claim| stranded(claim, unit, &aliases).map(|why| format!("#{} ({why})", claim.id)))
        .collect();
    if stranded.is_empty() {
        return Ok(());
    }
    let count = stranded.len();
    let named = crate::output::first_few(stranded.into_iter(), 5, ", ");
    Err(InputError::new(format!(
        "{} cannot be in {}: {count} claim(s) would no longer convert: {named}",
        metric.key, unit.symbol
    ))
    .at("--unit")
    .hint(format!(
        "keep {}, or correct those claims first (claims edit ID --unit U); for two count nouns: claims units alias",
        metric.unit
    ))
    .into())
}

/// Why a claim would not convert to `unit`, if it would not.
fn stranded(claim: &ClaimUnit, unit: &Unit, aliases: &Aliases) -> Option<String> {
    if let Some((key, metric_unit)) = &claim.other_metric {
        // a claim on another metric relative to one on this one: the two
        // metrics must measure the same thing
        let theirs = units::parse(metric_unit).ok()?;
        return units::conversion(unit, &theirs, aliases)
            .err()
            .map(|_| format!("on {key}, in {metric_unit}"));
    }
    let Ok(own) = units::parse(&claim.unit) else {
        return Some(format!("in {}", claim.unit));
    };
    let own = units::on_metric(own, unit);
    let relative_percent = matches!(own.dimension, Dimension::Percent | Dimension::PercentPoints);
    if claim.relative && relative_percent {
        return None;
    }
    if own.dimension == Dimension::PercentPoints && unit.dimension == Dimension::Percent {
        return None;
    }
    units::conversion(&own, unit, aliases).err().map(|_| format!("in {}", claim.unit))
}

pub fn rename(env: &Env, args: RenameArgs, out: &mut dyn Write) -> Result<ExitCode> {
    check_metric_key(&args.new).map_err(|e| e.at("NEW"))?;
    let mut ledger = env.ledger()?;
    let metric = known(&ledger, &args.old, "OLD")?;
    if metric.key == args.new {
        return Err(InputError::new(format!("the metric is already called {}", args.new)).at("NEW").into());
    }
    if let Some(other) = ledger.metric(&args.new)? {
        let held = match other.key == args.new {
            true => format!("the metric {} exists already", args.new),
            false => format!("{} is an old key of the metric {}", args.new, other.key),
        };
        if other.id != metric.id {
            return Err(InputError::new(held)
                .at("NEW")
                .hint("choose another key; a metric is never merged into another")
                .into());
        }
    }
    ledger.write(|l| l.rename_metric(metric.id, &metric.key, &args.new))?;
    writeln!(out, "renamed {} to {}; the old key still finds it", metric.key, args.new)?;
    Ok(ExitCode::SUCCESS)
}

pub fn retire(env: &Env, key: &str, retire: bool, out: &mut dyn Write) -> Result<ExitCode> {
    let mut ledger = env.ledger()?;
    let metric = known(&ledger, key, "KEY")?;
    match (&metric.retired_at, retire) {
        (Some(at), true) => {
            return Err(InputError::new(format!("{} is retired already (since {at})", metric.key))
                .hint(format!("bring it back with claims metrics unretire {}", metric.key))
                .into())
        }
        (None, false) => {
            return Err(InputError::new(format!("{} is not retired", metric.key))
                .hint("`claims metrics --all` shows which are")
                .into())
        }
        _ => {}
    }
    let now = env.ctx.timestamp();
    ledger.write(|l| l.retire_metric(metric.id, retire.then_some(now.as_str())))?;
    let claims = ledger.claim_units(metric.id)?.iter().filter(|c| c.other_metric.is_none()).count();
    match retire {
        true => writeln!(
            out,
            "retired {} ({claims} claim(s) kept); `claims metrics unretire {}` brings it back",
            metric.key, metric.key
        )?,
        false => writeln!(out, "{} is in use again ({claims} claim(s))", metric.key)?,
    }
    Ok(ExitCode::SUCCESS)
}
