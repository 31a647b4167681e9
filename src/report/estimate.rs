//! A figure as a report uses it: a best value and the bounds its words
//! imply, in one unit, with interval arithmetic for derived figures.
//!
//! Rules, written down so that reports can be checked by hand:
//! - Each bound knows whether it is approximate ("about") and whether it is
//!   strict ("more than", "less than"). "About X" is a fuzzy point: both its
//!   bounds are about X, so its direction survives arithmetic (about 1,376 ×
//!   a factor of less than 0.6 is less than about 826). "Almost X" is just
//!   below X: less than about X, its lower side about X.
//! - A bound of a result is approximate when a bound it came from is, and
//!   strict when one it came from is. An open bound stays open.
//! - Figures are taken as non-negative in products and quotients (counts,
//!   areas, shares) when they are not bounded on both sides; a negative
//!   figure then gives no bounds. A quotient has bounds only when its
//!   divisor is known to be above zero.
//! - A change of c% is the factor (1 + c/100); a percent change is shown
//!   only when its base is bounded and above zero.
//! - A result is shown with no more significant figures than its most
//!   precise input, and no more decimals than the stated inputs had;
//!   JSON keeps the full value.
//! - Two figures contradict only when they cannot both hold once each is
//!   read at the precision it was stated in (386 sq mi and 1,000 km²
//!   agree); approximate bounds never contradict.

pub use crate::figure::Precision;
use crate::figure::Qualifier;
use crate::output::{pretty_number, rounded_toward, Toward};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Estimate {
    pub best: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// The figure is approximate somewhere ("about", "almost").
    pub approx: bool,
    /// The lower bound is not reached ("more than"), rather than reached.
    pub low_strict: bool,
    /// The upper bound is not reached ("less than", "almost").
    pub high_strict: bool,
    /// The lower bound is itself approximate ("more than about 10,000").
    pub low_approx: bool,
    /// The upper bound is itself approximate ("less than about 826").
    pub high_approx: bool,
    pub precision: Precision,
}

/// What a figure's words add to its stored bounds: how precisely they were
/// written, and their qualifier.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Written {
    precision: Precision,
    qualifier: Qualifier,
    names_unit: bool,
}

impl Written {
    /// `None` when the words are not a figure (a claim kept as written).
    pub fn of(value: &str) -> Option<Written> {
        let figure = crate::figure::parse(value).ok()?;
        Some(Written {
            precision: figure.precision,
            qualifier: figure.qualifier,
            names_unit: figure.unit.is_some(),
        })
    }

    /// Whether the words name their unit ("380 square miles"); words that
    /// are not a figure are shown as they are.
    pub fn names_unit(written: Option<Written>) -> bool {
        written.is_none_or(|w| w.names_unit)
    }
}

/// One side of an estimate.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Bound {
    value: f64,
    strict: bool,
    approx: bool,
}

impl Bound {
    fn map(self, f: impl Fn(f64) -> f64) -> Bound {
        Bound { value: f(self.value), ..self }
    }

    /// `f` of two bounds, strict or approximate when either is.
    fn with(self, other: Bound, f: impl Fn(f64, f64) -> f64) -> Bound {
        Bound {
            value: f(self.value, other.value),
            strict: self.strict || other.strict,
            approx: self.approx || other.approx,
        }
    }
}

fn pair(a: Option<Bound>, b: Option<Bound>, f: impl Fn(f64, f64) -> f64) -> Option<Bound> {
    Some(a?.with(b?, f))
}

/// An estimate as JSON, the figure object of every command's output
/// (docs/json.md): its words, the qualifier and numbers they add up to,
/// and the unit they are in.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EstimateJson {
    pub text: String,
    pub qualifier: &'static str,
    pub best: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub unit: String,
    pub approx: bool,
    pub low_strict: bool,
    pub high_strict: bool,
}

impl Estimate {
    /// A claim's figure from its stored qualifier and bounds.
    pub fn from_claim(qualifier: &str, best: Option<f64>, low: Option<f64>, high: Option<f64>) -> Estimate {
        Estimate::read(qualifier, best, low, high, None)
    }

