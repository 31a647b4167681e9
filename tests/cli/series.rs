//! How reports read a multi-source story: change within a source, sources
//! compared and never chained, figures chosen by written rules. The ledger
//! is Kursk in August 2024: the Ukrainian commander's own updates, Russian
//! regional officials, the ISW's count and an end-of-month round-up.

use crate::helper::Workdir;
use serde_json::{json, Value};

fn kursk() -> Workdir {
    let w = Workdir::new();
    w.ok(&["metrics", "add", "kursk.area-held", "--kind", "level", "--unit", "km²"]);
    w.ok(&["metrics", "add", "kursk.settlements-held", "--kind", "level", "--unit", "settlements"]);
    let story =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/stories/kursk-august-2024.csv");
    w.write("kursk.csv", std::fs::read(story).unwrap());
    w.ok(&["import", "kursk.csv"]);
    w
}

fn by_value<'a>(timeline: &'a Value, value: &str) -> &'a Value {
    timeline.as_array().unwrap().iter().find(|e| e["value"] == value).unwrap_or_else(|| panic!("{value}"))
}

#[test]
fn a_change_is_within_one_source_and_never_across_sources() {
    let w = kursk();
    let area = w.json(&["timeline", "kursk.area-held"]);
    let exact = by_value(&area, "1,263");
    assert_eq!(exact["change"]["from_claim"], by_value(&area, "about 1,000")["id"], "{exact:#}");
    assert_eq!(exact["change"]["best"], 263.0);
    let later = by_value(&area, "1,294");
    assert_eq!(later["change"]["best"], 31.0, "from the commander's own 1,263: {later:#}");
    // the round-up is not "a fall of 44 from the commander's 1,294"
    let roundup = by_value(&area, "about 1,250");
    assert_eq!(roundup["change"], Value::Null, "{roundup:#}");
    // about 1,250 beside 1,294 and the rest: "about" gives no bound to test
    assert!(roundup["standing"].as_str().unwrap().starts_with("differs from #1, #5, #6, #8"), "{roundup:#}");
    let settlements = w.json(&["timeline", "kursk.settlements-held"]);
    let isw = by_value(&settlements, "about 41");
    assert_eq!(
        isw["standing"],
        format!("differs from #{} (no bound to test)", by_value(&settlements, "74")["id"])
    );

    let settlements = w.json(&["timeline", "kursk.settlements-held"]);
    let officials = by_value(&settlements, "28");
    assert_eq!(officials["change"], Value::Null);
    assert_eq!(officials["standing"], "first figure of its source");
    let commander = by_value(&settlements, "74");
    assert_eq!(commander["change"], Value::Null, "not a change from the officials' 28: {commander:#}");
    assert_eq!(by_value(&settlements, "93")["change"]["best"], 19.0);
    let table = w.ok(&["timeline", "kursk.settlements-held"]);
    assert!(!table.contains("+46") && !table.contains("46 settlements"), "{table}");
}

#[test]
fn change_between_dates_takes_one_sources_own_figures_first() {
    let w = kursk();
    let answer = w.json(&["change", "kursk.area-held", "--from", "2024-08-12", "--to", "2024-08-27"]);
    assert_eq!(answer["source"], "Oleksandr Syrskyi", "{answer:#}");
    assert_eq!(answer["change"]["best"], 294.0);
    assert_eq!(answer["change"]["qualifier"], "approx", "about 1,000 keeps its about: {answer:#}");
    let words = w.ok(&["change", "kursk.area-held", "--from", "2024-08-12", "--to", "2024-08-27"]);
    assert!(words.contains("Oleksandr Syrskyi's own figures:"), "{words}");

    // the whole month: the round-up's August and the commander's days
    let month = w.json(&["change", "kursk.settlements-held", "--from", "2024-08-13", "--to", "2024-08-27"]);
    assert_eq!(month["source"], "Oleksandr Syrskyi");
    assert_eq!(
        (month["before"]["figure"]["best"].clone(), month["after"]["figure"]["best"].clone()),
        (json!(74), json!(100))
    );
    let others: Vec<&Value> = month["other_sources"].as_array().unwrap().iter().collect();
    assert!(others.is_empty(), "the ISW has no figure at the end: {month:#}");
    assert!(month["consensus"].is_object(), "two sources speak on the 13th: {month:#}");
    let consensus_from = &month["consensus"]["before"]["figures"];
    let sources: Vec<&str> =
        consensus_from.as_array().unwrap().iter().map(|f| f["source"].as_str().unwrap()).collect();
    assert_eq!(sources, ["Institute for the Study of War", "Oleksandr Syrskyi"]);
    let unpaired: Vec<(&str, &str)> = month["passed_over"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["source"].as_str().unwrap(), p["why"].as_str().unwrap()))
        .collect();
    assert_eq!(unpaired, [("Institute for the Study of War", "its source has no figure at the other date")]);
}

