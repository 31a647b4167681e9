//! `claims metrics`, `claims sources`, `claims units`, and the demo.

use crate::helper::Workdir;
use serde_json::json;

#[test]
fn metrics_are_declared_once_and_listed_with_counts() {
    let w = Workdir::new();
    assert_eq!(
        w.ok(&[
            "metrics",
            "add",
            "kursk.area-held-by-ukraine",
            "--kind",
            "level",
            "--unit",
            "square miles",
            "--label",
            "Kursk territory held by Ukraine"
        ]),
        "kursk.area-held-by-ukraine (level, in sq mi)\n"
    );
    let stderr =
        w.fails(&["metrics", "add", "kursk.area-held-by-ukraine", "--kind", "level", "--unit", "sq mi"]);
    assert!(stderr.contains("the metric kursk.area-held-by-ukraine exists already"), "{stderr}");
    let stderr = w.fails(&["metrics", "add", "Kursk Area", "--kind", "level", "--unit", "sq mi"]);
    assert!(stderr.contains("\"Kursk Area\" is not a metric key"), "{stderr}");
    let stderr = w.fails(&["metrics", "add", "kursk.fuel", "--kind", "level", "--unit", "litres"]);
    assert!(stderr.contains("unknown unit \"litres\""), "{stderr}");
    let stderr = w.usage_error(&["metrics", "add", "kursk.x", "--kind", "stock", "--unit", "sq mi"]);
    assert!(stderr.contains("invalid value 'stock'"), "{stderr}");
    assert_eq!(w.count("metrics"), 1);

    w.ok(&["add", "--metric", "kursk.area-held-by-ukraine", "--value", "about 380", "--as-of", "2024-08"]);
    let metrics = w.json(&["metrics"]);
    assert_eq!(metrics[0]["key"], "kursk.area-held-by-ukraine");
    assert_eq!(metrics[0]["kind"], "level");
    assert_eq!(metrics[0]["unit"], "sq mi");
    assert_eq!(metrics[0]["claims"], 1);
    assert_eq!(metrics[0]["first"], "2024-08-01");
}

#[test]
fn sources_are_listed_with_their_claims() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    let sources = w.json(&["sources"]);
    let kirby = sources.as_array().unwrap().iter().find(|s| s["name"] == "John Kirby").unwrap();
    assert_eq!(kirby["kind"], "person");
    assert_eq!(kirby["affiliation"], "U.S. National Security Council");
    assert_eq!(kirby["claims"], 2);
    assert_eq!(kirby["metrics"], 1);
}

#[test]
fn a_source_cannot_change_its_affiliation_silently() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    let stderr = w.fails(&[
        "add",
        "--metric",
        "dprk-troops.deployed",
        "--value",
        "11,000",
        "--as-of",
        "2024-11",
        "--source",
        "John Kirby",
        "--affiliation",
        "Pentagon",
    ]);
    assert!(stderr.contains("the source \"John Kirby\" is recorded with affiliation \"U.S. National Security Council\", not \"Pentagon\""), "{stderr}");
    assert_eq!(w.count("claims"), 6);
}

#[test]
fn a_document_keeps_its_title_and_gains_what_it_lacked() {
    let w = Workdir::new();
    w.kursk_metrics();
    let url = "https://www.reuters.com/world/europe/ukraine-kursk-2024-11-18/";
    let add = |value: &str, extra: &[&str]| {
        let mut args = vec!["add", "--metric", "kursk.area-held-by-ukraine", "--value", value];
        args.extend(["--as-of", "2024-11", "--doc", url]);
        args.extend(extra);
        w.run(&args)
    };
    assert_eq!(add("about 250 sq mi", &["--doc-title", "Ukraine holds part of Kursk"]).code(), 0);
    let refused = add("about 240 sq mi", &["--doc-title", "Another headline"]);
    assert_eq!(refused.code(), 2);
    assert!(
        refused.stderr().contains(&format!(
            "doc_title: the document {url} is recorded with doc_title \"Ukraine holds part of Kursk\", not \"Another headline\""
        )),
        "{}",
        refused.stderr()
    );
    assert_eq!(add("about 240 sq mi", &["--publisher", "Reuters"]).code(), 0);
    assert_eq!(w.count("documents"), 1);
    assert_eq!(
        w.sql("SELECT title || ' / ' || publisher FROM documents"),
        "Ukraine holds part of Kursk / Reuters"
    );
}