    /// A claim's figure from its stored qualifier and bounds, read at the
    /// precision of the words it was written in (`stated`), in one step:
    /// what every report and check reads a claim as.
    pub fn of_claim(
        qualifier: &str,
        best: Option<f64>,
        low: Option<f64>,
        high: Option<f64>,
        value: &str,
    ) -> Estimate {
        Estimate::as_written(qualifier, best, low, high, Written::of(value))
    }

    /// `of_claim` with its value text already read as `Written`.
    pub fn as_written(
        qualifier: &str,
        best: Option<f64>,
        low: Option<f64>,
        high: Option<f64>,
        written: Option<Written>,
    ) -> Estimate {
        match written {
            Some(written) => {
                let mut estimate = Estimate::read(qualifier, best, low, high, Some(written.precision));
                estimate.strict_as_written(written.qualifier);
                estimate
            }
            None => Estimate::from_claim(qualifier, best, low, high),
        }
    }

    /// A "less than" stored as `at_most` before `less_than` existed is still less than.
    fn strict_as_written(&mut self, written: Qualifier) {
        if written == Qualifier::LessThan && self.high.is_some() {
            self.high_strict = true;
        }
    }

    fn read(
        qualifier: &str,
        best: Option<f64>,
        low: Option<f64>,
        high: Option<f64>,
        written: Option<Precision>,
    ) -> Estimate {
        let q = Qualifier::parse(qualifier).unwrap_or(Qualifier::Approx);
        let bound =
            |v: Option<f64>, strict: bool, approx: bool| v.map(|value| Bound { value, strict, approx });
        let (low, high) = match q {
            Qualifier::Exact
            | Qualifier::Range
            | Qualifier::AtLeast
            | Qualifier::UpTo
            | Qualifier::AtMost => (bound(low, false, false), bound(high, false, false)),
            Qualifier::MoreThan => (bound(low, true, false), None),
            Qualifier::LessThan => (None, bound(high, true, false)),
            Qualifier::Approx => (bound(best, false, true), bound(best, false, true)),
            Qualifier::Almost => (bound(high.or(best), false, true), bound(high.or(best), true, true)),
        };
        let rounds = matches!(q, Qualifier::Exact | Qualifier::Range);
        let stated = match q {
            Qualifier::Range => [low, high].into_iter().flatten().map(|b| b.value).collect::<Vec<_>>(),
            _ => best.into_iter().collect(),
        };
        let mut precision = written.unwrap_or_else(|| {
            stated.into_iter().map(Precision::of_value).reduce(|a, b| a.combine(b, false)).unwrap_or_default()
        });
        if !rounds {
            // a bound set by words is where the words put it
            precision.rounding = 0.0;
        }
        let approx = matches!(q, Qualifier::Approx | Qualifier::Almost);
        Estimate::from_bounds(best, approx, low, high, precision)
    }

    /// The same figure read at the precision its words were written with
    /// ("1.2 million" is two significant figures, not seven), and as strict
    /// as they are: a "less than" stored before `less_than` existed (as
    /// `at_most`) is still less than.
    pub fn stated(mut self, value: &str) -> Estimate {
        if let Ok(figure) = crate::figure::parse(value) {
            let rounds = self.precision.rounding > 0.0;
            self.precision = Precision {
                rounding: if rounds { figure.precision.rounding } else { 0.0 },
                ..figure.precision
            };
            self.strict_as_written(figure.qualifier);
        }
        self
    }

    pub fn exact(value: f64) -> Estimate {
        let bound = Some(Bound { value, strict: false, approx: false });
        Estimate::from_bounds(Some(value), false, bound, bound, Precision::default())
    }

    fn from_bounds(
        best: Option<f64>,
        approx: bool,
        low: Option<Bound>,
        high: Option<Bound>,
        precision: Precision,
    ) -> Estimate {
        Estimate {
            best,
            low: low.map(|b| b.value),
            high: high.map(|b| b.value),
            approx: approx || low.is_some_and(|b| b.approx) || high.is_some_and(|b| b.approx),
            low_strict: low.is_some_and(|b| b.strict),
            high_strict: high.is_some_and(|b| b.strict),
            low_approx: low.is_some_and(|b| b.approx),
            high_approx: high.is_some_and(|b| b.approx),
            precision,
        }
    }

