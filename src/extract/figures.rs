//! The figures of a sentence: a number in digits or words ("1,000",
//! "nine", "two dozen", "a fifth"), currency ("$71.4 million"), the
//! qualifier before it ("more than", "about") and a hedge ("could exceed",
//! "may have") kept in the note. A year, a day of a month, a clock time, an
//! age, an ordinal, a magnitude or a duration is not a figure.

use super::counted;
use super::sentences::clean;
use crate::figure;
use crate::when::MONTHS;

/// A figure as found in the words of a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// Qualifier and number as written, in a form `claims import` reads.
    pub value: String,
    pub unit: Option<String>,
    /// A hedge or how the number was written in words.
    pub note: Option<String>,
    /// The words of the figure, qualifier included.
    pub first: usize,
    pub last: usize,
}

const NUMBER_WORDS: &[(&str, u64)] = &[
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("dozen", 12),
];

/// Fractions written in words, as the percentage they are.
const FRACTIONS: &[(&str, &str)] = &[
    ("half", "50%"),
    ("third", "about 33%"),
    ("quarter", "25%"),
    ("fifth", "20%"),
    ("tenth", "10%"),
    ("two-thirds", "about 67%"),
    ("three-quarters", "75%"),
];

const SCALES: &[&str] = &["thousand", "million", "billion", "trillion"];

