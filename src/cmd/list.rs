//! `claims list`: browse claims in time order.

use super::common::{claim_rows, FilterArgs, FormatArg};
use super::Env;
use crate::output;
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Every claim, retracted and superseded ones too.
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub format: FormatArg,
}

pub fn run(env: &Env, args: Args, out: &mut dyn Write) -> Result<ExitCode> {
    let ledger = env.ledger()?;
    let claims = ledger.claims(&args.filter.to_filter(args.all)?)?;
    output::render(out, args.format.format, &claim_rows(&claims, args.all))?;
    Ok(ExitCode::SUCCESS)
}
