//! `claims timeline METRIC`: every claim on a metric in time order, derived
//! figures resolved, with the change from one figure to the next.

use super::common::FormatArg;
use super::Env;
use crate::output;
use crate::report::{records, series, svg, timeline};
use anyhow::Result;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The metric key.
    #[arg(add = crate::completion::metric())]
    pub metric: String,
    /// Show figures in this unit (convertible to the metric's), e.g. km².
    #[arg(long)]
    pub unit: Option<String>,
    /// Also draw the timeline as an SVG chart to this file; `-` prints the chart alone.
    #[arg(long, value_name = "FILE.svg")]
    pub chart: Option<PathBuf>,
    #[command(flatten)]
    pub force: super::common::ForceArg,
    #[command(flatten)]
    pub format: FormatArg,
}

pub fn run(env: &Env, args: Args, out: &mut dyn Write) -> Result<ExitCode> {
    let ledger = env.ledger()?;
    // a table shows figures, dates and sources only: they are read from one index
    let tabular = matches!(args.format.format, output::Format::Table | output::Format::Md);
    let timeline = if tabular && args.chart.is_none() {
        timeline::build_figures(&ledger, &args.metric, args.unit.as_deref())?
    } else {
        timeline::build(&ledger, &args.metric, args.unit.as_deref())?
    };
    match args.chart.as_deref() {
        Some(path) if path == std::path::Path::new("-") => {
            out.write_all(svg::chart(&timeline).as_bytes())?;
            return Ok(ExitCode::SUCCESS);
        }
        Some(path) => {
            crate::files::write_atomically(path, &env.protected().overwrite(args.force.force), |w| {
                Ok(w.write_all(svg::chart(&timeline).as_bytes())?)
            })?
        }
        None => {}
    }
    if args.format.format == output::Format::Table {
        let label = timeline.metric.label.as_deref().unwrap_or(&timeline.metric.key);
        writeln!(
            out,
            "{} ({}, {}, in {})",
            output::inert(label),
            timeline.metric.key,
            timeline.metric.kind.as_str(),
            timeline.unit
        )?;
    }
    let meetings = series::meetings(&timeline.entries);
    if tabular {
        output::render_text(
            out,
            args.format.format,
            &records::entry_table(&timeline.entries, &timeline.unit),
        )?;
        write_meetings(out, &meetings, &timeline.unit)?;
    } else {
        let mut rows = records::entry_rows(&timeline.entries, &timeline.unit);
        rows.columns.push("consensus".into());
        for record in &mut rows.records {
            let span = |m: &&series::Meeting| {
                record.get("id").and_then(|v| v.as_i64()).is_some_and(|id| {
                    timeline.entries.iter().any(|e| e.claim.id == id && e.start == m.start && e.end == m.end)
                })
            };
            let text = meetings.iter().find(span).map(|m| m.consensus.describe(&timeline.unit));
            record.insert("consensus".into(), serde_json::json!(text));
        }
        output::render(out, args.format.format, &rows)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Under the table: each span where several sources meet, and what they
/// say together.
fn write_meetings(out: &mut dyn Write, meetings: &[series::Meeting], unit: &str) -> Result<()> {
    if meetings.is_empty() {
        return Ok(());
    }
    writeln!(out, "\nWhere sources meet:")?;
    for meeting in meetings {
        let text = format!("  {}: {}", meeting.when, meeting.consensus.describe(unit));
        let text = output::inert(&text);
        // a disagreement is what the reader must not miss: coloured on a terminal
        match meeting.consensus {
            series::Consensus::Agree { .. } => writeln!(out, "{text}")?,
            _ => writeln!(out, "{}", crate::terminal::disagreement(&text))?,
        }
    }
    Ok(())
}
