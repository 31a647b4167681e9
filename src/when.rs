//! Dates with a precision: `2024-12-27` is a day, `2024-08` all of August,
//! `2024-Q3` a quarter, `2024` a year. [`parse`] reads the stored ISO form;
//! [`read`] also reads dates as people write them (`27 Dec 2024`,
//! `Dec 27, 2024`, `2024/12/27`, `20241227`, `2024-12-27T14:30:00Z`, `today`)
//! and gives them back in ISO form. A date is compared by the span of days
//! it covers.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Month,
    Quarter,
    Year,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Quarter => "quarter",
            Precision::Year => "year",
        }
    }
}

/// A date as entered and the first and last day it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct When {
    pub text: String,
    pub precision: Precision,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl fmt::Display for When {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WhenError {
    #[error("cannot read the date \"{0}\"")]
    Unreadable(String),
    #[error("\"{0}\" is not a real date")]
    Impossible(String),
    #[error("\"{text}\" is in the future (today is {today})")]
    Future { text: String, today: NaiveDate },
    #[error("\"{text}\" could be {first} or {second}")]
    Ambiguous { text: String, first: String, second: String },
    #[error("\"{0}\" does not say whether the day or the month comes first")]
    Unordered(String),
}

impl WhenError {
    /// What to write instead.
    pub fn hint(&self) -> &'static str {
        match self {
            WhenError::Future { .. } => "a figure cannot apply to, or be said on, a day still to come",
            WhenError::Ambiguous { .. } | WhenError::Unordered(_) => ORDER_HINT,
            _ => WHEN_HINT,
        }
    }
}

pub const WHEN_HINT: &str = "write a day (2024-12-27, 27 Dec 2024, Dec 27, 2024, 2024/12/27, 20241227, \
2024-12-27T14:30:00Z, today, yesterday), a month (2024-08, August 2024), a quarter (2024-Q3) or a year (2024)";

const ORDER_HINT: &str = "give --date-format %d/%m/%Y (day first) or %m/%d/%Y (month first), \
or write the date in ISO form (2024-12-27)";

/// Which comes first in a numeric date like `12/11/2024`: `--date-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayOrder {
    /// `%d/%m/%Y`
    DayFirst,
    /// `%m/%d/%Y`
    MonthFirst,
}

impl std::str::FromStr for DayOrder {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s.replace(['.', '-'], "/").as_str() {
            "%d/%m/%Y" => Ok(DayOrder::DayFirst),
            "%m/%d/%Y" => Ok(DayOrder::MonthFirst),
            _ => Err(format!("unknown date format \"{s}\": write %d/%m/%Y or %m/%d/%Y")),
        }
    }
}

/// A date as a person wrote it, read into ISO form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read {
    /// The date, its `text` in ISO form (`2024-12-27`, `2024-08`).
    pub when: When,
    /// The time of day of an ISO date-time, as written (`14:30:00Z`).
    pub time: Option<String>,
}

/// Reads a date as people write it; `today` gives `today` and `yesterday`,
/// `order` reads `12/11/2024`. Without an order every such date is refused,
/// even `25/12/2024` where only one reading is a date: a ledger mixing
/// readings by guess is worse than a question.
pub fn read(text: &str, today: NaiveDate, order: Option<DayOrder>) -> Result<Read, WhenError> {
    let text = text.trim();
    let (date, time) = split_time(text);
    let day = |d: Option<NaiveDate>| {
        d.map(|d| Read { when: day_when(d), time: time.map(str::to_string) })
            .ok_or_else(|| WhenError::Impossible(text.to_string()))
    };
    match date.to_ascii_lowercase().as_str() {
        "today" if time.is_none() => return day(Some(today)),
        "yesterday" if time.is_none() => return day(today.pred_opt()),
        _ => {}
    }
    if let Ok(when) = parse(date) {
        if time.is_none() || when.precision == Precision::Day {
            let text = iso(&when);
            return Ok(Read { when: When { text, ..when }, time: time.map(str::to_string) });
        }
    }
    if time.is_some() {
        return Err(WhenError::Unreadable(text.to_string()));
    }
    if date.len() == 8 && date.bytes().all(|b| b.is_ascii_digit()) {
        let n = |r: std::ops::Range<usize>| date[r].parse::<u32>().unwrap_or(0);
        return day(ymd(n(0..4) as i32, n(4..6), n(6..8)));
    }
    let numbers: Vec<&str> = date.split(['/', '.', '-']).collect();
    if numbers.len() == 3 && numbers.iter().all(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())) {
        return numeric(text, &numbers, order).map(|d| Read { when: day_when(d), time: None });
    }
    words(text).map(|when| Read { when, time: None })
}

