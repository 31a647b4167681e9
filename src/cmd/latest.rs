//! `claims latest`: the latest figure of every metric.

use super::common::FormatArg;
use super::Env;
use crate::output::{self, Rows};
use crate::report::{records, timeline};
use anyhow::Result;
use serde_json::json;
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub format: FormatArg,
}

pub fn run(env: &Env, args: Args, out: &mut dyn Write) -> Result<ExitCode> {
    let ledger = env.ledger()?;
    let mut columns = vec!["metric"];
    columns.extend(records::ENTRY_COLUMNS);
    let mut rows = Rows::new(&columns).table_columns(&["metric", "when", "figure", "source", "id", "notes"]);
    for metric in ledger.metric_list()? {
        let timeline = timeline::latest(&ledger, &metric.key)?;
        if let Some(entry) = timeline.entries.iter().rev().find(|e| e.estimate.is_some()) {
            let mut record = records::entry_record(entry, &timeline.unit);
            record.insert("metric".into(), json!(metric.key));
            rows.push(record);
        }
    }
    output::render(out, args.format.format, &rows)?;
    Ok(ExitCode::SUCCESS)
}
