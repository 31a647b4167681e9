//! When the figures of a sentence apply, read against the day the article
//! was stated: "this past week" (an interval), "as of August 20", "Sept. 12",
//! "yesterday", "on Tuesday" / "said Tuesday" (that weekday, on or before the
//! stated day), "in August" (the last August), "since" / "so far" / present
//! tense (the stated day), "had" (an earlier time the text does not give).

use super::sentences::clean;
use crate::when::MONTHS;
use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// What a sentence says of time.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dated {
    pub as_of: Option<String>,
    /// The first day of an interval ("this past week").
    pub from: Option<String>,
    /// When it was said, when the sentence says so ("said on Tuesday", "said in October").
    pub said: Option<String>,
    pub kind: Kind,
    /// The sentence reports what someone said (a verb of saying).
    pub reported: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Kind {
    /// The sentence names the time.
    Named,
    /// Present tense, "since", "so far": the stated day.
    Now,
    /// Past perfect: before the story's time, and the text does not say when.
    Earlier,
    /// Simple past without a time: the time of the sentence before, if any.
    #[default]
    Unsaid,
}

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

/// A weekday or month as written: "Monday", "August", "Aug", "Sept".
pub(super) fn is_day_or_month_name(lower: &str) -> bool {
    WEEKDAYS.iter().any(|(day, _)| *day == lower)
        || lower == "sept"
        || MONTHS.iter().any(|m| *m == lower || (lower.len() == 3 && m.starts_with(lower)))
}

const WEEK: &[&str] =
    &["this past week", "the past week", "over the past week", "in the past week", "past seven days"];
const THIS_WEEK: &[&str] = &["earlier this week", "this week"];
const NOW: &[&str] = &[
    "since",
    "so far",
    "now",
    "currently",
    "still",
    "to date",
    "as of today",
    "is",
    "are",
    "has",
    "have",
    "stands",
    "remains",
    "remain",
];
const SAYING: &[&str] =
    &["said", "says", "announced", "told", "reported", "stated", "added", "confirmed", "estimated"];

