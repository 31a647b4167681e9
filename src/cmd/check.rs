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
    /// Exit with code 1 when something serious is found (a contradiction or an
    /// impossible figure), for scripts and CI.
    #[arg(long)]
    pub strict: bool,
    #[command(flatten)]
    pub format: FormatArg,
}

pub fn run(env: &Env, args: Args, out: &mut dyn Write) -> Result<ExitCode> {
    let ledger = env.ledger()?;
    let today = env.ctx.today();
    let (found, skipped) = match args.format.format {
        // streamed: a large ledger's findings never sit in memory at once
        Format::Csv | Format::Tsv => {
            let delimiter = if args.format.format == Format::Tsv { b'\t' } else { b',' };
            let mut writer = output::csv_writer(&mut *out, delimiter);
            writer.write_record(COLUMNS)?;
            let mut found = Count::default();
            let skipped = crate::check::run_each(&ledger, today, &mut |f| {
                found.add(&f);
                let claims: Vec<String> = f.claims.iter().map(i64::to_string).collect();
                let record = [f.check, f.severity, &claims.join("; "), &f.metric, &f.reason];
                Ok(output::write_csv_record(&mut writer, record)?)
            })?;
            writer.flush()?;
            (found, skipped)
        }
        Format::Jsonl => {
            let mut found = Count::default();
            let skipped = crate::check::run_each(&ledger, today, &mut |f| {
                found.add(&f);
                serde_json::to_writer(&mut *out, &f)?;
                Ok(writeln!(out)?)
            })?;
            (found, skipped)
        }
        format => {
            let (findings, skipped) = crate::check::run(&ledger, today)?;
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
            let mut found = Count::default();
            findings.iter().for_each(|f| found.add(f));
            (found, skipped)
        }
    };
    if skipped.claims > 0 {
        out.flush()?;
        crate::terminal::summary(format_args!(
            "skipped {} claim{} of retired metric{} {} (claims metrics unretire KEY to check them)",
            skipped.claims,
            if skipped.claims == 1 { "" } else { "s" },
            if skipped.metrics.len() == 1 { "" } else { "s" },
            skipped.metrics.join(", ")
        ));
    }
    if args.strict && found.serious > 0 {
        out.flush()?;
        return Err(Findings(format!(
            "check found {} problem(s), {} of them serious ({})",
            found.all,
            found.serious,
            crate::check::SERIOUS.join(", ")
        ))
        .into());
    }
    Ok(ExitCode::SUCCESS)
}

/// How many findings, and how many of them serious.
#[derive(Default)]
struct Count {
    all: usize,
    serious: usize,
}

impl Count {
    fn add(&mut self, finding: &crate::check::Finding) {
        self.all += 1;
        self.serious += usize::from(finding.serious());
    }
}

const COLUMNS: &[&str] = &["check", "severity", "claims", "metric", "reason"];
