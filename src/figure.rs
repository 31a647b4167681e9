//! Reads a figure as written ("more than 1,000", "about 380 sq mi",
//! "3,000–5,000") into a qualifier and the bounds its words imply.
//!
//! Bounds are what the words say and nothing more: "more than 1,000" has a
//! low of 1,000 and no high; "about 380" has a best of 380 and no bounds.
//!
//! A number is never guessed at: `1.000` (a thousand in European notation,
//! or one with three decimals?), `1.000.000`, `1.000,5` and Indian grouping
//! such as `1,00,000` are refused with what is ambiguous, as is a number
//! too large to be kept exactly (beyond 2^53).

use serde::{Deserialize, Serialize};
use std::fmt;

/// How a figure was qualified in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Exact,
    Approx,
    MoreThan,
    AtLeast,
    UpTo,
    AtMost,
    /// A strict upper bound ("less than", "under"), distinct from `up to`
    /// and `at most`, which reach their bound.
    LessThan,
    Almost,
    Range,
}

impl Qualifier {
    pub const ALL: [Qualifier; 9] = [
        Qualifier::Exact,
        Qualifier::Approx,
        Qualifier::MoreThan,
        Qualifier::AtLeast,
        Qualifier::UpTo,
        Qualifier::AtMost,
        Qualifier::LessThan,
        Qualifier::Almost,
        Qualifier::Range,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::Approx => "approx",
            Qualifier::MoreThan => "more_than",
            Qualifier::AtLeast => "at_least",
            Qualifier::UpTo => "up_to",
            Qualifier::AtMost => "at_most",
            Qualifier::LessThan => "less_than",
            Qualifier::Almost => "almost",
            Qualifier::Range => "range",
        }
    }

    pub fn parse(text: &str) -> Option<Qualifier> {
        Qualifier::ALL.into_iter().find(|q| q.as_str() == text)
    }

    /// The words a report puts before a number with this qualifier.
    pub fn words(self) -> &'static str {
        match self {
            Qualifier::Exact | Qualifier::Range => "",
            Qualifier::Approx => "about ",
            Qualifier::MoreThan => "more than ",
            Qualifier::AtLeast => "at least ",
            Qualifier::UpTo => "up to ",
            Qualifier::AtMost => "at most ",
            Qualifier::LessThan => "less than ",
            Qualifier::Almost => "almost ",
        }
    }
}

impl fmt::Display for Qualifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A figure read from its words.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub qualifier: Qualifier,
    /// The central figure; for a range, its midpoint.
    pub best: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// Unit words that followed the number ("square miles", "%"), if any.
    pub unit: Option<String>,
    /// How precisely its numbers were written.
    pub precision: Precision,
}

/// How precisely a figure was stated, carried through a report's arithmetic.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Precision {
    /// Significant figures of the most precise number (386 → 3, 1.2 million → 2).
    pub digits: Option<u32>,
    /// Its decimals, while the figure stays in the unit it was stated in
    /// (a conversion drops them).
    pub decimals: Option<u32>,
    /// How far it may have been rounded, relative to it: half a unit of its
    /// last written digit (386 → 0.5 / 386; 1.2 million → 0.05 / 1.2).
    pub rounding: f64,
}

impl Precision {
    /// The precision a number is written with, when only its value is known
    /// (every digit of it counts: 380 is three figures).
    pub fn of_value(value: f64) -> Precision {
        let text = format!("{}", value.abs());
        let decimals = text.split_once('.').map_or(0, |(_, f)| f.len() as u32);
        let digits = text.trim_start_matches(['0', '.']).chars().filter(char::is_ascii_digit).count() as u32;
        Precision::written(value, digits.max(1), decimals, 1.0)
    }

    /// A number written with `digits` significant figures and `decimals`
    /// decimals, then multiplied by `factor` ("1.2 million").
    fn written(value: f64, digits: u32, decimals: u32, factor: f64) -> Precision {
        let shift = factor.log10().round() as u32;
        let half_unit = 0.5 * 10f64.powi(-(decimals as i32)) * factor;
        let rounding = if value == 0.0 { 0.0 } else { half_unit / value.abs() };
        Precision { digits: Some(digits), decimals: Some(decimals.saturating_sub(shift)), rounding }
    }

    /// The most precise of two inputs. The rounding of a product or quotient
    /// adds up; of a sum, the larger stands.
    pub fn combine(self, other: Precision, product: bool) -> Precision {
        let most = |a: Option<u32>, b: Option<u32>| match (a, b) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        let decimals = match (self.decimals, other.decimals) {
            (Some(a), Some(b)) => Some(a.max(b)),
            _ => None,
        };
        let rounding =
            if product { self.rounding + other.rounding } else { self.rounding.max(other.rounding) };
        Precision { digits: most(self.digits, other.digits), decimals, rounding }
    }
}

