//! Units as stated and conversion between units of one dimension.
//!
//! Area, length and percent units come from a fixed table, currencies from
//! their ISO codes (never converted into each other). Any other plain
//! noun ("soldiers", "tanks") is a count unit, equal to itself and to its
//! singular; two different nouns are the same only when the ledger says so.
//!
//! Percentage points (`pp`) are a unit of their own: a change of a
//! percentage in points adds to it (25% − 5 pp = 20%), where a change in
//! percent multiplies (25% − 5% = 23.75%).

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    Area,
    Length,
    Percent,
    /// A difference between two percentages.
    PercentPoints,
    Count,
    /// An amount in one currency; two currencies never convert (no
    /// exchange rate is guessed).
    Money,
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Dimension::Area => "area",
            Dimension::Length => "length",
            Dimension::Percent => "percent",
            Dimension::PercentPoints => "percentage points",
            Dimension::Count => "count",
            Dimension::Money => "money",
        })
    }
}

/// A unit in its canonical spelling, with what one of it is worth in the
/// dimension's base (m² for area, m for length).
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub symbol: String,
    pub dimension: Dimension,
    pub factor: f64,
}

struct Known {
    symbol: &'static str,
    dimension: Dimension,
    factor: f64,
    spellings: &'static [&'static str],
}

const SQ_MI_M2: f64 = 2_589_988.110_336;

const KNOWN: &[Known] = &[
    Known {
        symbol: "%",
        dimension: Dimension::Percent,
        factor: 1.0,
        spellings: &["%", "percent", "per cent", "pct"],
    },
    Known {
        symbol: "km²",
        dimension: Dimension::Area,
        factor: 1e6,
        spellings: &[
            "km²",
            "km2",
            "km^2",
            "sq km",
            "sq. km",
            "sq. km.",
            "square kilometers",
            "square kilometres",
            "square kilometer",
            "square kilometre",
        ],
    },
    Known {
        symbol: "sq mi",
        dimension: Dimension::Area,
        factor: SQ_MI_M2,
        spellings: &[
            "sq mi",
            "sq. mi",
            "sq. mi.",
            "sq mi.",
            "mi²",
            "mi2",
            "square miles",
            "square mile",
            "sqmi",
        ],
    },
    Known {
        symbol: "ha",
        dimension: Dimension::Area,
        factor: 1e4,
        spellings: &["ha", "hectares", "hectare"],
    },
    Known {
        symbol: "acres",
        dimension: Dimension::Area,
        factor: 4_046.856_422_4,
        spellings: &["acres", "acre", "ac"],
    },
    Known {
        symbol: "m²",
        dimension: Dimension::Area,
        factor: 1.0,
        spellings: &["m²", "m2", "square meters", "square metres"],
    },
    Known {
        symbol: "km",
        dimension: Dimension::Length,
        factor: 1e3,
        spellings: &["km", "kilometers", "kilometres", "kilometer", "kilometre"],
    },
    Known {
        symbol: "mi",
        dimension: Dimension::Length,
        factor: 1_609.344,
        spellings: &["mi", "miles", "mile"],
    },
    Known {
        symbol: "m",
        dimension: Dimension::Length,
        factor: 1.0,
        spellings: &["m", "meters", "metres", "meter", "metre"],
    },
    Known {
        symbol: "pp",
        dimension: Dimension::PercentPoints,
        factor: 1.0,
        spellings: &["pp", "p.p.", "percentage points", "percentage point", "percent points"],
    },
];

/// Currencies by their ISO 4217 code, the only spelling read: "dollars"
/// or "pesos" name many currencies, and a guess between them is no unit.
pub const CURRENCIES: &[&str] = &[
    "USD", "EUR", "GBP", "JPY", "CNY", "INR", "CHF", "CAD", "AUD", "HKD", "BRL", "UAH", "RUB", "TRY", "ILS",
    "SAR", "AED", "LYD", "IQD", "PKR", "LKR", "EGP", "SDG", "ARS", "MXN", "PHP", "COP", "CLP", "KES", "MWK",
    "ZMW", "KRW", "NGN", "ZAR", "BDT", "IDR", "PLN", "SEK", "NOK", "DKK", "NZD", "SGD", "THB", "VND", "IRR",
    "MAD", // the IMF's special drawing rights ("SDR 2.286 billion") have an ISO code too
    "XDR",
];

