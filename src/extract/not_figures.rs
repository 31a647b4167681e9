//! What is not a reported figure though written in digits: a year, a day
//! of a month, a clock time, an age, an ordinal, a magnitude, a duration,
//! a rank or a name's number, a converted figure, a distance that places.

use super::figures::{is_digits, CURRENCY_BEFORE};
use super::number_words::{is_fraction, unit_value, word_value};
use super::sentences::clean;
use crate::when::MONTHS;

/// Words after a number that make it a span of time, not a figure.
pub const DURATIONS: &[&str] = &[
    "second",
    "seconds",
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "decade",
    "decades",
    "century",
    "centuries",
    "a.m",
    "p.m",
    "am",
    "pm",
    "o'clock",
    "gmt",
    "utc",
    "magnitude",
    "times",
];

/// Whether the number at word `i` to `last` is a year, a date, a time, an age, an ordinal, a magnitude or a duration.
pub fn not_a_figure(words: &[&str], i: usize, last: usize) -> bool {
    let w = clean(words[i]);
    let lower =
        |k: Option<usize>| k.and_then(|k| words.get(k)).map(|w| clean(w).to_lowercase()).unwrap_or_default();
    let before = lower(i.checked_sub(1));
    let after = lower(Some(last + 1));
    let raw_after = words.get(last + 1).copied().unwrap_or("");
    // an older year after a preposition: "built in 1453", "since 1789"
    let old_year = matches!(before.as_str(), "in" | "since" | "until" | "by" | "from" | "of" | "around")
        && w.parse::<u32>().is_ok_and(|y| (1000..1800).contains(&y))
        && !super::counted::is_plural(&after);
    let year = w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y)) || old_year;
    let month = |word: &str| word.len() >= 3 && MONTHS.iter().any(|m| m.starts_with(word));
    let day = w.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d)) && (month(&before) || month(&after));
    let clock = w.contains(':') || words[i].contains(':') && w.chars().all(|c| c.is_ascii_digit());
    let age = before == "aged"
        || after_age(words, i)
        || after.starts_with("year-old")
        || w.contains("-year")
        || after == "years-old";
    let ordinal = ["st", "nd", "rd", "th"]
        .iter()
        .any(|s| clean(words[i]).ends_with(s) && clean(words[i]).starts_with(|c: char| c.is_ascii_digit()));
    // "6.5-magnitude", "three-year"; not a number in words such as "Twenty-two"
    let compound_number = w.split_once('-').is_some_and(|(tens, ones)| {
        word_value(&tens.to_lowercase()).is_some() && unit_value(&ones.to_lowercase()).is_some()
    });
    let hyphenated = !compound_number
        && !is_fraction(&w.to_lowercase())
        && words[i].contains('-')
        && words[i].split(['-']).skip(1).any(|p| p.starts_with(char::is_alphabetic));
    let magnitude = before == "magnitude" || after == "magnitude" || hyphenated;
    // "for 14 consecutive months", "three more days"
    let spans =
        matches!(after.as_str(), "consecutive" | "straight" | "successive" | "more" | "full" | "long");
    let duration =
        DURATIONS.contains(&after.as_str()) || spans && DURATIONS.contains(&lower(Some(last + 2)).as_str());
    let identifier = matches!(
        before.as_str(),
        "no" | "number" | "article" | "articles" | "section" | "sections" | "clause" | "resolution" | "flight" | "route" | "page" | "covid" | "#"
            | "call" | "dial" | "hotline" | "version" | "model" | "channel" | "platform" | "gate" | "room" | "unit" | "block"
            // a rank on a scale, not a count: "a grade 3 emergency", "alert level 4"
            | "grade" | "level" | "category" | "phase" | "stage" | "tier"
            | "interstate" | "highway" | "district" | "boeing" | "pier" | "terminal" | "runway"
    ) || words[i].starts_with('#')
        // "on the 9600 block": an address
        || before == "the" && after == "block"
        // "articles 353 and 187": the second of the list
        || before == "and" && i >= 3 && matches!(lower(Some(i - 3)).as_str(), "articles" | "sections" | "clauses")
        // a rank, not a count: "one of the top 10 earners"; but "could top $1 billion" is a bound
        || before == "top" && matches!(before_top(words, i).as_str(), "the" | "a" | "its" | "their" | "his" | "her")
        || epi_week(words, i);
    // "Article 5", "Flight 17": a small number right after a capitalised noun mid-sentence
    let named = i > 1
        && !gapped(words, i, last)
        && words[i - 1].starts_with(char::is_uppercase)
        && !words[i - 1].ends_with([',', '.', ':', ';'])
        && !month(&before)
        && !CURRENCY_BEFORE.iter().any(|(c, _)| *c == before)
        && w.parse::<u32>().is_ok_and(|n| n < 1000)
        && (!raw_after.starts_with(char::is_lowercase) || words[last].ends_with([',', ';', ')']));
    // "said Rudy Olivo, 62, whose", "Its leader, 61, told": an age set off by commas after a person
    let age_after_name = i > 0
        && words[i - 1].ends_with(',')
        && !month(&before)
        && words[last].ends_with([',', '.'])
        && i == last
        && w.parse::<u32>().is_ok_and(|n| n < 120);
    year || day
        || conversion(words, i)
        || clock
        || age
        || ordinal
        || magnitude
        || duration
        || identifier
        || named
        || age_after_name
        || whereabouts(words, last)
        || written_as_a_code(words, i, last)
}

