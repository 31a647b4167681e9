//! What a command needs from its surroundings: the time and who is at the
//! keyboard. Tests pin both through `CLAIMS_NOW` and `CLAIMS_USER`.

use anyhow::{Context as _, Result};
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

#[derive(Debug, Clone)]
pub struct Context {
    pub now: DateTime<Utc>,
    pub user: Option<String>,
}

impl Context {
    /// Reads `CLAIMS_NOW` (RFC 3339 or a day) and `CLAIMS_USER`, else the
    /// clock and the OS user.
    pub fn from_env() -> Result<Self> {
        let now = match std::env::var("CLAIMS_NOW") {
            Ok(text) => parse_now(&text).with_context(|| format!("reading CLAIMS_NOW={text:?}"))?,
            Err(_) => Utc::now(),
        };
        let user = ["CLAIMS_USER", "USER", "USERNAME"]
            .iter()
            .find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
            .or_else(|| whoami::fallible::username().ok());
        // a bad wait is refused before any command starts
        crate::ledger::busy_timeout()?;
        Ok(Context { now, user })
    }

    pub fn today(&self) -> NaiveDate {
        self.now.date_naive()
    }

    pub fn timestamp(&self) -> String {
        self.now.to_rfc3339_opts(SecondsFormat::Secs, true)
    }
}

fn parse_now(text: &str) -> Result<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    let day: NaiveDate = text.parse().context("expected 2026-11-25 or 2026-11-25T12:00:00Z")?;
    Ok(day.and_hms_opt(12, 0, 0).expect("noon exists").and_utc())
}
