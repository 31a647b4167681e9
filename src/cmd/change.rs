//! `claims change METRIC --from D --to D`: how much a figure changed between
//! two dates, with bounds, qualifiers and the claims used. Each end is
//! chosen by the rules of `report::series`: one source's own change first,
//! then each other source's, then the consensus; every figure passed over
//! is listed with why.

use super::common::{date_flag, FormatArg};
use super::Env;
use crate::error::InputError;
use crate::output::json;
use crate::output::{self, Format};
use crate::report::movements::{self, Movement, Movements};
use crate::report::series::{self, Choice};
use crate::report::timeline::{self, Entry, Timeline};
use crate::when::When;
use anyhow::Result;
use serde_json::{json, Value};
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The metric key.
    #[arg(add = crate::completion::metric())]
    pub metric: String,
    /// The first date: 2024-08, 2024-Q3, 2024-12-27...
    #[arg(long)]
    pub from: String,
    /// The second date.
    #[arg(long)]
    pub to: String,
    /// Only this source's figures (case-insensitive).
    #[arg(long, add = crate::completion::source())]
    pub source: Option<String>,
    /// Show figures in this unit (convertible to the metric's).
    #[arg(long)]
    pub unit: Option<String>,
    #[command(flatten)]
    pub format: FormatArg,
}

/// Refuses an end at which no figure applies, saying what the ledger has.
fn require(
    timeline: &Timeline,
    choice: &Choice,
    when: &When,
    flag: &str,
    source: Option<&str>,
) -> Result<()> {
    if !choice.chosen.is_empty() {
        return Ok(());
    }
    let first = timeline.entries.iter().find(|e| e.estimate.is_some()).map(|e| e.claim.as_of.clone());
    let hint = match (first, source) {
        (_, Some(source)) => format!(
            "see which sources speak with `claims compare {}` ({source} has none here)",
            timeline.metric.key
        ),
        (Some(first), None) => format!("the first figure of {} applies to {first}", timeline.metric.key),
        (None, None) => format!("{} has no figures yet", timeline.metric.key),
    };
    Err(InputError::new(format!("no figure of {} applies at or before {when}", timeline.metric.key))
        .at(flag)
        .hint(hint)
        .into())
}