/// A number as written: its value and precision.
#[derive(Debug, Clone, Copy)]
struct Amount {
    value: f64,
    precision: Precision,
    /// The multiplier it was written with ("million": 1e6), else 1.
    factor: f64,
}

impl Amount {
    /// The first end of "3 to 4 million" takes the second's multiplier.
    fn times(self, factor: f64) -> Amount {
        let shift = factor.log10().round() as u32;
        let decimals = self.precision.decimals.map(|d| d.saturating_sub(shift));
        Amount { value: self.value * factor, precision: Precision { decimals, ..self.precision }, factor }
    }
}

impl Figure {
    /// What the words were read as: "at least 1,000, no upper bound".
    pub fn explain(&self) -> String {
        let n = |v: Option<f64>| v.map(crate::output::pretty_number).unwrap_or_default();
        let unit = self.unit.as_deref().map(|u| format!(" ({u})")).unwrap_or_default();
        let what = match self.qualifier {
            Qualifier::Exact => format!("exactly {}", n(self.best)),
            Qualifier::Approx => format!("about {}, no bounds", n(self.best)),
            Qualifier::MoreThan => format!("more than {}, no upper bound", n(self.low)),
            Qualifier::AtLeast => format!("at least {}, no upper bound", n(self.low)),
            Qualifier::UpTo | Qualifier::AtMost => format!("at most {}, no lower bound", n(self.high)),
            Qualifier::LessThan => format!("less than {}, no lower bound", n(self.high)),
            Qualifier::Almost => format!("just under {0}, its lower side about {0}", n(self.high)),
            Qualifier::Range => format!("between {} and {}", n(self.low), n(self.high)),
        };
        format!("{what}{unit}")
    }
}

/// Why a figure could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("cannot read the figure \"{text}\"{}", detail.as_ref().map(|d| format!(": {d}")).unwrap_or_default())]
pub struct FigureError {
    pub text: String,
    pub detail: Option<String>,
}

pub const FIGURE_HINT: &str = "write a number, optionally with a qualifier and a unit: \
\"1,000\", \"about 380 sq mi\", \"more than 1,000\", \"up to 12,000\", \"almost 10%\", \
\"3,000-5,000\", \"between 3,000 and 5,000\", \"1.2 million\", \"12k\", \"-40%\"; \
commas between thousands, a dot before decimals: \"1,000.5\"";

// Longest phrases first so that "no more than" wins over "more than".
const PREFIXES: &[(&str, Qualifier)] = &[
    ("a little more than", Qualifier::MoreThan),
    ("slightly more than", Qualifier::MoreThan),
    ("slightly fewer than", Qualifier::LessThan),
    ("slightly less than", Qualifier::LessThan),
    ("in the region of", Qualifier::Approx),
    ("not more than", Qualifier::AtMost),
    ("no more than", Qualifier::AtMost),
    ("no fewer than", Qualifier::AtLeast),
    ("no less than", Qualifier::AtLeast),
    ("not less than", Qualifier::AtLeast),
    ("a minimum of", Qualifier::AtLeast),
    ("a maximum of", Qualifier::AtMost),
    ("in excess of", Qualifier::MoreThan),
    ("as high as", Qualifier::UpTo),
    // "as few as 122 seats": the low end of what is said, so nothing under it
    ("as few as", Qualifier::AtLeast),
    ("as little as", Qualifier::AtLeast),
    ("as low as", Qualifier::AtLeast),
    ("greater than", Qualifier::MoreThan),
    ("approximately", Qualifier::Approx),
    ("an estimated", Qualifier::Approx),
    ("as many as", Qualifier::UpTo),
    ("as much as", Qualifier::UpTo),
    ("just under", Qualifier::Almost),
    ("fewer than", Qualifier::LessThan),
    ("upwards of", Qualifier::MoreThan),
    ("upward of", Qualifier::MoreThan),
    ("just shy of", Qualifier::Almost),
    ("just short of", Qualifier::Almost),
    ("a little over", Qualifier::MoreThan),
    ("slightly over", Qualifier::MoreThan),
    ("more or less", Qualifier::Approx),
    ("well above", Qualifier::MoreThan),
    ("well below", Qualifier::LessThan),
    ("well under", Qualifier::LessThan),
    ("just above", Qualifier::MoreThan),
    ("just below", Qualifier::Almost),
    ("approaching", Qualifier::Almost),
    ("well over", Qualifier::MoreThan),
    ("exceeding", Qualifier::MoreThan),
    ("surpassing", Qualifier::MoreThan),
    ("topping", Qualifier::MoreThan),
    ("more than", Qualifier::MoreThan),
    ("estimated", Qualifier::Approx),
    ("less than", Qualifier::LessThan),
    ("just over", Qualifier::MoreThan),
    ("at least", Qualifier::AtLeast),
    // "close to 600" may be a little over: no bound, only near
    ("close to", Qualifier::Approx),
    ("exceeded", Qualifier::MoreThan),
    ("surpassed", Qualifier::MoreThan),
    ("passed", Qualifier::MoreThan),
    ("topped", Qualifier::MoreThan),
    ("at most", Qualifier::AtMost),
    ("roughly", Qualifier::Approx),
    ("approx.", Qualifier::Approx),
    ("approx", Qualifier::Approx),
    ("nearly", Qualifier::Almost),
    ("almost", Qualifier::Almost),
    ("around", Qualifier::Approx),
    ("below", Qualifier::LessThan),
    ("above", Qualifier::MoreThan),
    ("past", Qualifier::MoreThan),
    ("under", Qualifier::LessThan),
    ("circa", Qualifier::Approx),
    ("about", Qualifier::Approx),
    ("up to", Qualifier::UpTo),
    ("some", Qualifier::Approx),
    ("over", Qualifier::MoreThan),
    ("ca.", Qualifier::Approx),
    ("c.", Qualifier::Approx),
    (">=", Qualifier::AtLeast),
    ("<=", Qualifier::AtMost),
    ("≥", Qualifier::AtLeast),
    ("≤", Qualifier::AtMost),
    (">", Qualifier::MoreThan),
    ("<", Qualifier::LessThan),
    ("~", Qualifier::Approx),
    ("≈", Qualifier::Approx),
];

