//! The figures of a sentence: a number in digits or words ("1,000",
//! "nine", "two dozen", "a fifth"), currency ("$71.4 million"), the
//! qualifier before it ("more than", "about") and a hedge ("could exceed",
//! "may have") kept in the note. A year, a day of a month, a clock time, an
//! age, an ordinal, a magnitude or a duration is not a figure.

use super::counted;
use super::not_figures::not_a_figure;
use super::number_words::{self, join, words_number, SCALES};
use super::sentences::clean;
use crate::figure;

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

/// Currency symbols and words, and the code kept as the unit.
const CURRENCIES: &[(&str, &str)] = &[
    ("us$", "USD"),
    ("hk$", "HKD"),
    ("a$", "AUD"),
    ("c$", "CAD"),
    ("r$", "BRL"),
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "JPY"),
    ("₹", "INR"),
];
/// Currency names after a number, the country's adjective first where one name has many currencies.
const CURRENCY_WORDS: &[(&str, &str)] = &[
    ("libyan dinars", "LYD"),
    ("moroccan dirhams", "MAD"),
    ("iraqi dinars", "IQD"),
    ("pakistani rupees", "PKR"),
    ("sri lankan rupees", "LKR"),
    ("egyptian pounds", "EGP"),
    ("sudanese pounds", "SDG"),
    ("argentine pesos", "ARS"),
    ("mexican pesos", "MXN"),
    ("philippine pesos", "PHP"),
    ("colombian pesos", "COP"),
    ("chilean pesos", "CLP"),
    ("swiss francs", "CHF"),
    ("canadian dollars", "CAD"),
    ("australian dollars", "AUD"),
    ("kenyan shillings", "KES"),
    ("malawian kwacha", "MWK"),
    ("rupiah", "IDR"),
    ("kina", "PGK"),
    ("zambian kwacha", "ZMW"),
    ("south korean won", "KRW"),
    ("dollars", "USD"),
    ("euros", "EUR"),
    ("yen", "JPY"),
    ("rupees", "INR"),
    ("yuan", "CNY"),
    ("renminbi", "CNY"),
    ("naira", "NGN"),
    ("rand", "ZAR"),
    ("reais", "BRL"),
    ("lira", "TRY"),
    ("liras", "TRY"),
    ("shekels", "ILS"),
    ("hryvnias", "UAH"),
    ("hryvnia", "UAH"),
    ("roubles", "RUB"),
    ("rubles", "RUB"),
    ("riyals", "SAR"),
    ("dirhams", "AED"),
];

/// A currency written as a word before the number: "Rs 10 crore", "USD 5 million".
pub const CURRENCY_BEFORE: &[(&str, &str)] = &[
    ("rs", "INR"),
    ("inr", "INR"),
    ("usd", "USD"),
    ("eur", "EUR"),
    ("gbp", "GBP"),
    ("chf", "CHF"),
    ("sdr", "XDR"),
];

/// The currency named after the number ending at word `last`, and how many words name it.
fn currency_after(words: &[&str], last: usize) -> Option<(&'static str, usize)> {
    let lower = |k: usize| words.get(k).map(|w| clean(w).to_lowercase()).unwrap_or_default();
    // "500 pounds of explosives" is a weight; "2 million pounds of aid" still money
    if lower(last + 1) == "pounds" && lower(last + 2) == "of" && !SCALES.contains(&lower(last).as_str()) {
        return None;
    }
    // "95.7 billion won": the currency after a scale, never the verb ("Labour won 412 seats")
    if lower(last + 1) == "won" && SCALES.contains(&lower(last).as_str()) {
        return Some(("KRW", 1));
    }
    // "50 pounds per dollar" in Cairo: which pounds the text does not say, so kept as written
    if lower(last + 1) == "pounds" {
        return Some(("pounds", 1));
    }
    CURRENCY_WORDS.iter().find_map(|(name, code)| {
        let size = name.split(' ').count();
        let written = (1..=size).map(|k| lower(last + k)).collect::<Vec<_>>().join(" ");
        (written == *name).then_some((*code, size))
    })
}

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
    ("approach", "nearly"),
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
    if let Some(share) = number_words::one_in(words, i) {
        return Some(share);
    }
    let lower = |k: usize| words.get(k).map(|w| clean(w).to_lowercase()).unwrap_or_default();
    let word = clean(words[i]);
    let symbol = |s: &str| word.get(..s.len()).is_some_and(|p| p.eq_ignore_ascii_case(s));
    let before = i.checked_sub(1).map(|k| clean(words[k]).to_lowercase()).unwrap_or_default();
    let (currency, digits) = match CURRENCIES.iter().find(|(s, _)| symbol(s)) {
        Some((symbol, code)) => (Some(*code), &word[symbol.len()..]),
        None => (CURRENCY_BEFORE.iter().find(|(w, _)| *w == before).map(|(_, c)| *c), word),
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
        if let Some((high, end)) = range_end(words, i, last, currency) {
            text = format!("{text} {} {high}", lower(last + 1));
            last = end;
        }
        return Some((text, currency, None, last));
    }
    // "Rs two lakh": a currency word before a number in words
    words_number(words, i).map(|(text, _, note, last)| (text, currency, note, last))
}

