//! What an export says of a metric beyond its label, kind and unit
//! (`metric_part_of`, `metric_retired_at`, `metric_old_keys`), given to a
//! metric the import declared once every row is in: a total may be declared
//! later in the file, and a metric retired first would refuse its claims.
//! A metric the ledger had before keeps what it says of itself.

use super::run::Run;
use crate::entry::ClaimInput;
use crate::error::InputError;
use anyhow::Result;

/// The facts of one declared metric, from the row that declared it.
pub(super) struct Facts {
    key: String,
    part_of: Option<String>,
    retired_at: Option<String>,
    old_keys: Vec<String>,
    line: u64,
}

impl Run<'_> {
    /// Keeps what the row that declared `key` says of it.
    pub(super) fn note_metric_facts(&mut self, key: &str, input: &ClaimInput, line: u64) {
        let text = |field: &str| input.get(field).map(str::to_string);
        let old_keys = input.get("metric_old_keys").unwrap_or_default();
        self.metric_facts.push(Facts {
            key: key.to_string(),
            part_of: text("metric_part_of"),
            retired_at: text("metric_retired_at"),
            old_keys: old_keys
                .split(';')
                .map(str::trim)
                .filter(|k| !k.is_empty())
                .map(str::to_string)
                .collect(),
            line,
        });
    }

    /// Gives each declared metric its total, its old keys and its retirement.
    pub(super) fn apply_metric_facts(&mut self) -> Result<()> {
        for facts in std::mem::take(&mut self.metric_facts) {
            if let Err(error) = self.apply(&facts)? {
                self.bad_rows += 1;
                let error = self.locate(error, facts.line);
                self.keep(error);
            }
        }
        Ok(())
    }

    fn apply(&self, facts: &Facts) -> Result<std::result::Result<(), InputError>> {
        let Some(metric) = self.ledger.metric(&facts.key)? else { return Ok(Ok(())) };
        if let Some(total) = &facts.part_of {
            match self.ledger.metric(total)? {
                Some(t) => self.ledger.edit_metric(metric.id, None, None, None, Some(t.id))?,
                None => {
                    return Ok(Err(InputError::new(format!(
                        "the metric {} is part of {total}, which is not declared",
                        facts.key
                    ))
                    .field("metric_part_of")
                    .hint("declare it first: claims metrics add KEY --kind cumulative --unit UNIT")))
                }
            }
        }
        for old in &facts.old_keys {
            if let Err(e) = crate::entry::check_metric_key(old) {
                return Ok(Err(e.field("metric_old_keys")));
            }
            match self.ledger.metric(old)? {
                None => self.ledger.add_metric_alias(old, metric.id)?,
                Some(other) if other.id == metric.id => {}
                Some(other) => {
                    return Ok(Err(InputError::new(format!(
                        "{old}, an old key of {} in the file, is the metric {} here",
                        facts.key, other.key
                    ))
                    .field("metric_old_keys")))
                }
            }
        }
        if let Some(at) = &facts.retired_at {
            let at = match crate::cmd::common::moment("metric_retired_at", at) {
                Ok(at) => at,
                Err(e) => return Ok(Err(InputError::new(e.to_string()).field("metric_retired_at"))),
            };
            self.ledger.retire_metric(metric.id, Some(&at))?;
        }
        Ok(Ok(()))
    }
}
