//! Candidate claims found in the plain text of an article: each figure with
//! its qualifier and unit as written, its sentence as the quote, and the
//! claimant and date when the sentence says them. Nothing is invented:
//! what cannot be told is left empty, for the researcher to fill in.
//!
//! Time and output are linear in the text: a sentence is read once whatever
//! the number of figures in it, and a figure in an overlong "sentence" (a
//! text without sentence breaks) is quoted with the words around it.

use crate::figure;
use crate::units::{self, Dimension};
use chrono::{Datelike, Duration, NaiveDate};

/// One figure found in a sentence.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct Candidate {
    pub metric: Option<String>,
    pub value: String,
    pub unit: Option<String>,
    pub as_of: Option<String>,
    pub from: Option<String>,
    pub stated: Option<String>,
    pub source: Option<String>,
    /// The claimant's title or role, kept apart from the name.
    pub affiliation: Option<String>,
    pub quote: String,
    /// What the researcher should know: hedges ("could exceed"), a share's base.
    pub note: Option<String>,
    /// The ledger's metric this may be, when the match is not clear enough to fill in `metric`.
    pub metric_hint: Option<String>,
    /// A relative figure: the index (in the returned list) of the candidate it changes.
    #[serde(skip)]
    pub change_of: Option<usize>,
    /// A share: the index of the candidate it is a part of.
    #[serde(skip)]
    pub share_of: Option<usize>,
}

const ABBREVIATIONS: &[&str] = &[
    "U.S", "U.K", "U.N", "Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "Sgt", "St", "No", "vs", "c", "ca",
    "approx", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Gov",
    "Sen", "Rep",
];

use crate::when::MONTHS;

/// Words that say who speaks, before or after the name.
const SAID_AFTER: &[&str] =
    &[" said", " says", " told reporters", " told", " announced", " estimated", " reported"];
const SAID_BEFORE: &[&str] = &["according to ", "said ", "says "];

/// The longest abbreviation, with room for an opening bracket or quote.
const ABBREVIATION_CHARS: usize = 8;

/// A sentence longer than this, in bytes, is quoted around each figure.
const QUOTE_BYTES: usize = 600;

/// How many words either side of a figure such a quote keeps.
const QUOTE_WORDS: usize = 15;

/// Splits text into sentences, keeping "U.S." and "1,121.6" whole.
pub fn sentences(text: &str) -> Vec<String> {
    let text = text.replace(['\r', '\n'], " ");
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..chars.len() {
        if !matches!(chars[i], '.' | '!' | '?') {
            continue;
        }
        let next = chars.get(i + 1).copied();
        let ends = match next {
            None => true,
            Some(c) if c.is_whitespace() || c == '"' || c == '\u{201d}' => {
                let after =
                    chars[i + 1..].iter().find(|c| !c.is_whitespace() && **c != '"' && **c != '\u{201d}');
                after.is_none_or(|a| a.is_uppercase() || a.is_ascii_digit() || *a == '"' || *a == '\u{201c}')
            }
            _ => false,
        };
        // the word before the stop, read back no further than an
        // abbreviation is long (a text of dots without spaces stays linear)
        let word: String = chars[start..i]
            .iter()
            .rev()
            .take_while(|c| !c.is_whitespace())
            .take(ABBREVIATION_CHARS + 1)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let abbreviation = word.chars().count() <= ABBREVIATION_CHARS
            && ABBREVIATIONS.iter().any(|a| word.trim_start_matches(['(', '"']) == *a);
        if ends && !abbreviation {
            let end =
                (i + 1..chars.len()).find(|j| !matches!(chars[*j], '"' | '\u{201d}')).unwrap_or(chars.len());
            let sentence: String = chars[start..end].iter().collect();
            if !sentence.trim().is_empty() {
                out.push(sentence.trim().to_string());
            }
            start = end;
        }
    }
    let rest: String = chars[start..].iter().collect();
    if !rest.trim().is_empty() {
        out.push(rest.trim().to_string());
    }
    out
}

fn words(sentence: &str) -> Vec<&str> {
    sentence.split_whitespace().collect()
}

fn clean(word: &str) -> &str {
    word.trim_matches(|c: char| {
        matches!(c, ',' | ';' | ':' | '"' | '(' | ')' | '\u{201c}' | '\u{201d}') || (c == '.')
    })
}

fn is_number(word: &str) -> bool {
    let w = clean(word).trim_start_matches(['~', '>', '<', '≈', '-', '−', '+']).trim_end_matches(['%', '+']);
    w.starts_with(|c: char| c.is_ascii_digit())
        && w.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.' || c == '–' || c == '-' || c == 'k')
}