/// Units people write that this ledger cannot convert, so a plain-noun
/// reading of them as counts would be a guess.
const UNSUPPORTED: &[&str] = &[
    "kg",
    "g",
    "t",
    "tonnes",
    "tons",
    "ton",
    "tonne",
    "lb",
    "lbs",
    "liters",
    "litres",
    "l",
    "ft",
    "feet",
    "yards",
    "yd",
    "hours",
    "days",
    "weeks",
    "months",
    "years",
    "minutes",
    "seconds",
    // currencies by name: a code says which dollar or peso ("pounds" may also be a weight)
    "pounds",
    "pound",
    "dollars",
    "euros",
    "pesos",
    "rupees",
    "francs",
    "dinars",
    "dirhams",
    "yen",
    "yuan",
    "hryvnias",
    "rubles",
    "roubles",
    "shekels",
    "riyals",
    "lira",
    "naira",
    "rand",
    "reais",
    "shillings",
];

/// Why a unit could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("unknown unit \"{0}\"")]
pub struct UnitError(pub String);

/// The list shown in the hint of an unknown unit.
pub fn known_units_hint() -> String {
    let symbols: Vec<&str> = KNOWN.iter().map(|k| k.symbol).collect();
    format!(
        "known units: {}; a currency by its code (USD, EUR, UAH, ...); or a plain noun for a count (\"soldiers\", \"tanks\")",
        symbols.join(", ")
    )
}

/// Reads a unit as written ("square miles", "km2", "soldiers").
pub fn parse(text: &str) -> Result<Unit, UnitError> {
    let written = text.trim();
    let lower = written.to_lowercase();
    let lower = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(known) = KNOWN.iter().find(|k| k.spellings.contains(&lower.as_str())) {
        return Ok(Unit {
            symbol: known.symbol.to_string(),
            dimension: known.dimension,
            factor: known.factor,
        });
    }
    if let Some(code) = CURRENCIES.iter().find(|c| c.eq_ignore_ascii_case(&lower)) {
        return Ok(Unit { symbol: code.to_string(), dimension: Dimension::Money, factor: 1.0 });
    }
    let is_noun = lower.chars().count() >= 3
        && lower.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '-')
        && lower.starts_with(char::is_alphabetic)
        && !UNSUPPORTED.contains(&lower.as_str());
    if is_noun {
        return Ok(Unit { symbol: lower, dimension: Dimension::Count, factor: 1.0 });
    }
    Err(UnitError(written.to_string()))
}

/// The singular of a count noun, by the common English endings.
pub fn singular(noun: &str) -> String {
    if let Some(stem) = noun.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for ending in ["sses", "shes", "ches", "xes"] {
        if let Some(stem) = noun.strip_suffix(ending) {
            return format!("{stem}{}", &ending[..ending.len() - 2]);
        }
    }
    match noun.strip_suffix('s') {
        Some(stem) if !noun.ends_with("ss") => stem.to_string(),
        _ => noun.to_string(),
    }
}

/// Whether two count nouns name the same thing without an alias.
pub fn same_noun(a: &str, b: &str) -> bool {
    a == b || singular(a) == singular(b)
}

/// How a figure in `from` becomes a figure in `to`, if the two convert.
/// Count nouns are compared by the caller, who knows the ledger's aliases.
/// Percentage points are added to a percentage as they are.
pub fn factor(from: &Unit, to: &Unit) -> Option<f64> {
    let points_to_percent = from.dimension == Dimension::PercentPoints && to.dimension == Dimension::Percent;
    let other_currency = from.dimension == Dimension::Money && from.symbol != to.symbol;
    (from.dimension == to.dimension && !other_currency || points_to_percent).then(|| from.factor / to.factor)
}

/// The unit the difference of two figures in `unit` is in: two
/// percentages differ by percentage points (21% to 18% is −3 pp, not −3%).
pub fn difference_unit(unit: &str) -> &str {
    if unit == "%" {
        "pp"
    } else {
        unit
    }
}

