//! `claims add`: one claim at a time, every field kept, bad input refused
//! with the ledger unchanged.

use crate::helper::Workdir;
use serde_json::json;

fn kirby(w: &Workdir) -> serde_json::Value {
    w.json(&[
        "add",
        "--metric",
        "dprk-troops.killed-weekly",
        "--value",
        "more than 1,000",
        "--from",
        "2024-12-21",
        "--as-of",
        "2024-12-27",
        "--stated",
        "2024-12-27",
        "--source",
        "John Kirby",
        "--source-kind",
        "person",
        "--affiliation",
        "U.S. National Security Council",
        "--doc",
        "https://example.org/kursk-losses",
        "--doc-title",
        "Heavy losses in Kursk",
        "--publisher",
        "Example Wire",
        "--published",
        "2024-12-27",
        "--quote",
        "more than 1,000 North Korean soldiers were killed this past week",
        "--place",
        "Kursk",
        "--note",
        "weekly figure",
    ])
}

#[test]
fn add_keeps_every_field_and_reads_the_figure() {
    let w = Workdir::new();
    w.kursk_metrics();
    let claim = kirby(&w);
    assert_eq!(claim["id"], 1);
    assert_eq!(claim["value"], "more than 1,000");
    assert_eq!(claim["figure"]["qualifier"], "more_than");
    assert_eq!(claim["figure"]["best"], 1000);
    assert_eq!(claim["figure"]["low"], 1000);
    assert_eq!(claim["figure"]["high"], json!(null), "more than 1,000 has no upper bound");
    assert_eq!(claim["unit"], "soldiers", "the metric's unit when none is stated");
    assert_eq!(claim["from"], "2024-12-21");
    assert_eq!(claim["as_of"], "2024-12-27");
    assert_eq!(claim["source"], "John Kirby");
    assert_eq!(claim["affiliation"], "U.S. National Security Council");
    assert_eq!(claim["doc_url"], "https://example.org/kursk-losses");
    assert_eq!(claim["quote"], "more than 1,000 North Korean soldiers were killed this past week");
    assert_eq!(claim["entered_by"], "tester");
    assert_eq!(claim["entered_at"], "2026-11-25T12:00:00Z");
    assert_eq!(claim["status"], "active");
    assert!(claim["uid"].as_str().unwrap().len() >= 32, "a generated uid");
    assert_eq!(w.count("claims"), 1);
    assert_eq!(w.count("sources"), 1);
    assert_eq!(w.count("documents"), 1);
    assert_eq!(
        w.sql("SELECT entered_by || ' ' || entered_at FROM claims"),
        "tester 2026-11-25T12:00:00Z",
        "the entry is recorded in the row"
    );
}

#[test]
fn add_prints_the_id_and_reuses_sources_and_documents() {
    let w = Workdir::new();
    w.kursk_metrics();
    kirby(&w);
    let out = w.ok(&[
        "add",
        "--metric",
        "dprk-troops.deployed",
        "--value",
        "up to 12,000",
        "--as-of",
        "2024-10",
        "--source",
        "John Kirby",
        "--doc",
        "https://example.org/kursk-losses",
    ]);
    assert_eq!(out, "2\n");
    assert_eq!(w.count("sources"), 1, "the same source is not added twice");
    assert_eq!(w.count("documents"), 1, "the same document is not added twice");
}

#[test]
fn the_month_is_kept_as_a_month() {
    let w = Workdir::new();
    w.kursk_metrics();
    let claim = w.json(&[
        "add",
        "--metric",
        "kursk.area-held-by-ukraine",
        "--value",
        "about 380 square miles",
        "--as-of",
        "2024-08",
    ]);
    assert_eq!(claim["as_of"], "2024-08");
    assert_eq!(claim["unit"], "sq mi");
    assert_eq!(claim["figure"]["qualifier"], "approx");
    assert_eq!(
        (claim["figure"]["best"].clone(), claim["figure"]["low"].clone(), claim["figure"]["high"].clone()),
        (json!(380), json!(null), json!(null))
    );
    assert_eq!(
        w.sql("SELECT as_of_start || '..' || as_of_end || ' ' || as_of_precision FROM claims"),
        "2024-08-01..2024-08-31 month"
    );
}

#[test]
fn a_unit_in_the_value_converts_to_the_metric() {
    let w = Workdir::new();
    w.kursk_metrics();
    let claim = w.json(&[
        "add",
        "--metric",
        "kursk.area-held-by-ukraine",
        "--value",
        "984 km2",
        "--as-of",
        "2024-08",
    ]);
    assert_eq!(claim["unit"], "km²", "the unit as stated is kept");
    assert_eq!(claim["figure"]["best"], 984);
}

#[test]
fn relative_claims_point_at_their_base() {
    let w = Workdir::new();
    w.kursk_metrics();
    w.ok(&["add", "--metric", "kursk.area-held-by-ukraine", "--value", "about 380", "--as-of", "2024-08"]);
    let change = w.json(&[
        "add",
        "--metric",
        "kursk.area-held-by-ukraine",
        "--value",
        "about -40%",
        "--as-of",
        "2024-12-27",
        "--change-of",
        "1",
    ]);
    let base_uid = w.sql("SELECT uid FROM claims WHERE id = 1");
    assert_eq!(change["change_of_uid"], base_uid);
    assert_eq!(change["change_of"], 1, "a reference is an id, its uid beside it");
    assert_eq!(change["unit"], "%");
    assert_eq!(change["figure"]["best"], -40);
    w.ok(&["add", "--metric", "dprk-troops.deployed", "--value", "up to 12,000", "--as-of", "2024-10"]);
    let share = w.json(&[
        "add",
        "--metric",
        "dprk-troops.killed-weekly",
        "--value",
        "almost 10%",
        "--as-of",
        "2024-12-27",
        "--share-of",
        "3",
    ]);
    assert_eq!(share["figure"]["qualifier"], "almost");
    assert_eq!((share["figure"]["best"].clone(), share["figure"]["high"].clone()), (json!(10), json!(10)));
    assert_eq!(w.sql("SELECT share_of FROM claims WHERE id = 4"), "3");
}

