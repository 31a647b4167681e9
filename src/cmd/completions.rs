//! `claims completions SHELL` and `claims man`: shell completions and the
//! manual page, generated from the command line itself.

use anyhow::Result;
use clap::CommandFactory;
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

pub fn run(args: Args, out: &mut dyn Write) -> Result<ExitCode> {
    let mut command = crate::cli::Cli::command();
    clap_complete::generate(args.shell, &mut command, "claims", out);
    Ok(ExitCode::SUCCESS)
}

/// The manual page, in roff: `claims man > claims.1`.
pub fn man(out: &mut dyn Write) -> Result<ExitCode> {
    clap_mangen::Man::new(crate::cli::Cli::command()).render(out)?;
    Ok(ExitCode::SUCCESS)
}