#[test]
fn figures_said_together_are_not_a_revision_and_a_later_restatement_is() {
    let w = kursk();
    let area = w.json(&["timeline", "kursk.area-held"]);
    let both: Vec<&Value> = area.as_array().unwrap().iter().filter(|e| e["as_of"] == "2024-08-20").collect();
    for e in &both {
        assert_eq!(e["change"]["from_claim"], by_value(&area, "about 1,000")["id"], "{e:#}");
    }
    // a week later the commander restates the 20th: that is a revision
    w.ok(&[
        "add",
        "--metric",
        "kursk.area-held",
        "--value",
        "1,250",
        "--unit",
        "km²",
        "--as-of",
        "2024-08-20",
        "--stated",
        "2024-08-27",
        "--source",
        "Oleksandr Syrskyi",
    ]);
    let area = w.json(&["timeline", "kursk.area-held"]);
    let revised = by_value(&area, "1,250");
    assert!(revised["change"]["text"].as_str().unwrap().starts_with("revised"), "{revised:#}");
    // at the 20th, the revision speaks; the figures it revised are passed over, with why
    let at = w.json(&["change", "kursk.area-held", "--from", "2024-08-20", "--to", "2024-08-27"]);
    assert_eq!(at["before"]["figure"]["best"], 1250.0, "{at:#}");
    let why: Vec<&str> =
        at["passed_over"].as_array().unwrap().iter().map(|p| p["why"].as_str().unwrap()).collect();
    assert_eq!(why, ["stated earlier by the same source for the same span"; 2], "{at:#}");
}

#[test]
fn compare_judges_only_figures_of_the_same_time() {
    let w = kursk();
    let compare = w.json(&["compare", "kursk.settlements-held"]);
    for row in compare.as_array().unwrap() {
        assert_eq!(
            row["disagrees_with"],
            json!([]),
            "28 on the 12th and 100 on the 27th can both hold: {row:#}"
        );
    }
    let latest = w.json(&["latest"]);
    let settlements =
        latest.as_array().unwrap().iter().find(|r| r["metric"] == "kursk.settlements-held").unwrap();
    assert_eq!(
        (settlements["figure"]["text"].clone(), settlements["as_of"].clone()),
        (json!("100 settlements"), json!("2024-08-27"))
    );
}

fn derna() -> Workdir {
    let w = Workdir::new();
    w.ok(&["metrics", "add", "derna.deaths", "--kind", "cumulative", "--unit", "people"]);
    let story =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/stories/derna-september-2023.csv");
    w.write("derna.csv", std::fs::read(story).unwrap());
    w.ok(&["import", "derna.csv"]);
    w
}

#[test]
fn check_tells_a_revision_from_a_contradiction_with_a_severity() {
    let w = derna();
    let found = w.json(&["check"]);
    let kinds: Vec<(String, String, Value)> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (f["check"].as_str().unwrap().into(), f["severity"].as_str().unwrap().into(), f["claims"].clone())
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("cumulative-decrease".to_string(), "contradiction".to_string(), json!([1, 3])),
            ("disagreement".into(), "contradiction".into(), json!([2, 3])),
            ("revised-down".into(), "revision".into(), json!([2, 4])),
        ],
        "{found:#}"
    );
    let revised = found.as_array().unwrap().iter().find(|f| f["check"] == "revised-down").unwrap();
    assert_eq!(
        revised["reason"],
        "UN OCHA revised its running total down from at least 11,300 people (2023-09-16) to at least 3,958 people (2023-09-17)"
    );
    let strict = w.run(&["check", "--strict"]);
    assert_eq!(strict.code(), 1, "contradictions are serious");
    assert!(strict.stderr().contains("3 problem(s), 2 of them serious"), "{}", strict.stderr());

    // a revision alone is reported, and is not a failure
    let alone = Workdir::new();
    alone.ok(&["metrics", "add", "derna.deaths", "--kind", "cumulative", "--unit", "people"]);
    for (value, day) in [("at least 11,300", "2023-09-16"), ("at least 3,958", "2023-09-17")] {
        alone.ok(&[
            "add",
            "--metric",
            "derna.deaths",
            "--value",
            value,
            "--as-of",
            day,
            "--stated",
            day,
            "--source",
            "UN OCHA",
        ]);
    }
    let run = alone.run(&["check", "--strict"]);
    assert_eq!(run.code(), 0, "{}", run.stdout());
    assert!(run.stdout().contains("revised-down"), "{}", run.stdout());
}

