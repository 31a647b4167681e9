//! How reports read a metric, in one place: a metric's claims form one
//! series per source. A change is within a series (an update to a later
//! span, or a revision of the same span); figures of different sources for
//! the same span are compared — they agree, disagree, or one narrows the
//! others — and together form a consensus, never a "change".
//!
//! Choosing a figure at a date: the figures whose span holds the date, else
//! the latest before it; for one source and span, a stated figure before
//! one derived from it, and the latest stated; never entry order.

use super::estimate::Estimate;
use super::rules::in_order;
use super::timeline::{Change, Entry, Timeline};
use crate::when::When;
use std::cmp::Ordering;
use std::fmt::Write;

/// Whose series a figure belongs to: unsourced claims form no series.
pub(super) fn series_of(entry: &Entry) -> Option<&str> {
    entry.claim.source.as_deref()
}

fn same_span(a: &Entry, b: &Entry) -> bool {
    a.start == b.start && a.end == b.end
}

/// Whether two spans share a day.
fn overlap(a: &Entry, b: &Entry) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// A later claim of the same source, or the same span stated again later.
fn stated_order(a: &Entry, b: &Entry) -> Ordering {
    (a.claim.stated.as_deref(), a.claim.id).cmp(&(b.claim.stated.as_deref(), b.claim.id))
}

/// Whether `b` restates `a`'s span later: a revision. Figures stated on the
/// same day (or with no date said) were said together, not revised.
fn revises(a: &Entry, b: &Entry) -> bool {
    same_span(a, b) && matches!((&a.claim.stated, &b.claim.stated), (Some(x), Some(y)) if x < y)
}

/// How a figure stands against other sources' figures for its span.
#[derive(Debug, Clone, PartialEq)]
pub enum Standing {
    /// No other source has a figure for this span.
    Alone,
    /// Every other source's figure can hold beside it.
    Agrees(Vec<i64>),
    /// It is tighter than what the others together say, and fits within it.
    Narrows(Vec<i64>),
    /// It cannot hold beside these.
    Disagrees(Vec<i64>),
    /// Its value and theirs differ, and "about" gives no bound that would
    /// tell whether both can hold ("about 41" beside "74").
    Differs(Vec<i64>),
}

impl Standing {
    pub fn describe(&self) -> String {
        // into one string, not a string an id joined after
        let ids = |ids: &[i64]| {
            let mut text = String::new();
            for (n, id) in ids.iter().enumerate() {
                let separator = if n == 0 { "#" } else { ", #" };
                let _ = write!(text, "{separator}{id}");
            }
            text
        };
        match self {
            Standing::Alone => "first figure of its source".to_string(),
            Standing::Agrees(ids_) => format!("agrees with {}", ids(ids_)),
            Standing::Narrows(ids_) => format!("narrows {}", ids(ids_)),
            Standing::Disagrees(ids_) => format!("disagrees with {}", ids(ids_)),
            Standing::Differs(ids_) => format!("differs from {} (no bound to test)", ids(ids_)),
        }
    }
}

/// Sets each entry's change (from the same source's previous figure) and,
/// for a figure with none, its standing against the other sources.
pub fn mark(entries: &mut [Entry], same_span_only: bool) {
    mark_outranked(entries);
    let previous = previous_of_same_source(entries);
    let reach = reach(entries);
    for i in 0..entries.len() {
        let Some(estimate) = entries[i].estimate else { continue };
        if let Some(before) = previous[i] {
            let b = &entries[before];
            let mut change = Change::to_entry(&b.estimate.unwrap_or_default(), b.claim.id, &entries[i]);
            change.revision = revises(b, &entries[i]);
            entries[i].change = Some(change);
        } else {
            let standing = standing(&estimate, &others_for(entries, &reach, i, same_span_only));
            entries[i].standing = Some(standing);
        }
    }
}

/// For each entry (sorted by first day), the latest last day of it and of
/// every entry before it: the entries before the first whose reach is
/// before a span's first day all end before that span begins.
fn reach(entries: &[Entry]) -> Vec<String> {
    let mut latest = "";
    entries
        .iter()
        .map(|e| {
            latest = latest.max(e.end.as_str());
            latest.to_string()
        })
        .collect()
}

