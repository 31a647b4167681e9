//! Housekeeping without loss: sources renamed, merged and edited, metrics
//! edited, renamed and retired, retractions undone, and `history` showing
//! every change. Each change is recorded and `verify` still passes; a
//! refused change writes nothing.

use crate::helper::Workdir;

/// Every row a command could write, table log included.
fn written(w: &Workdir) -> Vec<i64> {
    ["claims", "metrics", "sources", "audit_log", "table_log", "vocab_changes", "metric_aliases"]
        .iter()
        .map(|t| w.count(t))
        .collect()
}

fn verifies(w: &Workdir) {
    let out = w.ok(&["verify"]);
    assert!(out.contains("verified:"), "{out}");
}

/// Refused with exit code 2 and nothing written; returns stderr.
fn refused(w: &Workdir, args: &[&str]) -> String {
    let before = written(w);
    let stderr = w.fails(args);
    assert_eq!(written(w), before, "a refused command writes nothing: {args:?}");
    stderr
}

/// Two reports of North Korean troops in Russia, autumn 2024: the Pentagon
/// put them at about 10,000 late in October, Ukraine's military
/// intelligence at about 11,000 in Kursk in November, entered once with a
/// lower-case spelling.
fn two_spellings() -> Workdir {
    let w = Workdir::new();
    w.kursk_metrics();
    let add = |value: &str, as_of: &str, source: &str| {
        w.ok(&[
            "add",
            "--metric",
            "dprk-troops.deployed",
            "--value",
            value,
            "--as-of",
            as_of,
            "--source",
            source,
        ])
    };
    add("about 10,000", "2024-10-28", "Pentagon");
    add("about 11,000", "2024-11-04", "Ukrainian military intelligence");
    add("about 11,000", "2024-11-13", "ukrainian military intelligence");
    w
}

#[test]
fn merging_two_spellings_counts_their_claims_as_one_source_without_rewriting_a_claim() {
    let w = two_spellings();
    let source_ids = w.sql("SELECT group_concat(source_id, ',') FROM claims");
    let out =
        w.ok(&["sources", "merge", "ukrainian military intelligence", "Ukrainian military intelligence"]);
    assert!(
        out.contains("merged \"ukrainian military intelligence\" into \"Ukrainian military intelligence\""),
        "{out}"
    );
    assert_eq!(w.sql("SELECT group_concat(source_id, ',') FROM claims"), source_ids, "no claim rewritten");

    let sources = w.json(&["sources"]);
    let names: Vec<&str> = sources.as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Pentagon", "Ukrainian military intelligence"]);
    assert_eq!(sources[1]["claims"], 2);
    assert_eq!(sources[1]["also_named"], "ukrainian military intelligence");
    let listed = w.json(&["list", "--source", "Ukrainian military intelligence"]);
    assert_eq!(listed.as_array().unwrap().len(), 2);
    assert_eq!(listed[1]["source"], "Ukrainian military intelligence", "claim 3 reads as the kept source");

    // the old spelling still names it: a later claim counts as the kept source's
    w.ok(&[
        "add",
        "--metric",
        "dprk-troops.deployed",
        "--value",
        "about 12,000",
        "--as-of",
        "2024-12-23",
        "--source",
        "ukrainian military intelligence",
    ]);
    assert_eq!(w.json(&["sources"])[1]["claims"], 3);
    assert_eq!(w.count("sources"), 3, "no new source for the merged spelling");

    let history = w.json(&["sources", "history", "Ukrainian military intelligence"]);
    assert_eq!(history[0]["by"], "tester");
    assert_eq!(history[0]["change"], "merged_into (none) → \"Ukrainian military intelligence\"");
    let claim = w.ok(&["history", "3"]);
    assert!(claim.contains("merged_into (none) → \"Ukrainian military intelligence\""), "{claim}");
    verifies(&w);
}

