//! A figure as a report uses it: a best value and the bounds its words
//! imply, in one unit, with interval arithmetic for derived figures.
//!
//! Rules, written down so that reports can be checked by hand:
//! - "about" (approx) gives a best value and no bounds; it stays "about"
//!   through every operation it takes part in.
//! - An open bound stays open: a product or quotient has a lower bound only
//!   when both operands give the bounds it needs, and likewise the upper.
//! - Figures are taken as non-negative in products and quotients (counts,
//!   areas, shares); with a negative figure a bound is given only when
//!   both operands are bounded on both sides.
//! - A change of c% is the factor (1 + c/100).

use crate::figure::Qualifier;
use crate::output::pretty_number;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Estimate {
    pub best: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// The figure itself is approximate ("about", "almost").
    pub approx: bool,
    /// The lower bound is not reached ("more than"), rather than reached.
    pub strict: bool,
}

/// An estimate as JSON: the numbers and the qualifier they add up to.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EstimateJson {
    pub best: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub qualifier: &'static str,
    pub approx: bool,
    pub text: String,
}

impl Estimate {
    /// A claim's figure from its stored qualifier and bounds.
    pub fn from_claim(qualifier: &str, best: Option<f64>, low: Option<f64>, high: Option<f64>) -> Estimate {
        let q = Qualifier::parse(qualifier).unwrap_or(Qualifier::Approx);
        Estimate {
            best,
            low,
            high,
            approx: matches!(q, Qualifier::Approx | Qualifier::Almost),
            strict: matches!(q, Qualifier::MoreThan | Qualifier::Almost),
        }
    }

    pub fn exact(value: f64) -> Estimate {
        Estimate { best: Some(value), low: Some(value), high: Some(value), approx: false, strict: false }
    }

    /// The same figure in another unit (`factor` > 0).
    pub fn scale(self, factor: f64) -> Estimate {
        let by = |v: Option<f64>| v.map(|v| v * factor);
        Estimate { best: by(self.best), low: by(self.low), high: by(self.high), ..self }
    }

    /// A percentage as a fraction: 10% → 0.1.
    pub fn percent_to_fraction(self) -> Estimate {
        self.scale(0.01)
    }

    /// The factor a change of this many percent applies: −40% → 0.6.
    pub fn change_factor(self) -> Estimate {
        let f = |v: Option<f64>| v.map(|v| 1.0 + v / 100.0);
        Estimate { best: f(self.best), low: f(self.low), high: f(self.high), ..self }
    }

    fn non_negative(&self) -> bool {
        [self.best, self.low, self.high].iter().flatten().all(|v| *v >= 0.0)
    }

    fn bounded(&self) -> bool {
        self.low.is_some() && self.high.is_some()
    }

    fn combine(self, other: Estimate, best: Option<f64>, low: Option<f64>, high: Option<f64>) -> Estimate {
        Estimate { best, low, high, approx: self.approx || other.approx, strict: self.strict || other.strict }
    }

    /// The qualifier these numbers add up to.
    pub fn qualifier(&self) -> Qualifier {
        match (self.low, self.high) {
            (Some(l), Some(h)) if l == h => {
                if self.approx {
                    Qualifier::Approx
                } else {
                    Qualifier::Exact
                }
            }
            (Some(_), Some(_)) => Qualifier::Range,
            (Some(_), None) if self.strict => Qualifier::MoreThan,
            (Some(_), None) => Qualifier::AtLeast,
            (None, Some(_)) => Qualifier::UpTo,
            (None, None) => Qualifier::Approx,
        }
    }

    /// In words, with the unit: "about 228 sq mi", "more than about 10,000 soldiers".
    pub fn describe(&self, unit: &str) -> String {
        let mut text = String::with_capacity(32);
        self.describe_into(&mut text, unit);
        text
    }

