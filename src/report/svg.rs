//! The timeline as an SVG chart: one series per source on a real time axis,
//! bounds as whiskers, open bounds as arrows, derived figures hollow.

use super::escape;
use super::timeline::{Entry, Timeline};
use chrono::{Datelike, NaiveDate};
use std::fmt::Write;

const WIDTH: f64 = 760.0;
const HEIGHT: f64 = 380.0;
const LEFT: f64 = 78.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 44.0;
const BOTTOM: f64 = 92.0;

/// Okabe–Ito colours: told apart by colour-blind readers too.
const PALETTE: &[&str] =
    &["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"];

struct Scale {
    t0: f64,
    t1: f64,
    y0: f64,
    y1: f64,
}

impl Scale {
    fn x(&self, day: f64) -> f64 {
        LEFT + (day - self.t0) / (self.t1 - self.t0).max(1.0) * (WIDTH - LEFT - RIGHT)
    }

    fn y(&self, value: f64) -> f64 {
        let span = (self.y1 - self.y0).max(f64::EPSILON);
        HEIGHT - BOTTOM - (value - self.y0) / span * (HEIGHT - TOP - BOTTOM)
    }
}

fn day_number(text: &str) -> f64 {
    text.parse::<NaiveDate>().map(|d| d.num_days_from_ce() as f64).unwrap_or(0.0)
}

fn date_of(day: f64) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(day as i32).unwrap_or_default()
}

/// 1, 2 or 5 times a power of ten, about `count` steps over `span`.
fn nice_step(span: f64, count: f64) -> f64 {
    let raw = (span / count).max(f64::EPSILON);
    let power = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * power).find(|s| *s >= raw).unwrap_or(10.0 * power)
}

pub fn chart(timeline: &Timeline) -> String {
    let entries: Vec<&Entry> = timeline.entries.iter().filter(|e| e.estimate.is_some()).collect();
    let title =
        format!("{} ({})", timeline.metric.label.as_deref().unwrap_or(&timeline.metric.key), timeline.unit);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" aria-label="{}" font-family="Georgia, 'Times New Roman', serif" font-size="12">"#,
        escape(&title)
    );
    let _ = write!(
        svg,
        r##"<rect width="{WIDTH}" height="{HEIGHT}" fill="#fffdf8"/><text x="{LEFT}" y="24" font-size="15" font-weight="bold" fill="#222">{}</text>"##,
        escape(&title)
    );
    if entries.is_empty() {
        let _ = write!(
            svg,
            r##"<text x="{LEFT}" y="{}" fill="#555">No figures to draw.</text></svg>"##,
            HEIGHT / 2.0
        );
        return svg;
    }
    let scale = scale_for(&entries);
    axes(&mut svg, &scale, &timeline.unit);
    let sources = sources(&entries);
    for (index, source) in sources.iter().enumerate() {
        let color = PALETTE[index % PALETTE.len()];
        let series: Vec<&&Entry> = entries.iter().filter(|e| e.source_name() == source).collect();
        series_line(&mut svg, &scale, &series, color);
        for entry in &series {
            point(&mut svg, &scale, entry, color, entries.len() <= 24, &timeline.unit);
        }
    }
    legend(&mut svg, &sources);
    svg.push_str("</svg>\n");
    svg
}

fn scale_for(entries: &[&Entry]) -> Scale {
    let t0 = entries.iter().map(|e| day_number(&e.start)).fold(f64::MAX, f64::min);
    let t1 = entries.iter().map(|e| day_number(&e.end)).fold(f64::MIN, f64::max);
    let pad = ((t1 - t0) * 0.06).max(10.0);
    let values: Vec<f64> =
        entries.iter().filter_map(|e| e.estimate).flat_map(|e| [e.best, e.low, e.high]).flatten().collect();
    let low = values.iter().copied().fold(f64::MAX, f64::min);
    let high = values.iter().copied().fold(f64::MIN, f64::max);
    let y0 = if low >= 0.0 { 0.0 } else { low * 1.15 };
    let y1 = if high <= 0.0 { 0.0 } else { high * 1.15 };
    let step = nice_step((y1 - y0).max(1.0), 5.0);
    Scale { t0: t0 - pad, t1: t1 + pad, y0: (y0 / step).floor() * step, y1: (y1 / step).ceil() * step }
}