#[test]
fn units_lists_known_units_and_aliases() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    let units = w.json(&["units"]);
    let list = units.as_array().unwrap();
    assert!(list.iter().any(|u| u["unit"] == "sq mi" && u["dimension"] == "area"));
    assert!(list
        .iter()
        .any(|u| u["unit"] == "troops" && u["same_as"] == "soldiers" && u["spellings"] == json!([])));
    let sq_mi = list.iter().find(|u| u["unit"] == "sq mi").unwrap();
    let spellings: Vec<&str> =
        sq_mi["spellings"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
    assert!(spellings.contains(&"square miles"), "{spellings:?}");
    let csv = w.ok(&["units", "--format", "csv"]);
    assert!(csv.lines().next() == Some("unit,dimension,spellings,same_as"), "{csv}");
    assert!(csv.lines().any(|l| l.starts_with("sq mi,area,") && l.contains("; square miles")), "{csv}");
    let stderr = w.fails(&["units", "alias", "sq mi", "soldiers"]);
    assert!(stderr.contains("\"sq mi\" is not a count noun"), "{stderr}");
}

#[test]
fn demo_builds_the_kursk_ledger_once() {
    let w = Workdir::new();
    let out = w.ok(&["demo"]);
    assert!(out.contains("6 claims added"), "{out}");
    assert!(out.contains("about 380 square miles"), "{out}");
    assert!(out.contains("change of #2"), "{out}");
    let again = w.ok(&["demo"]);
    assert!(again.contains("0 claims added"), "{again}");
    assert_eq!(w.count("claims"), 6);
    let change = w.json(&["show", "demo-kursk-area-lost"]);
    assert_eq!(change["change_of_uid"], "demo-kursk-area-aug");
    assert_eq!(change["figure"]["qualifier"], "approx");
    assert_eq!(change["figure"]["best"], -40);
}

#[test]
fn sources_count_claims_metrics_and_spellings_merged_into_them() {
    let w = Workdir::new();
    w.kursk_metrics();
    w.write(
        "rows.csv",
        "metric,value,as_of,stated,source\n\
         dprk-troops.deployed,\"10,000\",2024-10,2024-10-28,Pentagon\n\
         dprk-troops.deployed,\"11,000\",2024-11,2024-11-04,pentagon (US)\n\
         dprk-troops.killed-weekly,\"1,000\",2024-12-27,2024-12-27,DoD\n\
         dprk-troops.deployed,\"12,000\",2024-11,2024-11-20,DoD\n\
         dprk-troops.deployed,\"9,000\",2024-10,,Kyiv\n\
         dprk-troops.deployed,\"8,000\",2024-10,2024-10-30,\n",
    );
    w.ok(&["import", "rows.csv"]);
    w.ok(&["sources", "merge", "pentagon (US)", "Pentagon"]);
    w.ok(&["sources", "merge", "DoD", "Pentagon"]);
    let sources = w.json(&["sources"]);
    let got: Vec<_> = sources
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["name"].clone(),
                s["claims"].clone(),
                s["metrics"].clone(),
                s["last_stated"].clone(),
                s["also_named"].clone(),
            )
        })
        .collect();
    let row = |name: &str, claims: i64, metrics: i64, last: Option<&str>, also: Option<&str>| {
        (name.into(), claims.into(), metrics.into(), last.into(), also.into())
    };
    assert_eq!(
        got,
        [
            row("Kyiv", 1, 1, None, None),
            row("Pentagon", 4, 2, Some("2024-12-27"), Some("DoD; pentagon (US)")),
        ]
    );
}
