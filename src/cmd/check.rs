//! `claims check`: contradictions and suspicious figures, each with the
//! claims involved and a one-line reason.

use super::common::FormatArg;
use super::Env;
use crate::error::Findings;
use crate::output::{self, Format, Rows};
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Exit with code 1 when anything is found, for scripts and CI.
    #[arg(long)]
    pub strict: bool,
    #[command(flatten)]
    pub format: FormatArg,
}

pub fn run(env: &Env, args: Args, out: &mut dyn Write) -> Result<ExitCode> {
    let ledger = env.ledger()?;
    let findings = crate::check::run(&ledger, env.ctx.today())?;
    let mut rows = Rows::new(&["check", "claims", "metric", "reason"]);
    for f in &findings {
        if let serde_json::Value::Object(record) = serde_json::to_value(f)? {
            rows.push(record);
        }
    }
    if args.format.format == Format::Table && findings.is_empty() {
        writeln!(out, "no problems found")?;
    } else {
        output::render(out, args.format.format, &rows)?;
    }
    if args.strict && !findings.is_empty() {
        out.flush()?;
        return Err(Findings(format!("check found {} problem(s)", findings.len())).into());
    }
    Ok(ExitCode::SUCCESS)
}