/// Splits `2024-12-27T14:30:00Z` into the date and the time.
fn split_time(text: &str) -> (&str, Option<&str>) {
    match text.split_once(['T', 't']) {
        Some((date, time))
            if date.len() == 10
                && time.starts_with(|c: char| c.is_ascii_digit())
                && time.chars().all(|c| c.is_ascii_digit() || ":.+-Zz".contains(c)) =>
        {
            (date, Some(time))
        }
        _ => (text, None),
    }
}

/// `2024/12/27`, or `12/11/2024` in the order given.
fn numeric(text: &str, n: &[&str], order: Option<DayOrder>) -> Result<NaiveDate, WhenError> {
    let num = |s: &str| s.parse::<u32>().unwrap_or(0);
    let impossible = || WhenError::Impossible(text.to_string());
    if n[0].len() == 4 && n[1].len() <= 2 && n[2].len() <= 2 {
        return ymd(num(n[0]) as i32, num(n[1]), num(n[2])).ok_or_else(impossible);
    }
    if n[2].len() != 4 || n[0].len() > 2 || n[1].len() > 2 {
        return Err(WhenError::Unreadable(text.to_string()));
    }
    let (a, b, y) = (num(n[0]), num(n[1]), num(n[2]) as i32);
    match order {
        Some(DayOrder::DayFirst) => ymd(y, b, a).ok_or_else(impossible),
        Some(DayOrder::MonthFirst) => ymd(y, a, b).ok_or_else(impossible),
        None => match (ymd(y, b, a), ymd(y, a, b)) {
            (Some(first), Some(second)) if first != second => Err(WhenError::Ambiguous {
                text: text.to_string(),
                first: spelled(first),
                second: spelled(second),
            }),
            _ => Err(WhenError::Unordered(text.to_string())),
        },
    }
}

/// `27 Dec 2024`, `Dec 27, 2024`, `27 December 2024`, `August 2024`.
fn words(text: &str) -> Result<When, WhenError> {
    let unreadable = || WhenError::Unreadable(text.to_string());
    let parts: Vec<&str> = text.split([' ', ',']).filter(|p| !p.is_empty()).collect();
    let year = |s: &str| {
        (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<i32>().ok()).flatten()
    };
    let day = |s: &str| {
        let digits = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &s[digits.len()..];
        let ordinal = ["", "st", "nd", "rd", "th"].contains(&suffix.to_ascii_lowercase().as_str());
        (ordinal && (1..=2).contains(&digits.len())).then(|| digits.parse::<u32>().ok()).flatten()
    };
    let (y, m, d) = match parts.as_slice() {
        [m, y] => (year(y), month(m), None),
        [d, m, y] if day(d).is_some() => (year(y), month(m), day(d)),
        [m, d, y] => (year(y), month(m), day(d)),
        _ => return Err(unreadable()),
    };
    let (Some(y), Some(m)) = (y, m) else { return Err(unreadable()) };
    let impossible = || WhenError::Impossible(text.to_string());
    match (parts.len(), d) {
        (2, _) => parse(&format!("{y:04}-{m:02}")).map_err(|_| impossible()),
        (_, Some(d)) => ymd(y, m, d).map(day_when).ok_or_else(impossible),
        _ => Err(unreadable()),
    }
}

/// The months' names, January first (also for extract's dates).
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// `Dec`, `Dec.`, `Sept` or `December`, in any case.
fn month(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.').to_ascii_lowercase();
    if word.len() < 3 {
        return None;
    }
    let found = MONTHS.iter().position(|m| *m == word || (word.len() <= 4 && m.starts_with(word.as_str())));
    found.map(|i| i as u32 + 1)
}

fn spelled(day: NaiveDate) -> String {
    day.format("%-d %B %Y").to_string()
}

fn day_when(day: NaiveDate) -> When {
    When { text: day.to_string(), precision: Precision::Day, start: day, end: day }
}