/// Whether the number at word `i` to `last` is part of a name, a code or a list rather
/// than a quantity: "Local 1700", "Ram 1500" (news writes a count of thousands with a
/// comma), a phone number "020 7946 0958", a list's "1." opening a sentence, a score
/// "won 3-1" or "a 2-2 draw".
fn written_as_a_code(words: &[&str], i: usize, last: usize) -> bool {
    let w = clean(words[i]);
    let plain = |k: usize| {
        words.get(k).is_some_and(|w| {
            let w = clean(w).trim_start_matches('+');
            !w.is_empty() && w.chars().all(|c| c.is_ascii_digit() || c == '-')
        })
    };
    let thousands_unmarked = w.len() >= 4 && w.chars().all(|c| c.is_ascii_digit());
    let model = thousands_unmarked && i > 1 && words[i - 1].starts_with(char::is_uppercase);
    // a comma ends a date before the figure: "By March 3, 45 people had died"
    let phone = plain(i)
        && (i > 0 && plain(i - 1) && !words[i - 1].ends_with(',')
            || plain(last + 1) && !words[last].ends_with(','))
        || w.starts_with('0') && w.len() > 3 && w.chars().all(|c| c.is_ascii_digit());
    let list =
        i == 0 && i == last && words[i].ends_with(['.', ')']) && w.parse::<u32>().is_ok_and(|n| n < 100);
    let score = w.split_once(['-', '–']).is_some_and(
        |(a, b)| matches!((a.parse::<u32>(), b.parse::<u32>()), (Ok(a), Ok(b)) if b <= a && a < 100),
    );
    model || phone || list || score
}

/// A count whose noun is left out in a list after a name: "took 52 seats and the DPP 51,",
/// "Peru reported 936 cases, Cuba 603 and Bolivia 356"; not a name with a number ("the
/// crash of Flight 17 killed", "Local 1700 said"): the name follows a comma or "and" of a
/// sentence with a figure before, and the number ends the list's item.
pub fn gapped(words: &[&str], i: usize, last: usize) -> bool {
    let initials = |w: &str| w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase());
    let ends_item = words[last].ends_with([',', '.', ';'])
        || words.get(last + 1).is_some_and(|w| matches!(clean(w), "and" | "while"));
    let party = i >= 2 && clean(words[i - 2]).eq_ignore_ascii_case("the") && initials(words[i - 1]);
    // the name's first word: up to three capitalised words back
    let capitalised = |k: usize| words[k].starts_with(char::is_uppercase) && !words[k].ends_with(',');
    let start = (i.saturating_sub(3)..i).rev().take_while(|&k| capitalised(k)).last();
    // "and the Liberal Democrats 72"
    let start =
        start.map(|k| if k > 1 && clean(words[k - 1]).eq_ignore_ascii_case("the") { k - 1 } else { k });
    let listed = start.filter(|&k| k > 0).is_some_and(|k| {
        let before = words[k - 1];
        let joins = before.ends_with(',') || matches!(clean(before), "and" | "of");
        let figure_before = words[..k - 1].iter().any(|w| w.starts_with(|c: char| c.is_ascii_digit()));
        joins && figure_before
    });
    ends_item && (party || listed)
}

