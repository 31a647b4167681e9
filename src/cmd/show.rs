//! `claims show ID`: one claim with everything known of it.

use super::common::{claim_columns, claim_record, relative_label, FormatArg};
use super::Env;
use crate::error::InputError;
use crate::output::{self, Rows};
use anyhow::Result;
use serde_json::Value;
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The claim's id or uid.
    pub id: String,
    #[command(flatten)]
    pub format: FormatArg,
}

pub fn run(env: &Env, args: Args, out: &mut dyn Write) -> Result<ExitCode> {
    let ledger = env.ledger()?;
    let key = args.id.trim_start_matches('#');
    let found = match ledger.claim_ref(key)? {
        Some(r) => ledger.claim(r.id)?,
        None => None,
    };
    let Some(claim) = found else {
        return Err(InputError::new(format!("there is no claim {}", args.id))
            .hint("`claims list` shows the ids")
            .into());
    };
    let mut columns = claim_columns();
    columns.extend(["precision", "relative", "imported_from"]);
    let mut rows = Rows::new(&columns);
    let mut record = claim_record(&claim);
    let detail = &claim.detail;

    record.insert("precision".into(), Value::from(detail.as_of_precision.clone()));
    record.insert("relative".into(), Value::from(relative_label(&claim)));
    let imported = detail.batch.as_ref().map(|file| match detail.batch_line {
        Some(line) => format!("{file}:{line}"),
        None => file.clone(),
    });
    record.insert("imported_from".into(), imported.map_or(Value::Null, Value::from));
    let table = args.format.format == output::Format::Table;
    if table && claim.source.is_none() && claim.doc_url.is_none() && claim.doc_title.is_none() {
        record.insert("source".into(), Value::from("(unsourced)"));
    }
    rows.push(record);
    output::render_one(out, args.format.format, &rows)?;
    Ok(ExitCode::SUCCESS)
}
