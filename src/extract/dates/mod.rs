//! When the figures of a sentence apply, read against the day the article
//! was stated: "this past week" (an interval), "as of August 20", "Sept. 12",
//! "yesterday", "on Tuesday" / "said Tuesday" (that weekday, on or before the
//! stated day), "in August" (the last August), "since" / "so far" / present
//! tense (the stated day), "had" (an earlier time the text does not give).

mod days;
mod figure;
mod shift;
mod vote;

use super::sentences::clean;
use crate::when::MONTHS;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use days::{
    after_month, began_on, in_month, in_part_of_year, last_week, month, month_day, said_on, weekday, weekdays,
};
pub use figure::of_figure;
pub use shift::shifted;
pub use vote::{day_of_vote, is_of_vote};

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
    /// The day an event began, in a sentence of no figure of its own ("The
    /// strike began on Sept. 15"): the time the sentences after it count from.
    pub began: Option<String>,
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
    /// A monthly statistic's change ("over the past year", "on a monthly basis"):
    /// the month the sentence before reported, else the day it was said.
    Statistic,
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
    "say",
    "need",
    "needs",
    "expect",
    "expects",
    "live",
    "lives",
    "work",
    "works",
    "face",
    "faces",
    "employ",
    "employs",
    "represent",
    "represents",
    "account",
    "accounts",
];
/// The marks of a monthly statistic's rate ("rose 41.6% over the past year"), in a sentence with a rate.
const STATISTIC: &[&str] = &[
    " over the past year ",
    " in the past year ",
    " over the past 12 months ",
    " over the last 12 months ",
    " in the past 12 months ",
    " in the last 12 months ",
    " than a year earlier ",
    " than a year ago ",
    " on a monthly basis ",
    " on an annual basis ",
    " month-on-month ",
    " year-on-year ",
    " on the month ",
    " on the year ",
];
const SAYING: &[&str] = &[
    "said",
    "says",
    "say",
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
    let all = tokens(words);
    let lower = without_since(all.clone());
    let began = began_on(&lower, stated).map(|d| d.to_string());
    let dated = of_sentence(&lower, stated, said_before);
    // "they had distributed 12,000 tents since Saturday": a count up to when it was said
    // not "the fastest climb since April 1980", which compares
    let since_a_time = (1..all.len()).any(|at| {
        all[at - 1] == "since"
            && is_day_or_month_name(&all[at])
            && !all[at.saturating_sub(5)..at - 1].iter().any(|w| superlative(w))
    });
    if dated.kind == Kind::Unsaid && since_a_time {
        return Dated {
            as_of: dated.said.clone().or(Some(stated.to_string())),
            kind: Kind::Now,
            began,
            ..dated
        };
    }
    Dated { began, ..dated }
}

