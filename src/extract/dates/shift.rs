//! A sentence's time counted from the one before: "A week later", "Two days
//! earlier", "The next day"; and the undated past a sentence opens with
//! ("Before the fighting", "At the height of the outages").

use chrono::{Duration, NaiveDate};

const COUNTS: &[&str] = &["a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

/// The days from the time of the sentence before: "A week later" is 7, "Two
/// days earlier" -2; only where the sentence opens with it, as a figure's own
/// "up from 41,156 a day earlier" is that figure's alone.
pub(super) fn days_from_before(lower: &[String]) -> Option<i64> {
    let next = |at: usize| lower.get(at).map(String::as_str);
    if let (Some("the"), Some("next" | "following"), Some("day")) = (next(0), next(1), next(2)) {
        return Some(1);
    }
    let count = next(0)?;
    let count = COUNTS.iter().position(|c| *c == count).map(|n| n.max(1) as i64).or(count.parse().ok())?;
    let per = match next(1)? {
        "day" | "days" => 1,
        "week" | "weeks" => 7,
        _ => return None,
    };
    let sign = match next(2)? {
        "later" => 1,
        "earlier" => -1,
        _ => return None,
    };
    Some(sign * count * per)
}

/// The day `days` after `date`, when `date` is a day (a month or a year
/// gives no day) and the day is not after the stated one (counted from the
/// wrong day, then).
pub fn shifted(date: &str, days: i64, stated: Option<&str>) -> Option<String> {
    let day = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()? + Duration::days(days);
    let stated = stated.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    stated.is_none_or(|stated| day <= stated).then(|| day.to_string())
}

/// "Before the war, 38,000 people lived there", "At the height of the
/// outages": a past the text gives no day for.
pub(super) fn undated_past(lower: &[String]) -> bool {
    // "Before the war", "Even before the quake"
    let opening =
        usize::from(matches!(lower.first().map(String::as_str), Some("even" | "long" | "well" | "just")));
    let before = matches!(lower.get(opening).map(String::as_str), Some("before" | "prior"))
        && lower.get(opening + 1).is_some_and(|w| w == "the" || w == "to");
    let text = format!(" {} ", lower.join(" "));
    // "early in the outbreak", not "early in the week"
    let early = lower.windows(4).any(|w| {
        w[0] == "early"
            && w[1] == "in"
            && w[2] == "the"
            && !matches!(
                w[3].as_str(),
                "day" | "week" | "month" | "year" | "morning" | "afternoon" | "evening"
            )
    });
    let peak = [" at the height of ", " at its height ", " at its peak ", " at the peak of "];
    // "at the peak of the march": a day's event, of the day the text gave it ("~march" is
    // the word, not the month)
    let of_a_day = ["~march", "rally", "protest", "demonstration", "parade", "procession"].iter().any(|e| {
        [" of the ", " of sunday's ", " of saturday's "].iter().any(|of| text.contains(&format!("{of}{e}")))
    });
    before || early || peak.iter().any(|p| text.contains(p)) && !of_a_day || first_offer(lower)
}

/// "The union's first offer was 9%": the opening stage of a bargain, of a
/// time the text does not give.
pub(super) fn first_offer(lower: &[String]) -> bool {
    lower.windows(2).any(|w| {
        matches!(w[0].as_str(), "first" | "initial" | "opening" | "original")
            && matches!(w[1].as_str(), "offer" | "offers" | "bid" | "bids" | "proposal" | "proposals")
    })
}
