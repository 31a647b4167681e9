//! `claims merge OTHER.db`: brings another researcher's ledger in by uid.
//! OTHER is opened read-only and must pass `verify` first; its claims are
//! streamed as import rows, each checked like any import row: new claims
//! (with their sources, documents, metrics and aliases) are added,
//! identical ones skipped, a colleague's retraction or correction of a
//! claim we hold active carried as the status change it is, and the rest
//! written to a new conflicts file and left for the user. OTHER's history is kept only for claims that came in
//! from it unchanged; an alias of OTHER that contradicts ours is set aside.

use super::Env;
use crate::context::Context;
use crate::error::InputError;
use crate::import::{self, Options, Summary};
use crate::ledger::{explain, AuditEntry, ClaimFilter, Ledger};
use crate::model::{Claim, ENTRY_FIELDS};
use crate::units::Aliases;
use anyhow::Result;
use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;

/// Bytes of CSV handed from the export to the import at a time.
const CHUNK: usize = 64 * 1024;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The other ledger (opened read-only, never changed).
    pub other: PathBuf,
    /// Where to write the claims that conflict; the file must not exist yet.
    /// By default a new merge-conflicts-OTHER-TIME.csv in this folder.
    #[arg(long)]
    pub conflicts: Option<PathBuf>,
}

pub fn run(env: &Env, args: Args, out: &mut dyn Write) -> Result<ExitCode> {
    if same_file(&args.other, &env.db) {
        return Err(InputError::new("a ledger cannot be merged into itself")
            .hint(format!("{} and --db are the same file", args.other.display()))
            .into());
    }
    let conflicts = conflicts_path(args.conflicts.as_deref(), &args.other, &env.ctx)?;
    let other = open_other(&args.other)?;
    if other.count_claims().map_err(|e| unreadable(e, &args.other))? == 0 {
        return Err(
            InputError::new(format!("{} holds no claims: nothing to merge", args.other.display())).into()
        );
    }
    let aliases = other.unit_aliases().map_err(|e| unreadable(e, &args.other))?;
    let history = other.history_to_merge().map_err(|e| unreadable(e, &args.other))?;
    let name = args.other.display().to_string();
    let mut ledger = env.ledger_for_writing()?;
    let options = Options {
        skip_bad: Some(conflicts.clone()),
        max_errors: 20,
        name: Some(format!("merge of {name}")),
        protect: vec![args.other.clone()],
        defaults: Default::default(),
        carry_status: true,
        reinstated_there: reinstated(&history),
        ..Default::default()
    };
    let (summary, other) = import_other(&mut ledger, &env.ctx, other, &options)?;
    let (kept, set_aside) = ledger.write(|l| {
        let set_aside = take_aliases(l, &aliases)?;
        Ok((keep_history(l, &other, &name, &history)?, set_aside))
    })?;
    write!(
        out,
        "merged {name}: {} claims, {} added, {} already present",
        summary.rows, summary.added, summary.present
    )?;
    if summary.carried > 0 {
        let what = if summary.carried == 1 { "status change" } else { "status changes" };
        write!(out, ", {} {what} carried", summary.carried)?;
    }
    if summary.rejected > 0 {
        write!(out, ", {} conflicting (written to {}, left for you)", summary.rejected, conflicts.display())?;
    }
    if kept > 0 {
        write!(out, "; {kept} {} of its history kept", if kept == 1 { "entry" } else { "entries" })?;
    }
    for alias in &set_aside {
        write!(out, "; unit alias {alias}")?;
    }
    writeln!(out)?;
    Ok(ExitCode::SUCCESS)
}

/// The claims OTHER's history returns to active (reinstatements), by uid,
/// with the time of the latest (the history is oldest first).
fn reinstated(history: &[(String, AuditEntry)]) -> HashMap<String, String> {
    history
        .iter()
        .filter(|(_, entry)| {
            serde_json::from_str::<serde_json::Value>(&entry.changes)
                .is_ok_and(|changes| changes["status"][1] == "active" && changes["status"][0] != "active")
        })
        .map(|(uid, entry)| (uid.clone(), entry.at.clone()))
        .collect()
}

/// Whether two paths name one file: through symlinks and hard links alike.
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// The conflicts file of this merge: never one that exists, so that a
/// merge never overwrites another's conflicts.
fn conflicts_path(given: Option<&Path>, other: &Path, ctx: &Context) -> Result<PathBuf> {
    if let Some(path) = given {
        if std::fs::symlink_metadata(path).is_ok() {
            return Err(InputError::new(format!("{} exists already: nothing was merged", path.display()))
                .at("--conflicts")
                .hint("give a new file, or leave --conflicts out for a new merge-conflicts-*.csv")
                .into());
        }
        return Ok(path.to_path_buf());
    }
    let stem = other.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let time = ctx.now.format("%Y%m%dT%H%M%SZ");
    let base = format!("merge-conflicts-{stem}-{time}");
    (1..)
        .map(|n| PathBuf::from(if n == 1 { format!("{base}.csv") } else { format!("{base}-{n}.csv") }))
        .find(|path| std::fs::symlink_metadata(path).is_err())
        .ok_or_else(|| anyhow::anyhow!("no free name for the conflicts file"))
}