/// A four-digit number that reads as a year, a day of a month, or an age.
fn not_a_figure(words: &[&str], i: usize) -> bool {
    let w = clean(words[i]);
    let before = i.checked_sub(1).map(|j| clean(words[j]).to_lowercase()).unwrap_or_default();
    let after = words.get(i + 1).map(|w| clean(w).to_lowercase()).unwrap_or_default();
    let year = w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y));
    let day = w.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
        && (MONTHS.iter().any(|m| before.starts_with(&m[..3]))
            || MONTHS.iter().any(|m| after.starts_with(&m[..3])));
    let age = before == "aged" || after.starts_with("year-old") || w.contains("-year");
    year || day || age
}

/// The figure starting at word `i`: qualifier words before it, a range or
/// multiplier after it, and the unit as written.
fn figure_at(words: &[&str], i: usize) -> Option<(String, Option<String>, usize)> {
    let mut first = i;
    for back in 1..=3 {
        let Some(j) = i.checked_sub(back) else { break };
        let phrase = words[j..i].iter().map(|w| clean(w).to_lowercase()).collect::<Vec<_>>().join(" ");
        if figure::parse(&format!("{phrase} 1")).is_ok_and(|f| f.qualifier != figure::Qualifier::Exact) {
            first = j;
        }
    }
    let mut last = i;
    let lower = |k: usize| words.get(k).map(|w| clean(w).to_lowercase()).unwrap_or_default();
    if matches!(lower(last + 1).as_str(), "million" | "thousand" | "billion") {
        last += 1;
    }
    if matches!(lower(last + 1).as_str(), "to" | "and") && words.get(last + 2).is_some_and(|w| is_number(w)) {
        last += 2;
    }
    let mut value = words[first..=last].iter().map(|w| clean(w)).collect::<Vec<_>>().join(" ");
    if first > 0 && clean(words[first - 1]).eq_ignore_ascii_case("between") {
        value = format!("between {value}");
    }
    // a unit with a symbol or a measure goes with the value; a counted noun goes to `unit`
    for take in [2usize, 1].into_iter().filter(|take| last + take < words.len()) {
        let unit_words: Vec<String> = (1..=take).map(|k| lower(last + k)).collect();
        let written = unit_words.join(" ");
        if let Ok(u) = units::parse(&written) {
            if u.dimension != Dimension::Count && !written.is_empty() {
                return Some((
                    format!(
                        "{value} {}",
                        words[last + 1..=last + take].iter().map(|w| clean(w)).collect::<Vec<_>>().join(" ")
                    ),
                    None,
                    last + take,
                ));
            }
        }
    }
    if value.ends_with('%') {
        return Some((value, None, last));
    }
    // the counted noun: after any proper adjectives ("North Korean"), the
    // run of lower-case words up to a word that is not part of it
    let following: Vec<&str> = words[last + 1..].iter().take(5).copied().collect();
    let proper = following.iter().take_while(|w| w.chars().next().is_some_and(char::is_uppercase)).count();
    let mut noun: Vec<&str> = Vec::new();
    for word in &following[proper..] {
        let bare = clean(word);
        if STOP.contains(&bare)
            || !bare.chars().all(char::is_alphabetic)
            || !bare.starts_with(char::is_lowercase)
            || noun.len() == 2
        {
            break;
        }
        noun.push(bare);
        if bare.len() != word.len() {
            break; // punctuation ends the phrase
        }
    }
    let noun = noun.join(" ");
    let counted = !noun.is_empty() && units::parse(&noun).is_ok_and(|u| u.dimension == Dimension::Count);
    Some((value, counted.then_some(noun), last))
}

/// Lower-case words that end a claimant's name.
const ROLES: &[&str] = &[
    "officials",
    "official",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "authorities",
    "analysts",
    "sources",
    "military",
    "ministry",
    "officers",
];

/// Lower-case words that follow a number but are not what it counts.
const STOP: &[&str] = &[
    "of", "and", "or", "the", "a", "in", "on", "at", "to", "from", "by", "for", "with", "into", "near",
    "over", "under", "across", "were", "was", "had", "have", "has", "are", "is", "be", "been", "more",
    "since", "this", "that", "per", "percent", "each", "who", "which", "killed", "wounded", "said",
];

