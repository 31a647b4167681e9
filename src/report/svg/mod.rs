//! The timeline as an SVG chart: one colour per source on a real time
//! axis; a day's figure is a point, a month's, quarter's or year's a bar
//! over its whole span; derived figures hollow, "about" ringed, bounds as
//! whiskers, an open bound as a short arrow at its mark, and a band where
//! figures for the same span agree (the series model's consensus). Labels go only where they meet no
//! other text (the latest figure of each source and the extremes first);
//! every mark has a `<title>`, and the table under the chart has the rest.

use super::escape;
use super::estimate::Estimate;
use super::layout::{self, Placer, Rect, FONT};
use super::series;
use super::timeline::{Entry, Timeline};
use chrono::{Datelike, NaiveDate};
use legend::Legend;
use std::fmt::Write;

mod legend;

const WIDTH: f64 = 760.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 40.0;
const PLOT_HEIGHT: f64 = 270.0;
const LABEL_SIZE: f64 = 11.0;
const LEGEND_ROW: f64 = 18.0;
const PAPER: &str = "#fffdf8";
const MUTED: &str = "#555";
/// Up to how many marks every figure may get a label.
const MAX_MARKS_LABELLED: usize = 400;
/// How many sources the legend names before counting the rest.
const MAX_LEGEND_SOURCES: usize = 40;
/// How far an open bound's arrow reaches from its mark, in px.
const ARROW: f64 = 20.0;

/// Okabe–Ito and Tol colours, dark enough for text on paper and told apart
/// by colour-blind readers too; past twelve sources they repeat.
const PALETTE: &[&str] = &[
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#332288", "#B8860B", "#882255", "#44AA99", "#000000",
    "#999933", "#AA4499", "#56B4E9",
];

/// The chart's geometry: plot area and scales.
struct Frame {
    left: f64,
    t0: f64,
    t1: f64,
    y0: f64,
    y1: f64,
}

impl Frame {
    fn x(&self, day: f64) -> f64 {
        self.left + (day - self.t0) / (self.t1 - self.t0).max(1.0) * (WIDTH - self.left - RIGHT)
    }

    fn y(&self, value: f64) -> f64 {
        let span = (self.y1 - self.y0).max(f64::EPSILON);
        TOP + PLOT_HEIGHT - (value - self.y0) / span * PLOT_HEIGHT
    }

    fn base(&self) -> f64 {
        TOP + PLOT_HEIGHT
    }

    fn plot(&self) -> Rect {
        Rect { x0: self.left, y0: TOP, x1: WIDTH - RIGHT, y1: self.base() }
    }
}

/// One figure as drawn.
struct Mark<'a> {
    entry: &'a Entry,
    estimate: Estimate,
    color: &'static str,
    /// Left and right edge in px: equal for a day's figure.
    x0: f64,
    x1: f64,
    y: f64,
    /// Pixels per unit of value (negative: values grow upwards).
    per_unit: f64,
}

impl Mark<'_> {
    fn spans(&self) -> bool {
        self.entry.start != self.entry.end
    }

    /// Where a value of this figure stands, in px.
    fn y_of(&self, value: f64) -> f64 {
        self.y + (value - level(&self.estimate).unwrap_or(value)) * self.per_unit
    }

    fn center(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }

    /// What the mark covers: its point or bar, and its whisker or arrow.
    fn areas(&self) -> Vec<Rect> {
        let mark = if self.spans() {
            // with room for the dashed outline of "about"
            Rect { x0: self.x0 - 4.0, y0: self.y - 8.0, x1: self.x1 + 4.0, y1: self.y + 8.0 }
        } else {
            Rect::around(self.x0, self.y, if self.estimate.approx { 9.0 } else { 6.0 })
        };
        let x = self.center();
        let stem = |y0: f64, y1: f64| Rect { x0: x - 5.0, y0, x1: x + 5.0, y1 };
        let extra = match (self.estimate.low, self.estimate.high) {
            (Some(l), Some(h)) if l != h => Some(stem(self.y_of(h), self.y_of(l))),
            (Some(_), None) => Some(stem(self.y - ARROW, self.y)),
            (None, Some(_)) => Some(stem(self.y, self.y + ARROW)),
            _ => None,
        };
        std::iter::once(mark).chain(extra).collect()
    }
}