/// The second end of a range whose first number ends at word `last`: "3,000 to 5,000",
/// "$3 billion to $5.5 billion", "15 and 20" after "between". Not a rise "from 62 to 64"
/// nor a split "50.7% to 49.3%", whose numbers are two figures.
fn range_end(words: &[&str], i: usize, last: usize, currency: Option<&str>) -> Option<(String, usize)> {
    let lower =
        |k: Option<usize>| k.and_then(|k| words.get(k)).map(|w| clean(w).to_lowercase()).unwrap_or_default();
    let before = [lower(i.checked_sub(1)), lower(i.checked_sub(2))];
    let ok = match lower(Some(last + 1)).as_str() {
        "to" => !before.contains(&"from".to_string()),
        "and" => before.contains(&"between".to_string()),
        _ => false,
    };
    let word = clean(words.get(last + 2)?);
    // the second end may repeat the currency sign: "$42 billion and $57 billion"
    let number = CURRENCIES
        .iter()
        .filter(|(_, code)| Some(*code) == currency)
        .find_map(|(s, _)| {
            word.get(..s.len()).filter(|p| p.eq_ignore_ascii_case(s)).map(|_| &word[s.len()..])
        })
        .unwrap_or(word);
    if !ok || !is_digits(number) {
        return None;
    }
    let mut end = last + 2;
    let mut high = number.to_string();
    if SCALES.contains(&lower(Some(end + 1)).as_str()) {
        end += 1;
        high = format!("{high} {}", lower(Some(end)));
    }
    let low = words[i..=last].iter().map(|w| clean(w)).collect::<Vec<_>>().join(" ");
    let low = low.trim_start_matches(|c: char| !c.is_ascii_digit());
    let best = |t: &str| figure::parse(t).ok().and_then(|f| f.best);
    let descending = matches!((best(low), best(&high)), (Some(a), Some(b)) if b < a);
    (!descending).then_some((high, end))
}

/// Digits with thousands commas, a decimal dot, a range dash or a percent sign: "1,121.6", "3,000-5,000", "40%".
pub fn is_digits(word: &str) -> bool {
    let w = word.trim_start_matches(['~', '≈', '+', '-', '−']).trim_end_matches(['%', '+']);
    let dashes = w.matches(['-', '–']).count();
    w.starts_with(|c: char| c.is_ascii_digit())
        && w.chars().all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '–' | '-' | 'k'))
        && dashes <= 1
        && !w.ends_with(['-', '–'])
}