fn of_sentence(lower: &[String], stated: NaiveDate, said_before: Option<&str>) -> Dated {
    let text = format!(" {} ", lower.join(" "));
    let day = |d: NaiveDate| Some(d.to_string());
    let saying = lower.iter().any(|w| SAYING.contains(&w.as_str()));
    // a report without a time of its own goes on with the one before
    let said = said_on(lower, stated).or_else(|| said_before.filter(|_| saying).map(str::to_string));
    let named = |as_of: Option<String>, from: Option<String>| Dated {
        as_of,
        from,
        said: said.clone(),
        kind: Kind::Named,
        ..Dated::default()
    };
    let now = |said: &Option<String>| Dated {
        as_of: said.clone().or(day(stated)),
        said: said.clone(),
        kind: Kind::Now,
        ..Dated::default()
    };
    let unsaid = Dated { said: said.clone(), reported: saying, ..Dated::default() };
    // "Analysts said last week that losses could exceed": said on a day the text does not give
    if days::reported_last(lower, "week") && said.is_none() {
        return Dated { kind: Kind::Earlier, ..Dated::default() };
    }
    // "before the year is out", "the year to end with": a forecast for the year
    if [" before the year is out ", " the year to end ", " by the end of the year "]
        .iter()
        .any(|p| text.contains(p))
    {
        return named(Some(stated.year().to_string()), None);
    }
    if WEEK.iter().any(|p| text.contains(&format!(" {p} "))) || last_week(lower) && !text.contains(" now ") {
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
    // not "the worst year of the century so far", which ranks a past year
    let ranked = [" century so far ", " decade so far ", " year so far "].iter().any(|p| text.contains(p));
    if [" now ", " so far ", " to date "].iter().any(|p| text.contains(p))
        && !text.contains(" as of ")
        && !ranked
    {
        return now(&said);
    }
    if let Some(date) = month_day(lower, stated) {
        return named(day(date), None);
    }
    if shift::undated_past(lower) {
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
    if [
        " the same day ",
        " that same day ",
        " that day ",
        " for the day ",
        " that night ",
        " that morning ",
        " that evening ",
        " the same time ",
    ]
    .iter()
    .any(|p| text.contains(p))
        // not "found 46 dead on Monday evening, the chief said late that night": the day it names
        && weekday(lower, stated).is_none()
    {
        return unsaid;
    }
    if let Some(days) = shift::days_from_before(lower).filter(|_| weekday(lower, stated).is_none()) {
        return Dated { said, kind: Kind::Shifted(days), ..Dated::default() };
    }
    let present = present_tense(lower);
    let of_event = days::of_event(lower);
    // the day it was said ("said on Friday") is the figure's only when nothing else is
    // "said on Monday that floods killed 12 on Sunday": the day that is not the saying's
    let not_said = |d: &NaiveDate| Some(d.to_string()) != said;
    let own = days::without_earlier_reports(lower);
    let weekday = days::period_end(&own, stated)
        .filter(not_said)
        .or_else(|| weekdays(&own, stated).find(not_said))
        .or_else(|| weekday(&own, stated))
        .filter(|_| !of_event);
    let of_saying = weekday.is_some() && weekday.map(|d| d.to_string()) == said;
    if let Some(date) = weekday.filter(|_| !of_saying) {
        return named(day(date), None);
    }
    let month = in_month(lower, stated).or_else(|| in_part_of_year(lower, stated));
    if let Some(month) = month.or_else(|| after_month(lower, stated)) {
        return named(Some(month), None);
    }
    // "killed last year, the office said last month": the month it was said
    let said_last_month = days::reported_last(lower, "month");
    if text.contains(" last month ") && !text.contains(" since last month ") && !said_last_month {
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
    // "at the end of last year": its December
    if text.contains(" end of last year ") {
        return named(Some(format!("{}-12", stated.year() - 1)), None);
    }
    if text.contains(" last year ") && !text.contains(" last year's ") && !text.contains(" since last year ")
    {
        return named(Some((stated.year() - 1).to_string()), None);
    }
    // "which won 235 seats four years ago": that year
    if let Some(years) = years_ago(lower) {
        return named(Some((stated.year() - years).to_string()), None);
    }
    if text.contains(" since the start of the month ") || text.contains(" since the beginning of the month ")
    {
        return named(Some(format!("{}-{:02}", stated.year(), stated.month())), None);
    }
    if let Some(date) = weekday {
        return named(day(date), None);
    }
    // "over the past year", "on a monthly basis": the month of the statistic reported
    let rate = lower.iter().any(|w| w.ends_with('%') || w == "percent");
    if rate && STATISTIC.iter().any(|p| text.contains(p)) {
        return Dated { kind: Kind::Statistic, ..now(&said) };
    }
    match past_perfect(lower) {
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
        // "the earthquake of 2010 killed", "for 2023 as a whole"; not "compared with 66% in
        // 2019", the other figure's year
        let figure_before = at > 1
            && lower[at - 1].starts_with(|c: char| c.is_ascii_digit())
            && matches!(lower[at - 2].as_str(), "with" | "than" | "from");
        let whole = w == "for" && lower.get(at + 2).is_some_and(|w| w == "as");
        // "which began in 2010 ... killed 9,792 by early 2019": a start is not the figure's year
        let start = at > 0 && matches!(lower[at - 1].as_str(), "began" | "started" | "since");
        (matches!(w.as_str(), "in" | "of" | "by") && !figure_before && !start || whole)
            .then(|| lower.get(at + next)?.parse::<i32>().ok())
            .flatten()
            .filter(|y| (1800..=stated.year()).contains(y))
    });
    if let Some(year) = year {
        return named(Some(year.to_string()), None);
    }
    unsaid
}

/// "won 235 seats four years ago": how many years before the stated day; not the time of
/// an event the sentence mentions ("the party, founded only five years ago, drew 26.3%").
fn years_ago(lower: &[String]) -> Option<i32> {
    const AN_EVENT: &[&str] =
        &["founded", "formed", "created", "launched", "began", "started", "entered", "signed"];
    let at = (1..lower.len().saturating_sub(1)).find(|&k| lower[k] == "years" && lower[k + 1] == "ago")?;
    if lower[at.saturating_sub(4)..at].iter().any(|w| AN_EVENT.contains(&w.as_str())) {
        return None;
    }
    let n = &lower[at - 1];
    let years = n.parse::<u64>().ok().or_else(|| super::number_words::word_value(n))?;
    i32::try_from(years).ok()
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

/// The words of each clause after its "since" dropped: the start of a
/// period ("Since the first case was found in March last year, 825 have
/// died") is not the time of its figures, which are of the period's end.
fn without_since(lower: Vec<String>) -> Vec<String> {
    // "since the start of the month" is read as the month
    let of_start = |at: usize| lower.get(at + 2).is_some_and(|w| w == "start" || w == "beginning");
    let mut dropping = false;
    let mut kept = Vec::with_capacity(lower.len());
    for (at, w) in lower.iter().enumerate() {
        dropping &= w != ",";
        if !dropping {
            dropping = w == "since" && !of_start(at);
            kept.push(w.clone());
        }
    }
    kept
}

/// Whether the word at `at` opens a comparison with a figure: "below the
/// 83%", "down from 247", "from $3 billion", "against 1.2 million".
pub(super) fn compares(lower: &[String], at: usize) -> bool {
    let figure = |w: &String| w.starts_with(|c: char| c.is_ascii_digit() || c == '$');
    let marker = match lower[at].as_str() {
        "below" | "above" | "than" | "against" | "versus" => true,
        // "to $8 billion from $3 billion", "down from the 247"
        "from" => lower[at.saturating_sub(3)..at].iter().any(|w| figure(w) || w == "up" || w == "down"),
        _ => false,
    };
    marker && lower[at + 1..].iter().take(2).any(figure)
}

/// Present tense, "since", "currently": the figure is of the stated day; not
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
    // "had been reported missing, he told reporters": reported too
    let reported = |w: &String| SAYING.contains(&w.as_str()) && w != "according";
    if expected
        || before.iter().any(|w| SAYING.contains(&w.as_str()))
        || lower[had + 2..].iter().any(reported)
    {
        return Some(true);
    }
    let first_clause = !before.iter().any(|w| w == ",");
    let since = lower.iter().any(|w| w == "since" || w == "far");
    (first_clause && !since).then_some(false)
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_other_reporting;
