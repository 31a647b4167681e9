//! `claims compare METRIC`: each source's latest figure side by side.

use super::common::FormatArg;
use super::Env;
use crate::output;
use crate::report::{records, timeline};
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The metric key.
    pub metric: String,
    /// Show figures in this unit (convertible to the metric's).
    #[arg(long)]
    pub unit: Option<String>,
    #[command(flatten)]
    pub format: FormatArg,
}

pub fn run(env: &Env, args: Args, out: &mut dyn Write) -> Result<ExitCode> {
    let ledger = env.ledger()?;
    let timeline = timeline::build(&ledger, &args.metric, args.unit.as_deref())?;
    let latest = timeline.latest_by_source();
    let mut rows = records::entry_rows(latest.iter().copied(), &timeline.unit);
    rows.table_columns =
        ["source", "when", "stated", "figure", "id", "notes"].iter().map(|c| c.to_string()).collect();
    // disagreement among the latest figures themselves
    for (i, record) in rows.records.iter_mut().enumerate() {
        let mut conflicts: Vec<i64> = latest
            .iter()
            .enumerate()
            .filter(|(j, other)| {
                // only figures that cover the same time can contradict each other
                *j != i
                    && latest[i].start <= other.end
                    && other.start <= latest[i].end
                    && matches!((latest[i].estimate, other.estimate), (Some(a), Some(b)) if a.contradicts(&b))
            })
            .map(|(_, other)| other.claim.id)
            .collect();
        conflicts.sort_unstable();
        record.insert("disagrees_with".into(), serde_json::json!(conflicts));
        let mut notes = records::notes(latest[i]);
        if !conflicts.is_empty() && latest[i].disagrees_with.is_empty() {
            let ids: Vec<String> = conflicts.iter().map(|id| format!("#{id}")).collect();
            notes = [notes, format!("cannot both hold with {}", ids.join(", "))]
                .into_iter()
                .filter(|n| !n.is_empty())
                .collect::<Vec<_>>()
                .join("; ");
        }
        record.insert("notes".into(), serde_json::json!(notes));
    }
    output::render(out, args.format.format, &rows)?;
    Ok(ExitCode::SUCCESS)
}