const MULTIPLIERS: &[(&str, f64)] = &[
    ("trillion", 1e12),
    ("thousand", 1e3),
    // Indian numbering: a lakh is 100,000, a crore 10 million
    ("lakh", 1e5),
    ("crore", 1e7),
    ("million", 1e6),
    ("billion", 1e9),
    ("mln", 1e6),
    ("bn", 1e9),
    ("mn", 1e6),
    ("k", 1e3),
];

/// Reads a figure as written.
pub fn parse(text: &str) -> Result<Figure, FigureError> {
    let fail = |detail: &str| FigureError {
        text: text.to_string(),
        detail: (!detail.is_empty()).then(|| detail.to_string()),
    };
    let normal = normalise(text);
    if normal.is_empty() {
        return Err(fail("it is empty"));
    }
    if let Some(ambiguity) = numbers(&normal).find_map(ambiguity) {
        return Err(fail(&ambiguity));
    }
    let figure = read_figure(&normal, &fail)?;
    if [figure.best, figure.low, figure.high].into_iter().flatten().any(|v| v.is_nan() || v.abs() > LARGEST) {
        return Err(fail(
            "the number is too large to be kept exactly (the largest is 9,007,199,254,740,992)",
        ));
    }
    Ok(figure)
}

/// The largest number kept exactly: 2^53.
const LARGEST: f64 = 9_007_199_254_740_992.0;

/// The runs of digits, dots and commas of a text, without a trailing dot
/// or comma (the end of a sentence).
fn numbers(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .map(|run| run.trim_end_matches(['.', ',']))
        .filter(|run| run.starts_with(|c: char| c.is_ascii_digit()))
}

/// Why a number written like this cannot be read without guessing.
fn ambiguity(number: &str) -> Option<String> {
    let (whole, fraction) = match number.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (number, None),
    };
    if whole.split(',').skip(1).any(|group| group.len() == 2) {
        return Some(format!(
            "\"{number}\" groups digits in twos (Indian notation?), commas group digits in threes: write {}",
            number.replace(',', "")
        ));
    }
    match fraction {
        Some(fraction) if fraction.contains(['.', ',']) => Some(format!(
            "\"{number}\" has dots between thousands or a decimal comma (European notation?): write {}",
            number.replace('.', "").replace(',', ".")
        )),
        Some(fraction) if fraction.len() == 3 && !whole.contains(',') && whole != "0" => {
            let decimals = match fraction.trim_end_matches('0') {
                "" => "0",
                kept => kept,
            };
            Some(format!(
                "\"{number}\" could use a dot between thousands (European notation) or have three decimals: write {whole}{fraction} or {whole}.{decimals}"
            ))
        }
        _ => None,
    }
}

