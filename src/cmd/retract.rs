//! `claims retract ID --reason R`: marks a claim retracted. It stays in the
//! ledger, with its reason, and leaves the reports.

use super::edit::current_claim;
use super::Env;
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The claim to retract: its id or uid.
    pub id: String,
    /// Why: "the ministry withdrew the figure on 3 January".
    #[arg(long)]
    pub reason: String,
    /// Who retracts it (else CLAIMS_USER or the OS user).
    #[arg(long)]
    pub by: Option<String>,
}

pub fn run(env: &Env, args: Args, out: &mut dyn Write) -> Result<ExitCode> {
    let mut ledger = env.ledger()?;
    if let Some(by) = &args.by {
        ledger.set_actor(Some(by), &env.ctx.timestamp())?;
    }
    let claim = current_claim(&ledger, &args.id)?;
    if args.reason.trim().is_empty() {
        return Err(crate::error::InputError::new("a retraction needs a reason").at("--reason").into());
    }
    ledger.write(|l| l.retract(claim.id, args.reason.trim()))?;
    writeln!(out, "retracted {}", claim.id)?;
    Ok(ExitCode::SUCCESS)
}
