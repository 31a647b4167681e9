//! Figures keep their words through arithmetic: each bound knows whether
//! it is approximate and whether it is strict, new words are read and
//! shown back in their own words, percentage points add, no result is
//! shown more precisely than its inputs, and impossible figures are refused.
//!
//! The figures are real ones from public reporting, in sentences of our own.

use crate::helper::Workdir;
use serde_json::{json, Value};

/// A ledger with the Kursk metrics and one in km², as Ukrainian officials
/// reported the territory.
fn ledger() -> Workdir {
    let w = Workdir::new();
    w.kursk_metrics();
    w.ok(&["metrics", "add", "kursk.area-km2", "--kind", "level", "--unit", "km²"]);
    w.ok(&["metrics", "add", "russia.key-rate", "--kind", "level", "--unit", "%"]);
    w
}

/// Adds a claim; returns it as JSON.
fn add(w: &Workdir, metric: &str, value: &str, as_of: &str, more: &[&str]) -> Value {
    let mut args = vec!["add", "--metric", metric, "--value", value, "--as-of", as_of];
    args.extend(more);
    w.json(&args)
}

fn id(claim: &Value) -> String {
    claim["id"].to_string()
}

/// The timeline of a metric as JSON, by claim id.
fn entry(w: &Workdir, metric: &str, unit: Option<&str>, id: &Value) -> Value {
    let mut args = vec!["timeline", metric];
    if let Some(unit) = unit {
        args.extend(["--unit", unit]);
    }
    let timeline = w.json(&args);
    timeline.as_array().unwrap().iter().find(|e| e["id"] == *id).cloned().unwrap_or_else(|| {
        panic!("no entry #{id} in {timeline:#}");
    })
}

#[test]
fn strict_bounds_are_their_own_words() {
    let w = ledger();
    let cases = [
        ("less than 1,000", "less_than", json!(null), json!(1000), "less than 1,000 soldiers"),
        ("fewer than 1,000 soldiers", "less_than", json!(null), json!(1000), "less than 1,000 soldiers"),
        ("under 1,000", "less_than", json!(null), json!(1000), "less than 1,000 soldiers"),
        ("below 1,000", "less_than", json!(null), json!(1000), "less than 1,000 soldiers"),
        ("<1,000", "less_than", json!(null), json!(1000), "less than 1,000 soldiers"),
        ("up to 1,000", "up_to", json!(null), json!(1000), "up to 1,000 soldiers"),
        ("as high as 1,000", "up_to", json!(null), json!(1000), "up to 1,000 soldiers"),
        ("at most 1,000", "at_most", json!(null), json!(1000), "up to 1,000 soldiers"),
        ("exceeded 1,000", "more_than", json!(1000), json!(null), "more than 1,000 soldiers"),
        ("in excess of 1,000", "more_than", json!(1000), json!(null), "more than 1,000 soldiers"),
        ("just over 1,000", "more_than", json!(1000), json!(null), "more than 1,000 soldiers"),
        ("almost 1,000", "almost", json!(null), json!(1000), "almost 1,000 soldiers"),
    ];
    for (n, (value, qualifier, low, high, figure)) in cases.into_iter().enumerate() {
        let as_of = format!("2024-12-{:02}", n + 1);
        let claim = add(&w, "dprk-troops.killed-weekly", value, &as_of, &["--source", "Test"]);
        assert_eq!(claim["value"], value, "kept as written");
        assert_eq!(
            (&claim["figure"]["qualifier"], &claim["figure"]["low"], &claim["figure"]["high"]),
            (&json!(qualifier), &low, &high),
            "{value}"
        );
        let shown = entry(&w, "dprk-troops.killed-weekly", None, &claim["id"]);
        assert_eq!(shown["figure"]["text"], figure, "{value}");
        assert_eq!(
            shown["figure"]["qualifier"],
            qualifier.replace("at_most", "up_to"),
            "{value}: JSON agrees with the words"
        );
    }
    let list = w.ok(&["list"]);
    assert!(list.contains("fewer than 1,000 soldiers") && list.contains("just over 1,000"), "{list}");
}

