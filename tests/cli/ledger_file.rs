//! The ledger file: created on first write, migrated, never overwritten
//! when it is not ours.

use crate::helper::Workdir;

#[test]
fn reading_a_missing_ledger_says_how_to_start_one() {
    let w = Workdir::new();
    let stderr = w.fails(&["list"]);
    assert!(stderr.contains("no ledger at"), "{stderr}");
    assert!(stderr.contains("hint: start one with"), "{stderr}");
    assert!(!w.db().exists(), "a read creates nothing");
}

#[test]
fn the_ledger_is_a_plain_sqlite_file_with_a_joined_view() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    assert_eq!(w.sql("PRAGMA user_version"), claims::ledger::VERSION.to_string());
    assert_eq!(w.sql("PRAGMA journal_mode"), "wal");
    assert_eq!(w.sql("SELECT source || ' / ' || metric || ' / ' || value FROM claims_full WHERE uid = 'demo-dprk-killed-week'"),
        "John Kirby / dprk-troops.killed-weekly / more than 1,000");
    assert_eq!(
        w.sql("SELECT change_of FROM claims_full WHERE uid = 'demo-kursk-area-lost'"),
        "demo-kursk-area-aug"
    );
}

#[test]
fn a_file_that_is_not_a_ledger_is_never_touched() {
    let w = Workdir::new();
    std::fs::write(w.db(), "metric,value\nnot,a database\n").unwrap();
    let stderr = w.fails(&["metrics", "add", "a.b", "--kind", "level", "--unit", "km"]);
    assert!(stderr.contains("is not a claims ledger"), "{stderr}");
    assert_eq!(std::fs::read_to_string(w.db()).unwrap(), "metric,value\nnot,a database\n");

    let other = Workdir::new();
    let conn = rusqlite::Connection::open(other.db()).unwrap();
    conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');").unwrap();
    drop(conn);
    let stderr = other.fails(&["demo"]);
    assert!(stderr.contains("is an SQLite database but not a claims ledger"), "{stderr}");
    assert_eq!(other.sql("SELECT count(*) FROM sqlite_schema"), "1");
}

#[test]
fn a_newer_ledger_is_refused() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    let conn = rusqlite::Connection::open(w.db()).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let stderr = w.fails(&["list"]);
    let refusal =
        format!("is a ledger of version 99, newer than this claims (version {})", claims::ledger::VERSION);
    assert!(stderr.contains(&refusal), "{stderr}");
}

#[test]
fn claims_cannot_be_deleted_even_with_sqlite() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    let conn = rusqlite::Connection::open(w.db()).unwrap();
    let err = conn.execute("DELETE FROM claims WHERE id = 1", []).unwrap_err();
    assert!(err.to_string().contains("claims are never deleted"), "{err}");
    let err = conn.execute("UPDATE claims SET qualifier = 'roughly' WHERE id = 1", []).unwrap_err();
    assert!(err.to_string().contains("a claim is never changed in place"), "{err}");
}

#[test]
fn an_empty_database_of_version_0_is_migrated() {
    let w = Workdir::new();
    // what an older claims, or `sqlite3 ledger.db ""`, leaves: no tables, user_version 0
    let conn = rusqlite::Connection::open(w.db()).unwrap();
    conn.execute_batch("PRAGMA user_version = 0; VACUUM;").unwrap();
    drop(conn);
    w.ok(&["metrics", "add", "dprk-troops.deployed", "--kind", "level", "--unit", "soldiers"]);
    assert_eq!(w.sql("PRAGMA user_version"), claims::ledger::VERSION.to_string());
    assert_eq!(w.count("metrics"), 1);
}

#[test]
fn a_ledger_of_version_1_is_migrated_with_its_claims() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    let timeline = w.ok(&["timeline", "kursk.area-held-by-ukraine"]);
    // what version 1 had: the (metric, day) index without the report columns
    crate::tamper::downgrade(&w, 1);
    assert!(!w
        .sql("SELECT sql FROM sqlite_schema WHERE name = 'claims_by_metric_date'")
        .contains("share_of"));
    assert_eq!(w.ok(&["timeline", "kursk.area-held-by-ukraine"]), timeline);
    assert_eq!(w.sql("PRAGMA user_version"), claims::ledger::VERSION.to_string());
    assert!(w.sql("SELECT sql FROM sqlite_schema WHERE name = 'claims_by_metric_date'").contains("share_of"));
    assert_eq!(w.count("claims"), 6);
    w.ok(&["verify"]);
}