/// A derived figure gives way to a figure its source stated for its span
/// when it was derived from that very figure (an implied base beside the
/// figure it was implied from); one derived from other claims stands beside
/// the stated one as a statement of its own.
pub fn mark_outranked(entries: &mut [Entry]) {
    // most timelines derive nothing: no set of every stated figure to build
    if entries.iter().all(|e| e.derived.is_none()) {
        return;
    }
    type Key<'e> = (Option<&'e str>, &'e str, &'e str, i64);
    fn key(e: &Entry, id: i64) -> Key<'_> {
        (e.claim.source.as_deref(), e.start.as_str(), e.end.as_str(), id)
    }
    let outranked: Vec<bool> = {
        let stated: std::collections::HashSet<Key> = entries
            .iter()
            .filter(|e| e.derived.is_none() && e.estimate.is_some())
            .map(|e| key(e, e.claim.id))
            .collect();
        let derived_from_stated = |e: &Entry| {
            e.derived.as_ref().is_some_and(|d| d.claims.iter().any(|id| stated.contains(&key(e, *id))))
        };
        entries.iter().map(derived_from_stated).collect()
    };
    for (entry, outranked) in entries.iter_mut().zip(outranked) {
        if entry.derived.is_some() {
            entry.outranked = outranked;
        }
    }
}

/// Whether an entry speaks for its source: it has a figure and is not outranked.
fn speaks(entry: &Entry) -> bool {
    entry.estimate.is_some() && !entry.outranked
}

/// Order within a source: by span end, then start, then when stated.
fn series_order(a: &Entry, b: &Entry) -> Ordering {
    (&a.end, &a.start).cmp(&(&b.end, &b.start)).then(stated_order(a, b))
}

/// For each entry, the index of its source's previous figure: the latest
/// span that ended before it began, or the same span stated earlier. A span
/// that overlaps without being the same (a month and a day in it) is not
/// in order with it, so it is neither.
fn previous_of_same_source(entries: &[Entry]) -> Vec<Option<usize>> {
    let mut by_source: std::collections::HashMap<&str, Vec<usize>> = Default::default();
    for (i, e) in entries.iter().enumerate() {
        if let (Some(source), true) = (series_of(e), speaks(e)) {
            by_source.entry(source).or_default().push(i);
        }
    }
    let mut previous = vec![None; entries.len()];
    for list in by_source.values_mut() {
        list.sort_by(|a, b| series_order(&entries[*a], &entries[*b]));
        for (p, &i) in list.iter().enumerate() {
            let ended_before = list.partition_point(|&j| in_order(&entries[j].end, &entries[i].start));
            let earlier = ended_before.checked_sub(1).map(|q| list[q]);
            let restated = list[..p].iter().rev().copied().find(|&j| revises(&entries[j], &entries[i]));
            previous[i] = [earlier, restated]
                .into_iter()
                .flatten()
                .max_by(|a, b| series_order(&entries[*a], &entries[*b]));
        }
    }
    previous
}

/// Other sources' figures for the same span (period metrics) or an
/// overlapping one; entries are sorted by their first day, and those that
/// all end before this one begins (by `reach`) are not looked at: a
/// timeline of 1,300 figures compared each figure with every earlier one.
fn others_for<'e>(entries: &'e [Entry], reach: &[String], i: usize, same_span_only: bool) -> Vec<&'e Entry> {
    let entry = &entries[i];
    let first = reach.partition_point(|latest| *latest < entry.start);
    entries[first..]
        .iter()
        .take_while(|e| e.start <= entry.end)
        .filter(|e| {
            speaks(e)
                && if same_span_only { same_span(e, entry) } else { overlap(e, entry) }
                && series_of(e).is_some()
                && series_of(e) != series_of(entry)
        })
        .collect()
}

fn standing(estimate: &Estimate, others: &[&Entry]) -> Standing {
    if others.is_empty() {
        return Standing::Alone;
    }
    let ids = |list: &[&Entry]| list.iter().map(|e| e.claim.id).collect::<Vec<_>>();
    let against: Vec<&Entry> =
        others.iter().copied().filter(|e| e.estimate.is_some_and(|x| x.contradicts(estimate))).collect();
    if !against.is_empty() {
        return Standing::Disagrees(ids(&against));
    }
    let apart: Vec<&Entry> = others
        .iter()
        .copied()
        .filter(|e| e.estimate.is_some_and(|x| !holds_together(&x, estimate)))
        .collect();
    if !apart.is_empty() {
        return Standing::Differs(ids(&apart));
    }
    let together = others.iter().filter_map(|e| e.estimate).reduce(|a, b| a.intersect(&b).unwrap_or(a));
    match together {
        Some(t) if narrower(estimate, &t) => Standing::Narrows(ids(others)),
        _ => Standing::Agrees(ids(others)),
    }
}

