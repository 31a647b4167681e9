//! `check` decides by the same rules as the timeline (`report::rules`):
//! figures read at the precision they were stated in, percentage points
//! that add, and the same pairs of figures in disagreement.

use crate::helper::Workdir;
use serde_json::{json, Value};

fn add(w: &Workdir, metric: &str, value: &str, as_of: &str, source: &str, more: &[&str]) -> i64 {
    let mut args = vec!["add", "--metric", metric, "--value", value, "--as-of", as_of, "--source", source];
    args.extend(more);
    w.json(&args)["id"].as_i64().unwrap()
}

fn findings(w: &Workdir, check: &str) -> Vec<Value> {
    let all = w.json(&["check"]);
    all.as_array().unwrap().iter().filter(|f| f["check"] == check).cloned().collect()
}

/// Pairs of claims the timeline marks as disagreeing, each pair once.
fn timeline_pairs(w: &Workdir, metric: &str) -> Vec<Value> {
    let timeline = w.json(&["timeline", metric]);
    let mut pairs = Vec::new();
    for entry in timeline.as_array().unwrap() {
        let id = entry["id"].as_i64().unwrap();
        for other in entry["disagrees_with"].as_array().unwrap() {
            let other = other.as_i64().unwrap();
            if id < other {
                pairs.push(json!([id, other]));
            }
        }
    }
    pairs.sort_by_key(|p| p.to_string());
    pairs
}

#[test]
fn check_reads_a_figure_at_the_precision_it_was_stated_in() {
    // Syrskyi's 1,294 km² of 27 August 2024, beside the same figure rounded
    // to "1.3 thousand km²" (two significant figures: 1,250 to 1,350): they
    // agree. 1,263 km², his figure of a week before, given for the 27th by
    // another, cannot be 1,294 km².
    let w = Workdir::new();
    w.ok(&["metrics", "add", "kursk.area-held", "--kind", "level", "--unit", "km²"]);
    let day = "2024-08-27";
    let syrskyi = add(&w, "kursk.area-held", "1,294 km²", day, "Oleksandr Syrskyi", &[]);
    add(&w, "kursk.area-held", "1.3 thousand km²", day, "News summary", &[]);
    assert_eq!(findings(&w, "disagreement"), Vec::<Value>::new(), "1.3 thousand is 1,294 rounded");
    assert_eq!(timeline_pairs(&w, "kursk.area-held"), Vec::<Value>::new());
    let older = add(&w, "kursk.area-held", "1,263 km²", day, "Late report", &[]);
    let found = findings(&w, "disagreement");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["claims"], json!([syrskyi, older]));
    assert_eq!(
        found.iter().map(|f| f["claims"].clone()).collect::<Vec<_>>(),
        timeline_pairs(&w, "kursk.area-held"),
        "check and the timeline name the same pairs"
    );
}

#[test]
fn check_adds_percentage_points_to_a_percentage() {
    // The Bank of Russia cut its key rate from 21% to 20% on 6 June 2025:
    // "-1 pp" with "20%" said the same day implies a base of 21% (not the
    // 20.2% that reading the change as -1% would give).
    let w = Workdir::new();
    w.ok(&["metrics", "add", "russia.key-rate", "--kind", "level", "--unit", "%"]);
    let source = "Bank of Russia";
    let rate = add(&w, "russia.key-rate", "21%", "2024-10-25", source, &[]);
    let cut = add(&w, "russia.key-rate", "-1 pp", "2025-06-06", source, &["--change-of", &rate.to_string()]);
    add(&w, "russia.key-rate", "20%", "2025-06-06", source, &[]);
    assert_eq!(findings(&w, "implied-base"), Vec::<Value>::new(), "21% - 1 pp is 20%");

    // the same cut said beside 18% implies 19%, which is not 21%
    let w = Workdir::new();
    w.ok(&["metrics", "add", "russia.key-rate", "--kind", "level", "--unit", "%"]);
    let rate = add(&w, "russia.key-rate", "21%", "2024-10-25", source, &[]);
    let cut_2 =
        add(&w, "russia.key-rate", "-1 pp", "2025-06-06", source, &["--change-of", &rate.to_string()]);
    let wrong = add(&w, "russia.key-rate", "18%", "2025-06-06", source, &[]);
    let found = findings(&w, "implied-base");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["claims"], json!([rate, cut_2, wrong]));
    assert_eq!(
        found[0]["reason"],
        format!("#{wrong} 18% with #{cut_2} -1 pp implies a base of 19%, but #{rate} says 21%")
    );
    assert_eq!(cut, cut_2);
}

#[test]
fn a_month_total_and_a_day_inside_it_are_not_a_fall() {
    // UN OCHA's at least 11,300 deaths in Derna, entered for September 2023
    // as a monthly summary would give it, beside its at least 3,958 of 17
    // September: neither comes before the other, so nothing was revised
    // down. Entered for 16 September instead, it is a revision.
    let w = Workdir::new();
    w.ok(&["metrics", "add", "derna.deaths", "--kind", "cumulative", "--unit", "people"]);
    add(&w, "derna.deaths", "at least 11,300", "2023-09", "UN OCHA", &[]);
    add(&w, "derna.deaths", "at least 3,958", "2023-09-17", "UN OCHA", &[]);
    assert_eq!(findings(&w, "revised-down"), Vec::<Value>::new());
    assert_eq!(findings(&w, "cumulative-decrease"), Vec::<Value>::new());
    let day = add(&w, "derna.deaths", "at least 11,300", "2023-09-16", "UN OCHA", &[]);
    let found = findings(&w, "revised-down");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["claims"], json!([day, 2]));
}

#[test]
fn check_passes_over_a_retired_metric_and_says_how_many_claims_it_skipped() {
    // Syrskyi's 1,294 km² of 27 August 2024 and his 1,263 km² of a week
    // before, both given for the 27th: a disagreement, until the metric is
    // retired as a mistaken key.
    let w = Workdir::new();
    w.ok(&["metrics", "add", "kursk.area-held", "--kind", "level", "--unit", "km²"]);
    w.ok(&["metrics", "add", "kursk.area-held-km2", "--kind", "level", "--unit", "km²"]);
    let day = "2024-08-27";
    add(&w, "kursk.area-held", "1,294 km²", day, "Oleksandr Syrskyi", &[]);
    add(&w, "kursk.area-held-km2", "1,294 km²", day, "Oleksandr Syrskyi", &[]);
    add(&w, "kursk.area-held-km2", "1,263 km²", day, "Late report", &[]);
    let found = findings(&w, "disagreement");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["metric"], "kursk.area-held-km2");
    w.ok(&["metrics", "retire", "kursk.area-held-km2"]);
    for format in ["table", "json", "jsonl", "csv"] {
        let run = w.run(&["check", "--format", format]);
        assert_eq!(run.code(), 0, "{format}: {}", run.stderr());
        assert!(!run.stdout().contains("kursk.area-held-km2"), "{format}: {}", run.stdout());
        assert!(
            run.stderr().contains("skipped 2 claims of retired metric kursk.area-held-km2"),
            "{format}: {}",
            run.stderr()
        );
    }
    assert_eq!(w.ok(&["check"]).trim(), "no problems found");
    let quiet = w.run(&["--quiet", "check"]);
    assert_eq!(quiet.stderr(), "", "--quiet drops the summary");
    w.ok(&["metrics", "unretire", "kursk.area-held-km2"]);
    assert_eq!(findings(&w, "disagreement").len(), 1);
    assert!(!w.run(&["check"]).stderr().contains("skipped"));
}
