//! Relative figures: a percentage that changes an earlier figure ("lost
//! about 40% of that territory": a change of -40% of the 380 square miles)
//! or that is a share of something ("almost 10% of the force deployed"),
//! linked to its base when the text gives it, else the base in the note.

use super::sentences::clean;
use crate::units;

/// What a percentage is relative to.
#[derive(Debug, Clone, PartialEq)]
pub enum Base {
    /// A change of the candidate at this index.
    ChangeOf(usize),
    /// A share of the candidate at this index.
    ShareOf(usize),
    /// A change or share of something the text names but does not count.
    Described(String),
}

/// A relative figure: its value (signed when it is a change) and its base.
#[derive(Debug, Clone, PartialEq)]
pub struct Relative {
    pub value: String,
    pub base: Base,
    pub change: bool,
}

/// An earlier figure a percentage may refer to: its index and unit.
pub struct Earlier<'a> {
    pub index: usize,
    pub unit: Option<&'a str>,
    pub percent: bool,
}

const FALLS: &[&str] = &[
    "lost",
    "lose",
    "loses",
    "losing",
    "fell",
    "fallen",
    "fall",
    "falls",
    "dropped",
    "drop",
    "declined",
    "decreased",
    "shrank",
    "shrunk",
    "slid",
    "dipped",
    "eased",
    "contracted",
    "plummeted",
    "plunged",
    "plunge",
    "plunges",
    "sink",
    "sinks",
    "slumped",
    "slumps",
    "tumbles",
    "drops",
    "slides",
    "slipped",
    "sank",
    "tumbled",
    "cut",
    "reduced",
    "down",
    "plunged",
    "slumped",
    "lowered",
    "ceded",
    "gave",
];
const RISES: &[&str] = &[
    "rose",
    "risen",
    "rise",
    "rises",
    "grew",
    "grown",
    "expanded",
    "rebounded",
    "swelled",
    "increased",
    "gained",
    "gain",
    "jumped",
    "climbed",
    "up",
    "surged",
    "soared",
    "added",
];

/// Words that refer back to a figure already given.
const BACK: &[&str] = &["that", "this", "those", "these", "its", "their", "the same"];

/// Nouns of a change: "a contraction of 3.3%", "a rise of 2%".
const FALL_NOUNS: &[&str] = &["contraction", "decline", "drop", "fall", "decrease", "slump", "loss"];
const RISE_NOUNS: &[&str] = &["rise", "increase", "growth", "gain", "jump"];

/// The sign a verb or noun before the figure at `first` gives it: "fell 12%",
/// "fell by 12%", "fell at an annualised rate of 0.4%", "a contraction of 3.3%".
fn sign_before(words: &[&str], first: usize) -> Option<&'static str> {
    let lower = |k: usize| words.get(k).map(|w| clean(w).to_lowercase()).unwrap_or_default();
    let mut v = first;
    if v > 0 && matches!(lower(v - 1).as_str(), "by" | "of") {
        v -= 1;
    }
    // "at an annualised rate of": the verb before the rate
    if v >= 2 && lower(v - 1) == "rate" {
        let at = (v.saturating_sub(5)..v - 1).rev().find(|&k| lower(k) == "at");
        v = at.unwrap_or(v);
    }
    let word = if v > 0 { lower(v - 1) } else { String::new() };
    let of = v < first && lower(v) == "of";
    if FALLS.contains(&word.as_str()) && !of || of && FALL_NOUNS.contains(&word.as_str()) {
        Some("-")
    } else if RISES.contains(&word.as_str()) && !of || of && RISE_NOUNS.contains(&word.as_str()) {
        Some("+")
    } else {
        None
    }
}

/// "17 percentage points below the 57.5% of 2019": a share's change, signed by the word after.
fn points_after(words: &[&str], last: usize, points: bool) -> Option<&'static str> {
    let lower = |k: usize| words.get(k).map(|w| clean(w).to_lowercase()).unwrap_or_default();
    let after = if lower(last + 1) == "percentage" { lower(last + 3) } else { lower(last + 2) };
    match after.as_str() {
        "below" | "lower" | "down" | "less" | "under" if points => Some("-"),
        _ => None,
    }
}

/// Nouns of area, to find the base of "that territory".
const AREA_WORDS: &[&str] = &["territory", "land", "area", "ground", "region", "farmland"];

/// How far back a base is looked for, to stay linear.
const LOOK_BACK: usize = 20;

/// The relative reading of a percentage at words `first..=last`, given the figures before it.
/// `next` is the index the following figure of the sentence will have.
pub fn relative(
    words: &[&str],
    first: usize,
    last: usize,
    value: &str,
    earlier: &[Earlier],
    next: usize,
) -> Option<Relative> {
    let lower = |k: usize| words.get(k).map(|w| clean(w).to_lowercase()).unwrap_or_default();
    // "the Conservative share fell by 20 points": a change of a percentage, in points
    let points =
        lower(last + 1) == "points" || lower(last + 1) == "percentage" && lower(last + 2) == "points";
    if !value.ends_with('%') && !points {
        return None;
    }
    let sign = sign_before(words, first).or_else(|| points_after(words, last, points));
    let of = lower(last + 1) == "of" && !words[last].ends_with(',');
    if sign.is_none() && !of {
        return None;
    }
    let phrase: Vec<&str> = words[last + 1..].iter().skip(1).take(8).copied().collect();
    let described: Vec<&str> = phrase.iter().take_while(|w| !w.ends_with([',', '.', ';'])).copied().collect();
    let mut described: Vec<&str> = described.iter().map(|w| clean(w)).collect();
    if let Some(end) = phrase.iter().position(|w| w.ends_with([',', '.', ';'])) {
        if described.len() == end {
            described.push(clean(phrase[end]));
        }
    }
    let description = described.join(" ");
    let base = if of { base_of(&described, earlier, next) } else { None };
    // a rise is written as it is; a fall takes its sign
    let signed = match sign {
        Some("-") => with_sign(value, "-"),
        _ => value.to_string(),
    };
    let base = match (base, sign.is_some()) {
        (Some(i), true) => Base::ChangeOf(i),
        (Some(i), false) => Base::ShareOf(i),
        (None, _) if !description.is_empty() && of => Base::Described(description),
        (None, true) => Base::Described(String::new()),
        (None, false) => return None,
    };
    Some(Relative { value: signed, base, change: sign.is_some() })
}

