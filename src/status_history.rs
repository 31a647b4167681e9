//! A claim's status history as an export carries it (`status_history`):
//! every status the claim has had, oldest first — the one it was entered
//! with (at its `entered_at`), then each change, with who made it, when,
//! and why. Empty while the claim keeps the status it was entered with.
//!
//! In JSON it is a list of objects; in CSV and TSV one cell, each status
//! as `key=value` pairs joined by `&`
//! (`at=2026-11-26T09:00:00Z&by=bob&status=retracted&reason=double counted`),
//! the statuses joined by `; `; a `%`, `;`, `&` or `=` inside a value is
//! percent-escaped (`%3B` for `;`), as in a URL. An import reads either back and replays it, so
//! that `list --as-of` and `history` on the copy say what the original's do.

use crate::ledger::{AuditEntry, Ledger};
use anyhow::Result;
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, CONTROLS};
use serde::Serialize;
use serde_json::Value;

/// How a history is written, for an error about one.
pub const HINT: &str = "as claims export writes it: each status as at=…&by=…&status=…&reason=… \
(superseded_by=UID for a correction), `; ` between statuses; in JSON a list of such objects";

/// One status of a claim, from the moment `at`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Status {
    pub at: String,
    pub by: Option<String>,
    pub status: String,
    pub reason: Option<String>,
    /// The correction's id in this ledger (JSON only; an import reads the uid).
    pub superseded_by: Option<i64>,
    pub superseded_by_uid: Option<String>,
}

/// The status history of a claim entered at `entered_at` by `entered_by`,
/// from its audit log; empty when its status never changed.
pub fn of_claim(ledger: &Ledger, id: i64, entered: (&str, Option<&str>)) -> Result<Vec<Status>> {
    let entries: Vec<AuditEntry> = ledger.audit_entries(&[id])?;
    let mut history: Vec<Status> = Vec::new();
    for entry in entries {
        let Ok(Value::Object(changes)) = serde_json::from_str::<Value>(&entry.changes) else { continue };
        let Some(status) = changes.get("status") else { continue };
        let side = |key: &str, i: usize| changes.get(key).map(|pair| pair[i].clone());
        if history.is_empty() {
            let before = |key: &str| side(key, 0).unwrap_or(Value::Null);
            history.push(status_of(
                ledger,
                entered.0,
                entered.1,
                &status[0],
                &before("reason"),
                &before("superseded_by"),
            )?);
        }
        let last = history.last().cloned().expect("the entered status");
        let reason = side("reason", 1).unwrap_or_else(|| last.reason.clone().into());
        let by = side("superseded_by", 1).unwrap_or_else(|| last.superseded_by.into());
        history.push(status_of(ledger, &entry.at, entry.by.as_deref(), &status[1], &reason, &by)?);
    }
    Ok(history)
}

fn status_of(
    ledger: &Ledger,
    at: &str,
    by: Option<&str>,
    status: &Value,
    reason: &Value,
    superseded_by: &Value,
) -> Result<Status> {
    let superseded_by = superseded_by.as_i64();
    let superseded_by_uid = match superseded_by {
        Some(id) => ledger.claim_ref(&id.to_string())?.map(|r| r.uid),
        None => None,
    };
    Ok(Status {
        at: at.to_string(),
        by: by.map(str::to_string),
        status: status.as_str().unwrap_or_default().to_string(),
        reason: reason.as_str().map(str::to_string),
        superseded_by,
        superseded_by_uid,
    })
}

/// What a value escapes: the separators of the cell, and `%` itself.
const ESCAPED: &AsciiSet = &CONTROLS.add(b'%').add(b';').add(b'&').add(b'=');

/// The history as one flat cell.
pub fn to_cell(history: &[Status]) -> String {
    let one = |s: &Status| {
        let pairs = [
            ("at", Some(&s.at)),
            ("by", s.by.as_ref()),
            ("status", Some(&s.status)),
            ("reason", s.reason.as_ref()),
            ("superseded_by", s.superseded_by_uid.as_ref()),
        ];
        let present = pairs.into_iter().filter_map(|(key, value)| Some((key, value?)));
        present
            .map(|(key, value)| format!("{key}={}", utf8_percent_encode(value, ESCAPED)))
            .collect::<Vec<_>>()
            .join("&")
    };
    history.iter().map(one).collect::<Vec<_>>().join("; ")
}

