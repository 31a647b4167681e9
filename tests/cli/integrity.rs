//! check, verify, backup, and two processes or a kill at the wrong moment.

use crate::helper::Workdir;
use serde_json::{json, Value};
use std::process::Stdio;

fn findings(w: &Workdir) -> Vec<(String, Vec<i64>)> {
    let found = w.json(&["check"]);
    found
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (f["check"].as_str().unwrap().to_string(), serde_json::from_value(f["claims"].clone()).unwrap())
        })
        .collect()
}

#[test]
fn the_demo_ledger_checks_clean() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    assert_eq!(w.ok(&["check"]), "no problems found\n");
    assert_eq!(w.ok(&["check", "--strict"]), "no problems found\n");
    assert_eq!(w.json(&["check"]), json!([]));
}

#[test]
fn check_finds_what_does_not_add_up() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    let add = |args: &[&str]| {
        let mut argv = vec!["add"];
        argv.extend_from_slice(args);
        w.ok(&argv).trim().parse::<i64>().unwrap()
    };
    let total = "dprk-troops.killed-or-wounded";
    let fell =
        add(&["--metric", total, "--value", "up to 2,500", "--as-of", "2025-01-10", "--source", "Analyst"]);
    let clash =
        add(&["--metric", total, "--value", "up to 2,000", "--as-of", "2024-12", "--source", "Russian MoD"]);
    let week = add(&[
        "--metric",
        "dprk-troops.killed-weekly",
        "--value",
        "more than 4,000",
        "--from",
        "2025-01-11",
        "--as-of",
        "2025-01-17",
        "--source",
        "Blogger",
        "--stated",
        "2025-01-01",
    ]);
    let unsourced = add(&["--metric", "dprk-troops.deployed", "--value", "11,000", "--as-of", "2024-11"]);
    // 500 is 10% of 5,000: with "at least 8,000" deployed, the implied base cannot hold
    let base = add(&[
        "--metric",
        "dprk-troops.deployed",
        "--value",
        "at least 8,000",
        "--as-of",
        "2024-11-15",
        "--source",
        "NIS",
    ]);
    let part = add(&[
        "--metric",
        "dprk-troops.killed-weekly",
        "--value",
        "500",
        "--from",
        "2024-11-09",
        "--as-of",
        "2024-11-15",
        "--source",
        "NIS",
    ]);
    let share = add(&[
        "--metric",
        "dprk-troops.killed-weekly",
        "--value",
        "10%",
        "--from",
        "2024-11-09",
        "--as-of",
        "2024-11-15",
        "--source",
        "NIS",
        "--share-of",
        &base.to_string(),
    ]);

    let found = findings(&w);
    let expect = [
        ("cumulative-decrease", vec![5, fell]),
        ("disagreement", vec![5, clash]),
        ("implied-base", vec![base, share, part]),
        ("period-exceeds-total", vec![fell, week]),
        ("stated-before", vec![week]),
        ("unsourced", vec![unsourced]),
    ];
    for (check, claims) in &expect {
        assert!(
            found.contains(&(check.to_string(), claims.clone())),
            "expected {check} {claims:?} in {found:?}"
        );
    }
    assert_eq!(found.len(), expect.len(), "nothing else: {found:?}");

    let reasons = w.ok(&["check", "--format", "jsonl"]);
    assert!(reasons.contains("a running total fell: more than 3,000 soldiers (2024-12-23, Volodymyr Zelensky) then up to 2,500 soldiers (2025-01-10, Analyst)"), "{reasons}");
    assert!(reasons.contains("implies a base of 5,000 soldiers, but #"), "{reasons}");
    let strict = w.run(&["check", "--strict", "--format", "csv"]);
    assert_eq!(strict.code(), 1, "--strict exits 1 when something is found");
    assert!(strict.stdout().starts_with("check,severity,claims,metric,reason\n"));
    assert_eq!(
        strict.stderr(),
        "claims: check found 6 problem(s), 4 of them serious (contradiction, impossible)\n"
    );
}