#[test]
fn one_source_contradicting_itself_for_one_span_is_a_finding() {
    let w = derna();
    w.ok(&[
        "add",
        "--metric",
        "derna.deaths",
        "--value",
        "up to 3,000",
        "--as-of",
        "2023-09-16",
        "--source",
        "Othman Abduljaleel",
    ]);
    let found = w.json(&["check"]);
    let own = found.as_array().unwrap().iter().find(|f| f["check"] == "self-contradiction").expect("found");
    assert_eq!(own["claims"], json!([3, 5]));
    assert_eq!(own["severity"], "contradiction");
    assert!(
        own["reason"]
            .as_str()
            .unwrap()
            .starts_with("Othman Abduljaleel says 3,252 people (#3), up to 3,000 people (#5) for 2023-09-16"),
        "{own:#}"
    );
}

#[test]
fn the_timeline_says_what_sources_say_together_for_a_span() {
    let w = kursk();
    let table = w.ok(&["timeline", "kursk.settlements-held"]);
    assert!(
        table.contains("Where sources meet:\n  2024-08-13: sources differ (no bound to test): Institute for the Study of War says about 41 settlements"),
        "{table}"
    );
    let demo = Workdir::new();
    demo.ok(&["demo"]);
    let weekly = demo.json(&["timeline", "dprk-troops.killed-weekly"]);
    for entry in weekly.as_array().unwrap() {
        assert_eq!(
            entry["consensus"]["text"],
            "between more than 1,000 soldiers and less than about 1,200 soldiers (2 figures agree: #3, #4)",
            "Kirby's figure and the share of Kyiv's deployment, together: {entry:#}"
        );
    }
}

#[test]
fn latest_shows_every_source_of_the_latest_span_stated_before_derived() {
    // The end-of-month round-up speaks for all of August, so 27 August's
    // figure does not come after it: both are the latest, and differ.
    let w = kursk();
    let latest = w.json(&["latest"]);
    let area = latest.as_array().unwrap().iter().find(|e| e["metric"] == "kursk.area-held").unwrap();
    assert_eq!(area["sources"], json!(["News reports", "Oleksandr Syrskyi"]), "{area:#}");
    assert_eq!((&area["id"], &area["claims"]), (&json!(10), &json!([10, 8])), "{area:#}");
    assert_eq!(
        area["consensus"]["text"],
        "sources differ (no bound to test): News reports says about 1,250 km² (#10); \
         Oleksandr Syrskyi says 1,294 km² (#8)"
    );
    let table = w.ok(&["latest"]);
    assert!(table.contains("2024-08, 2024-08-27"), "both spans are named:\n{table}");

    // Kirby's stated figure comes before the one derived from Kyiv's count
    let demo = Workdir::new();
    demo.ok(&["demo"]);
    let latest = demo.json(&["latest"]);
    let weekly =
        latest.as_array().unwrap().iter().find(|e| e["metric"] == "dprk-troops.killed-weekly").unwrap();
    assert_eq!(
        (&weekly["id"], &weekly["claims"], &weekly["derived"]),
        (&json!(3), &json!([3, 4, 1]), &json!(false)),
        "{weekly:#}"
    );
    assert!(weekly["consensus"]["text"].as_str().unwrap().starts_with("between more than 1,000 soldiers"));
}

