//! Which of the ledger's metrics a candidate may be: the words of its
//! sentence and its unit against each metric's key, label and unit, and
//! whether it is of an interval against the metric's kind. Filled in when
//! one metric clearly wins, else offered as a hint. A measure ("square
//! miles") only goes to a metric of its dimension, and is then written in
//! the metric's spelling of the same unit ("sq mi"); a count noun is kept
//! as written: two nouns are the same only when the ledger says so.

use super::sentences::clean;
use crate::model::MetricKind;
use crate::units::{self, Dimension};

/// A metric of the ledger, as extract matches figures against it.
#[derive(Debug, Clone, PartialEq)]
pub struct Metric {
    pub key: String,
    pub label: String,
    pub unit: String,
    pub kind: MetricKind,
}

/// What is known of a figure when its metric is chosen.
#[derive(Debug, Clone, Copy, Default)]
pub struct Figure<'a> {
    pub unit: Option<&'a str>,
    /// Of an interval ("this past week"): a period metric's.
    pub interval: bool,
    /// A change or share linked to its base: a percentage of another figure.
    pub relative: bool,
}

/// Words too common to tell metrics apart.
const COMMON: &[&str] =
    &["the", "and", "for", "from", "with", "total", "number", "count", "all", "per", "into", "over"];

/// The words of a metric's key ("kursk.area_held") and label, singular.
fn metric_words(key: &str, label: &str) -> Vec<String> {
    let mut words: Vec<String> = key
        .split(['.', '_', '-', ' ', '/'])
        .chain(label.split_whitespace())
        .map(|w| units::singular(&clean(w).to_lowercase()))
        .filter(|w| w.chars().count() >= 3 && !COMMON.contains(&w.as_str()))
        .collect();
    words.sort();
    words.dedup();
    words
}

/// The metric for a figure of `sentence`: (clear match, else a hint).
pub fn suggest(sentence: &str, figure: Figure, metrics: &[Metric]) -> (Option<String>, Option<String>) {
    if metrics.is_empty() {
        return (None, None);
    }
    let said: Vec<String> =
        sentence.split_whitespace().map(|w| units::singular(&clean(w).to_lowercase())).collect();
    let unit = figure.unit.unwrap_or("");
    let unit_words: Vec<String> =
        unit.split_whitespace().map(|w| units::singular(&w.to_lowercase())).collect();
    let measure = units::parse(unit).ok().filter(|u| u.dimension != Dimension::Count);
    let mut scored: Vec<(usize, &String)> = metrics
        .iter()
        .filter(|m| fits(measure.as_ref(), figure.relative, &m.unit))
        .map(|m| {
            let words = metric_words(&m.key, &m.label);
            let shared = words.iter().filter(|w| said.contains(w)).count();
            let by_unit = words.iter().filter(|w| unit_words.contains(w)).count();
            let same_measure = usize::from(measure.is_some()) * 2;
            let by_kind = usize::from(figure.interval == (m.kind == MetricKind::Period));
            (shared + by_unit + same_measure + by_kind, &m.key)
        })
        .filter(|(score, _)| *score > 1)
        .collect();
    scored.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    match scored.as_slice() {
        [] => (None, None),
        [(best, key)] if *best >= 3 => (Some((*key).clone()), None),
        [(best, key), (second, _), ..] if *best >= 3 && best > second => (Some((*key).clone()), None),
        [(best, _), ..] => {
            let tied: Vec<&str> =
                scored.iter().take_while(|(s, _)| s == best).take(3).map(|(_, k)| k.as_str()).collect();
            (None, Some(tied.join(" or ")))
        }
    }
}

/// Whether a figure in `measure` (none for a count) can be of a metric in
/// `metric_unit`: an area of an area metric, a count of a count metric, a
/// percentage of a metric in % unless it is relative to a base.
fn fits(measure: Option<&units::Unit>, relative: bool, metric_unit: &str) -> bool {
    let Ok(metric) = units::parse(metric_unit) else { return false };
    match measure {
        Some(u) if u.dimension == Dimension::Percent && relative => true,
        Some(u) => u.dimension == metric.dimension,
        None => metric.dimension == Dimension::Count,
    }
}