/// Reads a normalised figure.
fn read_figure(normal: &str, fail: &dyn Fn(&str) -> FigureError) -> Result<Figure, FigureError> {
    let (prefix, rest) = strip_prefix_qualifier(normal);
    if prefix.is_none() {
        if let Some(after) = rest.strip_prefix("between ") {
            let (low, after) = read_amount(after).ok_or_else(|| fail(""))?;
            let (low_unit, after) =
                split_unit(after, &["and "]).ok_or_else(|| fail("\"between\" needs \"and\""))?;
            let (high, after) = read_amount(after).ok_or_else(|| fail(""))?;
            return finish_range(low, high, low_unit, after, fail);
        }
    }
    let (first, rest) = read_amount(rest).ok_or_else(|| fail(""))?;

    let after = rest.trim_start();
    if let Some((first_unit, second)) = split_unit(after, RANGE_SEPARATORS) {
        if second.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
            let (high, after) = read_amount(second).ok_or_else(|| fail(""))?;
            if matches!(prefix, Some(q) if q != Qualifier::Approx) {
                return Err(fail("a range cannot also be bounded by words"));
            }
            return finish_range(first, high, first_unit, after, fail);
        }
    }

    let (plus, after) = match after.strip_prefix('+') {
        Some(a) => (true, a.trim_start()),
        None => (false, after),
    };
    let qualifier = match (prefix, plus) {
        (Some(_), true) => return Err(fail("a trailing \"+\" cannot follow qualifying words")),
        (None, true) => Qualifier::MoreThan,
        (Some(q), false) => q,
        (None, false) => Qualifier::Exact,
    };
    let value = first.value;
    let (low, high) = match qualifier {
        Qualifier::Exact => (Some(value), Some(value)),
        Qualifier::MoreThan | Qualifier::AtLeast => (Some(value), None),
        Qualifier::UpTo | Qualifier::AtMost | Qualifier::LessThan | Qualifier::Almost => (None, Some(value)),
        Qualifier::Approx | Qualifier::Range => (None, None),
    };
    Ok(Figure {
        qualifier,
        best: Some(value),
        low,
        high,
        unit: read_unit(after, fail)?,
        precision: first.precision,
    })
}

/// What may stand between the two ends of a range: "3,000–5,000",
/// "5% to 10%", "18,000 or 20,000".
const RANGE_SEPARATORS: &[&str] = &["–", "—", "-", "to ", "or "];

/// Splits "% to 10%" into the unit before a separator ("%") and what follows
/// the separator ("10%"). The unit may be absent ("–5,000"); a separator
/// that is a word starts a word.
fn split_unit<'t>(text: &'t str, separators: &[&str]) -> Option<(Option<&'t str>, &'t str)> {
    for (i, c) in text.char_indices() {
        let starts_word = i == 0 || text[..i].ends_with(' ');
        // a number ends a unit ("km2" is a unit, "12 34" two numbers)
        if c.is_ascii_digit() && starts_word {
            return None;
        }
        let rest = &text[i..];
        let found =
            separators.iter().find(|sep| (starts_word || !sep.ends_with(' ')) && rest.starts_with(*sep));
        if let Some(sep) = found {
            let unit = text[..i].trim();
            return Some(((!unit.is_empty()).then_some(unit), rest[sep.len()..].trim_start()));
        }
    }
    None
}

fn finish_range(
    first: Amount,
    second: Amount,
    first_unit: Option<&str>,
    after: &str,
    fail: &dyn Fn(&str) -> FigureError,
) -> Result<Figure, FigureError> {
    // "3 to 4 million" is 3 million to 4 million; "900,000 to 1.2 million" as written
    let shares_multiplier =
        first.factor == 1.0 && second.factor > 1.0 && first.value <= second.value / second.factor;
    let first = if first_unit.is_none() && shares_multiplier { first.times(second.factor) } else { first };
    // "-30 to -40%": a fall of 30 to 40 is written from the smaller fall
    let (low, high) =
        if first.value > second.value && first.value <= 0.0 { (second, first) } else { (first, second) };
    if low.value > high.value {
        return Err(fail("the low end of the range is above the high end"));
    }
    let unit = read_unit(after, fail)?;
    if let Some(first_unit) = first_unit {
        let same = unit.as_deref().is_some_and(|u| same_unit(first_unit, u));
        if !same {
            let second = unit.as_deref().map_or("none".to_string(), |u| format!("\"{u}\""));
            return Err(fail(&format!(
                "the two ends of the range are in different units (\"{first_unit}\" and {second}): give both in one unit"
            )));
        }
    }
    Ok(Figure {
        qualifier: Qualifier::Range,
        best: Some((low.value + high.value) / 2.0),
        low: Some(low.value),
        high: Some(high.value),
        unit,
        precision: low.precision.combine(high.precision, false),
    })
}

/// Whether two unit words name the same unit ("km²" and "km2").
fn same_unit(a: &str, b: &str) -> bool {
    match (crate::units::parse(a), crate::units::parse(b)) {
        (Ok(a), Ok(b)) => a.symbol == b.symbol,
        _ => a == b,
    }
}

/// Lower case, one space between words, typographic minus and spaces folded.
/// (One pass and one string: every figure of an import goes through here.)
fn normalise(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        match c {
            ' ' | '\u{a0}' | '\u{2009}' | '\u{202f}' | '\t' | '\n' | '\r' => space = !folded.is_empty(),
            _ => {
                if std::mem::take(&mut space) {
                    folded.push(' ');
                }
                folded.push(if c == '\u{2212}' { '-' } else { c });
            }
        }
    }
    if folded.is_ascii() {
        folded.make_ascii_lowercase();
        folded
    } else {
        folded.to_lowercase()
    }
}