    fn low_bound(&self) -> Option<Bound> {
        self.low.map(|value| Bound { value, strict: self.low_strict, approx: self.low_approx })
    }

    fn high_bound(&self) -> Option<Bound> {
        self.high.map(|value| Bound { value, strict: self.high_strict, approx: self.high_approx })
    }

    /// Every number in it mapped by an increasing `f`, precision kept.
    fn map(self, f: impl Fn(f64) -> f64) -> Estimate {
        let (low, high) = (self.low_bound().map(|b| b.map(&f)), self.high_bound().map(|b| b.map(&f)));
        Estimate::from_bounds(self.best.map(&f), self.approx, low, high, self.precision)
    }

    /// The same figure in another unit (`factor` > 0): its significant
    /// figures stay, its decimals no longer mean anything.
    pub fn scale(self, factor: f64) -> Estimate {
        let mut scaled = self.map(|v| v * factor);
        if factor != 1.0 {
            scaled.precision.decimals = None;
        }
        scaled
    }

    /// A percentage as a fraction: 10% → 0.1.
    pub fn percent_to_fraction(self) -> Estimate {
        self.map(|v| v / 100.0)
    }

    /// The factor a change of this many percent applies: −40% → 0.6.
    pub fn change_factor(self) -> Estimate {
        self.map(|v| 1.0 + v / 100.0)
    }

    /// The factor in words, as the arithmetic of a derived figure shows it:
    /// "(1 − about 40%)", "(1 − more than 40%)" for less than −40%.
    pub fn factor_words(&self) -> String {
        if self.best.or(self.high).or(self.low).unwrap_or(0.0) < 0.0 {
            format!("(1 − {})", (-*self).describe("%"))
        } else {
            format!("(1 + {})", self.describe("%"))
        }
    }

    /// `self` in percent of `base`: none when the base can be zero or is
    /// unbounded, so that no percentage is made of nothing.
    pub fn percent_of(&self, base: &Estimate) -> Option<Estimate> {
        match (base.low, base.high) {
            (Some(low), Some(_)) if low > 0.0 => Some((*self / *base).map(|v| v * 100.0)),
            _ => None,
        }
    }

    fn non_negative(&self) -> bool {
        [self.best, self.low, self.high].iter().flatten().all(|v| *v >= 0.0)
    }

    /// Whether it is one value, approximate or not ("about 228", "1,000").
    fn point(&self) -> Option<f64> {
        match (self.low, self.high) {
            (Some(l), Some(h)) if l == h => Some(l),
            _ => None,
        }
    }

    /// The qualifier these numbers add up to.
    pub fn qualifier(&self) -> Qualifier {
        match (self.low, self.high) {
            _ if self.point().is_some() => {
                if self.low_approx && self.high_strict {
                    Qualifier::Almost
                } else if self.low_strict && !self.high_approx {
                    Qualifier::MoreThan
                } else if self.approx {
                    Qualifier::Approx
                } else {
                    Qualifier::Exact
                }
            }
            (Some(_), Some(_)) => Qualifier::Range,
            (Some(_), None) if self.low_strict => Qualifier::MoreThan,
            (Some(_), None) => Qualifier::AtLeast,
            (None, Some(_)) if self.high_strict => Qualifier::LessThan,
            (None, Some(_)) => Qualifier::UpTo,
            (None, None) => Qualifier::Approx,
        }
    }

    /// A number as shown: no more precise than what it was read from.
    /// A number as shown, a bound rounded away from the figure's inside so
    /// that "more than 2,500" over 2,068 is "more than +20%", never +21%.
    fn shown_toward(&self, value: f64, toward: Toward) -> String {
        // what `pretty_number` shows: two decimals at most
        let decimals = match toward {
            Toward::Nearest => self.precision.decimals,
            _ => Some(self.precision.decimals.map_or(2, |d| d.min(2))),
        };
        pretty_number(rounded_toward(value, self.precision.digits, decimals, toward))
    }