fn day_number(text: &str) -> f64 {
    text.parse::<NaiveDate>().map(|d| d.num_days_from_ce() as f64).unwrap_or(0.0)
}

fn date_of(day: f64) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(day.floor() as i32).unwrap_or_default()
}

/// 1, 2 or 5 times a power of ten, about `count` steps over `span`.
fn nice_step(span: f64, count: f64) -> f64 {
    let raw = (span / count).max(f64::EPSILON);
    let power = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * power).find(|s| *s >= raw).unwrap_or(10.0 * power)
}

/// Where a figure stands: its best value, else the bound it has.
fn level(estimate: &Estimate) -> Option<f64> {
    estimate.best.or(estimate.low).or(estimate.high).filter(|v| v.is_finite())
}

/// A figure in a label: the words without the unit (the axis names it).
fn short(estimate: &Estimate) -> String {
    estimate.describe("").trim_end().to_string()
}

/// The chart of a timeline, as one `<svg>` element.
pub fn chart(timeline: &Timeline) -> String {
    let title =
        format!("{} ({})", timeline.metric.label.as_deref().unwrap_or(&timeline.metric.key), timeline.unit);
    let entries: Vec<(&Entry, Estimate)> = timeline
        .entries
        .iter()
        .filter_map(|e| e.estimate.filter(|est| level(est).is_some()).map(|est| (e, est)))
        .collect();
    let sources = sources(&entries);
    let Some(frame) = frame_for(&entries) else {
        let mut svg = open(&title, TOP + 60.0);
        let _ =
            write!(svg, r#"<text x="20" y="{}" fill="{MUTED}">No figures to draw.</text></svg>"#, TOP + 30.0);
        return svg;
    };
    let mut marks = marks(&entries, &sources, &frame);
    dodge(&mut marks);
    let legend = Legend::new(&sources);
    let height = frame.base() + 40.0 + legend.rows() as f64 * LEGEND_ROW + 8.0;
    let mut svg = open(&title, height);
    axes(&mut svg, &frame, &timeline.unit);
    for band in consensus_bands(timeline, &entries) {
        draw_band(&mut svg, &frame, &band);
    }
    for source in &sources {
        let series: Vec<&Mark> = marks.iter().filter(|m| m.entry.source_name() == source).collect();
        series_line(&mut svg, &series);
    }
    for mark in &marks {
        draw_mark(&mut svg, mark, &timeline.unit);
    }
    labels(&mut svg, &frame, &marks);
    legend.draw(&mut svg, frame.base() + 44.0);
    svg.push_str("</svg>\n");
    svg
}

/// Each figure placed on the frame, in its source's colour.
fn marks<'a>(entries: &[(&'a Entry, Estimate)], sources: &[String], frame: &Frame) -> Vec<Mark<'a>> {
    let colors: std::collections::HashMap<&str, &'static str> =
        sources.iter().enumerate().map(|(i, s)| (s.as_str(), PALETTE[i % PALETTE.len()])).collect();
    entries
        .iter()
        .map(|(entry, estimate)| {
            let (start, end) = (day_number(&entry.start), day_number(&entry.end));
            let (x0, x1) = if entry.start == entry.end {
                let x = frame.x(start + 0.5);
                (x, x)
            } else {
                (frame.x(start), frame.x(end + 1.0))
            };
            Mark {
                entry,
                estimate: *estimate,
                color: colors.get(entry.source_name()).copied().unwrap_or(PALETTE[0]),
                x0,
                x1,
                y: frame.y(level(estimate).unwrap_or(0.0)),
                per_unit: frame.y(1.0) - frame.y(0.0),
            }
        })
        .collect()
}

