//! When the figures of a sentence apply, read against the day the article
//! was stated: "this past week" (an interval), "as of August 20", "Sept. 12",
//! "yesterday", "on Tuesday" / "said Tuesday" (that weekday, on or before the
//! stated day), "in August" (the last August), "since" / "so far" / present
//! tense (the stated day), "had" (an earlier time the text does not give).

mod days;
mod shift;

use super::sentences::clean;
use crate::when::MONTHS;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use days::{in_month, in_part_of_year, is_weekday, last_week, month, month_day, said_on, weekday, weekdays};
pub use shift::shifted;

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
    /// So many days after (or before) the time of the sentence before: "A week later".
    Shifted(i64),
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
    // verbs of a state in the present: "the camp hosts", "the dead include"
    "include",
    "includes",
    "hosts",
    "holds",
    "lack",
    "lacks",
    "exceeds",
    "exceed",
    "totals",
    "says",
    "expect",
    "expects",
];
const SAYING: &[&str] = &[
    "said",
    "says",
    "announced",
    "told",
    "reported",
    "stated",
    "added",
    "confirmed",
    "estimated",
    "according",
];

/// The time of a sentence's figures; `said_before` is when the sentence
/// before was said, for a sentence that goes on reporting ("the agency said").
pub fn resolve(words: &[&str], stated: NaiveDate, said_before: Option<&str>) -> Dated {
    let lower = tokens(words);
    let text = format!(" {} ", lower.join(" "));
    let day = |d: NaiveDate| Some(d.to_string());
    let saying = lower.iter().any(|w| SAYING.contains(&w.as_str()));
    // a report without a time of its own goes on with the one before
    let said = said_on(&lower, stated).or_else(|| said_before.filter(|_| saying).map(str::to_string));
    let named = |as_of: Option<String>, from: Option<String>| Dated {
        as_of,
        from,
        said: said.clone(),
        kind: Kind::Named,
        reported: false,
    };
    let now = |said: &Option<String>| Dated {
        as_of: said.clone().or(day(stated)),
        said: said.clone(),
        kind: Kind::Now,
        ..Dated::default()
    };
    let unsaid = Dated { said: said.clone(), reported: saying, ..Dated::default() };
    if WEEK.iter().any(|p| text.contains(&format!(" {p} "))) || last_week(words) {
        return named(day(stated), day(stated - Duration::days(6)));
    }
    if [" over the weekend ", " this weekend ", " at the weekend "].iter().any(|p| text.contains(p)) {
        let sunday = (0..7).map(|back| stated - Duration::days(back)).find(|d| d.weekday() == Weekday::Sun);
        let sunday = sunday.unwrap_or(stated);
        return named(day(sunday), day(sunday - Duration::days(1)));
    }
    // "120 drones overnight, the air force said on Tuesday": the night before it was said
    if text.contains(" overnight ") {
        let said_day = said.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        // "overnight into Tuesday": that morning
        let into = lower.windows(3).find(|w| w[0] == "overnight" && matches!(w[1].as_str(), "into" | "to"));
        let morning = into.and_then(|w| weekday(&w[2..], stated)).or(said_day).unwrap_or(stated);
        return named(day(morning), day(morning - Duration::days(1)));
    }
    if [" past 24 hours ", " last 24 hours "].iter().any(|p| text.contains(p)) {
        return named(day(stated), day(stated - Duration::days(1)));
    }
    if THIS_WEEK.iter().any(|p| text.contains(&format!(" {p} "))) {
        let monday = stated - Duration::days(i64::from(stated.weekday().num_days_from_monday()));
        return named(day(stated), day(monday));
    }
    // "the quakes that struck on February 6 have now killed": the figure is of now
    if [" now ", " so far ", " to date "].iter().any(|p| text.contains(p)) && !text.contains(" as of ") {
        return now(&said);
    }
    if let Some(date) = month_day(&lower, stated) {
        return named(day(date), None);
    }
    if shift::undated_past(&lower) {
        return Dated { said, kind: Kind::Earlier, ..Dated::default() };
    }
    // "killed last night, the ministry said Wednesday": the night before it was said
    if text.contains(" last night ") {
        let said_day = said.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        return named(day(said_day.unwrap_or(stated) - Duration::days(1)), None);
    }
    if lower.iter().any(|w| w == "yesterday") {
        return named(day(stated - Duration::days(1)), None);
    }
    if lower.iter().any(|w| w == "today" || w == "tonight")
        || [" this morning ", " this afternoon ", " this evening "].iter().any(|p| text.contains(p))
    {
        return named(day(stated), None);
    }
    // "on the same day", "that day": the day of the sentence before
    if [" the same day ", " that day ", " the same time "].iter().any(|p| text.contains(p)) {
        return unsaid;
    }
    if let Some(days) = shift::days_from_before(&lower).filter(|_| weekday(&lower, stated).is_none()) {
        return Dated { said, kind: Kind::Shifted(days), ..Dated::default() };
    }
    let present = present_tense(&lower);
    // "Monday's earthquakes have killed 12,391": the day of the event, not of the toll
    let of_event = lower.iter().enumerate().any(|(at, w)| {
        let after = lower[at + 1..].iter().take(4).take_while(|w| *w != ",");
        w.ends_with("'s")
            && is_weekday(w.trim_end_matches("'s"))
            && after.clone().any(|w| NOW.contains(&w.as_str()))
    });
    // the day it was said ("said on Friday") is the figure's only when nothing else is
    // "said on Monday that floods killed 12 on Sunday": the day that is not the saying's
    let not_said = |d: &NaiveDate| Some(d.to_string()) != said;
    let weekday =
        weekdays(&lower, stated).find(not_said).or_else(|| weekday(&lower, stated)).filter(|_| !of_event);
    let of_saying = weekday.is_some() && weekday.map(|d| d.to_string()) == said;
    if let Some(date) = weekday.filter(|_| !of_saying) {
        return named(day(date), None);
    }
    if let Some(month) = in_month(&lower, stated).or_else(|| in_part_of_year(&lower, stated)) {
        return named(Some(month), None);
    }
    if text.contains(" last month ") && !text.contains(" since last month ") {
        let (y, m) =
            if stated.month() == 1 { (stated.year() - 1, 12) } else { (stated.year(), stated.month() - 1) };
        return named(Some(format!("{y}-{m:02}")), None);
    }
    // "this month", "earlier this year": the month or year of the stated day
    if text.contains(" this month ") {
        return named(Some(format!("{}-{:02}", stated.year(), stated.month())), None);
    }
    if text.contains(" this year ") && !text.contains(" since the start of this year ") {
        return named(Some(stated.year().to_string()), None);
    }
    if text.contains(" last year ") && !text.contains(" last year's ") && !text.contains(" since last year ")
    {
        return named(Some((stated.year() - 1).to_string()), None);
    }
    if text.contains(" since the start of the month ") || text.contains(" since the beginning of the month ")
    {
        return named(Some(format!("{}-{:02}", stated.year(), stated.month())), None);
    }
    if let Some(date) = weekday {
        return named(day(date), None);
    }
    match past_perfect(&lower) {
        // "had" after a verb of saying is reported speech: the time of the report
        Some(true) => return unsaid,
        Some(false) => return Dated { said, kind: Kind::Earlier, ..Dated::default() },
        None => {}
    }
    if present {
        return now(&said);
    }
    // "in 2022": the year, when nothing nearer is said
    // "in 2022", "in mid-2023", "in late 2021"
    let year = lower.iter().enumerate().find_map(|(at, w)| {
        let next =
            lower.get(at + 1).filter(|w| matches!(w.as_str(), "early" | "mid" | "late")).map_or(1, |_| 2);
        (w == "in")
            .then(|| lower.get(at + next)?.parse::<i32>().ok())
            .flatten()
            .filter(|y| (1800..=stated.year()).contains(y))
    });
    if let Some(year) = year {
        return named(Some(year.to_string()), None);
    }
    unsaid
}