/// Whether two figures that do not contradict are known to hold together:
/// they give the same value, or one's bounds hold the other's value. Two
/// different "about" values are not known to agree.
fn holds_together(a: &Estimate, b: &Estimate) -> bool {
    let within = |x: &Estimate, v: Option<f64>| {
        let Some(v) = v else { return false };
        (x.low.is_some() || x.high.is_some()) && x.low.is_none_or(|l| l <= v) && x.high.is_none_or(|h| v <= h)
    };
    a.best.is_some() && a.best == b.best || within(a, b.best) || within(b, a.best)
}

/// Whether `a` says strictly more than `b` about where the figure lies.
fn narrower(a: &Estimate, b: &Estimate) -> bool {
    let tighter_low = match (a.low, b.low) {
        (Some(x), Some(y)) => x > y,
        (Some(_), None) => true,
        _ => false,
    };
    let tighter_high = match (a.high, b.high) {
        (Some(x), Some(y)) => x < y,
        (Some(_), None) => true,
        _ => false,
    };
    let no_looser_low = !(a.low.is_none() && b.low.is_some()) && a.low.zip(b.low).is_none_or(|(x, y)| x >= y);
    let no_looser_high =
        !(a.high.is_none() && b.high.is_some()) && a.high.zip(b.high).is_none_or(|(x, y)| x <= y);
    (tighter_low || tighter_high) && no_looser_low && no_looser_high
}

/// What the figures of several sources for one span say together.
#[derive(Debug, Clone)]
pub enum Consensus<'t> {
    /// Every figure can hold: the tightest statement all of them support.
    Agree { estimate: Estimate, entries: Vec<&'t Entry> },
    /// Some cannot both hold: each pair that cannot.
    Disagree { entries: Vec<&'t Entry>, pairs: Vec<(i64, i64)> },
    /// Their values differ and "about" gives no bound to test them by.
    Apart { entries: Vec<&'t Entry> },
}

impl Consensus<'_> {
    /// "between more than 1,000 soldiers and up to about 1,200 soldiers (2
    /// figures agree: #3, #4)": each bound in the words of the figure that
    /// gives it.
    pub fn describe(&self, unit: &str) -> String {
        let ids = |entries: &[&Entry]| {
            entries.iter().map(|e| format!("#{}", e.claim.id)).collect::<Vec<_>>().join(", ")
        };
        let words = |e: &Entry| e.estimate.map(|x| x.describe(unit)).unwrap_or_default();
        match self {
            Consensus::Agree { estimate, entries } if entries.len() == 1 => estimate.describe(unit),
            Consensus::Agree { estimate, entries } => {
                let giver = |pick: fn(&Estimate) -> Option<f64>, wanted: Option<f64>| {
                    entries
                        .iter()
                        .copied()
                        .find(|e| e.estimate.as_ref().and_then(pick) == wanted && wanted.is_some())
                };
                let text = match (giver(|e| e.low, estimate.low), giver(|e| e.high, estimate.high)) {
                    (Some(a), Some(b)) if !std::ptr::eq(a, b) => {
                        format!("between {} and {}", words(a), words(b))
                    }
                    (Some(a), _) | (None, Some(a)) => words(a),
                    (None, None) => estimate.describe(unit),
                };
                format!("{text} ({} figures agree: {})", entries.len(), ids(entries))
            }
            Consensus::Disagree { entries, .. } | Consensus::Apart { entries } => {
                let said: Vec<String> = entries
                    .iter()
                    .map(|e| format!("{} says {} (#{})", e.source_name(), words(e), e.claim.id))
                    .collect();
                let how = match self {
                    Consensus::Apart { .. } => "sources differ (no bound to test)",
                    _ => "sources disagree",
                };
                format!("{how}: {}", said.join("; "))
            }
        }
    }

    pub fn estimate(&self) -> Option<Estimate> {
        match self {
            Consensus::Agree { estimate, .. } => Some(*estimate),
            Consensus::Disagree { .. } | Consensus::Apart { .. } => None,
        }
    }

    pub fn entries(&self) -> &[&Entry] {
        match self {
            Consensus::Agree { entries, .. }
            | Consensus::Disagree { entries, .. }
            | Consensus::Apart { entries } => entries,
        }
    }
}

/// The consensus of figures (one per source, as `at` chooses them).
pub fn consensus<'t>(entries: &[&'t Entry]) -> Option<Consensus<'t>> {
    let figures: Vec<(&Entry, Estimate)> = entries.iter().filter_map(|e| Some((*e, e.estimate?))).collect();
    let mut pairs = Vec::new();
    for (i, (a, x)) in figures.iter().enumerate() {
        for (b, y) in &figures[i + 1..] {
            if x.contradicts(y) {
                pairs.push((a.claim.id, b.claim.id));
            }
        }
    }
    let chosen: Vec<&Entry> = figures.iter().map(|(e, _)| *e).collect();
    if !pairs.is_empty() {
        return Some(Consensus::Disagree { entries: chosen, pairs });
    }
    let apart = figures
        .iter()
        .enumerate()
        .any(|(i, (_, x))| figures[i + 1..].iter().any(|(_, y)| !holds_together(x, y)));
    if apart {
        return Some(Consensus::Apart { entries: chosen });
    }
    let estimate = figures.iter().map(|(_, e)| *e).reduce(|a, b| a.intersect(&b).unwrap_or(a))?;
    Some(Consensus::Agree { estimate, entries: chosen })
}