/// Figures of the same day side by side, in timeline order, so that
/// none hides another.
fn dodge<'a>(marks: &mut [Mark<'a>]) {
    // 9 px apart, and a day's figures together within 60 px
    const APART: f64 = 9.0;
    const SPREAD: f64 = 60.0;
    let days: Vec<Option<&'a str>> =
        marks.iter().map(|m| (!m.spans()).then_some(m.entry.start.as_str())).collect();
    let mut count: std::collections::HashMap<&str, f64> = std::collections::HashMap::new();
    for day in days.iter().flatten() {
        *count.entry(day).or_default() += 1.0;
    }
    let mut rank: std::collections::HashMap<&str, f64> = std::collections::HashMap::new();
    for (mark, day) in marks.iter_mut().zip(&days) {
        let Some(day) = day else { continue };
        let seen = rank.entry(day).or_default();
        let shift = (*seen - (count[day] - 1.0) / 2.0) * APART.min(SPREAD / count[day]);
        *seen += 1.0;
        mark.x0 += shift;
        mark.x1 += shift;
    }
}

/// The `<svg>` element, its paper and its title (shortened to fit).
fn open(title: &str, height: f64) -> String {
    let mut svg = String::new();
    let shown = shortened(title, 64);
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0}" width="100%" role="img" aria-label="{title}" font-family="{FONT}" font-size="12"><rect width="{WIDTH}" height="{height:.0}" fill="{PAPER}"/><text x="20" y="24" font-size="15" font-weight="bold" fill="#222">{}</text>"##,
        escape(&shown),
        title = escape(title),
    );
    svg
}

fn sources(entries: &[(&Entry, Estimate)]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for (entry, _) in entries {
        if !names.iter().any(|n| n == entry.source_name()) {
            names.push(entry.source_name().to_string());
        }
    }
    names
}

fn frame_for(entries: &[(&Entry, Estimate)]) -> Option<Frame> {
    let first = entries.iter().map(|(e, _)| day_number(&e.start)).reduce(f64::min)?;
    let last = entries.iter().map(|(e, _)| day_number(&e.end) + 1.0).reduce(f64::max)?;
    // at least a day and a half each side: three ticks even for one day
    let pad = ((last - first) * 0.04).max(1.5);
    let values: Vec<f64> = entries
        .iter()
        .flat_map(|(_, e)| [e.best, e.low, e.high])
        .flatten()
        .filter(|v| v.is_finite())
        .collect();
    let low = values.iter().copied().fold(0.0, f64::min);
    let high = values.iter().copied().fold(0.0, f64::max);
    // room above the highest mark for its open bound's arrow and a label
    let (low, high) = (low * 1.12, high * 1.12);
    let step = nice_step((high - low).max(1.0), 5.0);
    let (y0, y1) = ((low / step).floor() * step, (high / step).ceil() * step);
    let widest =
        y_ticks(y0, y1, step).iter().map(|(_, l)| layout::text_width(l, LABEL_SIZE)).fold(0.0, f64::max);
    Some(Frame { left: (44.0 + widest).max(60.0), t0: first - pad, t1: last + pad, y0, y1 })
}

fn y_ticks(y0: f64, y1: f64, step: f64) -> Vec<(f64, String)> {
    let mut ticks = Vec::new();
    let mut value = y0;
    while value <= y1 + step * 1e-9 {
        ticks.push((value, crate::output::pretty_number(value)));
        value += step;
    }
    ticks
}

