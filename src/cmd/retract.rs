//! `claims retract ID --reason R`: marks a claim retracted. It stays in the
//! ledger, with its reason, and leaves the reports.

use super::edit::current_claim;
use super::Env;
use crate::error::InputError;
use crate::ledger::Ledger;
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;

/// What every status change names: the claim, why, and who (retract and reinstate).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The claim: its id or uid.
    pub id: String,
    /// Why: "the ministry withdrew the figure on 3 January", "retracted by mistake".
    #[arg(long)]
    pub reason: String,
    /// Who makes the change (else CLAIMS_USER or the OS user).
    #[arg(long)]
    pub by: Option<String>,
}

impl Args {
    /// The ledger, acting as `--by` when given.
    pub fn ledger(&self, env: &Env) -> Result<Ledger> {
        let ledger = env.ledger()?;
        if let Some(by) = &self.by {
            ledger.set_actor(Some(by), &env.ctx.timestamp())?;
        }
        Ok(ledger)
    }

    /// The reason, trimmed; refused when empty (`what` names the change).
    pub fn reason(&self, what: &str) -> Result<&str> {
        let reason = self.reason.trim();
        if reason.is_empty() {
            return Err(InputError::new(format!("{what} needs a reason")).at("--reason").into());
        }
        Ok(reason)
    }
}

pub fn run(env: &Env, args: Args, out: &mut dyn Write) -> Result<ExitCode> {
    let mut ledger = args.ledger(env)?;
    let claim = current_claim(&ledger, &args.id)?;
    let reason = args.reason("a retraction")?;
    ledger.write(|l| l.retract(claim.id, reason))?;
    writeln!(out, "retracted {}", claim.id)?;
    Ok(ExitCode::SUCCESS)
}