#[test]
fn ranges_are_read_with_a_unit_on_both_ends_negative_and_as_alternatives() {
    let w = ledger();
    let base = add(&w, "kursk.area-km2", "about 1,376 km²", "2024-08", &["--source", "Oleksandr Syrskyi"]);
    let both_units = add(&w, "kursk.area-km2", "1,000 km² to 1,300 km²", "2024-09", &["--source", "A"]);
    assert_eq!(
        (&both_units["figure"]["qualifier"], &both_units["figure"]["low"], &both_units["figure"]["high"]),
        (&json!("range"), &json!(1000), &json!(1300))
    );
    let fall =
        add(&w, "kursk.area-km2", "-30 to -40%", "2024-11", &["--source", "B", "--change-of", &id(&base)]);
    assert_eq!(
        (&fall["figure"]["low"], &fall["figure"]["high"]),
        (&json!(-40), &json!(-30)),
        "a fall of 30 to 40%"
    );
    let shown = entry(&w, "kursk.area-km2", None, &fall["id"]);
    assert_eq!(shown["figure"]["text"], "between about 826 and about 963 km²");
    assert_eq!(shown["derived"], json!(true));
    assert!(shown["arithmetic"].as_str().unwrap().contains("× (1 − 30–40%)"), "{shown:#}");
    let or = add(&w, "dprk-troops.deployed", "11,000 or 12,000", "2024-11", &["--source", "C"]);
    assert_eq!(
        (&or["figure"]["qualifier"], &or["figure"]["low"], &or["figure"]["high"]),
        (&json!("range"), &json!(11000), &json!(12000))
    );
    let deployed = add(&w, "dprk-troops.deployed", "12,000", "2024-10", &["--source", "D"]);
    let share = add(
        &w,
        "dprk-troops.killed-weekly",
        "between 5% and 10%",
        "2024-12-27",
        &["--share-of", &id(&deployed)],
    );
    assert_eq!(
        (&share["figure"]["low"], &share["figure"]["high"], &share["unit"]),
        (&json!(5), &json!(10), &json!("%"))
    );
    let five_to_ten =
        add(&w, "dprk-troops.killed-weekly", "5% to 10%", "2024-12-20", &["--share-of", &id(&deployed)]);
    let shown = entry(&w, "dprk-troops.killed-weekly", None, &five_to_ten["id"]);
    assert_eq!(shown["figure"]["text"], "600–1,200 soldiers");

    let stderr = w.fails(&[
        "add",
        "--metric",
        "kursk.area-km2",
        "--value",
        "500 km² to 1,000 sq mi",
        "--as-of",
        "2024-09",
    ]);
    let expected = "--value: cannot read the figure \"500 km² to 1,000 sq mi\": the two ends of the range are in different units (\"km²\" and \"sq mi\")";
    assert!(stderr.contains(expected), "{stderr}");
}

#[test]
fn about_keeps_its_direction_through_arithmetic() {
    // Ukraine held at most about 1,376 km² of Kursk, and by late November
    // a general staff source said more than 40% of it had been lost.
    let w = ledger();
    let peak =
        add(&w, "kursk.area-km2", "about 1,376 km²", "2024-08", &["--source", "Ukrainian General Staff"]);
    let lost = add(
        &w,
        "kursk.area-km2",
        "less than -40%",
        "2024-11-23",
        &["--source", "Ukrainian General Staff", "--change-of", &id(&peak)],
    );
    assert_eq!(lost["figure"]["qualifier"], "less_than");
    let stderr = w.fails(&[
        "add",
        "--metric",
        "kursk.area-km2",
        "--value",
        "more than -40%",
        "--as-of",
        "2024-11-23",
        "--change-of",
        &id(&peak),
    ]);
    assert!(
        stderr
            .contains("--value: \"more than -40%\" could be a fall of more than 40% or a change above -40%"),
        "{stderr}"
    );
    assert!(stderr.contains("hint: write a fall of more than 40% as \"less than -40%\""), "{stderr}");
    let held = entry(&w, "kursk.area-km2", None, &lost["id"]);
    assert_eq!(held["figure"]["text"], "less than about 826 km²", "never \"about 825.6\"");
    assert_eq!(
        (&held["figure"]["qualifier"], &held["figure"]["approx"], &held["figure"]["low"]),
        (&json!("less_than"), &json!(true), &json!(null))
    );
    assert!(
        (held["figure"]["high"].as_f64().unwrap() - 825.6).abs() < 1e-9,
        "JSON keeps the full value: {held:#}"
    );
    assert_eq!(held["arithmetic"], "#1 about 1,376 km² × (1 − more than 40%)");
    let change = &held["change"];
    assert_eq!(change["text"], "less than about -550 km² (less than about -40%)", "{change:#}");
    assert_eq!((&change["qualifier"], &change["approx"]), (&json!("less_than"), &json!(true)));
    assert_eq!(
        change["percent"]["qualifier"], "less_than",
        "a percent change has its absolute change's words"
    );
}

