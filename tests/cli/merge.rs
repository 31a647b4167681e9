//! `claims merge OTHER`: OTHER is read, never changed; only a ledger that
//! verifies is taken, row by row like an import; only OTHER's own history
//! of the claims it brought is kept; conflicts are set aside in a new file.

use crate::helper::Workdir;
use std::path::{Path, PathBuf};

/// What merging must leave as it was: OTHER's bytes, mtime, and whether
/// its -wal and -shm files are there.
#[derive(Debug, PartialEq)]
struct FileState {
    bytes: Vec<u8>,
    modified: std::time::SystemTime,
    wal: bool,
    shm: bool,
}

fn state(db: &Path) -> FileState {
    let beside = |suffix: &str| PathBuf::from(format!("{}{suffix}", db.display())).exists();
    FileState {
        bytes: std::fs::read(db).unwrap(),
        modified: std::fs::metadata(db).unwrap().modified().unwrap(),
        wal: beside("-wal"),
        shm: beside("-shm"),
    }
}

fn text(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// Changes OTHER behind claims' back, as a forger or a broken disk would.
fn tamper(w: &Workdir, sql: &str) {
    let conn = rusqlite::Connection::open(w.db()).unwrap();
    conn.execute_batch(sql).unwrap();
}

/// Writes to OTHER as a program mimicking claims would: through its
/// triggers, with the functions they call, so that its chains still hold.
fn forge(w: &Workdir, sql: &str) {
    use rusqlite::functions::FunctionFlags;
    use sha2::Digest;
    let conn = rusqlite::Connection::open(w.db()).unwrap();
    conn.create_scalar_function("claims_sha256", 1, FunctionFlags::SQLITE_UTF8, |ctx| {
        Ok(hex::encode(sha2::Sha256::digest(ctx.get::<String>(0)?.as_bytes())))
    })
    .unwrap();
    conn.create_scalar_function("claims_now", 0, FunctionFlags::SQLITE_UTF8, |_| Ok("2026-11-25T12:00:00Z"))
        .unwrap();
    conn.execute_batch(sql).unwrap();
}

/// A ledger holding the demo's claims.
fn demo() -> Workdir {
    let w = Workdir::new();
    w.ok(&["demo"]);
    w
}

/// The conflicts files merges left in a work folder, sorted.
fn conflict_files(w: &Workdir) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(w.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("merge-conflicts"))
        .collect();
    names.sort();
    names
}