/// The time of a sentence's figures.
pub fn resolve(words: &[&str], stated: NaiveDate) -> Dated {
    // a comma is a word of its own: "in April, 7 million" has no April 7
    let lower: Vec<String> = words
        .iter()
        .flat_map(|w| {
            let comma = w.ends_with([',', ';']).then(|| ",".to_string());
            std::iter::once(clean(w).to_lowercase()).chain(comma)
        })
        .collect();
    let text = format!(" {} ", lower.join(" "));
    let day = |d: NaiveDate| Some(d.to_string());
    let said = said_on(&lower, stated);
    let named = |as_of: Option<String>, from: Option<String>| Dated {
        as_of,
        from,
        said: said.clone(),
        kind: Kind::Named,
        reported: false,
    };
    if WEEK.iter().any(|p| text.contains(&format!(" {p} "))) || last_week(words) {
        return named(day(stated), day(stated - Duration::days(6)));
    }
    if [" over the weekend ", " this weekend ", " at the weekend "].iter().any(|p| text.contains(p)) {
        let sunday = (0..7).map(|back| stated - Duration::days(back)).find(|d| d.weekday() == Weekday::Sun);
        let sunday = sunday.unwrap_or(stated);
        return named(day(sunday), day(sunday - Duration::days(1)));
    }
    if [" past 24 hours ", " last 24 hours "].iter().any(|p| text.contains(p)) {
        return named(day(stated), day(stated - Duration::days(1)));
    }
    if THIS_WEEK.iter().any(|p| text.contains(&format!(" {p} "))) {
        let monday = stated - Duration::days(i64::from(stated.weekday().num_days_from_monday()));
        return named(day(stated), day(monday));
    }
    // "the quakes that struck on February 6 have now killed": the figure is of now
    let now =
        [" now ", " so far ", " to date "].iter().any(|p| text.contains(p)) && !text.contains(" as of ");
    if now {
        return Dated { as_of: said.clone().or(day(stated)), said, kind: Kind::Now, ..Dated::default() };
    }
    if let Some(date) = month_day(&lower, stated) {
        return named(day(date), None);
    }
    if lower.iter().any(|w| w == "yesterday") {
        return named(day(stated - Duration::days(1)), None);
    }
    if lower.iter().any(|w| w == "today") {
        return named(day(stated), None);
    }
    // the day it was said ("said on Friday") is the figure's only when nothing else is
    let weekday = weekday(&lower, stated);
    let of_saying = weekday.is_some() && weekday.map(|d| d.to_string()) == said;
    if let Some(date) = weekday.filter(|_| !of_saying) {
        return named(day(date), None);
    }
    if let Some(month) = in_month(&lower, stated) {
        return named(Some(month), None);
    }
    if text.contains(" last month ") {
        let (y, m) =
            if stated.month() == 1 { (stated.year() - 1, 12) } else { (stated.year(), stated.month() - 1) };
        return named(Some(format!("{y}-{m:02}")), None);
    }
    if text.contains(" last year ") && !text.contains(" last year's ") {
        return named(Some((stated.year() - 1).to_string()), None);
    }
    if text.contains(" since the start of the month ") || text.contains(" since the beginning of the month ")
    {
        return named(Some(format!("{}-{:02}", stated.year(), stated.month())), None);
    }
    if let Some(date) = weekday {
        return named(day(date), None);
    }
    // "had" after a verb of saying is reported speech, not an earlier time
    let had = lower.iter().position(|w| w == "had");
    let reported = had.is_some_and(|h| lower[..h].iter().any(|w| SAYING.contains(&w.as_str())));
    if had.is_some() && !reported && !lower.iter().any(|w| w == "since" || w == "far") {
        return Dated { said, kind: Kind::Earlier, ..Dated::default() };
    }
    if reported {
        return Dated { as_of: said.clone().or(day(stated)), said, kind: Kind::Now, ..Dated::default() };
    }
    // "the highest since 1948" compares; it does not say the figure is of now
    let text = ["highest", "lowest", "largest", "biggest", "worst", "most", "first time"]
        .iter()
        .fold(text.clone(), |t, w| t.replace(&format!(" {w} since "), " "));
    if NOW.iter().any(|p| text.contains(&format!(" {p} "))) {
        return Dated { as_of: day(stated), said, kind: Kind::Now, ..Dated::default() };
    }
    // "in 2022": the year, when nothing nearer is said
    let year = lower.windows(2).find_map(|w| {
        (w[0] == "in")
            .then(|| w[1].parse::<i32>().ok())
            .flatten()
            .filter(|y| (1800..=stated.year()).contains(y))
    });
    if let Some(year) = year {
        return named(Some(year.to_string()), None);
    }
    let reported = lower.iter().any(|w| SAYING.contains(&w.as_str()));
    Dated { said, reported, ..Dated::default() }
}

/// A month right after a figure, its own time when a sentence compares two:
/// "11.1% in October, up from 10.1% in September".
pub fn right_after(words: &[&str], last: usize, stated: NaiveDate) -> Option<String> {
    let window: Vec<String> = words[last + 1..words.len().min(last + 4)]
        .iter()
        .take_while(|w| !w.ends_with(['.', ';']))
        .map(|w| clean(w).to_lowercase())
        .collect();
    let window = match words.get(last + 1 + window.len()) {
        Some(w) if window.len() < 3 => [window, vec![clean(w).to_lowercase()]].concat(),
        _ => window,
    };
    if window.first().is_some_and(|w| w == "in") && window.len() >= 2 && window[1] != "may" {
        return in_month(&window[..2], stated);
    }
    None
}

/// How many days before its sentence's time a figure is: "up from 41,156 a day earlier".
pub fn days_before(words: &[&str], last: usize) -> Option<i64> {
    let window: Vec<String> =
        words[last + 1..words.len().min(last + 5)].iter().map(|w| clean(w).to_lowercase()).collect();
    let text = format!(" {} ", window.join(" "));
    [
        (" a day earlier ", 1),
        (" the day before ", 1),
        (" the previous day ", 1),
        (" a week earlier ", 7),
        (" the week before ", 7),
    ]
    .iter()
    .find(|(p, _)| text.contains(p))
    .map(|(_, days)| *days)
}

/// "last week" as the time of a figure, not "last week's earthquake".
fn last_week(words: &[&str]) -> bool {
    words.windows(2).any(|w| {
        clean(w[0]).eq_ignore_ascii_case("last")
            && clean(w[1]).eq_ignore_ascii_case("week")
            && !w[1].contains('\'')
    })
}

