//! Numbers written in words: "nine", "twenty-five", "two dozen", "one
//! hundred and eleven", "half a million", and fractions that are shares
//! ("a fifth of", "two-thirds of").

use super::sentences::clean;

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

/// Words that multiply the number before them ("3 million", "10 crore").
pub const SCALES: &[&str] = &["thousand", "million", "billion", "trillion", "lakh", "crore"];

/// A number written in words: "nine", "twenty-five", "two dozen", "a fifth", "three million".
pub fn words_number(
    words: &[&str],
    i: usize,
) -> Option<(String, Option<&'static str>, Option<String>, usize)> {
    let lower = |k: usize| words.get(k).map(|w| clean(w).to_lowercase()).unwrap_or_default();
    let word = lower(i);
    if let Some(share) = one_in(words, i) {
        return Some(share);
    }
    if let Some((number, last)) = hundreds(words, i) {
        return Some(spelled(words, i, number, last));
    }
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
            // "a million" as "three million" is written: 1 million
            let text = if n >= 1_000_000 { format!("1 {}", lower(i + 1)) } else { group(n) };
            return Some((text, None, Some(format!("written \"{}\"", join(words, i, i + 1))), i + 1));
        }
    }
    if word == "half" && lower(i + 1) == "a" {
        if let Some(n) = scale_of(i + 2).filter(|n| *n >= 1_000) {
            return Some((group(n / 2), None, Some(format!("written \"{}\"", join(words, i, i + 2))), i + 2));
        }
    }
    // "one of the dead": a figure only as one of a group, which figures checks
    if word == "one" && lower(i + 1) == "of" && lower(i + 2) != "them" {
        return Some(("1".to_string(), None, Some(format!("written \"{}\"", clean(words[i]))), i));
    }
    let article = matches!(word.as_str(), "a" | "one");
    if article || word == "half" {
        let fraction = if word == "half" { "half".to_string() } else { lower(i + 1) };
        let last = if word == "half" { i } else { i + 1 };
        let percent = FRACTIONS.iter().find(|(w, _)| *w == fraction || format!("one-{w}") == word)?.1;
        // a fraction is a figure only as a part of something: "a fifth of", "half the homes"
        if lower(last + 1) != "of" && !(word == "half" && lower(last + 1) == "the") {
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
    let mut number = value(&word)?;
    let mut last = i;
    // "Twenty four": tens and ones written apart
    let ones =
        unit_value(&lower(i + 1)).filter(|_| number >= 20 && number % 10 == 0 && !words[i].ends_with(','));
    if let Some(ones) = ones {
        number += ones;
        last += 1;
    }
    if lower(last + 1) == "dozen" {
        number *= 12;
        last += 1;
    }
    Some(spelled(words, i, number, last))
}

/// "Three in four voters", "one in five": a share, as the percentage it is.
pub fn one_in(words: &[&str], i: usize) -> Option<(String, Option<&'static str>, Option<String>, usize)> {
    let lower = |k: usize| words.get(k).map(|w| clean(w).to_lowercase()).unwrap_or_default();
    let read = |w: &str| if w == "one" { Some(1) } else { value(w).or_else(|| w.parse::<u64>().ok()) };
    // not "3 in 10 days"
    let span = super::not_figures::DURATIONS.contains(&lower(i + 3).as_str());
    if lower(i + 1) != "in" || words[i].ends_with(',') || span {
        return None;
    }
    let (part, whole) = (read(&lower(i))?, read(&lower(i + 2))?);
    if part == 0 || whole <= part || whole > 100 {
        return None;
    }
    let percent = 100.0 * part as f64 / whole as f64;
    let text = match percent.fract() == 0.0 {
        true => format!("{percent}%"),
        false => format!("about {}%", percent.round()),
    };
    Some((text, None, Some(format!("written \"{}\"", join(words, i, i + 2))), i + 2))
}

/// Whether a word is a fraction in words: "two-thirds", "one-fifth".
pub fn is_fraction(word: &str) -> bool {
    FRACTIONS.iter().any(|(w, _)| *w == word || format!("one-{w}") == word)
}

/// "twenty", "thirty-one": the value of one number word.
fn value(word: &str) -> Option<u64> {
    match word.split_once('-') {
        Some((tens, ones)) => Some(word_value(tens)? + unit_value(ones)?),
        None => word_value(word),
    }
}

/// "three hundred", "one hundred and eleven", "a hundred and twenty": the number and its last word.
fn hundreds(words: &[&str], i: usize) -> Option<(u64, usize)> {
    let lower = |k: usize| words.get(k).map(|w| clean(w).to_lowercase()).unwrap_or_default();
    if lower(i + 1) != "hundred" {
        return None;
    }
    let word = lower(i);
    let count = if matches!(word.as_str(), "a" | "one") { 1 } else { value(&word)? };
    // "one hundred and eleven": the rest after "and", unless a comma ends the hundred
    let rest = (lower(i + 2) == "and" && !words[i + 1].ends_with(','))
        .then(|| value(&lower(i + 3)).or_else(|| unit_value(&lower(i + 3))))
        .flatten();
    match rest {
        Some(rest) => Some((count * 100 + rest, i + 3)),
        None => Some((count * 100, i + 1)),
    }
}

/// A number read from words `i..=last`, with a scale after it ("three million") and its note.
fn spelled(
    words: &[&str],
    i: usize,
    number: u64,
    mut last: usize,
) -> (String, Option<&'static str>, Option<String>, usize) {
    let lower = |k: usize| words.get(k).map(|w| clean(w).to_lowercase()).unwrap_or_default();
    let mut text = number.to_string();
    if SCALES.contains(&lower(last + 1).as_str()) {
        last += 1;
        text = format!("{text} {}", lower(last));
    }
    (text, None, Some(format!("written \"{}\"", join(words, i, last))), last)
}

/// A whole number with thousands commas: 500000 as "500,000".
pub fn group(n: u64) -> String {
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

pub fn word_value(word: &str) -> Option<u64> {
    NUMBER_WORDS.iter().find(|(w, _)| *w == word && *w != "dozen").map(|(_, v)| *v)
}

/// The ones of a number such as "thirty-one": "one" counts here, though never alone.
pub fn unit_value(word: &str) -> Option<u64> {
    if word == "one" {
        Some(1)
    } else {
        word_value(word).filter(|n| *n < 10)
    }
}

pub fn join(words: &[&str], first: usize, last: usize) -> String {
    words[first..=last].iter().map(|w| clean(w)).collect::<Vec<_>>().join(" ")
}