#[test]
fn a_merge_that_cannot_be_is_refused_and_says_why() {
    let w = two_spellings();
    let stderr = refused(&w, &["sources", "merge", "Pentagon", "Pentagon"]);
    assert!(stderr.contains("cannot merge \"Pentagon\" into itself"), "{stderr}");
    let stderr = refused(&w, &["sources", "merge", "pentagon", "Pentagon"]);
    assert!(stderr.contains("unknown source \"pentagon\""), "{stderr}");
    assert!(stderr.contains("did you mean \"Pentagon\"?"), "{stderr}");
    w.ok(&["sources", "edit", "Pentagon", "--kind", "military"]);
    w.ok(&["sources", "edit", "Ukrainian military intelligence", "--kind", "agency"]);
    let stderr = refused(&w, &["sources", "merge", "Pentagon", "Ukrainian military intelligence"]);
    assert!(
        stderr.contains("\"Pentagon\" has kind \"military\", the source to keep has \"agency\""),
        "{stderr}"
    );
    w.ok(&["sources", "merge", "ukrainian military intelligence", "Ukrainian military intelligence"]);
    let stderr = refused(&w, &["sources", "merge", "ukrainian military intelligence", "Pentagon"]);
    assert!(stderr.contains("was merged into \"Ukrainian military intelligence\""), "{stderr}");
    verifies(&w);
}

#[test]
fn a_rename_keeps_the_claims_and_refuses_a_name_in_use() {
    let w = two_spellings();
    w.ok(&["sources", "rename", "Pentagon", "U.S. Department of Defense"]);
    assert_eq!(w.json(&["show", "1"])["source"], "U.S. Department of Defense");
    let stderr =
        refused(&w, &["sources", "rename", "U.S. Department of Defense", "Ukrainian military intelligence"]);
    assert!(stderr.contains("there is a source \"Ukrainian military intelligence\" already"), "{stderr}");
    assert!(stderr.contains("claims sources merge"), "{stderr}");
    let stderr = refused(&w, &["sources", "rename", "Pentagon", "DoD"]);
    assert!(stderr.contains("unknown source \"Pentagon\""), "{stderr}");
    let history = w.json(&["sources", "history", "U.S. Department of Defense"]);
    assert_eq!(history[0]["changes"]["name"], serde_json::json!(["Pentagon", "U.S. Department of Defense"]));
    verifies(&w);
}

#[test]
fn a_kind_given_on_a_later_claim_is_recorded_as_a_change_of_the_source() {
    let w = two_spellings();
    let run = w.run(&[
        "add",
        "--metric",
        "dprk-troops.deployed",
        "--value",
        "about 10,000",
        "--as-of",
        "2024-11-04",
        "--source",
        "Pentagon",
        "--source-kind",
        "military",
    ]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let note = "note: the source \"Pentagon\" now has kind (none) → military for all its claims";
    assert!(run.stderr().contains(note), "not silent: {}", run.stderr());
    assert_eq!(w.json(&["show", "1"])["source_kind"], "military", "the source has one kind");
    let history = w.json(&["sources", "history", "Pentagon"]);
    assert_eq!(history.as_array().unwrap().len(), 1);
    assert_eq!(history[0]["change"], "kind (none) → military");
    assert_eq!(history[0]["by"], "tester");
    let claim = w.json(&["history", "1"]);
    let events: Vec<&str> =
        claim["audit"].as_array().unwrap().iter().map(|e| e["change"].as_str().unwrap()).collect();
    assert_eq!(events, ["source \"Pentagon\": kind (none) → military"]);

    let out = w.ok(&["sources", "edit", "Pentagon", "--affiliation", "United States", "--kind", "office"]);
    assert_eq!(out, "\"Pentagon\": kind military → office; affiliation (none) → United States\n");
    assert_eq!(w.json(&["sources", "history", "Pentagon"]).as_array().unwrap().len(), 2);
    refused(&w, &["sources", "edit", "Pentagon"]);
    w.usage_error(&["sources", "edit", "Pentagon", "--kind", "ministry"]);
    verifies(&w);
}

#[test]
fn a_unit_change_is_kept_only_when_every_claim_still_converts() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    // the relative claim (-40%) and the share (almost 10%) are not in the metric's unit
    let out = w.ok(&["metrics", "edit", "kursk.area-held-by-ukraine", "--unit", "km²"]);
    assert_eq!(out, "kursk.area-held-by-ukraine: unit sq mi → km²\n");
    let timeline = w.json(&["timeline", "kursk.area-held-by-ukraine"]);
    let text = timeline.to_string();
    assert!(text.contains("km²"), "{text}");

    let stderr = refused(&w, &["metrics", "edit", "kursk.area-held-by-ukraine", "--unit", "soldiers"]);
    assert!(
        stderr.contains("cannot be in soldiers: 1 claim(s) would no longer convert: #2 (in sq mi)"),
        "{stderr}"
    );
    // claim 1 is in troops (an alias of soldiers), claim 4 is a share of it on another metric
    let stderr = refused(&w, &["metrics", "edit", "dprk-troops.deployed", "--unit", "people"]);
    assert!(stderr.contains("#1 (in troops), #4 (on dprk-troops.killed-weekly, in soldiers)"), "{stderr}");
    let stderr = refused(&w, &["metrics", "edit", "dprk-troops.killed-weekly", "--kind", "level"]);
    assert!(stderr.contains("is part of the running total dprk-troops.killed-or-wounded"), "{stderr}");
    let stderr = refused(&w, &["metrics", "edit", "no.such-metric", "--label", "x"]);
    assert!(stderr.contains("unknown metric \"no.such-metric\""), "{stderr}");
    w.ok(&["metrics", "edit", "dprk-troops.deployed", "--label", "North Korean troops in Russia"]);
    let history = w.json(&["history", "1"]);
    let changes: Vec<&str> =
        history["audit"].as_array().unwrap().iter().map(|e| e["change"].as_str().unwrap()).collect();
    assert_eq!(changes, ["metric: label North Korean troops sent to Russia → North Korean troops in Russia"]);
    verifies(&w);
}

