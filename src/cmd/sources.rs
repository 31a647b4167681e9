//! `claims sources`: who said what, with counts.

use super::common::FormatArg;
use super::Env;
use crate::output::{self, Rows};
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub format: FormatArg,
}

pub fn run(env: &Env, args: Args, out: &mut dyn Write) -> Result<ExitCode> {
    let ledger = env.ledger()?;
    let mut rows = Rows::new(&["name", "kind", "affiliation", "claims", "metrics", "last_stated"]);
    for source in ledger.sources()? {
        if let serde_json::Value::Object(record) = serde_json::to_value(source)? {
            rows.push(record);
        }
    }
    output::render(out, args.format.format, &rows)?;
    Ok(ExitCode::SUCCESS)
}