/// The unit a claim on a metric in `metric_unit` is stated in: "points" on
/// a percentage metric are percentage points, elsewhere a count noun.
pub fn on_metric(unit: Unit, metric_unit: &Unit) -> Unit {
    let points = matches!(unit.symbol.as_str(), "points" | "point" | "pts");
    if points && metric_unit.dimension == Dimension::Percent {
        parse("pp").unwrap_or(unit)
    } else {
        unit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_read_to_their_symbol() {
        for (text, symbol, dimension) in [
            ("square miles", "sq mi", Dimension::Area),
            ("sq mi", "sq mi", Dimension::Area),
            ("km2", "km²", Dimension::Area),
            ("Square Kilometres", "km²", Dimension::Area),
            ("hectares", "ha", Dimension::Area),
            ("acres", "acres", Dimension::Area),
            ("miles", "mi", Dimension::Length),
            ("km", "km", Dimension::Length),
            ("percent", "%", Dimension::Percent),
            ("percentage points", "pp", Dimension::PercentPoints),
            ("pp", "pp", Dimension::PercentPoints),
            ("%", "%", Dimension::Percent),
            ("soldiers", "soldiers", Dimension::Count),
            ("Armoured vehicles", "armoured vehicles", Dimension::Count),
            ("USD", "USD", Dimension::Money),
            ("uah", "UAH", Dimension::Money),
        ] {
            let unit = parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!((unit.symbol.as_str(), unit.dimension), (symbol, dimension), "{text}");
        }
    }

    #[test]
    fn unknown_units_are_errors() {
        for text in ["kg", "$", "m/s", "°C", "x", "dollars", "pesos", "pounds", "12"] {
            assert!(parse(text).is_err(), "{text} should be unknown");
        }
    }

    #[test]
    fn conversions_inside_a_dimension() {
        let sq_mi = parse("sq mi").unwrap();
        let km2 = parse("km²").unwrap();
        let f = factor(&sq_mi, &km2).unwrap();
        assert!((380.0 * f - 984.196).abs() < 0.01, "380 sq mi is {}", 380.0 * f);
        assert!((factor(&parse("ha").unwrap(), &km2).unwrap() - 0.01).abs() < 1e-12);
        assert!((factor(&parse("mi").unwrap(), &parse("km").unwrap()).unwrap() - 1.609344).abs() < 1e-12);
        assert_eq!(factor(&sq_mi, &parse("km").unwrap()), None);
        assert_eq!(factor(&parse("%").unwrap(), &km2), None);
        let (pp, percent) = (parse("pp").unwrap(), parse("%").unwrap());
        assert_eq!(factor(&pp, &percent), Some(1.0), "points add to a percentage");
        assert_eq!(factor(&percent, &pp), None, "a percentage is not a difference of two");
        assert_eq!(on_metric(parse("points").unwrap(), &percent).symbol, "pp");
        assert_eq!(on_metric(parse("points").unwrap(), &km2).symbol, "points");
        assert_eq!((difference_unit("%"), difference_unit("km²")), ("pp", "km²"));
        let (usd, eur) = (parse("USD").unwrap(), parse("EUR").unwrap());
        assert_eq!(factor(&usd, &parse("usd").unwrap()), Some(1.0));
        assert_eq!(factor(&usd, &eur), None, "no exchange rate is guessed");
        assert_eq!(factor(&usd, &parse("soldiers").unwrap()), None);
    }

    #[test]
    fn nouns_match_their_singular() {
        assert!(same_noun("soldiers", "soldier"));
        assert!(same_noun("casualties", "casualty"));
        assert!(same_noun("tanks", "tanks"));
        assert!(same_noun("losses", "loss"));
        assert!(!same_noun("troops", "soldiers"));
        assert!(!same_noun("people", "persons"));
    }
}

/// Count nouns this ledger declares the same ("troops" = "soldiers").
#[derive(Debug, Clone, Default)]
pub struct Aliases(std::collections::HashMap<String, String>);

impl Aliases {
    pub fn new(pairs: impl IntoIterator<Item = (String, String)>) -> Self {
        Aliases(pairs.into_iter().map(|(a, b)| (singular(&a), singular(&b))).collect())
    }

    /// The noun an alias stands for, followed to its end.
    fn root(&self, noun: &str) -> String {
        let mut current = singular(noun);
        for _ in 0..8 {
            match self.0.get(&current) {
                Some(next) if *next != current => current = next.clone(),
                _ => break,
            }
        }
        current
    }

    pub fn same(&self, a: &str, b: &str) -> bool {
        same_noun(a, b) || self.root(a) == self.root(b)
    }
}

/// Why a figure in one unit cannot be read in another.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ConvertError {
    #[error("{from} ({from_dim}) cannot be converted to {to} ({to_dim})")]
    Dimension { from: String, from_dim: Dimension, to: String, to_dim: Dimension },
    #[error("\"{from}\" and \"{to}\" are different count nouns")]
    Nouns { from: String, to: String },
    #[error("{from} and {to} are different currencies (no exchange rate is guessed)")]
    Currencies { from: String, to: String },
}