/// The figures that speak at a date, and those passed over.
#[derive(Debug, Clone, Default)]
pub struct Choice<'t> {
    /// One figure per source, sources in name order: the span that holds the
    /// date, else the latest span before it.
    pub chosen: Vec<&'t Entry>,
    /// Every other figure that was a candidate, with why it was not chosen.
    pub passed_over: Vec<(&'t Entry, &'static str)>,
}

impl Timeline {
    /// The figures at `when`, chosen by the rules of this module.
    pub fn at(&self, when: &When) -> Choice<'_> {
        self.at_among(when, |_| true)
    }

    /// The figures at `when` of the entries `keep` admits (one source's, say).
    pub(super) fn at_among(&self, when: &When, keep: impl Fn(&Entry) -> bool) -> Choice<'_> {
        let figures: Vec<&Entry> = self.entries.iter().filter(|e| e.estimate.is_some() && keep(e)).collect();
        choice_at(&figures, when)
    }

    /// The latest figures: those that no figure comes after (their span
    /// ends on or after the latest first day: a month figure for August is
    /// among the latest beside a figure for 27 August), one per source as
    /// `at` chooses them.
    pub fn latest_span(&self) -> Choice<'_> {
        let figures = self.entries.iter().filter(|e| e.estimate.is_some());
        let Some(last_start) = figures.clone().map(|e| e.start.as_str()).max() else {
            return Choice::default();
        };
        choose(figures.filter(|e| !in_order(&e.end, last_start)).collect())
    }

    /// Each source's latest figures (as `speaking` chooses them), sources
    /// in name order.
    pub fn latest_by_source(&self) -> Vec<&Entry> {
        let figures: Vec<&Entry> = self.entries.iter().filter(|e| e.estimate.is_some()).collect();
        by_source(figures).into_iter().flat_map(|own| speaking(own).0).collect()
    }
}

/// The figures at `when` among `figures` (entries with a figure, in
/// timeline order), chosen by the rules of this module.
pub(super) fn choice_at<'t>(figures: &[&'t Entry], when: &When) -> Choice<'t> {
    let (first_day, last_day) = (when.start.to_string(), when.end.to_string());
    let holding: Vec<&Entry> =
        figures.iter().copied().filter(|e| e.start <= last_day && e.end >= first_day).collect();
    let candidates: Vec<&Entry> = if holding.is_empty() {
        // the latest span before the date, of each source
        figures.iter().copied().filter(|e| in_order(&e.end, &first_day)).collect()
    } else {
        holding
    };
    choose(candidates)
}

