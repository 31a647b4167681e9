//! The time of one figure where it differs from its sentence's: "11.1% in
//! October, up from 10.1% in September", "up from 41,156 a day earlier",
//! "26,600 had come on Tuesday alone", "some 500 before the invasion".

use super::days::{self, in_month, month, month_day, weekday};
use super::shift;
use crate::extract::sentences::clean;
use chrono::{Datelike, Duration, NaiveDate};

/// A month right after a figure, its own time when a sentence compares two:
/// "11.1% in October, up from 10.1% in September".
pub(super) fn right_after(words: &[&str], last: usize, stated: NaiveDate) -> Option<String> {
    let window: Vec<String> = words[last + 1..words.len().min(last + 4)]
        .iter()
        // a sentence's end, not an abbreviated month ("Nov.")
        .take_while(|w| !w.ends_with(['.', ';']) || month(&clean(w).to_lowercase()).is_some())
        .map(|w| clean(w).to_lowercase())
        .collect();
    let window = match words.get(last + 1 + window.len()) {
        // "in October to December"
        Some(w)
            if window.len() < 3 || window.len() == 3 && matches!(window[2].as_str(), "to" | "through") =>
        {
            [window, vec![clean(w).to_lowercase()]].concat()
        }
        _ => window,
    };
    // "in May", not "in may" (a verb)
    let may = |w: &str| w == "may" && !words.get(last + 2).is_some_and(|w| w.starts_with('M'));
    if window.first().is_some_and(|w| w == "in") && window.len() >= 2 && !may(&window[1]) {
        // "up from 4.8% in 2022"
        let year = window[1].parse::<i32>().ok().filter(|y| (1800..=stated.year()).contains(y));
        // "0.4% in October to December": the end of the months named
        let to = window.len() >= 4 && matches!(window[2].as_str(), "to" | "through");
        return year.map(|y| y.to_string()).or_else(|| in_month(&window[..if to { 4 } else { 2 }], stated));
    }
    // "up from nearly 15,000 Wednesday", "99 late Monday"
    let bare = window.iter().find(|w| *w != "late" && *w != "early");
    if let Some(day) =
        bare.filter(|w| days::is_weekday(w)).and_then(|w| weekday(std::slice::from_ref(w), stated))
    {
        return Some(day.to_string());
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
pub(super) fn earlier(words: &[&str], last: usize, base: Option<&str>, stated: NaiveDate) -> Option<String> {
    // "147 more arrived a day later": a verb may come between, not another clause or figure
    let near = &words[last + 1..words.len().min(last + 7)];
    let other = |w: &&str| {
        w.ends_with(',') || clean(w) == "and" || clean(w).starts_with(|c: char| c.is_ascii_digit())
    };
    let near = &near[..near.iter().position(other).map_or(near.len(), |at| at + 1)];
    let window: Vec<String> = near.iter().map(|w| clean(w).to_lowercase()).collect();
    // "climbed 7% from a year ago", "14.5% higher than a year earlier": a change over the time,
    // not a figure of then
    let compares = window.iter().any(|w| matches!(w.as_str(), "from" | "than" | "over" | "against"));
    if compares || window.first().is_some_and(|w| w == "on") {
        return None;
    }
    let text = format!(" {} ", window.join(" "));
    // "310 a week later", "220 two days earlier"
    let counted =
        || (0..window.len()).find_map(|at| shift::days_from_before(&window[at..])).map(|n| Back::Days(-n));
    let back = BEFORE.iter().find(|(p, _)| text.contains(p)).map(|(_, back)| *back).or_else(counted)?;
    back_from(back, base, stated)
}

/// A sentence that opens a month or a year before the one it follows: "A
/// year earlier, the rate was 3.1%" (its days, "A day earlier", are the
/// sentence's own, counted where the sentence is read).
fn opening_back(words: &[&str], base: Option<&str>, stated: NaiveDate) -> Option<String> {
    let opening: Vec<String> = words.iter().take(4).map(|w| clean(w).to_lowercase()).collect();
    let text = format!(" {} ", opening.join(" "));
    let (_, back) = BEFORE.iter().find(|(p, back)| text.starts_with(p) && !matches!(back, Back::Days(_)))?;
    base.and_then(|_| back_from(*back, base, stated))
}

/// The time `back` before `base` (a day, month or year), in its precision.
fn back_from(back: Back, base: Option<&str>, stated: NaiveDate) -> Option<String> {
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

/// How many words either side of a figure its date is read from.
const AROUND: usize = 80;

/// The time of the figure at `words[first..=last]`: its own where it has
/// one, else its sentence's (`sentence`); none for an undated past or a pledge.
pub fn of_figure(
    words: &[&str],
    first: usize,
    last: usize,
    stated: NaiveDate,
    sentence: Option<&str>,
) -> Option<String> {
    // the words around the figure, so that a wall of text without sentence
    // breaks is dated in linear time; no sentence of prose is this long
    let start = first.saturating_sub(AROUND);
    let words = &words[start..words.len().min(last + AROUND + 1)];
    let (first, last) = (first - start, last - start);
    let lower: Vec<String> = words.iter().map(|w| clean(w).to_lowercase()).collect();
    if undated(&lower, first, last, stated) {
        return None;
    }
    if let Some(month) = right_after(words, last, stated) {
        return Some(month);
    }
    if let Some(date) = earlier(words, last, sentence, stated)
        .or_else(|| opening_back(words, sentence, stated))
        .or_else(|| after_figure(words, first, sentence))
    {
        return Some(date);
    }
    // "down from 87% in the first round on May 14": the day of the figure compared with
    let from = lower[first.saturating_sub(2)..first].iter().any(|w| w == "from");
    let rest = &words[last + 1..];
    let rest = &rest[..rest.iter().position(|w| w.ends_with([',', ';'])).map_or(rest.len(), |at| at + 1)];
    if let Some(date) = named_days(&super::tokens(rest), stated).first().filter(|_| from) {
        return Some(date.to_string());
    }
    // "below the 83% recorded in November 2019": the time of the figure compared with
    let compared = (first.saturating_sub(3)..first).any(|k| super::compares(&lower, k));
    if compared && !rest.is_empty() {
        let tail = super::resolve(rest, stated, None);
        if tail.kind == super::Kind::Named {
            return tail.as_of;
        }
    }
    year_when(words, first, stated)
        .or_else(|| year_of_its_clause(words, last, stated))
        .or_else(|| later_in_clause(words, first, sentence))
        .or_else(|| in_clause(words, first, last, stated))
        .or_else(|| sentence.map(str::to_string))
}

/// "rose 13.1% after 11.8%", "grew 0.3% on the quarter after 0.1%": the figure
/// of the period before a monthly or quarterly statistic's.
fn after_figure(words: &[&str], first: usize, sentence: Option<&str>) -> Option<String> {
    let month = NaiveDate::parse_from_str(&format!("{}-01", sentence?), "%Y-%m-%d").ok()?;
    let lower = |k: usize| clean(words[k]).to_lowercase();
    let figure = |k: usize| lower(k).starts_with(|c: char| c.is_ascii_digit());
    let after = first >= 2
        && matches!(lower(first - 1).as_str(), "after" | "following")
        && (first.saturating_sub(6)..first - 1).any(figure);
    if !after {
        return None;
    }
    let quarterly = words.iter().any(|w| clean(w).eq_ignore_ascii_case("quarter"));
    let back = if quarterly { 3 } else { 1 };
    let earlier = month.checked_sub_months(chrono::Months::new(back))?;
    Some(format!("{}-{:02}", earlier.year(), earlier.month()))
}

/// The year a clause after the figure gives it: "the 57.5% the party took in
/// 2019", "the 133,000 counted in 2021"; not past a comma or another figure.
fn year_of_its_clause(words: &[&str], last: usize, stated: NaiveDate) -> Option<String> {
    let mut k = last + 1;
    while k + 1 < words.len() && k <= last + 6 && !words[k - 1].ends_with([',', ';', '.']) {
        let next = clean(words[k + 1]);
        if next.starts_with(|c: char| c.is_ascii_digit()) && clean(words[k]).eq_ignore_ascii_case("in") {
            return next
                .parse::<i32>()
                .ok()
                .filter(|y| (1800..=stated.year()).contains(y))
                .map(|y| y.to_string());
        }
        if clean(words[k]).starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        k += 1;
    }
    None
}

/// "..., and three days later the count stood at 126": days counted in the
/// figure's own clause from the sentence's day.
fn later_in_clause(words: &[&str], first: usize, sentence: Option<&str>) -> Option<String> {
    let day = NaiveDate::parse_from_str(sentence?, "%Y-%m-%d").ok()?;
    let opens = words[..first].iter().rposition(|w| w.ends_with([',', ';'])).map_or(0, |at| at + 1);
    let clause: Vec<String> = words[opens..first]
        .iter()
        .map(|w| clean(w).to_lowercase())
        .skip_while(|w| w == "and" || w == "then")
        .collect();
    let days = shift::days_from_before(&clause).filter(|_| opens > 0)?;
    Some((day + Duration::days(days)).to_string())
}

/// The year of a "when" clause holding the figure: "the worst since 1997,
/// when a jet crashed on Guam and 228 people died".
/// Also "a crush in 2015 in which more than 2,400 pilgrims were killed".
fn year_when(words: &[&str], first: usize, stated: NaiveDate) -> Option<String> {
    let is = |k: usize, w: &str| clean(words[k]).eq_ignore_ascii_case(w);
    let opens =
        words[..first].iter().rposition(|w| matches!(clean(w).to_lowercase().as_str(), "when" | "which"))?;
    // "2015, when" or "2015 in which"
    let year_at = match (is(opens, "which"), opens.checked_sub(1)) {
        (false, Some(k)) if words[k].ends_with(',') => k,
        (true, Some(k)) if k > 0 && is(k, "in") && !words[k - 1].ends_with(',') => k - 1,
        _ => return None,
    };
    let year = clean(words[year_at]).trim_end_matches(',').parse::<i32>().ok()?;
    let inside = !words[opens..first].iter().any(|w| w.ends_with([';', '.']));
    (inside && (1800..=stated.year()).contains(&year)).then(|| year.to_string())
}

/// A figure of a time the text does not give: "up from first offers of 9%",
/// "some 500 before the invasion", "who were already displaced"; or money
/// pledged, of no time ("compensation of 1 million rupees", "will receive").
fn undated(lower: &[String], first: usize, last: usize, stated: NaiveDate) -> bool {
    const PLEDGE: &[&str] =
        &["compensation", "aside", "pledged", "allocated", "earmarked", "promised", "receive", "receives"];
    let before = &lower[first.saturating_sub(3)..first];
    let after = &lower[last + 1..lower.len().min(last + 4)];
    let then = after.iter().position(|w| w == "before" || w == "prior");
    let before_then = then.is_some_and(|at| after.get(at + 1).is_some_and(|w| w != "it" && w != "they"));
    let already = lower.windows(2).any(|w| matches!(w[0].as_str(), "was" | "were") && w[1] == "already");
    let goes =
        lower[last + 1..].windows(2).any(|w| matches!(w[0].as_str(), "would" | "will") && w[1] == "go");
    // "pledged $1.5 billion at a conference on Tuesday" is of that day
    let pledged = before.iter().any(|w| PLEDGE.contains(&w.as_str()))
        && named_days(&lower[last + 1..], stated).is_empty();
    // "a sum that was later cut to 372 million": a later time the text does not give; not
    // "A week later, 5,600 more" (counted from the day named) nor "Officials later said"
    let later = lower[first.saturating_sub(4)..first].windows(3).any(|w| {
        w[1] == "later"
            && !matches!(
                w[0].as_str(),
                "day" | "days" | "week" | "weeks" | "month" | "months" | "year" | "years" | "hours"
            )
            && !super::SAYING.contains(&w[2].as_str())
    });
    shift::first_offer(before) || before_then || already || goes || pledged || later
}

/// The day named in the figure's own clause, where its sentence names two
/// ("past 80 on Sunday, and 628,285 ... without power early on Monday",
/// "275, not 288 as the government had announced on Saturday").
fn in_clause(words: &[&str], first: usize, last: usize, stated: NaiveDate) -> Option<String> {
    let lower = super::tokens(words);
    // "killed between Sunday, Jan. 26, and Thursday, Jan. 30": the sentence's period
    let between = lower.iter().any(|w| w == "between") && days::period_end(&lower, stated).is_some();
    if named_days(&lower, stated).len() < 2 || between {
        return None;
    }
    let stop = |w: &&str| w.ends_with([',', ';', ':']);
    let start = words[..first].iter().rposition(stop).map_or(0, |at| at + 1);
    let end = words[last..].iter().position(stop).map_or(words.len(), |at| last + at + 1);
    match named_days(&super::tokens(&words[start..end]), stated).as_slice() {
        [one] => Some(one.to_string()),
        // "mourning on Tuesday after strikes killed at least 31 people on Monday": the day
        // named right after the figure and what it counts
        [_, _, ..] => {
            let near = &words[last + 1..end.min(last + 5)];
            let on = near.iter().position(|w| clean(w).eq_ignore_ascii_case("on"))?;
            named_days(&super::tokens(&near[on..]), stated).first().map(|d| d.to_string())
        }
        _ => None,
    }
}

/// The days a run of words names, but not an event's ("Friday's crash", "struck on February 6").
fn named_days(lower: &[String], stated: NaiveDate) -> Vec<NaiveDate> {
    let own: Vec<String> = lower
        .iter()
        .enumerate()
        .map(|(at, w)| {
            match w.strip_suffix("'s").is_some_and(days::is_weekday) || days::after_event(lower, at) {
                true => "~".to_string(),
                false => w.clone(),
            }
        })
        .collect();
    let mut found: Vec<NaiveDate> = days::weekdays(&own, stated).collect();
    found.extend(month_day(&own, stated));
    found.sort();
    found.dedup();
    found
}
