//! What a figure counts: a known unit right after the number ("square
//! miles", "km²") or the counted noun ("soldiers", "apartment buildings"),
//! never the words after it ("voters cast", "people were").

use super::sentences::clean;
use crate::units::{self, Dimension};

/// Lower-case words that follow a number but are not what it counts.
const STOP: &[&str] = &[
    "of",
    "and",
    "or",
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "to",
    "from",
    "by",
    "for",
    "with",
    "into",
    "near",
    "over",
    "under",
    "across",
    "were",
    "was",
    "had",
    "have",
    "has",
    "are",
    "is",
    "be",
    "been",
    "more",
    "since",
    "this",
    "that",
    "per",
    "percent",
    "each",
    "who",
    "which",
    "killed",
    "wounded",
    "said",
    "says",
    "than",
    "as",
    "so",
    "far",
    "last",
    "this",
    "were",
    "will",
    "would",
    "could",
    "may",
    "might",
    "did",
    "do",
    "not",
    "out",
    "up",
    "down",
    "among",
    "during",
    "after",
    "before",
    "while",
    "when",
    "against",
    "but",
    "people's",
    "them",
    "they",
    "it",
    "its",
    "their",
    "there",
    "here",
    "yet",
    "also",
    "still",
    "then",
    "now",
    "alone",
    "others",
    "apiece",
    "each",
    "respectively",
];

/// Measures written as they are, though the ledger cannot convert them: "8 million tonnes".
const WRITTEN_MEASURES: &[&str] = &[
    "tonnes",
    "tons",
    "metric tons",
    "kilograms",
    "kg",
    "litres",
    "liters",
    "gallons",
    "barrels",
    "cubic metres",
    "cubic meters",
    "feet",
    "metres",
    "meters",
    "megawatts",
    "gigawatts",
    "degrees celsius",
    "pounds",
    "degrees fahrenheit",
];

/// Plurals without an "s".
const IRREGULAR: &[&str] = &[
    "people",
    "police",
    "children",
    "men",
    "women",
    "personnel",
    "staff",
    "livestock",
    "cattle",
    "sheep",
    "fish",
    "deer",
    "aircraft",
    "militia",
    "infantry",
    "clergy",
    "youth",
    "media",
];

/// Participles that name people counted: "10,000 injured".
const PARTICIPLES: &[&str] = &[
    "injured",
    "wounded",
    "displaced",
    "detained",
    "arrested",
    "evacuated",
    "infected",
    "vaccinated",
    "unemployed",
    "killed",
    "dead",
    "missing",
];

/// Adjectives that qualify a count rather than name what is counted ("1,000 more soldiers").
const MODIFIERS: &[&str] = &["more", "other", "additional", "further", "extra"];

/// The unit of the figure whose last word is `last`: a known measure or the counted noun.
pub fn unit_after(words: &[&str], last: usize) -> Option<String> {
    let lower = |k: usize| words.get(k).map(|w| clean(w).to_lowercase()).unwrap_or_default();
    // "By Saturday, when the count stood at 89, searchers had": nothing the number counts
    if super::sentences::ends_phrase(words[last]) {
        return None;
    }
    // "14,122 of those cases": the noun the figure is a part of; "29 of the bodies" and "1,300
    // of them children" name a group, not what is counted
    if lower(last + 1) == "of" && lower(last + 2) == "the" {
        return None;
    }
    if lower(last + 1) == "of" && matches!(lower(last + 2).as_str(), "those" | "these") {
        return noun_after(words, last + 2).filter(|n| is_plural(n.split(' ').next_back().unwrap_or("")));
    }
    // a measure: "square miles", "km²", "hectares", "tonnes"
    for take in [2usize, 1] {
        if last + take >= words.len() {
            continue;
        }
        let written = (1..=take).map(|k| lower(last + k)).collect::<Vec<_>>().join(" ");
        if (1..take).any(|k| super::sentences::ends_phrase(words[last + k])) {
            continue;
        }
        if units::parse(&written).is_ok_and(|u| u.dimension != Dimension::Count)
            || WRITTEN_MEASURES.contains(&written.as_str())
        {
            return Some(written);
        }
    }
    noun_after(words, last)
}

