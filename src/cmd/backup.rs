//! `claims backup FILE`: a consistent copy of the ledger while other
//! processes read and write it (SQLite's online backup), verified after
//! writing.

use super::Env;
use crate::error::{Findings, InputError};
use crate::ledger::Ledger;
use anyhow::{Context as _, Result};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to write the copy; an existing file is never overwritten.
    pub file: PathBuf,
}

pub fn run(env: &Env, args: Args, out: &mut dyn Write) -> Result<ExitCode> {
    if args.file.exists() {
        return Err(InputError::new(format!("{} exists already", args.file.display()))
            .hint("name a new file: a backup never overwrites")
            .into());
    }
    let ledger = env.ledger()?;
    let partial = args.file.with_extension("partial");
    ledger.backup_to(&partial).with_context(|| format!("backing up to {}", partial.display()))?;
    let copy = Ledger::open_existing(&partial)?;
    let problems: usize = super::verify::verify(&copy)?.iter().map(|(_, p)| p.len()).sum();
    let claims = copy.count_claims()?;
    let head = copy.head()?;
    drop(copy);
    if problems > 0 {
        return Err(Findings(format!(
            "the backup {} did not verify ({problems} problems); kept for inspection",
            partial.display()
        ))
        .into());
    }
    std::fs::rename(&partial, &args.file).with_context(|| format!("writing {}", args.file.display()))?;
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", partial.display()));
    }
    writeln!(out, "backed up {claims} claims to {} (verified, head {head})", args.file.display())?;
    Ok(ExitCode::SUCCESS)
}
