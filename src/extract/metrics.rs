//! Which of the ledger's metrics a candidate may be: the words of its
//! sentence and its unit against each metric's key and label. Filled in when
//! one metric clearly wins, else offered as a hint.

use super::sentences::clean;
use crate::units;

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

/// The metric for a figure of `sentence` with `unit`: (clear match, else a hint).
pub fn suggest(
    sentence: &str,
    unit: Option<&str>,
    metrics: &[(String, String)],
) -> (Option<String>, Option<String>) {
    if metrics.is_empty() {
        return (None, None);
    }
    let said: Vec<String> =
        sentence.split_whitespace().map(|w| units::singular(&clean(w).to_lowercase())).collect();
    let unit_words: Vec<String> =
        unit.unwrap_or("").split_whitespace().map(|w| units::singular(&w.to_lowercase())).collect();
    let mut scored: Vec<(usize, &String)> = metrics
        .iter()
        .map(|(key, label)| {
            let words = metric_words(key, label);
            let shared = words.iter().filter(|w| said.contains(w)).count();
            let by_unit = words.iter().filter(|w| unit_words.contains(w)).count();
            (shared + by_unit, key)
        })
        .filter(|(score, _)| *score > 0)
        .collect();
    scored.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    match scored.as_slice() {
        [] => (None, None),
        [(best, key)] if *best >= 2 => (Some((*key).clone()), None),
        [(best, key), (second, _), ..] if *best >= 2 && best > second => (Some((*key).clone()), None),
        [(best, _), ..] => {
            let tied: Vec<&str> =
                scored.iter().take_while(|(s, _)| s == best).take(3).map(|(_, k)| k.as_str()).collect();
            (None, Some(tied.join(" or ")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metrics() -> Vec<(String, String)> {
        [
            ("kursk.area", "Kursk territory held by Ukraine"),
            ("nk.casualties", "North Korean soldiers killed or wounded"),
            ("nk.deployed", "North Korean troops deployed to Russia"),
        ]
        .iter()
        .map(|(k, l)| (k.to_string(), l.to_string()))
        .collect()
    }

    #[test]
    fn a_clear_match_fills_the_metric_and_a_close_one_hints() {
        let m = metrics();
        let s = "Ukraine seized about 380 square miles of Kursk in August.";
        assert_eq!(suggest(s, Some("square miles"), &m), (Some("kursk.area".into()), None));
        let s = "More than 1,000 North Korean soldiers were killed or wounded this past week.";
        assert_eq!(suggest(s, Some("soldiers"), &m).0.as_deref(), Some("nk.casualties"));
        let s = "North Korea had sent up to 12,000 troops to Russia.";
        assert_eq!(suggest(s, Some("troops"), &m).0.as_deref(), Some("nk.deployed"));
        // one shared word is a hint, not a choice
        let s = "The region saw 40 strikes in Kursk.";
        assert_eq!(suggest(s, Some("strikes"), &m), (None, Some("kursk.area".into())));
        assert_eq!(suggest("Rain fell on 3 farms.", Some("farms"), &m), (None, None));
    }
}