#[test]
fn many_sources_at_odds_are_each_named_and_the_table_stays_readable() {
    let w = Workdir::new();
    w.kursk_metrics();
    let mut csv = String::from("metric,value,as_of,source\n");
    for n in 1..=8 {
        csv.push_str(&format!("dprk-troops.deployed,\"{},000\",2024-11-04,Ministry {n}\n", n + 4));
    }
    w.write("at_odds.csv", csv);
    w.ok(&["import", "at_odds.csv"]);
    let found = findings(&w);
    assert_eq!(found.len(), 7, "one finding for each claim that a later one contradicts: {found:?}");
    assert_eq!(found[0], ("disagreement".to_string(), (1..=8).collect::<Vec<i64>>()));
    let table = w.ok(&["check"]);
    assert!(table.contains(" 1, 2, 3, 4, 5 and 3 more "), "{table}");
    assert!(table.contains("Ministry 1 says 5,000 soldiers (2024-11-04); Ministry 2 says 6,000"), "{table}");
}

#[test]
fn check_flags_the_future_and_units_gone_wrong() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    // the clock of the machine that checks is behind the one that entered
    let run =
        w.command(&["check", "--format", "json"]).env("CLAIMS_NOW", "2024-12-24T00:00:00Z").output().unwrap();
    let found: Value = serde_json::from_slice(&run.stdout).unwrap();
    let future: Vec<&Value> = found.as_array().unwrap().iter().filter(|f| f["check"] == "future").collect();
    let claims: Vec<i64> = future.iter().map(|f| f["claims"][0].as_i64().unwrap()).collect();
    assert_eq!(
        claims,
        [2, 3, 3, 4, 4, 6, 6],
        "2 is stated, 3, 4 and 6 stated and applying, after 24 December: {found:#}"
    );
    let conn = rusqlite::Connection::open(w.db()).unwrap();
    conn.execute_batch("DROP TRIGGER unit_aliases_never_deleted; DELETE FROM unit_aliases").unwrap();
    drop(conn);
    let found = findings(&w);
    assert_eq!(found, [("unit".to_string(), vec![1])], "troops no longer count as soldiers");
}

fn tamper(w: &Workdir, sql: &str) {
    let conn = rusqlite::Connection::open(w.db()).unwrap();
    conn.execute_batch(sql).unwrap();
}

#[test]
fn verify_passes_a_clean_ledger_and_catches_tampering() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    w.ok(&["edit", "2", "--value", "about 390 square miles"]);
    w.ok(&["retract", "3", "--reason", "withdrawn"]);
    let out = w.ok(&["verify"]);
    assert!(out.contains("ledger") && out.contains("verified: 7 claims"), "{out}");

    let cases: &[(&str, &str)] = &[
        ("DROP TRIGGER claims_content_fixed; UPDATE claims SET value = 'about 480 square miles' WHERE id = 2;", "claim 2 was changed outside claims"),
        ("DROP TRIGGER claims_audit_update; UPDATE claims SET status = 'active', reason = NULL WHERE id = 3;", "claim 3 was changed outside claims"),
        ("DROP TRIGGER claims_never_deleted; DELETE FROM claims WHERE id = 4;", "claim 5 was changed outside claims (or a claim before it was removed)"),
        ("DROP TRIGGER audit_log_fixed; UPDATE audit_log SET by = 'someone else' WHERE id = 1;", "audit entry 1 was changed"),
    ];
    for (sql, expected) in cases {
        let w = Workdir::new();
        w.ok(&["demo"]);
        w.ok(&["edit", "2", "--value", "about 390 square miles"]);
        w.ok(&["retract", "3", "--reason", "withdrawn"]);
        tamper(&w, sql);
        let run = w.run(&["verify"]);
        assert_eq!(run.code(), 1, "{sql}\n{}", run.stdout());
        assert!(run.stdout().contains(expected), "{sql}: expected {expected:?} in\n{}", run.stdout());
        assert!(run.stderr().starts_with("claims: verify found"), "{}", run.stderr());
    }
}

#[test]
fn an_outside_tool_cannot_change_a_claim_unnoticed() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    let conn = rusqlite::Connection::open(w.db()).unwrap();
    let err =
        conn.execute("UPDATE claims SET status = 'retracted', reason = 'x' WHERE id = 1", []).unwrap_err();
    assert!(err.to_string().contains("no such function"), "the audit trigger needs the claims binary: {err}");
}

