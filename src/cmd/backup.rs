//! `claims backup FILE`: a consistent copy of the ledger while other
//! processes read and write it (SQLite's online backup), verified before
//! it takes its name.

use super::Env;
use crate::error::{Findings, InputError};
use crate::files::OutputFile;
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
    let ledger = env.ledger()?;
    // a backup never replaces a file, --force or not: commit_new below
    let staged = OutputFile::create(&args.file, &env.protected().overwrite(true))?;
    if args.file.exists() {
        return Err(InputError::new(format!("{} exists already", args.file.display()))
            .hint("name a new file: a backup never overwrites")
            .into());
    }
    ledger.backup_to(staged.temp_path()).with_context(|| format!("backing up to {}", args.file.display()))?;
    let copy = Ledger::open_read_only(staged.temp_path())?;
    let problems: usize = super::verify::verify(&copy)?.iter().map(|(_, p)| p.len()).sum();
    let claims = copy.count_claims()?;
    let head = copy.head()?;
    drop(copy);
    if problems > 0 {
        return Err(Findings(format!(
            "the backup did not verify ({problems} problems); nothing was written to {}",
            args.file.display()
        ))
        .into());
    }
    staged.commit_new()?;
    writeln!(out, "backed up {claims} claims to {} (verified, head {head})", args.file.display())?;
    Ok(ExitCode::SUCCESS)
}
