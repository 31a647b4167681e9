//! `claims sources rename|merge|edit|history`: keeping the sources tidy
//! without losing anything. No claim is rewritten: a merged spelling points
//! at the source it was merged into, and the database records every change
//! (who, when, old → new), shown by `sources history` and `claims history`.

use super::common::FormatArg;
use super::history::describe_changes;
use super::Env;
use crate::error::InputError;
use crate::ledger::{Ledger, SourceRow, VocabChange};
use crate::model::SOURCE_KINDS;
use crate::output::{self, Rows};
use anyhow::Result;
use serde_json::{json, Map, Value};
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  claims sources rename \"Kirby\" \"John Kirby\"

The old name is then free: a later claim naming it starts a new source
(merge it with `claims sources merge`).")]
pub struct RenameArgs {
    /// The source's name now.
    #[arg(add = crate::completion::source())]
    pub old: String,
    /// Its new name; refused if another source has it (merge them instead).
    pub new: String,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  claims sources merge \"G\" \"g\"
  claims sources merge \"john kirby\" \"John Kirby\"

The first name stays known: its claims, and later claims naming it, count as
the second's. No claim is rewritten; `claims sources history` shows the merge.")]
pub struct MergeArgs {
    /// The spelling to merge away.
    #[arg(add = crate::completion::source())]
    pub from: String,
    /// The source to keep.
    #[arg(add = crate::completion::source())]
    pub into: String,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  claims sources edit \"John Kirby\" --kind person
  claims sources edit \"John Kirby\" --affiliation \"U.S. National Security Council\"")]
pub struct EditArgs {
    /// The source's name.
    #[arg(add = crate::completion::source())]
    pub name: String,
    /// What kind of claimant it is.
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(SOURCE_KINDS))]
    pub kind: Option<String>,
    /// Who it speaks for.
    #[arg(long)]
    pub affiliation: Option<String>,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  claims sources history \"John Kirby\"
  claims sources history \"John Kirby\" --format json")]
pub struct HistoryArgs {
    /// The source's name (or a spelling merged into it).
    pub name: String,
    #[command(flatten)]
    pub format: FormatArg,
}

/// A source named on the command line, by its exact name.
fn known(ledger: &Ledger, name: &str, place: &str) -> Result<SourceRow> {
    if let Some(row) = ledger.source_row(name)? {
        return Ok(row);
    }
    let names = ledger.source_names()?;
    let close: Vec<String> = names.iter().filter(|n| n.eq_ignore_ascii_case(name)).cloned().collect();
    let close = if close.is_empty() { crate::entry::close_matches(name, &names) } else { close };
    let hint = match close.is_empty() {
        true => "`claims sources` lists them; names are matched exactly".to_string(),
        false => format!(
            "did you mean {}?",
            close.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ")
        ),
    };
    Err(InputError::new(format!("unknown source \"{name}\"")).at(place).hint(hint).into())
}

/// A source that was not merged into another: only those are changed.
fn current(ledger: &Ledger, name: &str, place: &str) -> Result<SourceRow> {
    let row = known(ledger, name, place)?;
    match row.merged_into.map(|id| ledger.source_row_by_id(id)).transpose()?.flatten() {
        Some(into) => Err(InputError::new(format!("\"{name}\" was merged into \"{}\"", into.name))
            .at(place)
            .hint(format!("name the source it is now: \"{}\"", into.name))
            .into()),
        None => Ok(row),
    }
}

pub fn rename(env: &Env, args: RenameArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let new = args.new.trim();
    if new.is_empty() {
        return Err(InputError::new("a source needs a name").at("NEW").into());
    }
    let mut ledger = env.ledger()?;
    let source = current(&ledger, &args.old, "OLD")?;
    if source.name == new {
        return Err(InputError::new(format!("the source is already called \"{new}\"")).at("NEW").into());
    }
    if ledger.source_row(new)?.is_some() {
        return Err(InputError::new(format!("there is a source \"{new}\" already"))
            .at("NEW")
            .hint(format!(
                "if they are one source, merge them: claims sources merge \"{}\" \"{new}\"",
                source.name
            ))
            .into());
    }
    ledger.write(|l| l.rename_source(source.id, new))?;
    writeln!(out, "renamed \"{}\" to \"{new}\"", source.name)?;
    Ok(ExitCode::SUCCESS)
}

pub fn merge(env: &Env, args: MergeArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let mut ledger = env.ledger()?;
    let from = current(&ledger, &args.from, "FROM")?;
    let into = current(&ledger, &args.into, "INTO")?;
    if from.id == into.id {
        return Err(InputError::new(format!("cannot merge \"{}\" into itself", from.name))
            .hint("name the spelling to merge away, then the source to keep")
            .into());
    }
    let kind = filled("kind", &from, from.kind.as_deref(), into.kind.as_deref())?;
    let affiliation = filled("affiliation", &from, from.affiliation.as_deref(), into.affiliation.as_deref())?;
    ledger.write(|l| {
        l.edit_source(into.id, kind, affiliation)?;
        l.merge_source(from.id, into.id)
    })?;
    writeln!(
        out,
        "merged \"{}\" into \"{}\": its claims count as \"{}\"'s",
        from.name, into.name, into.name
    )?;
    Ok(ExitCode::SUCCESS)
}