    /// In words, with the unit: "about 228 sq mi", "more than about 10,000 soldiers".
    pub fn describe(&self, unit: &str) -> String {
        let mut text = String::with_capacity(32);
        self.describe_into(&mut text, unit);
        text
    }

    /// `describe`, written at the end of `text` (a report writes thousands).
    pub fn describe_into(&self, text: &mut String, unit: &str) {
        let number = |text: &mut String, words: &str, approx: bool, v: f64, toward: Toward| {
            text.push_str(words);
            if approx {
                text.push_str("about ");
            }
            text.push_str(&self.shown_toward(v, toward));
        };
        let (down, up, nearest) = (Toward::Down, Toward::Up, Toward::Nearest);
        match (self.low_bound(), self.high_bound(), self.point()) {
            (Some(l), Some(h), Some(v)) => match (l.approx, l.strict, h.approx, h.strict) {
                (true, _, _, true) => number(text, "almost ", false, v, up),
                (_, true, true, _) => number(text, "just over ", false, v, down),
                (_, true, false, _) => number(text, "more than ", false, v, down),
                _ => number(text, "", l.approx || h.approx || self.approx, v, nearest),
            },
            (Some(l), Some(h), None) if !(l.approx || h.approx) => {
                number(text, "", false, l.value, down);
                let negative = l.value < 0.0 || h.value < 0.0;
                text.push_str(if negative { " to " } else { "–" });
                text.push_str(&self.shown_toward(h.value, up));
            }
            (Some(l), Some(h), None) => {
                // an approximate bound is no bound to keep true: it rounds to the nearest
                let away = |b: Bound, toward: Toward| if b.approx { nearest } else { toward };
                number(text, "between ", l.approx, l.value, away(l, down));
                number(text, " and ", h.approx, h.value, away(h, up));
            }
            (Some(l), None, _) => {
                number(text, if l.strict { "more than " } else { "at least " }, l.approx, l.value, down)
            }
            (None, Some(h), _) => {
                number(text, if h.strict { "less than " } else { "up to " }, h.approx, h.value, up)
            }
            (None, None, _) => match self.best {
                Some(b) => number(text, "", true, b, nearest),
                None => return text.push_str("unknown"),
            },
        }
        if unit != "%" {
            text.push(' ');
        }
        text.push_str(unit);
    }

    /// As JSON. A fuzzy point gives no bounds, as its claim stores none:
    /// "about 380" has no low or high, "almost 10%" only its high.
    pub fn to_json(&self, unit: &str) -> EstimateJson {
        let round = |v: Option<f64>| v.map(|v| (v * 1e6).round() / 1e6);
        let qualifier = self.qualifier();
        let (low, high) = match qualifier {
            Qualifier::Approx => (None, None),
            Qualifier::Almost => (None, self.high),
            _ => (self.low, self.high),
        };
        EstimateJson {
            best: round(self.best),
            low: round(low),
            high: round(high),
            qualifier: qualifier.as_str(),
            approx: self.approx,
            low_strict: self.low_strict,
            high_strict: self.high_strict,
            text: self.describe(unit),
            unit: unit.to_string(),
        }
    }

    /// A bound as it may have been before rounding: widened by half a unit
    /// of its last stated digit (`away` is −1 for a lower bound, 1 for an upper).
    fn widened(&self, bound: Bound, away: f64) -> f64 {
        bound.value + away * bound.value.abs() * self.precision.rounding
    }

    /// The lowest the figure can be, read at the precision it was stated
    /// in; none for an open or approximate lower bound.
    pub fn firm_low(&self) -> Option<f64> {
        let bound = self.low_bound().filter(|b| !b.approx)?;
        Some(self.widened(bound, -1.0))
    }

    /// The highest the figure can be, as `firm_low`.
    pub fn firm_high(&self) -> Option<f64> {
        let bound = self.high_bound().filter(|b| !b.approx)?;
        Some(self.widened(bound, 1.0))
    }

