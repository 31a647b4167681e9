//! `claims verify`: the ledger's integrity: SQLite's own checks, the
//! ledger's invariants, and the hash chains of claims and audit log.

use super::common::FormatArg;
use super::Env;
use crate::error::Findings;
use crate::ledger::{Ledger, Problem};
use crate::output::{self, Format, Rows};
use anyhow::Result;
use serde_json::json;
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub format: FormatArg,
}

/// Every check, with what it found.
pub fn verify(ledger: &Ledger) -> Result<Vec<(&'static str, Vec<Problem>)>> {
    Ok(vec![
        ("sqlite integrity", ledger.integrity_problems()?),
        ("foreign keys", ledger.foreign_key_problems()?),
        ("invariants", ledger.invariant_problems()?),
        ("claim chain", ledger.verify_claim_chain()?),
        ("audit chain", ledger.verify_audit_chain()?),
    ])
}

pub fn run(env: &Env, args: Args, out: &mut dyn Write) -> Result<ExitCode> {
    let ledger = env.ledger()?;
    let results = verify(&ledger)?;
    let problems: usize = results.iter().map(|(_, p)| p.len()).sum();
    let mut rows = Rows::new(&["check", "ok", "problems"]);
    for (check, found) in &results {
        let details: Vec<String> = found.iter().map(|p| p.detail.clone()).collect();
        let record = json!({ "check": check, "ok": found.is_empty(), "problems": details });
        if let serde_json::Value::Object(map) = record {
            rows.push(map);
        }
    }
    output::render(out, args.format.format, &rows)?;
    if args.format.format == Format::Table {
        let claims = ledger.count_claims()?;
        if problems == 0 {
            writeln!(out, "ledger {} verified: {claims} claims", env.db.display())?;
        }
    }
    if problems > 0 {
        out.flush()?;
        return Err(Findings(format!("verify found {problems} problem(s) in {}", env.db.display())).into());
    }
    Ok(ExitCode::SUCCESS)
}