/// Currency symbols and words, and the code kept as the unit.
const CURRENCIES: &[(&str, &str)] =
    &[("us$", "USD"), ("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("¥", "JPY"), ("₹", "INR")];
const CURRENCY_WORDS: &[(&str, &str)] = &[
    ("dollars", "USD"),
    ("euros", "EUR"),
    ("pounds", "GBP"),
    ("yen", "JPY"),
    ("rupees", "INR"),
    ("hryvnias", "UAH"),
    ("roubles", "RUB"),
    ("rubles", "RUB"),
];

/// Words that make a figure uncertain, and the qualifier they imply when
/// the verb after them sets a bound ("could exceed 20,000": more than).
const HEDGES: &[&str] = &["could", "may", "might", "feared", "possibly", "likely", "probably", "expected"];
const BOUND_VERBS: &[(&str, &str)] = &[
    ("exceed", "more than"),
    ("top", "more than"),
    ("surpass", "more than"),
    ("pass", "more than"),
    ("reach", "up to"),
    ("hit", "up to"),
    ("rise to", "up to"),
    ("climb to", "up to"),
];

/// Nouns that "over" follows as a preposition, not a qualifier ("control over 93 settlements").
const OVER_NOUNS: &[&str] = &[
    "control",
    "power",
    "authority",
    "sovereignty",
    "dispute",
    "talks",
    "fight",
    "victory",
    "lead",
    "influence",
];

/// Words after a number that make it a span of time, not a figure.
const DURATIONS: &[&str] = &[
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

/// The figures of a sentence's words, skipping the word spans `skip`, in
/// order (claimants: "two officials").
pub fn find(words: &[&str], skip: &[(usize, usize)]) -> Vec<Found> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let span = skip.partition_point(|(_, last)| *last < i);
        let skipped = skip.get(span).is_some_and(|(first, _)| *first <= i);
        match (!skipped).then(|| figure_at(words, i)).flatten() {
            Some(f) => {
                i = f.last + 1;
                found.push(f);
            }
            None => i += 1,
        }
    }
    found
}

/// A number starting at word `i`: its amount as written and the index of its last word.
fn amount_at(words: &[&str], i: usize) -> Option<(String, Option<&'static str>, Option<String>, usize)> {
    let lower = |k: usize| words.get(k).map(|w| clean(w).to_lowercase()).unwrap_or_default();
    let word = clean(words[i]);
    let symbol = |s: &str| word.get(..s.len()).is_some_and(|p| p.eq_ignore_ascii_case(s));
    let (currency, digits) = match CURRENCIES.iter().find(|(s, _)| symbol(s)) {
        Some((symbol, code)) => (Some(*code), &word[symbol.len()..]),
        None => (None, word),
    };
    // "$2bn", "£1.5m": a multiplier written onto the number (an "m" only after a currency: 1.5m is also metres)
    let (digits, scale) = match digits {
        d if d.ends_with("bn") => (&d[..d.len() - 2], Some("billion")),
        d if d.ends_with("tn") => (&d[..d.len() - 2], Some("trillion")),
        d if currency.is_some() && d.ends_with("mn") => (&d[..d.len() - 2], Some("million")),
        d if currency.is_some() && d.ends_with('m') => (&d[..d.len() - 1], Some("million")),
        d => (d, None),
    };
    if is_digits(digits) {
        let mut last = i;
        let mut text = match scale {
            Some(scale) => format!("{digits} {scale}"),
            None => digits.to_string(),
        };
        if SCALES.contains(&lower(i + 1).as_str()) {
            last += 1;
            text = format!("{text} {}", lower(last));
        }
        // a range: "3,000 to 5,000", "15 and 20" after "between"
        if matches!(lower(last + 1).as_str(), "to" | "and")
            && words.get(last + 2).is_some_and(|w| is_digits(clean(w)))
        {
            text = format!("{text} {} {}", lower(last + 1), clean(words[last + 2]));
            last += 2;
            if SCALES.contains(&lower(last + 1).as_str()) {
                last += 1;
                text = format!("{text} {}", lower(last));
            }
        }
        return Some((text, currency, None, last));
    }
    words_number(words, i)
}

/// A number written in words: "nine", "twenty-five", "two dozen", "a fifth", "three million".
fn words_number(words: &[&str], i: usize) -> Option<(String, Option<&'static str>, Option<String>, usize)> {
    let lower = |k: usize| words.get(k).map(|w| clean(w).to_lowercase()).unwrap_or_default();
    let word = lower(i);
    // "a million", "half a million", "a dozen"
    let scale_of = |k: usize| match lower(k).as_str() {
        "dozen" => Some(12u64),
        "hundred" => Some(100),
        "thousand" => Some(1_000),
        "million" => Some(1_000_000),
        "billion" => Some(1_000_000_000),
        _ => None,
    };
    if word == "a" {
        if let Some(n) = scale_of(i + 1) {
            return Some((group(n), None, Some(format!("written \"{}\"", join(words, i, i + 1))), i + 1));
        }
    }
    if word == "half" && lower(i + 1) == "a" {
        if let Some(n) = scale_of(i + 2).filter(|n| *n >= 1_000) {
            return Some((group(n / 2), None, Some(format!("written \"{}\"", join(words, i, i + 2))), i + 2));
        }
    }
    let article = matches!(word.as_str(), "a" | "one");
    if article || word == "half" {
        let fraction = if word == "half" { "half".to_string() } else { lower(i + 1) };
        let last = if word == "half" { i } else { i + 1 };
        let percent = FRACTIONS.iter().find(|(w, _)| *w == fraction || format!("one-{w}") == word)?.1;
        // a fraction is a figure only as a part of something: "a fifth of"
        if lower(last + 1) != "of" {
            return None;
        }
        return Some((
            percent.to_string(),
            None,
            Some(format!("written \"{}\"", join(words, i, last))),
            last,
        ));
    }
    if let Some((_, percent)) =
        FRACTIONS.iter().find(|(w, _)| format!("one-{w}") == word || *w == word && word.contains('-'))
    {
        return (lower(i + 1) == "of")
            .then(|| (percent.to_string(), None, Some(format!("written \"{}\"", clean(words[i]))), i));
    }
    let value = |w: &str| -> Option<u64> {
        match w.split_once('-') {
            Some((tens, ones)) => Some(word_value(tens)? + unit_value(ones)?),
            None => word_value(w),
        }
    };
    let mut number = value(&word)?;
    let mut last = i;
    if lower(i + 1) == "dozen" {
        number *= 12;
        last += 1;
    } else if lower(i + 1) == "hundred" {
        number *= 100;
        last += 1;
    }
    let mut text = number.to_string();
    if SCALES.contains(&lower(last + 1).as_str()) {
        last += 1;
        text = format!("{text} {}", lower(last));
    }
    Some((text, None, Some(format!("written \"{}\"", join(words, i, last))), last))
}

/// A whole number with thousands commas: 500000 as "500,000".
fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn word_value(word: &str) -> Option<u64> {
    NUMBER_WORDS.iter().find(|(w, _)| *w == word && *w != "dozen").map(|(_, v)| *v)
}

/// The ones of a number such as "thirty-one": "one" counts here, though never alone.
fn unit_value(word: &str) -> Option<u64> {
    if word == "one" {
        Some(1)
    } else {
        word_value(word).filter(|n| *n < 10)
    }
}

fn join(words: &[&str], first: usize, last: usize) -> String {
    words[first..=last].iter().map(|w| clean(w)).collect::<Vec<_>>().join(" ")
}

/// Digits with thousands commas, a decimal dot, a range dash or a percent sign: "1,121.6", "3,000-5,000", "40%".
fn is_digits(word: &str) -> bool {
    let w = word.trim_start_matches(['~', '≈', '+', '-', '−']).trim_end_matches(['%', '+']);
    let dashes = w.matches(['-', '–']).count();
    w.starts_with(|c: char| c.is_ascii_digit())
        && w.chars().all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '–' | '-' | 'k'))
        && dashes <= 1
        && !w.ends_with(['-', '–'])
}

