//! The rules that judge figures against each other, each written once: the
//! timeline, `compare`, `change` and `check` all decide by these. They take
//! a light `Span` (dates, source, figure), so that `check` can apply them to
//! a million rows without reading whole claims.

use super::estimate::Estimate;
use crate::units::{self, Dimension};
use std::collections::HashMap;

/// What the rules need of a figure.
#[derive(Debug, Clone, Copy)]
pub struct Span<'a> {
    /// The first day it covers (of its `from`, for an interval).
    pub start: &'a str,
    pub end: &'a str,
    pub source: Option<&'a str>,
    pub estimate: Option<Estimate>,
}

impl Span<'_> {
    fn same_span(&self, other: &Span) -> bool {
        self.start == other.start && self.end == other.end
    }
}

/// Whether a span that ends on `earlier_end` comes before one that begins on
/// `later_start`: only when it ended before the other began. A month and a
/// day inside it are not in order, neither are two overlapping spans.
pub fn in_order(earlier_end: &str, later_start: &str) -> bool {
    earlier_end < later_start
}

/// Pairs of figures (sorted by start) from two named sources whose spans
/// overlap (are the same, for period figures) and whose bounds cannot both
/// hold, each read at the precision it was stated in.
pub fn conflicts(items: &[Span], same_span_only: bool) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for (i, a) in items.iter().enumerate() {
        for (j, b) in items.iter().enumerate().skip(i + 1) {
            if b.start > a.end {
                break;
            }
            // cheapest test first: most overlapping figures do not conflict
            let conflict = matches!((&a.estimate, &b.estimate), (Some(x), Some(y)) if x.contradicts(y));
            if conflict
                && (!same_span_only || a.same_span(b))
                && a.source.is_some()
                && b.source.is_some()
                && a.source != b.source
            {
                pairs.push((i, j));
            }
        }
    }
    pairs
}

/// Groups of one source's figures for one span that cannot all hold ("up
/// to 20,000", "more than 20,000" and "5,500" from one mayor on one day),
/// by their first figure.
pub fn self_contradictions(items: &[Span]) -> Vec<Vec<usize>> {
    // one source's figures for one span, found by sorting (a stable sort of
    // figures already by start is near linear): a map keyed by three
    // strings hashed each figure, a sixth of `check` on a million claims
    let mut sourced: Vec<usize> =
        (0..items.len()).filter(|&i| items[i].source.is_some() && items[i].estimate.is_some()).collect();
    let key = |i: &usize| (items[*i].start, items[*i].end, items[*i].source);
    sourced.sort_by(|a, b| key(a).cmp(&key(b)));
    let figure = |i: &usize| items[*i].estimate.unwrap_or_default();
    let mut groups: Vec<Vec<usize>> = sourced
        .chunk_by(|a, b| key(a) == key(b))
        .filter(|g| {
            g.iter().enumerate().any(|(n, a)| g[n + 1..].iter().any(|b| figure(a).contradicts(&figure(b))))
        })
        .map(<[usize]>::to_vec)
        .collect();
    groups.sort_unstable();
    groups
}

/// How a running total fell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fall {
    /// A source's own later figure is below its earlier lower bound: a
    /// revision ("at least 11,300", then "at least 3,958"), even when both
    /// could hold.
    Revision,
    /// Another source's later figure cannot reach an earlier lower bound.
    Decrease,
}

/// A running total's fall: `later` below `earlier`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fell {
    pub earlier: usize,
    pub later: usize,
    pub fall: Fall,
}

/// The highest lower bound among figures that came before a day: those
/// whose span ended before it; the others wait until it has.
#[derive(Default)]
struct Highest<'a> {
    before: Option<(f64, usize)>,
    waiting: Vec<(&'a str, f64, usize)>,
}

