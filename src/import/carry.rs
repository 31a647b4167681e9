//! A merge carries a colleague's retraction or correction of a claim both
//! ledgers hold: the row says the same claim, now retracted or superseded,
//! while ours is still active. That is a status change, not a conflict: it
//! is made here too (in our audit log, under the colleague's name and
//! time, as the row's `status_at` and `status_by` give them), and the
//! colleague's own entry is kept beside it by the merge. Any other difference stays a conflict, left for the user.
//! A change carried once is not carried again: if we reinstated the claim
//! since, our later decision stands. A claim we retracted or corrected
//! that they hold active and never changed is ours to decide: present; one
//! they reinstated has its reinstatement carried (once).

use super::run::{PendingSupersede, RowOutcome, Run};
use crate::entry::{ClaimInput, StatusChange};
use crate::model::Claim;
use anyhow::Result;

/// The fields a status change touches; a difference elsewhere is content.
const STATUS_FIELDS: [&str; 3] = ["status", "reason", "superseded_by"];

impl Run<'_> {
    /// Carries the row's retraction or correction of `existing` when that
    /// is all that differs and ours is active: `Carried`, or `Present` when
    /// it was carried before; `None` when the row conflicts.
    pub(super) fn carry_status(
        &mut self,
        input: &ClaimInput,
        existing: &Claim,
        line: u64,
    ) -> Result<Option<RowOutcome>> {
        let differing = self.differing(input, existing)?;
        if differing.iter().any(|(field, _)| !STATUS_FIELDS.contains(field)) {
            return Ok(None);
        }
        let status = input.get("status").unwrap_or_default();
        if existing.status != "active" {
            return self.carry_reinstatement(input, existing, status);
        }
        if self.carried_before(&existing.uid, status)? {
            return Ok(Some(RowOutcome::Present));
        }
        let reason = input.get("reason").filter(|r| !r.is_empty());
        let change = status_change(input);
        match (status, input.get("superseded_by").filter(|b| !b.is_empty())) {
            ("retracted", None) => self.at_moment(change.as_ref(), |ledger| {
                ledger.retract(existing.id, reason.unwrap_or("retracted in a merged ledger"))
            })?,
            // the correction may come later in the file: linked once all rows are in
            ("superseded", Some(by)) => {
                self.supersede.push(PendingSupersede {
                    claim: existing.id,
                    by: by.to_string(),
                    reason: reason.map(str::to_string),
                    line,
                    change,
                });
            }
            _ => return Ok(None),
        }
        Ok(Some(RowOutcome::Carried))
    }

    /// Ours is retracted or superseded, theirs active. If they reinstated
    /// it after we retracted it, that is carried once; if they never
    /// changed it, or reinstated it before our retraction, our decision
    /// stands.
    fn carry_reinstatement(
        &mut self,
        input: &ClaimInput,
        existing: &Claim,
        status: &str,
    ) -> Result<Option<RowOutcome>> {
        if status != "active" {
            return Ok(None);
        }
        let Some(reinstated_at) = self.options.reinstated_there.get(&existing.uid) else {
            return Ok(Some(RowOutcome::Present));
        };
        if existing.status != "retracted" {
            return Ok(None);
        }
        // a retraction carried from them is theirs to undo; one of our own
        // stands unless they reinstated the claim after it
        let ours = !self.carried_before(&existing.uid, "retracted")?;
        if ours && self.retracted_at(existing.id)?.is_some_and(|at| at.as_str() > reinstated_at.as_str()) {
            return Ok(Some(RowOutcome::Present));
        }
        if self.carried_before(&existing.uid, "active")? {
            return Ok(Some(RowOutcome::Present));
        }
        let reason = input.get("reason").filter(|r| !r.is_empty()).unwrap_or("reinstated in a merged ledger");
        self.at_moment(status_change(input).as_ref(), |ledger| ledger.reinstate(existing.id, reason))?;
        Ok(Some(RowOutcome::Carried))
    }

    /// When this ledger last retracted the claim.
    fn retracted_at(&self, id: i64) -> Result<Option<String>> {
        let entries = self.ledger.audit_entries(&[id])?;
        Ok(entries
            .into_iter()
            .filter(|e| {
                serde_json::from_str::<serde_json::Value>(&e.changes)
                    .is_ok_and(|changes| changes["status"][1] == "retracted")
            })
            .map(|e| e.at)
            .next_back())
    }

    /// Whether the merged history already holds another ledger's change of
    /// this claim to `status`: a merge carried it before.
    fn carried_before(&self, uid: &str, status: &str) -> Result<bool> {
        let merged = self.ledger.merged_history(&[uid.to_string()])?;
        Ok(merged.iter().any(|(_, _, entry)| {
            serde_json::from_str::<serde_json::Value>(&entry.changes)
                .is_ok_and(|changes| changes["status"][1] == status)
        }))
    }
}

/// When and by whom the row's status was given (its `status_at` and
/// `status_by`): the moment and author a carried change keeps.
fn status_change(input: &ClaimInput) -> Option<StatusChange> {
    let at = input.get("status_at")?;
    Some(StatusChange {
        at: crate::cmd::common::moment("status_at", at).unwrap_or_else(|_| at.to_string()),
        by: input.get("status_by").map(str::to_string),
    })
}