fn axes(svg: &mut String, frame: &Frame, unit: &str) {
    let step = nice_step((frame.y1 - frame.y0).max(1.0), 5.0);
    for (value, label) in y_ticks(frame.y0, frame.y1, step) {
        let y = frame.y(value);
        let _ = write!(
            svg,
            r##"<line x1="{:.1}" x2="{:.1}" y1="{y:.1}" y2="{y:.1}" stroke="#e4dfd3"/><text x="{:.1}" y="{:.1}" text-anchor="end" font-size="{LABEL_SIZE}" fill="{MUTED}">{label}</text>"##,
            frame.left,
            WIDTH - RIGHT,
            frame.left - 6.0,
            y + 4.0,
        );
    }
    let middle = TOP + PLOT_HEIGHT / 2.0;
    let _ = write!(
        svg,
        r#"<text x="16" y="{middle:.1}" transform="rotate(-90 16 {middle:.1})" text-anchor="middle" font-size="{LABEL_SIZE}" fill="{MUTED}">{}</text>"#,
        escape(unit)
    );
    let base = frame.base();
    let _ = write!(
        svg,
        r##"<line x1="{:.1}" x2="{:.1}" y1="{base}" y2="{base}" stroke="#333"/>"##,
        frame.left,
        WIDTH - RIGHT
    );
    let ticks = layout::time_ticks(
        date_of(frame.t0.ceil()),
        date_of(frame.t1.floor() - 1.0),
        WIDTH - frame.left - RIGHT,
        LABEL_SIZE,
    );
    for tick in ticks {
        let x = frame.x(tick.day);
        let _ = write!(
            svg,
            r##"<line x1="{x:.1}" x2="{x:.1}" y1="{base}" y2="{}" stroke="#333"/><text x="{x:.1}" y="{}" text-anchor="middle" font-size="{LABEL_SIZE}" fill="#333">{}</text>"##,
            base + 5.0,
            base + 19.0,
            escape(&tick.label)
        );
    }
}

/// Where figures for one span agree, and what they say together.
struct Band {
    start: f64,
    end: f64,
    low: f64,
    high: f64,
    words: String,
}

/// A band for each span whose figures (chosen as the series model chooses
/// them at the span's last day) agree on a range bounded on both sides.
fn consensus_bands(timeline: &Timeline, entries: &[(&Entry, Estimate)]) -> Vec<Band> {
    let mut spans: Vec<(&str, &str)> =
        entries.iter().map(|(e, _)| (e.start.as_str(), e.end.as_str())).collect();
    spans.sort();
    let mut shared: Vec<(&str, &str)> = spans.windows(2).filter(|w| w[0] == w[1]).map(|w| w[0]).collect();
    shared.dedup();
    let mut bands = Vec::new();
    for (start, end) in shared {
        let Ok(last_day) = crate::when::parse(end) else { continue };
        let choice = timeline.at(&last_day);
        let same: Vec<&Entry> =
            choice.chosen.into_iter().filter(|e| e.start == start && e.end == end).collect();
        if same.len() < 2 {
            continue;
        }
        let Some(consensus) = series::consensus(&same) else { continue };
        if let Some(Estimate { low: Some(low), high: Some(high), .. }) = consensus.estimate() {
            bands.push(Band {
                start: day_number(start),
                end: day_number(end) + 1.0,
                low,
                high,
                words: consensus.describe(&timeline.unit),
            });
        }
    }
    bands
}

fn draw_band(svg: &mut String, frame: &Frame, band: &Band) {
    let (x0, x1) = (frame.x(band.start), frame.x(band.end));
    let (top, bottom) = (frame.y(band.high), frame.y(band.low));
    // at least 8 px wide and 3 px high: a day's or a point's agreement shows
    let (x0, width) = if x1 - x0 < 8.0 { ((x0 + x1) / 2.0 - 4.0, 8.0) } else { (x0, x1 - x0) };
    let (top, height) =
        if bottom - top < 3.0 { ((top + bottom) / 2.0 - 1.5, 3.0) } else { (top, bottom - top) };
    let _ = write!(
        svg,
        r##"<rect x="{x0:.1}" y="{top:.1}" width="{width:.1}" height="{height:.1}" fill="#9b8f6a" fill-opacity="0.22" stroke="#9b8f6a" stroke-opacity="0.5"><title>consensus: {}</title></rect>"##,
        escape(&band.words)
    );
}