    /// Whether two figures cannot both hold: one's lower bound is above the
    /// other's upper bound once each is read at the precision it was stated
    /// in (386 sq mi and 1,000 km² agree). Approximate bounds never contradict.
    pub fn contradicts(&self, other: &Estimate) -> bool {
        let above = |a: &Estimate, b: &Estimate| match (a.low_bound(), b.high_bound()) {
            (Some(l), Some(h)) if !(l.approx || h.approx) => {
                let (l_value, h_value) = (a.widened(l, -1.0), b.widened(h, 1.0));
                let margin = 1e-9 * l_value.abs().max(h_value.abs());
                l_value > h_value + margin || ((l.strict || h.strict) && (l_value - h_value).abs() <= margin)
            }
            _ => false,
        };
        above(self, other) || above(other, self)
    }

    /// The tightest statement both figures support ("more than 1,000" and
    /// "less than about 1,200": between 1,000 and about 1,200), or none when
    /// they cannot both hold. Where only approximate bounds or rounding
    /// keep them apart, the firm bound stands; two firm bounds apart only by
    /// rounding meet at about their middle.
    pub fn intersect(&self, other: &Estimate) -> Option<Estimate> {
        if self.contradicts(other) {
            return None;
        }
        let tighter = |a: Option<Bound>, b: Option<Bound>, higher: bool| match (a, b) {
            (Some(x), Some(y)) if x.value == y.value => {
                Some(Bound { strict: x.strict || y.strict, approx: x.approx && y.approx, ..x })
            }
            (Some(x), Some(y)) => Some(if (x.value > y.value) == higher { x } else { y }),
            (x, y) => x.or(y),
        };
        let firm = |b: Option<Bound>| b.filter(|b| !b.approx);
        let mut precision = self.precision.combine(other.precision, false);
        let mut low = tighter(self.low_bound(), other.low_bound(), true);
        let mut high = tighter(self.high_bound(), other.high_bound(), false);
        let crossed =
            |l: Option<Bound>, h: Option<Bound>| matches!((l, h), (Some(l), Some(h)) if l.value > h.value);
        if crossed(low, high) {
            // an approximate bound gives way to the firm ones
            match (low.is_some_and(|b| b.approx), high.is_some_and(|b| b.approx)) {
                (true, false) => low = tighter(firm(self.low_bound()), firm(other.low_bound()), true),
                (false, true) => high = tighter(firm(self.high_bound()), firm(other.high_bound()), false),
                _ => {}
            }
        }
        if let (Some(l), Some(h), true) = (low, high, crossed(low, high)) {
            // apart by rounding (or both approximate): about their middle, as
            // precisely as the rougher figure
            let middle = Bound { value: (l.value + h.value) / 2.0, strict: false, approx: true };
            (low, high) = (Some(middle), Some(middle));
            precision.digits = self.precision.digits.min(other.precision.digits).or(precision.digits);
        }
        let best = match (low, high) {
            (Some(l), Some(h)) => Some((l.value + h.value) / 2.0),
            (l, h) => l.or(h).map(|b| b.value),
        };
        Some(Estimate::from_bounds(best, false, low, high, precision))
    }

    /// Whether every value it allows is below `limit`: below zero, no
    /// quantity (an area, a count, a share) can be this ("about -5" too).
    pub fn below(&self, limit: f64) -> bool {
        match self.high_bound() {
            Some(h) => h.value < limit || (h.strict && h.value <= limit),
            None => false,
        }
    }

    /// Whether every value it allows is above `limit` (a share of more than 100%).
    pub fn above(&self, limit: f64) -> bool {
        (-*self).below(-limit)
    }

    fn combine(
        self,
        other: Estimate,
        best: Option<f64>,
        low: Option<Bound>,
        high: Option<Bound>,
    ) -> Estimate {
        let mut precision = self.precision.combine(other.precision, false);
        // a sum may be off by what each term may be off by, in the terms'
        // units: 21% − 1 pp is 20% ± 1, not ± half of 20
        if let (Some(a), Some(b), Some(sum)) = (self.best, other.best, best.filter(|s| *s != 0.0)) {
            let off = a.abs() * self.precision.rounding + b.abs() * other.precision.rounding;
            precision.rounding = off / sum.abs();
        }
        Estimate::from_bounds(best, self.approx || other.approx, low, high, precision)
    }
}