/// Several processes creating one ledger at once: none may see the ledger half made
/// (tables there, version not yet written) and take it for someone else's database.
/// A few rounds, as one round hits the window only now and then.
#[test]
fn processes_creating_a_ledger_at_once_all_succeed() {
    for _round in 0..30 {
        let w = Workdir::new();
        std::thread::scope(|scope| {
            for key in ["a.one", "b.two", "c.three", "d.four"] {
                let w = &w;
                scope.spawn(move || w.ok(&["metrics", "add", key, "--kind", "level", "--unit", "km"]));
            }
        });
        assert_eq!(w.count("metrics"), 4);
        assert_eq!(w.sql("PRAGMA user_version"), claims::ledger::VERSION.to_string());
    }
}

/// The views read with plain SQL, as sqlite3 or Datasette would: no column
/// needs quoting, and the spans sort like `list` and `timeline`.
#[test]
fn the_views_sort_like_the_commands_and_need_no_quoting() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    w.ok(&["retract", "1", "--reason", "a test of the view"]);
    let conn = rusqlite::Connection::open(w.db()).unwrap();
    let column = |sql: &str| -> Vec<String> {
        let mut stmt = conn.prepare(sql).unwrap();
        stmt.query_map([], |r| r.get::<_, Option<String>>(0))
            .unwrap()
            .map(|v| v.unwrap().unwrap_or_default())
            .collect()
    };
    // the weekly figure of 21-27 December 2024 is a period: its span starts at `from`
    assert_eq!(
        column("SELECT from_date || ' ' || span_start || ' ' || as_of_start || ' ' || as_of_end FROM claims_full WHERE uid = 'demo-dprk-killed-week'"),
        ["2024-12-21 2024-12-21 2024-12-27 2024-12-27"]
    );
    // "2024-08" is the whole of August
    assert_eq!(
        column("SELECT as_of_start || ' ' || as_of_end FROM claims_full WHERE uid = 'demo-kursk-area-aug'"),
        ["2024-08-01 2024-08-31"]
    );
    let listed: Vec<String> = w
        .json(&["list", "--all"])
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["uid"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(column("SELECT uid FROM claims_full ORDER BY as_of_start, as_of_end, id"), listed);
    let timeline: Vec<String> = w
        .json(&["timeline", "dprk-troops.killed-weekly"])
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["uid"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        column("SELECT uid FROM claims_active WHERE metric = 'dprk-troops.killed-weekly' ORDER BY span_start, as_of_end, id"),
        timeline
    );
    let retracted = column("SELECT uid FROM claims_full WHERE id = 1");
    assert!(
        !column("SELECT uid FROM claims_active").contains(&retracted[0]),
        "a retracted claim is not active"
    );
    assert_eq!(w.sql("SELECT count(*) FROM claims_active"), w.sql("SELECT count(*) - 1 FROM claims_full"));
    drop(conn);
    // a source merged into another reads as the one it was merged into, as in `list`
    let id = w.ok(&[
        "add",
        "--metric",
        "dprk-troops.deployed",
        "--value",
        "up to 12,000",
        "--as-of",
        "2024-10",
        "--source",
        "J. Kirby",
        "--source-kind",
        "person",
    ]);
    w.ok(&["sources", "merge", "J. Kirby", "John Kirby"]);
    let query = format!("SELECT source FROM claims_full WHERE id = {}", id.trim());
    assert_eq!(w.sql(&query), "John Kirby");
    assert_eq!(w.json(&["show", id.trim()])["source"], "John Kirby");
    w.ok(&["verify"]);
}

#[test]
fn a_failed_command_leaves_no_new_ledger_behind() {
    let w = Workdir::new();
    let bad = w.write("bad.csv", "metric,value,as_of\ndprk-troops.deployed,about 12000,2024-10-31\n");
    let err = w.fails(&["import", bad.to_str().unwrap()]);
    assert!(err.contains("unknown metric"), "{err}");
    assert!(!w.db().exists(), "a failed import made {}", w.db().display());
    let err = w.fails(&["add", "--metric", "nowhere", "--value", "5", "--as-of", "2024-10-31"]);
    assert!(!err.is_empty());
    assert!(!w.db().exists(), "a failed add made the ledger");
    for suffix in ["-wal", "-shm"] {
        assert!(!w.path().join(format!("ledger.db{suffix}")).exists(), "{suffix} left behind");
    }

    // a ledger that was there before the failure stays, with what it holds
    w.kursk_metrics();
    w.fails(&["import", w.write("worse.csv", "metric,value\n").to_str().unwrap()]);
    assert!(w.db().exists());
    assert_eq!(w.count("metrics"), 4, "the metrics declared before the failure are kept");
}