#[test]
fn merging_reads_other_without_touching_it_and_stages_nothing_on_disk() {
    let other = demo();
    let before = state(&other.db());
    assert!(!before.wal && !before.shm, "a closed ledger has no -wal or -shm");
    let ours = Workdir::new();
    let tmp = ours.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let run = ours.command(&["merge", &text(&other.db())]).env("TMPDIR", &tmp).output().unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    assert_eq!(ours.count("claims"), 6);
    assert_eq!(state(&other.db()), before, "OTHER's bytes, mtime, -wal and -shm are as they were");
    assert_eq!(std::fs::read_dir(&tmp).unwrap().count(), 0, "no temporary export");
    let mut left: Vec<_> = std::fs::read_dir(ours.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    left.sort();
    assert_eq!(left, ["ledger.db", "tmp"], "nothing staged beside ours");
}

#[test]
fn a_ledger_in_use_elsewhere_merges_and_keeps_its_files() {
    let other = demo();
    // another claims process has it open: its -wal and -shm are there
    let conn = rusqlite::Connection::open(other.db()).unwrap();
    conn.query_row("SELECT count(*) FROM claims", [], |r| r.get::<_, i64>(0)).unwrap();
    let before = state(&other.db());
    assert!(before.wal && before.shm);
    let ours = Workdir::new();
    ours.ok(&["merge", &text(&other.db())]);
    assert_eq!(ours.count("claims"), 6);
    assert_eq!(state(&other.db()), before);
    drop(conn);
}

#[test]
fn a_ledger_in_a_read_only_folder_merges_and_stays_as_it_was() {
    use std::os::unix::fs::PermissionsExt;
    let other = demo();
    let folder = other.path().join("shared");
    std::fs::create_dir(&folder).unwrap();
    let db = folder.join("theirs.db");
    std::fs::rename(other.db(), &db).unwrap();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    // (as root the modes do not bind: the file then stays untouched because
    // claims opens it read-only, which is what this checks either way)
    let before = state(&db);
    let ours = Workdir::new();
    let out = ours.ok(&["merge", &text(&db)]);
    assert!(out.contains("6 claims, 6 added"), "{out}");
    assert_eq!(state(&db), before);
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 1, "no -wal or -shm made beside it");
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn a_tampered_ledger_is_refused_before_anything_is_taken() {
    let other = demo();
    tamper(
        &other,
        "DROP TRIGGER claims_content_fixed;
         UPDATE claims SET value = 'about 5,000' WHERE uid = 'demo-dprk-killed-week';",
    );
    let before = state(&other.db());
    let ours = Workdir::new();
    ours.ok(&["metrics", "add", "ukraine.drones-downed", "--kind", "period", "--unit", "drones"]);
    let counts = ours.snapshot_counts();
    let stderr = ours.fails(&["merge", &text(&other.db())]);
    assert!(stderr.contains(&format!("{} does not verify", other.db().display())), "{stderr}");
    assert!(stderr.contains("nothing was merged"), "{stderr}");
    assert_eq!(ours.snapshot_counts(), counts, "nothing written here");
    assert_eq!(ours.count("import_batches"), 0);
    assert!(conflict_files(&ours).is_empty());
    assert_eq!(state(&other.db()), before);
}

#[test]
fn invalid_text_in_other_is_named_by_claim_and_field() {
    let other = demo();
    let id = other.sql("SELECT id FROM claims WHERE uid = 'demo-dprk-killed-week'");
    tamper(
        &other,
        &format!(
            "DROP TRIGGER claims_content_fixed;
             UPDATE claims SET quote = CAST(x'4b7572736bff' AS TEXT) WHERE id = {id};"
        ),
    );
    let ours = Workdir::new();
    let stderr = ours.fails(&["merge", &text(&other.db())]);
    assert!(
        stderr.contains(&format!("{} claim {id}: invalid UTF-8 in quote", other.db().display())),
        "{stderr}"
    );
    assert!(!ours.db().exists(), "our ledger is not even created");
}

#[test]
fn a_damaged_page_in_other_is_an_error_not_a_panic() {
    use std::io::{Seek, SeekFrom, Write};
    let other = demo();
    let mut file = std::fs::OpenOptions::new().write(true).open(other.db()).unwrap();
    let page: i64 = other.sql("PRAGMA page_size").parse().unwrap();
    file.seek(SeekFrom::Start(3 * page as u64)).unwrap();
    file.write_all(&vec![0xAB; page as usize]).unwrap();
    drop(file);
    let ours = Workdir::new();
    let stderr = ours.fails(&["merge", &text(&other.db())]);
    assert!(stderr.contains(&text(&other.db())), "names OTHER: {stderr}");
    assert!(stderr.contains(&format!("claims --db {} verify", other.db().display())), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!ours.db().exists());
}

#[test]
fn a_view_in_place_of_a_table_is_refused_before_any_row_is_read() {
    let endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)";
    let history = demo();
    tamper(
        &history,
        &format!(
            "DROP TABLE merged_history;
             CREATE VIEW merged_history AS {endless}
                 SELECT i AS id, 'x' AS ledger, 'demo-kursk-held-aug' AS claim_uid, 'status' AS changes,
                 '2024-01-01' AS at, NULL AS by FROM n;"
        ),
    );
    let ours = Workdir::new();
    let stderr = ours.fails(&["merge", &text(&history.db())]);
    assert!(stderr.contains("its merged_history table is a view, not a table"), "{stderr}");

    let claims = demo();
    tamper(
        &claims,
        &format!(
            "PRAGMA foreign_keys = OFF; PRAGMA legacy_alter_table = ON;
             ALTER TABLE claims RENAME TO claims_kept;
             CREATE VIEW claims AS {endless} SELECT c.* FROM n, claims_kept c;"
        ),
    );
    let stderr = ours.fails(&["merge", &text(&claims.db())]);
    assert!(
        stderr.contains(&format!("{}: its claims table is a view, not a table", claims.db().display())),
        "{stderr}"
    );
    assert!(!ours.db().exists());
}