#[test]
fn almost_is_just_below_and_less_than_is_not_up_to() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    let killed = entry(&w, "dprk-troops.killed-weekly", None, &json!(4));
    assert_eq!(killed["figure"]["text"], "less than about 1,200 soldiers", "almost 10% of up to 12,000");
    assert_eq!(
        (&killed["figure"]["qualifier"], &killed["figure"]["approx"]),
        (&json!("less_than"), &json!(true))
    );
    let deployed = w.json(&["timeline", "dprk-troops.deployed"]);
    let implied = deployed.as_array().unwrap().iter().find(|e| e["derived"] == true).unwrap();
    assert_eq!(
        implied["figure"]["text"], "more than about 10,000 soldiers",
        "more than 1,000 is almost 10% of it"
    );
}

#[test]
fn a_percent_change_keeps_its_qualifier_and_needs_a_bounded_base() {
    let w = ledger();
    let source = ["--source", "Ministry"];
    add(&w, "dprk-troops.deployed", "12,000", "2024-10", &source);
    let up_to = add(&w, "dprk-troops.deployed", "up to 7,200", "2024-12", &source);
    let change = &entry(&w, "dprk-troops.deployed", None, &up_to["id"])["change"];
    assert_eq!(change["text"], "up to -4,800 soldiers (up to -40%)", "{change:#}");
    assert_eq!(change["percent"]["qualifier"], "up_to");

    let w = ledger();
    add(&w, "dprk-troops.deployed", "more than 10,000", "2024-10", &source);
    let later = add(&w, "dprk-troops.deployed", "12,000", "2024-12", &source);
    let change = &entry(&w, "dprk-troops.deployed", None, &later["id"])["change"];
    assert_eq!(change["text"], "less than 2,000 soldiers", "no percent of an unbounded base: {change:#}");
    assert_eq!(change["percent"], json!(null));

    let w = ledger();
    add(&w, "dprk-troops.deployed", "0", "2024-09", &source);
    let first = add(&w, "dprk-troops.deployed", "3,000", "2024-10", &source);
    let change = &entry(&w, "dprk-troops.deployed", None, &first["id"])["change"];
    assert_eq!(
        (&change["text"], &change["percent"]),
        (&json!("+3,000 soldiers"), &json!(null)),
        "no percent of zero"
    );
}