/// Opens OTHER read-only and refuses it unless it is plain tables of text
/// that pass the same `verify` as ours; nothing of it is read before.
fn open_other(path: &Path) -> Result<Ledger> {
    let other = Ledger::open_read_only(path)?;
    other.check_plain_tables().map_err(|e| unreadable(e, path))?;
    let invalid = other.first_invalid_text();
    if let Ok(Some(what)) = &invalid {
        return Err(InputError::new(format!("{} {what}", path.display()))
            .hint("the file is damaged or was written by another program; nothing was merged")
            .into());
    }
    let results = super::verify::verify(&other).map_err(|e| unreadable(e, path))?;
    let problems: Vec<_> =
        results.iter().flat_map(|(check, found)| found.iter().map(move |p| (check, p))).collect();
    if let Some((check, first)) = problems.first() {
        return Err(InputError::new(format!(
            "{} does not verify, nothing was merged: {} problem(s), the first ({check}): {}",
            path.display(),
            problems.len(),
            first.detail
        ))
        .hint(format!("`claims --db {} verify` lists them all", path.display()))
        .into());
    }
    invalid.map_err(|e| unreadable(e, path))?;
    Ok(other)
}

/// A failure to read OTHER, in plain words, pointing at OTHER's own verify.
fn unreadable(e: anyhow::Error, path: &Path) -> anyhow::Error {
    if e.downcast_ref::<InputError>().is_some() {
        return e;
    }
    match explain(e, path).downcast::<InputError>() {
        Ok(error) => {
            error.hint(format!("`claims --db {} verify` says what is wrong with it", path.display())).into()
        }
        Err(e) => e.context(format!("reading {}", path.display())),
    }
}

/// Imports OTHER's export as it is written on a second thread: no copy of
/// it is ever on disk. A failed export fails the import (nothing kept).
fn import_other(
    ledger: &mut Ledger,
    ctx: &Context,
    other: Ledger,
    options: &Options,
) -> Result<(Summary, Ledger)> {
    let name = options.name.clone().unwrap_or_default();
    let path = other.path.clone();
    let (sender, receiver) = mpsc::sync_channel(4);
    std::thread::scope(|scope| {
        let export = scope.spawn(move || {
            let mut sending = Sending { sender, buffer: Vec::with_capacity(CHUNK), gone: false };
            let all = ClaimFilter { all: true, ..Default::default() };
            let written =
                super::export::write_csv(&other, &all, &mut sending, b',').and_then(|_| sending.finish());
            match written {
                Err(e) if !sending.gone => {
                    let _ = sending.sender.send(Piece::Failed(format!("{e:#}")));
                    Err(e)
                }
                // the import stopped reading: its error says why
                _ => Ok(other),
            }
        });
        let reader = Receiving { receiver, chunk: Vec::new(), at: 0 };
        let imported = import::import_reader(ledger, ctx, &name, Box::new(reader), options);
        let other = export
            .join()
            .map_err(|_| anyhow::anyhow!("reading {} failed", path.display()))?
            .map_err(|e| unreadable(e, &path))?;
        Ok((imported?, other))
    })
}

/// What the export hands the import.
enum Piece {
    Bytes(Vec<u8>),
    End,
    Failed(String),
}

/// The export's end of the stream.
struct Sending {
    sender: mpsc::SyncSender<Piece>,
    buffer: Vec<u8>,
    /// The import stopped reading.
    gone: bool,
}

impl Sending {
    fn send(&mut self, piece: Piece) -> io::Result<()> {
        self.sender.send(piece).map_err(|_| {
            self.gone = true;
            io::Error::new(io::ErrorKind::BrokenPipe, "the import stopped reading")
        })
    }

    fn finish(&mut self) -> Result<()> {
        self.flush()?;
        Ok(self.send(Piece::End)?)
    }
}

impl Write for Sending {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= CHUNK {
            self.flush()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let full = std::mem::replace(&mut self.buffer, Vec::with_capacity(CHUNK));
        self.send(Piece::Bytes(full))
    }
}

/// The import's end of the stream: the end of the export is the end of
/// the input only when the export says it finished.
struct Receiving {
    receiver: mpsc::Receiver<Piece>,
    chunk: Vec<u8>,
    at: usize,
}

