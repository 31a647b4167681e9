//! `claims timeline METRIC`: every claim on a metric in time order, derived
//! figures resolved, with the change from one figure to the next.

use super::common::FormatArg;
use super::Env;
use crate::output;
use crate::report::{intervals, records, series, svg, timeline};
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
    /// The figure at the end of each calendar period instead of every
    /// claim: one row per source, one column per period, and the sources
    /// together last (turned, one row per period, when there are more
    /// periods than sources). Weeks start on Monday (ISO), quarters in
    /// January, April, July and October. A figure carried from before the
    /// period is marked `*`. CSV and JSON give one row per period and figure.
    #[arg(long, value_enum, value_name = "PERIOD", conflicts_with = "chart")]
    pub every: Option<intervals::Every>,
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
    if let Some(every) = args.every {
        write_every(out, &timeline, every, args.format.format)?;
        return Ok(ExitCode::SUCCESS);
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
        // each record's span, and what the sources meeting there say: looked
        // up, not searched (a timeline may have thousands of figures)
        let spans: std::collections::HashMap<i64, (&str, &str)> =
            timeline.entries.iter().map(|e| (e.claim.id, (e.start.as_str(), e.end.as_str()))).collect();
        let mut at_span = std::collections::HashMap::new();
        for meeting in &meetings {
            at_span.entry((meeting.start, meeting.end)).or_insert(&meeting.consensus);
        }
        for record in &mut rows.records {
            let id = record.get("id").and_then(|v| v.as_i64());
            let together = id.and_then(|id| spans.get(&id)).and_then(|span| at_span.get(span).copied());
            record.insert("consensus".into(), output::json::consensus(together, &timeline.unit));
        }
        output::render(out, args.format.format, &rows)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The figure at the end of each period: a table of sources by periods,
/// or flat rows.
fn write_every(
    out: &mut dyn Write,
    timeline: &timeline::Timeline,
    every: intervals::Every,
    format: output::Format,
) -> Result<()> {
    let periods = intervals::every(timeline, every);
    if !matches!(format, output::Format::Table | output::Format::Md) {
        output::render(out, format, &intervals::rows(&periods, &timeline.unit))?;
        return Ok(());
    }
    if periods.is_empty() {
        writeln!(out, "no figures yet")?;
        return Ok(());
    }
    let table = intervals::table(&periods, &timeline.unit);
    output::render_text(out, format, &table)?;
    writeln!(out, "\n{}", intervals::legend(&table))?;
    // what several sources say together, once for a run of periods that say the same
    let mut runs: Vec<(&str, &str, String)> = Vec::new();
    let mut open = false;
    for p in &periods {
        if !matches!(p.together(), intervals::Together::Consensus(_)) {
            open = false;
            continue;
        }
        let text = p.together().describe(&timeline.unit);
        match runs.last_mut() {
            Some((_, last, said)) if open && *said == text => *last = &p.when.text,
            _ => runs.push((&p.when.text, &p.when.text, text)),
        }
        open = true;
    }
    if !runs.is_empty() {
        writeln!(out, "\nSources together:")?;
        for (first, last, text) in runs {
            let when = if first == last { first.to_string() } else { format!("{first}..{last}") };
            writeln!(out, "{}", output::inert(&format!("  {when}: {text}")))?;
        }
    }
    Ok(())
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
