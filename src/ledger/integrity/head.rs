//! The chains' head: one short hash over the newest claim row hash, audit
//! entry hash and table log hash, with the three lengths, written
//! `3f9a0c1d2e3b4a59:c1204:a17:t38`. A local file can always be rewritten by
//! someone who recomputes every hash; a head kept elsewhere (an email, a
//! notebook, a commit) cannot, and `verify --since HEAD` checks that the
//! ledger still begins with the history that head covers.

use super::{sha256_hex, Problem};
use crate::error::InputError;
use crate::ledger::Ledger;
use anyhow::Result;
use rusqlite::OptionalExtension;
use std::fmt;
use std::str::FromStr;

/// How many hex digits of the head's hash are shown: 64 bits.
const HASH_DIGITS: usize = 16;

/// What a head looks like, for hints.
pub const HEAD_HINT: &str =
    "a head looks like 3f9a0c1d2e3b4a59:c1204:a17:t38, as verify, backup and export -o print it";

/// The chains' head: a hash and how many claims, audit entries and table
/// log entries it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub hash: String,
    pub claims: u64,
    pub audits: u64,
    pub log: u64,
}

impl fmt::Display for Head {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:c{}:a{}:t{}", self.hash, self.claims, self.audits, self.log)
    }
}

impl FromStr for Head {
    type Err = InputError;

    fn from_str(text: &str) -> Result<Head, InputError> {
        let bad = |what: &str| {
            InputError::new(format!("cannot read the head \"{text}\": {what}")).at("--since").hint(HEAD_HINT)
        };
        let parts: Vec<&str> = text.trim().split(':').collect();
        let [hash, claims, audits, log] = parts.as_slice() else {
            return Err(bad("it has four parts separated by colons"));
        };
        if hash.len() != HASH_DIGITS || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad(&format!("its hash is {HASH_DIGITS} hex digits")));
        }
        let count = |part: &str, letter: char, what: &str| {
            part.strip_prefix(letter)
                .and_then(|n| n.parse::<u64>().ok())
                .ok_or_else(|| bad(&format!("its {what} count is {letter} and a number")))
        };
        Ok(Head {
            hash: hash.to_ascii_lowercase(),
            claims: count(claims, 'c', "claim")?,
            audits: count(audits, 'a', "audit")?,
            log: count(log, 't', "table log")?,
        })
    }
}

impl Ledger {
    /// The head of the ledger as it is now.
    pub fn head(&self) -> Result<Head> {
        let count =
            |sql: &str| -> Result<u64> { Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64) };
        let claims = count("SELECT count(*) FROM claims")?;
        let audits = count("SELECT count(*) FROM audit_log")?;
        let log = if self.has_table_log()? { count("SELECT count(*) FROM table_log")? } else { 0 };
        self.head_at(claims, audits, log)?
            .ok_or_else(|| anyhow::anyhow!("the ledger changed while its head was read"))
    }

    /// The head over the first `claims`, `audits` and `log` entries of the
    /// chains; `None` when a chain is shorter.
    fn head_at(&self, claims: u64, audits: u64, log: u64) -> Result<Option<Head>> {
        let nth = |sql: &str, n: u64| -> Result<Option<String>> {
            if n == 0 {
                return Ok(Some(String::new()));
            }
            let found = self
                .conn
                .query_row(sql, [n as i64 - 1], |r| {
                    Ok(match r.get_ref(0)? {
                        rusqlite::types::ValueRef::Blob(b) => hex::encode(b),
                        other => String::from_utf8_lossy(other.as_bytes().unwrap_or_default()).into_owned(),
                    })
                })
                .optional()?;
            Ok(found)
        };
        let claim = nth("SELECT row_hash FROM claims ORDER BY id LIMIT 1 OFFSET ?1", claims)?;
        let audit = nth("SELECT hash FROM audit_log ORDER BY id LIMIT 1 OFFSET ?1", audits)?;
        let entry = match (log, self.has_table_log()?) {
            (0, _) => Some(String::new()),
            (_, false) => None,
            (n, true) => nth("SELECT hash FROM table_log ORDER BY id LIMIT 1 OFFSET ?1", n)?,
        };
        let (Some(claim), Some(audit), Some(entry)) = (claim, audit, entry) else {
            return Ok(None);
        };
        let text = format!("claims head|{claim}|{claims}|{audit}|{audits}|{entry}|{log}");
        let hash = sha256_hex(text.as_bytes())[..HASH_DIGITS].to_string();
        Ok(Some(Head { hash, claims, audits, log }))
    }

    /// Whether the ledger still extends `head`: its first claims, audit
    /// entries and table log entries hash to what the head says. A `head`
    /// that cannot be read is an input error; a ledger that cannot be read
    /// a problem.
    pub fn since_problems(&self, head: &str) -> Result<Vec<Problem>> {
        let head: Head = head.parse()?;
        Ok(self.extends(&head).unwrap_or_else(|e| {
            vec![self.damaged("since head", None, &format!("its head cannot be read: {e}"))]
        }))
    }

    fn extends(&self, head: &Head) -> Result<Vec<Problem>> {
        let now = self.head()?;
        let mut problems = Vec::new();
        for (what, kept, held) in [
            ("claims", head.claims, now.claims),
            ("audit entries", head.audits, now.audits),
            ("table log entries", head.log, now.log),
        ] {
            if held < kept {
                problems.push(since_problem(format!(
                    "the head {head} counts {kept} {what}, the ledger holds {held}: {what} were removed (or the head is another ledger's)"
                )));
            }
        }
        if problems.is_empty() {
            let then = self.head_at(head.claims, head.audits, head.log)?;
            if then.as_ref().map(|h| &h.hash) != Some(&head.hash) {
                problems.push(since_problem(format!(
                    "the ledger's first {} claims, {} audit entries and {} table log entries no longer hash to {}: history before the head {head} was rewritten (or the head is another ledger's)",
                    head.claims, head.audits, head.log, head.hash
                )));
            }
        }
        Ok(problems)
    }
}

fn since_problem(detail: String) -> Problem {
    Problem { check: "since head", claim: None, detail }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_head_reads_back_as_written() {
        let head: Head = "3F9A0C1D2E3B4A59:c1204:a17:t38".parse().unwrap();
        assert_eq!(head.to_string(), "3f9a0c1d2e3b4a59:c1204:a17:t38");
        assert_eq!((head.claims, head.audits, head.log), (1204, 17, 38));
    }

    #[test]
    fn a_bad_head_says_what_is_wrong() {
        for (text, expected) in [
            ("3f9a0c1d2e3b4a59:c1204:a17", "four parts"),
            ("3f9a0c1d:c1204:a17:t38", "16 hex digits"),
            ("3f9a0c1d2e3b4a5z:c1204:a17:t38", "16 hex digits"),
            ("3f9a0c1d2e3b4a59:1204:a17:t38", "claim count is c and a number"),
            ("3f9a0c1d2e3b4a59:c1204:a-1:t38", "audit count"),
            ("3f9a0c1d2e3b4a59:c1204:a17:x38", "table log count"),
        ] {
            let err = text.parse::<Head>().unwrap_err().to_string();
            assert!(err.contains(expected), "{text}: {err}");
        }
    }
}
