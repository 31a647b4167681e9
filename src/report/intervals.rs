//! Interval reports (`--every month`): the figure at the end of each
//! calendar period, per source and together, like `hledger balance -M`.
//!
//! A period is read as a date is read by `change`: `Timeline::at` with the
//! period as the date (its figures are the claims whose span falls in it,
//! each source's latest span first; else each source's latest before it).
//! A figure from before the period is carried forward and marked so: a
//! period with no new claim says so.

use super::estimate::Estimate;
use super::series::{self, Choice, Consensus};
use super::timeline::{Entry, Timeline};
use crate::output::{Rows, TextRows};
use crate::when::{Precision, When};
use chrono::{Datelike, Days, Months, NaiveDate};
use serde_json::{json, Map, Value};

/// How long a period is: calendar weeks (ISO, from Monday), months,
/// quarters (from January, April, July, October) or years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Every {
    Week,
    Month,
    Quarter,
    Year,
}

/// The period of this length that holds `day`.
pub fn period_of(every: Every, day: NaiveDate) -> When {
    let (start, text) = match every {
        Every::Week => {
            let monday = day - Days::new(u64::from(day.weekday().num_days_from_monday()));
            let week = day.iso_week();
            (monday, format!("{}-W{:02}", week.year(), week.week()))
        }
        Every::Month => (day.with_day(1).unwrap_or(day), day.format("%Y-%m").to_string()),
        Every::Quarter => {
            let first_month = (day.month0() / 3) * 3 + 1;
            let start = NaiveDate::from_ymd_opt(day.year(), first_month, 1).unwrap_or(day);
            (start, format!("{}-Q{}", day.year(), day.month0() / 3 + 1))
        }
        Every::Year => (NaiveDate::from_ymd_opt(day.year(), 1, 1).unwrap_or(day), day.year().to_string()),
    };
    let (next, precision) = match every {
        // a week has no precision of its own: its days are what count
        Every::Week => (start + Days::new(7), Precision::Day),
        Every::Month => (start + Months::new(1), Precision::Month),
        Every::Quarter => (start + Months::new(3), Precision::Quarter),
        Every::Year => (start + Months::new(12), Precision::Year),
    };
    When { text, precision, start, end: next.pred_opt().unwrap_or(next) }
}

/// Every period from the one holding `first` to the one holding `last`.
pub fn periods(every: Every, first: NaiveDate, last: NaiveDate) -> Vec<When> {
    let mut found = Vec::new();
    let mut day = first;
    while day <= last {
        let period = period_of(every, day);
        let Some(next) = period.end.succ_opt() else { break };
        found.push(period);
        day = next;
    }
    found
}

/// One period and the figures chosen at it.
#[derive(Debug, Clone)]
pub struct Period<'t> {
    pub when: When,
    pub choice: Choice<'t>,
}

impl Period<'_> {
    /// Whether a chosen figure is from before the period: carried forward.
    pub fn carried(&self, entry: &Entry) -> bool {
        entry.end < self.when.start.to_string()
    }

    /// What the chosen figures say together, when they are of one span.
    pub fn together(&self) -> Together<'_> {
        match &self.choice.chosen[..] {
            [] => Together::Nothing,
            [one] => Together::One(one),
            several if series::one_span(several) => {
                series::consensus(several).map_or(Together::Nothing, Together::Consensus)
            }
            _ => Together::SpansDiffer,
        }
    }
}

/// The consensus cell of a period.
#[derive(Debug, Clone)]
pub enum Together<'t> {
    Nothing,
    One(&'t Entry),
    Consensus(Consensus<'t>),
    /// Sources' latest figures are of different spans: listed, not combined.
    SpansDiffer,
}

impl Together<'_> {
    pub fn estimate(&self) -> Option<Estimate> {
        match self {
            Together::One(entry) => entry.estimate,
            Together::Consensus(c) => c.estimate(),
            Together::Nothing | Together::SpansDiffer => None,
        }
    }

    /// A short cell: the figure, or why there is none.
    pub fn cell(&self, unit: &str) -> String {
        match self {
            Together::Consensus(Consensus::Disagree { .. }) => "sources disagree".into(),
            Together::Consensus(Consensus::Apart { .. }) => "sources differ".into(),
            Together::SpansDiffer => "different spans".into(),
            Together::Nothing => String::new(),
            _ => self.estimate().map(|e| e.describe(unit)).unwrap_or_default(),
        }
    }

    /// In full: which figures agree, or who says what.
    pub fn describe(&self, unit: &str) -> String {
        match self {
            Together::Consensus(c) => c.describe(unit),
            Together::SpansDiffer => "figures of different spans, not combined".into(),
            _ => self.cell(unit),
        }
    }
}