/// Who speaks in the sentence, if it says: "X said", "according to X".
fn claimant(sentence: &str) -> Option<String> {
    let name_after = |rest: &str| -> Option<String> {
        let mut rest = rest.split_whitespace().map(clean).peekable();
        let mut name: Vec<&str> = Vec::new();
        while let Some(w) = rest.next_if(|w| w.chars().next().is_some_and(char::is_uppercase)) {
            name.push(w);
        }
        // "Ukrainian officials", "Pentagon spokesman"
        if let Some(role) = rest.next_if(|w| ROLES.contains(w)) {
            name.push(role);
        }
        (!name.is_empty() && name.len() <= 7).then(|| name.join(" "))
    };
    // ASCII lower case keeps every byte where it was ("İ" lower-cases longer)
    let lower = sentence.to_ascii_lowercase();
    for marker in SAID_BEFORE {
        if let Some(at) = lower.find(marker) {
            if let Some(name) = name_after(&sentence[at + marker.len()..]) {
                return Some(name);
            }
        }
    }
    for marker in SAID_AFTER {
        if let Some(at) = sentence.find(marker) {
            let before: Vec<&str> = sentence[..at].split_whitespace().collect();
            let name: Vec<&str> = before
                .iter()
                .rev()
                .map(|w| clean(w))
                .take_while(|w| w.chars().next().is_some_and(char::is_uppercase) || *w == "of")
                .take(6)
                .collect();
            let name: Vec<&str> = name.into_iter().rev().skip_while(|w| *w == "of").collect();
            if !name.is_empty() && !name.iter().all(|w| ["The", "It", "He", "She", "They", "We"].contains(w))
            {
                return Some(name.join(" "));
            }
        }
    }
    None
}

/// The time a sentence names, resolved against the day it was stated.
fn when(sentence: &str, stated: Option<NaiveDate>) -> (Option<String>, Option<String>) {
    let lower = sentence.to_lowercase();
    let Some(stated) = stated else { return (None, None) };
    if ["this past week", "last week", "the past week", "over the past week"]
        .iter()
        .any(|p| lower.contains(p))
    {
        return (Some(stated.to_string()), Some((stated - Duration::days(6)).to_string()));
    }
    if lower.contains("yesterday") {
        return (Some((stated - Duration::days(1)).to_string()), None);
    }
    for (index, month) in MONTHS.iter().enumerate() {
        let month_number = index as u32 + 1;
        if lower.contains(&format!("in {month}")) {
            let year = if month_number > stated.month() { stated.year() - 1 } else { stated.year() };
            return (Some(format!("{year}-{month_number:02}")), None);
        }
    }
    (None, None)
}

/// What a sentence says of all its figures: when, who, which metric.
#[derive(Clone)]
struct Said {
    as_of: Option<String>,
    from: Option<String>,
    source: Option<String>,
    metric: Option<String>,
}

/// Candidate claims of a text; `metrics` are (key, label) to suggest from.
pub fn extract(text: &str, stated: Option<NaiveDate>, metrics: &[(String, String)]) -> Vec<Candidate> {
    let mut found = Vec::new();
    for sentence in sentences(text) {
        let words = words(&sentence);
        let mut said: Option<Said> = None;
        let mut i = 0;
        while i < words.len() {
            if !is_number(words[i]) || not_a_figure(&words, i) {
                i += 1;
                continue;
            }
            let Some((value, unit, last)) = figure_at(&words, i) else {
                i += 1;
                continue;
            };
            let number = i;
            i = last + 1;
            if figure::parse(&value).is_err() {
                continue;
            }
            let said = said
                .get_or_insert_with(|| {
                    let (as_of, from) = when(&sentence, stated);
                    Said { as_of, from, source: claimant(&sentence), metric: suggest(&sentence, metrics) }
                })
                .clone();
            found.push(Candidate {
                metric: said.metric,
                value,
                unit,
                as_of: said.as_of,
                from: said.from,
                stated: stated.map(|d| d.to_string()),
                source: said.source,
                quote: quote(&sentence, &words, number, last),
                ..Candidate::default()
            });
        }
    }
    found
}

/// The quote of a figure at words `first..=last`: its sentence, or in an
/// overlong one the words around it, verbatim, with "…" where it is cut.
fn quote(sentence: &str, words: &[&str], first: usize, last: usize) -> String {
    if sentence.len() <= QUOTE_BYTES {
        return sentence.to_string();
    }
    let from = first.saturating_sub(QUOTE_WORDS);
    let to = (last + QUOTE_WORDS).min(words.len() - 1);
    // the words are slices of the sentence: cut it where they start and end
    let offset = |word: &str| word.as_ptr() as usize - sentence.as_ptr() as usize;
    let (start, end) = (offset(words[from]), offset(words[to]) + words[to].len());
    let before = if from > 0 { "…" } else { "" };
    let after = if to + 1 < words.len() { "…" } else { "" };
    format!("{before}{}{after}", &sentence[start..end])
}