/// The month numbered by a word: "August", "Aug", "Sept".
fn month(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    (word.len() >= 3).then(|| MONTHS.iter().position(|m| m.starts_with(word)).map(|i| i as u32 + 1)).flatten()
}

/// The last day with this month and day on or before `stated`.
fn recent(month: u32, day: u32, stated: NaiveDate) -> Option<NaiveDate> {
    let this_year = NaiveDate::from_ymd_opt(stated.year(), month, day)?;
    if this_year <= stated {
        Some(this_year)
    } else {
        NaiveDate::from_ymd_opt(stated.year() - 1, month, day)
    }
}

/// "as of August 20", "on Sept. 12", "12 September"; not "since February 6" (that is now).
fn month_day(lower: &[String], stated: NaiveDate) -> Option<NaiveDate> {
    let day = |w: &String| w.parse::<u32>().ok().filter(|d| (1..=31).contains(d));
    for i in 0..lower.len() {
        let Some(m) = month(&lower[i]) else { continue };
        let (d, at) = match (lower.get(i + 1).and_then(day), i.checked_sub(1).and_then(|j| day(&lower[j]))) {
            (Some(d), _) => (d, i),
            (None, Some(d)) => (d, i - 1),
            _ => continue,
        };
        if at > 0 && matches!(lower[at - 1].as_str(), "since" | "from" | "after") {
            continue;
        }
        if lower[i] == "may" && lower.get(i + 1).is_none_or(|w| day(w).is_none()) {
            continue;
        }
        return recent(m, d, stated);
    }
    None
}

/// "on Tuesday", "said Tuesday", "Sunday's march": that weekday, on or before `stated`.
fn weekday(lower: &[String], stated: NaiveDate) -> Option<NaiveDate> {
    let (at, name) = lower.iter().enumerate().find_map(|(at, w)| {
        let w = w.trim_end_matches("'s");
        WEEKDAYS.iter().find(|(n, _)| *n == w).map(|(_, d)| (at, *d))
    })?;
    // "last Tuesday" said on a Tuesday is the week before
    let first = usize::from(at > 0 && lower[at - 1] == "last");
    (first as i64..7 + first as i64).map(|back| stated - Duration::days(back)).find(|d| d.weekday() == name)
}

/// "in August", "in August 2024": the last such month on or before `stated`, as YYYY-MM.
fn in_month(lower: &[String], stated: NaiveDate) -> Option<String> {
    // "in the 12 months to October", "through March", "October's"; not "since ... in April"
    let before_month = |w: &str| matches!(w, "in" | "to" | "through" | "until" | "during" | "for" | "of");
    let i = (1..lower.len()).find(|&i| {
        let named = month(lower[i].trim_end_matches("'s")).is_some() && lower[i].len() >= 3;
        let since =
            lower[i.saturating_sub(6)..i].iter().any(|w| w == "since" || w == "began" || w == "start");
        named && before_month(&lower[i - 1]) && !since
    })?;
    let m = month(lower[i].trim_end_matches("'s"))?;
    let year =
        match lower.get(i + 1).and_then(|w| w.parse::<i32>().ok()).filter(|y| (1800..=2100).contains(y)) {
            Some(y) => y,
            None if m > stated.month() => stated.year() - 1,
            None => stated.year(),
        };
    Some(format!("{year}-{m:02}"))
}

