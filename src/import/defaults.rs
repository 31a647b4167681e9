//! Values for the cells a file leaves empty (`--doc`, `--stated`,
//! `--metric`... of `import` and `extract`): a cell the file fills is never
//! overwritten, so what the text or the researcher wrote always wins.

use crate::entry::ClaimInput;
use crate::error::InputError;

/// Fields with the value to put in a row that leaves them empty.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Defaults {
    fields: Vec<(&'static str, String)>,
}

impl Defaults {
    /// Adds a default for `field` (one of `model::ENTRY_FIELDS`); blank is none.
    pub fn set(&mut self, field: &'static str, value: &str) {
        if !value.trim().is_empty() {
            self.fields.retain(|(f, _)| *f != field);
            self.fields.push((field, value.to_string()));
        }
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.fields.iter().find(|(f, _)| *f == field).map(|(_, v)| v.as_str())
    }

    /// The fields that have a default: a file may lack their columns.
    pub fn fields(&self) -> Vec<&'static str> {
        self.fields.iter().map(|(f, _)| *f).collect()
    }

    /// Fills the empty fields of a row.
    pub fn fill(&self, input: &mut ClaimInput) {
        for (field, value) in &self.fields {
            if input.get(field).is_none() {
                input.set(field, value);
            }
        }
    }
}

/// A row with no metric whose `metric_hint` column (written by `claims
/// extract`) names one: the error says so, and how to take it.
pub fn hint_metric(error: InputError, input: &ClaimInput, metric_hint: Option<&str>) -> InputError {
    match metric_hint.map(str::trim).filter(|h| !h.is_empty()) {
        Some(hint) if error.field.as_deref() == Some("metric") && input.get("metric").is_none() => error.hint(
            format!(
                "extract suggests {hint} (its metric_hint column): copy it into the metric column if it is right, \
                 give --metric KEY for every row without one, or review the article with claims extract --review"
            ),
        ),
        _ => error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_default_fills_only_empty_cells() {
        let mut defaults = Defaults::default();
        defaults.set("source", "Example Wire");
        defaults.set("doc_url", "https://example.org/a");
        defaults.set("metric", "  ");
        let mut input = ClaimInput::default();
        input.set("source", "John Kirby");
        defaults.fill(&mut input);
        assert_eq!(input.get("source"), Some("John Kirby"), "the text's claimant wins");
        assert_eq!(input.get("doc_url"), Some("https://example.org/a"));
        assert_eq!(input.get("metric"), None, "a blank default is none");
        assert_eq!(defaults.fields(), ["source", "doc_url"]);
    }

    #[test]
    fn a_metric_hint_is_offered_only_for_a_missing_metric() {
        let missing = InputError::new("metric is required").field("metric").hint("the metric key");
        let input = ClaimInput::default();
        let hinted = hint_metric(missing.clone(), &input, Some("kursk.area"));
        assert!(hinted.hint.as_deref().unwrap().starts_with("extract suggests kursk.area"), "{hinted}");
        assert_eq!(hint_metric(missing.clone(), &input, Some(" ")), missing);
        let other = InputError::new("bad figure").field("value");
        assert_eq!(hint_metric(other.clone(), &input, Some("kursk.area")), other);
    }
}