/// Words that make the verb after them a forecast: "could exceed 60 billion".
const MODALS: &[&str] = &["could", "may", "might", "would", "expected to", "likely to", "set to"];

/// Verbs that set a bound when a modal comes before them ("could exceed"), or alone in the present.
const BOUND_VERBS: &[(&str, Qualifier, bool)] = &[
    ("exceeds", Qualifier::MoreThan, true),
    ("tops", Qualifier::MoreThan, true),
    // "Quake toll passes 2,000": a headline's present
    ("passes", Qualifier::MoreThan, true),
    ("surpasses", Qualifier::MoreThan, true),
    ("crosses", Qualifier::MoreThan, true),
    ("exceed", Qualifier::MoreThan, true),
    ("surpass", Qualifier::MoreThan, false),
    ("top", Qualifier::MoreThan, false),
    ("pass", Qualifier::MoreThan, false),
    ("rise to", Qualifier::UpTo, false),
    ("climb to", Qualifier::UpTo, false),
    ("reach", Qualifier::UpTo, false),
    ("hit", Qualifier::UpTo, false),
    // "could approach $50 billion": near it, from under
    ("approach", Qualifier::Almost, false),
];

/// A bound set by a verb: "could exceed 60 billion" (more than), "may reach 1,000" (up to).
fn strip_bound_verb(text: &str) -> Option<(Qualifier, &str)> {
    let modal = MODALS.iter().find_map(|m| text.strip_prefix(m).and_then(|r| r.strip_prefix(' ')));
    let verb_text = modal.unwrap_or(text);
    BOUND_VERBS.iter().filter(|(_, _, alone)| modal.is_some() || *alone).find_map(|(verb, qualifier, _)| {
        let rest = verb_text.strip_prefix(verb)?.strip_prefix(' ')?;
        Some((*qualifier, rest))
    })
}

fn strip_prefix_qualifier(text: &str) -> (Option<Qualifier>, &str) {
    // most figures begin with their number, and no qualifying words begin
    // with a digit: 100 phrases tried against each was a sixth of a parse
    if text.starts_with(|c: char| c.is_ascii_digit()) {
        return (None, text);
    }
    if let Some((qualifier, rest)) = strip_bound_verb(text) {
        return (Some(qualifier), rest.trim_start());
    }
    for (phrase, qualifier) in PREFIXES {
        if let Some(rest) = text.strip_prefix(phrase) {
            let symbol = !phrase.chars().last().is_some_and(char::is_alphabetic);
            if symbol || rest.is_empty() || rest.starts_with(' ') {
                return (Some(*qualifier), rest.trim_start());
            }
        }
    }
    (None, text)
}

/// A number with an optional sign and multiplier; returns it and the rest.
fn read_amount(text: &str) -> Option<(Amount, &str)> {
    let text = text.trim_start();
    let (sign, unsigned) = match text.chars().next()? {
        '-' => (-1.0, &text[1..]),
        '+' => (1.0, &text[1..]),
        _ => (1.0, text),
    };
    let (number, digits, decimals, rest) = read_number(unsigned.trim_start())?;
    let (factor, rest) = read_multiplier(rest);
    let value = sign * number * factor;
    Some((Amount { value, precision: Precision::written(value, digits, decimals, factor), factor }, rest))
}

/// Digits with optional thousands commas ("1,121.6") and a decimal part;
/// returns the number, its significant figures and decimals, and the rest.
fn read_number(text: &str) -> Option<(f64, u32, u32, &str)> {
    let bytes = text.as_bytes();
    let mut end = 0;
    let mut digits = String::new();
    let mut seen_point = false;
    let mut group_len: Option<usize> = None; // digits since the last comma
    while end < bytes.len() {
        let c = bytes[end];
        if c.is_ascii_digit() {
            digits.push(c as char);
            group_len = group_len.map(|n| n + 1);
            end += 1;
        } else if c == b',' && !seen_point && !digits.is_empty() {
            // a thousands separator needs exactly three digits after it
            let next3 = bytes.get(end + 1..end + 4)?;
            if !next3.iter().all(u8::is_ascii_digit) {
                break;
            }
            if group_len.is_some_and(|n| n != 3) {
                return None;
            }
            group_len = Some(0);
            end += 1;
        } else if c == b'.' && !seen_point && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
            if group_len.is_some_and(|n| n != 3) {
                return None;
            }
            group_len = None;
            seen_point = true;
            digits.push('.');
            end += 1;
        } else {
            break;
        }
    }
    if group_len.is_some_and(|n| n != 3) || digits.is_empty() {
        return None;
    }
    // not finite when too large: `parse` says so
    let value: f64 = digits.parse().ok()?;
    let decimals = digits.split_once('.').map_or(0, |(_, f)| f.len() as u32);
    let significant = digits.trim_start_matches(['0', '.']).chars().filter(char::is_ascii_digit).count();
    Some((value, (significant as u32).max(1), decimals, &text[end..]))
}