impl<'a> Highest<'a> {
    /// The highest lower bound of the figures in order before `start`
    /// (starts come in order, so a figure once before stays before).
    fn before(&mut self, start: &str) -> Option<(f64, usize)> {
        let before = &mut self.before;
        self.waiting.retain(|&(end, low, i)| {
            let ended = in_order(end, start);
            if ended && before.is_none_or(|(l, _)| low > l) {
                *before = Some((low, i));
            }
            !ended
        });
        *before
    }

    fn push(&mut self, end: &'a str, low: f64, i: usize) {
        self.waiting.push((end, low, i));
    }
}

/// Where a running total falls, for figures in time order (by first day):
/// a later figure whose upper bound is below the lower bound of a figure
/// that came before it (for two sources, once each is read at the precision
/// it was stated in, and never by an approximate bound). Only spans in order count (a month and a day
/// inside it are not); a source lowering its own total is a revision,
/// another source's lower total a decrease of the consensus.
pub fn falls<'a>(items: &[Span<'a>]) -> Vec<Fell> {
    let mut any = Highest::default();
    let mut own: HashMap<&str, Highest> = HashMap::new();
    let mut found = Vec::new();
    for (later, item) in items.iter().enumerate() {
        let Some(estimate) = item.estimate else { continue };
        let below = |kept: Option<(f64, usize)>, top: Option<f64>| {
            let (low, earlier) = kept?;
            (top? < low).then_some(earlier)
        };
        // a source's own figure is judged by what it says at least
        let mine = item.source.map(|s| own.entry(s).or_default());
        let own_fall =
            mine.and_then(|m| below(m.before(item.start), estimate.low.or(estimate.high).or(estimate.best)));
        // another source's lower figure contradicts the total only as
        // contradictions go: at stated precision, approximate bounds never
        let any_fall =
            below(any.before(item.start), estimate.firm_high()).filter(|e| items[*e].source != item.source);
        if let Some(earlier) = own_fall {
            found.push(Fell { earlier, later, fall: Fall::Revision });
        } else if let Some(earlier) = any_fall {
            found.push(Fell { earlier, later, fall: Fall::Decrease });
        }
        if let Some(low) = estimate.firm_low() {
            any.push(item.end, low, later);
        }
        if let Some(low) = estimate.low {
            if let Some(source) = item.source {
                own.entry(source).or_default().push(item.end, low, later);
            }
        }
    }
    found
}

/// What a change or a share says of the figure it rests on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Relative {
    /// A change in percent: a factor (−40% is × 0.6).
    Percent(Estimate),
    /// A change in the base's unit (percentage points, on a percentage),
    /// already converted to it: it adds (25% − 5 pp = 20%).
    Amount(Estimate),
    /// A share in percent of the base.
    Share(Estimate),
}

impl Relative {
    /// Reads a relative claim's own figure, stated in `unit`; `to_base`
    /// converts an amount to the base's unit, or says why it cannot.
    pub fn read(
        is_change: bool,
        own: Estimate,
        unit: &str,
        to_base: impl FnOnce(Estimate) -> Result<Estimate, String>,
    ) -> Result<Relative, String> {
        let percent = matches!(units::parse(unit), Ok(u) if u.dimension == Dimension::Percent);
        match (is_change, percent) {
            (false, _) => Ok(Relative::Share(own)),
            (true, true) => Ok(Relative::Percent(own)),
            (true, false) => to_base(own).map(Relative::Amount),
        }
    }

    /// The figure it gives, on `base`.
    pub fn apply(&self, base: Estimate) -> Estimate {
        match *self {
            Relative::Percent(c) => base * c.change_factor(),
            Relative::Amount(d) => base + d,
            Relative::Share(s) => s.percent_to_fraction() * base,
        }
    }