#[test]
fn compare_as_a_table_shows_the_figures_its_records_hold() {
    // the table reads figures from the (metric, day) index, the records whole claims
    let w = kursk();
    for metric in ["kursk.area-held", "kursk.settlements-held"] {
        let records = w.json(&["compare", metric]);
        let table = w.ok(&["compare", metric, "--format", "md"]);
        let rows: Vec<&str> = table.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{table}");
        assert_eq!(rows.len(), records.as_array().unwrap().len(), "{table}");
        for (row, record) in rows.iter().zip(records.as_array().unwrap()) {
            let cells: Vec<&str> = row.split('|').map(str::trim).collect();
            let source = record["source"].as_str().unwrap_or("");
            assert_eq!(cells[1], source, "{table}");
            assert_eq!(cells[4], record["figure"]["text"].as_str().unwrap(), "{table}");
            assert_eq!(cells[5], record["id"].to_string(), "{table}");
        }
    }
}

/// Ukraine's "up to 12,000" North Korean troops in October 2024 and the
/// Pentagon's "about 10,000" in early November: two sources, one figure each.
#[test]
fn two_sources_one_figure_each_are_compared_never_a_change() {
    let w = Workdir::new();
    w.ok(&["metrics", "add", "dprk-troops.deployed", "--kind", "level", "--unit", "troops"]);
    w.add_figures(
        "dprk-troops.deployed",
        &[("up to 12,000", "2024-10", "Government of Ukraine"), ("about 10,000", "2024-11-04", "Pentagon")],
    );
    let args = ["change", "dprk-troops.deployed", "--from", "2024-10", "--to", "2024-11-04"];
    let answer = w.json(&args);
    assert_eq!(answer["change"], Value::Null, "not a fall of about 2,000: {answer:#}");
    assert_eq!(answer["before"]["source"], "Government of Ukraine", "both ends still shown: {answer:#}");
    assert_eq!(answer["after"]["source"], "Pentagon", "{answer:#}");
    let words = w.ok(&args);
    assert!(words.contains("no change: the figures at the two dates are different sources'"), "{words}");
    assert!(!words.contains("-2,000") && !words.contains("  change "), "{words}");
    assert!(!words.contains("not chosen"), "both figures are shown, none passed over: {words}");

    w.ok(&["report", "-o", "r.html"]);
    let page = std::fs::read_to_string(w.path().join("r.html")).unwrap();
    assert!(page.contains("No source speaks at both ends"), "the summary says why there is no change");
    assert!(!page.contains("a change of"), "no cross-source change in the report");
}

/// Ecuador, April 2016: the government's tolls of 17, 18 and 23 April, then
/// the risk-management secretariat's 660 on the 29th. The government's own
/// change to the 29th is its latest figure before that day.
#[test]
fn a_sources_latest_figure_before_a_date_speaks_for_it_at_that_date() {
    let w = Workdir::new();
    w.ok(&["metrics", "add", "ecuador-2016.deaths", "--kind", "cumulative", "--unit", "people"]);
    w.add_figures(
        "ecuador-2016.deaths",
        &[
            ("at least 233", "2016-04-17", "Government of Ecuador"),
            ("413", "2016-04-18", "Government of Ecuador"),
            ("654", "2016-04-23", "Government of Ecuador"),
            ("660", "2016-04-29", "Risk Management Secretariat"),
        ],
    );
    let args = ["change", "ecuador-2016.deaths", "--from", "2016-04-17", "--to", "2016-04-29"];
    let answer = w.json(&args);
    assert_eq!(answer["source"], "Government of Ecuador", "{answer:#}");
    assert_eq!(answer["after"]["figure"]["best"], 654.0, "its own latest before the 29th: {answer:#}");
    assert_eq!(answer["change"]["best"], 421.0, "{answer:#}");
    assert_eq!(answer["change"]["qualifier"], "up_to", "at least 233 → 654 rose up to 421: {answer:#}");
    let secretariat: Vec<&Value> = answer["passed_over"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["source"] != "Government of Ecuador")
        .collect();
    assert_eq!(secretariat.len(), 1, "the 660 is listed, not chained: {answer:#}");

    let mut only = args.to_vec();
    only.extend(["--source", "Government of Ecuador"]);
    let own = w.json(&only);
    assert_eq!(
        (own["change"]["best"].clone(), own["source"].clone()),
        (json!(421), json!("Government of Ecuador"))
    );
}