impl Read for Receiving {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.at == self.chunk.len() {
            match self.receiver.recv() {
                Ok(Piece::Bytes(bytes)) => (self.chunk, self.at) = (bytes, 0),
                Ok(Piece::End) => return Ok(0),
                Ok(Piece::Failed(why)) => return Err(io::Error::other(why)),
                Err(_) => return Err(io::Error::other("the export of the other ledger stopped early")),
            }
        }
        let n = buf.len().min(self.chunk.len() - self.at);
        buf[..n].copy_from_slice(&self.chunk[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// Adds OTHER's unit aliases that ours lack; one that contradicts ours
/// ("troops" = "personnel" there, = "soldiers" here) is set aside, never
/// replaces ours. Returns those set aside, described.
fn take_aliases(ledger: &Ledger, aliases: &[(String, String)]) -> Result<Vec<String>> {
    let mut set_aside = Vec::new();
    for (noun, same_as) in aliases {
        if Aliases::new(ledger.unit_aliases()?).same(noun, same_as) {
            continue;
        }
        match ledger.unit_alias(noun)? {
            Some(held) => set_aside.push(format!("{noun} = {same_as} set aside (here {noun} = {held})")),
            None => ledger.add_unit_alias(noun, same_as)?,
        }
    }
    Ok(set_aside)
}

/// Keeps OTHER's history of the claims that came in from it: claims OTHER
/// holds that are here with the same content (added now, or already here).
/// History of a claim that conflicts, or that OTHER does not hold, is not
/// kept. Returns how many entries were new.
fn keep_history(
    ledger: &Ledger,
    other: &Ledger,
    name: &str,
    history: &[(String, AuditEntry)],
) -> Result<usize> {
    let mut came_in: HashMap<&str, bool> = HashMap::new();
    let mut kept = 0;
    for (uid, entry) in history {
        let from_other = match came_in.get(uid.as_str()) {
            Some(known) => *known,
            None => {
                let same = same_claim(ledger, other, uid)?;
                came_in.insert(uid, same);
                same
            }
        };
        if from_other && ledger.keep_merged_history(name, uid, entry)? {
            kept += 1;
        }
    }
    Ok(kept)
}

/// Whether both ledgers hold the claim `uid` with the same content: the
/// fields an import compares (the metric's own fields aside).
fn same_claim(ledger: &Ledger, other: &Ledger, uid: &str) -> Result<bool> {
    let claim = |l: &Ledger| -> Result<Option<Claim>> {
        l.claim_id_by_uid(uid)?.map(|id| l.claim(id)).transpose().map(Option::flatten)
    };
    let (Some(ours), Some(theirs)) = (claim(ledger)?, claim(other).map_err(|e| unreadable(e, &other.path))?)
    else {
        return Ok(false);
    };
    let (ours, theirs) = (super::common::claim_record(&ours), super::common::claim_record(&theirs));
    Ok(ENTRY_FIELDS
        .iter()
        .filter(|f| !f.starts_with("metric_") && **f != "unit_same_as")
        .filter(|f| !crate::model::STATUS_CHANGE_FIELDS.contains(f))
        .all(|f| ours.get(*f) == theirs.get(*f)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(pieces: Vec<Piece>, close: bool) -> io::Result<Vec<u8>> {
        let (sender, receiver) = mpsc::sync_channel(pieces.len() + 1);
        for piece in pieces {
            sender.send(piece).unwrap();
        }
        let keep = (!close).then_some(sender);
        let mut bytes = Vec::new();
        let read = Receiving { receiver, chunk: Vec::new(), at: 0 }.read_to_end(&mut bytes);
        drop(keep);
        read.map(|_| bytes)
    }

    #[test]
    fn the_stream_ends_only_when_the_export_says_it_finished() {
        let pieces = || {
            vec![
                Piece::Bytes(b"uid,metric\n".to_vec()),
                Piece::Bytes(Vec::new()),
                Piece::Bytes(b"a,b\n".to_vec()),
            ]
        };
        let mut finished = pieces();
        finished.push(Piece::End);
        assert_eq!(read_all(finished, false).unwrap(), b"uid,metric\na,b\n");
        let mut failed = pieces();
        failed.push(Piece::Failed("claim 7 cannot be read".into()));
        assert_eq!(read_all(failed, false).unwrap_err().to_string(), "claim 7 cannot be read");
        let cut = read_all(pieces(), true).unwrap_err();
        assert!(cut.to_string().contains("stopped early"), "a dead export is no end of input: {cut}");
    }

    #[test]
    fn the_export_learns_that_the_import_stopped_reading() {
        let (sender, receiver) = mpsc::sync_channel(1);
        drop(receiver);
        let mut sending = Sending { sender, buffer: Vec::new(), gone: false };
        sending.write_all(b"uid\n").unwrap();
        assert_eq!(sending.flush().unwrap_err().kind(), io::ErrorKind::BrokenPipe);
        assert!(sending.gone);
    }
}