/// The counted noun: after proper adjectives ("North Korean") and count
/// modifiers ("more"), lower-case words up to and including the first plural.
fn noun_after(words: &[&str], last: usize) -> Option<String> {
    let following: Vec<&str> = words[last + 1..].iter().take(6).copied().collect();
    let mut k = 0;
    // proper adjectives: "North Korean soldiers", but not "Kursk in August"
    while k < following.len()
        && following[k].starts_with(char::is_uppercase)
        && !super::sentences::ends_phrase(following[k])
        && k < 3
    {
        k += 1;
    }
    // "145 Egyptians", "697,000 Brazilians living abroad": a people named is what is counted
    if k > 0 && demonym(clean(following[k - 1])) {
        return Some(following[..k].iter().map(|w| clean(w)).collect::<Vec<_>>().join(" "));
    }
    let proper = k;
    while k < following.len()
        && MODIFIERS.contains(&clean(following[k]).to_lowercase().as_str())
        && k < proper + 1
    {
        k += 1;
    }
    let mut noun: Vec<&str> = Vec::new();
    for word in &following[k..] {
        let bare = clean(word);
        // "200 ethnic Armenians": a people named after an adjective
        if !noun.is_empty() && demonym(bare) {
            noun.push(bare);
            break;
        }
        let is_word =
            bare.chars().all(|c| c.is_alphabetic() || c == '-') && bare.starts_with(char::is_lowercase);
        if !is_word || STOP.contains(&bare) || noun.len() == 4 {
            break;
        }
        // "1.4 million needed food": a verb, not what is counted; "42 confirmed cases" is counted
        let next_plural = following.get(k + noun.len() + 1).is_some_and(|n| is_plural(clean(n)));
        if bare.ends_with("ed") && !PARTICIPLES.contains(&bare) && !next_plural {
            break;
        }
        noun.push(bare);
        let compound = compound_after(&following[k + noun.len()..]);
        if is_plural(bare) && compound == 0 || super::sentences::ends_phrase(word) {
            break;
        }
    }
    // without a plural, only one thing is counted ("1 person"), not "100 hurt" or "156 million
    // eligible"; "27 dead", "105 missing" name the group counted
    let group = matches!(noun.as_slice(), ["dead"] | ["missing"]);
    if !group && !noun.last().is_some_and(|w| is_plural(w)) {
        let one = matches!(clean(words[last]).to_lowercase().as_str(), "1" | "one" | "a" | "an" | "single");
        noun.truncate(usize::from(one));
    }
    if proper > 0 && noun.is_empty() {
        return None;
    }
    let noun = noun.join(" ");
    let counted = !noun.is_empty() && units::parse(&noun).is_ok_and(|u| u.dimension == Dimension::Count);
    counted.then_some(noun)
}

/// How many words after a plural go on naming what is counted: "police officers", "parts
/// distribution centres", else 0; not a verb and its object ("people need homes").
fn compound_after(rest: &[&str]) -> usize {
    let noun = |w: &str| {
        let bare = clean(w);
        bare.chars().all(char::is_alphabetic)
            && bare.starts_with(char::is_lowercase)
            && !STOP.contains(&bare)
            && !bare.ends_with("ed")
            && !bare.ends_with("ing")
            && !bare.ends_with("ly")
    };
    let open = |k: usize| {
        rest.get(k).is_some_and(|w| noun(w)) && !rest[..k].iter().any(|w| super::sentences::ends_phrase(w))
    };
    if open(0) && is_plural(clean(rest[0])) {
        1
    } else if open(0) && open(1) && is_plural(clean(rest[1])) && abstract_noun(clean(rest[0])) {
        2
    } else {
        0
    }
}

/// A noun by its ending, never a verb: "distribution", "management", "maintenance".
fn abstract_noun(word: &str) -> bool {
    ["tion", "sion", "ment", "ance", "ence", "ity", "ery"].iter().any(|e| word.ends_with(e))
}

/// Whether a word after a number names people by what happened to them: "nine dead".
pub fn counts_people(word: &str) -> bool {
    PARTICIPLES.contains(&word)
}

/// A capitalised plural naming a people: "Egyptians", "Syrians", "Sudanese".
fn demonym(word: &str) -> bool {
    word.starts_with(char::is_uppercase)
        && word.len() > 4
        && (word.ends_with("ans") || word.ends_with("ese") || word.ends_with("ites") || word.ends_with("is"))
}

/// Whether a noun reads as a plural: "soldiers", "people", "cases".
pub fn is_plural(word: &str) -> bool {
    IRREGULAR.contains(&word)
        || (word.ends_with('s')
            && !word.ends_with("ss")
            && !word.ends_with("us")
            && !word.ends_with("is")
            && word.len() > 3)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::sentences::words;

    #[test]
    fn the_counted_noun_and_not_the_words_after_it() {
        let table: &[(&str, &str)] = &[
            ("1,000 North Korean soldiers were killed", "soldiers"),
            ("2,000 people joined the march", "people"),
            ("40 apartment buildings.", "apartment buildings"),
            ("380 square miles of Kursk", "square miles"),
            ("12 km² of land", "km²"),
            ("28,600 cases in Guinea", "cases"),
            ("1 person died", "person"),
            ("1,000 more soldiers", "soldiers"),
            ("73 were shot down", ""),
            ("11,300 people, the agency said", "people"),
            ("300 in Libya", ""),
            ("12,000 troops to Russia", "troops"),
            ("14,122 of those cases, while", "cases"),
            ("1.4 needed food aid", ""),
            ("10,000 injured", ""),
            ("650 injured passengers", "injured passengers"),
            ("105 missing and 115,844 people", "missing"),
            ("27 dead and four missing", "dead"),
            ("312 of them were women", ""),
            ("29 of the bodies were named", ""),
            ("145 Egyptians were among the dead", "Egyptians"),
            ("697,000 Brazilians living abroad", "Brazilians"),
            ("42 confirmed cases in the week", "confirmed cases"),
            ("100 hurt, in Kyiv", ""),
            ("156 eligible to vote", ""),
        ];
        for (phrase, unit) in table {
            let w = words(phrase);
            assert_eq!(unit_after(&w, 0).as_deref().unwrap_or(""), *unit, "{phrase}");
        }
        let w = words("642 million voters cast their ballots");
        assert_eq!(unit_after(&w, 1).as_deref(), Some("voters"));
        let w = words("20.5 million jobs");
        assert_eq!(unit_after(&w, 1).as_deref(), Some("jobs"));
    }
}