#[test]
fn percentage_points_add_where_percent_multiplies() {
    // The Bank of Russia's key rate: 21% from 25 October 2024, cut by one
    // point to 20% on 6 June 2025 and by two more to 18% on 25 July 2025.
    let w = ledger();
    let source = ["--source", "Bank of Russia"];
    let rate = add(&w, "russia.key-rate", "21%", "2024-10-25", &source);
    let cut = add(
        &w,
        "russia.key-rate",
        "-1 pp",
        "2025-06-06",
        &[&source[..], &["--change-of", &id(&rate)]].concat(),
    );
    assert_eq!(cut["unit"], "pp");
    let again = add(
        &w,
        "russia.key-rate",
        "-2 percentage points",
        "2025-07-25",
        &[&source[..], &["--change-of", &id(&cut)]].concat(),
    );
    let points = add(
        &w,
        "russia.key-rate",
        "-2 points",
        "2025-07-26",
        &[&source[..], &["--change-of", &id(&cut)]].concat(),
    );
    assert_eq!(points["unit"], "pp", "points on a percentage are percentage points");
    assert_eq!(entry(&w, "russia.key-rate", None, &cut["id"])["figure"]["text"], "20%", "21% − 1 pp");
    assert_eq!(entry(&w, "russia.key-rate", None, &again["id"])["figure"]["text"], "18%");
    let change = &entry(&w, "russia.key-rate", None, &cut["id"])["change"];
    assert_eq!(
        (&change["text"], &change["unit"]),
        (&json!("-1 pp (-5%)"), &json!("pp")),
        "percentages differ by points"
    );
    let relative = add(
        &w,
        "russia.key-rate",
        "-1%",
        "2025-06-07",
        &[&source[..], &["--change-of", &id(&rate)]].concat(),
    );
    let relative = entry(&w, "russia.key-rate", None, &relative["id"]);
    assert!(
        (relative["figure"]["best"].as_f64().unwrap() - 20.79).abs() < 1e-9,
        "a change in % multiplies: {relative:#}"
    );
    assert_eq!(relative["figure"]["text"], "21%", "shown no more precisely than 21% and 1%");

    let stderr =
        w.fails(&["add", "--metric", "russia.key-rate", "--value", "-1 pp", "--as-of", "2025-06-06"]);
    assert!(stderr.contains("--unit: a figure in percentage points is a change"), "{stderr}");
    assert!(stderr.contains("hint: give --change-of ID"), "{stderr}");
    let stderr = w.fails(&["add", "--metric", "kursk.area-km2", "--value", "-5 pp", "--as-of", "2024-09"]);
    assert!(
        stderr.contains(
            "percentage points are a change of a percentage, but the metric kursk.area-km2 is in km²"
        ),
        "{stderr}"
    );
}

#[test]
fn converted_figures_are_no_more_precise_than_what_was_stated() {
    let w = ledger();
    let reuters = add(&w, "kursk.area-held-by-ukraine", "386 sq mi", "2024-08-20", &["--source", "Reuters"]);
    let isw = add(&w, "kursk.area-held-by-ukraine", "380 sq mi", "2024-08-20", &["--source", "ISW"]);
    let kyiv = add(&w, "kursk.area-km2", "1,000 km²", "2024-08-20", &["--source", "Oleksandr Syrskyi"]);
    let in_km2 = entry(&w, "kursk.area-held-by-ukraine", Some("km²"), &reuters["id"]);
    assert_eq!(in_km2["figure"]["text"], "1,000 km²");
    assert!(
        (in_km2["figure"]["best"].as_f64().unwrap() - 999.735_4).abs() < 1e-3,
        "JSON keeps the full value: {in_km2:#}"
    );
    assert_eq!(entry(&w, "kursk.area-held-by-ukraine", Some("km²"), &isw["id"])["figure"]["text"], "984 km²");
    assert_eq!(entry(&w, "kursk.area-km2", Some("sq mi"), &kyiv["id"])["figure"]["text"], "386.1 sq mi");
}

#[test]
fn rounding_is_not_disagreement() {
    // the same territory on the same day, in two units by two sources
    let w = ledger();
    let day = "2024-08-20";
    let miles = add(&w, "kursk.area-km2", "386 sq mi", day, &["--source", "Reuters"]);
    let km2 = add(&w, "kursk.area-km2", "1,000 km²", day, &["--source", "Oleksandr Syrskyi"]);
    assert_eq!(entry(&w, "kursk.area-km2", None, &miles["id"])["disagrees_with"], json!([]));
    assert_eq!(entry(&w, "kursk.area-km2", None, &km2["id"])["disagrees_with"], json!([]));
    let findings = w.json(&["check"]);
    assert!(findings.as_array().unwrap().iter().all(|f| f["check"] != "disagreement"), "{findings:#}");
    let more = add(&w, "kursk.area-km2", "390 sq mi", day, &["--source", "ISW"]);
    let disagrees = entry(&w, "kursk.area-km2", None, &more["id"])["disagrees_with"].clone();
    assert_eq!(disagrees, json!([miles["id"], km2["id"]]), "390 sq mi is neither 386 sq mi nor 1,000 km²");
}