/// What the kept source takes from the merged one: a detail it lacks; two
/// details that differ are refused.
fn filled<'a>(
    field: &str,
    from: &SourceRow,
    theirs: Option<&'a str>,
    ours: Option<&str>,
) -> Result<Option<&'a str>> {
    match (theirs, ours) {
        (Some(theirs), Some(ours)) if theirs != ours => Err(InputError::new(format!(
            "\"{}\" has {field} \"{theirs}\", the source to keep has \"{ours}\"",
            from.name
        ))
        .hint(format!(
            "if they are one source, set one {field} first: claims sources edit \"{}\" --{field} \"{ours}\"",
            from.name
        ))
        .into()),
        (Some(theirs), None) => Ok(Some(theirs)),
        _ => Ok(None),
    }
}

pub fn edit(env: &Env, args: EditArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let affiliation = args.affiliation.as_deref().map(str::trim);
    if args.kind.is_none() && affiliation.is_none() {
        return Err(InputError::new("nothing to change")
            .at("NAME")
            .hint("give --kind or --affiliation")
            .into());
    }
    if affiliation == Some("") {
        return Err(InputError::new("an affiliation cannot be empty").at("--affiliation").into());
    }
    let mut ledger = env.ledger()?;
    let source = current(&ledger, &args.name, "NAME")?;
    ledger.write(|l| l.edit_source(source.id, args.kind.as_deref(), affiliation))?;
    let after = known(&ledger, &source.name, "NAME")?;
    let said: Vec<String> =
        [("kind", &source.kind, &after.kind), ("affiliation", &source.affiliation, &after.affiliation)]
            .iter()
            .filter(|(_, old, new)| old != new)
            .map(|(field, old, new)| format!("{field} {} → {}", shown(old), shown(new)))
            .collect();
    match said.is_empty() {
        true => writeln!(out, "\"{}\": unchanged (it already was so)", source.name)?,
        false => writeln!(out, "\"{}\": {}", source.name, said.join("; "))?,
    }
    Ok(ExitCode::SUCCESS)
}

fn shown(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("(none)")
}

pub fn history(env: &Env, args: HistoryArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let ledger = env.ledger()?;
    let named = known(&ledger, &args.name, "NAME")?;
    let source = match named.merged_into {
        Some(id) => ledger.source_row_by_id(id)?.unwrap_or(named),
        None => named,
    };
    let mut ids = vec![source.id];
    for name in ledger.merged_names(source.id)? {
        ids.extend(ledger.source_row(&name)?.map(|r| r.id));
    }
    let mut rows = Rows::new(&["at", "by", "source", "change", "changes"])
        .table_columns(&["at", "by", "source", "change"]);
    for change in ledger.vocab_changes("sources", &ids)? {
        rows.push(change_record(&ledger, &change)?);
    }
    rows.records.sort_by(|a, b| a["at"].as_str().cmp(&b["at"].as_str()));
    output::render(out, args.format.format, &rows)?;
    Ok(ExitCode::SUCCESS)
}

/// The source a claim naming `name` is counted under, as it is now.
pub fn kept_source(ledger: &Ledger, name: Option<&str>) -> Result<Option<SourceRow>> {
    let Some(row) = name.map(|n| ledger.source_row(n)).transpose()?.flatten() else { return Ok(None) };
    match row.merged_into {
        Some(id) => ledger.source_row_by_id(id),
        None => Ok(Some(row)),
    }
}

/// Says on standard error when a claim gave its source a kind or an
/// affiliation it lacked: a change of the source, for all its claims.
pub fn note_filled(ledger: &Ledger, before: Option<SourceRow>) -> Result<()> {
    let Some(before) = before else { return Ok(()) };
    let Some(after) = ledger.source_row_by_id(before.id)? else { return Ok(()) };
    let changed: Vec<String> =
        [("kind", &before.kind, &after.kind), ("affiliation", &before.affiliation, &after.affiliation)]
            .iter()
            .filter(|(_, old, new)| old != new)
            .map(|(field, old, new)| format!("{field} {} → {}", shown(old), shown(new)))
            .collect();
    if !changed.is_empty() {
        eprintln!(
            "claims: note: the source \"{}\" now has {} for all its claims (recorded: claims sources history \"{}\")",
            after.name,
            changed.join(", "),
            after.name
        );
    }
    Ok(())
}

/// A recorded change to a source, as a record: what, old → new, when, by whom.
pub fn change_record(ledger: &Ledger, change: &VocabChange) -> Result<Map<String, Value>> {
    let source = ledger.source_row_by_id(change.row_id)?.map(|r| r.name);
    let name_of =
        |v: &Value| v.as_i64().and_then(|id| ledger.source_row_by_id(id).ok().flatten()).map(|r| r.name);
    let text = describe_changes(&change.changes, &|field, value| match field {
        "merged_into" => name_of(value).map(|n| format!("\"{n}\"")),
        _ => None,
    });
    let mut record = Map::new();
    record.insert("at".into(), json!(change.at));
    record.insert("by".into(), json!(change.by));
    record.insert("source".into(), json!(source));
    record.insert("change".into(), json!(text));
    record.insert("changes".into(), serde_json::from_str(&change.changes).unwrap_or(Value::Null));
    Ok(record)
}
