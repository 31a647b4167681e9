//! Layout for charts without a browser: how wide a text is, boxes that may
//! not meet, a greedy placer for labels, time-axis ticks at a step that
//! suits the span, and rows that wrap (the legend).
//!
//! Widths are estimated from per-character advances of a wide sans-serif
//! (DejaVu Sans, the widest of the usual fallbacks), so that a label placed
//! here does not meet another in any common font; the chart test measures
//! the real boxes in a browser.

use chrono::{Datelike, Duration, NaiveDate};

/// The chart's font, in CSS order: the estimate below is for the widest.
pub const FONT: &str = "'DejaVu Sans', Verdana, 'Helvetica Neue', Arial, sans-serif";

/// How wide `text` is at `size` pixels, a little over the real width.
pub fn text_width(text: &str, size: f64) -> f64 {
    let em: f64 = text.chars().map(advance).sum();
    em * size * 1.04 + 1.0
}

/// Advance of one character in ems (DejaVu Sans, rounded up).
fn advance(c: char) -> f64 {
    match c {
        ' ' | ',' | '.' | ':' | ';' | '\'' | '|' | 'i' | 'j' | 'l' | 'I' => 0.33,
        'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' => 0.42,
        '0'..='9' | '#' | '$' | '+' | '=' | '<' | '>' | '~' | '–' | '−' | '×' => 0.64,
        'm' | 'w' | 'M' | 'W' | '%' | '@' | '—' => 0.98,
        c if c.is_ascii_lowercase() => 0.63,
        c if c.is_ascii_uppercase() => 0.76,
        // accented letters, symbols and anything else: as wide as a capital
        _ => 0.78,
    }
}

/// A rectangle in the chart's coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    /// The box of a text of `size` px whose baseline is at `y`; `anchor`
    /// as in SVG: `start`, `middle` or `end` at `x`.
    pub fn text(x: f64, y: f64, anchor: &str, text: &str, size: f64) -> Rect {
        let width = text_width(text, size);
        let x0 = match anchor {
            "end" => x - width,
            "middle" => x - width / 2.0,
            _ => x,
        };
        // ascent and descent of the font, generously
        Rect { x0, y0: y - size * 0.95, x1: x0 + width, y1: y + size * 0.3 }
    }

    /// A square of half-side `r` around a point.
    pub fn around(x: f64, y: f64, r: f64) -> Rect {
        Rect { x0: x - r, y0: y - r, x1: x + r, y1: y + r }
    }

    pub fn intersects(&self, other: &Rect) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && self.y0 < other.y1 && other.y0 < self.y1
    }

    pub fn inside(&self, outer: &Rect) -> bool {
        self.x0 >= outer.x0 && self.x1 <= outer.x1 && self.y0 >= outer.y0 && self.y1 <= outer.y1
    }
}

/// Places labels one by one where they meet no label placed before, and
/// where possible no mark either.
pub struct Placer {
    bounds: Rect,
    labels: Vec<Rect>,
    marks: Vec<Rect>,
}

impl Placer {
    pub fn new(bounds: Rect, marks: Vec<Rect>) -> Placer {
        Placer { bounds, labels: Vec::new(), marks }
    }

    /// The first candidate that meets no label nor mark; with
    /// `may_cover_marks`, else the first that meets no label. The chosen
    /// box is kept; `None` when nothing fits.
    pub fn place(&mut self, candidates: &[Rect], may_cover_marks: bool) -> Option<usize> {
        let free = |r: &Rect, marks: bool| {
            r.inside(&self.bounds)
                && !self.labels.iter().any(|l| l.intersects(r))
                && (!marks || !self.marks.iter().any(|m| m.intersects(r)))
        };
        let chosen = candidates.iter().position(|r| free(r, true)).or_else(|| {
            if may_cover_marks {
                candidates.iter().position(|r| free(r, false))
            } else {
                None
            }
        })?;
        self.labels.push(candidates[chosen]);
        Some(chosen)
    }
}

/// A step of the time axis.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Step {
    Days(i64),
    Months(u32),
}

const STEPS: &[Step] = &[
    Step::Days(1),
    Step::Days(2),
    Step::Days(3),
    Step::Days(4),
    Step::Days(7),
    Step::Days(14),
    Step::Months(1),
    Step::Months(2),
    Step::Months(3),
    Step::Months(6),
    Step::Months(12),
    Step::Months(24),
    Step::Months(60),
    Step::Months(120),
    Step::Months(600),
];

/// A tick of the time axis: where (in days, fractional) and its label.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub day: f64,
    pub label: String,
}

/// Whether a step suits a span of `days`: days up to three weeks, weeks
/// up to two months, months and years beyond.
fn suits(step: Step, days: i64) -> bool {
    match step {
        Step::Days(n) if n < 7 => days <= 24,
        Step::Days(_) => days <= 62,
        Step::Months(_) => true,
    }
}

/// Ticks between `first` and `last` (inclusive days) at the finest step
/// that suits the span, gives at least three ticks and whose labels fit in
/// `width` px at `size` px; a day's tick stands at its middle, a month's
/// at its start.
pub fn time_ticks(first: NaiveDate, last: NaiveDate, width: f64, size: f64) -> Vec<Tick> {
    let days = (last - first).num_days();
    let fits = |ticks: &[Tick]| {
        let widest = ticks.iter().map(|t| text_width(&t.label, size)).fold(0.0, f64::max);
        ticks.len() >= 3 && widest + 14.0 <= width / ticks.len() as f64
    };
    let suitable = STEPS.iter().filter(|s| suits(**s, days));
    // a span between two steps' ranges takes the finest step that works
    suitable
        .chain(STEPS)
        .map(|step| ticks_at(*step, first, last))
        .find(|ticks| fits(ticks))
        .unwrap_or_else(|| ticks_at(Step::Months(600), first, last))
}