/// The stored form of a date read by [`parse`]: `2024-q3` as `2024-Q3`.
fn iso(when: &When) -> String {
    match when.precision {
        // chrono's Display of a day is its `%Y-%m-%d`, without parsing a
        // format string each time (three dates a row of an import)
        Precision::Day => when.start.to_string(),
        Precision::Month => when.start.format("%Y-%m").to_string(),
        Precision::Quarter => format!("{}-Q{}", when.start.year(), when.start.month0() / 3 + 1),
        Precision::Year => format!("{}", when.start.year()),
    }
}

/// Reads a date with its precision.
pub fn parse(text: &str) -> Result<When, WhenError> {
    let text = text.trim();
    let unreadable = || WhenError::Unreadable(text.to_string());
    let impossible = || WhenError::Impossible(text.to_string());
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str, len: usize| -> Result<u32, WhenError> {
        if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse().map_err(|_| unreadable())
        } else {
            Err(unreadable())
        }
    };
    let (precision, start, end) = match parts.as_slice() {
        [y] => {
            let y = number(y, 4)? as i32;
            (Precision::Year, ymd(y, 1, 1), ymd(y, 12, 31))
        }
        [y, q] if q.len() == 2 && (q.starts_with('Q') || q.starts_with('q')) => {
            let y = number(y, 4)? as i32;
            let q = number(&q[1..], 1)?;
            if !(1..=4).contains(&q) {
                return Err(impossible());
            }
            let first = ymd(y, 3 * q - 2, 1).ok_or_else(impossible)?;
            (Precision::Quarter, Some(first), last_of_month(y, 3 * q))
        }
        [y, m] => {
            let (y, m) = (number(y, 4)? as i32, number(m, 2)?);
            (Precision::Month, ymd(y, m, 1), last_of_month(y, m))
        }
        [y, m, d] => {
            let (y, m, d) = (number(y, 4)? as i32, number(m, 2)?, number(d, 2)?);
            let day = ymd(y, m, d);
            (Precision::Day, day, day)
        }
        _ => return Err(unreadable()),
    };
    match (start, end) {
        (Some(start), Some(end)) => Ok(When { text: text.to_string(), precision, start, end }),
        _ => Err(impossible()),
    }
}

/// Reads a date and refuses one that begins after `today`.
pub fn parse_past(text: &str, today: NaiveDate) -> Result<When, WhenError> {
    read_past(text, today, None).map(|read| read.when)
}

/// [`read`], refusing a date that begins after `today`.
pub fn read_past(text: &str, today: NaiveDate, order: Option<DayOrder>) -> Result<Read, WhenError> {
    let read = read(text, today, order)?;
    if read.when.start > today {
        return Err(WhenError::Future { text: text.trim().to_string(), today });
    }
    Ok(read)
}