#[test]
fn a_renamed_metric_is_still_found_under_its_old_key() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    let out = w.ok(&["metrics", "rename", "dprk-troops.deployed", "dprk-troops.in-russia"]);
    assert!(out.contains("the old key still finds it"), "{out}");
    w.ok(&["add", "--metric", "dprk-troops.deployed", "--value", "about 11,000", "--as-of", "2024-11-04"]);
    assert_eq!(w.json(&["show", "7"])["metric"], "dprk-troops.in-russia");
    let run = w.run(&["timeline", "dprk-troops.deployed"]);
    assert_eq!(run.code(), 0);
    assert!(run.stderr().contains("note: the metric dprk-troops.deployed was renamed dprk-troops.in-russia"));
    assert_eq!(w.json(&["list", "--metric", "dprk-troops.deployed"]).as_array().unwrap().len(), 2);
    let stderr = refused(&w, &["metrics", "rename", "dprk-troops.in-russia", "kursk.area-held-by-ukraine"]);
    assert!(stderr.contains("the metric kursk.area-held-by-ukraine exists already"), "{stderr}");
    let stderr = refused(&w, &["metrics", "rename", "kursk.area-held-by-ukraine", "dprk-troops.deployed"]);
    assert!(
        stderr.contains("dprk-troops.deployed is an old key of the metric dprk-troops.in-russia"),
        "{stderr}"
    );
    refused(&w, &["metrics", "rename", "dprk-troops.in-russia", "Bad Key"]);
    verifies(&w);
}

#[test]
fn a_retired_metric_leaves_the_lists_keeps_its_claims_and_can_come_back() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    let out = w.ok(&["metrics", "retire", "kursk.area-held-by-ukraine"]);
    assert!(out.contains("retired kursk.area-held-by-ukraine (2 claim(s) kept)"), "{out}");
    let keys = |args: &[&str]| -> Vec<String> {
        w.json(args).as_array().unwrap().iter().map(|m| m["key"].as_str().unwrap().to_string()).collect()
    };
    assert!(!keys(&["metrics"]).contains(&"kursk.area-held-by-ukraine".to_string()));
    let all = w.json(&["metrics", "--all"]);
    let retired = all.as_array().unwrap().iter().find(|m| m["key"] == "kursk.area-held-by-ukraine").unwrap();
    assert_eq!(retired["retired_at"], crate::helper::NOW);
    assert!(!w.ok(&["latest"]).contains("kursk.area-held-by-ukraine"));
    assert_eq!(w.count("claims"), 6);
    let run = w.run(&["timeline", "kursk.area-held-by-ukraine"]);
    assert_eq!(run.code(), 0, "a report asked for it still shows it");
    assert!(run.stderr().contains("was retired on"), "{}", run.stderr());
    let stderr = refused(
        &w,
        &["add", "--metric", "kursk.area-held-by-ukraine", "--value", "about 500", "--as-of", "2024-09"],
    );
    assert!(stderr.contains("the metric kursk.area-held-by-ukraine is retired"), "{stderr}");
    assert!(stderr.contains("claims metrics unretire kursk.area-held-by-ukraine"), "{stderr}");
    refused(&w, &["metrics", "retire", "kursk.area-held-by-ukraine"]);

    w.ok(&["metrics", "unretire", "kursk.area-held-by-ukraine"]);
    assert!(keys(&["metrics"]).contains(&"kursk.area-held-by-ukraine".to_string()));
    refused(&w, &["metrics", "unretire", "kursk.area-held-by-ukraine"]);
    verifies(&w);
}