/// The words of a sentence, lower-case and without punctuation, a comma a
/// word of its own ("in April, 7 million" has no April 7); a month name
/// written lower-case ("the march", "may") is marked as no month.
fn tokens(words: &[&str]) -> Vec<String> {
    words
        .iter()
        .flat_map(|w| {
            let comma = w.ends_with([',', ';']).then(|| ",".to_string());
            // "mid-October", "mid-2023": "mid" and what it is the middle of
            let (mid, w) = match w.strip_prefix("mid-") {
                Some(rest) => (Some("mid".to_string()), rest),
                None => (None, *w),
            };
            let word = clean(w);
            let lower = word.to_lowercase();
            let common = word.starts_with(char::is_lowercase) && month(&lower).is_some();
            let lower = if common { format!("~{lower}") } else { lower };
            mid.into_iter().chain(std::iter::once(lower)).chain(comma)
        })
        .collect()
}

/// Present tense, "since", "still": the figure is of the stated day; not
/// "the fastest climb since 1980", which compares, nor a clause without a
/// figure that a subordinator opens ("even though voting is compulsory").
fn present_tense(lower: &[String]) -> bool {
    lower.split(|w| w == ",").filter(|clause| !aside(clause)).any(|clause| {
        clause.iter().enumerate().any(|(at, w)| {
            let compares = w == "since" && clause[at.saturating_sub(3)..at].iter().any(|w| superlative(w));
            // "would have been around 13.8%": what was not, at the time in question
            let unreal = clause[at.saturating_sub(1)..at]
                .iter()
                .any(|w| matches!(w.as_str(), "would" | "could" | "might"));
            NOW.iter().any(|p| !p.contains(' ') && p == w) && !compares && !unreal
        }) || NOW
            .iter()
            .filter(|p| p.contains(' '))
            .any(|p| format!(" {} ", clause.join(" ")).contains(&format!(" {p} ")))
    })
}

