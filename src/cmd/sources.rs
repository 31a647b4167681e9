//! `claims sources`: who said what, with counts; `rename`, `merge`, `edit`
//! and `history` keep the sources tidy (`source_edits.rs`).

use super::common::FormatArg;
use super::source_edits;
use super::Env;
use crate::output::{self, Rows};
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  claims sources
  claims sources merge \"john kirby\" \"John Kirby\"
  claims sources edit \"John Kirby\" --kind person --affiliation \"U.S. National Security Council\"")]
pub struct Args {
    #[command(subcommand)]
    pub action: Option<Action>,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Give a source a new name; its claims follow.
    Rename(source_edits::RenameArgs),
    /// One source entered under two spellings: the first becomes the second.
    Merge(source_edits::MergeArgs),
    /// Set a source's kind or affiliation; the old values stay in its history.
    Edit(source_edits::EditArgs),
    /// Every change to a source: what, old → new, when and by whom.
    History(source_edits::HistoryArgs),
}

pub fn run(env: &Env, args: Args, out: &mut dyn Write) -> Result<ExitCode> {
    match args.action {
        Some(Action::Rename(a)) => source_edits::rename(env, a, out),
        Some(Action::Merge(a)) => source_edits::merge(env, a, out),
        Some(Action::Edit(a)) => source_edits::edit(env, a, out),
        Some(Action::History(a)) => source_edits::history(env, a, out),
        None => list(env, args.format, out),
    }
}

fn list(env: &Env, format: FormatArg, out: &mut dyn Write) -> Result<ExitCode> {
    let ledger = env.ledger()?;
    let columns = ["name", "kind", "affiliation", "claims", "metrics", "last_stated", "also_named"];
    let sources = ledger.sources()?;
    let mut rows = Rows::new(&columns);
    if sources.iter().all(|s| s.also_named.is_none()) {
        rows = rows.table_columns(&columns[..6]);
    }
    for source in sources {
        if let serde_json::Value::Object(record) = serde_json::to_value(source)? {
            rows.push(record);
        }
    }
    output::render(out, format.format, &rows)?;
    Ok(ExitCode::SUCCESS)
}