/// The metric's figures at each period, from the first figure's to the last's.
pub fn every(timeline: &Timeline, every: Every) -> Vec<Period<'_>> {
    let days = |e: &Entry| Some((e.start.parse::<NaiveDate>().ok()?, e.end.parse::<NaiveDate>().ok()?));
    let spans: Vec<(NaiveDate, NaiveDate)> =
        timeline.entries.iter().filter(|e| e.estimate.is_some()).filter_map(days).collect();
    let (Some(first), Some(last)) = (spans.iter().map(|s| s.0).min(), spans.iter().map(|s| s.1).max()) else {
        return Vec::new();
    };
    periods(every, first, last).into_iter().map(|when| Period { choice: timeline.at(&when), when }).collect()
}

/// Sources that speak in any period, in name order.
fn sources<'t>(periods: &[Period<'t>]) -> Vec<&'t str> {
    let mut names: Vec<&str> =
        periods.iter().flat_map(|p| p.choice.chosen.iter().map(|e| e.source_name())).collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// Marks a carried figure in a table cell.
pub const CARRIED: &str = "*";

/// Marks a source with no figure chosen in a period.
pub const NONE: &str = "–";

/// The legend under the table: what its marks mean, those it uses.
pub fn legend(table: &TextRows) -> String {
    let uses = |mark: &dyn Fn(&str) -> bool| table.cells.iter().flatten().any(|c| mark(c));
    let mut parts = Vec::new();
    if uses(&|c| c.ends_with(&format!(" {CARRIED}")) || c.contains(&format!(" {CARRIED} / "))) {
        parts.push(format!(
            "{CARRIED} no new figure of the source in the period: its latest earlier figure, carried forward"
        ));
    }
    if uses(&|c| c == NONE) {
        parts.push(format!(
            "{NONE} no figure of the source chosen (none yet, or other figures fall in the period)"
        ));
    }
    parts.push("each period reads as `claims change --to PERIOD` does".into());
    parts.join("; ")
}

/// One source's cell in a period: its figures (a stated and a derived one
/// may stand side by side), carried ones marked.
fn cell(period: &Period, source: &str, unit: &str) -> String {
    let own: Vec<String> = period
        .choice
        .chosen
        .iter()
        .filter(|e| e.source_name() == source)
        .map(|e| {
            let figure = e.estimate.map(|x| x.describe(unit)).unwrap_or_default();
            if period.carried(e) {
                format!("{figure} {CARRIED}")
            } else {
                figure
            }
        })
        .collect();
    if own.is_empty() {
        NONE.into()
    } else {
        own.join(" / ")
    }
}

/// Sources as rows, periods as columns, the consensus last (as hledger
/// puts the total): a row reads as one source's story. When there are
/// more periods than rows, the table is turned: periods run down the page.
pub fn table(periods: &[Period], unit: &str) -> TextRows {
    let mut grid = vec![std::iter::once("source".to_string())
        .chain(periods.iter().map(|p| p.when.text.clone()))
        .collect::<Vec<_>>()];
    for source in sources(periods) {
        grid.push(
            std::iter::once(source.to_string())
                .chain(periods.iter().map(|p| cell(p, source, unit)))
                .collect(),
        );
    }
    grid.push(
        std::iter::once("all sources".to_string())
            .chain(periods.iter().map(|p| p.together().cell(unit)))
            .collect(),
    );
    if periods.len() + 1 > grid.len() {
        grid = turned(grid);
        grid[0][0] = "period".into();
    }
    let columns = grid.remove(0);
    TextRows { right: columns.iter().map(|_| false).collect(), columns, cells: grid }
}

/// Rows as columns.
fn turned(grid: Vec<Vec<String>>) -> Vec<Vec<String>> {
    let width = grid.first().map_or(0, Vec::len);
    (0..width).map(|i| grid.iter().map(|row| row[i].clone()).collect()).collect()
}