pub fn run(env: &Env, args: Args, out: &mut dyn Write) -> Result<ExitCode> {
    let today = env.ctx.today();
    let (from, to) = (date_flag("--from", &args.from, today)?, date_flag("--to", &args.to, today)?);
    if to.end < from.start {
        let error = InputError::new(format!("{to} ends before --from {from} begins"));
        return Err(error.at("--to").hint(format!("swap them: --from {to} --to {from}")).into());
    }
    let ledger = env.ledger()?;
    let timeline = timeline::figures_to_choose(&ledger, &args.metric, args.unit.as_deref())?;
    let moved = movements::movements(&timeline, &from, &to, args.source.as_deref());
    require(&timeline, &moved.from, &from, "--from", args.source.as_deref())?;
    require(&timeline, &moved.to, &to, "--to", args.source.as_deref())?;
    match args.format.format {
        Format::Table | Format::Md => write_words(out, &timeline, &moved)?,
        format => {
            let result = to_json(&timeline.metric.key, &timeline.unit, &from, &to, &moved);
            let mut rows = output::Rows::new(&[
                "metric",
                "unit",
                "source",
                "before",
                "after",
                "change",
                "claims",
                "other_sources",
                "consensus",
                "passed_over",
            ]);
            if let Value::Object(map) = result {
                rows.push(map);
            }
            output::render_one(out, format, &rows)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Every claim a movement rests on, in order.
fn claims_of(movement: &Movement) -> Vec<i64> {
    let mut claims: Vec<i64> = movement.from.iter().chain(&movement.to).flat_map(|e| e.claim_ids()).collect();
    claims.sort_unstable();
    claims.dedup();
    claims
}

/// One end of a movement: the date asked for, the figure there and what it
/// rests on (each figure, when several sources make it).
fn end_json(
    entries: &[&Entry],
    figure: Option<&crate::report::estimate::Estimate>,
    when: &When,
    unit: &str,
) -> Value {
    let mut map = serde_json::Map::new();
    map.insert("date".into(), json!(when.text));
    map.insert("figure".into(), json::figure(figure, unit));
    if let [only] = entries {
        if let Value::Object(one) = entry_json(only, unit) {
            map.extend(one.into_iter().filter(|(k, _)| k != "figure"));
        }
    } else {
        map.insert("figures".into(), Value::Array(entries.iter().map(|e| entry_json(e, unit)).collect()));
        map.insert("claims".into(), json!(entries.iter().flat_map(|e| e.claim_ids()).collect::<Vec<_>>()));
    }
    Value::Object(map)
}

/// A figure a movement uses or passes over, in the words of a timeline entry.
fn entry_json(e: &Entry, unit: &str) -> Value {
    json!({
        "id": e.claim.id,
        "source": e.claim.source,
        "when": e.when(),
        "claims": e.claim_ids(),
        "figure": json::figure(e.estimate.as_ref(), unit),
        "derived": e.derived.is_some(),
        "arithmetic": e.derived.as_ref().map(|d| d.arithmetic.clone()),
    })
}

fn movement_json(m: &Movement, from: &When, to: &When, unit: &str) -> Value {
    json!({
        "source": m.source,
        "before": end_json(&m.from, m.from_figure.as_ref(), from, unit),
        "after": end_json(&m.to, m.to_figure.as_ref(), to, unit),
        "change": json::change(m.change.as_ref(), unit),
        "claims": claims_of(m),
    })
}

fn to_json(metric: &str, unit: &str, from: &When, to: &When, moved: &Movements) -> Value {
    let mut result = match moved.primary() {
        Some(primary) => movement_json(primary, from, to, unit),
        None => json!({"source": null, "before": null, "after": null, "change": null, "claims": []}),
    };
    let others: Vec<Value> =
        moved.by_source.iter().skip(1).map(|m| movement_json(m, from, to, unit)).collect();
    let passed: Vec<Value> = moved
        .not_used()
        .map(|(e, why)| {
            let mut v = entry_json(e, unit);
            v["why"] = json!(why);
            v
        })
        .collect();
    if let Value::Object(map) = &mut result {
        map.insert("metric".into(), json!(metric));
        map.insert("unit".into(), json!(unit));
        map.insert("other_sources".into(), Value::Array(others));
        let consensus = moved.consensus.as_ref().filter(|_| !moved.by_source.is_empty());
        map.insert("consensus".into(), consensus.map_or(Value::Null, |m| movement_json(m, from, to, unit)));
        map.insert("passed_over".into(), Value::Array(passed));
    }
    result
}

fn write_words(out: &mut dyn Write, timeline: &Timeline, moved: &Movements) -> Result<()> {
    let unit = &timeline.unit;
    let line = |e: &Entry| -> String {
        let figure = e.estimate.map(|x| x.describe(unit)).unwrap_or_default();
        let how = match &e.derived {
            Some(d) => format!("derived: {}", d.arithmetic),
            None => format!("claim #{}: \"{}\"", e.claim.id, e.claim.value),
        };
        output::inert(&format!("{figure}  ({}, {}; {how})", e.when(), e.source_name())).into_owned()
    };
    let label = timeline.metric.label.as_deref().unwrap_or(&timeline.metric.key);
    writeln!(out, "{} ({})", output::inert(label), timeline.metric.key)?;
    let Some(primary) = moved.primary() else { return Ok(()) };
    let ends = |m: &Movement, out: &mut dyn Write| -> Result<()> {
        match (&m.from[..], &m.to[..]) {
            ([a], [b]) => {
                writeln!(out, "  from  {}", line(a))?;
                writeln!(out, "  to    {}", line(b))?;
            }
            (a, b) => {
                for (word, side) in [("from", a), ("to", b)] {
                    let together = match series::consensus(side) {
                        Some(c) if series::one_span(side) => c.describe(unit),
                        _ => "figures of different spans, not combined:".to_string(),
                    };
                    writeln!(out, "  {word:<5} {}", output::inert(&together))?;
                    for e in side {
                        writeln!(out, "        {}", line(e))?;
                    }
                }
            }
        }
        match &m.change {
            Some(c) => writeln!(out, "  change {}", c.describe(unit))?,
            None if m.across_sources() => writeln!(
                out,
                "  no change: the figures at the two dates are different sources', compared, never chained \
                 (`claims compare {}` sets them side by side)",
                timeline.metric.key
            )?,
            None => writeln!(
                out,
                "  change cannot be computed (the sources disagree at an end, or a figure is unresolved)"
            )?,
        }
        Ok(())
    };
    if let Some(source) = primary.source {
        writeln!(out, "  {}:", output::inert(&series::own_figures(source)))?;
    } else if primary.across_sources() {
        writeln!(out, "  no source speaks at both dates; the figures at each:")?;
    } else {
        writeln!(out, "  no source speaks at both dates; the sources together:")?;
    }
    ends(primary, out)?;
    for other in moved.by_source.iter().skip(1) {
        writeln!(out, "  {}:", output::inert(&series::own_figures(other.source.unwrap_or("?"))))?;
        ends(other, out)?;
    }
    if let Some(consensus) = moved.consensus.as_ref().filter(|_| !moved.by_source.is_empty()) {
        writeln!(out, "  all sources together:")?;
        ends(consensus, out)?;
    }
    let passed: Vec<String> = moved
        .not_used()
        .map(|(e, why)| format!("#{} ({}, {}): {why}", e.claim.id, e.source_name(), e.when()))
        .collect();
    if !passed.is_empty() {
        writeln!(out, "  not chosen: {}", output::inert(&passed.join("; ")))?;
    }
    let ids: Vec<String> = claims_of(primary).iter().map(|id| format!("#{id}")).collect();
    writeln!(out, "  claims used: {}", ids.join(", "))?;
    Ok(())
}
