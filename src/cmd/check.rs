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
    let today = env.ctx.today();
    let found = match args.format.format {
        // streamed: a large ledger's findings never sit in memory at once
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(&mut *out);
            writer.write_record(COLUMNS)?;
            let mut found = 0;
            crate::check::run_each(&ledger, today, &mut |f| {
                found += 1;
                let claims: Vec<String> = f.claims.iter().map(i64::to_string).collect();
                Ok(output::write_csv_record(&mut writer, [f.check, &claims.join(" "), &f.metric, &f.reason])?)
            })?;
            writer.flush()?;
            found
        }
        Format::Jsonl => {
            let mut found = 0;
            crate::check::run_each(&ledger, today, &mut |f| {
                found += 1;
                serde_json::to_writer(&mut *out, &f)?;
                Ok(writeln!(out)?)
            })?;
            found
        }
        format => {
            let findings = crate::check::run(&ledger, today)?;
            let mut rows = Rows::new(COLUMNS);
            for f in &findings {
                if let serde_json::Value::Object(record) = serde_json::to_value(f)? {
                    rows.push(record);
                }
            }
            if format == Format::Table && findings.is_empty() {
                writeln!(out, "no problems found")?;
            } else {
                output::render(out, format, &rows)?;
            }
            findings.len()
        }
    };
    if args.strict && found > 0 {
        out.flush()?;
        return Err(Findings(format!("check found {found} problem(s)")).into());
    }
    Ok(ExitCode::SUCCESS)
}

const COLUMNS: &[&str] = &["check", "claims", "metric", "reason"];
