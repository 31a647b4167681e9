use super::*;

fn claim(q: &str, best: f64, low: Option<f64>, high: Option<f64>) -> Estimate {
    Estimate::from_claim(q, Some(best), low, high)
}

/// A figure as the ledger stores it, read from its words.
fn stated(text: &str) -> Estimate {
    let f = crate::figure::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
    Estimate::from_claim(f.qualifier.as_str(), f.best, f.low, f.high).stated(text)
}

#[test]
fn about_380_less_about_40_percent_is_about_228() {
    let held = stated("about 380");
    let change = stated("about -40%");
    let now = held * change.change_factor();
    assert!((now.best.unwrap() - 228.0).abs() < 1e-9);
    assert_eq!(now.describe("sq mi"), "about 228 sq mi");
    assert_eq!(now.qualifier(), Qualifier::Approx);
    let lost = now - held;
    assert_eq!(lost.describe("sq mi"), "about -152 sq mi");
    assert_eq!(lost.percent_of(&held).unwrap().describe("%"), "about -40%");
    assert_eq!(change.factor_words(), "(1 − about 40%)");
}

#[test]
fn about_keeps_its_direction_through_arithmetic() {
    let held = stated("about 1,376 km²");
    let lost_more_than_40 = stated("less than -40%");
    let now = held * lost_more_than_40.change_factor();
    assert_eq!(now.describe("km²"), "less than about 826 km²", "never about 825.6");
    assert_eq!((now.low, now.qualifier()), (None, Qualifier::LessThan));
    assert!(now.high_strict && now.high_approx && now.approx);
    assert!((now.high.unwrap() - 825.6).abs() < 1e-9, "the full value is kept");
    assert_eq!(lost_more_than_40.factor_words(), "(1 − more than 40%)");
    let json = now.to_json("km²");
    assert_eq!((json.qualifier, json.approx, json.high_strict), ("less_than", true, true));
}

#[test]
fn less_than_stored_before_its_qualifier_existed_is_still_strict() {
    let old = claim("at_most", 1000.0, None, Some(1000.0)).stated("less than 1,000");
    assert_eq!((old.describe("x"), old.qualifier()), ("less than 1,000 x".to_string(), Qualifier::LessThan));
    assert_eq!(
        claim("at_most", 1000.0, None, Some(1000.0)).stated("at most 1,000").describe("x"),
        "up to 1,000 x"
    );
}

#[test]
fn almost_is_just_below_its_figure() {
    let almost = stated("almost 10%");
    assert_eq!(almost.describe("%"), "almost 10%");
    assert_eq!(almost.qualifier(), Qualifier::Almost);
    assert_eq!(almost.low, Some(10.0), "its lower side is about 10, not zero");
    assert!(almost.low_approx && almost.high_strict);
    let killed = stated("more than 1,000");
    let deployment = killed / almost.percent_to_fraction();
    assert_eq!(deployment.describe("soldiers"), "more than about 10,000 soldiers");
    assert_eq!(deployment.high, None, "an open bound stays open");
    let part = almost.percent_to_fraction() * stated("up to 12,000");
    assert_eq!(part.describe("soldiers"), "less than about 1,200 soldiers");
}

#[test]
fn ranges_multiply_and_subtract_as_intervals() {
    let range = stated("3,000-5,000");
    assert_eq!(range.scale(2.0).describe("x"), "6,000–10,000 x");
    let diff = range - Estimate::exact(1000.0);
    assert_eq!((diff.low, diff.high), (Some(2000.0), Some(4000.0)));
    let negative = claim("range", -1.0, Some(-2.0), Some(1.0)) * range;
    assert_eq!((negative.low, negative.high), (Some(-10000.0), Some(5000.0)));
    assert_eq!(stated("-30 to -40%").describe("%"), "-40 to -30%");
}

#[test]
fn a_percent_change_has_its_absolute_change_s_qualifier() {
    let before = stated("1,000");
    let up_to = stated("up to 600") - before;
    assert_eq!(up_to.describe("x"), "up to -400 x");
    assert_eq!(up_to.percent_of(&before).unwrap().describe("%"), "up to -40%");
    let at_least = stated("at least 350") - before;
    assert_eq!(at_least.percent_of(&before).unwrap().describe("%"), "at least -65%");
    assert_eq!(up_to.percent_of(&stated("more than 1,000")), None, "an unbounded base gives no percent");
    assert_eq!(up_to.percent_of(&stated("0-10")), None, "a base that can be zero gives none");
}

#[test]
fn no_false_precision() {
    let sq_mi_to_km2 = 2.589_988_110_336;
    assert_eq!(stated("386 sq mi").scale(sq_mi_to_km2).describe("km²"), "1,000 km²");
    assert_eq!(stated("380 sq mi").scale(sq_mi_to_km2).describe("km²"), "984 km²");
    assert_eq!(stated("about 380").scale(sq_mi_to_km2).describe("km²"), "about 984 km²");
    assert_eq!(stated("1,121.6 km²").describe("km²"), "1,121.6 km²");
    let million = stated("1.2 million").scale(1.0 / 3.0);
    assert_eq!(million.describe("x"), "400,000 x", "1.2 million is two figures");
    assert_eq!(stated("1,000").scale(0.386_102).qualifier(), Qualifier::Exact);
}