/// The word before "top" in "the top 10".
fn before_top(words: &[&str], i: usize) -> String {
    i.checked_sub(2).map(|k| clean(words[k]).to_lowercase()).unwrap_or_default()
}

/// Whether the number at word `i` names a reporting week: "by week 19", not "Last week 45 died".
fn epi_week(words: &[&str], i: usize) -> bool {
    let lower = |k: usize| clean(words[k]).to_lowercase();
    i > 0
        && lower(i - 1) == "week"
        && !words[i - 1].ends_with(',')
        && !(i > 1
            && matches!(
                lower(i - 2).as_str(),
                "last" | "this" | "that" | "a" | "each" | "every" | "per" | "the" | "next"
            ))
}

/// Whether the number at word `i` follows the word "age" through only small words and
/// numbers: "age 67", "the retirement age from 62 to 64", "at the age of 70", "aged
/// between 18 and 60".
fn after_age(words: &[&str], i: usize) -> bool {
    // "under the age of 10 and 12 teenagers": a count of its own after the age
    if words.get(i + 1).is_some_and(|w| super::counted::is_plural(&clean(w).to_lowercase())) {
        return false;
    }
    // "teenagers younger than 16", "people older than 65"
    let lower = |k: usize| clean(words[k]).to_lowercase();
    if i >= 2 && lower(i - 1) == "than" && matches!(lower(i - 2).as_str(), "younger" | "older") {
        return true;
    }
    let back = words[i.saturating_sub(4)..i].iter().rev().map(|w| clean(w).to_lowercase());
    for word in back {
        if word == "age" || word == "aged" {
            return true;
        }
        let small = matches!(word.as_str(), "of" | "from" | "to" | "at" | "and" | "between");
        if !small && !is_digits(&word) {
            return false;
        }
    }
    false
}

/// Whether the number at word `i` opens a bracket right after a figure: "320 acres
/// (129.5 hectares)" is one figure, converted, not two. An amount in another
/// currency ("1.84 billion euros ($1.95 billion)") is a figure of its own, as no
/// rate is ever applied between currencies.
fn conversion(words: &[&str], i: usize) -> bool {
    let numbered =
        |k: usize| words.get(k).is_some_and(|w| is_digits(clean(w).trim_start_matches(['$', '€', '£'])));
    let money = words[i].trim_start_matches('(').starts_with(|c: char| "$€£¥₹".contains(c))
        || words[i].trim_start_matches('(').to_ascii_lowercase().starts_with("us$");
    words[i].starts_with('(') && !money && (i >= 2 && numbered(i - 2) || i >= 3 && numbered(i - 3))
}

/// Whether the number ending at word `last` places something ("600 miles south-east of the
/// capital") or is a speed ("500 miles per hour"): a distance, not a reported figure.
fn whereabouts(words: &[&str], last: usize) -> bool {
    let lower = |k: usize| words.get(k).map(|w| clean(w).to_lowercase()).unwrap_or_default();
    let distance = matches!(
        lower(last + 1).as_str(),
        "miles" | "mile" | "km" | "kilometres" | "kilometers" | "kilometre" | "kilometer"
    );
    // "150 miles (241.4 kilometers) southeast of": the direction follows the bracket
    let closing = (last + 2..last + 5).find(|&k| words.get(k).is_some_and(|w| w.ends_with(')')));
    let direction = match words.get(last + 2) {
        Some(w) if w.starts_with('(') => closing.map(|k| lower(k + 1)).unwrap_or_default(),
        _ => lower(last + 2),
    };
    let compass = ["north", "south", "east", "west", "inland", "offshore", "away", "off", "from"]
        .iter()
        .any(|d| direction.starts_with(d));
    let speed = lower(last + 2) == "per" && lower(last + 3) == "hour"
        || matches!(lower(last + 1).as_str(), "mph" | "km/h" | "kph");
    distance && compass || speed
}