/// Of candidate figures, one per source (in name order) by `speaking`, the
/// stated before the derived; unsourced figures only when no source speaks.
fn choose(candidates: Vec<&Entry>) -> Choice<'_> {
    let mut choice = Choice::default();
    for own in by_source(candidates) {
        let (chosen, passed) = speaking(own);
        choice.chosen.extend(chosen);
        choice.passed_over.extend(passed);
    }
    if choice.chosen.iter().any(|e| series_of(e).is_some()) {
        let (unsourced, named): (Vec<&Entry>, Vec<&Entry>) =
            choice.chosen.iter().partition(|e| series_of(e).is_none());
        choice.passed_over.extend(unsourced.into_iter().map(|e| (e, "unsourced")));
        choice.chosen = named;
    }
    // stable: sources stay in name order within each kind
    choice.chosen.sort_by_key(|e| e.derived.is_some());
    choice
}

/// Figures grouped by source, sources in name order (unsourced first),
/// each group in the order given: a stable sort, where filtering every
/// figure once per source compared names 500,000 times for 1,300 figures.
fn by_source(mut figures: Vec<&Entry>) -> Vec<Vec<&Entry>> {
    figures.sort_by_key(|e| series_of(e));
    figures.chunk_by(|a, b| series_of(a) == series_of(b)).map(<[&Entry]>::to_vec).collect()
}

/// Of one source's candidate figures, those that speak: its latest span's
/// latest stated figure and the derived figures beside it; the rest with
/// why they were passed over.
fn speaking(mut own: Vec<&Entry>) -> (Vec<&Entry>, Vec<(&Entry, &'static str)>) {
    own.sort_by(|a, b| series_order(a, b));
    let Some(last) = own.last().copied() else { return (Vec::new(), Vec::new()) };
    // the latest stated figures of the span: all of those said on its last day
    let latest_stated = own.iter().rev().find(|e| same_span(e, last) && e.derived.is_none()).copied();
    let superseded = |e: &Entry| latest_stated.is_some_and(|s| revises(e, s));
    let mut chosen = Vec::new();
    let mut passed = Vec::new();
    for entry in own {
        let why = if !same_span(entry, last) {
            Some("an earlier span of the same source")
        } else if entry.outranked {
            Some("derived from a figure the source stated for the same span")
        } else if entry.derived.is_none() && superseded(entry) {
            Some("stated earlier by the same source for the same span")
        } else {
            None
        };
        match why {
            Some(why) => passed.push((entry, why)),
            None => chosen.push(entry),
        }
    }
    (chosen, passed)
}

/// A span for which several sources give figures, and what they say together.
#[derive(Debug, Clone)]
pub struct Meeting<'t> {
    pub when: String,
    pub start: &'t str,
    pub end: &'t str,
    pub consensus: Consensus<'t>,
}

/// Every span where two or more figures speak (each source by its latest
/// statement for that span, and figures derived from others' claims beside
/// it), in time order.
pub fn meetings(entries: &[Entry]) -> Vec<Meeting<'_>> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < entries.len() {
        let j = i + entries[i..].iter().take_while(|e| same_span(e, &entries[i])).count();
        // a span of one figure is no meeting (most spans: nothing to gather)
        if j - i < 2 {
            i = j;
            continue;
        }
        let group: Vec<&Entry> =
            entries[i..j].iter().filter(|e| e.estimate.is_some() && series_of(e).is_some()).collect();
        let mut sources: Vec<&str> = group.iter().filter_map(|e| series_of(e)).collect();
        sources.sort_unstable();
        sources.dedup();
        let chosen: Vec<&Entry> = sources
            .iter()
            .flat_map(|s| speaking(group.iter().copied().filter(|e| series_of(e) == Some(*s)).collect()).0)
            .collect();
        // several sources, or a stated figure beside one derived from others' claims
        if chosen.len() > 1 {
            if let Some(consensus) = consensus(&chosen) {
                let first = &entries[i];
                found.push(Meeting { when: first.when(), start: &first.start, end: &first.end, consensus });
            }
        }
        i = j;
    }
    found
}

/// "Oleksandr Syrskyi's own figures", "News reports' own figures".
pub fn own_figures(source: &str) -> String {
    if source.ends_with('s') {
        format!("{source}' own figures")
    } else {
        format!("{source}'s own figures")
    }
}

/// Whether figures are all of one span.
pub fn one_span(entries: &[&Entry]) -> bool {
    entries.windows(2).all(|w| same_span(w[0], w[1]))
}
