//! `claims history ID`: every version of a claim and every change to it:
//! what changed, old → new, when and by whom.

use super::common::{claim_columns, claim_record, moment, rewind, FormatArg};
use super::Env;
use crate::error::InputError;
use crate::ledger::AuditEntry;
use crate::output::{self, Format, Rows};
use anyhow::Result;
use serde_json::{json, Map, Value};
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The claim: its id or uid (any version).
    pub id: String,
    /// Show the claim as it was at this moment (2026-11-25 or 2026-11-25T12:00:00Z).
    #[arg(long = "as-of")]
    pub as_of: Option<String>,
    #[command(flatten)]
    pub format: FormatArg,
}

/// "status active → superseded; superseded_by → #7".
fn describe(entry: &AuditEntry) -> String {
    let Ok(Value::Object(changes)) = serde_json::from_str::<Value>(&entry.changes) else {
        return entry.changes.clone();
    };
    let show = |field: &str, v: &Value| match (field, v) {
        (_, Value::Null) => "(none)".to_string(),
        ("superseded_by", Value::Number(n)) => format!("#{n}"),
        (_, Value::String(s)) => s.clone(),
        (_, other) => other.to_string(),
    };
    changes
        .iter()
        .filter(|(_, pair)| pair[0] != pair[1])
        .map(|(field, pair)| format!("{field} {} → {}", show(field, &pair[0]), show(field, &pair[1])))
        .collect::<Vec<_>>()
        .join("; ")
}

fn audit_record(entry: &AuditEntry) -> Map<String, Value> {
    let changes: Value = serde_json::from_str(&entry.changes).unwrap_or(Value::Null);
    let mut record = Map::new();
    record.insert("claim".into(), json!(entry.claim));
    record.insert("at".into(), json!(entry.at));
    record.insert("by".into(), json!(entry.by));
    record.insert("change".into(), json!(describe(entry)));
    record.insert("changes".into(), changes);
    record
}

pub fn run(env: &Env, args: Args, out: &mut dyn Write) -> Result<ExitCode> {
    let ledger = env.ledger()?;
    let Some(found) = ledger.claim_ref(args.id.trim_start_matches('#'))? else {
        return Err(InputError::new(format!("there is no claim {}", args.id))
            .hint("`claims list` shows the ids")
            .into());
    };
    let when = args.as_of.as_deref().map(|t| moment("--as-of", t)).transpose()?;
    let states = match &when {
        Some(t) => ledger.states_at(t)?,
        None => Default::default(),
    };
    let mut versions = Rows::new(&claim_columns()).table_columns(&[
        "id",
        "status",
        "value",
        "unit",
        "as_of",
        "source",
        "entered_by",
        "entered_at",
        "reason",
    ]);
    let ids = ledger.lineage(found.id)?;
    for id in &ids {
        let Some(mut claim) = ledger.claim(*id)? else { continue };
        if when.as_deref().is_some_and(|t| claim.entered_at.as_str() > t) {
            continue;
        }
        if let Some(state) = states.get(id) {
            rewind(&mut claim, state);
        }
        versions.push(claim_record(&claim));
    }
    let mut audit = Rows::new(&["claim", "at", "by", "change", "changes"])
        .table_columns(&["at", "by", "claim", "change"]);
    for entry in ledger.audit_entries(&ids)? {
        if when.as_deref().is_none_or(|t| entry.at.as_str() <= t) {
            audit.push(audit_record(&entry));
        }
    }
    let uids: Vec<String> =
        versions.records.iter().filter_map(|v| v["uid"].as_str().map(str::to_string)).collect();
    for (ledger_name, uid, entry) in ledger.merged_history(&uids)? {
        if when.as_deref().is_none_or(|t| entry.at.as_str() <= t) {
            let mut record = audit_record(&entry);
            let claim =
                versions.records.iter().find(|v| v["uid"] == uid.as_str()).and_then(|v| v["id"].as_i64());
            record.insert("claim".into(), json!(claim));
            record.insert("change".into(), json!(format!("in {ledger_name}: {}", describe(&entry))));
            audit.push(record);
        }
    }
    match args.format.format {
        Format::Json => {
            let versions: Vec<Value> = versions.records.into_iter().map(Value::Object).collect();
            let audit: Vec<Value> = audit.records.into_iter().map(Value::Object).collect();
            serde_json::to_writer_pretty(&mut *out, &json!({ "versions": versions, "audit": audit }))?;
            writeln!(out)?;
        }
        format => {
            if format == Format::Table {
                writeln!(out, "Versions of claim {}, oldest first:", found.id)?;
            }
            output::render(out, format, &versions)?;
            if format == Format::Table {
                writeln!(out, "\nChanges:")?;
            }
            output::render(out, format, &audit)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
