//! `claims compare METRIC`: each source's latest figure side by side.

use super::common::FormatArg;
use super::Env;
use crate::model::MetricKind;
use crate::output;
use crate::report::rules::{self, Span};
use crate::report::timeline::Entry;
use crate::report::{records, timeline};
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The metric key.
    #[arg(add = crate::completion::metric())]
    pub metric: String,
    /// Show figures in this unit (convertible to the metric's).
    #[arg(long)]
    pub unit: Option<String>,
    #[command(flatten)]
    pub format: FormatArg,
}

pub fn run(env: &Env, args: Args, out: &mut dyn Write) -> Result<ExitCode> {
    let ledger = env.ledger()?;
    // a table shows figures, dates and sources only: read from one index, as `timeline` does
    let tabular = matches!(args.format.format, output::Format::Table | output::Format::Md);
    let timeline = if tabular {
        timeline::build_figures(&ledger, &args.metric, args.unit.as_deref())?
    } else {
        timeline::build(&ledger, &args.metric, args.unit.as_deref())?
    };
    let latest = timeline.latest_by_source();
    // disagreement among the latest figures themselves, by the timeline's one rule
    let against = disagreements(&latest, timeline.metric.kind == MetricKind::Period);
    let unit = &timeline.unit;
    if tabular {
        // straight into words: a record of JSON values per figure, only to be
        // read back as text, was a third of the instructions of a table
        let mut table = output::TextRows::new(&COLUMNS, &["id"]);
        table.cells = latest
            .iter()
            .zip(&against)
            .map(|(e, conflicts)| {
                vec![
                    e.claim.source.clone().unwrap_or_default(),
                    e.when(),
                    records::stated_as(&e.claim, e.written),
                    e.estimate.map(|x| x.describe(unit)).unwrap_or_default(),
                    e.claim.id.to_string(),
                    notes(e, conflicts),
                ]
            })
            .collect();
        output::render_text(out, args.format.format, &table)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut rows = records::entry_rows(latest.iter().copied(), unit);
    rows.table_columns = COLUMNS.iter().map(|c| c.to_string()).collect();
    for (i, record) in rows.records.iter_mut().enumerate() {
        let conflicts = &against[i];
        record.insert("disagrees_with".into(), serde_json::json!(conflicts));
        record.insert("notes".into(), serde_json::json!(notes(latest[i], conflicts)));
    }
    output::render(out, args.format.format, &rows)?;
    Ok(ExitCode::SUCCESS)
}

/// The columns of the table and of Markdown.
const COLUMNS: [&str; 6] = ["source", "when", "stated", "figure", "id", "notes"];

/// A figure's notes, and the latest figures of others it cannot hold beside
/// when the timeline found none.
fn notes(entry: &Entry, conflicts: &[i64]) -> String {
    let notes = records::notes(entry);
    if conflicts.is_empty() || !entry.disagrees_with.is_empty() {
        return notes;
    }
    let ids: Vec<String> = conflicts.iter().map(|id| format!("#{id}")).collect();
    [notes, format!("cannot both hold with {}", ids.join(", "))]
        .into_iter()
        .filter(|n| !n.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

/// For each figure, the ids of the others it cannot hold beside.
fn disagreements(latest: &[&Entry], same_span_only: bool) -> Vec<Vec<i64>> {
    let mut order: Vec<usize> = (0..latest.len()).collect();
    order.sort_by(|a, b| (&latest[*a].start, &latest[*a].end).cmp(&(&latest[*b].start, &latest[*b].end)));
    let spans: Vec<Span> = order
        .iter()
        .map(|&i| Span {
            start: &latest[i].start,
            end: &latest[i].end,
            source: latest[i].claim.source.as_deref(),
            estimate: latest[i].estimate,
        })
        .collect();
    let mut against = vec![Vec::new(); latest.len()];
    for (a, b) in rules::conflicts(&spans, same_span_only) {
        let (i, j) = (order[a], order[b]);
        against[i].push(latest[j].claim.id);
        against[j].push(latest[i].claim.id);
    }
    against.iter_mut().for_each(|ids| ids.sort_unstable());
    against
}