fn axes(svg: &mut String, scale: &Scale, unit: &str) {
    let step = nice_step(scale.y1 - scale.y0, 5.0);
    let mut value = scale.y0;
    while value <= scale.y1 + step * 1e-9 {
        let y = scale.y(value);
        let _ = write!(
            svg,
            r##"<line x1="{LEFT}" x2="{}" y1="{y:.1}" y2="{y:.1}" stroke="#e4dfd3"/>"##,
            WIDTH - RIGHT
        );
        let _ = write!(
            svg,
            r##"<text x="{}" y="{:.1}" text-anchor="end" fill="#555">{}</text>"##,
            LEFT - 8.0,
            y + 4.0,
            crate::output::pretty_number(value)
        );
        value += step;
    }
    let _ = write!(
        svg,
        r##"<text x="14" y="{:.1}" transform="rotate(-90 14 {:.1})" text-anchor="middle" fill="#555">{}</text>"##,
        (TOP + HEIGHT - BOTTOM) / 2.0,
        (TOP + HEIGHT - BOTTOM) / 2.0,
        escape(unit)
    );
    let base = HEIGHT - BOTTOM;
    let _ =
        write!(svg, r##"<line x1="{LEFT}" x2="{}" y1="{base}" y2="{base}" stroke="#333"/>"##, WIDTH - RIGHT);
    for (day, label) in time_ticks(scale.t0, scale.t1) {
        let x = scale.x(day);
        let _ = write!(
            svg,
            r##"<line x1="{x:.1}" x2="{x:.1}" y1="{base}" y2="{}" stroke="#333"/><text x="{x:.1}" y="{}" text-anchor="middle" fill="#333">{label}</text>"##,
            base + 5.0,
            base + 19.0
        );
    }
}

/// Month, quarter or year ticks, whichever gives a readable number.
fn time_ticks(t0: f64, t1: f64) -> Vec<(f64, String)> {
    let (first, last) = (date_of(t0), date_of(t1));
    let months = (last.year() - first.year()) * 12 + last.month() as i32 - first.month() as i32;
    let every = match months {
        ..=10 => 1,
        11..=30 => 3,
        31..=72 => 6,
        _ => 12 * ((months / 72) as u32 + 1),
    };
    let mut ticks = Vec::new();
    let (mut year, mut month) = (first.year(), first.month());
    while let Some(day) = NaiveDate::from_ymd_opt(year, month, 1) {
        if day > last {
            break;
        }
        let day_n = day.num_days_from_ce() as f64;
        if day_n >= t0 && (month - 1) % every.min(12) == 0 {
            let label = if every >= 12 { format!("{year}") } else { day.format("%b %Y").to_string() };
            ticks.push((day_n, label));
        }
        month += 1;
        if month > 12 {
            month = 1;
            year += 1;
        }
    }
    ticks
}

fn sources(entries: &[&Entry]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for entry in entries {
        if !names.iter().any(|n| n == entry.source_name()) {
            names.push(entry.source_name().to_string());
        }
    }
    names
}

fn center(scale: &Scale, entry: &Entry) -> f64 {
    (scale.x(day_number(&entry.start)) + scale.x(day_number(&entry.end))) / 2.0
}

fn series_line(svg: &mut String, scale: &Scale, series: &[&&Entry], color: &str) {
    let points: Vec<String> = series
        .iter()
        .filter_map(|e| {
            e.estimate.and_then(|est| est.best).map(|b| format!("{:.1},{:.1}", center(scale, e), scale.y(b)))
        })
        .collect();
    if points.len() > 1 {
        let _ = write!(
            svg,
            r#"<polyline points="{}" fill="none" stroke="{color}" stroke-width="1.5" stroke-opacity="0.6"/>"#,
            points.join(" ")
        );
    }
}

fn point(svg: &mut String, scale: &Scale, entry: &Entry, color: &str, label: bool, unit: &str) {
    let Some(estimate) = entry.estimate else { return };
    let x = center(scale, entry);
    let (x_start, x_end) = (scale.x(day_number(&entry.start)), scale.x(day_number(&entry.end)));
    let best = estimate.best.or(estimate.low).or(estimate.high).unwrap_or(0.0);
    let y = scale.y(best);
    if x_end - x_start > 3.0 {
        // the span the figure covers: a month, a week
        let _ = write!(
            svg,
            r#"<line x1="{x_start:.1}" x2="{x_end:.1}" y1="{y:.1}" y2="{y:.1}" stroke="{color}" stroke-width="3" stroke-opacity="0.35"/>"#
        );
    }
    let (top, bottom) = (scale.y(scale.y1), scale.y(scale.y0));
    match (estimate.low, estimate.high) {
        (Some(l), Some(h)) if l != h => {
            let _ = write!(
                svg,
                r#"<line x1="{x:.1}" x2="{x:.1}" y1="{:.1}" y2="{:.1}" stroke="{color}" stroke-width="1.5"/>"#,
                scale.y(l),
                scale.y(h)
            );
            for v in [l, h] {
                let _ = write!(
                    svg,
                    r#"<line x1="{:.1}" x2="{:.1}" y1="{:.1}" y2="{:.1}" stroke="{color}" stroke-width="1.5"/>"#,
                    x - 5.0,
                    x + 5.0,
                    scale.y(v),
                    scale.y(v)
                );
            }
        }
        (Some(l), None) => open_bound(svg, x, scale.y(l), top + 6.0, color, "no upper bound"),
        (None, Some(h)) => open_bound(svg, x, scale.y(h), bottom - 6.0, color, "no lower bound"),
        _ => {}
    }
    let fill = if entry.derived.is_some() { "#fffdf8" } else { color };
    if estimate.approx {
        // "about": a dashed ring around the point
        let _ = write!(
            svg,
            r#"<circle cx="{x:.1}" cy="{y:.1}" r="9" fill="none" stroke="{color}" stroke-width="1" stroke-dasharray="2 2"/>"#
        );
    }
    let tip = format!(
        "#{} {} — {} ({})",
        entry.claim.id,
        entry.when(),
        estimate.describe(unit),
        entry.source_name()
    );
    let _ = write!(
        svg,
        r#"<circle cx="{x:.1}" cy="{y:.1}" r="5" fill="{fill}" stroke="{color}" stroke-width="2"><title>{}</title></circle>"#,
        escape(&tip)
    );
    if label {
        // labels near the right edge go to the left of their point
        let (lx, anchor) = if x > WIDTH * 0.7 { (x - 12.0, "end") } else { (x + 12.0, "start") };
        let _ = write!(
            svg,
            r##"<text x="{lx:.1}" y="{:.1}" text-anchor="{anchor}" fill="#333" font-size="11">{}</text>"##,
            y - 9.0,
            escape(&estimate.describe(unit))
        );
    }
}

/// A bound that the words leave open: a dashed line running on, with an arrow.
fn open_bound(svg: &mut String, x: f64, from: f64, to: f64, color: &str, title: &str) {
    let head = if to < from { -1.0 } else { 1.0 };
    let _ = write!(
        svg,
        r#"<g><title>{title}</title><line x1="{x:.1}" x2="{x:.1}" y1="{from:.1}" y2="{to:.1}" stroke="{color}" stroke-width="1.5" stroke-dasharray="4 3"/><path d="M{:.1},{:.1} L{x:.1},{to:.1} L{:.1},{:.1}" fill="none" stroke="{color}" stroke-width="1.5"/></g>"#,
        x - 5.0,
        to - head * 7.0,
        x + 5.0,
        to - head * 7.0
    );
    if from != to {
        let _ = write!(
            svg,
            r#"<line x1="{:.1}" x2="{:.1}" y1="{from:.1}" y2="{from:.1}" stroke="{color}" stroke-width="1.5"/>"#,
            x - 5.0,
            x + 5.0
        );
    }
}

fn legend(svg: &mut String, sources: &[String]) {
    let y = HEIGHT - 40.0;
    let mut x = LEFT;
    for (index, source) in sources.iter().enumerate() {
        let color = PALETTE[index % PALETTE.len()];
        let _ = write!(
            svg,
            r##"<circle cx="{:.1}" cy="{:.1}" r="5" fill="{color}"/><text x="{:.1}" y="{:.1}" fill="#222">{}</text>"##,
            x + 5.0,
            y - 4.0,
            x + 14.0,
            y,
            escape(source)
        );
        x += 24.0 + source.chars().count() as f64 * 6.6;
        if x > WIDTH - 160.0 {
            break;
        }
    }
    let _ = write!(
        svg,
        r##"<text x="{LEFT}" y="{}" fill="#555" font-size="11">filled: stated · hollow: derived · dashed ring: about · whiskers: bounds · dashed arrow: a bound the words leave open</text>"##,
        HEIGHT - 14.0
    );
}