pub const COLUMNS: &[&str] = &[
    "period",
    "start",
    "end",
    "series",
    "source",
    "as_of",
    "figure",
    "qualifier",
    "approx",
    "best",
    "low",
    "high",
    "unit",
    "claims",
    "carried",
    "note",
];

fn figure_fields(record: &mut Map<String, Value>, estimate: Option<&Estimate>, unit: &str) {
    let e = estimate.map(|e| e.to_json(unit));
    record.insert("figure".into(), json!(e.as_ref().map(|e| e.text.clone())));
    record.insert("qualifier".into(), json!(e.as_ref().map(|e| e.qualifier)));
    record.insert("approx".into(), json!(e.as_ref().map(|e| e.approx)));
    record.insert("best".into(), json!(e.as_ref().and_then(|e| e.best)));
    record.insert("low".into(), json!(e.as_ref().and_then(|e| e.low)));
    record.insert("high".into(), json!(e.as_ref().and_then(|e| e.high)));
    record.insert("unit".into(), json!(unit));
}

fn period_fields(period: &Period, series: &str) -> Map<String, Value> {
    let mut record = Map::new();
    record.insert("period".into(), json!(period.when.text));
    record.insert("start".into(), json!(period.when.start.to_string()));
    record.insert("end".into(), json!(period.when.end.to_string()));
    record.insert("series".into(), json!(series));
    record
}

/// Flat rows, one per period and figure, then the period's consensus
/// (`series` = "consensus"): the same fields in CSV, JSON and JSON Lines.
pub fn rows(periods: &[Period], unit: &str) -> Rows {
    let mut rows = Rows::new(COLUMNS);
    for period in periods {
        for entry in &period.choice.chosen {
            let mut record = period_fields(period, "source");
            record.insert("source".into(), json!(entry.claim.source));
            record.insert("as_of".into(), json!(entry.when()));
            figure_fields(&mut record, entry.estimate.as_ref(), unit);
            record.insert("claims".into(), json!(entry.claim_ids()));
            record.insert("carried".into(), json!(period.carried(entry)));
            let note = entry.derived.as_ref().map(|d| format!("derived: {}", d.arithmetic));
            record.insert("note".into(), json!(note));
            rows.push(record);
        }
        let together = period.together();
        let mut record = period_fields(period, "consensus");
        record.insert("source".into(), Value::Null);
        record.insert("as_of".into(), Value::Null);
        figure_fields(&mut record, together.estimate().as_ref(), unit);
        let claims: Vec<i64> = period.choice.chosen.iter().flat_map(|e| e.claim_ids()).collect();
        record.insert("claims".into(), json!(claims));
        record.insert("carried".into(), json!(period.choice.chosen.iter().all(|e| period.carried(e))));
        record.insert("note".into(), json!(together.describe(unit)));
        rows.push(record);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn periods_follow_the_calendar() {
        let cases = [
            (Every::Week, "2024-10-30", "2024-W44", "2024-10-28", "2024-11-03"),
            (Every::Week, "2024-12-30", "2025-W01", "2024-12-30", "2025-01-05"),
            (Every::Month, "2024-02-10", "2024-02", "2024-02-01", "2024-02-29"),
            (Every::Quarter, "2024-08-12", "2024-Q3", "2024-07-01", "2024-09-30"),
            (Every::Quarter, "2024-12-31", "2024-Q4", "2024-10-01", "2024-12-31"),
            (Every::Year, "2023-09-15", "2023", "2023-01-01", "2023-12-31"),
        ];
        for (every, date, text, start, end) in cases {
            let p = period_of(every, day(date));
            assert_eq!((p.text.as_str(), p.start, p.end), (text, day(start), day(end)), "{every:?} {date}");
        }
    }

    #[test]
    fn periods_run_from_the_first_figure_to_the_last() {
        let months: Vec<String> =
            periods(Every::Month, day("2024-07-01"), day("2024-11-23")).into_iter().map(|p| p.text).collect();
        assert_eq!(months, ["2024-07", "2024-08", "2024-09", "2024-10", "2024-11"]);
        assert_eq!(periods(Every::Year, day("2024-07-01"), day("2024-07-01")).len(), 1);
    }
}
