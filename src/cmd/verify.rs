//! `claims verify`: the ledger's integrity: SQLite's own checks, the schema
//! as shipped, the ledger's invariants and its own counts, and the hash
//! chains of claims, audit log and table log; with `--since HEAD`, that the
//! ledger still extends a head kept elsewhere.

use super::common::FormatArg;
use super::Env;
use crate::error::{Findings, InputError};
use crate::ledger::{Ledger, Problem};
use crate::output::{self, Format, Rows};
use anyhow::Result;
use serde_json::json;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Check too that the ledger still extends HEAD, as an earlier verify,
    /// backup or export -o printed it: history before it was not rewritten.
    #[arg(long, value_name = "HEAD")]
    pub since: Option<String>,
    #[command(flatten)]
    pub format: FormatArg,
}

/// The table log check of a ledger whose version has none.
const NO_TABLE_LOG: &str = "table log (not available before ledger version 3)";

/// Every check, with what it found. Only reads: works on a ledger opened
/// read-only and on an older version, whose missing table log is named.
pub fn verify(ledger: &Ledger) -> Result<Vec<(&'static str, Vec<Problem>)>> {
    let table_log = if ledger.has_table_log().unwrap_or(true) { "table log" } else { NO_TABLE_LOG };
    Ok(vec![
        ("sqlite integrity", guarded(ledger, "sqlite integrity", || ledger.integrity_problems())),
        ("schema", guarded(ledger, "schema", || ledger.schema_problems())),
        ("foreign keys", guarded(ledger, "foreign keys", || ledger.foreign_key_problems())),
        ("invariants", guarded(ledger, "invariants", || ledger.invariant_problems())),
        ("claim chain", guarded(ledger, "claim chain", || ledger.verify_claim_chain())),
        ("claim columns", guarded(ledger, "claim columns", || ledger.derived_column_problems())),
        ("audit chain", guarded(ledger, "audit chain", || ledger.verify_audit_chain())),
        (table_log, guarded(ledger, "table log", || Ok(ledger.table_log_problems()?.unwrap_or_default()))),
        ("import batches", guarded(ledger, "import batches", || ledger.batch_problems())),
    ])
}

/// A check's problems; a check that cannot read the ledger is one itself.
fn guarded(
    ledger: &Ledger,
    name: &'static str,
    check: impl FnOnce() -> Result<Vec<Problem>>,
) -> Vec<Problem> {
    check().unwrap_or_else(|e| {
        vec![ledger.damaged(name, None, &format!("the {name} check cannot read it: {e}"))]
    })
}

/// A ledger SQLite cannot open at all (a truncated file, a damaged header
/// or schema): no claim in it can be checked, and `verify` says so.
fn unreadable(e: anyhow::Error, db: &Path) -> anyhow::Error {
    let corrupt = e.chain().filter_map(|c| c.downcast_ref::<rusqlite::Error>()).any(|e| {
        matches!(
            e.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
        )
    });
    if !corrupt {
        return e;
    }
    InputError::new(format!(
        "{} is damaged: SQLite cannot read its header or schema, so none of its claims can be checked",
        db.display()
    ))
    .hint("restore it from a backup (`claims backup` makes one); a truncated copy is shorter than its ledger")
    .into()
}

pub fn run(env: &Env, args: Args, out: &mut dyn Write) -> Result<ExitCode> {
    let ledger = env.ledger().map_err(|e| unreadable(e, &env.db))?;
    let since = args.since.as_deref().map(|head| ledger.since_problems(head)).transpose()?;
    let mut results = verify(&ledger)?;
    results.extend(since.map(|found| ("since head", found)));
    let problems: usize = results.iter().map(|(_, p)| p.len()).sum();
    let head = ledger.head().ok().map(|h| h.to_string());
    let mut rows = Rows::new(&["check", "ok", "problems"]);
    for (check, found) in &results {
        // the problems as JSON prints them; the table reads their words
        let details: Vec<String> = found.iter().map(|p| p.detail.clone()).collect();
        let record = json!({ "check": check, "ok": found.is_empty(), "problems": found });
        if let serde_json::Value::Object(mut map) = record {
            map.insert(output::table_only("problems"), json!(details));
            rows.push(map);
        }
    }
    match args.format.format {
        Format::Json => {
            let report = json!({
                "ledger": env.db.display().to_string(),
                "ok": problems == 0,
                "head": head,
                "checks": results.iter().map(|(check, found)| json!({
                    "check": check, "ok": found.is_empty(), "problems": found
                })).collect::<Vec<_>>(),
            });
            serde_json::to_writer_pretty(&mut *out, &report)?;
            writeln!(out)?;
        }
        format => output::render(out, format, &rows)?,
    }
    if args.format.format == Format::Table && problems == 0 {
        let claims = ledger.count_claims()?;
        writeln!(out, "ledger {} verified: {claims} claims", env.db.display())?;
        if let Some(head) = head {
            writeln!(
                out,
                "head {head} (keep it elsewhere: `claims verify --since HEAD` checks this history)"
            )?;
        }
    }
    if problems > 0 {
        out.flush()?;
        return Err(Findings(format!("verify found {problems} problem(s) in {}", env.db.display())).into());
    }
    Ok(ExitCode::SUCCESS)
}