#[test]
fn reinstating_undoes_a_retraction_as_a_new_status_change() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    w.ok(&["retract", "5", "--reason", "double counted"]);
    let stderr = refused(&w, &["edit", "5", "--value", "more than 3,100"]);
    assert!(stderr.contains("claims reinstate 5"), "{stderr}");
    let out = w.ok(&["reinstate", "5", "--reason", "not a double count after all", "--by", "alice"]);
    assert_eq!(out, "reinstated 5 (it was retracted: double counted)\n");
    let claim = w.json(&["show", "5"]);
    assert_eq!(claim["status"], "active");
    assert_eq!(w.count("audit_log"), 2, "the retraction stays; the return is a new entry");
    let history = w.json(&["history", "5"]);
    let audit = history["audit"].as_array().unwrap();
    assert_eq!(audit[0]["changes"]["status"], serde_json::json!(["active", "retracted"]));
    assert_eq!(audit[1]["changes"]["status"], serde_json::json!(["retracted", "active"]));
    assert_eq!(audit[1]["by"], "alice");
    let stderr = refused(&w, &["reinstate", "5", "--reason", "again"]);
    assert!(stderr.contains("claim 5 is active: only a retracted claim can be reinstated"), "{stderr}");
    refused(&w, &["reinstate", "99", "--reason", "x"]);
    w.ok(&["edit", "5", "--value", "more than 3,100"]);
    let stderr = refused(&w, &["reinstate", "5", "--reason", "x"]);
    assert!(stderr.contains("claim 5 is superseded, not retracted"), "{stderr}");
    verifies(&w);
}

#[test]
fn history_shows_what_each_correction_changed_field_by_field() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    w.ok(&["edit", "2", "--value", "about 390 square miles", "--note", "the figure of a later report"]);
    w.ok(&["edit", "7", "--as-of", "2024-08-20"]);
    let table = w.ok(&["history", "8"]);
    assert!(table.contains("corrects #2: value about 380 square miles → about 390 square miles; note (none) → the figure of a later report"), "{table}");
    assert!(table.contains("corrects #7: as_of 2024-08 → 2024-08-20"), "{table}");
    let json = w.json(&["history", "2"]);
    let corrections: Vec<&serde_json::Value> =
        json["audit"].as_array().unwrap().iter().filter(|e| e["event"] == "correction").collect();
    assert_eq!(corrections.len(), 2);
    assert_eq!(corrections[0]["claim"], 7);
    assert_eq!(
        corrections[0]["changes"]["value"],
        serde_json::json!(["about 380 square miles", "about 390 square miles"])
    );
    assert_eq!(corrections[1]["changes"].as_object().unwrap().len(), 1, "{}", corrections[1]);
}

#[test]
fn the_demo_writes_only_into_a_new_file_or_its_own_ledger() {
    let w = Workdir::new();
    w.ok(&["metrics", "add", "gaza.killed", "--kind", "cumulative", "--unit", "people"]);
    let before = std::fs::read(w.db()).unwrap();
    let stderr = w.fails(&["demo"]);
    assert!(
        stderr.contains("is a ledger of your own, not the demo's: the demo never writes into it"),
        "{stderr}"
    );
    assert!(stderr.contains("claims --db demo.db demo"), "{stderr}");
    assert_eq!(std::fs::read(w.db()).unwrap(), before, "the ledger is untouched");

    let demo = w.path().join("demo.db").display().to_string();
    let out = w.ok(&["--db", &demo, "demo"]);
    assert!(out.contains("a new ledger (6 claims added)"), "{out}");
    let out = w.ok(&["--db", &demo, "demo"]);
    assert!(out.contains("the demo ledger, built before (0 claims added)"), "{out}");
    w.write("notes.txt", "not a ledger");
    let stderr = w.fails(&["--db", "notes.txt", "demo"]);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(std::fs::read_to_string(w.path().join("notes.txt")).unwrap(), "not a ledger");
}