/// The candidate "of that territory" or "of the 12,000 troops" refers to.
fn base_of(phrase: &[&str], earlier: &[Earlier], next: usize) -> Option<usize> {
    let first = phrase.first()?.to_lowercase();
    if phrase.iter().take(2).any(|w| w.starts_with(|c: char| c.is_ascii_digit())) {
        return Some(next);
    }
    let head = phrase.iter().take(4).map(|w| w.to_lowercase()).collect::<Vec<_>>();
    // a base named by its noun: "of the soldiers" after "1,000 soldiers"
    let same_noun = earlier
        .iter()
        .rev()
        .take(LOOK_BACK)
        .filter(|e| !e.percent)
        .find(|e| e.unit.is_some_and(|u| head.iter().any(|w| units::same_noun(w, &u.to_lowercase()))));
    if let Some(e) = same_noun {
        return Some(e.index);
    }
    if !BACK.contains(&first.as_str()) {
        return None;
    }
    let area = head.iter().any(|w| AREA_WORDS.contains(&w.as_str()));
    let area_unit = |e: &&Earlier| {
        e.unit.is_some_and(|u| units::parse(u).is_ok_and(|u| u.dimension == units::Dimension::Area))
    };
    if area {
        return earlier.iter().rev().take(LOOK_BACK).find(area_unit).map(|e| e.index);
    }
    earlier.iter().rev().take(LOOK_BACK).find(|e| !e.percent).map(|e| e.index)
}

/// "about 40%" as a fall: "about -40%"; as a rise: "about +40%".
fn with_sign(value: &str, sign: &str) -> String {
    match value.find(|c: char| c.is_ascii_digit()) {
        Some(at) => format!("{}{sign}{}", &value[..at], &value[at..]),
        None => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::sentences::words;

    #[test]
    fn changes_and_shares() {
        let earlier = [
            Earlier { index: 0, unit: Some("soldiers"), percent: false },
            Earlier { index: 1, unit: Some("square miles"), percent: false },
        ];
        let w = words("It has since lost about 40% of that territory, two officials said.");
        let r = relative(&w, 4, 5, "about 40%", &earlier, 3).unwrap();
        assert_eq!((r.value.as_str(), r.base), ("about -40%", Base::ChangeOf(1)));

        let w =
            words("That is almost 10% of the North Korean force deployed to the region, he told reporters.");
        let r = relative(&w, 2, 3, "almost 10%", &earlier, 3).unwrap();
        assert_eq!(r.value, "almost 10%");
        assert_eq!(r.base, Base::Described("the North Korean force deployed to the region".into()));

        let w = words("About 20% of the soldiers were wounded.");
        assert_eq!(relative(&w, 0, 1, "About 20%", &earlier, 3).unwrap().base, Base::ShareOf(0));

        let w = words("Exports fell by 12% in May.");
        let r = relative(&w, 3, 3, "12%", &earlier, 3).unwrap();
        assert_eq!((r.value.as_str(), r.change), ("-12%", true));
        // written for these rules from other stored reporting, in our own words
        let w = words("Turnout had fallen by about 20% from the week before.");
        let r = relative(&w, 4, 5, "about 20%", &earlier, 3).unwrap();
        assert_eq!((r.value.as_str(), r.change), ("about -20%", true));
        // (sentence, the figure's word, its value as read, signed)
        let signs: &[(&str, &str, &str)] = &[
            // a share's change in points: a fall is signed too
            ("The Conservative share fell by 20 points to 24%.", "20", "-20"),
            ("The result is 17 percentage points below the 57.5% of 2019.", "17", "-17"),
            // by the noun or the rate of the change
            ("Output fell at an annualised rate of 0.4% in the quarter.", "0.4%", "-0.4%"),
            ("It followed a contraction of 3.3% in the summer.", "3.3%", "-3.3%"),
            ("Intel shares sink 26% after the chipmaker unveils job cuts", "26%", "-26%"),
            ("Shares slid 4% in Tokyo.", "4%", "-4%"),
            ("Output rebounded 6% in May.", "6%", "6%"),
        ];
        for (sentence, figure, signed) in signs {
            let w = words(sentence);
            let at = w.iter().position(|x| x == figure).unwrap();
            assert_eq!(
                relative(&w, at, at, figure, &earlier, 3).map(|r| r.value).as_deref(),
                Some(*signed),
                "{sentence}"
            );
        }
        // a count of points is no change
        let w = words("The team scored 20 points.");
        assert_eq!(relative(&w, 3, 3, "20", &earlier, 3), None);
        let w = words("Prices rose 11.1% in a year.");
        let r = relative(&w, 2, 2, "11.1%", &earlier, 3).unwrap();
        assert_eq!((r.value.as_str(), r.change), ("11.1%", true));

        // a level, not a change
        let w = words("The unemployment rate jumped to 14.7%, the highest on record.");
        assert_eq!(relative(&w, 5, 5, "14.7%", &earlier, 3), None);
    }
}
