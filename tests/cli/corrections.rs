//! Corrections without loss: edit, retract, history, the ledger as it was.

use crate::helper::Workdir;
use serde_json::json;

fn demo() -> Workdir {
    let w = Workdir::new();
    w.ok(&["demo"]);
    w
}

#[test]
fn an_edit_is_a_new_claim_that_supersedes_the_old() {
    let w = demo();
    let out = w.ok(&[
        "edit",
        "2",
        "--value",
        "about 390 square miles",
        "--reason",
        "typo in the first entry",
        "--by",
        "alice",
    ]);
    assert_eq!(out, "7 (supersedes 2)\n");
    let old = w.json(&["show", "2"]);
    let new = w.json(&["show", "7"]);
    assert_eq!(old["status"], "superseded");
    assert_eq!(old["superseded_by_uid"], new["uid"]);
    assert_eq!(old["superseded_by"], new["id"]);
    assert_eq!(old["reason"], "typo in the first entry");
    assert_eq!(old["value"], "about 380 square miles", "the old claim is kept as it was");
    assert_eq!(new["value"], "about 390 square miles");
    assert_eq!(new["quote"], old["quote"], "what is not corrected is carried over");
    assert_eq!(new["entered_by"], "alice");
    assert_eq!(w.count("claims"), 7);
    let listed: Vec<i64> = w
        .json(&["list", "--metric", "kursk.area-held-by-ukraine"])
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert_eq!(listed, [7, 6], "lists show active claims");
    let all = w.json(&["list", "--metric", "kursk.area-held-by-ukraine", "--all"]);
    assert_eq!(all.as_array().unwrap().len(), 3);
    assert_eq!(w.sql("SELECT by || ' ' || at FROM audit_log"), "alice 2026-11-25T12:00:00Z");
}

#[test]
fn derived_figures_follow_a_corrected_base_and_drop_a_retracted_one() {
    let w = demo();
    w.ok(&["edit", "2", "--value", "about 390 square miles"]);
    let timeline = w.json(&["timeline", "kursk.area-held-by-ukraine"]);
    assert_eq!(timeline[1]["figure"]["text"], "about 234 sq mi", "40% off the corrected 390");
    assert_eq!(timeline[1]["claims"], json!([6, 7]));
    w.ok(&["retract", "7", "--reason", "the figure was withdrawn"]);
    let timeline = w.json(&["timeline", "kursk.area-held-by-ukraine"]);
    assert_eq!(timeline.as_array().unwrap().len(), 1, "the retracted claim leaves the report");
    assert_eq!(timeline[0]["figure"], json!(null));
    assert!(w
        .ok(&["timeline", "kursk.area-held-by-ukraine"])
        .contains("not resolved: its base #7 is retracted"));
}

#[test]
fn what_cannot_be_corrected_says_why() {
    let w = demo();
    let before = w.snapshot_counts();
    let stderr = w.fails(&["edit", "2", "--value", "about 380 square miles"]);
    assert!(stderr.contains("nothing to correct in claim 2"), "{stderr}");
    let stderr = w.fails(&["edit", "2", "--value", "lots"]);
    assert!(stderr.contains("claim 2 was not corrected"), "{stderr}");
    assert!(stderr.contains("--value: cannot read the figure \"lots\""), "{stderr}");
    assert_eq!(w.snapshot_counts(), before);
    w.ok(&["edit", "2", "--as-of", "2024-08-20"]);
    w.ok(&["edit", "7", "--place", "Sudzha district"]);
    let stderr = w.fails(&["edit", "2", "--note", "x"]);
    assert!(stderr.contains("claim 2 is superseded; its current version is #8"), "{stderr}");
    assert!(stderr.contains("hint: correct the current version: claims edit 8"), "{stderr}");
    w.ok(&["retract", "5", "--reason", "double counted"]);
    let stderr = w.fails(&["retract", "5", "--reason", "again"]);
    assert!(stderr.contains("claim 5 is retracted (double counted)"), "{stderr}");
    let stderr = w.usage_error(&["retract", "4"]);
    assert!(stderr.contains("--reason"), "{stderr}");
    let stderr = w.fails(&["retract", "99", "--reason", "x"]);
    assert!(stderr.contains("there is no claim 99"), "{stderr}");
}

