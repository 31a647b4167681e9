//! What a row declares beside its claim: a metric the ledger lacks, or
//! that two count nouns are the same.

use super::run::Run;
use crate::entry::{check_metric_key, ClaimInput};
use crate::error::InputError;
use crate::figure;
use crate::model::MetricKind;
use crate::units;

impl Run<'_> {
    /// A metric the ledger lacks is declared when the row says how (its
    /// metric_kind and metric_unit columns) or `--new-metrics` allows it.
    pub(super) fn declare_metric(
        &mut self,
        input: &ClaimInput,
        line: u64,
    ) -> std::result::Result<(), InputError> {
        let Some(key) = input.get("metric") else {
            return Ok(());
        };
        let known = self.checker.metric(key).map_err(|e| InputError::new(e.to_string()))?;
        let kind = match input.get("metric_kind") {
            Some(text) => Some(MetricKind::parse(text).ok_or_else(|| {
                InputError::new(format!("unknown metric kind \"{text}\""))
                    .field("metric_kind")
                    .hint("level, cumulative or period")
            })?),
            None => None,
        };
        if let Some(metric) = known {
            return match (kind, input.get("metric_unit")) {
                (Some(k), _) if k != metric.kind => Err(InputError::new(format!(
                    "the metric {key} is {} in this ledger, the file says {}",
                    metric.kind.as_str(),
                    k.as_str()
                ))
                .field("metric_kind")),
                // (each spelling parsed once: the same few come on every row)
                (_, Some(u))
                    if self.checker.parse_unit(u).map(|u| u.symbol).ok().as_deref()
                        != Some(metric.unit.as_str()) =>
                {
                    Err(InputError::new(format!(
                        "the metric {key} is in {} in this ledger, the file says {u}",
                        metric.unit
                    ))
                    .field("metric_unit"))
                }
                _ => Ok(()),
            };
        }
        let Some(kind) = kind.or(self.options.new_metrics) else {
            return Ok(());
        };
        check_metric_key(key).map_err(|e| e.field("metric"))?;
        let written = input.get("value").and_then(|v| figure::parse(v).ok()).and_then(|f| f.unit);
        let unit_text = input.get("metric_unit").or(input.get("unit")).map(str::to_string).or(written);
        let Some(unit_text) = unit_text else {
            return Err(InputError::new(format!("cannot declare the metric {key}: no unit is given"))
                .field("metric_unit")
                .hint("add a metric_unit or unit column, or declare it first with claims metrics add"));
        };
        let unit = units::parse(&unit_text).map_err(|e| {
            InputError::new(e.to_string()).field("metric_unit").hint(units::known_units_hint())
        })?;
        self.ledger
            .add_metric(key, input.get("metric_label"), kind, &unit.symbol, None, &self.ctx.timestamp())
            .map_err(|e| InputError::new(e.to_string()))?;
        self.checker.forget(key);
        self.note_metric_facts(key, input, line);
        Ok(())
    }

    /// A row whose count noun differs from its metric's says, in its
    /// unit_same_as column, that the two are the same: an export carries
    /// the aliases of the ledger it came from.
    pub(super) fn declare_alias(&mut self, input: &ClaimInput) -> std::result::Result<(), InputError> {
        let (Some(unit), Some(same_as)) = (input.get("unit"), input.get("unit_same_as")) else {
            return Ok(());
        };
        let noun = |text: &str| match units::parse(text) {
            Ok(u) if u.dimension == units::Dimension::Count => Ok(u.symbol),
            _ => Err(InputError::new(format!("\"{text}\" is not a count noun")).field("unit_same_as")),
        };
        let (unit, same_as) = (noun(unit)?, noun(same_as)?);
        if !self.checker.same_noun(&unit, &same_as) {
            self.checker.add_alias(&unit, &same_as).map_err(|e| InputError::new(e.to_string()))?;
        }
        Ok(())
    }
}