/// When the sentence says its words were said: "said on Tuesday", "said in October".
fn said_on(lower: &[String], stated: NaiveDate) -> Option<String> {
    let verb = lower.iter().position(|w| SAYING.contains(&w.as_str()))?;
    let after = &lower[verb + 1..lower.len().min(verb + 4)];
    if let Some(d) = weekday(&after[..after.len().min(2)], stated) {
        return Some(d.to_string());
    }
    if let Some(d) = month_day(after, stated) {
        return Some(d.to_string());
    }
    if after.first().is_some_and(|w| w == "in") {
        return in_month(after, stated);
    }
    // "In October, Kyiv announced"
    if verb <= 4 && lower.first().is_some_and(|w| w == "in") {
        return in_month(&lower[..verb], stated);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::sentences::words;

    #[test]
    fn times_read_against_the_stated_day() {
        let stated = NaiveDate::from_ymd_opt(2024, 12, 27).unwrap(); // a Friday
        let table: &[(&str, &str, &str, &str)] = &[
            (
                "1,000 were killed this past week, John Kirby said on Friday.",
                "2024-12-27",
                "2024-12-21",
                "2024-12-27",
            ),
            ("Ukraine seized about 380 square miles of Kursk in August.", "2024-08", "", ""),
            ("It has since lost about 40% of that territory, two officials said.", "2024-12-27", "", ""),
            ("Kyiv said in October that North Korea had sent up to 12,000 troops.", "2024-10", "", "2024-10"),
            ("In October, Kyiv announced that 12,000 troops had come.", "2024-10", "", "2024-10"),
            ("The toll rose to 50 on Tuesday.", "2024-12-24", "", ""),
            ("Officials said Tuesday that 50 died.", "2024-12-24", "", "2024-12-24"),
            ("As of Dec. 20, 300 had been counted.", "2024-12-20", "", ""),
            ("The toll stood at 20 on Sept. 12.", "2024-09-12", "", ""),
            ("Rescuers have pulled 8,000 survivors since December 6.", "2024-12-27", "", ""),
            ("Five died yesterday.", "2024-12-26", "", ""),
            ("Earlier this week 40 homes burned.", "2024-12-27", "2024-12-23", ""),
            ("The Red Crescent had earlier put the toll at 11,300.", "", "", ""),
            ("In 2023 the war killed 12,000 soldiers.", "2023", "", ""),
            ("Strikes killed 12 in the past 24 hours.", "2024-12-27", "2024-12-26", ""),
            ("Police arrested 300 over the weekend.", "2024-12-22", "2024-12-21", ""),
            ("The toll was 40 last Friday.", "2024-12-20", "", ""),
            ("As of November, 9,000 had been counted.", "2024-11", "", ""),
            (
                "The quakes that struck on December 6 have now killed 42,310 people, AFAD said on Tuesday.",
                "2024-12-24",
                "",
                "2024-12-24",
            ),
            ("OCHA said 7.9 million people had been displaced.", "2024-12-27", "", ""),
            ("Last week's earthquake killed 12.", "", "", ""),
            ("In total 12 died last week.", "2024-12-27", "2024-12-21", ""),
            (
                "Employers shed 20.5 million jobs in November, the department said on Friday.",
                "2024-11",
                "",
                "2024-12-27",
            ),
            ("We counted 12 strikes since the start of the month, an official said.", "2024-12", "", ""),
            ("The rate jumped to 14.7%, the highest since records began.", "", "", ""),
            ("Prices rose 11.1% in the 12 months to October.", "2024-10", "", ""),
            ("Exports fell 3% last month.", "2024-11", "", ""),
            ("Since the war began in April, 7 million have fled.", "2024-12-27", "", ""),
        ];
        for (sentence, as_of, from, said) in table {
            let d = resolve(&words(sentence), stated);
            let got = (d.as_of.unwrap_or_default(), d.from.unwrap_or_default(), d.said.unwrap_or_default());
            assert_eq!(got, (as_of.to_string(), from.to_string(), said.to_string()), "{sentence}");
        }
    }

    #[test]
    fn a_month_right_after_a_figure_is_its_own() {
        let stated = NaiveDate::from_ymd_opt(2022, 11, 16).unwrap();
        let w = words("Prices rose 11.1% in October, up from 10.1% in September, the ONS said.");
        assert_eq!(right_after(&w, 2, stated).as_deref(), Some("2022-10"));
        assert_eq!(right_after(&w, 7, stated).as_deref(), Some("2022-09"));
        assert_eq!(right_after(&words("It fell 3% in the year."), 2, stated), None);
        let w = words("The toll rose to 42,310, up from 41,156 a day earlier.");
        assert_eq!((days_before(&w, 3), days_before(&w, 7)), (None, Some(1)));
    }

    #[test]
    fn a_month_after_the_stated_one_is_last_year() {
        let stated = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
        assert_eq!(resolve(&words("It fell in November."), stated).as_of.as_deref(), Some("2023-11"));
        assert_eq!(resolve(&words("It fell in May 2022."), stated).as_of.as_deref(), Some("2022-05"));
    }
}
