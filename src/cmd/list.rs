//! `claims list`: browse claims in time order.

use super::common::{claim_rows, claim_table, moment, rewind, FilterArgs, FormatArg};
use super::Env;
use crate::output::{self, Format};
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
    /// The ledger as it was at this moment (2026-11-25 or 2026-11-25T12:00:00Z).
    #[arg(long = "as-of")]
    pub as_of: Option<String>,
    #[command(flatten)]
    pub format: FormatArg,
}

pub fn run(env: &Env, args: Args, out: &mut dyn Write) -> Result<ExitCode> {
    let ledger = env.ledger()?;
    let tabular = matches!(args.format.format, Format::Table | Format::Md);
    let claims = match &args.as_of {
        // a table of one metric shows what its covering index holds
        None if tabular && args.filter.metric.is_some() => {
            ledger.claim_figures(&args.filter.to_filter(args.all, env.ctx.today())?)?
        }
        None => ledger.claims(&args.filter.to_filter(args.all, env.ctx.today())?)?,
        Some(text) => {
            let when = moment("--as-of", text)?;
            let states = ledger.states_at(&when)?;
            let mut claims = ledger.claims(&args.filter.to_filter(true, env.ctx.today())?)?;
            claims.retain(|c| c.entered_at <= when);
            for claim in &mut claims {
                if let Some(state) = states.get(&claim.id) {
                    rewind(claim, state);
                }
            }
            claims.retain(|c| args.all || c.status == "active");
            claims
        }
    };
    match args.format.format {
        format @ (Format::Table | Format::Md) => {
            output::render_text(out, format, &claim_table(&claims, args.all))?
        }
        format => output::render(out, format, &claim_rows(&claims, args.all))?,
    }
    Ok(ExitCode::SUCCESS)
}