fn ticks_at(step: Step, first: NaiveDate, last: NaiveDate) -> Vec<Tick> {
    let mut ticks = Vec::new();
    match step {
        Step::Days(n) => {
            let mut day = first;
            // weeks start on Mondays
            if n >= 7 {
                while day.weekday().num_days_from_monday() != 0 {
                    day += Duration::days(1);
                }
            }
            while day <= last {
                let label = if ticks.is_empty() || day.ordinal() == 1 {
                    day.format("%-d %b %Y").to_string()
                } else {
                    day.format("%-d %b").to_string()
                };
                ticks.push(Tick { day: day.num_days_from_ce() as f64 + 0.5, label });
                day += Duration::days(n);
            }
        }
        Step::Months(n) => {
            let (mut year, mut month) = (first.year(), first.month());
            while let Some(day) = NaiveDate::from_ymd_opt(year, month, 1) {
                if day > last {
                    break;
                }
                let index = (year as i64 * 12 + month as i64 - 1) as u32;
                if day >= first && index.is_multiple_of(n) {
                    let label = match n {
                        12.. => format!("{year}"),
                        _ if ticks.is_empty() || month == 1 => day.format("%b %Y").to_string(),
                        _ => day.format("%b").to_string(),
                    };
                    ticks.push(Tick { day: day.num_days_from_ce() as f64, label });
                }
                month += 1;
                if month > 12 {
                    month = 1;
                    year += 1;
                }
            }
        }
    }
    ticks
}

/// Items of these widths in rows of at most `width`: each item's row and
/// its x offset in that row.
pub fn wrap(widths: &[f64], width: f64, gap: f64) -> Vec<(usize, f64)> {
    let mut placed = Vec::with_capacity(widths.len());
    let (mut row, mut x) = (0, 0.0);
    for w in widths {
        if x > 0.0 && x + w > width {
            row += 1;
            x = 0.0;
        }
        placed.push((row, x));
        x += w + gap;
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn labels(first: &str, last: &str) -> Vec<String> {
        time_ticks(date(first), date(last), 640.0, 11.0).into_iter().map(|t| t.label).collect()
    }

    #[test]
    fn a_few_days_get_a_tick_each() {
        assert_eq!(
            labels("2024-10-29", "2024-11-04"),
            ["29 Oct 2024", "30 Oct", "31 Oct", "1 Nov", "2 Nov", "3 Nov", "4 Nov"]
        );
    }

    #[test]
    fn months_for_a_season_and_years_for_decades() {
        assert_eq!(labels("2024-06-25", "2024-12-05"), ["Jul 2024", "Aug", "Sep", "Oct", "Nov", "Dec"]);
        let decades = labels("1990-03-01", "2024-05-01");
        assert!(decades.len() >= 3 && decades.iter().all(|l| l.len() == 4), "{decades:?}");
        let weeks = labels("2024-08-01", "2024-10-20");
        assert!(weeks.len() >= 3, "{weeks:?}");
    }

    #[test]
    fn every_span_gets_three_ticks_or_more_that_fit() {
        let first = date("2023-12-20");
        for days in (2..120).chain((120..4000).step_by(37)) {
            let last = first + Duration::days(days);
            let ticks = time_ticks(first, last, 640.0, 11.0);
            assert!(ticks.len() >= 3, "{days} days: {ticks:?}");
            let widest = ticks.iter().map(|t| text_width(&t.label, 11.0)).fold(0.0, f64::max);
            assert!(widest * ticks.len() as f64 <= 640.0, "{days} days: {ticks:?}");
        }
    }

    #[test]
    fn boxes_meet_only_when_they_overlap() {
        let a = Rect { x0: 0.0, y0: 0.0, x1: 10.0, y1: 10.0 };
        assert!(a.intersects(&Rect { x0: 9.0, y0: 9.0, x1: 12.0, y1: 12.0 }));
        assert!(!a.intersects(&Rect { x0: 10.0, y0: 0.0, x1: 12.0, y1: 10.0 }), "touching is not meeting");
    }

    #[test]
    fn the_placer_skips_taken_places() {
        let bounds = Rect { x0: 0.0, y0: 0.0, x1: 100.0, y1: 100.0 };
        let mut placer = Placer::new(bounds, vec![Rect::around(50.0, 50.0, 3.0)]);
        let first = Rect::text(10.0, 20.0, "start", "158", 11.0);
        assert_eq!(placer.place(&[first], false), Some(0));
        let over_mark = Rect::text(45.0, 55.0, "start", "211", 11.0);
        assert_eq!(placer.place(&[first, over_mark], false), None);
        assert_eq!(placer.place(&[first, over_mark], true), Some(1));
    }

    #[test]
    fn rows_wrap_before_the_edge() {
        assert_eq!(wrap(&[40.0, 40.0, 40.0], 100.0, 10.0), [(0, 0.0), (0, 50.0), (1, 0.0)]);
    }
}