#[test]
fn only_history_of_claims_that_came_from_other_unchanged_is_kept() {
    let ours = demo();
    // a claim of ours that OTHER does not hold
    ours.ok(&[
        "add",
        "--metric",
        "dprk-troops.deployed",
        "--value",
        "about 11,000",
        "--as-of",
        "2024-11",
        "--source",
        "Pentagon",
    ]);
    let ours_only = ours.sql("SELECT uid FROM claims ORDER BY id DESC LIMIT 1");
    let other = demo();
    // a claim both hold, that OTHER retracted: carried, with OTHER's entry
    other.ok(&["retract", "demo-dprk-killed-week", "--reason", "withdrawn"]);
    // a claim both hold, that OTHER and we retracted for different reasons: a conflict
    ours.ok(&["retract", "demo-dprk-killed-share", "--reason", "ours"]);
    other.ok(&["retract", "demo-dprk-killed-share", "--reason", "theirs"]);
    // a claim only OTHER holds, retracted there: it comes in with its history
    let new = other.ok(&[
        "add",
        "--metric",
        "dprk-troops.killed-or-wounded",
        "--value",
        "about 3,800",
        "--as-of",
        "2025-01-05",
        "--source",
        "Blogger",
    ]);
    other.ok(&["retract", new.trim(), "--reason", "no source given"]);
    let new_uid = other.sql(&format!("SELECT uid FROM claims WHERE id = {}", new.trim()));
    // history OTHER says it merged for a claim of ours it does not hold
    forge(
        &other,
        &format!(
            "INSERT INTO merged_history (ledger, claim_uid, changes, at, by)
             VALUES ('elsewhere.db', '{ours_only}', 'status active → retracted', '2026-01-01T00:00:00Z', 'mallory');"
        ),
    );
    let out = ours.ok(&["merge", &text(&other.db())]);
    assert!(out.contains("1 added, 4 already present, 1 status change carried, 1 conflicting"), "{out}");
    assert!(out.ends_with("; 2 entries of its history kept\n"), "{out}");
    let kept = ours.sql(
        "SELECT group_concat(claim_uid, ',') FROM (SELECT claim_uid FROM merged_history ORDER BY claim_uid)",
    );
    let mut expected = [new_uid.as_str(), "demo-dprk-killed-week"];
    expected.sort();
    assert_eq!(kept, expected.join(","));
    assert_eq!(ours.json(&["show", "demo-dprk-killed-week"])["status"], "retracted");
    assert_eq!(ours.count("merged_history"), 2, "nothing for the conflict, nothing for our own claim");
    assert_eq!(ours.json(&["show", &ours_only])["status"], "active");
    ours.ok(&["verify"]);
}

#[test]
fn an_alias_that_contradicts_ours_is_set_aside_and_never_replaces_ours() {
    let ours = demo();
    assert_eq!(ours.sql("SELECT same_as FROM unit_aliases WHERE noun = 'troops'"), "soldiers");
    let other = Workdir::new();
    other.ok(&["metrics", "add", "dprk-troops.sent", "--kind", "level", "--unit", "personnel"]);
    other.ok(&["units", "alias", "troops", "personnel"]);
    other.ok(&["units", "alias", "people", "persons"]);
    other.ok(&[
        "add",
        "--metric",
        "dprk-troops.sent",
        "--value",
        "up to 12,000 troops",
        "--as-of",
        "2024-10",
        "--source",
        "Ukrainian intelligence",
    ]);
    let out = ours.ok(&["merge", &text(&other.db())]);
    assert!(out.contains("1 conflicting (written to merge-conflicts-ledger-20261125T120000Z.csv"), "{out}");
    assert!(out.ends_with("; unit alias troops = personnel set aside (here troops = soldiers)\n"), "{out}");
    assert_eq!(ours.sql("SELECT same_as FROM unit_aliases WHERE noun = 'troops'"), "soldiers");
    assert_eq!(
        ours.sql("SELECT same_as FROM unit_aliases WHERE noun = 'people'"),
        "persons",
        "others come in"
    );
    let conflicts = std::fs::read_to_string(ours.path().join(&conflict_files(&ours)[0])).unwrap();
    assert!(
        conflicts.contains("\"\"troops\"\" is already declared the same as \"\"soldiers\"\" in this ledger"),
        "{conflicts}"
    );
}

#[test]
fn units_alias_never_replaces_an_alias() {
    let w = Workdir::new();
    assert_eq!(w.ok(&["units", "alias", "troops", "soldiers"]), "troops = soldiers\n");
    assert_eq!(
        w.ok(&["units", "alias", "troops", "soldiers"]),
        "troops = soldiers\n",
        "the same again is fine"
    );
    let stderr = w.fails(&["units", "alias", "troops", "personnel"]);
    assert!(
        stderr.contains(
            "\"troops\" is already declared the same as \"soldiers\" in this ledger, not \"personnel\""
        ),
        "{stderr}"
    );
    assert!(stderr.contains("hint: an alias is never replaced"), "{stderr}");
    assert_eq!(w.sql("SELECT same_as FROM unit_aliases WHERE noun = 'troops'"), "soldiers");
}