/// The factor that turns a figure in `from` into one in `to`.
pub fn conversion(from: &Unit, to: &Unit, aliases: &Aliases) -> Result<f64, ConvertError> {
    if from.dimension == Dimension::Count && to.dimension == Dimension::Count {
        return if aliases.same(&from.symbol, &to.symbol) {
            Ok(1.0)
        } else {
            Err(ConvertError::Nouns { from: from.symbol.clone(), to: to.symbol.clone() })
        };
    }
    if from.dimension == Dimension::Money && to.dimension == Dimension::Money && from.symbol != to.symbol {
        return Err(ConvertError::Currencies { from: from.symbol.clone(), to: to.symbol.clone() });
    }
    factor(from, to).ok_or_else(|| ConvertError::Dimension {
        from: from.symbol.clone(),
        from_dim: from.dimension,
        to: to.symbol.clone(),
        to_dim: to.dimension,
    })
}

/// Conversion factors between units as written, each pair of spellings
/// worked out once: a report or a check meets the same few on every claim.
pub struct Conversions {
    aliases: Aliases,
    /// From-spelling, then to-spelling: looked up without building a key.
    factors: std::collections::HashMap<String, std::collections::HashMap<String, Result<f64, String>>>,
}

impl Conversions {
    pub fn new(aliases: Aliases) -> Self {
        Conversions { aliases, factors: Default::default() }
    }

    /// The factor that turns a figure in `from` into one in `to`, or why
    /// there is none.
    pub fn factor(&mut self, from: &str, to: &str) -> Result<f64, String> {
        if let Some(known) = self.factors.get(from).and_then(|to_units| to_units.get(to)) {
            return known.clone();
        }
        let factor = parse(from)
            .and_then(|f| Ok((f, parse(to)?)))
            .map_err(|e| e.to_string())
            .and_then(|(f, t)| conversion(&f, &t, &self.aliases).map_err(|e| e.to_string()));
        self.factors.entry(from.to_string()).or_default().insert(to.to_string(), factor.clone());
        factor
    }
}

#[cfg(test)]
mod alias_tests {
    use super::*;

    #[test]
    fn declared_nouns_convert_and_others_do_not() {
        let aliases = Aliases::new([("troops".to_string(), "soldiers".to_string())]);
        let soldiers = parse("soldiers").unwrap();
        assert_eq!(conversion(&parse("troops").unwrap(), &soldiers, &aliases), Ok(1.0));
        assert_eq!(conversion(&parse("troop").unwrap(), &soldiers, &aliases), Ok(1.0));
        assert_eq!(conversion(&parse("soldier").unwrap(), &soldiers, &Aliases::default()), Ok(1.0));
        assert!(matches!(
            conversion(&parse("people").unwrap(), &soldiers, &aliases),
            Err(ConvertError::Nouns { .. })
        ));
        assert!(matches!(
            conversion(&parse("%").unwrap(), &soldiers, &aliases),
            Err(ConvertError::Dimension { .. })
        ));
    }
}

/// The known units: symbol, dimension and accepted spellings.
pub fn table() -> impl Iterator<Item = (&'static str, Dimension, &'static [&'static str])> {
    KNOWN.iter().map(|k| (k.symbol, k.dimension, k.spellings))
}