#[test]
fn figures_disagree_only_beyond_their_stated_precision() {
    let more_than_3000 = stated("more than 3,000");
    let up_to_2000 = stated("up to 2,000");
    assert!(more_than_3000.contradicts(&up_to_2000));
    assert!(up_to_2000.contradicts(&more_than_3000));
    assert!(!more_than_3000.contradicts(&stated("about 2,500")), "about is never a firm bound");
    assert!(!Estimate::exact(2000.0).contradicts(&up_to_2000));
    assert!(stated("more than 1,000").contradicts(&stated("less than 1,000")));
    assert!(stated("more than 1,000").contradicts(&stated("at most 1,000")));
    let km2 = stated("1,000 km²");
    let sq_mi = stated("386 sq mi").scale(2.589_988_110_336);
    assert!(!km2.contradicts(&sq_mi), "386 sq mi is 1,000 km² as stated");
    assert!(km2.contradicts(&stated("390 sq mi").scale(2.589_988_110_336)));
    assert!(!stated("1.2 million").contradicts(&stated("1,240,000")));
    assert!(stated("1.2 million").contradicts(&stated("1,260,000")));
}

#[test]
fn intersection_is_the_tightest_statement_both_support() {
    let more_than = stated("more than 1,000");
    let less_than_about = stated("almost 10%").percent_to_fraction() * stated("up to 12,000");
    let both = more_than.intersect(&less_than_about).unwrap();
    assert_eq!(both.describe("soldiers"), "between 1,000 and about 1,200 soldiers");
    assert_eq!(both.qualifier(), Qualifier::Range);
    assert_eq!(stated("more than 3,000").intersect(&stated("up to 2,000")), None);
    let rounded = stated("1,000").intersect(&stated("386").scale(2.589_988_110_336)).unwrap();
    assert_eq!(rounded.describe("km²"), "about 1,000 km²");
    let soft = stated("about 380").intersect(&stated("more than 1,000")).unwrap();
    assert_eq!(soft.describe("x"), "more than 1,000 x", "a firm bound stands over an approximate one");
    let firm = stated("about 380").intersect(&stated("386")).unwrap();
    assert_eq!(firm.describe("x"), "386 x", "the firm figure stands whole");
    let both_about = stated("about 380").intersect(&stated("about 400")).unwrap();
    assert_eq!(both_about.describe("x"), "about 390 x");
    let range = stated("3,000-5,000").intersect(&stated("at least 4,000")).unwrap();
    assert_eq!(range.describe("x"), "4,000–5,000 x");
}

#[test]
fn impossible_quantities_are_known() {
    let area = stated("100");
    assert!((area * stated("-150%").change_factor()).below(0.0));
    assert!(!(area * stated("-100%").change_factor()).below(0.0));
    assert!(stated("less than 0").below(0.0));
    assert!(stated("about -5").below(0.0));
    assert!(!stated("more than -5").below(0.0));
    assert!(stated("more than 100").above(100.0));
    assert!(!stated("up to 120").above(100.0));
}

#[test]
fn percentage_points_add() {
    let share = stated("25%");
    let change = stated("-5");
    assert_eq!((share + change).describe("%"), "20%");
}

/// Figures as the ledger stores them, of every qualifier, signs mixed.
fn any_figure() -> impl proptest::strategy::Strategy<Value = Estimate> {
    use proptest::prelude::*;
    let qualifiers = prop::sample::select(crate::figure::Qualifier::ALL.to_vec());
    (qualifiers, -2000i32..5000, 0i32..3000).prop_map(|(q, a, width)| {
        let (a, b) = (a as f64, (a + width) as f64);
        let (low, high) = match q {
            Qualifier::Exact => (Some(a), Some(a)),
            Qualifier::MoreThan | Qualifier::AtLeast => (Some(a), None),
            Qualifier::UpTo | Qualifier::AtMost | Qualifier::LessThan | Qualifier::Almost => (None, Some(a)),
            Qualifier::Approx => (None, None),
            Qualifier::Range => (Some(a), Some(b)),
        };
        let best = if q == Qualifier::Range { (a + b) / 2.0 } else { a };
        Estimate::from_claim(q.as_str(), Some(best), low, high)
    })
}

proptest::proptest! {
    #[test]
    fn arithmetic_never_panics_and_keeps_bounds_ordered(a in any_figure(), b in any_figure()) {
        for result in [a + b, a - b, a * b, a / b, a * b.change_factor(), -a] {
            if let (Some(l), Some(h)) = (result.low, result.high) {
                proptest::prop_assert!(l <= h, "{a:?} {b:?} gave {result:?}");
            }
            let text = result.describe("x");
            proptest::prop_assert!(!text.is_empty());
        }
        if let Some(both) = a.intersect(&b) {
            if let (Some(l), Some(h)) = (both.low, both.high) {
                proptest::prop_assert!(l <= h, "{a:?} ∩ {b:?} gave {both:?}");
            }
        }
        proptest::prop_assert_eq!(a.contradicts(&b), b.contradicts(&a));
    }
}