/// "fastest", "most", "first time": a word that compares ("the highest since 1948").
fn superlative(word: &str) -> bool {
    const NOT: &[&str] =
        &["protest", "interest", "request", "arrest", "contest", "forest", "harvest", "honest"];
    matches!(word, "most" | "time") || word.len() >= 6 && word.ends_with("est") && !NOT.contains(&word)
}

/// A clause that only comments: opened by a subordinator, with no figure in it.
fn aside(clause: &[String]) -> bool {
    let opens = clause.first().is_some_and(|w| {
        matches!(
            w.as_str(),
            "although" | "though" | "even" | "while" | "whereas" | "because" | "who" | "where"
        )
    });
    opens && !clause.iter().any(|w| w.starts_with(|c: char| c.is_ascii_digit()))
}

/// "Police had deployed": an earlier time (false), or reported speech
/// after a verb of saying (true); not "has had" (present perfect), nor a
/// "had" of a later clause ("took 43.2%, although polls had pointed").
fn past_perfect(lower: &[String]) -> Option<bool> {
    let had = lower.iter().position(|w| w == "had")?;
    let before = &lower[..had];
    if before.last().is_some_and(|w| w == "has" || w == "have") {
        return None;
    }
    // reported speech, or an expectation of the figure of the time in question
    let expected =
        lower.get(had + 1).is_some_and(|w| matches!(w.as_str(), "expected" | "forecast" | "predicted"));
    if expected || before.iter().any(|w| SAYING.contains(&w.as_str())) {
        return Some(true);
    }
    let first_clause = !before.iter().any(|w| w == ",");
    let since = lower.iter().any(|w| w == "since" || w == "far");
    (first_clause && !since).then_some(false)
}