/// A source's day figures joined in timeline order; a figure that spans
/// a month or more stands alone, so that a month's total is never read as
/// a step after a figure inside that month.
fn series_line(svg: &mut String, series: &[&Mark]) {
    for run in series.split(|m| m.spans()) {
        if run.len() > 1 {
            let points: Vec<String> = run.iter().map(|m| format!("{:.1},{:.1}", m.x0, m.y)).collect();
            let _ = write!(
                svg,
                r#"<polyline points="{}" fill="none" stroke="{}" stroke-width="1.5" stroke-opacity="0.55"/>"#,
                points.join(" "),
                run[0].color
            );
        }
    }
}

fn draw_mark(svg: &mut String, mark: &Mark, unit: &str) {
    let Mark { entry, estimate, color, y, .. } = mark;
    let x = mark.center();
    match (estimate.low, estimate.high) {
        (Some(l), Some(h)) if l != h => whisker(svg, x, mark.y_of(h), mark.y_of(l), color),
        // an open bound: a short arrow from the mark, the way the words go
        (Some(_), None) => arrow(svg, x, *y, -1.0, color, "no upper bound"),
        (None, Some(_)) => arrow(svg, x, *y, 1.0, color, "no lower bound"),
        _ => {}
    }
    let derived = entry.derived.is_some();
    let fill = if derived { PAPER } else { color };
    let tip = escape(&tooltip(entry, estimate, unit));
    if mark.spans() {
        let width = (mark.x1 - mark.x0).max(2.0);
        if estimate.approx {
            let _ = write!(
                svg,
                r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="14" rx="7" fill="none" stroke="{color}" stroke-width="1" stroke-dasharray="2 2"/>"#,
                mark.x0 - 4.0,
                y - 7.0,
                width + 8.0
            );
        }
        let _ = write!(
            svg,
            r#"<rect x="{:.1}" y="{:.1}" width="{width:.1}" height="6" rx="3" fill="{fill}" fill-opacity="{}" stroke="{color}" stroke-width="1.5"><title>{tip}</title></rect>"#,
            mark.x0,
            y - 3.0,
            if derived { "1" } else { "0.6" },
        );
        return;
    }
    if estimate.approx {
        let _ = write!(
            svg,
            r#"<circle cx="{x:.1}" cy="{y:.1}" r="8" fill="none" stroke="{color}" stroke-width="1" stroke-dasharray="2 2"/>"#
        );
    }
    let _ = write!(
        svg,
        r#"<circle cx="{x:.1}" cy="{y:.1}" r="4.5" fill="{fill}" stroke="{color}" stroke-width="2"><title>{tip}</title></circle>"#
    );
}

/// "#9 2024-10-31 — 158 people (Ángel Víctor Torres); derived: ...".
fn tooltip(entry: &Entry, estimate: &Estimate, unit: &str) -> String {
    let mut tip = format!(
        "#{} {} — {} ({})",
        entry.claim.id,
        entry.when(),
        estimate.describe(unit),
        entry.source_name()
    );
    if let Some(derived) = &entry.derived {
        let _ = write!(tip, "; derived: {}", derived.arithmetic);
    }
    if entry.unsourced() {
        tip.push_str("; unsourced");
    }
    tip
}

fn whisker(svg: &mut String, x: f64, top: f64, bottom: f64, color: &str) {
    let _ = write!(
        svg,
        r#"<path d="M{x:.1},{top:.1} V{bottom:.1} M{:.1},{top:.1} H{:.1} M{:.1},{bottom:.1} H{:.1}" fill="none" stroke="{color}" stroke-width="1.5"/>"#,
        x - 4.0,
        x + 4.0,
        x - 4.0,
        x + 4.0
    );
}

