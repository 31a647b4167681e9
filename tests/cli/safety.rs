//! Safety of the ledger file against ordinary mistakes: what a command
//! opens, what it refuses, and what it says when the disk or another
//! process gets in the way.

use crate::helper::Workdir;
use std::path::Path;
use std::process::Command;

/// The bytes of a file, to show a refused command left it alone.
fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_default()
}

#[test]
fn a_read_on_a_zero_byte_file_creates_no_ledger() {
    let w = Workdir::new();
    std::fs::write(w.db(), "").unwrap();
    for args in [&["list"][..], &["timeline", "a.b"], &["verify"], &["export"]] {
        let stderr = w.fails(args);
        assert!(
            stderr.contains("no ledger at") && stderr.contains("the file is empty"),
            "{args:?}: {stderr}"
        );
        assert!(stderr.contains("claims demo"), "says which command creates one: {stderr}");
    }
    assert_eq!(std::fs::metadata(w.db()).unwrap().len(), 0, "still empty");
    assert!(!w.path().join("ledger.db-wal").exists());
    // a writing command may start a ledger in the empty file
    w.ok(&["metrics", "add", "a.b", "--kind", "level", "--unit", "km"]);
    assert_eq!(w.count("metrics"), 1);
}

#[test]
fn a_foreign_database_is_refused_before_any_write() {
    let w = Workdir::new();
    let conn = rusqlite::Connection::open(w.db()).unwrap();
    conn.execute_batch(
        "PRAGMA journal_mode = DELETE; CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');",
    )
    .unwrap();
    drop(conn);
    let before = bytes(&w.db());
    for args in
        [&["list"][..], &["demo"], &["add", "--metric", "a", "--value", "1", "--as-of", "2024"], &["verify"]]
    {
        let stderr = w.fails(args);
        assert!(stderr.contains("is an SQLite database but not a claims ledger"), "{args:?}: {stderr}");
    }
    assert_eq!(bytes(&w.db()), before, "not a byte changed, the journal mode included");
    assert!(!w.path().join("ledger.db-wal").exists());
}

#[test]
fn a_database_posing_with_a_ledger_version_is_refused() {
    let w = Workdir::new();
    let conn = rusqlite::Connection::open(w.db()).unwrap();
    conn.execute_batch("CREATE TABLE claims (id INTEGER); PRAGMA user_version = 2;").unwrap();
    drop(conn);
    let before = bytes(&w.db());
    let stderr = w.fails(&["list"]);
    assert!(stderr.contains("not a claims ledger"), "{stderr}");
    assert_eq!(bytes(&w.db()), before);
}

#[test]
fn a_new_ledger_carries_the_claims_application_id() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    assert_eq!(w.sql("PRAGMA application_id"), 0x434c_4d53.to_string());
}

#[test]
fn a_ledger_made_before_the_application_id_still_opens_and_gets_it() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    let conn = rusqlite::Connection::open(w.db()).unwrap();
    conn.pragma_update(None, "application_id", 0).unwrap();
    drop(conn);
    w.ok(&["list"]);
    assert_eq!(w.sql("PRAGMA application_id"), 0x434c_4d53.to_string());
}

#[test]
fn a_folder_or_a_pipe_given_as_the_ledger_is_refused() {
    let w = Workdir::new();
    std::fs::create_dir(w.path().join("research")).unwrap();
    let stderr = w.fails(&["--db", "research", "list"]);
    assert!(stderr.contains("research is a folder, not a ledger file"), "{stderr}");
    let stderr = w.fails(&["--db", "research", "demo"]);
    assert!(stderr.contains("is a folder"), "{stderr}");

    let fifo = w.path().join("pipe");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    // opening a FIFO would block: refused before SQLite sees it
    let stderr = w.fails(&["--db", "pipe", "list"]);
    assert!(stderr.contains("pipe is not a regular file"), "{stderr}");
}

