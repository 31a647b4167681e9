//! `claims reinstate ID --reason R`: undoes a retraction. The retraction
//! stays in the audit log; the claim's return is a new status change, with
//! who and when.

use super::edit::find_claim;
use super::Env;
use crate::error::InputError;
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;

/// The same arguments as `retract`.
pub use super::retract::Args;

pub fn run(env: &Env, args: Args, out: &mut dyn Write) -> Result<ExitCode> {
    let mut ledger = args.ledger(env)?;
    let reason = args.reason("reinstating a claim")?;
    let claim = find_claim(&ledger, &args.id)?;
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
