//! The JSON vocabulary every command shares (docs/json.md): a figure is one
//! object, a change is a figure with its percent, a consensus is a figure
//! with the claims it rests on. Commands build their records from these,
//! never their own shapes.

use crate::report::estimate::Estimate;
use crate::report::series::Consensus;
use crate::report::timeline::Change;
use crate::units::difference_unit;
use serde_json::{json, Value};

/// A figure: `{text, qualifier, best, low, high, unit, approx, low_strict,
/// high_strict}`, or `null` when there is none.
pub fn figure(estimate: Option<&Estimate>, unit: &str) -> Value {
    let Some(e) = estimate else { return Value::Null };
    let mut value = serde_json::to_value(e.to_json(unit)).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        // whole numbers as claims show them: 380, not 380.0
        for key in ["best", "low", "high"] {
            if let Some(n) = map.get_mut(key) {
                *n = super::number(n.as_f64());
            }
        }
    }
    value
}

/// A change: the figure of the difference, in the difference's unit, with
/// `percent` (a figure in `%`, or null) and `from_claim`, the id it is
/// counted from.
pub fn change(change: Option<&Change>, unit: &str) -> Value {
    let Some(c) = change else { return Value::Null };
    let mut value = figure(Some(&c.absolute), difference_unit(unit));
    if let Value::Object(map) = &mut value {
        map.insert("text".into(), Value::from(c.describe(unit)));
        map.insert("percent".into(), figure(c.percent.as_ref(), "%"));
        map.insert("from_claim".into(), Value::from(c.from_id));
    }
    value
}

/// What several figures say together: a figure object (its numbers null
/// when they disagree) with `agree` and the `claims` it rests on.
pub fn consensus(consensus: Option<&Consensus>, unit: &str) -> Value {
    let Some(c) = consensus else { return Value::Null };
    let (estimate, entries, agree) = match c {
        Consensus::Agree { estimate, entries } => (Some(estimate), entries, true),
        Consensus::Disagree { entries, .. } | Consensus::Apart { entries } => (None, entries, false),
    };
    let mut value = figure(estimate, unit);
    if value.is_null() {
        value = json!({
            "text": null, "qualifier": null, "best": null, "low": null, "high": null,
            "unit": unit, "approx": null, "low_strict": null, "high_strict": null,
        });
    }
    if let Value::Object(map) = &mut value {
        map.insert("text".into(), Value::from(c.describe(unit)));
        map.insert("agree".into(), Value::from(agree));
        let ids: Vec<i64> = entries.iter().flat_map(|e| e.claim_ids()).collect();
        map.insert("claims".into(), json!(ids));
    }
    value
}
