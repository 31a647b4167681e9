//! `claims merge OTHER.db`: brings another researcher's ledger in by uid.
//! New claims, sources, documents and metrics are added, identical ones
//! skipped, and claims whose uid is known here with other content are
//! written to a conflicts file and left for the user.

use super::Env;
use crate::error::InputError;
use crate::import::{self, Options};
use crate::ledger::{ClaimFilter, Ledger};
use anyhow::{Context as _, Result};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The other ledger.
    pub other: PathBuf,
    /// Where to write the claims that conflict (same uid, other content).
    #[arg(long, default_value = "merge-conflicts.csv")]
    pub conflicts: PathBuf,
}

pub fn run(env: &Env, args: Args, out: &mut dyn Write) -> Result<ExitCode> {
    let same = |a: &PathBuf, b: &PathBuf| {
        a.canonicalize().ok().zip(b.canonicalize().ok()).is_some_and(|(x, y)| x == y)
    };
    if same(&args.other, &env.db) {
        return Err(InputError::new("a ledger cannot be merged into itself").into());
    }
    let other = Ledger::open_existing(&args.other)?;
    // the other ledger as its CSV export: one path in, checked like any import
    let staged = std::env::temp_dir().join(format!("claims-merge-{}.csv", std::process::id()));
    let exported = export_all(&other, &staged);
    let history = other.audit_with_uids()?;
    drop(other);
    let result = exported.and_then(|_| {
        let mut ledger = env.ledger_for_writing()?;
        let options = Options {
            skip_bad: Some(args.conflicts.clone()),
            max_errors: 20,
            name: Some(format!("merge of {}", args.other.display())),
            ..Default::default()
        };
        import::import(&mut ledger, &env.ctx, &staged.to_string_lossy(), &options)
    });
    let _ = std::fs::remove_file(&staged);
    let summary = result?;
    // the other ledger's history of the claims now here, kept beside ours
    let name = args.other.display().to_string();
    let mut ledger = env.ledger_for_writing()?;
    let kept = ledger.write(|l| {
        let mut kept = 0;
        for (uid, entry) in &history {
            if l.claim_id_by_uid(uid)?.is_some() && l.keep_merged_history(&name, uid, entry)? {
                kept += 1;
            }
        }
        Ok(kept)
    })?;
    write!(
        out,
        "merged {}: {} claims, {} added, {} already present",
        args.other.display(),
        summary.rows,
        summary.added,
        summary.present
    )?;
    if summary.rejected > 0 {
        write!(
            out,
            ", {} conflicting (written to {}, left for you)",
            summary.rejected,
            args.conflicts.display()
        )?;
    }
    if kept > 0 {
        write!(out, "; {kept} {} of its history kept", if kept == 1 { "entry" } else { "entries" })?;
    }
    writeln!(out)?;
    Ok(ExitCode::SUCCESS)
}

fn export_all(ledger: &Ledger, path: &std::path::Path) -> Result<()> {
    let file = std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
    let mut out = std::io::BufWriter::new(file);
    super::export::write_csv(ledger, &ClaimFilter { all: true, ..Default::default() }, &mut out)?;
    Ok(out.flush()?)
}