/// A month right after a figure, its own time when a sentence compares two:
/// "11.1% in October, up from 10.1% in September".
pub fn right_after(words: &[&str], last: usize, stated: NaiveDate) -> Option<String> {
    let window: Vec<String> = words[last + 1..words.len().min(last + 4)]
        .iter()
        // a sentence's end, not an abbreviated month ("Nov.")
        .take_while(|w| !w.ends_with(['.', ';']) || month(&clean(w).to_lowercase()).is_some())
        .map(|w| clean(w).to_lowercase())
        .collect();
    let window = match words.get(last + 1 + window.len()) {
        Some(w) if window.len() < 3 => [window, vec![clean(w).to_lowercase()]].concat(),
        _ => window,
    };
    if window.first().is_some_and(|w| w == "in") && window.len() >= 2 && window[1] != "may" {
        // "up from 4.8% in 2022"
        let year = window[1].parse::<i32>().ok().filter(|y| (1800..=stated.year()).contains(y));
        return year.map(|y| y.to_string()).or_else(|| in_month(&window[..2], stated));
    }
    // "up from 300 on Tuesday", "another 800 on Nov. 5"
    if window.first().is_some_and(|w| w == "on") && window.len() >= 2 {
        let date = weekday(&window[1..2], stated).or_else(|| month_day(&window[1..], stated));
        return date.map(|d| d.to_string());
    }
    None
}

/// The time of a figure written as before its sentence's (`base`, a day,
/// month or year): "up from 41,156 a day earlier", "7.8% the prior month",
/// "3.5% a year earlier", in the precision of the time it counts from.
pub fn earlier(words: &[&str], last: usize, base: Option<&str>, stated: NaiveDate) -> Option<String> {
    let window: Vec<String> =
        words[last + 1..words.len().min(last + 5)].iter().map(|w| clean(w).to_lowercase()).collect();
    // "climbed 7% from a year ago": a change over the time, not a figure of then
    if window.first().is_some_and(|w| matches!(w.as_str(), "from" | "than" | "on" | "over" | "against")) {
        return None;
    }
    let text = format!(" {} ", window.join(" "));
    // "310 a week later", "220 two days earlier"
    let counted =
        || (0..window.len()).find_map(|at| shift::days_from_before(&window[at..])).map(|n| Back::Days(-n));
    let back = BEFORE.iter().find(|(p, _)| text.contains(p)).map(|(_, back)| *back).or_else(counted)?;
    let base = base.unwrap_or_default();
    let day = NaiveDate::parse_from_str(base, "%Y-%m-%d").ok();
    let month = NaiveDate::parse_from_str(&format!("{base}-01"), "%Y-%m-%d").ok();
    let year = base.parse::<i32>().ok();
    match back {
        Back::Days(n) => Some((day.unwrap_or(stated) - Duration::days(n)).to_string()),
        Back::Month => {
            let from = day.or(month).unwrap_or(stated);
            let (y, m) =
                if from.month() == 1 { (from.year() - 1, 12) } else { (from.year(), from.month() - 1) };
            Some(format!("{y}-{m:02}"))
        }
        Back::Year => match (day, month, year) {
            (Some(d), ..) => d.with_year(d.year() - 1).map(|d| d.to_string()),
            (None, Some(m), _) => Some(format!("{}-{:02}", m.year() - 1, m.month())),
            (None, None, Some(y)) => Some((y - 1).to_string()),
            _ => Some((stated.year() - 1).to_string()),
        },
    }
}

#[derive(Clone, Copy)]
enum Back {
    Days(i64),
    Month,
    Year,
}

const BEFORE: &[(&str, Back)] = &[
    (" a day earlier ", Back::Days(1)),
    (" the day before ", Back::Days(1)),
    (" the previous day ", Back::Days(1)),
    (" a week earlier ", Back::Days(7)),
    (" the week before ", Back::Days(7)),
    (" a month earlier ", Back::Month),
    (" the month before ", Back::Month),
    (" the previous month ", Back::Month),
    (" the prior month ", Back::Month),
    (" a year earlier ", Back::Year),
    (" a year before ", Back::Year),
    (" the previous year ", Back::Year),
    (" the prior year ", Back::Year),
    (" a year ago ", Back::Year),
];

#[cfg(test)]
mod tests;
