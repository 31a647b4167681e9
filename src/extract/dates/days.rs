//! The days, weekdays and months a sentence names, read against the stated day.

use super::{SAYING, WEEKDAYS};
use crate::when::MONTHS;
use chrono::{Datelike, Duration, NaiveDate};

/// "last week" as the time of a figure, not "last week's earthquake".
/// Not "fewer than last week" (a comparison) nor "the update that crashed
/// computers last week" (the week of an event the figure follows).
pub(super) fn last_week(lower: &[String]) -> bool {
    (0..lower.len().saturating_sub(1)).any(|at| {
        let of_event = lower[at.saturating_sub(8)..at]
            .windows(2)
            .any(|w| matches!(w[0].as_str(), "that" | "which") && (w[1].ends_with("ed") || w[1] == "broke"));
        let other = at > 0 && (lower[at - 1] == "than" || reports(&lower[at - 1]));
        lower[at] == "last" && lower[at + 1] == "week" && !other && !of_event
    })
}

/// A verb of a report: "said last week", "the counts it gave last week".
fn reports(word: &str) -> bool {
    SAYING.contains(&word) || matches!(word, "gave" | "released" | "published" | "issued")
}

/// "Analysts said last week", "the office said last month": when the report was made.
pub(super) fn reported_last(lower: &[String], period: &str) -> bool {
    lower.windows(3).any(|w| reports(&w[0]) && w[1] == "last" && w[2] == period)
}

