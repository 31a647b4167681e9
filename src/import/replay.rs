//! An exported claim's status history (`status_history`), replayed: the
//! claim is entered with the status it was first entered with, and each
//! later status is given once every row is in (a correction may come later
//! in the file), at its moment and by its author, so that the copy's audit
//! log, `list --as-of` and `history` say what the original's did.

use super::run::Run;
use crate::entry::{ClaimInput, StatusChange};
use crate::error::InputError;
use crate::status_history::{self, Status};
use anyhow::Result;

/// The statuses still to give a claim entered from line `line`.
pub(super) struct Replay {
    claim: i64,
    steps: Vec<Status>,
    line: u64,
}

/// The row's status history, checked against the status the row gives:
/// empty when it has none (the row's own status then stands).
pub(super) fn read(input: &ClaimInput) -> std::result::Result<Vec<Status>, InputError> {
    let Some(cell) = input.get("status_history") else { return Ok(Vec::new()) };
    let bad = |e: String| InputError::new(e).field("status_history").hint(status_history::HINT);
    let history = status_history::from_cell(cell).map_err(bad)?;
    let Some(last) = history.last() else { return Ok(history) };
    let status = input.get("status").unwrap_or("active");
    if last.status != status || last.superseded_by_uid.as_deref() != input.get("superseded_by") {
        return Err(bad(format!(
            "the status history ends {}, but the row's status is {status}",
            describe(last)
        )));
    }
    Ok(history)
}

fn describe(status: &Status) -> String {
    match &status.superseded_by_uid {
        Some(uid) => format!("superseded by {uid}"),
        None => status.status.clone(),
    }
}

/// The status and reason a claim with this history is entered with; a
/// claim entered superseded is entered active and superseded at once.
pub(super) fn entered_as(history: &[Status]) -> Option<(String, Option<String>)> {
    let first = history.first()?;
    Some(match first.status.as_str() {
        "superseded" => ("active".to_string(), None),
        status => (status.to_string(), first.reason.clone()),
    })
}

/// What remains to replay once the claim is entered as [`entered_as`] says.
pub(super) fn pending(claim: i64, mut history: Vec<Status>, line: u64) -> Option<Replay> {
    if history.first().is_some_and(|s| s.status != "superseded") {
        history.remove(0);
    }
    (!history.is_empty()).then_some(Replay { claim, steps: history, line })
}

impl Run<'_> {
    /// Gives each claim the later statuses of its history, in order.
    pub(super) fn replay_histories(&mut self) -> Result<()> {
        for Replay { claim, steps, line } in std::mem::take(&mut self.replays) {
            for step in steps {
                if let Err(error) = self.replay(claim, &step)? {
                    self.bad_rows += 1;
                    let error = self.locate(error.field("status_history"), line);
                    self.keep(error);
                    break;
                }
            }
        }
        Ok(())
    }

    /// One status given at its moment; an error when the claim cannot take it.
    fn replay(&self, claim: i64, step: &Status) -> Result<std::result::Result<(), InputError>> {
        let change = StatusChange { at: step.at.clone(), by: step.by.clone() };
        let reason = step.reason.as_deref();
        let written = match (step.status.as_str(), &step.superseded_by_uid) {
            ("retracted", _) => {
                self.at_moment(Some(&change), |l| l.retract(claim, reason.unwrap_or("retracted")))
            }
            ("active", _) => {
                self.at_moment(Some(&change), |l| l.reinstate(claim, reason.unwrap_or("reinstated")))
            }
            (_, Some(uid)) => match self.ledger.claim_ref(uid)? {
                Some(target) if target.id != claim => {
                    self.at_moment(Some(&change), |l| l.supersede(claim, target.id, reason))
                }
                _ => {
                    return Ok(Err(InputError::new(format!(
                        "the status history names no other claim as the correction: {uid}"
                    ))
                    .hint("give the uid of the correcting claim, in the ledger or in this file")))
                }
            },
            (other, None) => return Ok(Err(InputError::new(format!("cannot give the status {other}")))),
        };
        match written {
            Ok(()) => Ok(Ok(())),
            Err(e) => match e.downcast::<InputError>() {
                Ok(error) => Ok(Err(error)),
                Err(e) => Err(e),
            },
        }
    }
}
