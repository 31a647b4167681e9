//! `claims change METRIC --from D --to D`: how much a figure changed between
//! two dates, with bounds, qualifiers and the claims used.

use super::common::FormatArg;
use super::Env;
use crate::error::InputError;
use crate::output::{self, Format};
use crate::report::records::{change_json, estimate_json};
use crate::report::timeline::{self, Change, Entry, Timeline};
use crate::when::{self, When};
use anyhow::Result;
use serde_json::{json, Value};
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The metric key.
    pub metric: String,
    /// The first date: 2024-08, 2024-Q3, 2024-12-27...
    #[arg(long)]
    pub from: String,
    /// The second date.
    #[arg(long)]
    pub to: String,
    /// Show figures in this unit (convertible to the metric's).
    #[arg(long)]
    pub unit: Option<String>,
    #[command(flatten)]
    pub format: FormatArg,
}

fn date(flag: &str, text: &str) -> Result<When> {
    when::parse(text).map_err(|e| InputError::new(e.to_string()).at(flag).hint(when::WHEN_HINT).into())
}

/// The figure at a date, or an error that says what the ledger has.
fn figure_at<'t>(timeline: &'t Timeline, when: &When, flag: &str) -> Result<Vec<&'t Entry>> {
    let found = timeline.at(when);
    if found.is_empty() {
        let first = timeline.entries.iter().find(|e| e.estimate.is_some()).map(|e| e.claim.as_of.clone());
        let hint = match first {
            Some(first) => format!("the first figure of {} applies to {first}", timeline.metric.key),
            None => format!("{} has no figures yet", timeline.metric.key),
        };
        return Err(InputError::new(format!(
            "no figure of {} applies at or before {when}",
            timeline.metric.key
        ))
        .at(flag)
        .hint(hint)
        .into());
    }
    Ok(found)
}

fn side(entries: &[&Entry], when: &When, unit: &str) -> Value {
    let primary = entries[0];
    let mut value = estimate_json(primary.estimate.as_ref(), unit);
    if let Value::Object(map) = &mut value {
        map.insert("unit".into(), json!(unit));
        map.insert("date".into(), json!(when.text));
        map.insert("as_of".into(), json!(primary.when()));
        map.insert("source".into(), json!(primary.claim.source));
        map.insert("claims".into(), json!(primary.claim_ids()));
        map.insert("derived".into(), json!(primary.derived.as_ref().map(|d| d.arithmetic.clone())));
        let others: Vec<Value> = entries[1..]
            .iter()
            .map(|e| json!({"source": e.claim.source, "claims": e.claim_ids(), "figure": e.estimate.map(|x| x.describe(unit))}))
            .collect();
        map.insert("other_sources".into(), Value::Array(others));
    }
    value
}

pub fn run(env: &Env, args: Args, out: &mut dyn Write) -> Result<ExitCode> {
    let (from, to) = (date("--from", &args.from)?, date("--to", &args.to)?);
    let ledger = env.ledger()?;
    let timeline = timeline::build_figures(&ledger, &args.metric, args.unit.as_deref())?;
    let (before, after) = (figure_at(&timeline, &from, "--from")?, figure_at(&timeline, &to, "--to")?);
    let (a, b) = (before[0], after[0]);
    let change = match (a.estimate, b.estimate) {
        (Some(x), Some(y)) => Some(Change::between(&x, &y, a.claim.id)),
        _ => None,
    };
    let unit = &timeline.unit;
    let mut claims: Vec<i64> = a.claim_ids();
    claims.extend(b.claim_ids());
    claims.sort_unstable();
    claims.dedup();
    let result = json!({
        "metric": timeline.metric.key,
        "unit": unit,
        "from": side(&before, &from, unit),
        "to": side(&after, &to, unit),
        "change": change_json(change.as_ref(), unit),
        "claims": claims,
    });
    match args.format.format {
        Format::Table | Format::Md => write_words(out, &timeline, &before, &after, change.as_ref(), &claims)?,
        format => {
            let mut rows = output::Rows::new(&["metric", "unit", "from", "to", "change", "claims"]);
            if let Value::Object(map) = result {
                rows.push(map);
            }
            output::render_one(out, format, &rows)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn write_words(
    out: &mut dyn Write,
    timeline: &Timeline,
    before: &[&Entry],
    after: &[&Entry],
    change: Option<&Change>,
    claims: &[i64],
) -> Result<()> {
    let unit = &timeline.unit;
    let line = |e: &Entry| -> String {
        let figure = e.estimate.map(|x| x.describe(unit)).unwrap_or_default();
        let how = match &e.derived {
            Some(d) => format!("derived: {}", d.arithmetic),
            None => format!("claim #{}: \"{}\"", e.claim.id, e.claim.value),
        };
        let line = format!("{figure}  ({}, {}; {how})", e.when(), e.source_name());
        output::inert(&line).into_owned()
    };
    let label = timeline.metric.label.as_deref().unwrap_or(&timeline.metric.key);
    writeln!(out, "{} ({})", output::inert(label), timeline.metric.key)?;
    writeln!(out, "  from  {}", line(before[0]))?;
    for other in &before[1..] {
        writeln!(out, "        also {}", line(other))?;
    }
    writeln!(out, "  to    {}", line(after[0]))?;
    for other in &after[1..] {
        writeln!(out, "        also {}", line(other))?;
    }
    match change {
        Some(c) => writeln!(out, "  change {}", c.describe(unit))?,
        None => writeln!(out, "  change cannot be computed")?,
    }
    let ids: Vec<String> = claims.iter().map(|id| format!("#{id}")).collect();
    writeln!(out, "  claims used: {}", ids.join(", "))?;
    Ok(())
}