/// Each bad command: what the user typed, and what the error must say.
#[test]
fn bad_input_is_refused_with_a_hint_and_changes_nothing() {
    let w = Workdir::new();
    w.kursk_metrics();
    w.ok(&["add", "--metric", "kursk.area-held-by-ukraine", "--value", "about 380", "--as-of", "2024-08"]);
    let cases: &[(&[&str], &[&str])] = &[
        (
            &["--metric", "kursk.area-held-by-ukrain", "--value", "380", "--as-of", "2024-08"],
            &[
                "--metric: unknown metric \"kursk.area-held-by-ukrain\"",
                "did you mean kursk.area-held-by-ukraine",
            ],
        ),
        (
            &["--metric", "dprk-troops.deployed", "--value", "more then 1,000", "--as-of", "2024-10"],
            &["--value: cannot read the figure \"more then 1,000\"", "hint: write a number"],
        ),
        (
            &["--metric", "dprk-troops.deployed", "--value", "dozens", "--as-of", "2024-10"],
            &["cannot read the figure \"dozens\""],
        ),
        (
            &["--metric", "dprk-troops.deployed", "--value", "1,000", "--as-of", "2024-13-45"],
            &["--as-of: \"2024-13-45\" is not a real date"],
        ),
        (
            &["--metric", "dprk-troops.deployed", "--value", "1,000", "--as-of", "2027-01"],
            &["--as-of: \"2027-01\" is in the future (today is 2026-11-25)"],
        ),
        (
            &["--metric", "dprk-troops.deployed", "--value", "1,000", "--as-of", "27/12/2024"],
            &[
                "\"27/12/2024\" does not say whether the day or the month comes first",
                "hint: give --date-format %d/%m/%Y",
            ],
        ),
        (
            &["--metric", "dprk-troops.deployed", "--value", "1,000 kg", "--as-of", "2024-10"],
            &["unknown unit \"kg\"", "known units: %, km², sq mi"],
        ),
        (
            &["--metric", "dprk-troops.deployed", "--value", "1,000 troops", "--as-of", "2024-10"],
            &[
                "\"troops\" and \"soldiers\" are different count nouns",
                "claims units alias \"troops\" \"soldiers\"",
            ],
        ),
        (
            &["--metric", "kursk.area-held-by-ukraine", "--value", "40 km", "--as-of", "2024-10"],
            &["km (length) cannot be converted to sq mi (area)"],
        ),
        (
            &["--metric", "kursk.area-held-by-ukraine", "--value", "-40%", "--as-of", "2024-10"],
            &["a figure in % needs a base"],
        ),
        (
            &[
                "--metric",
                "kursk.area-held-by-ukraine",
                "--value",
                "-40%",
                "--as-of",
                "2024-10",
                "--change-of",
                "99",
            ],
            &["--change-of: there is no claim 99 to be relative to"],
        ),
        (
            &[
                "--metric",
                "dprk-troops.killed-weekly",
                "--value",
                "10%",
                "--as-of",
                "2024-10",
                "--share-of",
                "1",
            ],
            &["claim 1 (kursk.area-held-by-ukraine) is of another dimension"],
        ),
        (
            &[
                "--metric",
                "dprk-troops.deployed",
                "--value",
                "1,000",
                "--as-of",
                "2024-10",
                "--from",
                "2024-11",
            ],
            &["--from: from 2024-11 is after as_of 2024-10"],
        ),
        (
            &[
                "--metric",
                "dprk-troops.deployed",
                "--value",
                "1,000",
                "--as-of",
                "2024-10",
                "--source-kind",
                "person",
            ],
            &["source_kind is given without a source"],
        ),
        (
            &["--value", "1,000"],
            &[
                "the claim was not recorded, 2 problems",
                "--metric: metric is required",
                "--as-of: as_of is required",
            ],
        ),
    ];
    let before = w.snapshot_counts();
    for (args, expected) in cases {
        let mut argv = vec!["add"];
        argv.extend_from_slice(args);
        let stderr = w.fails(&argv);
        for text in *expected {
            assert!(stderr.contains(text), "for {argv:?}\nexpected {text:?} in:\n{stderr}");
        }
        assert_eq!(w.snapshot_counts(), before, "{argv:?} changed the ledger");
    }
}

#[test]
fn a_declared_alias_lets_troops_count_as_soldiers() {
    let w = Workdir::new();
    w.kursk_metrics();
    w.fails(&[
        "add",
        "--metric",
        "dprk-troops.deployed",
        "--value",
        "up to 12,000 troops",
        "--as-of",
        "2024-10",
    ]);
    assert_eq!(w.ok(&["units", "alias", "troops", "soldiers"]), "troops = soldiers\n");
    let claim = w.json(&[
        "add",
        "--metric",
        "dprk-troops.deployed",
        "--value",
        "up to 12,000 troops",
        "--as-of",
        "2024-10",
    ]);
    assert_eq!(claim["unit"], "troops");
    assert_eq!(claim["unit_same_as"], "soldiers");
}