/// The figure whose number starts at word `i`, with its qualifier, hedge and unit.
fn figure_at(words: &[&str], i: usize) -> Option<Found> {
    if let Some(found) = sized(words, i) {
        return Some(found);
    }
    let (mut value, currency, mut note, last) = amount_at(words, i)?;
    if not_a_figure(words, i, last) {
        return None;
    }
    let lower = |k: usize| words.get(k).map(|w| clean(w).to_lowercase()).unwrap_or_default();
    // a number word is a figure only when it counts something or is a share
    let spelled = note.is_some();
    // "the three countries", "all three automakers" name a set already known, not a new count
    const SCOPE: &[&str] = &[
        "into", "from", "among", "between", "of", "for", "at", "by", "with", "the", "these", "those", "both",
        "its", "their", "all",
    ];
    if spelled
        && !value.ends_with('%')
        && i > 0
        && SCOPE.contains(&lower(i - 1).as_str())
        && !tallied_at(words, i)
    {
        return None;
    }
    let (qualifier, mut first) = qualifier_before(words, i);
    if let Some(q) = &qualifier {
        // "Nearly two-thirds": the words' qualifier, not "about 67%" too
        value = format!("{q} {}", value.strip_prefix("about ").unwrap_or(&value));
    }
    if first > 0 && lower(first - 1) == "between" && value.contains(" and ") {
        first -= 1;
        value = format!("between {value}");
    }
    // "could exceed 60 billion": the hedge is part of the qualifier and kept in the note too
    let hedged_qualifier =
        qualifier.as_ref().filter(|q| HEDGES.iter().any(|h| q.to_lowercase().starts_with(h)));
    let hedge = match hedged_qualifier {
        Some(q) => Some((q.clone(), None)),
        None => hedge_before(words, first),
    };
    if let Some((hedge, bound)) = hedge {
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
    if let Some(money) = money(words, i, last, currency) {
        return Some(Found {
            value,
            unit: Some(money.0.to_string()),
            note: Some(money.1),
            first,
            last: money.2,
        });
    }
    let unit = counted::unit_after(words, last);
    if unit.is_none() && qualifier.is_none() && currency.is_none() && names_a_thing(words, i, last) {
        return None;
    }
    if spelled && !spelled_counts(words, i, last, unit.is_some()) {
        return None;
    }
    let _ = figure::parse(&value).ok()?;
    Some(Found { value, unit, note, first, last })
}

/// The currency of the number at words `i..=last` (its sign, or its name after it): the
/// code, how it was written and the figure's last word.
fn money(
    words: &[&str],
    i: usize,
    last: usize,
    sign: Option<&'static str>,
) -> Option<(&'static str, String, usize)> {
    if let Some(code) = sign {
        let scale = if last > i { format!(" {}", join(words, i + 1, last)) } else { String::new() };
        // "1.84 billion euros ($1.95 billion)": most likely the writer's conversion
        let converted = if words[i].starts_with('(') { ", in brackets: likely a conversion" } else { "" };
        return Some((code, format!("written \"{}{scale}\"{converted}", clean(words[i])), last));
    }
    let (code, size) = currency_after(words, last)?;
    let which = if code == "pounds" { "; which currency's pounds, the text does not say" } else { "" };
    Some((code, format!("written \"{}\"{which}", join(words, i, last + size)), last + size))
}

/// Whether a number in words counts something: a noun after it ("nine people"), people
/// that a participle or a verb names ("nine dead", "killed nine"), a part of a group ("Two
/// of the injured"); "one" only as one of a group ("one of the dead").
fn spelled_counts(words: &[&str], i: usize, last: usize, has_unit: bool) -> bool {
    let lower = |k: usize| words.get(k).map(|w| clean(w).to_lowercase()).unwrap_or_default();
    if lower(i) == "one" && lower(i + 1) == "of" {
        return part_of_group(words, last);
    }
    has_unit
        || counted::counts_people(&lower(last + 1))
        || counted_by_verb(words, i, last)
        || part_of_group(words, last)
        || tallied_at(words, i)
        || super::not_figures::gapped(words, i, last)
        || listed_by_kind(words, i, last)
}

/// Whether a spelled number is an item of a list its first figure opened, named by a
/// kind after it: "22 were Mexican, seven Guatemalan and two Honduran".
fn listed_by_kind(words: &[&str], i: usize, last: usize) -> bool {
    let joined = i > 0 && (words[i - 1].ends_with(',') || clean(words[i - 1]) == "and");
    let kind = words.get(last + 1).filter(|w| w.starts_with(char::is_uppercase));
    let ends_item = kind.is_some_and(|w| w.ends_with([',', '.', ';']))
        || words.get(last + 2).is_some_and(|w| clean(w) == "and");
    let figure_before = words[..i].iter().any(|w| w.starts_with(|c: char| c.is_ascii_digit()));
    joined && kind.is_some() && ends_item && figure_before
}

/// Words of a tally: what "at" or "to" before a spelled number puts a figure on.
const TALLIES: &[&str] = &["toll", "dead", "number", "count", "tally", "total", "deaths", "cases", "figure"];

/// Whether a spelled number is where a tally is put or brought: "put the dead at nine",
/// "bringing the number of cases to five".
fn tallied_at(words: &[&str], i: usize) -> bool {
    let lower = |k: usize| clean(words[k]).to_lowercase();
    i > 0
        && matches!(lower(i - 1).as_str(), "at" | "to")
        && (i.saturating_sub(6)..i - 1).any(|k| TALLIES.contains(&lower(k).as_str()))
}

/// Measures a number is joined to when it describes the size of a thing: "a 2,500-acre fire".
const SIZES: &[(&str, &str)] = &[
    ("acre", "acres"),
    ("hectare", "hectares"),
    ("square-mile", "square miles"),
    ("square-kilometre", "square kilometres"),
    ("square-kilometer", "square kilometers"),
    ("tonne", "tonnes"),
    ("ton", "tons"),
];

/// A size joined to its measure, "a 2,500-acre fire", as the area or weight it states.
fn sized(words: &[&str], i: usize) -> Option<Found> {
    let (number, measure) = clean(words[i]).split_once('-')?;
    let unit = SIZES.iter().find(|(joined, _)| measure.eq_ignore_ascii_case(joined))?.1;
    if !is_digits(number) || number.contains(['-', '–']) {
        return None;
    }
    let (qualifier, first) = qualifier_before(words, i);
    let value = match qualifier {
        Some(q) => format!("{q} {number}"),
        None => number.to_string(),
    };
    Some(Found { value, unit: Some(unit.to_string()), note: None, first, last: i })
}

/// Whether a small bare number counting nothing follows a capitalised word mid-sentence,
/// as in a product or a unit's name: "The iPhone 15 went on sale", "Squadron 42 flew".
fn names_a_thing(words: &[&str], i: usize, last: usize) -> bool {
    let before = if i > 1 { words[i - 1] } else { return false };
    let capitalised = before.chars().any(char::is_uppercase) && !before.ends_with([',', '.', ':', ';']);
    let month = crate::when::MONTHS.iter().any(|m| m.starts_with(&clean(before).to_lowercase()));
    let small = i == last && clean(words[i]).parse::<u32>().is_ok_and(|n| n < 1000);
    capitalised && !month && small && !super::not_figures::gapped(words, i, last)
}

/// Verbs whose object or subject a spelled number counts without a noun: "reported only
/// eight", "killed nine", "two more died", "Reform UK took four" (seats, named before).
const COUNTING_VERBS: &[&str] = &[
    "reported",
    "recorded",
    "confirmed",
    "registered",
    "counted",
    "rescued",
    "freed",
    "won",
    "winning",
    "took",
    "taking",
    // "48 are in hospital, including six in intensive care"
    "including",
];
const AFTER_MORE: &[&str] =
    &["are", "were", "is", "was", "have", "had", "will", "died", "remain", "remained"];

/// Whether a spelled number at words `i..=last` is what a verb next to it counts.
fn counted_by_verb(words: &[&str], i: usize, last: usize) -> bool {
    let lower =
        |k: Option<usize>| k.and_then(|k| words.get(k)).map(|w| clean(w).to_lowercase()).unwrap_or_default();
    let mut verb = lower(i.checked_sub(1));
    if matches!(verb.as_str(), "only" | "just" | "another") {
        verb = lower(i.checked_sub(2));
    }
    let before = counted::counts_people(&verb) || COUNTING_VERBS.contains(&verb.as_str());
    let more = lower(Some(last + 1)) == "more" && AFTER_MORE.contains(&lower(Some(last + 2)).as_str());
    // "and four were being treated": the subject of a verb, after a clause that named what it counts
    let opens = i == 0 || words[i - 1].ends_with(',') || verb == "and";
    let subject = opens && lower(Some(i)) != "one" && AFTER_MORE.contains(&lower(Some(last + 1)).as_str());
    before || more || subject
}

/// Whether the spelled number ending at word `last` picks some of a group named after it:
/// "Two of the injured", "one of the dead", "eleven of Congo's provinces"; not "one of the
/// worst" nor "one of them" nor "one of the cities".
fn part_of_group(words: &[&str], last: usize) -> bool {
    let lower = |k: usize| words.get(k).map(|w| clean(w).to_lowercase()).unwrap_or_default();
    let group = lower(last + 3);
    let whose = lower(last + 2);
    // "two of them children", "six of those still in hospital", "Three of his former
    // lieutenants", "three of the 38 ministers": some of what was just counted
    let some_of = matches!(whose.as_str(), "them" | "those" | "his" | "her" | "their" | "its")
        || whose == "the" && is_digits(&group);
    if lower(last) != "one" && lower(last + 1) == "of" && some_of {
        return !words[last].ends_with(',');
    }
    (lower(last) != "one" || counted::counts_people(&group))
        && !words[last].ends_with(',')
        && lower(last + 1) == "of"
        && (matches!(whose.as_str(), "the" | "those")
            || whose.ends_with("'s")
            || whose.ends_with("\u{2019}s"))
        && group.chars().all(char::is_alphabetic)
        && (counted::counts_people(&group) || counted::is_plural(&group) && !group.ends_with("est"))
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
mod tests;
