//! `claims`: a ledger of reported figures, each kept with its date, source,
//! document and words.

pub mod check;
pub mod cli;
pub mod cmd;
pub mod completion;
pub mod context;
pub mod csv_safety;
pub mod entry;
pub mod error;
pub mod extract;
pub mod figure;
pub mod files;
pub mod import;
pub mod ledger;
pub mod manual;
pub mod model;
pub mod output;
pub mod report;
pub mod status_history;
pub mod terminal;
pub mod units;
pub mod when;

use anyhow::Result;
use std::process::ExitCode;

/// Runs one command line, writing its output to stdout.
pub fn run(cli: cli::Cli) -> Result<ExitCode> {
    let db = cli.db.clone();
    run_command(cli).map_err(|e| ledger::explain(e, &db))
}

fn run_command(cli: cli::Cli) -> Result<ExitCode> {
    terminal::set_quiet(cli.quiet);
    let ctx = context::Context::from_env()?;
    let env = cmd::Env { db: cli.db, ctx };
    files::check_stdout(&env.protected())?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let created_here = !env.db.exists();
    let result = cmd::dispatch(&env, cli.command, &mut out);
    if created_here && !result.as_ref().is_ok_and(|code| *code == ExitCode::SUCCESS) {
        ledger::remove_if_unused(&env.db);
    }
    let code = result?;
    std::io::Write::flush(&mut out)?;
    Ok(code)
}

/// `claims list | head` closing the pipe early is not an error.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    fn io_broken(io: &std::io::Error) -> bool {
        io.kind() == std::io::ErrorKind::BrokenPipe
            || io.get_ref().and_then(|inner| inner.downcast_ref::<csv::Error>()).is_some_and(csv_broken)
    }
    fn csv_broken(c: &csv::Error) -> bool {
        matches!(c.kind(), csv::ErrorKind::Io(io) if io_broken(io))
    }
    // serde_json keeps the io error's kind but not the error itself
    fn json_broken(j: &serde_json::Error) -> bool {
        j.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe)
    }
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>().is_some_and(io_broken)
            || e.downcast_ref::<csv::Error>().is_some_and(csv_broken)
            || e.downcast_ref::<serde_json::Error>().is_some_and(json_broken)
    })
}

/// The error as the user reads it: the outer context first, then causes.
pub fn describe(err: &anyhow::Error) -> String {
    let parts: Vec<String> = err.chain().map(|e| e.to_string()).collect();
    parts.join(": ")
}

/// 1 when the ledger has problems (`check --strict`, `verify`); 2 otherwise.
pub fn exit_code(err: &anyhow::Error) -> ExitCode {
    if err.downcast_ref::<error::Findings>().is_some() {
        ExitCode::from(1)
    } else {
        ExitCode::from(2)
    }
}