    /// `describe`, written at the end of `text` (a report writes thousands).
    pub fn describe_into(&self, text: &mut String, unit: &str) {
        let about = if self.approx { "about " } else { "" };
        let mut number = |prefix: &str, v: f64| {
            text.push_str(prefix);
            text.push_str(about);
            text.push_str(&pretty_number(v));
        };
        match (self.qualifier(), self.low, self.high, self.best) {
            (Qualifier::Range, Some(l), Some(h), _) => {
                number("", l);
                text.push('–');
                text.push_str(&pretty_number(h));
            }
            (Qualifier::MoreThan | Qualifier::AtLeast, Some(l), _, _) => number(self.qualifier().words(), l),
            (Qualifier::UpTo, _, Some(h), _) => number("up to ", h),
            (Qualifier::Exact, Some(v), _, _) => text.push_str(&pretty_number(v)),
            (_, _, _, Some(b)) => {
                text.push_str("about ");
                text.push_str(&pretty_number(b));
            }
            _ => return text.push_str("unknown"),
        }
        if unit != "%" {
            text.push(' ');
        }
        text.push_str(unit);
    }

    pub fn to_json(&self, unit: &str) -> EstimateJson {
        let round = |v: Option<f64>| v.map(|v| (v * 1e6).round() / 1e6);
        EstimateJson {
            best: round(self.best),
            low: round(self.low),
            high: round(self.high),
            qualifier: self.qualifier().as_str(),
            approx: self.approx,
            text: self.describe(unit),
        }
    }

    /// The tightest statement both figures support, or none when they
    /// cannot both hold: the higher lower bound, the lower upper bound.
    pub fn intersect(&self, other: &Estimate) -> Option<Estimate> {
        if self.contradicts(other) {
            return None;
        }
        let (low, strict) = match (self.low, other.low) {
            (Some(a), Some(b)) if b > a => (Some(b), other.strict),
            (Some(a), _) => (Some(a), self.strict),
            (None, b) => (b, other.strict),
        };
        let high = match (self.high, other.high) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let best = match (self.best, other.best) {
            (Some(a), Some(b)) if a == b => Some(a),
            _ => None,
        }
        .or_else(|| low.zip(high).map(|(l, h)| (l + h) / 2.0));
        Some(Estimate { best, low, high, approx: self.approx || other.approx, strict })
    }

    /// Whether two figures cannot both hold: one's lower bound is above the
    /// other's upper bound.
    pub fn contradicts(&self, other: &Estimate) -> bool {
        let above = |low: Option<f64>, high: Option<f64>| matches!((low, high), (Some(l), Some(h)) if l > h * (1.0 + 1e-9));
        above(self.low, other.high) || above(other.low, self.high)
    }
}

fn zip(a: Option<f64>, b: Option<f64>, f: impl Fn(f64, f64) -> f64) -> Option<f64> {
    Some(f(a?, b?))
}

fn extremes(
    a: [Option<f64>; 2],
    b: [Option<f64>; 2],
    f: impl Fn(f64, f64) -> f64,
) -> (Option<f64>, Option<f64>) {
    let values: Vec<f64> = a
        .iter()
        .flatten()
        .flat_map(|x| b.iter().flatten().map(move |y| (x, y)))
        .map(|(x, y)| f(*x, *y))
        .collect();
    (values.iter().copied().reduce(f64::min), values.iter().copied().reduce(f64::max))
}

impl std::ops::Mul for Estimate {
    type Output = Estimate;

    fn mul(self, other: Estimate) -> Estimate {
        let best = zip(self.best, other.best, |a, b| a * b);
        if self.bounded() && other.bounded() {
            let (low, high) = extremes([self.low, self.high], [other.low, other.high], |a, b| a * b);
            return self.combine(other, best, low, high);
        }
        if !(self.non_negative() && other.non_negative()) {
            return self.combine(other, best, None, None);
        }
        let low = zip(self.low, other.low, |a, b| a * b);
        let high = zip(self.high, other.high, |a, b| a * b);
        self.combine(other, best, low, high)
    }
}

impl std::ops::Div for Estimate {
    type Output = Estimate;

    fn div(self, other: Estimate) -> Estimate {
        let best = zip(self.best, other.best, |a, b| a / b).filter(|v| v.is_finite());
        if !(self.non_negative() && other.non_negative()) {
            return self.combine(other, best, None, None);
        }
        let low = zip(self.low, other.high.filter(|h| *h > 0.0), |a, b| a / b);
        let high = zip(self.high, other.low.filter(|l| *l > 0.0), |a, b| a / b);
        self.combine(other, best, low, high)
    }
}