/// A known metric whose label shares at least two long words with the sentence.
fn suggest(sentence: &str, metrics: &[(String, String)]) -> Option<String> {
    let lower = sentence.to_lowercase();
    metrics
        .iter()
        .map(|(key, label)| {
            let label = label.to_lowercase();
            let shared =
                label.split_whitespace().map(clean).filter(|w| w.len() >= 4 && lower.contains(*w)).count();
            (shared, key)
        })
        .filter(|(shared, _)| *shared >= 2)
        .max_by_key(|(shared, _)| *shared)
        .map(|(_, key)| key.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_keep_abbreviations_and_decimals() {
        let s = sentences("The U.S. said 1,121.6 km² were held. Kyiv disagreed! Did it? Yes.");
        assert_eq!(s, ["The U.S. said 1,121.6 km² were held.", "Kyiv disagreed!", "Did it?", "Yes."]);
    }

    #[test]
    fn text_without_sentence_breaks_is_read_in_linear_time_and_output() {
        let text = "more than 1,000 soldiers were killed near Kursk, officials said, ".repeat(3_200);
        assert!(text.len() > 200_000);
        let found = extract(&text, None, &[]);
        assert_eq!(found.len(), 3_200);
        let quoted: usize = found.iter().map(|c| c.quote.len()).sum();
        assert!(quoted < 20 * text.len(), "quotes of {quoted} bytes");
        assert!(found[10].quote.starts_with('…') && found[10].quote.ends_with('…'), "{}", found[10].quote);
        assert!(found[10].quote.contains("more than 1,000 soldiers were killed"), "{}", found[10].quote);
        // dots without spaces, the worst case of the sentence splitter
        assert_eq!(sentences(&"a.".repeat(100_000)).len(), 1);
    }

    /// Found by `cargo fuzz run extract`: a one-word unit ending the text.
    #[test]
    fn a_unit_that_ends_the_text_is_read() {
        let found = extract("Ukraine seized about 380 miles", None, &[]);
        assert_eq!(found[0].value, "about 380 miles");
        let found = extract("Ukraine seized about 760 thousandsquareabout 380 miles ", None, &[]);
        assert_eq!(found[0].value, "about 760");
    }

    #[test]
    fn non_ascii_text_never_panics() {
        for text in [
            "Officials in İzmir, according to Ürümqi police, counted 12 protesters.",
            "İlham Aliyev said more than 1,000 soldiers crossed near Ürümqi in August.",
            "Ürümqi: «около 380» км², İİİ said 5 — 𝟙𝟚 ½ ٣٤ killed. ß STRASSE 1,000 MENSCHEN.",
        ] {
            let found =
                extract(text, NaiveDate::from_ymd_opt(2024, 12, 27), &[("a".into(), "İzmir Ürümqi".into())]);
            assert!(!found.is_empty(), "{text}");
        }
        assert_eq!(
            claimant("Officials in İzmir, according to Ürümqi police, counted 12.").as_deref(),
            Some("Ürümqi")
        );
    }

    #[test]
    fn figures_keep_their_words() {
        let stated = NaiveDate::from_ymd_opt(2024, 12, 27);
        let text = "More than 1,000 North Korean soldiers were killed in Kursk this past week, John Kirby said. \
                    Ukraine seized about 380 square miles of Kursk in August, according to Ukrainian officials. \
                    In 2022, a 45-year-old man was hurt on December 3.";
        let found = extract(text, stated, &[("kursk.area".into(), "Kursk territory seized".into())]);
        let got: Vec<[&str; 4]> = found
            .iter()
            .map(|c| {
                [
                    &c.value,
                    c.unit.as_deref().unwrap_or(""),
                    c.source.as_deref().unwrap_or(""),
                    c.as_of.as_deref().unwrap_or(""),
                ]
            })
            .collect();
        assert_eq!(
            got,
            [
                ["More than 1,000", "soldiers", "John Kirby", "2024-12-27"],
                ["about 380 square miles", "", "Ukrainian officials", "2024-08"],
            ]
        );
        assert_eq!(found[0].from.as_deref(), Some("2024-12-21"));
        assert_eq!(found[1].metric.as_deref(), Some("kursk.area"));
    }
}