#[test]
fn the_record_of_changes_is_tamper_evident() {
    let w = two_spellings();
    w.ok(&["sources", "merge", "ukrainian military intelligence", "Ukrainian military intelligence"]);
    w.ok(&["metrics", "rename", "dprk-troops.deployed", "dprk-troops.in-russia"]);
    verifies(&w);
    let copy = w.path().join("kept.db");
    std::fs::copy(w.db(), &copy).unwrap();
    let tamper = |sql: &str| {
        let conn = rusqlite::Connection::open(w.db()).unwrap();
        conn.execute_batch(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
    };
    let finds = |expected: &str| {
        let run = w.run(&["verify"]);
        assert_eq!(run.code(), 1, "{}", run.stdout());
        assert!(run.stdout().contains(expected), "{expected}\n{}", run.stdout());
        std::fs::copy(&copy, w.db()).unwrap();
    };
    tamper("DROP TRIGGER vocab_changes_never_deleted; DELETE FROM vocab_changes;");
    finds("vocab_changes row 1 was removed outside claims");
    tamper("DROP TRIGGER metric_aliases_never_deleted; DELETE FROM metric_aliases;");
    finds("metric_aliases row dprk-troops.deployed was removed outside claims");
    // a merge undone behind claims' back
    tamper("DROP TRIGGER sources_logged_update; DROP TRIGGER sources_changed; UPDATE sources SET merged_into = NULL;");
    finds("was changed outside claims");
}

#[test]
fn an_older_ledger_read_only_is_read_as_if_nothing_was_merged_or_retired() {
    let w = Workdir::new();
    let old = w.data("ledger-v3.sqlite");
    let before = std::fs::read(w.path().join(&old)).unwrap();
    let out = w.ok(&["merge", &old]);
    assert!(out.contains("7 added"), "{out}");
    assert_eq!(std::fs::read(w.path().join(&old)).unwrap(), before, "the other ledger is untouched");
    assert_eq!(w.json(&["sources"]).as_array().unwrap().len(), 4);
    verifies(&w);
}

#[test]
fn a_claims_history_names_its_metrics_new_total_by_key() {
    let w = Workdir::new();
    w.kursk_metrics();
    w.ok(&["metrics", "add", "dprk-troops.casualties", "--kind", "cumulative", "--unit", "soldiers"]);
    w.ok(&[
        "add",
        "--metric",
        "dprk-troops.killed-weekly",
        "--value",
        "more than 1,000",
        "--as-of",
        "2024-12-27",
        "--source",
        "John Kirby",
    ]);
    w.ok(&["metrics", "edit", "dprk-troops.killed-weekly", "--part-of", "dprk-troops.casualties"]);
    let history = w.ok(&["history", "1"]);
    assert!(history.contains("metric: part_of (none) → dprk-troops.casualties"), "{history}");
}

#[test]
fn check_names_a_merged_spelling_by_the_source_it_was_merged_into() {
    let w = two_spellings();
    let add = |value: &str, source: &str| {
        w.ok(&[
            "add",
            "--metric",
            "dprk-troops.deployed",
            "--value",
            value,
            "--as-of",
            "2024-11-20",
            "--source",
            source,
        ])
    };
    add("12,500", "Pentagon");
    add("11,000", "ukrainian military intelligence");
    w.ok(&["sources", "merge", "ukrainian military intelligence", "Ukrainian military intelligence"]);
    let findings = w.json(&["check"]);
    let reasons: Vec<&str> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["check"] == "disagreement")
        .map(|f| f["reason"].as_str().unwrap())
        .collect();
    assert!(!reasons.is_empty(), "{findings}");
    assert!(reasons.iter().all(|r| r.contains("Ukrainian military intelligence says 11,000")), "{reasons:?}");
    assert!(reasons.iter().all(|r| !r.contains("ukrainian military")), "{reasons:?}");
}
