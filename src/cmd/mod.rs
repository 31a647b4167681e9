//! One module per subcommand: its clap `Args` and a `run` that writes to an
//! injected writer, so that tests and `demo` can call it.

pub mod add;
pub mod backup;
pub mod change;
pub mod check;
pub mod common;
pub mod compare;
pub mod completions;
pub mod demo;
pub mod edit;
pub mod export;
pub mod extract;
pub mod guided;
pub mod history;
pub mod import;
pub mod latest;
pub mod list;
pub mod merge;
pub mod metric_edits;
pub mod metrics;
pub mod reinstate;
pub mod report;
pub mod retract;
pub mod review;
pub mod show;
pub mod source_edits;
pub mod sources;
pub mod timeline;
pub mod units;
pub mod verify;

use crate::cli::Command;
use crate::context::Context;
use crate::ledger::Ledger;
use anyhow::Result;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Where the ledger is and what time it is.
pub struct Env {
    pub db: PathBuf,
    pub ctx: Context,
}

impl Env {
    /// For commands that write: the ledger is created on first write.
    pub fn ledger_for_writing(&self) -> Result<Ledger> {
        self.attributed(Ledger::open_or_create(&self.db)?)
    }

    /// For commands that read: a missing ledger is an error.
    pub fn ledger(&self) -> Result<Ledger> {
        self.attributed(Ledger::open_existing(&self.db)?)
    }

    /// The files no output may overwrite: the ledger and what SQLite keeps beside it.
    pub fn protected(&self) -> crate::files::Protected {
        crate::files::Protected::ledger(&self.db)
    }

    /// Changes through this ledger are audited as this user, at this time.
    fn attributed(&self, ledger: Ledger) -> Result<Ledger> {
        ledger.set_actor(self.ctx.user.as_deref(), &self.ctx.timestamp())?;
        Ok(ledger)
    }
}

pub fn dispatch(env: &Env, command: Command, out: &mut dyn Write) -> Result<ExitCode> {
    match command {
        Command::Add(args) => add::run(env, *args, out),
        Command::List(args) => list::run(env, args, out),
        Command::Edit(args) => edit::run(env, *args, out),
        Command::Retract(args) => retract::run(env, args, out),
        Command::Reinstate(args) => reinstate::run(env, args, out),
        Command::History(args) => history::run(env, args, out),
        Command::Show(args) => show::run(env, args, out),
        Command::Metrics(args) => metrics::run(env, args, out),
        Command::Sources(args) => sources::run(env, args, out),
        Command::Units(args) => units::run(env, args, out),
        Command::Import(args) => import::run(env, args, out),
        Command::Export(args) => export::run(env, args, out),
        Command::Timeline(args) => timeline::run(env, args, out),
        Command::Change(args) => change::run(env, args, out),
        Command::Compare(args) => compare::run(env, args, out),
        Command::Latest(args) => latest::run(env, args, out),
        Command::Report(args) => report::run(env, args, out),
        Command::Check(args) => check::run(env, args, out),
        Command::Verify(args) => verify::run(env, args, out),
        Command::Backup(args) => backup::run(env, args, out),
        Command::Merge(args) => merge::run(env, args, out),
        Command::Extract(args) => extract::run(env, args, out),
        Command::Demo(args) => demo::run(env, args, out),
        Command::Completions(args) => completions::run(args, out),
        Command::Man(args) => completions::man(env, args, out),
    }
}
