//! `claims history ID`: every version of a claim and every change to it:
//! what changed, old → new, when and by whom: corrections field by field,
//! status changes, history merged from other ledgers, and changes to the
//! claim's source and metric.

use super::common::{claim_columns, claim_record, moment, rewind, FormatArg};
use super::Env;
use crate::error::InputError;
use crate::ledger::{AuditEntry, Ledger};
use crate::output::{self, Format, Rows};
use anyhow::Result;
use serde_json::{json, Map, Value};
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  claims history 7
  claims history 7 --format json
  claims history 7 --as-of 2026-11-25

Shows each version, what each correction changed field by field, every status
change (retracted, reinstated, superseded), and the recorded changes to the
claim's source and metric (renamed, merged, kind set, unit changed...).")]
pub struct Args {
    /// The claim: its id or uid (any version).
    pub id: String,
    /// Show the claim as it was at this moment (2026-11-25 or 2026-11-25T12:00:00Z).
    #[arg(long = "as-of")]
    pub as_of: Option<String>,
    #[command(flatten)]
    pub format: FormatArg,
}

/// The fields whose differences between two versions of a claim are shown.
const COMPARED: &[&str] = &[
    "metric",
    "value",
    "unit",
    "as_of",
    "from",
    "stated",
    "source",
    "doc_url",
    "doc_title",
    "publisher",
    "published",
    "quote",
    "place",
    "note",
    "change_of",
    "share_of",
];

/// "status active → superseded; superseded_by → #7": each field of a JSON
/// object of `[old, new]` pairs that changed; `show` may word a value.
pub fn describe_changes(changes: &str, show: &dyn Fn(&str, &Value) -> Option<String>) -> String {
    let Ok(Value::Object(changes)) = serde_json::from_str::<Value>(changes) else {
        return changes.to_string();
    };
    let word = |field: &str, v: &Value| {
        show(field, v).unwrap_or_else(|| match (field, v) {
            (_, Value::Null) => "(none)".to_string(),
            ("superseded_by", Value::Number(n)) => format!("#{n}"),
            (_, Value::String(s)) => s.clone(),
            (_, other) => other.to_string(),
        })
    };
    changes
        .iter()
        .filter(|(_, pair)| pair[0] != pair[1])
        .map(|(field, pair)| format!("{field} {} → {}", word(field, &pair[0]), word(field, &pair[1])))
        .collect::<Vec<_>>()
        .join("; ")
}

fn describe(entry: &AuditEntry) -> String {
    describe_changes(&entry.changes, &|_, _| None)
}

fn record(
    event: &str,
    claim: Option<i64>,
    at: &str,
    by: &Option<String>,
    change: String,
    changes: Value,
) -> Map<String, Value> {
    let mut record = Map::new();
    record.insert("event".into(), json!(event));
    record.insert("claim".into(), json!(claim));
    record.insert("at".into(), json!(at));
    record.insert("by".into(), json!(by));
    record.insert("change".into(), json!(change));
    record.insert("changes".into(), changes);
    record
}

fn audit_record(entry: &AuditEntry) -> Map<String, Value> {
    let changes: Value = serde_json::from_str(&entry.changes).unwrap_or(Value::Null);
    record("status", Some(entry.claim), &entry.at, &entry.by, describe(entry), changes)
}

/// What a correction changed in the claim it supersedes, field by field.
fn correction_record(old: &Map<String, Value>, new: &Map<String, Value>) -> Option<Map<String, Value>> {
    let mut changes = Map::new();
    for field in COMPARED {
        let (before, after) =
            (old.get(*field).unwrap_or(&Value::Null), new.get(*field).unwrap_or(&Value::Null));
        if before != after {
            changes.insert(field.to_string(), json!([before, after]));
        }
    }
    let (id, old_id) = (new["id"].as_i64(), old["id"].as_i64()?);
    let text = match changes.is_empty() {
        true => format!("#{old_id} corrected, no field changed"),
        false => format!(
            "corrects #{old_id}: {}",
            describe_changes(&Value::Object(changes.clone()).to_string(), &|_, _| None)
        ),
    };
    let at = new["entered_at"].as_str().unwrap_or_default();
    let by = new["entered_by"].as_str().map(str::to_string);
    Some(record("correction", id, at, &by, text, Value::Object(changes)))
}

