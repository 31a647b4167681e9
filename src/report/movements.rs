//! How a metric moved between two dates, by the rules of choice in
//! `series`: each source's own change, and the consensus's when several
//! sources speak; figures of different sources are never chained into a change.

use super::estimate::Estimate;
use super::series::{choice_at, consensus, one_span, series_of, Choice};
use super::timeline::{Change, Entry, Timeline};
use crate::when::When;
use std::collections::HashMap;

/// One source's change between two dates, or the consensus's.
#[derive(Debug, Clone)]
pub struct Movement<'t> {
    /// The source, or none for the consensus of all sources.
    pub source: Option<&'t str>,
    pub from: Vec<&'t Entry>,
    pub to: Vec<&'t Entry>,
    pub from_figure: Option<Estimate>,
    pub to_figure: Option<Estimate>,
    pub change: Option<Change>,
}

impl Movement<'_> {
    /// Whether its ends are different sources' figures, so no change.
    pub fn across_sources(&self) -> bool {
        !same_sources(&self.from, &self.to)
    }
}

/// How a metric moved between two dates, by the rules of choice.
#[derive(Debug, Clone)]
pub struct Movements<'t> {
    pub from: Choice<'t>,
    pub to: Choice<'t>,
    /// Each source with a figure at both ends, the one asked for (or the
    /// one with the most recent figure) first.
    pub by_source: Vec<Movement<'t>>,
    /// The consensus at each end, when several sources speak at either.
    pub consensus: Option<Movement<'t>>,
    /// Figures chosen at one end whose source has none at the other.
    pub unpaired: Vec<(&'t Entry, &'static str)>,
}

impl Movements<'_> {
    /// The movement that answers "how much did it change": one source's own
    /// change first, else the consensus.
    pub fn primary(&self) -> Option<&Movement<'_>> {
        self.by_source.first().or(self.consensus.as_ref())
    }

    /// Every figure not used, at either date, with why.
    pub fn not_used(&self) -> impl Iterator<Item = &(&Entry, &'static str)> {
        self.from.passed_over.iter().chain(&self.to.passed_over).chain(&self.unpaired)
    }
}

/// How the metric moved from `from` to `to` (only `source`'s, when given).
pub fn movements<'t>(timeline: &'t Timeline, from: &When, to: &When, source: Option<&str>) -> Movements<'t> {
    let of = |wanted: &str| {
        let wanted = wanted.to_string();
        move |e: &Entry| series_of(e).is_some_and(|s| s.eq_ignore_ascii_case(&wanted))
    };
    let (start, end) = match source {
        Some(wanted) => (timeline.at_among(from, of(wanted)), timeline.at_among(to, of(wanted))),
        None => (timeline.at(from), timeline.at(to)),
    };
    let mut sources: Vec<&str> = start.chosen.iter().filter_map(|e| series_of(e)).collect();
    sources.sort_unstable();
    sources.dedup();
    // each source's figures (its name in any case), gathered once: choosing
    // among all figures for each source compared names 1,300 times a source
    let mut figures_of: HashMap<String, Vec<&Entry>> = HashMap::new();
    for e in timeline.entries.iter().filter(|e| e.estimate.is_some()) {
        if let Some(source) = series_of(e) {
            figures_of.entry(source.to_ascii_lowercase()).or_default().push(e);
        }
    }
    // each source's own figures at each end: its span holding the date, else
    // its latest before, even when another source's figure holds the date
    let mut by_source: Vec<Movement> = sources
        .into_iter()
        .filter_map(|source| {
            let figures = figures_of.get(&source.to_ascii_lowercase()).map_or(&[][..], Vec::as_slice);
            let own = |choice: Choice<'t>| -> Vec<&'t Entry> {
                choice.chosen.into_iter().filter(|e| series_of(e) == Some(source)).collect()
            };
            let (a, b) = (own(choice_at(figures, from)), own(choice_at(figures, to)));
            let carried_only = !b.iter().any(|e| end.chosen.iter().any(|c| std::ptr::eq(*c, *e)))
                && b.iter().all(|e| a.iter().any(|x| std::ptr::eq(*x, *e)));
            (!b.is_empty() && !carried_only).then(|| together(Some(source), a, b))
        })
        .collect();
    // a source with figures of its own at each end speaks first (one figure
    // whose span holds both dates tells no change), the most recent first
    let latest = |entries: &[&Entry]| entries.iter().map(|e| e.end.clone()).max();
    let moved = |m: &Movement| !m.from.iter().all(|a| m.to.iter().any(|b| std::ptr::eq(*a, *b)));
    by_source.sort_by(|a, b| {
        (moved(b), latest(&b.to), latest(&b.from)).cmp(&(moved(a), latest(&a.to), latest(&a.from)))
    });
    // the consensus speaks when several figures of one span meet at an end
    let meet = |entries: &[&Entry]| entries.len() > 1 && one_span(entries);
    let several = meet(&start.chosen) || meet(&end.chosen);
    let consensus =
        (several || by_source.is_empty()).then(|| together(None, start.chosen.clone(), end.chosen.clone()));
    // with no source at both ends, every figure chosen is shown at its end
    let paired = |e: &Entry| by_source.is_empty() || by_source.iter().any(|m| m.source == series_of(e));
    let unpaired = start
        .chosen
        .iter()
        .chain(&end.chosen)
        .filter(|e| !paired(e))
        .map(|e| (*e, "its source has no figure at the other date"))
        .collect();
    Movements { from: start, to: end, by_source, consensus, unpaired }
}

/// The movement of what `from` and `to` say together. Figures of several
/// spans at one end (sources whose latest figures are of different days)
/// have no consensus: they are listed, not combined.
fn together<'t>(source: Option<&'t str>, from: Vec<&'t Entry>, to: Vec<&'t Entry>) -> Movement<'t> {
    let figure = |entries: &[&'t Entry]| {
        one_span(entries).then(|| consensus(entries).and_then(|c| c.estimate())).flatten()
    };
    let (from_figure, to_figure) = (figure(&from), figure(&to));
    let change = match (from_figure, to_figure, from.first()) {
        (Some(x), Some(y), Some(first)) if same_sources(&from, &to) => {
            Some(Change::between(&x, &y, first.claim.id))
        }
        _ => None,
    };
    Movement { source, from, to, from_figure, to_figure, change }
}

/// Whether the same sources speak at both ends: the figures of others are
/// compared, never chained into a change.
fn same_sources(from: &[&Entry], to: &[&Entry]) -> bool {
    fn sources<'e>(entries: &[&'e Entry]) -> Vec<&'e str> {
        let mut names: Vec<&str> = entries.iter().filter_map(|e| series_of(e)).collect();
        names.sort_unstable();
        names.dedup();
        names
    }
    sources(from) == sources(to)
}
