//! Shell completion of the ledger's own words: metric keys and source names,
//! read from the ledger the command line names while the user presses TAB,
//! through clap_complete's dynamic engine (`COMPLETE=bash claims`). A
//! completion never writes, never migrates and never fails loudly: a missing
//! or unreadable ledger completes nothing.

use crate::ledger::Ledger;
use crate::model::SOURCE_KINDS;
use clap_complete::engine::{ArgValueCandidates, ArgValueCompleter, CompletionCandidate};
use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

/// The completer of an argument that takes a metric key.
pub fn metric() -> ArgValueCompleter {
    ArgValueCompleter::new(|current: &OsStr| {
        let metrics = read(|ledger| ledger.metric_list()).unwrap_or_default();
        matching(current, metrics.into_iter().map(|m| (m.key, m.label)))
    })
}

/// The completer of an argument that takes a retired metric's key
/// (`metrics unretire`): only those, which the other lists hide.
pub fn retired_metric() -> ArgValueCompleter {
    ArgValueCompleter::new(|current: &OsStr| {
        let retired = read(|ledger| ledger.retired_metrics()).unwrap_or_default();
        matching(current, retired.into_iter().map(|(_, key)| (key, Some("retired".to_string()))))
    })
}

/// The completer of an argument that takes a source's name.
pub fn source() -> ArgValueCompleter {
    ArgValueCompleter::new(|current: &OsStr| {
        let sources = read(|ledger| ledger.sources()).unwrap_or_default();
        matching(current, sources.into_iter().map(|s| (s.name, s.kind)))
    })
}

/// The kinds of claimant, for `--source-kind` (a free string to clap, a
/// closed vocabulary to the ledger).
pub fn source_kind() -> ArgValueCandidates {
    ArgValueCandidates::new(|| SOURCE_KINDS.iter().map(|k| CompletionCandidate::new(*k)).collect())
}

/// Opens the ledger read-only for one look.
fn read<T>(look: impl FnOnce(&Ledger) -> anyhow::Result<T>) -> Option<T> {
    let path = ledger_path(std::env::args_os().collect(), std::env::var_os("CLAIMS_DB"))?;
    let ledger = Ledger::open_read_only(&path).ok()?;
    look(&ledger).ok()
}

/// The ledger the line being completed names: its `--db`, else `CLAIMS_DB`,
/// else `claims.db`. The shell passes the line after `--`.
fn ledger_path(args: Vec<OsString>, env: Option<OsString>) -> Option<PathBuf> {
    let line = args.iter().position(|a| a == "--").map_or(&args[..0], |i| &args[i + 1..]);
    let mut db = None;
    for (i, arg) in line.iter().enumerate() {
        let text = arg.to_string_lossy();
        if let Some(value) = text.strip_prefix("--db=") {
            db = Some(PathBuf::from(value));
        } else if text == "--db" {
            db = line.get(i + 1).map(PathBuf::from);
        }
    }
    db.or(env.map(PathBuf::from)).or_else(|| Some(PathBuf::from("claims.db")))
}

/// The values that start with what is typed (ignoring case), each with its
/// description (a label, a kind) where the shell shows one.
fn matching(
    current: &OsStr,
    values: impl Iterator<Item = (String, Option<String>)>,
) -> Vec<CompletionCandidate> {
    // bash's script alone passes COMP_TYPE (zsh passes _CLAP_COMPLETE_INDEX
    // too, and quotes what it inserts itself)
    let bash = std::env::var_os("_CLAP_COMPLETE_COMP_TYPE").is_some();
    let typed = current.to_string_lossy().replace('\\', "").to_lowercase();
    values
        .filter(|(value, _)| value.to_lowercase().starts_with(&typed))
        .map(|(value, help)| {
            // bash inserts a candidate as it is: a space must come escaped
            let value = if bash { value.replace(' ', "\\ ") } else { value };
            CompletionCandidate::new(value).help(help.map(Into::into))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::ledger_path;
    use std::path::PathBuf;

    #[test]
    fn the_ledger_is_the_one_the_line_names() {
        let args = |line: &[&str]| line.iter().map(Into::into).collect();
        let path = |line: &[&str], env: Option<&str>| ledger_path(args(line), env.map(Into::into));
        assert_eq!(
            path(&["claims", "--", "claims", "--db", "a.db", "list"], None),
            Some(PathBuf::from("a.db"))
        );
        assert_eq!(
            path(&["claims", "--", "claims", "list", "--db=b.db"], Some("c.db")),
            Some(PathBuf::from("b.db"))
        );
        assert_eq!(path(&["claims", "--", "claims", "list"], Some("c.db")), Some(PathBuf::from("c.db")));
        assert_eq!(path(&["claims", "--", "claims", "list"], None), Some(PathBuf::from("claims.db")));
        // before `--` is the completer's own command line, not the user's
        assert_eq!(path(&["claims", "--db", "x.db", "--", "claims"], None), Some(PathBuf::from("claims.db")));
    }
}