fn arrow(svg: &mut String, x: f64, y: f64, direction: f64, color: &str, title: &str) {
    // from the mark's edge, the way the bound is open
    let (from, to) = (y + direction * 6.0, y + direction * ARROW);
    let head = to - direction * 5.0;
    let _ = write!(
        svg,
        r#"<g><title>{title}</title><path d="M{x:.1},{from:.1} V{to:.1} M{:.1},{head:.1} L{x:.1},{to:.1} L{:.1},{head:.1}" fill="none" stroke="{color}" stroke-width="1.5"/></g>"#,
        x - 3.5,
        x + 3.5
    );
}

/// Labels in order of worth: the highest and lowest figure, each source's
/// latest, then the rest from the latest back, each where it fits.
fn labels(svg: &mut String, frame: &Frame, marks: &[Mark]) {
    let mut order: Vec<usize> = Vec::new();
    let by_level = |pick: fn(f64, f64) -> bool| {
        (0..marks.len()).reduce(|a, b| if pick(marks[b].y, marks[a].y) { b } else { a })
    };
    order.extend(by_level(|a, b| a < b));
    order.extend(by_level(|a, b| a > b));
    let mut seen: Vec<&str> = Vec::new();
    for (index, mark) in marks.iter().enumerate().rev() {
        if !seen.contains(&mark.entry.source_name()) {
            seen.push(mark.entry.source_name());
            order.push(index);
        }
    }
    // past a few hundred marks the others are left to tooltips and the table
    if marks.len() <= MAX_MARKS_LABELLED {
        order.extend((0..marks.len()).rev());
    }
    let mut done = vec![false; marks.len()];
    let mut placer = Placer::new(frame.plot(), marks.iter().flat_map(Mark::areas).collect());
    let important = 2 + seen.len();
    for (rank, index) in order.into_iter().enumerate() {
        if std::mem::replace(&mut done[index], true) {
            continue;
        }
        let mark = &marks[index];
        let text = short(&mark.estimate);
        let spots = spots(mark);
        let boxes: Vec<Rect> =
            spots.iter().map(|(x, y, anchor)| Rect::text(*x, *y, anchor, &text, LABEL_SIZE)).collect();
        if let Some(chosen) = placer.place(&boxes, rank < important) {
            let (x, y, anchor) = spots[chosen];
            let _ = write!(
                svg,
                r#"<text x="{x:.1}" y="{y:.1}" text-anchor="{anchor}" font-size="{LABEL_SIZE}" fill="{}" stroke="{PAPER}" stroke-width="3" paint-order="stroke" class="label">{}</text>"#,
                mark.color,
                escape(&text)
            );
        }
    }
}

/// Where a mark's label may go: (x, baseline, anchor), best first.
fn spots(mark: &Mark) -> Vec<(f64, f64, &'static str)> {
    let (x, y) = (mark.center(), mark.y);
    if mark.spans() {
        return vec![
            (x, y - 11.0, "middle"),
            (x, y + 20.0, "middle"),
            (mark.x1 + 8.0, y + 4.0, "start"),
            (mark.x0 - 8.0, y + 4.0, "end"),
        ];
    }
    vec![
        (x + 10.0, y + 4.0, "start"),
        (x - 10.0, y + 4.0, "end"),
        (x + 8.0, y - 9.0, "start"),
        (x - 8.0, y - 9.0, "end"),
        (x + 8.0, y + 17.0, "start"),
        (x - 8.0, y + 17.0, "end"),
        (x, y - 12.0, "middle"),
        (x, y + 21.0, "middle"),
        (x + 10.0, y - 22.0, "start"),
        (x + 10.0, y + 30.0, "start"),
        (x - 10.0, y - 22.0, "end"),
        (x - 10.0, y + 30.0, "end"),
    ]
}

/// At most `count` characters, the last an ellipsis when cut.
fn shortened(text: &str, count: usize) -> String {
    if text.chars().count() <= count {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(count - 1).collect();
    cut.push('…');
    cut
}