/// Whether the number at word `i` to `last` is a year, a date, a time, an age, an ordinal, a magnitude or a duration.
fn not_a_figure(words: &[&str], i: usize, last: usize) -> bool {
    let w = clean(words[i]);
    let lower =
        |k: Option<usize>| k.and_then(|k| words.get(k)).map(|w| clean(w).to_lowercase()).unwrap_or_default();
    let before = lower(i.checked_sub(1));
    let after = lower(Some(last + 1));
    let raw_after = words.get(last + 1).copied().unwrap_or("");
    let year = w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y));
    let month = |word: &str| word.len() >= 3 && MONTHS.iter().any(|m| m.starts_with(word));
    let day = w.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d)) && (month(&before) || month(&after));
    let clock = w.contains(':') || words[i].contains(':') && w.chars().all(|c| c.is_ascii_digit());
    let age = before == "aged"
        || before == "age"
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
        && words[i].contains('-')
        && words[i].split(['-']).skip(1).any(|p| p.starts_with(char::is_alphabetic));
    let magnitude = before == "magnitude" || after == "magnitude" || hyphenated;
    let duration = DURATIONS.contains(&after.as_str());
    let identifier = matches!(
        before.as_str(),
        "no" | "number" | "article" | "resolution" | "flight" | "route" | "page" | "covid" | "#"
            // a rank on a scale, not a count: "a grade 3 emergency", "alert level 4"
            | "grade" | "level" | "category" | "phase" | "stage" | "tier"
            | "interstate" | "highway" | "district" | "boeing"
            // a rank, not a count: "one of the top 10 earners"
            | "top"
    ) || words[i].starts_with('#');
    // "Article 5", "Flight 17": a small number right after a capitalised noun mid-sentence
    let named = i > 1
        && words[i - 1].starts_with(char::is_uppercase)
        && !words[i - 1].ends_with([',', '.', ':', ';'])
        && !month(&before)
        && w.parse::<u32>().is_ok_and(|n| n < 1000)
        && (!raw_after.starts_with(char::is_lowercase) || words[last].ends_with([',', ';', ')']));
    // "said Rudy Olivo, 62, whose": an age set off by commas after a name
    let age_after_name = i > 0
        && words[i - 1].ends_with(',')
        && words[i - 1].starts_with(char::is_uppercase)
        && !month(&before)
        && words[last].ends_with(',')
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
}

/// Whether the number at word `i` opens a bracket right after a figure: "320 acres
/// (129.5 hectares)" is one figure, converted, not two.
fn conversion(words: &[&str], i: usize) -> bool {
    let numbered =
        |k: usize| words.get(k).is_some_and(|w| is_digits(clean(w).trim_start_matches(['$', '€', '£'])));
    words[i].starts_with('(') && (i >= 2 && numbered(i - 2) || i >= 3 && numbered(i - 3))
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
    let compass = ["north", "south", "east", "west"].iter().any(|d| direction.starts_with(d));
    let speed = lower(last + 2) == "per" && lower(last + 3) == "hour"
        || matches!(lower(last + 1).as_str(), "mph" | "km/h" | "kph");
    distance && compass || speed
}