fn read_multiplier(text: &str) -> (f64, &str) {
    let trimmed = text.trim_start();
    for (word, factor) in MULTIPLIERS {
        if let Some(rest) = trimmed.strip_prefix(word) {
            let ends_word = !rest.chars().next().is_some_and(char::is_alphanumeric);
            // "12k" may touch the number; "1.2 million" may not be glued to a unit
            if ends_word {
                return (*factor, rest);
            }
        }
    }
    (1.0, text)
}

fn read_unit(text: &str, fail: &dyn Fn(&str) -> FigureError) -> Result<Option<String>, FigureError> {
    let unit = text.trim();
    if unit.is_empty() {
        return Ok(None);
    }
    if unit.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(fail(&format!("unexpected \"{unit}\" after the number")));
    }
    Ok(Some(unit.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Qualifier::*;

    type Row = (&'static str, Qualifier, Option<f64>, Option<f64>, Option<f64>, Option<&'static str>);

    #[test]
    fn no_qualifying_words_begin_with_a_digit() {
        // what strip_prefix_qualifier's fast path for a leading digit relies on
        let phrases = PREFIXES.iter().map(|(p, _)| *p).chain(MODALS.iter().copied());
        for phrase in phrases.chain(BOUND_VERBS.iter().map(|(v, _, _)| *v)) {
            assert!(!phrase.starts_with(|c: char| c.is_ascii_digit()), "{phrase}");
        }
    }

    #[test]
    fn accepted_forms() {
        let rows: &[Row] = &[
            ("1,000", Exact, Some(1000.0), Some(1000.0), Some(1000.0), None),
            ("1000", Exact, Some(1000.0), Some(1000.0), Some(1000.0), None),
            ("1,121.6", Exact, Some(1121.6), Some(1121.6), Some(1121.6), None),
            ("more than 1,000", MoreThan, Some(1000.0), Some(1000.0), None, None),
            ("over 1,000", MoreThan, Some(1000.0), Some(1000.0), None, None),
            (">1000", MoreThan, Some(1000.0), Some(1000.0), None, None),
            ("1,000+", MoreThan, Some(1000.0), Some(1000.0), None, None),
            ("at least 1,000", AtLeast, Some(1000.0), Some(1000.0), None, None),
            ("about 380", Approx, Some(380.0), None, None, None),
            ("around 380", Approx, Some(380.0), None, None, None),
            ("approximately 380", Approx, Some(380.0), None, None, None),
            ("roughly 380", Approx, Some(380.0), None, None, None),
            ("some 380", Approx, Some(380.0), None, None, None),
            ("~380", Approx, Some(380.0), None, None, None),
            ("c. 380", Approx, Some(380.0), None, None, None),
            ("an estimated 380", Approx, Some(380.0), None, None, None),
            ("up to 12,000", UpTo, Some(12000.0), None, Some(12000.0), None),
            ("as many as 12,000", UpTo, Some(12000.0), None, Some(12000.0), None),
            ("as few as 122", AtLeast, Some(122.0), Some(122.0), None, None),
            ("at most 12,000", AtMost, Some(12000.0), None, Some(12000.0), None),
            ("no more than 12,000", AtMost, Some(12000.0), None, Some(12000.0), None),
            ("almost 10%", Almost, Some(10.0), None, Some(10.0), Some("%")),
            ("nearly 10%", Almost, Some(10.0), None, Some(10.0), Some("%")),
            ("just under 10%", Almost, Some(10.0), None, Some(10.0), Some("%")),
            ("could exceed 60 billion", MoreThan, Some(60e9), Some(60e9), None, None),
            ("passes 2,000", MoreThan, Some(2000.0), Some(2000.0), None, None),
            ("could approach 50 billion", Almost, Some(50e9), None, Some(50e9), None),
            ("may reach 1,000", UpTo, Some(1000.0), None, Some(1000.0), None),
            ("well over 100 billion", MoreThan, Some(100e9), Some(100e9), None, None),
            ("past 80", MoreThan, Some(80.0), Some(80.0), None, None),
            ("above 40%", MoreThan, Some(40.0), Some(40.0), None, Some("%")),
            ("10 crore", Exact, Some(1e8), Some(1e8), Some(1e8), None),
            ("2.5 lakh", Exact, Some(250_000.0), Some(250_000.0), Some(250_000.0), None),
            ("1.2 trillion", Exact, Some(1.2e12), Some(1.2e12), Some(1.2e12), None),
            ("3,000–5,000", Range, Some(4000.0), Some(3000.0), Some(5000.0), None),
            ("3,000-5,000", Range, Some(4000.0), Some(3000.0), Some(5000.0), None),
            ("3,000 – 5,000 soldiers", Range, Some(4000.0), Some(3000.0), Some(5000.0), Some("soldiers")),
            ("3,000 to 5,000", Range, Some(4000.0), Some(3000.0), Some(5000.0), None),
            ("between 3,000 and 5,000", Range, Some(4000.0), Some(3000.0), Some(5000.0), None),
            ("1.2 million", Exact, Some(1_200_000.0), Some(1_200_000.0), Some(1_200_000.0), None),
            ("12k", Exact, Some(12000.0), Some(12000.0), Some(12000.0), None),
            ("12 thousand", Exact, Some(12000.0), Some(12000.0), Some(12000.0), None),
            ("-40%", Exact, Some(-40.0), Some(-40.0), Some(-40.0), Some("%")),
            ("−40%", Exact, Some(-40.0), Some(-40.0), Some(-40.0), Some("%")),
            ("about -40%", Approx, Some(-40.0), None, None, Some("%")),
            ("about 380 square miles", Approx, Some(380.0), None, None, Some("square miles")),
            ("380 sq mi", Exact, Some(380.0), Some(380.0), Some(380.0), Some("sq mi")),
            ("1,121.6 km²", Exact, Some(1121.6), Some(1121.6), Some(1121.6), Some("km²")),
            ("984 km2", Exact, Some(984.0), Some(984.0), Some(984.0), Some("km2")),
            ("10%", Exact, Some(10.0), Some(10.0), Some(10.0), Some("%")),
            ("More Than 1,000 soldiers", MoreThan, Some(1000.0), Some(1000.0), None, Some("soldiers")),
            ("-5 to -3", Range, Some(-4.0), Some(-5.0), Some(-3.0), None),
            ("less than 1,000", LessThan, Some(1000.0), None, Some(1000.0), None),
            ("fewer than 1,000 soldiers", LessThan, Some(1000.0), None, Some(1000.0), Some("soldiers")),
            ("under 1,000", LessThan, Some(1000.0), None, Some(1000.0), None),
            ("below 5%", LessThan, Some(5.0), None, Some(5.0), Some("%")),
            ("<1000", LessThan, Some(1000.0), None, Some(1000.0), None),
            ("< 1000", LessThan, Some(1000.0), None, Some(1000.0), None),
            ("just under 1,000", Almost, Some(1000.0), None, Some(1000.0), None),
            ("no less than 1,000", AtLeast, Some(1000.0), Some(1000.0), None, None),
            ("exceeded 1,000", MoreThan, Some(1000.0), Some(1000.0), None, None),
            ("in excess of 1,000", MoreThan, Some(1000.0), Some(1000.0), None, None),
            ("just over 1,000", MoreThan, Some(1000.0), Some(1000.0), None, None),
            ("as high as 12,000", UpTo, Some(12000.0), None, Some(12000.0), None),
            ("5% to 10%", Range, Some(7.5), Some(5.0), Some(10.0), Some("%")),
            ("5%–10%", Range, Some(7.5), Some(5.0), Some(10.0), Some("%")),
            ("5 % - 10 %", Range, Some(7.5), Some(5.0), Some(10.0), Some("%")),
            ("between 5% and 10%", Range, Some(7.5), Some(5.0), Some(10.0), Some("%")),
            ("3,000 km² to 5,000 km²", Range, Some(4000.0), Some(3000.0), Some(5000.0), Some("km²")),
            ("3,000 km2 to 5,000 km²", Range, Some(4000.0), Some(3000.0), Some(5000.0), Some("km²")),
            ("-30 to -40%", Range, Some(-35.0), Some(-40.0), Some(-30.0), Some("%")),
            ("-30% to -40%", Range, Some(-35.0), Some(-40.0), Some(-30.0), Some("%")),
            ("-40% to 0%", Range, Some(-20.0), Some(-40.0), Some(0.0), Some("%")),
            ("18,000 or 20,000", Range, Some(19000.0), Some(18000.0), Some(20000.0), None),
            (
                "18,000 or 20,000 people",
                Range,
                Some(19000.0),
                Some(20000.0 - 2000.0),
                Some(20000.0),
                Some("people"),
            ),
            ("between 2 and 3 million", Range, Some(2.5e6), Some(2e6), Some(3e6), None),
            ("3 to 4.5 million people", Range, Some(3.75e6), Some(3e6), Some(4.5e6), Some("people")),
            ("900,000 to 1.2 million", Range, Some(1.05e6), Some(9e5), Some(1.2e6), None),
            ("-5 pp", Exact, Some(-5.0), Some(-5.0), Some(-5.0), Some("pp")),
            (
                "3,000 killed or wounded",
                Exact,
                Some(3000.0),
                Some(3000.0),
                Some(3000.0),
                Some("killed or wounded"),
            ),
            (
                "3,000 armoured-vehicles",
                Exact,
                Some(3000.0),
                Some(3000.0),
                Some(3000.0),
                Some("armoured-vehicles"),
            ),
        ];
        for (text, qualifier, best, low, high, unit) in rows {
            let got = parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
            assert_eq!(got.qualifier, *qualifier, "qualifier of {text:?}");
            assert_eq!(got.best, *best, "best of {text:?}");
            assert_eq!(got.low, *low, "low of {text:?}");
            assert_eq!(got.high, *high, "high of {text:?}");
            assert_eq!(got.unit.as_deref(), *unit, "unit of {text:?}");
        }
    }

    #[test]
    fn ambiguous_and_huge_numbers_are_refused_saying_why() {
        for (text, why) in [
            ("1.000", "write 1000 or 1.0"),
            ("about 12.500 soldiers", "write 12500 or 12.5"),
            ("1.250 million", "write 1250 or 1.25"),
            ("-1.000", "European notation"),
            ("1.000.000", "write 1000000"),
            ("1.000,5", "write 1000.5"),
            ("1,00,000", "Indian notation?), commas group digits in threes: write 100000"),
            ("more than 10,00,000 people", "Indian notation"),
            ("1,00", "groups digits in twos"),
            ("3,000–5.000", "European notation"),
            (&"9".repeat(300), "too large"),
            (&format!("1{}", "0".repeat(400)), "too large"),
            ("9,999,999 billion", "too large"),
        ] {
            let error = parse(text).expect_err(text).to_string();
            assert!(error.contains(why), "{text:?}: {error}");
        }
    }

    #[test]
    fn precision_is_what_was_written() {
        for (text, digits, decimals, rounding) in [
            ("386", 3, 0, 0.5 / 386.0),
            ("380", 3, 0, 0.5 / 380.0),
            ("1,121.6", 5, 1, 0.05 / 1121.6),
            ("1.2 million", 2, 0, 0.05 / 1.2),
            ("12k", 2, 0, 0.5 / 12.0),
            ("about 0.25", 2, 2, 0.005 / 0.25),
            ("3,000-5,000.5", 5, 1, 0.5 / 3000.0),
        ] {
            let p = parse(text).unwrap().precision;
            assert_eq!((p.digits, p.decimals), (Some(digits), Some(decimals)), "{text}");
            assert!((p.rounding - rounding).abs() < 1e-12, "{text}: {}", p.rounding);
        }
    }

    #[test]
    fn numbers_that_are_not_ambiguous_are_read() {
        for (text, value) in [
            ("1.5", 1.5),
            ("0.25", 0.25),
            ("0.250", 0.25),
            ("12.000001", 12.000001),
            ("1,000.5", 1000.5),
            ("1,000.500", 1000.5),
            ("1,000,000", 1e6),
            ("12.50", 12.5),
            ("about 1,000.", 1000.0),
            ("9,007,199,254,740,992", 9_007_199_254_740_992.0),
        ] {
            assert_eq!(parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}")).best, Some(value), "{text:?}");
        }
    }

    #[test]
    fn unreadable_forms() {
        for text in [
            "",
            "dozens",
            "lots",
            "more then 1,000",
            "1,00",
            "5,000-3,000",
            "about",
            "about 1,000+",
            "12 34",
            "1,0000",
            "5% to 10 km²",
            "5% to 10",
            "between 5% and",
            "more than 5 to 10",
            "10 to 5",
        ] {
            assert!(parse(text).is_err(), "{text:?} should not be read");
        }
    }

    proptest::proptest! {
        #[test]
        fn normalising_folds_spaces_minus_and_case(text in "[ \u{a0}\u{2009}\t\n\r\u{2212}aZΣ1,.-]{0,16}") {
            // the plain way: fold, split on spaces, join, lower-case
            let folded: String = text
                .chars()
                .map(|c| match c {
                    '\u{a0}' | '\u{2009}' | '\u{202f}' | '\t' | '\n' | '\r' => ' ',
                    '\u{2212}' => '-',
                    _ => c,
                })
                .collect();
            let plain = folded.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ").to_lowercase();
            proptest::prop_assert_eq!(normalise(&text), plain);
        }

        #[test]
        fn never_panics_and_bounds_are_ordered(text in "\\PC{0,24}") {
            if let Ok(f) = parse(&text) {
                if let (Some(l), Some(b)) = (f.low, f.best) { proptest::prop_assert!(l <= b, "{text:?}"); }
                if let (Some(b), Some(h)) = (f.best, f.high) { proptest::prop_assert!(b <= h, "{text:?}"); }
            }
        }

        #[test]
        fn figure_like_text_never_panics(text in "(about |more than |up to |~|between )?-?[0-9,.]{1,9}(k| million)?( ?[-–] ?[0-9,.]{1,7}| and [0-9]{1,4})?\\+?( ?%| sq mi| soldiers)?") {
            if let Ok(f) = parse(&text) {
                if let (Some(l), Some(h)) = (f.low, f.high) { proptest::prop_assert!(l <= h, "{text:?}"); }
            }
        }
    }
}
