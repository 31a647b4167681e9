//! `claims reinstate ID --reason R`: undoes a retraction. The retraction
//! stays in the audit log; the claim's return is a new status change, with
//! who and when.

use super::Env;
use crate::error::InputError;
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  claims reinstate 5 --reason \"the ministry confirmed the figure on 4 January\"
  claims history 5")]
pub struct Args {
    /// The retracted claim: its id or uid.
    pub id: String,
    /// Why it is back: "retracted by mistake", "the source confirmed it".
    #[arg(long)]
    pub reason: String,
    /// Who reinstates it (else CLAIMS_USER or the OS user).
    #[arg(long)]
    pub by: Option<String>,
}

pub fn run(env: &Env, args: Args, out: &mut dyn Write) -> Result<ExitCode> {
    let mut ledger = env.ledger()?;
    if let Some(by) = &args.by {
        ledger.set_actor(Some(by), &env.ctx.timestamp())?;
    }
    let reason = args.reason.trim();
    if reason.is_empty() {
        return Err(InputError::new("reinstating a claim needs a reason").at("--reason").into());
    }
    let found = match ledger.claim_ref(args.id.trim_start_matches('#'))? {
        Some(r) => ledger.claim(r.id)?,
        None => None,
    };
    let Some(claim) = found else {
        return Err(InputError::new(format!("there is no claim {}", args.id))
            .hint("`claims list --all` shows the ids")
            .into());
    };
    match claim.status.as_str() {
        "retracted" => {}
        "superseded" => {
            return Err(InputError::new(format!("claim {} is superseded, not retracted", claim.id))
                .hint(format!("`claims history {}` shows its current version", claim.id))
                .into())
        }
        _ => {
            return Err(InputError::new(format!(
                "claim {} is active: only a retracted claim can be reinstated",
                claim.id
            ))
            .hint("to change it, record a correction: claims edit ID")
            .into())
        }
    }
    ledger.write(|l| l.reinstate(claim.id, reason))?;
    writeln!(
        out,
        "reinstated {} (it was retracted: {})",
        claim.id,
        claim.reason.as_deref().unwrap_or("no reason")
    )?;
    Ok(ExitCode::SUCCESS)
}