/// The figure whose number starts at word `i`, with its qualifier, hedge and unit.
fn figure_at(words: &[&str], i: usize) -> Option<Found> {
    let (mut value, currency, mut note, last) = amount_at(words, i)?;
    if not_a_figure(words, i, last) {
        return None;
    }
    let lower = |k: usize| words.get(k).map(|w| clean(w).to_lowercase()).unwrap_or_default();
    // a number word is a figure only when it counts something or is a share
    let spelled = note.is_some();
    // "across eleven provinces" says where, not how many were hit
    const SCOPE: &[&str] = &[
        "across", "in", "into", "from", "among", "between", "of", "for", "at", "by", "with", "within", "the",
        "these", "those", "both", "its", "their",
    ];
    if spelled && !value.ends_with('%') && i > 0 && SCOPE.contains(&lower(i - 1).as_str()) {
        return None;
    }
    let (qualifier, mut first) = qualifier_before(words, i);
    if let Some(q) = &qualifier {
        value = format!("{q} {value}");
    }
    if first > 0 && lower(first - 1) == "between" && value.contains(" and ") {
        first -= 1;
        value = format!("between {value}");
    }
    if let Some((hedge, bound)) = hedge_before(words, first) {
        note = Some(match note {
            Some(n) => format!("hedged: \"{hedge}\"; {n}"),
            None => format!("hedged: \"{hedge}\""),
        });
        if let (Some(bound), None) = (bound, &qualifier) {
            value = format!("{bound} {value}");
        }
    }
    if lower(last + 1) == "percent" || lower(last + 1) == "per" && lower(last + 2) == "cent" {
        let words_used = if lower(last + 1) == "per" { 2 } else { 1 };
        return Some(Found { value: format!("{value}%"), unit: None, note, first, last: last + words_used });
    }
    if value.ends_with('%') {
        return Some(Found { value, unit: None, note, first, last });
    }
    if let Some(code) =
        currency.or_else(|| CURRENCY_WORDS.iter().find(|(w, _)| *w == lower(last + 1)).map(|(_, c)| *c))
    {
        let written = if currency.is_some() {
            clean(words[i]).to_string()
        } else {
            format!("{} {}", value, lower(last + 1))
        };
        let note = Some(format!(
            "written \"{written}{}\"",
            if currency.is_some() && last > i {
                format!(" {}", join(words, i + 1, last))
            } else {
                String::new()
            }
        ));
        let last = if currency.is_some() { last } else { last + 1 };
        return Some(Found { value, unit: Some(code.to_string()), note, first, last });
    }
    let unit = counted::unit_after(words, last);
    if spelled && unit.is_none() && !value.contains('%') {
        return None;
    }
    let _ = figure::parse(&value).ok()?;
    Some(Found { value, unit, note, first, last })
}

/// The qualifier words right before a number ("more than", "about") and where they start.
fn qualifier_before(words: &[&str], i: usize) -> (Option<String>, usize) {
    let mut best = (None, i);
    for back in 1..=3 {
        let Some(j) = i.checked_sub(back) else { break };
        let phrase = words[j..i].iter().map(|w| clean(w).to_lowercase()).collect::<Vec<_>>().join(" ");
        // a qualifier is words, never another figure: "some 320 acres (129.5 hectares)"
        let numbered = words[j].contains(|c: char| c.is_ascii_digit());
        if numbered || words[j..i - 1].iter().any(|w| w.ends_with([',', '.', ';'])) {
            break;
        }
        let parsed = figure::parse(&format!("{phrase} 1"));
        if parsed.is_ok_and(|f| f.qualifier != figure::Qualifier::Exact) {
            let noun_before = j
                .checked_sub(1)
                .is_some_and(|k| OVER_NOUNS.contains(&clean(words[k]).to_lowercase().as_str()));
            if !(phrase == "over" && noun_before) {
                best = (Some(words[j..i].iter().map(|w| clean(w)).collect::<Vec<_>>().join(" ")), j);
            }
        }
    }
    best
}