#[test]
fn a_busy_timeout_out_of_range_is_a_clear_error() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    for bad in ["soon", "-5", "99999999999999999999", "86400000"] {
        let run = w.command(&["list"]).env("CLAIMS_BUSY_TIMEOUT_MS", bad).output().unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{bad}: {stderr}");
        assert!(
            stderr.contains("CLAIMS_BUSY_TIMEOUT_MS") && stderr.contains("hint: give whole milliseconds"),
            "{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

/// Runs claims with `folder` made read-only: a read-only bind mount in a
/// private mount namespace as root (for whom permissions do not bind),
/// else the folder's permissions.
fn in_read_only_folder(w: &Workdir, folder: &Path, args: &[&str]) -> std::process::Output {
    let claims = env!("CARGO_BIN_EXE_claims");
    let root = Command::new("id").arg("-u").output().map(|o| o.stdout == b"0\n").unwrap_or(false);
    let mut cmd = if root {
        let script =
            r#"dir="$1"; shift; mount --bind "$dir" "$dir" && mount -o remount,ro,bind "$dir" && exec "$@""#;
        let mut cmd = Command::new("unshare");
        cmd.args(["-m", "sh", "-c", script, "sh"]).arg(folder).arg(claims);
        cmd
    } else {
        std::fs::set_permissions(folder, std::os::unix::fs::PermissionsExt::from_mode(0o555)).unwrap();
        Command::new(claims)
    };
    let base = w.command(&[]);
    cmd.args(args).current_dir(w.path()).envs(base.get_envs().filter_map(|(k, v)| Some((k, v?))));
    let output = cmd.output().unwrap();
    if !root {
        std::fs::set_permissions(folder, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    }
    output
}

#[test]
fn a_ledger_in_a_read_only_folder_can_be_read_and_refuses_writes_clearly() {
    let w = Workdir::new();
    let shelf = w.path().join("shelf");
    std::fs::create_dir(&shelf).unwrap();
    let db = shelf.join("kursk.db");
    let db_arg = db.to_str().unwrap();
    w.ok(&["--db", db_arg, "demo"]);
    // as it would be copied to read-only media: checkpointed, no -wal or -shm
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    drop(conn);
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{db_arg}{suffix}"));
    }
    let before = bytes(&db);
    for args in
        [&["list"][..], &["timeline", "kursk.area-held-by-ukraine"], &["export"], &["verify"], &["check"]]
    {
        let mut argv = vec!["--db", db_arg];
        argv.extend_from_slice(args);
        let out = in_read_only_folder(&w, &shelf, &argv);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(!out.stdout.is_empty(), "{args:?} printed nothing");
    }
    let out = in_read_only_folder(
        &w,
        &shelf,
        &[
            "--db",
            db_arg,
            "add",
            "--metric",
            "dprk-troops.deployed",
            "--value",
            "11,000",
            "--as-of",
            "2024-11",
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("read-only") && !stderr.starts_with("claims: attempt to write"), "{stderr}");
    assert!(stderr.contains("hint:"), "{stderr}");
    assert_eq!(bytes(&db), before, "nothing written");
}

#[test]
fn a_file_size_limit_is_said_plainly_and_the_ledger_is_whole() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    let claims_before = w.count("claims");
    let size = std::fs::metadata(w.db()).unwrap().len();
    let csv = crate::helper::deployed_csv(20_000);
    std::fs::write(w.path().join("many.csv"), csv).unwrap();
    // a file size limit makes every write past it fail as on a full disk
    let limit_kib = size / 1024 + 64;
    let script = format!("trap '' XFSZ; ulimit -f {limit_kib}; exec \"$0\" \"$@\"");
    let base = w.command(&[]);
    let out = Command::new("sh")
        .args(["-c", &script, env!("CARGO_BIN_EXE_claims"), "import", "many.csv"])
        .current_dir(w.path())
        .envs(base.get_envs().filter_map(|(k, v)| Some((k, v?))))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("could not write to") && stderr.contains("nothing was written"), "{stderr}");
    assert!(stderr.contains("sqlite:"), "SQLite's words kept on a later line: {stderr}");
    assert_eq!(w.count("claims"), claims_before);
    w.ok(&["verify"]);
}

#[test]
fn a_full_disk_is_said_plainly_and_the_ledger_is_whole() {
    let w = Workdir::new();
    let small = w.path().join("small");
    std::fs::create_dir(&small).unwrap();
    std::fs::write(w.path().join("many.csv"), crate::helper::deployed_csv(20_000)).unwrap();
    let root = Command::new("id").arg("-u").output().map(|o| o.stdout == b"0\n").unwrap_or(false);
    if !root {
        // without root there is no small disk to fill: the size-limit test covers the path
        return;
    }
    // a 1 MiB disk in a private mount namespace, the demo ledger on it
    let claims = env!("CARGO_BIN_EXE_claims");
    let script = r#"set -e; c="$1"; mount -t tmpfs -o size=1m tmpfs small
        "$c" --db small/l.db demo >/dev/null
        "$c" --db small/l.db import many.csv 2>import.err && exit 9
        "$c" --db small/l.db verify >verify.out
        "$c" --db small/l.db list --format json >list.json"#;
    let base = w.command(&[]);
    let out = Command::new("unshare")
        .args(["-m", "sh", "-c", script, "sh", claims])
        .current_dir(w.path())
        .envs(base.get_envs().filter_map(|(k, v)| Some((k, v?))))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = std::fs::read_to_string(w.path().join("import.err")).unwrap();
    assert!(stderr.contains("the disk is full: nothing was written to small/l.db"), "{stderr}");
    assert!(stderr.contains("sqlite:"), "{stderr}");
    let list: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(w.path().join("list.json")).unwrap()).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 6, "the demo claims, none of the import");
}