#[test]
fn rows_that_cannot_enter_are_conflicts_with_their_reason() {
    let ours = Workdir::new();
    ours.ok(&["metrics", "add", "kursk.area-held-by-ukraine", "--kind", "level", "--unit", "sq mi"]);
    let other = Workdir::new();
    other.ok(&["metrics", "add", "kursk.area-held-by-ukraine", "--kind", "level", "--unit", "km²"]);
    other.ok(&["metrics", "add", "ukraine.drones-downed", "--kind", "period", "--unit", "drones"]);
    let add = |args: &[&str]| other.ok(&[&["add", "--source", "Reports"], args].concat()).trim().to_string();
    let held =
        add(&["--metric", "kursk.area-held-by-ukraine", "--value", "about 1,000", "--as-of", "2024-08"]);
    add(&[
        "--metric",
        "kursk.area-held-by-ukraine",
        "--value",
        "-40%",
        "--change-of",
        &held,
        "--as-of",
        "2024-12",
    ]);
    add(&["--metric", "ukraine.drones-downed", "--value", "more than 60", "--as-of", "2024-12-27"]);
    let counts = ours.snapshot_counts();
    let run = ours.run(&["merge", &text(&other.db())]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(run.stdout().contains("3 claims, 1 added, 0 already present, 2 conflicting"), "{}", run.stdout());
    assert_eq!(ours.snapshot_counts()[0], counts[0] + 1);
    let conflicts = std::fs::read_to_string(ours.path().join(&conflict_files(&ours)[0])).unwrap();
    assert_eq!(conflicts.lines().count(), 3, "a header and two rows: {conflicts}");
    assert!(conflicts
        .contains("the metric kursk.area-held-by-ukraine is in sq mi in this ledger, the file says km²"));
    assert!(!conflicts.contains("FOREIGN KEY") && !run.stderr().contains("FOREIGN KEY"), "{conflicts}");
}

#[test]
fn each_merge_writes_its_own_conflicts_file() {
    let ours = demo();
    let other = demo();
    // both retracted it, for different reasons: a conflict each time
    ours.ok(&["retract", "demo-dprk-killed-week", "--reason", "ours"]);
    other.ok(&["retract", "demo-dprk-killed-week", "--reason", "withdrawn"]);
    let first = ours.ok(&["merge", &text(&other.db())]);
    let second = ours.ok(&["merge", &text(&other.db())]);
    let names =
        ["merge-conflicts-ledger-20261125T120000Z.csv", "merge-conflicts-ledger-20261125T120000Z-2.csv"];
    assert_eq!(conflict_files(&ours), [names[1], names[0]], "the first kept, the second beside it");
    assert!(first.contains(&format!("written to {}", names[0])), "{first}");
    assert!(second.contains(&format!("written to {}", names[1])), "{second}");

    let given = ours.write("mine.csv", "keep me\n");
    let counts = ours.snapshot_counts();
    let batches = ours.count("import_batches");
    let stderr = ours.fails(&["merge", &text(&other.db()), "--conflicts", "mine.csv"]);
    assert!(stderr.contains("--conflicts: mine.csv exists already: nothing was merged"), "{stderr}");
    assert_eq!(std::fs::read_to_string(given).unwrap(), "keep me\n");
    assert_eq!((ours.snapshot_counts(), ours.count("import_batches")), (counts, batches));

    let out = ours.ok(&["merge", &text(&other.db()), "--conflicts", "new.csv"]);
    assert!(out.contains("written to new.csv"), "{out}");
    assert!(ours.path().join("new.csv").exists());
}

#[test]
fn merging_a_ledger_into_itself_is_refused_through_links_too() {
    let w = demo();
    let symlink = w.path().join("link.db");
    std::os::unix::fs::symlink(w.db(), &symlink).unwrap();
    let hard = w.path().join("hard.db");
    std::fs::hard_link(w.db(), &hard).unwrap();
    let counts = w.snapshot_counts();
    for path in [w.db(), symlink, hard] {
        let stderr = w.fails(&["merge", &text(&path)]);
        assert!(stderr.contains("a ledger cannot be merged into itself"), "{stderr}");
    }
    assert_eq!(w.snapshot_counts(), counts);
    assert_eq!(w.count("import_batches"), 0);
}

#[test]
fn a_ledger_without_claims_is_nothing_to_merge() {
    let other = Workdir::new();
    other.ok(&["metrics", "add", "dprk-troops.sent", "--kind", "level", "--unit", "soldiers"]);
    let ours = Workdir::new();
    let stderr = ours.fails(&["merge", &text(&other.db())]);
    assert!(
        stderr.contains(&format!("{} holds no claims: nothing to merge", other.db().display())),
        "{stderr}"
    );
    assert!(!ours.db().exists(), "nothing written");
}
