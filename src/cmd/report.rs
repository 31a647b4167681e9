//! `claims report -o FILE.html`: one self-contained page a newsroom could
//! publish: per metric a chart, the timeline and the change.

use super::Env;
use crate::error::InputError;
use crate::report::{html, timeline};
use anyhow::Result;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The HTML file to write (whole or not at all); `-` is standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE.html")]
    pub output: PathBuf,
    /// Only these metrics (repeatable); else every metric with claims.
    #[arg(long, add = crate::completion::metric())]
    pub metric: Vec<String>,
    /// The page's title.
    #[arg(long, default_value = "Reported figures")]
    pub title: String,
    /// Also a table per metric of the figure at the end of each period
    /// (as `claims timeline --every`).
    #[arg(long, value_enum, value_name = "PERIOD")]
    pub every: Option<crate::report::intervals::Every>,
    #[command(flatten)]
    pub force: super::common::ForceArg,
}

pub fn run(env: &Env, args: Args, out: &mut dyn Write) -> Result<ExitCode> {
    let ledger = env.ledger()?;
    let keys: Vec<String> = if args.metric.is_empty() {
        ledger.metrics(false)?.into_iter().filter(|m| m.claims > 0).map(|m| m.key).collect()
    } else {
        args.metric.clone()
    };
    if keys.is_empty() {
        return Err(InputError::new("the ledger has no claims to report")
            .hint("add claims first, or run `claims demo`")
            .into());
    }
    let timelines = keys.iter().map(|key| timeline::build(&ledger, key, None)).collect::<Result<Vec<_>>>()?;
    let corrections = corrections(&ledger, &keys)?;
    let page = html::Page {
        title: &args.title,
        ledger: &env.db.display().to_string(),
        generated: &env.ctx.timestamp(),
        timelines: &timelines,
        corrections: &corrections,
        every: args.every,
    };
    if args.output.as_os_str() == "-" {
        out.write_all(html::render(&page).as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    crate::files::write_atomically(&args.output, &env.protected().overwrite(args.force.force), |w| {
        Ok(w.write_all(html::render(&page).as_bytes())?)
    })?;
    if !crate::terminal::quiet() {
        writeln!(out, "wrote {} ({} metrics)", args.output.display(), timelines.len())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The retracted and superseded claims of these metrics.
fn corrections(ledger: &crate::ledger::Ledger, keys: &[String]) -> Result<Vec<crate::model::Claim>> {
    let mut claims = Vec::new();
    for key in keys {
        let filter =
            crate::ledger::ClaimFilter { metric: Some(key.clone()), all: true, ..Default::default() };
        claims.extend(ledger.claims(&filter)?.into_iter().filter(|c| c.status != "active"));
    }
    Ok(claims)
}