/// Of every pairing of `a`'s and `b`'s bounds, the lowest and the highest
/// `f` gives: the bounds of a product of two bounded figures.
fn extremes(a: [Bound; 2], b: [Bound; 2], f: impl Fn(f64, f64) -> f64) -> (Bound, Bound) {
    let values = [a[0].with(b[0], &f), a[0].with(b[1], &f), a[1].with(b[0], &f), a[1].with(b[1], &f)];
    let by_value = |x: &&Bound, y: &&Bound| x.value.total_cmp(&y.value);
    (*values.iter().min_by(by_value).unwrap(), *values.iter().max_by(by_value).unwrap())
}

impl std::ops::Neg for Estimate {
    type Output = Estimate;

    fn neg(self) -> Estimate {
        let flip = |b: Option<Bound>| b.map(|b| b.map(|v| -v));
        Estimate::from_bounds(
            self.best.map(|v| -v),
            self.approx,
            flip(self.high_bound()),
            flip(self.low_bound()),
            self.precision,
        )
    }
}

impl std::ops::Mul for Estimate {
    type Output = Estimate;

    fn mul(self, other: Estimate) -> Estimate {
        let best = self.best.zip(other.best).map(|(a, b)| a * b);
        let precision = self.precision.combine(other.precision, true);
        let (low, high) = match (self.low_bound(), self.high_bound(), other.low_bound(), other.high_bound()) {
            (Some(al), Some(ah), Some(bl), Some(bh)) => {
                let (low, high) = extremes([al, ah], [bl, bh], |a, b| a * b);
                (Some(low), Some(high))
            }
            (al, ah, bl, bh) if self.non_negative() => {
                // each bound of the other times the side of this one that takes
                // it furthest: about 1,376 × less than −0.4 is less than about −550
                let low = bl.and_then(|b| pair(if b.value >= 0.0 { al } else { ah }, Some(b), |a, b| a * b));
                let high = bh.and_then(|b| pair(if b.value >= 0.0 { ah } else { al }, Some(b), |a, b| a * b));
                (low, high)
            }
            _ if other.non_negative() => return other * self,
            _ => (None, None),
        };
        Estimate::from_bounds(best, self.approx || other.approx, low, high, precision)
    }
}

impl std::ops::Div for Estimate {
    type Output = Estimate;

    fn div(self, other: Estimate) -> Estimate {
        let best = self.best.zip(other.best).map(|(a, b)| a / b).filter(|v| v.is_finite());
        let precision = self.precision.combine(other.precision, true);
        let div = |a: Option<Bound>, b: Option<Bound>| pair(a, b, |a, b| a / b);
        let (low, high) = match (other.low_bound(), other.high_bound()) {
            // a divisor above zero: each bound of the quotient from the side
            // of the divisor that takes it furthest
            (Some(bl), bh) if bl.value > 0.0 => {
                let low = self.low_bound().and_then(|l| {
                    if l.value >= 0.0 {
                        div(Some(l), bh)
                    } else {
                        div(Some(l), Some(bl))
                    }
                });
                let high = self.high_bound().and_then(|h| {
                    if h.value >= 0.0 {
                        div(Some(h), Some(bl))
                    } else {
                        div(Some(h), bh)
                    }
                });
                (low, high)
            }
            // a non-negative divisor that may be near zero bounds only from below
            (None, Some(bh)) if bh.value > 0.0 && self.non_negative() => {
                (div(self.low_bound(), Some(bh)), None)
            }
            _ => (None, None),
        };
        Estimate::from_bounds(best, self.approx || other.approx, low, high, precision)
    }
}

impl std::ops::Add for Estimate {
    type Output = Estimate;

    fn add(self, other: Estimate) -> Estimate {
        let best = self.best.zip(other.best).map(|(a, b)| a + b);
        let low = pair(self.low_bound(), other.low_bound(), |a, b| a + b);
        let high = pair(self.high_bound(), other.high_bound(), |a, b| a + b);
        self.combine(other, best, low, high)
    }
}

/// `self − other`: the lower bound needs self's low and other's high.
impl std::ops::Sub for Estimate {
    type Output = Estimate;

    fn sub(self, other: Estimate) -> Estimate {
        self + -other
    }
}

#[cfg(test)]
mod tests;