    /// The change it states on `base`, and in percent where it says one:
    /// +10% of more than 500 is more than +50 (+10%), whatever the two
    /// figures' difference would say. None for a share.
    pub fn change_on(&self, base: Estimate) -> Option<(Estimate, Option<Estimate>)> {
        match *self {
            Relative::Percent(c) => {
                let absolute = base * c.percent_to_fraction();
                // in percent with the absolute change's words where the base allows
                Some((absolute, absolute.percent_of(&base).or(Some(c))))
            }
            Relative::Amount(d) => Some((d, d.percent_of(&base))),
            Relative::Share(_) => None,
        }
    }

    /// The base that a `result` it gave implies: more than 1,000 as almost
    /// 10% implies more than about 10,000; 20% after −5 pp implies 25%.
    pub fn base_of(&self, result: Estimate) -> Estimate {
        match *self {
            Relative::Percent(c) => result / c.change_factor(),
            Relative::Amount(d) => result - d,
            Relative::Share(s) => result / s.percent_to_fraction(),
        }
    }
}

/// Whether a derived figure is impossible: less than nothing (a change of
/// −2,000 km² on about 1,376 km²).
pub fn impossible(result: &Estimate) -> bool {
    result.below(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exact(v: f64) -> Estimate {
        Estimate::from_claim("exact", Some(v), Some(v), Some(v))
    }

    fn span<'a>(start: &'a str, end: &'a str, source: &'a str, v: f64) -> Span<'a> {
        Span { start, end, source: Some(source), estimate: Some(exact(v)) }
    }

    #[test]
    fn percentage_points_add_and_percent_multiplies() {
        let points = Relative::Amount(exact(-5.0));
        assert_eq!(points.apply(exact(25.0)).best, Some(20.0));
        assert_eq!(points.base_of(exact(20.0)).best, Some(25.0));
        let percent = Relative::Percent(exact(-5.0));
        assert_eq!(percent.apply(exact(25.0)).best, Some(23.75));
    }

    #[test]
    fn a_month_and_a_day_inside_it_are_not_a_fall() {
        let month = span("2023-09-01", "2023-09-30", "UN", 11_300.0);
        let day = span("2023-09-17", "2023-09-17", "UN", 3_958.0);
        assert!(falls(&[month, day]).is_empty());
        let before = span("2023-09-14", "2023-09-14", "UN", 11_300.0);
        assert_eq!(falls(&[before, day]), vec![Fell { earlier: 0, later: 1, fall: Fall::Revision }]);
        let other = span("2023-09-17", "2023-09-17", "WHO", 3_958.0);
        assert_eq!(falls(&[before, other]), vec![Fell { earlier: 0, later: 1, fall: Fall::Decrease }]);
    }

    #[test]
    fn another_sources_lower_total_falls_only_as_contradictions_go() {
        let about = |start, source, v| Span {
            start,
            end: start,
            source: Some(source),
            estimate: Some(Estimate::from_claim("approx", Some(v), None, None)),
        };
        let fuzzy = [about("2019-01-03", "A", 56.0), about("2019-01-13", "B", 36.0)];
        assert!(falls(&fuzzy).is_empty(), "about 56 then about 36: no bound to test");
        let rounded = Estimate::of_claim("exact", Some(1300.0), Some(1300.0), Some(1300.0), "1.3 thousand");
        let first = Span { estimate: Some(rounded), ..span("2024-08-26", "2024-08-26", "A", 0.0) };
        let later = span("2024-08-27", "2024-08-27", "B", 1_294.0);
        assert!(falls(&[first, later]).is_empty(), "1.3 thousand may be 1,294");
    }

    #[test]
    fn one_source_contradicting_itself_is_one_group() {
        let items = [
            span("2023-09-12", "2023-09-12", "mayor", 5_500.0),
            span("2023-09-12", "2023-09-12", "mayor", 20_000.0),
            span("2023-09-12", "2023-09-12", "UN", 6_000.0),
        ];
        assert_eq!(self_contradictions(&items), vec![vec![0, 1]]);
        assert_eq!(conflicts(&items, false), vec![(0, 2), (1, 2)]);
    }
}