/// The month numbered by a word: "August", "Aug", "Sept".
pub(super) fn month(word: &str) -> Option<u32> {
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

/// "as of August 20", "on Sept. 12", "12 September", "July 1, 2003"; the
/// end of "between February 24 and October 18"; not a start ("since
/// February 6", "began on October 10": the figure is of later), nor a day
/// to come ("a runoff on October 30", said on October 3).
pub(super) fn month_day(lower: &[String], stated: NaiveDate) -> Option<NaiveDate> {
    let day = |w: &String| ordinal(w).parse::<u32>().ok().filter(|d| (1..=31).contains(d));
    let mut last = None;
    let mut after_last = 0;
    for i in 0..lower.len() {
        let Some(m) = month(&lower[i]) else { continue };
        let (d, at, end) =
            match (lower.get(i + 1).and_then(day), i.checked_sub(1).and_then(|j| day(&lower[j]))) {
                (Some(d), _) => (d, i, i + 1),
                (None, Some(d)) => (d, i - 1, i),
                // "the 4th of July"
                _ => match i.checked_sub(2).filter(|&j| lower[j + 1] == "of") {
                    Some(j) if lower[j] != ordinal(&lower[j]) => match day(&lower[j]) {
                        Some(d) => (d, j, i),
                        None => continue,
                    },
                    _ => continue,
                },
            };
        if lower[i] == "may" && lower.get(i + 1).is_none_or(|w| day(w).is_none()) {
            continue;
        }
        let date = match year_after(lower, end) {
            Some(year) => NaiveDate::from_ymd_opt(year, m, d),
            None => to_come(m, d, stated).map_or_else(|| recent(m, d, stated), |_| None),
        };
        let opening = &lower[at.saturating_sub(4).max(after_last)..at];
        after_last = end + 1;
        let Some(date) = date.filter(|d| *d <= stated) else { continue };
        if compared(lower, at) {
            continue;
        }
        let start =
            |w: &String| matches!(w.as_str(), "since" | "from" | "after" | "began" | "started" | "between");
        if opening.iter().any(start) {
            // "between February 24 and October 18": the end, if it follows
            last = last.or(Some(None));
            continue;
        }
        last = Some(Some(date));
        // "from Jan. 1 to Nov. 12": the end; not "on Nov. 3 and another 800 on Nov. 5"
        let next = |k: usize| lower.get(end + k).map(String::as_str);
        let joined = |k: usize| matches!(next(k), Some("and" | "to"));
        let a_day = |k: usize| next(k).is_some_and(|w| month(w).is_some() || day(&w.to_string()).is_some());
        if !(joined(1) && a_day(2) || next(1) == Some(",") && joined(2) && a_day(3)) {
            break;
        }
    }
    last.flatten()
}

/// A day's number without its ordinal ending: "4th" is "4", "21st" is "21".
fn ordinal(word: &str) -> &str {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let ending = &word[digits.len()..];
    let ordinal = matches!(ending, "st" | "nd" | "rd" | "th") && !digits.is_empty();
    if ordinal {
        digits
    } else {
        word
    }
}

/// An ordinal word or number: "4th", "fourth" ("the Fourth of July" is a day, not July).
fn is_ordinal(word: &str) -> bool {
    const WORDS: &[&str] =
        &["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];
    ordinal(word) != word || WORDS.contains(&word) || word.ends_with("teenth") || word.ends_with("tieth")
}

/// A year right after a day: "July 1, 2003".
fn year_after(lower: &[String], end: usize) -> Option<i32> {
    let next = match lower.get(end + 1).map(String::as_str) {
        Some(",") => lower.get(end + 2),
        _ => lower.get(end + 1),
    };
    next?.parse::<i32>().ok().filter(|y| (1800..=2100).contains(y))
}

/// A month and day up to a month after `stated`: a day to come, not last year's.
fn to_come(month: u32, day: u32, stated: NaiveDate) -> Option<NaiveDate> {
    // "on January 9" said on December 27 is next year's
    [stated.year(), stated.year() + 1]
        .into_iter()
        .filter_map(|year| NaiveDate::from_ymd_opt(year, month, day))
        .find(|d| *d > stated && *d - stated <= Duration::days(31))
}

/// A weekday's name: "monday".
pub(super) fn is_weekday(lower: &str) -> bool {
    WEEKDAYS.iter().any(|(n, _)| *n == lower)
}

/// "on Tuesday", "said Tuesday", "Sunday's march": that weekday, on or before `stated`.
pub(super) fn weekday(lower: &[String], stated: NaiveDate) -> Option<NaiveDate> {
    weekdays(lower, stated).next()
}

/// Every weekday a sentence names, in order, as days on or before `stated`.
pub(super) fn weekdays(lower: &[String], stated: NaiveDate) -> impl Iterator<Item = NaiveDate> + '_ {
    lower.iter().enumerate().filter_map(move |(at, w)| {
        let w = w.trim_end_matches("'s");
        let (_, name) = WEEKDAYS.iter().find(|(n, _)| *n == w)?;
        // "missing since the quake struck on Tuesday": a start, the figure is of later
        if lower[at.saturating_sub(6)..at].iter().any(|w| w == "since") || compared(lower, at) {
            return None;
        }
        // "last Tuesday" said on a Tuesday is the week before
        let first = i64::from(at > 0 && lower[at - 1] == "last");
        (first..7 + first).map(|back| stated - Duration::days(back)).find(|d| d.weekday() == *name)
    })
}

/// The weekday that ends a period the sentence names: "by 5 p.m. on Monday",
/// "between midnight on Sunday and 1 p.m. on Monday": the figure is of its end.
pub(super) fn period_end(lower: &[String], stated: NaiveDate) -> Option<NaiveDate> {
    let between = lower.iter().position(|w| w == "between");
    let ends = |at: usize| {
        let before = lower[at.saturating_sub(6)..at].iter().rev().take_while(|w| *w != ",");
        before.clone().any(|w| matches!(w.as_str(), "by" | "until" | "through"))
            || between.is_some_and(|b| b < at) && before.clone().any(|w| w == "and")
    };
    let ending: Vec<String> = lower
        .iter()
        .enumerate()
        .map(
            |(at, w)| {
                if is_weekday(w.trim_end_matches("'s")) && !ends(at) {
                    "~".to_string()
                } else {
                    w.clone()
                }
            },
        )
        .collect();
    let end = weekdays(&ending, stated).next();
    end
}

/// "in August", "in August 2024": the last such month on or before `stated`, as YYYY-MM.
pub(super) fn in_month(lower: &[String], stated: NaiveDate) -> Option<String> {
    // "in the 12 months to October", "through March", "October's"; not "since ... in April"
    let before_month =
        |w: &str| matches!(w, "in" | "to" | "through" | "until" | "during" | "for" | "of" | "by");
    // "in early November", "by mid-October"
    let part = |w: &str| matches!(w, "early" | "mid" | "late");
    let before_month = |i: usize| {
        before_month(&lower[i - 1]) || i >= 2 && part(&lower[i - 1]) && before_month(&lower[i - 2])
    };
    // "June's inflation", "the October figure": a month's statistic
    let of_month = |i: usize| {
        const STATISTIC: &[&str] =
            &["figure", "figures", "reading", "data", "rate", "number", "numbers", "count", "tally"];
        lower[i].ends_with("'s")
            || i >= 1
                && lower[i - 1] == "the"
                && lower.get(i + 1).is_some_and(|w| STATISTIC.contains(&w.as_str()))
    };
    let before_month = |i: usize| i >= 1 && before_month(i) || of_month(i);
    let i = (0..lower.len()).find(|&i| {
        let named = month(lower[i].trim_end_matches("'s")).is_some() && lower[i].len() >= 3;
        // "Since the first case was found in March": anywhere before it in its clause
        let clause = lower[..i].iter().rev().take_while(|w| *w != ",");
        let since = clause.clone().any(|w| w == "since" || w == "began" || w == "start");
        // "following a dip in September": a time before the figure's
        let before_it = clause.clone().take(6).any(|w| w == "following" || w == "after");
        let a_day = i >= 2 && lower[i - 1] == "of" && is_ordinal(&lower[i - 2]);
        // "more than in September 2021", "up from 13.1% in August": the other figure's month
        let compared = i >= 2 && lower[i - 2] == "than"
            || i >= 3 && lower[i - 3] == "from" && lower[i - 2].starts_with(|c: char| c.is_ascii_digit());
        // "between January and October": the end of the period
        let end = i >= 3 && lower[i - 1] == "and" && lower[i - 3] == "between";
        named && (before_month(i) || end) && !since && !compared && !before_it && !a_day
    })?;
    // "in October to December", "in July-September": the end of the months named
    let (i, m) = match lower.get(i + 1).map(String::as_str) {
        Some("to" | "through") => lower
            .get(i + 2)
            .and_then(|w| month(w))
            .map_or((i, month(lower[i].trim_end_matches("'s"))?), |m| (i + 2, m)),
        _ => (i, month(lower[i].trim_end_matches("'s"))?),
    };
    let year =
        match lower.get(i + 1).and_then(|w| w.parse::<i32>().ok()).filter(|y| (1800..=2100).contains(y)) {
            Some(y) => y,
            None if m > stated.month() => stated.year() - 1,
            None => stated.year(),
        };
    Some(format!("{year}-{m:02}"))
}

/// When the sentence says its words were said: "said on Tuesday", "said in October".
pub(super) fn said_on(lower: &[String], stated: NaiveDate) -> Option<String> {
    // not "288 as the government had announced on Saturday": an earlier report
    let verbs = lower
        .iter()
        .enumerate()
        .filter(|(at, w)| SAYING.contains(&w.as_str()) && (*at == 0 || lower[at - 1] != "had"));
    for (verb, _) in verbs {
        // "said late on Sunday", "said early Monday": the day
        let skip = lower[verb + 1..].iter().take_while(|w| matches!(w.as_str(), "late" | "early")).count();
        let after = &lower[verb + 1 + skip..lower.len().min(verb + 4 + skip)];
        // "said Saturday's march drew": the day of the march, not of the saying
        let possessive = after.iter().take(2).any(|w| w.ends_with("'s"));
        if let Some(d) = weekday(&after[..after.len().min(2)], stated).filter(|_| !possessive) {
            return Some(d.to_string());
        }
        // "said in a statement on Thursday", "told a news conference on Monday"
        let venue = &lower[verb + 1..lower.len().min(verb + 7)];
        let venue = &venue[..venue.iter().position(|w| w == "that" || w == ",").unwrap_or(venue.len())];
        let on = venue.iter().position(|w| w == "on").filter(|&at| {
            at >= 1 && !venue[..at].iter().any(|w| w.starts_with(|c: char| c.is_ascii_digit()))
        });
        if let Some(d) = on.and_then(|at| weekday(&venue[at + 1..venue.len().min(at + 2)], stated)) {
            return Some(d.to_string());
        }
        // "said in a Monday statement", "said in a statement Monday"
        let in_venue = venue.first().is_some_and(|w| w == "in") && !venue.iter().any(|w| w.ends_with("'s"));
        let figures = venue.iter().any(|w| w.starts_with(|c: char| c.is_ascii_digit()));
        if let Some(d) = weekday(venue, stated).filter(|_| in_venue && !figures) {
            return Some(d.to_string());
        }
        if let Some(d) = month_day(after, stated) {
            return Some(d.to_string());
        }
        if after.first().is_some_and(|w| w == "in") {
            if let Some(month) = in_month(after, stated) {
                return Some(month);
            }
        }
        // "In October, Kyiv announced"
        if verb <= 4 && lower.first().is_some_and(|w| w == "in") {
            return in_month(&lower[..verb], stated);
        }
        // "On Friday, Fain said"
        if verb <= 6 && lower.first().is_some_and(|w| w == "on") && lower.get(2).is_some_and(|w| w == ",") {
            return weekday(&lower[1..2], stated).map(|d| d.to_string());
        }
    }
    None
}

/// "in the third quarter", "in the first half": the last month of the last
/// such period ended on or before `stated`, as YYYY-MM.
pub(super) fn in_part_of_year(lower: &[String], stated: NaiveDate) -> Option<String> {
    const ORDINALS: [&str; 4] = ["first", "second", "third", "fourth"];
    let end = lower.windows(4).find_map(|w| {
        let nth = ORDINALS.iter().position(|o| *o == w[2])? as u32 + 1;
        let months = match w[3].as_str() {
            "quarter" => 3,
            "half" if nth <= 2 => 6,
            _ => return None,
        };
        (matches!(w[0].as_str(), "in" | "for" | "during") && w[1] == "the").then_some(nth * months)
    });
    // "in the first two months of 2023"
    let months = lower.windows(5).find_map(|w| {
        let n = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven"]
            .iter()
            .position(|c| *c == w[2])? as u32
            + 2;
        (w[0] == "the" && w[1] == "first" && w[3] == "months" && w[4] == "of").then_some(n)
    });
    let end = end.or(months)?;
    // "of 2023" after it names the year
    let named_year =
        lower.windows(2).find_map(|w| (w[0] == "of").then(|| w[1].parse::<i32>().ok()).flatten());
    if let Some(year) = named_year.filter(|y| (1800..=stated.year()).contains(y)).filter(|_| months.is_some())
    {
        return Some(format!("{year}-{end:02}"));
    }
    let year = if end <= stated.month() { stated.year() } else { stated.year() - 1 };
    Some(format!("{year}-{end:02}"))
}

/// "Friday's crash", "the quake that struck late on Friday" before a present
/// tense of the same clause ("is 275", "has killed"): the day of the event,
/// not of the toll.
pub(super) fn of_event(lower: &[String]) -> bool {
    lower.iter().enumerate().any(|(at, w)| {
        let possessive = w.strip_suffix("'s").is_some_and(is_weekday);
        // "The fires, which broke out last Tuesday, have burned": the clause after the aside
        let clause = lower[at + 1..].iter().skip_while(|w| *w == ",").take_while(|w| *w != ",");
        let present = |w: &String| matches!(w.as_str(), "is" | "are" | "has" | "have" | "now" | "stands");
        (possessive || is_weekday(w) && after_event(lower, at)) && clause.clone().any(present)
    })
}

/// A day named after "struck", "began", "broke out" or in a relative clause
/// ("the tower that collapsed on Thursday"), in the same clause: when an event happened.
pub(super) fn after_event(lower: &[String], at: usize) -> bool {
    const EVENT: &[&str] =
        &["struck", "hit", "began", "started", "erupted", "broke", "occurred", "swept", "tore"];
    let event = |w: &String| EVENT.contains(&w.as_str());
    // "Flash floods that swept through the Texas Hill Country before dawn on Friday"
    let from = at.saturating_sub(12);
    let before = lower[from..at].iter().rev().take_while(|w| *w != ",");
    // "that collapsed", "which exploded": not "and that 12 had been found"
    let relative = lower[from..at]
        .windows(2)
        .any(|w| matches!(w[0].as_str(), "that" | "which") && (event(&w[1]) || w[1].ends_with("ed")));
    before.clone().any(event) || relative && !lower[from..at].iter().any(|w| w == ",")
}

/// The words with the day of an earlier report masked: "14 as the county had
/// announced on Saturday" is not the time of the sentence's own figures.
pub(super) fn without_earlier_reports(lower: &[String]) -> Vec<String> {
    let earlier = |at: usize| {
        let before = &lower[at.saturating_sub(3)..at];
        before.windows(2).any(|w| w[0] == "had" && SAYING.contains(&w[1].as_str()))
    };
    let masked = |(at, w): (usize, &String)| match is_weekday(w) && earlier(at) {
        true => "~".to_string(),
        false => w.clone(),
    };
    lower.iter().enumerate().map(masked).collect()
}

/// "rose 1.3% from May", "slowed to 5.9% from 6% in May": a change from a
/// month, so a figure of the month after it, as YYYY-MM.
pub(super) fn after_month(lower: &[String], stated: NaiveDate) -> Option<String> {
    let from = |i: usize| {
        i >= 1 && lower[i - 1] == "from"
            || i >= 3
                && lower[i - 1] == "in"
                && lower[i - 3] == "from"
                && lower[i - 2].starts_with(|c: char| c.is_ascii_digit())
    };
    let i = (0..lower.len()).find(|&i| month(&lower[i]).is_some() && lower[i].len() >= 3 && from(i))?;
    let m = month(&lower[i])?;
    let year = if m > stated.month() { stated.year() - 1 } else { stated.year() };
    let (year, next) = if m == 12 { (year + 1, 1) } else { (year, m + 1) };
    let first = NaiveDate::from_ymd_opt(year, next, 1)?;
    (first <= stated).then(|| format!("{year}-{next:02}"))
}

/// "The strike began on Sept. 15", "The fire broke out on Tuesday, Aug. 8":
/// the day an event began.
pub(super) fn began_on(lower: &[String], stated: NaiveDate) -> Option<NaiveDate> {
    let at = lower.windows(3).position(|w| {
        matches!(w[0].as_str(), "began" | "started" | "broke" | "erupted")
            && (w[1] == "on" || w[1] == "out" && w[2] == "on")
    })?;
    let on = at + lower[at..].iter().position(|w| w == "on")? + 1;
    let after = &lower[on..lower.len().min(on + 5)];
    month_day(after, stated).or_else(|| weekday(&after[..1], stated))
}

/// A day of the figure compared with, earlier in its clause: "down from 87%
/// in the first round on May 14" is that figure's, not the sentence's.
pub(super) fn compared(lower: &[String], at: usize) -> bool {
    let start = lower[..at].iter().rposition(|w| w == ",").map_or(0, |c| c + 1);
    let digit = |w: &String| w.starts_with(|c: char| c.is_ascii_digit());
    // "from 87%", "from nearly 15,000"; not "from Jan. 1"
    let hedge = |w: &String| {
        matches!(w.as_str(), "nearly" | "about" | "around" | "almost" | "some" | "more" | "over")
    };
    lower[start..at].windows(3).any(|w| w[0] == "from" && (digit(&w[1]) || hedge(&w[1]) && digit(&w[2])))
}