/// Reads a history cell back; the error says what is wrong with it.
pub fn from_cell(cell: &str) -> std::result::Result<Vec<Status>, String> {
    let mut history = Vec::new();
    for part in cell.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let mut status = Status {
            at: String::new(),
            by: None,
            status: String::new(),
            reason: None,
            superseded_by: None,
            superseded_by_uid: None,
        };
        for pair in part.split('&') {
            let Some((key, value)) = pair.split_once('=') else {
                return Err(format!("cannot read \"{pair}\" in the status history (key=value)"));
            };
            let value = percent_decode_str(value)
                .decode_utf8()
                .map_err(|_| format!("\"{pair}\" in the status history escapes no UTF-8 text"))?
                .into_owned();
            match key.trim() {
                "at" => status.at = value,
                "by" => status.by = Some(value),
                "status" => status.status = value,
                "reason" => status.reason = Some(value),
                "superseded_by" => status.superseded_by_uid = Some(value),
                other => return Err(format!("unknown key \"{other}\" in the status history")),
            }
        }
        check(&status)?;
        history.push(status);
    }
    Ok(history)
}

/// A JSON history (a list of status objects) as a cell.
pub fn cell_of_json(values: &[Value]) -> std::result::Result<String, String> {
    let mut history = Vec::new();
    for value in values {
        let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_string);
        let status = Status {
            at: text("at").unwrap_or_default(),
            by: text("by"),
            status: text("status").unwrap_or_default(),
            reason: text("reason"),
            superseded_by: None,
            superseded_by_uid: text("superseded_by_uid"),
        };
        check(&status)?;
        history.push(status);
    }
    Ok(to_cell(&history))
}

fn check(status: &Status) -> std::result::Result<(), String> {
    if status.at.is_empty() {
        return Err("a status in the status history has no time (at)".into());
    }
    if crate::cmd::common::moment("status_history", &status.at).is_err() {
        return Err(format!("cannot read the moment \"{}\" in the status history", status.at));
    }
    match (status.status.as_str(), &status.superseded_by_uid) {
        ("active" | "retracted", None) | ("superseded", Some(_)) => Ok(()),
        ("superseded", None) => Err("a superseded status in the status history names no correction".into()),
        ("active" | "retracted", Some(_)) => {
            Err(format!("a {} status in the status history names a correction", status.status))
        }
        (other, _) => {
            Err(format!("unknown status \"{other}\" in the status history (active, retracted or superseded)"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(at: &str, status: &str, reason: Option<&str>, uid: Option<&str>) -> Status {
        Status {
            at: at.into(),
            by: Some("Olena K.".into()),
            status: status.into(),
            reason: reason.map(str::to_string),
            superseded_by: None,
            superseded_by_uid: uid.map(str::to_string),
        }
    }

    #[test]
    fn a_history_survives_its_cell_whatever_its_reasons_hold() {
        let history = vec![
            status("2026-11-25T12:00:00Z", "active", None, None),
            status("2026-11-26T09:00:00Z", "retracted", Some("double counted; see a=b & c+d, 5%"), None),
            status("2026-11-27T09:00:00Z", "active", Some("100% sure, after all"), None),
            status("2026-11-28T09:00:00Z", "superseded", Some("typo"), Some("01J-uid")),
        ];
        let cell = to_cell(&history);
        assert_eq!(cell.matches("; ").count(), 3, "{cell}");
        assert_eq!(from_cell(&cell).unwrap(), history);
        assert_eq!(from_cell("").unwrap(), Vec::new());
    }

    #[test]
    fn a_bad_cell_says_what_is_wrong() {
        for (cell, said) in [
            ("status=retracted", "no time"),
            ("at=2026-11-26T09:00:00Z&status=gone", "unknown status \"gone\""),
            ("at=2026-11-26T09:00:00Z&status=superseded", "names no correction"),
            ("at=yesterday&status=active", "cannot read the moment"),
            ("at=2026-11-26T09:00:00Z&status=active&when=now", "unknown key \"when\""),
            ("at=2026-11-26T09:00:00Z&status", "cannot read \"status\""),
        ] {
            let error = from_cell(cell).unwrap_err();
            assert!(error.contains(said), "{cell}: {error}");
        }
    }
}