/// The recorded changes of the sources and the metric of these versions,
/// from the first version's entry on.
fn vocabulary_records(ledger: &Ledger, versions: &[Map<String, Value>]) -> Result<Vec<Map<String, Value>>> {
    let since = versions.first().and_then(|v| v["entered_at"].as_str()).unwrap_or_default();
    let mut sources = Vec::new();
    for name in versions.iter().filter_map(|v| v["source"].as_str()) {
        if let Some(row) = ledger.source_row(name)? {
            sources.push(row.id);
            for merged in ledger.merged_names(row.id)? {
                sources.extend(ledger.source_row(&merged)?.map(|r| r.id));
            }
        }
    }
    sources.sort_unstable();
    sources.dedup();
    let mut records = Vec::new();
    for change in ledger.vocab_changes("sources", &sources)? {
        let mut entry = super::source_edits::change_record(ledger, &change)?;
        let text = format!(
            "source \"{}\": {}",
            entry["source"].as_str().unwrap_or_default(),
            entry["change"].as_str().unwrap_or_default()
        );
        records.push(record(
            "source",
            None,
            &change.at,
            &change.by,
            text,
            entry.remove("changes").unwrap_or_default(),
        ));
    }
    let metrics: Vec<i64> = match versions.first().and_then(|v| v["metric"].as_str()) {
        Some(key) => ledger.metric(key)?.map(|m| m.id).into_iter().collect(),
        None => Vec::new(),
    };
    let keys: std::collections::HashMap<i64, String> =
        ledger.metrics(true)?.into_iter().map(|m| (m.id, m.key)).collect();
    // a total is recorded by its row id: shown by its key
    let key_of = |field: &str, value: &Value| match field {
        "part_of" => value.as_i64().and_then(|id| keys.get(&id)).cloned(),
        _ => None,
    };
    for change in ledger.vocab_changes("metrics", &metrics)? {
        let text = format!("metric: {}", describe_changes(&change.changes, &key_of));
        let changes = serde_json::from_str(&change.changes).unwrap_or(Value::Null);
        records.push(record("metric", None, &change.at, &change.by, text, changes));
    }
    records.retain(|r| r["at"].as_str().unwrap_or_default() >= since);
    Ok(records)
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
    let mut audit = Rows::new(&["event", "claim", "at", "by", "change", "changes"])
        .table_columns(&["at", "by", "claim", "change"]);
    for pair in versions.records.windows(2) {
        audit.records.extend(correction_record(&pair[0], &pair[1]));
    }
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
            record.insert("event".into(), json!("merged"));
            record.insert("claim".into(), json!(claim));
            record.insert("change".into(), json!(format!("in {ledger_name}: {}", describe(&entry))));
            audit.push(record);
        }
    }
    for entry in vocabulary_records(&ledger, &versions.records)? {
        if when.as_deref().is_none_or(|t| entry["at"].as_str().unwrap_or_default() <= t) {
            audit.push(entry);
        }
    }
    // oldest first; what happened at one moment keeps the order above
    audit.records.sort_by(|a, b| a["at"].as_str().cmp(&b["at"].as_str()));
    match args.format.format {
        // one object, pretty or on one line: versions and changes are two shapes
        format @ (Format::Json | Format::Jsonl) => {
            let versions: Vec<Value> = versions.records.into_iter().map(Value::Object).collect();
            let audit: Vec<Value> = audit.records.into_iter().map(Value::Object).collect();
            let history = json!({ "versions": versions, "audit": audit });
            match format {
                Format::Json => serde_json::to_writer_pretty(&mut *out, &history)?,
                _ => serde_json::to_writer(&mut *out, &history)?,
            }
            writeln!(out)?;
        }
        format @ (Format::Csv | Format::Tsv) => {
            let delimiter = if format == Format::Tsv { b'\t' } else { b',' };
            write_flat(out, delimiter, &versions.records, &audit.records)?;
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

/// The columns of `history --format csv|tsv`: one row per version entered
/// and per field a change touched, oldest first.
const FLAT_COLUMNS: &[&str] = &["kind", "claim", "at", "by", "field", "old", "new", "change"];

/// History as one flat table: a `version` row for each version as it was
/// entered, then, for each change (`correction`, `status`, `merged`,
/// `source`, `metric`), a row per field it changed, in time order.
fn write_flat(
    out: &mut dyn Write,
    delimiter: u8,
    versions: &[Map<String, Value>],
    audit: &[Map<String, Value>],
) -> Result<()> {
    let text = |v: Option<&Value>| v.map(output::plain).unwrap_or_default();
    let mut rows: Vec<[String; 8]> = Vec::new();
    for version in versions {
        let entered = format!(
            "entered: {} as of {}{}",
            text(version.get("value")),
            text(version.get("as_of")),
            version.get("source").and_then(Value::as_str).map(|s| format!(" ({s})")).unwrap_or_default()
        );
        rows.push([
            "version".into(),
            text(version.get("id")),
            text(version.get("entered_at")),
            text(version.get("entered_by")),
            String::new(),
            String::new(),
            String::new(),
            entered,
        ]);
    }
    for entry in audit {
        let head = |field: String, old: String, new: String| {
            [
                text(entry.get("event")),
                text(entry.get("claim")),
                text(entry.get("at")),
                text(entry.get("by")),
                field,
                old,
                new,
                text(entry.get("change")),
            ]
        };
        let pairs: Vec<(&String, &Value)> = match entry.get("changes") {
            Some(Value::Object(changes)) => {
                changes.iter().filter(|(_, pair)| pair.get(0) != pair.get(1)).collect()
            }
            _ => Vec::new(),
        };
        if pairs.is_empty() {
            rows.push(head(String::new(), String::new(), String::new()));
        }
        for (field, pair) in pairs {
            rows.push(head(field.clone(), text(pair.get(0)), text(pair.get(1))));
        }
    }
    // oldest first; a version comes before the changes made at its moment
    rows.sort_by(|a, b| a[2].cmp(&b[2]));
    let mut writer = output::csv_writer(out, delimiter);
    output::write_csv_record(&mut writer, FLAT_COLUMNS)?;
    for row in &rows {
        output::write_csv_record(&mut writer, row)?;
    }
    writer.flush()?;
    Ok(())
}