#[test]
fn backup_is_a_verified_copy_and_never_overwrites() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    let backed_up = w.ok(&["backup", "copy.db"]);
    assert!(backed_up.starts_with("backed up 6 claims to copy.db (verified, head "), "{backed_up}");
    let copy = w.path().join("copy.db");
    let run = w.command(&["verify"]).env("CLAIMS_DB", &copy).output().unwrap();
    assert!(run.status.success());
    let stderr = w.fails(&["backup", "copy.db"]);
    assert!(stderr.contains("copy.db exists already"), "{stderr}");
}

#[test]
fn a_backup_taken_during_an_import_is_consistent() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    w.write("big.csv", crate::helper::deployed_csv(40_000));
    let mut import =
        w.command(&["import", "big.csv"]).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(150));
    let backup = w.run(&["backup", "during.db"]);
    let status = import.wait().unwrap();
    assert!(status.success(), "the import still succeeds");
    assert_eq!(backup.code(), 0, "{}", backup.stderr());
    let conn = rusqlite::Connection::open(w.path().join("during.db")).unwrap();
    let claims: i64 = conn.query_row("SELECT count(*) FROM claims", [], |r| r.get(0)).unwrap();
    assert!(claims == 6 || claims == 40_006, "all of the import or none of it: {claims}");
    assert_eq!(w.count("claims"), 40_006);
}

#[test]
fn two_writers_at_once_both_succeed() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    std::thread::scope(|scope| {
        for writer in ["alice", "bob"] {
            let w = &w;
            scope.spawn(move || {
                for day in 1..=15 {
                    let date = format!("2024-11-{day:02}");
                    let run = w
                        .command(&[
                            "add",
                            "--metric",
                            "dprk-troops.deployed",
                            "--value",
                            "about 11,000",
                            "--as-of",
                            &date,
                            "--source",
                            writer,
                        ])
                        .output()
                        .unwrap();
                    assert!(run.status.success(), "{writer}: {}", String::from_utf8_lossy(&run.stderr));
                }
            });
        }
    });
    assert_eq!(w.count("claims"), 36);
    w.ok(&["verify"]);
}

#[test]
fn a_writer_kept_waiting_fails_clearly_and_writes_nothing() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    let holder = rusqlite::Connection::open(w.db()).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let run = w
        .command(&["add", "--metric", "dprk-troops.deployed", "--value", "11,000", "--as-of", "2024-11"])
        .env("CLAIMS_BUSY_TIMEOUT_MS", "300")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("the ledger is busy (another claims command holds it): waited 0.3s"), "{stderr}");
    let reader = w.run(&["list", "--format", "json"]);
    assert_eq!(reader.code(), 0, "readers are not blocked by a writer: {}", reader.stderr());
    holder.execute_batch("ROLLBACK").unwrap();
    assert_eq!(w.count("claims"), 6);
}

#[cfg(unix)]
#[test]
fn an_edit_killed_at_any_moment_is_all_or_nothing() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    let mut current = 2i64;
    for round in 0..20u64 {
        let value = format!("about {} square miles", 381 + round);
        let mut child = w
            .command(&["edit", &current.to_string(), "--value", &value])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // a different moment each round: from at once to well after the end
        std::thread::sleep(std::time::Duration::from_micros(round * round * 150));
        let _ = child.kill();
        let _ = child.wait();
        let verify = w.run(&["verify"]);
        assert_eq!(verify.code(), 0, "round {round}: {}", verify.stdout());
        let newest: i64 = w.sql("SELECT max(id) FROM claims").parse().unwrap();
        let old = w.json(&["show", &current.to_string()]);
        if newest > current && w.sql(&format!("SELECT value FROM claims WHERE id = {newest}")) == value {
            assert_eq!(old["status"], "superseded", "round {round}: the new row came with the supersede");
            current = newest;
        } else {
            assert_eq!(old["status"], "active", "round {round}: nothing of the edit");
        }
    }
}