/// The unit written on the row of a figure of `metric`: the metric's own
/// spelling when it is the same unit ("square miles" on a metric in "sq mi").
pub fn unit_on(unit: &str, metric: &Metric) -> String {
    match (units::parse(unit), units::parse(&metric.unit)) {
        (Ok(u), Ok(m)) if u.dimension != Dimension::Count && u.symbol == m.symbol => metric.unit.clone(),
        _ => unit.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metrics() -> Vec<Metric> {
        [
            ("kursk.area", "Kursk territory held by Ukraine", "km²", MetricKind::Level),
            ("nk.casualties", "North Korean soldiers killed or wounded", "soldiers", MetricKind::Cumulative),
            (
                "nk.weekly",
                "North Korean soldiers killed or wounded in one week",
                "soldiers",
                MetricKind::Period,
            ),
            ("nk.deployed", "North Korean troops deployed to Russia", "soldiers", MetricKind::Level),
        ]
        .iter()
        .map(|(k, l, u, kind)| Metric {
            key: k.to_string(),
            label: l.to_string(),
            unit: u.to_string(),
            kind: *kind,
        })
        .collect()
    }

    fn of(unit: &str) -> Figure<'_> {
        Figure { unit: Some(unit), ..Figure::default() }
    }

    #[test]
    fn a_clear_match_fills_the_metric_and_a_close_one_hints() {
        let m = metrics();
        let s = "Ukraine seized about 380 square miles of Kursk in August.";
        assert_eq!(suggest(s, of("square miles"), &m), (Some("kursk.area".into()), None));
        let s = "More than 3,000 North Korean soldiers were killed or wounded so far.";
        assert_eq!(suggest(s, of("soldiers"), &m).0.as_deref(), Some("nk.casualties"));
        let s = "More than 1,000 North Korean soldiers were killed or wounded this past week.";
        let weekly = Figure { interval: true, ..of("soldiers") };
        assert_eq!(
            suggest(s, weekly, &m).0.as_deref(),
            Some("nk.weekly"),
            "an interval's figure is a period's"
        );
        let s = "North Korea had sent up to 12,000 troops to Russia.";
        assert_eq!(suggest(s, of("troops"), &m).0.as_deref(), Some("nk.deployed"));
        // a word shared with two metrics alike is a hint, not a choice
        let s = "Some 12 Korean officers came.";
        assert_eq!(suggest(s, of("officers"), &m), (None, Some("nk.casualties or nk.deployed".into())));
        // a count is no area metric's, whatever the words
        assert_eq!(suggest("The region saw 40 strikes in Kursk.", of("strikes"), &m), (None, None));
        assert_eq!(suggest("Rain fell on 3 farms.", of("farms"), &m), (None, None));
    }

    #[test]
    fn a_measure_goes_to_a_metric_of_its_dimension_only() {
        let m = metrics();
        // 12 km of front is a length: no area metric for it, however many words are shared
        let s = "Ukraine held 12 km of the Kursk front, territory it seized.";
        assert_eq!(suggest(s, of("km"), &m), (None, None));
        // a bare percentage is no count's; a linked one is its base's
        let s = "Almost 10% of the North Korean troops deployed to Russia.";
        assert_eq!(suggest(s, of("%"), &m), (None, None));
        let linked = Figure { relative: true, ..of("%") };
        assert_eq!(suggest(s, linked, &m).0.as_deref(), Some("nk.deployed"));
        assert_eq!(unit_on("square kilometres", &m[0]), "km²");
        assert_eq!(
            unit_on("square miles", &m[0]),
            "square miles",
            "another unit is converted by import, not renamed"
        );
        assert_eq!(unit_on("troops", &m[1]), "troops", "a noun is not renamed to the metric's");
    }
}
