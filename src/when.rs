//! Dates with a precision: `2024-12-27` is a day, `2024-08` all of August,
//! `2024-Q3` a quarter, `2024` a year. A date is kept as entered and
//! compared by the span of days it covers.

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
}

pub const WHEN_HINT: &str = "write a day 2024-12-27, a month 2024-08, a quarter 2024-Q3 or a year 2024";

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
    let when = parse(text)?;
    if when.start > today {
        return Err(WhenError::Future { text: when.text, today });
    }
    Ok(when)
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

    proptest::proptest! {
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