#[test]
fn impossible_figures_are_refused_at_entry_saying_why() {
    let w = ledger();
    let base = add(&w, "kursk.area-km2", "about 1,376 km²", "2024-08", &["--source", "Oleksandr Syrskyi"]);
    let before = w.snapshot_counts();
    let cases: [(&[&str], &str, &str); 4] = [
        (
            &["--value", "-150%", "--change-of", &id(&base)],
            "--value: a change of \"-150%\" would leave less than nothing of the figure it changes",
            "hint: a fall is at most -100% (all of it)",
        ),
        (
            &["--value", "-5 km²"],
            "--value: a figure of kursk.area-km2 (in km²) cannot be negative: \"-5 km²\"",
            "hint: a fall is a change: give --change-of ID",
        ),
        (
            &["--value", "more than 120%", "--share-of", &id(&base)],
            "--value: a share of \"more than 120%\" is more than the whole",
            "hint: a share is between 0% and 100% of its base claim",
        ),
        (
            &["--value", "-3%", "--share-of", &id(&base)],
            "--value: a share of \"-3%\" is less than nothing",
            "hint: a share",
        ),
    ];
    for (flags, error, hint) in cases {
        let mut args = vec!["add", "--metric", "kursk.area-km2", "--as-of", "2024-12"];
        args.extend(flags);
        let stderr = w.fails(&args);
        assert!(stderr.contains(error) && stderr.contains(hint), "{flags:?}: {stderr}");
    }
    let csv = "metric,value,as_of,source\ndprk-troops.killed-weekly,-3 soldiers,2024-12-27,Somebody\n";
    w.write("negative.csv", csv);
    let stderr = w.fails(&["import", "negative.csv"]);
    assert!(stderr.contains("negative.csv:2") && stderr.contains("cannot be negative"), "{stderr}");
    assert_eq!(w.snapshot_counts(), before, "nothing written");
    add(&w, "kursk.area-km2", "-100%", "2024-12", &["--change-of", &id(&base)]);
}

#[test]
fn an_impossible_derived_figure_is_shown_as_impossible() {
    let w = ledger();
    let base = add(&w, "kursk.area-km2", "about 1,376 km²", "2024-08", &["--source", "Oleksandr Syrskyi"]);
    let fall =
        add(&w, "kursk.area-km2", "-2,000 km²", "2024-11", &["--source", "A", "--change-of", &id(&base)]);
    let shown = entry(&w, "kursk.area-km2", None, &fall["id"]);
    assert_eq!(shown["figure"]["text"], json!(null), "{shown:#}");
    let table = w.ok(&["timeline", "kursk.area-km2"]);
    assert!(
        table.contains("impossible: #1 about 1,376 km² − 2,000 km² is about -624 km², less than nothing"),
        "{table}"
    );
    let found = w.json(&["check"]);
    let found = found.as_array().unwrap().iter().find(|f| f["check"] == "impossible-change").cloned();
    let found = found.unwrap_or_else(|| panic!("no impossible-change finding"));
    assert_eq!((&found["severity"], &found["claims"]), (&json!("impossible"), &json!([1, 2])));
    let reason = "#1 about 1,376 km² changed by #2 -2,000 km² is about -624 km², less than nothing";
    assert_eq!(found["reason"], reason);
    assert_eq!(w.run(&["check", "--strict"]).code(), 1, "an impossible figure fails --strict");

    // a rise is added once, its sign not doubled ("+ +179")
    let rise =
        add(&w, "kursk.area-km2", "+179 km²", "2024-09", &["--source", "A", "--change-of", &id(&base)]);
    let shown = entry(&w, "kursk.area-km2", None, &rise["id"]);
    let table = w.ok(&["timeline", "kursk.area-km2"]);
    assert!(table.contains("#1 about 1,376 km² + 179 km²"), "{shown:#}\n{table}");
}

