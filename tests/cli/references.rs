//! Claim references and status histories through export and import: a
//! claim record names another claim by id (its uid under `*_uid`), its
//! figure is one object, and its whole status history travels, so that an
//! imported export answers `list --as-of` and `history` as the original
//! does. Files written before (uids under the plain names, a flat
//! qualifier and bounds) still import.

use crate::helper::Workdir;
use serde_json::{json, Value};

/// Runs `claims` in `w` as `user` at `now`; expects success.
fn at(w: &Workdir, now: &str, user: &str, args: &[&str]) {
    let out = w.command(args).env("CLAIMS_NOW", now).env("CLAIMS_USER", user).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// The demo ledger over a week: Kursk's August figure corrected on the
/// 19th (about 380 read again as about 390 square miles), the "more than
/// 3,000" casualties retracted on the 20th as wounded, not killed, and
/// reinstated on the 22nd once the count was found to hold both.
fn worked_ledger() -> Workdir {
    let w = Workdir::new();
    at(&w, "2026-11-18T09:00:00Z", "ana", &["demo"]);
    at(
        &w,
        "2026-11-19T10:00:00Z",
        "ben",
        &["edit", "2", "--value", "about 390 square miles", "--reason", "map re-read"],
    );
    at(&w, "2026-11-20T16:30:00Z", "ana", &["retract", "5", "--reason", "wounded, not killed; see the note"]);
    at(
        &w,
        "2026-11-22T08:15:00Z",
        "cleo",
        &["reinstate", "5", "--reason", "the figure counts killed & wounded"],
    );
    w
}

const MOMENTS: [&str; 7] = [
    "2026-11-18T09:00:00Z",
    "2026-11-19T09:59:59Z",
    "2026-11-19T10:00:00Z",
    "2026-11-20T16:29:59Z",
    "2026-11-21",
    "2026-11-22T08:15:00Z",
    "2026-11-23",
];

#[test]
fn a_reinstated_claim_keeps_its_retraction_through_export_and_import() {
    let a = worked_ledger();
    for format in ["json", "jsonl", "csv", "tsv"] {
        let b = Workdir::new();
        b.write("claims.txt", a.ok(&["export", "--format", format]));
        at(&b, "2026-11-24T08:00:00Z", "dan", &["import", "claims.txt"]);
        for moment in MOMENTS {
            let list = |w: &Workdir| w.ok(&["list", "--all", "--as-of", moment, "--format", "json"]);
            assert_eq!(list(&b), list(&a), "{format} export, list --as-of {moment}");
        }
        for id in ["2", "5", "7"] {
            let history = |w: &Workdir| w.ok(&["history", id, "--format", "json"]);
            assert_eq!(history(&b), history(&a), "{format} export, history {id}");
        }
        let on_the_21st = b.json(&["show", "5"]);
        assert_eq!(on_the_21st["status"], "active");
        let then =
            b.json(&["list", "--all", "--as-of", "2026-11-21", "--metric", "dprk-troops.killed-or-wounded"]);
        assert_eq!(then[0]["status"], "retracted", "{format}: the retraction is kept");
        b.ok(&["verify"]);
        // and again: nothing new
        let again = b.ok(&["import", "claims.txt"]);
        assert!(again.contains("0 added, 7 already present"), "{format}: {again}");
    }
    let claims = a.json(&["export"]);
    let five = claims.as_array().unwrap().iter().find(|c| c["id"] == 5).unwrap();
    let steps: Vec<(&str, &str, &str)> = five["status_history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["at"].as_str().unwrap(), s["by"].as_str().unwrap(), s["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        steps,
        [
            ("2026-11-18T09:00:00Z", "ana", "active"),
            ("2026-11-20T16:30:00Z", "ana", "retracted"),
            ("2026-11-22T08:15:00Z", "cleo", "active"),
        ]
    );
    let untouched = claims.as_array().unwrap().iter().find(|c| c["id"] == 1).unwrap();
    assert_eq!(untouched["status_history"], json!([]), "no change, no history");
    let csv = a.ok(&["export"]);
    assert!(
        csv.contains(
            "at=2026-11-20T16:30:00Z&by=ana&status=retracted&reason=wounded, not killed%3B see the note; "
        ),
        "{csv}"
    );
}

#[test]
fn a_bad_status_history_is_named_and_nothing_is_written() {
    let w = Workdir::new();
    w.kursk_metrics();
    let csv = "metric,value,as_of,status,reason,status_history\n\
        kursk.area-held-by-ukraine,about 380,2024-08,retracted,wrong,at=2026-11-20T16:30:00Z&status=active\n";
    w.write("bad.csv", csv);
    let stderr = w.fails(&["import", "bad.csv"]);
    assert!(stderr.contains("bad.csv:2:6 (status_history)"), "{stderr}");
    assert!(stderr.contains("the status history ends active, but the row's status is retracted"), "{stderr}");
    assert_eq!(w.count("claims"), 0);
}

#[test]
fn references_are_ids_with_their_uids_beside_and_an_import_follows_the_uid() {
    let a = worked_ledger();
    let claims = a.json(&["export"]);
    let by_uid = |uid: &str| claims.as_array().unwrap().iter().find(|c| c["uid"] == uid).unwrap().clone();
    let lost = by_uid("demo-kursk-area-lost");
    assert_eq!((&lost["change_of"], &lost["change_of_uid"]), (&json!(2), &json!("demo-kursk-area-aug")));
    let share = by_uid("demo-dprk-killed-share");
    assert_eq!((&share["share_of"], &share["share_of_uid"]), (&json!(1), &json!("demo-dprk-deployed-oct")));
    let corrected = by_uid("demo-kursk-area-aug");
    assert_eq!(corrected["superseded_by"], 7);
    assert_eq!(
        corrected["superseded_by_uid"],
        by_uid(corrected["superseded_by_uid"].as_str().unwrap())["uid"]
    );
    assert_eq!(
        lost["figure"],
        json!({"text": "about -40%", "qualifier": "approx", "best": -40, "low": null, "high": null,
               "unit": "%", "approx": true, "low_strict": false, "high_strict": false})
    );
    for flat in ["qualifier", "best", "low", "high"] {
        assert!(lost.get(flat).is_none(), "no flat {flat} beside the figure");
    }
    let header = a.ok(&["export"]).lines().next().unwrap().to_string();
    assert!(header.contains(",change_of,change_of_uid,share_of,share_of_uid,"), "{header}");
    assert!(header.contains(",figure_text,figure_qualifier,figure_best,figure_low,figure_high,"), "{header}");
    assert!(!header.contains(",qualifier,"), "{header}");
    assert_eq!(a.json(&["show", "6"])["change_of"], 2);
    assert_eq!(a.json(&["list"]).as_array().unwrap().iter().find(|c| c["id"] == 6).unwrap()["change_of"], 2);

    // into a ledger whose ids differ: the uid is followed, not the id
    for format in ["json", "csv"] {
        let b = Workdir::new();
        b.kursk_metrics();
        b.ok(&[
            "add",
            "--metric",
            "kursk.area-held-by-ukraine",
            "--value",
            "about 500",
            "--as-of",
            "2024-09",
        ]);
        b.ok(&[
            "add",
            "--metric",
            "kursk.area-held-by-ukraine",
            "--value",
            "about 450",
            "--as-of",
            "2024-10",
        ]);
        b.write("claims.txt", a.ok(&["export", "--format", format]));
        b.ok(&["import", "claims.txt"]);
        let copy = b.json(&["show", "demo-kursk-area-lost"]);
        let base = b.json(&["show", "demo-kursk-area-aug"]);
        assert_eq!(copy["change_of"], base["id"], "{format}");
        assert_ne!(copy["change_of"], lost["change_of"], "{format}: the ids differ here");
        assert_eq!(base["superseded_by_uid"], corrected["superseded_by_uid"], "{format}");
    }
}

#[test]
fn an_export_written_before_ids_and_figure_objects_still_imports() {
    let a = worked_ledger();
    // last week's JSON: uids under the plain names, the figure flat, no history
    let mut old: Vec<Value> = a.json(&["export"]).as_array().unwrap().clone();
    for claim in &mut old {
        let map = claim.as_object_mut().unwrap();
        for reference in ["change_of", "share_of", "superseded_by"] {
            let uid = map.remove(&format!("{reference}_uid")).unwrap();
            map.insert(reference.into(), uid);
        }
        let figure = map.remove("figure").unwrap();
        for key in ["qualifier", "best", "low", "high"] {
            map.insert(key.into(), figure[key].clone());
        }
        map.remove("status_history");
    }
    let b = Workdir::new();
    b.write("old.json", serde_json::to_string(&old).unwrap());
    assert!(b.ok(&["import", "old.json"]).contains("7 added"));
    assert_eq!(b.json(&["show", "demo-kursk-area-lost"])["change_of_uid"], "demo-kursk-area-aug");
    assert_eq!(b.json(&["show", "demo-kursk-area-aug"])["status"], "superseded");

    // and last week's CSV header
    let c = Workdir::new();
    c.kursk_metrics();
    let csv = "uid,metric,value,unit,as_of,change_of,qualifier,best,low,high\n\
        u-aug,kursk.area-held-by-ukraine,about 380 square miles,sq mi,2024-08,,approx,380,,\n\
        u-lost,kursk.area-held-by-ukraine,about -40%,%,2024-12-27,u-aug,approx,-40,,\n";
    c.write("old.csv", csv);
    assert!(c.ok(&["import", "old.csv"]).contains("2 added"));
    let lost = c.json(&["show", "u-lost"]);
    assert_eq!((&lost["change_of"], &lost["change_of_uid"]), (&json!(1), &json!("u-aug")));
}