/// A hedge in the few words before a figure, and the bound its verb implies.
fn hedge_before(words: &[&str], first: usize) -> Option<(String, Option<&'static str>)> {
    let from = first.saturating_sub(4);
    let window: Vec<String> = words[from..first].iter().map(|w| clean(w).to_lowercase()).collect();
    let at = window.iter().rposition(|w| HEDGES.contains(&w.as_str()))?;
    if words[from + at..first].iter().any(|w| w.ends_with([',', '.', ';'])) {
        return None;
    }
    let rest = window[at + 1..].join(" ");
    let bound = BOUND_VERBS
        .iter()
        .find(|(v, _)| rest.starts_with(v) || rest.split(' ').any(|w| w.starts_with(v) && v.len() > 3))
        .map(|(_, b)| *b);
    Some((join(words, from + at, first - 1), bound))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::sentences::words;

    fn first(sentence: &str) -> Option<(String, Option<String>, Option<String>)> {
        find(&words(sentence), &[]).into_iter().next().map(|f| (f.value, f.unit, f.note))
    }

    #[test]
    fn figures_as_written() {
        let table: &[(&str, &str, &str)] = &[
            ("More than 1,000 North Korean soldiers were killed", "More than 1,000", "soldiers"),
            ("Ukraine seized about 380 square miles of Kursk", "about 380", "square miles"),
            ("between 15 and 20 people were wounded", "between 15 and 20", "people"),
            ("damaged some 40 apartment buildings.", "some 40", "apartment buildings"),
            ("U.S. employers shed 20.5 million jobs in April", "20.5 million", "jobs"),
            ("The death toll has passed 41,000, the agency said", "passed 41,000", ""),
            ("Power was cut to nearly 30% of homes", "nearly 30%", ""),
            ("unemployment rose 3.5 percent in May", "3.5%", ""),
            ("The storm killed nine people in the town", "9", "people"),
            ("Rebels seized two dozen villages", "24", "villages"),
            ("a fifth of the homes were destroyed", "20%", ""),
            ("The fund paid $71.4 million in aid", "71.4 million", "USD"),
            ("the toll could exceed 20,000 people, officials said", "more than 20,000", "people"),
            ("Russia took control over 93 settlements", "93", "settlements"),
            ("Around a million people fled", "Around 1,000,000", "people"),
            ("half a million people marched", "500,000", "people"),
            ("The state lent £1.5m to farmers", "1.5 million", "GBP"),
            ("The EU pledged €2bn in aid", "2 billion", "EUR"),
            ("A record 642 million voters cast their ballots", "642 million", "voters"),
            ("Twenty-two civilians died in the strike", "22", "civilians"),
            ("the blast killed thirty-one miners", "31", "miners"),
            ("troops advanced 12 kilometres into the region", "12", "kilometres"),
            ("In Kharkiv, 45 people were hurt", "45", "people"),
            ("In Izium, 12 homes burned", "12", "homes"),
        ];
        for (sentence, value, unit) in table {
            let got = first(sentence).unwrap_or_else(|| panic!("no figure in {sentence:?}"));
            assert_eq!((got.0.as_str(), got.1.as_deref().unwrap_or("")), (*value, *unit), "{sentence}");
        }
    }

    #[test]
    fn a_converted_figure_is_one_figure() {
        for (sentence, value, unit) in [
            ("The fire charred some 320 acres (129.5 hectares) of scrub", "some 320", "acres"),
            ("The blaze left 1,600 acres (647 hectares) burned", "1,600", "acres"),
        ] {
            let found = find(&words(sentence), &[]);
            let got: Vec<_> =
                found.iter().map(|f| (f.value.as_str(), f.unit.as_deref().unwrap_or(""))).collect();
            assert_eq!(got, [(value, unit)], "{sentence}");
        }
    }

    #[test]
    fn hedges_go_to_the_note() {
        let (value, _, note) = first("The flood may have killed 300 people").unwrap();
        assert_eq!(value, "300");
        assert_eq!(note.as_deref(), Some("hedged: \"may have killed\""));
        let (_, _, note) = first("the toll could exceed 20,000 people").unwrap();
        assert_eq!(note.as_deref(), Some("hedged: \"could exceed\""));
    }

    #[test]
    fn not_figures() {
        for sentence in [
            "In 2023 the war went on.",
            "It struck on December 3 at dawn.",
            "Sirens sounded at 10:30 in the city.",
            "A 45-year-old commander was hurt.",
            "A man aged 67 died.",
            "The 6.5-magnitude quake struck.",
            "A quake of magnitude 7.8 struck.",
            "The three-year war goes on.",
            "Crews worked 24 hours a day.",
            "In the six months after it hit.",
            "The 3rd brigade moved.",
            "Under Article 5 allies respond.",
            "The 2022 agreement on grain.",
            "Rescuers searched across eleven provinces.",
            "The camp lies about 40 miles north of the border.",
            "The town sits 15 km south-west of Kherson.",
            "Winds reached 150 miles per hour.",
            "Gusts of 120 mph hit the coast.",
            "The outbreak was declared a grade 3 emergency.",
            "The city moved to alert level 4 on Monday.",
            "The storm was upgraded to category 5.",
            "Water closed Interstate 35, the main highway.",
            "Soldiers of Brigade 47, which held the town, withdrew.",
            "The town lies 150 miles (241 kilometers) southeast of the city.",
            "A Boeing 737 crashed near the airport.",
            "She was one of the top 10 earners.",
            "Voters in District 9 went to the polls.",
            "Crews shut Interstate 29 north of the line.",
            "\"It came fast,\" said Ana Ruiz, 58, a teacher.",
        ] {
            assert_eq!(first(sentence), None, "{sentence}");
        }
    }
}