/// A day as the ledger stores it (`2024-11-04`), read without chrono's
/// general parser (which was a twentieth of `check`); any other text as
/// chrono reads it.
pub fn stored_day(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    let number = |digits: &[u8]| {
        digits.iter().try_fold(0u32, |n, d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
    };
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        if let (Some(y), Some(m), Some(d)) = (number(&b[..4]), number(&b[5..7]), number(&b[8..])) {
            return ymd(y as i32, m, d);
        }
    }
    text.parse().ok()
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn last_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    let first_next = if m == 12 { ymd(y + 1, 1, 1) } else { ymd(y, m + 1, 1) }?;
    first_next.pred_opt().filter(|d| d.month() == m)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn each_precision_covers_its_span() {
        for (text, precision, start, end) in [
            ("2024-12-27", Precision::Day, "2024-12-27", "2024-12-27"),
            ("2024-08", Precision::Month, "2024-08-01", "2024-08-31"),
            ("2024-02", Precision::Month, "2024-02-01", "2024-02-29"),
            ("2024-Q3", Precision::Quarter, "2024-07-01", "2024-09-30"),
            ("2024-q4", Precision::Quarter, "2024-10-01", "2024-12-31"),
            ("2024", Precision::Year, "2024-01-01", "2024-12-31"),
        ] {
            let w = parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!((w.precision, w.start, w.end), (precision, d(start), d(end)), "{text}");
            assert_eq!(w.text, text);
        }
    }

    #[test]
    fn bad_dates_are_refused() {
        for text in ["2024-13-45", "2024-02-30", "2024-13", "2024-Q5"] {
            assert!(matches!(parse(text), Err(WhenError::Impossible(_))), "{text}");
        }
        for text in ["", "27/12/2024", "Dec 2024", "24-12-27", "2024-1", "2024-12-27T10:00"] {
            assert!(matches!(parse(text), Err(WhenError::Unreadable(_))), "{text}");
        }
    }

    #[test]
    fn the_future_is_refused_but_the_current_month_is_not() {
        let today = d("2026-11-25");
        assert!(parse_past("2026-11", today).is_ok());
        assert!(parse_past("2026-11-25", today).is_ok());
        assert!(matches!(parse_past("2026-11-26", today), Err(WhenError::Future { .. })));
        assert!(matches!(parse_past("2027", today), Err(WhenError::Future { .. })));
    }

    #[test]
    fn a_stored_day_reads_as_chrono_reads_it() {
        for text in [
            "2024-11-04",
            "2024-02-29",
            "2023-02-29",
            "2024-13-01",
            "0999-01-01",
            "+2024-11-04",
            "2024-1-04",
            "2024-11-0x",
            "",
        ] {
            assert_eq!(stored_day(text), text.parse::<NaiveDate>().ok(), "{text}");
        }
    }

    #[test]
    fn each_written_form_reads_into_iso() {
        let today = d("2024-12-28");
        for (text, iso, precision) in [
            ("2024-12-27", "2024-12-27", Precision::Day),
            ("27 Dec 2024", "2024-12-27", Precision::Day),
            ("Dec 27, 2024", "2024-12-27", Precision::Day),
            ("27 December 2024", "2024-12-27", Precision::Day),
            ("December 27 2024", "2024-12-27", Precision::Day),
            ("27th Dec. 2024", "2024-12-27", Precision::Day),
            ("2024/12/27", "2024-12-27", Precision::Day),
            ("20241227", "2024-12-27", Precision::Day),
            ("2024-12-27T14:30:00Z", "2024-12-27", Precision::Day),
            ("today", "2024-12-28", Precision::Day),
            ("Yesterday", "2024-12-27", Precision::Day),
            ("August 2024", "2024-08", Precision::Month),
            ("Sept 2024", "2024-09", Precision::Month),
            ("2024-08", "2024-08", Precision::Month),
            ("2024-q3", "2024-Q3", Precision::Quarter),
            ("2024", "2024", Precision::Year),
        ] {
            let read = read(text, today, None).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!((read.when.text.as_str(), read.when.precision), (iso, precision), "{text}");
        }
        let time = read("2024-12-27T14:30:00Z", today, None).unwrap().time;
        assert_eq!(time.as_deref(), Some("14:30:00Z"));
    }

    #[test]
    fn numeric_dates_need_an_order() {
        let today = d("2024-12-28");
        let err = read("12/11/2024", today, None).unwrap_err();
        assert_eq!(err.to_string(), "\"12/11/2024\" could be 12 November 2024 or 11 December 2024");
        assert!(matches!(read("25/12/2024", today, None), Err(WhenError::Unordered(_))));
        let day = |text, order| read(text, today, Some(order)).map(|r| r.when.text);
        assert_eq!(day("12/11/2024", DayOrder::DayFirst), Ok("2024-11-12".into()));
        assert_eq!(day("12.11.2024", DayOrder::MonthFirst), Ok("2024-12-11".into()));
        assert!(matches!(day("25/12/2024", DayOrder::MonthFirst), Err(WhenError::Impossible(_))));
        assert_eq!("%d/%m/%Y".parse(), Ok(DayOrder::DayFirst));
        assert!("%Y/%d/%m".parse::<DayOrder>().is_err());
    }

    proptest::proptest! {
        #[test]
        fn reading_never_panics(text in "\\PC{0,24}") {
            let _ = read(&text, d("2024-12-28"), None);
            let _ = read(&text, d("2024-12-28"), Some(DayOrder::DayFirst));
        }

        #[test]
        fn a_read_date_reads_back_the_same(text in "[0-9]{1,2} [A-Za-z]{3,9},? [0-9]{4}|[0-9]{8}|[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}") {
            if let Ok(first) = read(&text, d("2024-12-28"), None) {
                let again = parse(&first.when.text).unwrap();
                proptest::prop_assert_eq!(again, first.when);
            }
        }

        #[test]
        fn never_panics(text in "\\PC{0,12}") {
            let _ = parse(&text);
        }

        #[test]
        fn start_never_after_end(y in 1900i32..2100, m in 1u32..13, q in 1u32..5) {
            for text in [format!("{y}"), format!("{y}-{m:02}"), format!("{y}-Q{q}")] {
                let w = parse(&text).unwrap();
                proptest::prop_assert!(w.start <= w.end);
            }
        }
    }
}
