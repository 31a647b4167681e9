//! The command line: the `Cli` struct and the `Command` enum.

use crate::cmd;
use clap::error::ErrorKind;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use std::path::PathBuf;

/// A ledger of reported figures: every number kept with its date, its
/// source, its document and its words.
#[derive(Debug, Parser)]
#[command(name = "claims", version, max_term_width = 100)]
pub struct Cli {
    /// The ledger file.
    #[arg(long, global = true, env = "CLAIMS_DB", default_value = "claims.db")]
    pub db: PathBuf,

    /// No progress bar and no summary of what was written ("exported 7
    /// claims to ..."); results and errors are still printed.
    #[arg(long, short = 'q', global = true)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Record one claim; prints its id.
    Add(Box<cmd::add::Args>),
    /// Browse claims, in time order.
    List(cmd::list::Args),
    /// One claim with everything known of it.
    Show(cmd::show::Args),
    /// Record a corrected claim that supersedes the old one.
    Edit(Box<cmd::edit::Args>),
    /// Mark a claim retracted, with the reason.
    Retract(cmd::retract::Args),
    /// Undo a retraction, with the reason; the retraction stays in the history.
    Reinstate(cmd::reinstate::Args),
    /// Every version of a claim and every change to it.
    History(cmd::history::Args),
    /// The metrics of this ledger; declare, edit, rename or retire one.
    Metrics(cmd::metrics::Args),
    /// The sources of this ledger, with counts; rename, merge or edit one.
    Sources(cmd::sources::Args),
    /// The units claims understands, or declare two count nouns the same.
    Units(cmd::units::Args),
    /// Read claims from a CSV (or JSON Lines) file, all or nothing.
    Import(cmd::import::Args),
    /// Write claims out as CSV, JSON or JSON Lines.
    Export(cmd::export::Args),
    /// Every claim on a metric in time order, derived figures resolved.
    Timeline(cmd::timeline::Args),
    /// How much a figure changed between two dates, with the claims used.
    Change(cmd::change::Args),
    /// Each source's latest figure on a metric, side by side.
    Compare(cmd::compare::Args),
    /// The latest figure of every metric.
    Latest(cmd::latest::Args),
    /// Write a self-contained HTML page: charts and tables per metric.
    Report(cmd::report::Args),
    /// Contradictions and suspicious figures, with the claims involved.
    Check(cmd::check::Args),
    /// The ledger's integrity: SQLite's checks, invariants, hash chains.
    Verify(cmd::verify::Args),
    /// A consistent, verified copy of the ledger, even while it is in use.
    Backup(cmd::backup::Args),
    /// Candidate claims from an article's text, as CSV to review and import.
    Extract(cmd::extract::Args),
    /// Bring another ledger's claims in by uid; conflicts are set aside.
    Merge(cmd::merge::Args),
    /// Build the example ledger of the Kursk report and print it.
    Demo(cmd::demo::Args),
    /// Print the shell code that completes claims: source <(claims completions bash)
    Completions(cmd::completions::Args),
    /// Print the manual page, or write one per subcommand with --dir.
    Man(cmd::completions::ManArgs),
}

/// The command line as clap sees it: the derive's, with each subcommand's
/// examples at the end of its help.
pub fn command() -> clap::Command {
    crate::manual::with_examples(Cli::command())
}

/// Parses the process's arguments (exiting with clap's message on a usage error).
pub fn parse() -> Cli {
    // the examples are help text, built only for help, by parsing again:
    // 0.56 M of the 2.1 M instructions of `claims --version`
    let matches = Cli::command().try_get_matches().unwrap_or_else(|e| match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            command().get_matches()
        }
        _ => e.exit(),
    });
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}