impl std::ops::Add for Estimate {
    type Output = Estimate;

    fn add(self, other: Estimate) -> Estimate {
        let best = zip(self.best, other.best, |a, b| a + b);
        let low = zip(self.low, other.low, |a, b| a + b);
        let high = zip(self.high, other.high, |a, b| a + b);
        self.combine(other, best, low, high)
    }
}

/// `self − other`: the lower bound needs self's low and other's high.
impl std::ops::Sub for Estimate {
    type Output = Estimate;

    fn sub(self, other: Estimate) -> Estimate {
        let best = zip(self.best, other.best, |a, b| a - b);
        let low = zip(self.low, other.high, |a, b| a - b);
        let high = zip(self.high, other.low, |a, b| a - b);
        self.combine(other, best, low, high)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(q: &str, best: f64, low: Option<f64>, high: Option<f64>) -> Estimate {
        Estimate::from_claim(q, Some(best), low, high)
    }

    #[test]
    fn about_380_less_about_40_percent_is_about_228() {
        let held = claim("approx", 380.0, None, None);
        let change = claim("approx", -40.0, None, None);
        let now = held * change.change_factor();
        assert!((now.best.unwrap() - 228.0).abs() < 1e-9);
        assert_eq!((now.low, now.high), (None, None), "no bound is invented");
        assert_eq!(now.describe("sq mi"), "about 228 sq mi");
        let lost = now - held;
        assert_eq!(lost.describe("sq mi"), "about -152 sq mi");
    }

    #[test]
    fn more_than_1000_is_almost_10_percent_of_more_than_about_10000() {
        let killed = claim("more_than", 1000.0, Some(1000.0), None);
        let share = claim("almost", 10.0, None, Some(10.0)).percent_to_fraction();
        let deployment = killed / share;
        assert_eq!(deployment.low, Some(10_000.0));
        assert_eq!(deployment.high, None, "an open bound stays open");
        assert_eq!(deployment.describe("soldiers"), "more than about 10,000 soldiers");
    }

    #[test]
    fn almost_10_percent_of_up_to_12000_is_up_to_about_1200() {
        let deployed = claim("up_to", 12000.0, None, Some(12000.0));
        let share = claim("almost", 10.0, None, Some(10.0)).percent_to_fraction();
        let part = share * deployed;
        assert_eq!((part.low, part.high), (None, Some(1200.0)));
        assert_eq!(part.describe("soldiers"), "up to about 1,200 soldiers");
    }

    #[test]
    fn ranges_multiply_and_subtract_as_intervals() {
        let range = claim("range", 4000.0, Some(3000.0), Some(5000.0));
        assert_eq!(range.scale(2.0).describe("x"), "6,000–10,000 x");
        let exact = Estimate::exact(1000.0);
        let diff = range - exact;
        assert_eq!((diff.low, diff.high), (Some(2000.0), Some(4000.0)));
        let negative = claim("range", -1.0, Some(-2.0), Some(1.0)) * range;
        assert_eq!((negative.low, negative.high), (Some(-10000.0), Some(5000.0)));
    }

    #[test]
    fn bounds_that_cannot_both_hold() {
        let more_than_3000 = claim("more_than", 3000.0, Some(3000.0), None);
        let up_to_2000 = claim("up_to", 2000.0, None, Some(2000.0));
        let about_2500 = claim("approx", 2500.0, None, None);
        assert!(more_than_3000.contradicts(&up_to_2000));
        assert!(up_to_2000.contradicts(&more_than_3000));
        assert!(!more_than_3000.contradicts(&about_2500), "about has no bounds to contradict");
        assert!(!Estimate::exact(2000.0).contradicts(&up_to_2000));
    }

    #[test]
    fn exact_stays_exact_through_conversion() {
        let km2 = Estimate::exact(1000.0);
        let e = km2.scale(0.386_102);
        assert_eq!(e.qualifier(), Qualifier::Exact);
        assert_eq!(claim("approx", 380.0, None, None).scale(2.589_988).describe("km²"), "about 984.2 km²");
    }
}