#[test]
fn history_shows_every_version_and_change() {
    let w = demo();
    let at = |time: &str, args: &[&str]| {
        let run = w.command(args).env("CLAIMS_NOW", time).output().unwrap();
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    };
    at("2026-11-26T09:00:00Z", &["edit", "2", "--value", "about 390 square miles", "--by", "alice"]);
    at("2026-11-27T09:00:00Z", &["edit", "7", "--value", "about 395 square miles", "--by", "bob"]);
    let history = w.json(&["history", "7"]);
    let versions: Vec<(i64, &str)> = history["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["id"].as_i64().unwrap(), v["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        versions,
        [(2, "superseded"), (7, "superseded"), (8, "active")],
        "any version names the whole lineage"
    );
    let (audit, corrections): (Vec<_>, Vec<_>) =
        history["audit"].as_array().unwrap().iter().partition(|e| e["event"] == "status");
    assert_eq!(audit.len(), 2);
    assert_eq!(corrections.len(), 2, "each correction is shown with what it changed");
    assert_eq!(
        corrections[1]["change"],
        "corrects #7: value about 390 square miles → about 395 square miles"
    );
    assert_eq!(
        (audit[0]["by"].as_str(), audit[0]["at"].as_str()),
        (Some("alice"), Some("2026-11-26T09:00:00Z"))
    );
    assert_eq!(audit[0]["change"], "status active → superseded; superseded_by (none) → #7");
    assert_eq!(audit[1]["changes"]["superseded_by"], json!([null, 8]));

    let then = w.json(&["history", "2", "--as-of", "2026-11-26"]);
    let versions: Vec<(i64, &str)> = then["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["id"].as_i64().unwrap(), v["status"].as_str().unwrap()))
        .collect();
    assert_eq!(versions, [(2, "superseded"), (7, "active")], "on 26 November, 7 was current");
    let before_edits =
        w.json(&["list", "--as-of", "2026-11-25T12:00:00Z", "--metric", "kursk.area-held-by-ukraine"]);
    let ids: Vec<i64> = before_edits.as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [2, 6], "the ledger as it was before any edit");
    assert!(w.ok(&["history", "2"]).contains("status active → superseded"));
    let stderr = w.fails(&["list", "--as-of", "yesterday"]);
    assert!(stderr.contains("--as-of: cannot read the moment \"yesterday\""), "{stderr}");
}

#[test]
fn corrections_survive_export_and_import() {
    let a = demo();
    a.ok(&["edit", "2", "--value", "about 390 square miles", "--reason", "typo"]);
    a.ok(&["retract", "5", "--reason", "double counted"]);
    let csv = a.ok(&["export"]);
    let b = Workdir::new();
    b.write("copy.csv", &csv);
    b.ok(&["import", "copy.csv"]);
    assert_eq!(b.ok(&["export"]), csv, "statuses, reasons and superseded_by round-trip");
    assert_eq!(b.json(&["show", "2"])["status"], "superseded");
    assert_eq!(b.json(&["show", "5"])["reason"], "double counted");
    b.ok(&["verify"]);
}

#[test]
fn history_as_csv_is_one_flat_table_a_row_per_field_changed() {
    let w = demo();
    let at = |time: &str, args: &[&str]| {
        let run = w.command(args).env("CLAIMS_NOW", time).output().unwrap();
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    };
    at("2026-11-26T09:00:00Z", &["edit", "2", "--value", "about 390 square miles", "--by", "alice"]);
    at("2026-11-27T09:00:00Z", &["retract", "7", "--reason", "map misread", "--by", "bob"]);
    at("2026-11-28T09:00:00Z", &["reinstate", "7", "--reason", "map confirmed", "--by", "bob"]);
    for (format, delimiter) in [("csv", ','), ("tsv", '\t')] {
        let out = w.ok(&["history", "7", "--format", format]);
        let mut reader = csv::ReaderBuilder::new().delimiter(delimiter as u8).from_reader(out.as_bytes());
        let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
        assert_eq!(header, ["kind", "claim", "at", "by", "field", "old", "new", "change"], "{format}");
        let rows: Vec<Vec<String>> =
            reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect();
        assert!(rows.iter().all(|r| r.len() == header.len()), "{format}: one table\n{out}");
        let picked: Vec<[&str; 6]> =
            rows.iter().map(|r| [&*r[0], &*r[1], &*r[3], &*r[4], &*r[5], &*r[6]]).collect();
        assert_eq!(
            picked,
            [
                ["version", "2", "tester", "", "", ""],
                ["version", "7", "alice", "", "", ""],
                ["correction", "7", "alice", "value", "about 380 square miles", "about 390 square miles"],
                ["status", "2", "alice", "status", "active", "superseded"],
                ["status", "2", "alice", "superseded_by", "", "7"],
                ["status", "7", "bob", "status", "active", "retracted"],
                ["status", "7", "bob", "reason", "", "map misread"],
                ["status", "7", "bob", "status", "retracted", "active"],
                ["status", "7", "bob", "reason", "map misread", "map confirmed"],
            ],
            "{format}:\n{out}"
        );
    }
}
