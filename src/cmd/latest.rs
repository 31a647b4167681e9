//! `claims latest`: the latest figure of every metric: the figures of its
//! latest span, one per source (stated before derived), and what they say
//! together (`report::series`).

use super::common::FormatArg;
use super::Env;
use crate::output::{self, Rows};
use crate::report::{records, series, timeline};
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
    columns.extend(["sources", "consensus"]);
    let mut rows = Rows::new(&columns).table_columns(&["metric", "when", "figure", "source", "id", "notes"]);
    for metric in ledger.metric_list()? {
        let timeline = timeline::latest(&ledger, &metric.key)?;
        let choice = timeline.latest_span();
        let Some(first) = choice.chosen.first() else { continue };
        let mut record = records::entry_record(first, &timeline.unit);
        record.insert("metric".into(), json!(metric.key));
        let mut sources: Vec<&str> = choice.chosen.iter().map(|e| e.source_name()).collect();
        sources.dedup();
        record.insert("sources".into(), json!(sources));
        if choice.chosen.len() > 1 {
            // several figures: `figure` is what they say together, the first
            // figure's own fields stay as they are; the table names them all
            let together = series::consensus(&choice.chosen);
            let consensus = output::json::consensus(together.as_ref(), &timeline.unit);
            record.insert("figure".into(), consensus.clone());
            record.insert("consensus".into(), consensus);
            let ids: Vec<i64> = choice.chosen.iter().flat_map(|e| e.claim_ids()).collect();
            record.insert("claims".into(), json!(ids));
            let shown: Vec<String> = choice.chosen.iter().map(|e| e.claim.id.to_string()).collect();
            record.insert(output::table_only("id"), json!(shown.join(", ")));
            record.insert(output::table_only("source"), json!(sources.join(", ")));
            let notes: Vec<String> =
                choice.chosen.iter().map(|e| records::notes(e)).filter(|n| !n.is_empty()).collect();
            record.insert("notes".into(), json!(notes.join("; ")));
            // a month figure beside a day inside it: both spans are said
            let mut whens: Vec<String> = choice.chosen.iter().map(|e| e.when()).collect();
            whens.dedup();
            record.insert("when".into(), json!(whens.join(", ")));
        }
        rows.push(record);
    }
    output::render(out, args.format.format, &rows)?;
    Ok(ExitCode::SUCCESS)
}