#[test]
fn the_seed_example_still_answers() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    let answer = w.json(&["change", "kursk.area-held-by-ukraine", "--from", "2024-08", "--to", "2024-12-27"]);
    assert_eq!(answer["before"]["figure"]["text"], "about 380 sq mi", "{answer:#}");
    assert_eq!(answer["after"]["figure"]["text"], "about 228 sq mi");
    assert_eq!(answer["change"]["text"], "about -152 sq mi (about -40%)");
    assert_eq!(answer["change"]["qualifier"], "approx");
    assert_eq!(answer["change"]["percent"]["qualifier"], "approx");
}

#[test]
fn a_version_3_ledger_migrates_and_still_verifies() {
    // tests/data/ledger-v3.sqlite: `claims demo`, an edit and a retraction, made
    // by claims at ledger version 3
    let w = Workdir::new();
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/ledger-v3.sqlite"),
        w.db(),
    )
    .unwrap();
    assert_eq!(w.sql("PRAGMA user_version"), "3");
    let verified = w.ok(&["verify"]);
    assert!(verified.contains("verified: 7 claims"), "{verified}");
    assert_eq!(w.sql("PRAGMA user_version"), claims::ledger::VERSION.to_string());
    let claim = add(&w, "dprk-troops.killed-weekly", "fewer than 1,500", "2024-12-26", &["--source", "Test"]);
    assert_eq!(claim["figure"]["qualifier"], "less_than");
    assert_eq!(w.sql("SELECT qualifier FROM claims WHERE value = 'fewer than 1,500'"), "less_than");
    let verified = w.ok(&["verify"]);
    assert!(verified.contains("verified: 8 claims"), "{verified}");
    assert!(
        w.ok(&["timeline", "kursk.area-held-by-ukraine"]).contains("about 234 sq mi"),
        "the edited 390 sq mi, less 40%"
    );
    // a ledger made new has the same schema, row for row
    let fresh = Workdir::new();
    fresh.ok(&["demo"]);
    let schema = "SELECT group_concat(type || name || coalesce(sql, ''), '|') FROM (SELECT * FROM sqlite_schema ORDER BY name)";
    assert_eq!(w.sql(schema), fresh.sql(schema));
}

/// A bound shown rounded stays true as shown: "more than 2,500" over 2,068
/// is more than +20%, never +21%; and a change stated of a claim is the
/// change shown from it, with the claim's own words ("more than").
#[test]
fn bounds_round_outward_and_a_stated_change_is_the_change_shown() {
    let w = ledger();
    let source = ["--source", "Regional fire service"];
    add(&w, "kursk.area-km2", "2,068", "2024-08-10", &source);
    let more = add(&w, "kursk.area-km2", "more than 2,500", "2024-08-20", &source);
    let change = &entry(&w, "kursk.area-km2", None, &more["id"])["change"];
    let text = change["text"].as_str().unwrap();
    assert!(text.ends_with("(more than +20%)"), "rounded down, never up to +21%: {text}");

    let w = ledger();
    let base = add(&w, "kursk.area-km2", "more than 500", "2024-08-10", &source);
    let rise = add(
        &w,
        "kursk.area-km2",
        "+10%",
        "2024-08-20",
        &[&source[..], &["--change-of", &id(&base)]].concat(),
    );
    let rise = entry(&w, "kursk.area-km2", None, &rise["id"]);
    assert_eq!(rise["change"]["text"], "more than +50 km² (+10%)", "{rise:#}");

    let w = ledger();
    let more = add(&w, "kursk.area-km2", "more than 500", "2024-08-10", &source);
    let acres = entry(&w, "kursk.area-km2", Some("acres"), &more["id"]);
    let text = acres["figure"]["text"].as_str().unwrap();
    assert_eq!(text, "more than 123,000 acres", "500 km² is 123,553 acres, a lower bound rounds down");
}

/// "close to 600" says near, not below: no bound is invented for it.
#[test]
fn close_to_is_near_not_a_bound() {
    let w = ledger();
    let close = add(&w, "dprk-troops.deployed", "close to 600", "2024-10", &["--source", "Ministry"]);
    assert_eq!(close["figure"]["qualifier"], "approx", "{close:#}");
    let figure = &entry(&w, "dprk-troops.deployed", None, &close["id"])["figure"];
    assert_eq!(figure["text"], "about 600 soldiers", "{figure:#}");
}
