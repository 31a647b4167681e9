//! `claims completions SHELL` and `claims man`: the shell code that asks
//! claims itself what to complete (metric keys and source names come from
//! the ledger), and the manual pages, generated from the command line.

use super::Env;
use crate::manual;
use anyhow::{Context as _, Result};
use clap_complete::env::Shells;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// Write every page (claims.1, claims-add.1, ...) into this folder
    /// instead of printing the main page.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    #[command(flatten)]
    pub force: super::common::ForceArg,
}

/// The registration script: on TAB the shell runs this very binary with
/// `COMPLETE=SHELL`, which `main` answers before anything else.
pub fn run(args: Args, out: &mut dyn Write) -> Result<ExitCode> {
    let name = args.shell.to_string();
    let shells = Shells::builtins();
    let Some(shell) = shells.completer(&name) else {
        anyhow::bail!("no completion for {name}");
    };
    let exe = std::env::current_exe()?;
    shell.write_registration("COMPLETE", "claims", "claims", &exe.to_string_lossy(), out)?;
    Ok(ExitCode::SUCCESS)
}

/// `claims man`: the main page on standard output; `--dir DIR`: a page per
/// subcommand, each written whole or not at all.
pub fn man(env: &Env, args: ManArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let mut command = crate::cli::command().disable_help_subcommand(true);
    command.build();
    let Some(dir) = args.dir else {
        page(&command, out)?;
        return Ok(ExitCode::SUCCESS);
    };
    // a man1 folder of one's own is often new: make it, as `mkdir -p` would
    std::fs::create_dir_all(&dir).with_context(|| format!("creating the folder {}", dir.display()))?;
    let mut pages = Vec::new();
    collect(&command, &mut pages);
    let protected = env.protected().overwrite(args.force.force);
    for command in &pages {
        let path = dir.join(format!("{}.1", file_stem(command)));
        crate::files::write_atomically(&path, &protected, |w| page(command, w))?;
    }
    crate::terminal::summary(format_args!("wrote {} manual pages to {}", pages.len(), dir.display()));
    Ok(ExitCode::SUCCESS)
}

/// The command and each of its visible subcommands, depth first.
fn collect(command: &clap::Command, pages: &mut Vec<clap::Command>) {
    pages.push(command.clone());
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        collect(sub, pages);
    }
}

/// `claims`, `claims-add`, `claims-metrics-add`.
fn file_stem(command: &clap::Command) -> String {
    command.get_display_name().unwrap_or(command.get_name()).to_string()
}

/// One page: clap_mangen's sections, then EXAMPLES, EXIT STATUS and
/// ENVIRONMENT (the examples are the ones `--help` ends with, not repeated
/// as clap_mangen's EXTRA section).
fn page(command: &clap::Command, out: &mut dyn Write) -> Result<()> {
    let man = clap_mangen::Man::new(command.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    if command.has_subcommands() {
        man.render_subcommands_section(out)?;
    }
    let name = file_stem(command);
    let name = name.strip_prefix("claims-").unwrap_or(&name);
    let own = command.get_after_help().map(|h| h.to_string());
    manual::closing_sections(name, own.as_deref()).to_writer(out)?;
    if command.get_version().is_some() {
        man.render_version_section(out)?;
    }
    Ok(())
}
