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
pub fn in_read_only_folder(w: &Workdir, folder: &Path, args: &[&str]) -> std::process::Output {
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

/// Every flag that writes a file, aimed at `target`.
fn writers(target: &str) -> Vec<Vec<String>> {
    let cmds: [&[&str]; 6] = [
        &["report", "-o", target],
        &["export", "-o", target],
        &["timeline", "kursk.area-held-by-ukraine", "--chart", target],
        &["import", "rows.csv", "--skip-bad", target],
        &["backup", target],
        &["extract", "article.txt", "-o", target],
    ];
    cmds.iter().map(|c| c.iter().map(|s| s.to_string()).collect()).collect()
}

fn demo_with_inputs() -> Workdir {
    let w = Workdir::new();
    w.ok(&["demo"]);
    w.write(
        "rows.csv",
        "metric,value,as_of\ndprk-troops.deployed,\"about 11,000\",2024-11\nno.such,5,2024\n",
    );
    w.write("article.txt", "Officials said on Monday that about 12,000 troops had been sent.\n");
    w
}

#[test]
fn no_command_writes_over_the_ledger_or_its_sqlite_files() {
    let w = demo_with_inputs();
    std::fs::create_dir(w.path().join("x")).unwrap();
    std::os::unix::fs::symlink(w.db(), w.path().join("link.db")).unwrap();
    std::fs::hard_link(w.db(), w.path().join("hard.db")).unwrap();
    // a reader keeps the -wal and -shm files in place while we aim at them
    let holder = rusqlite::Connection::open(w.db()).unwrap();
    holder.query_row("SELECT count(*) FROM claims", [], |r| r.get::<_, i64>(0)).unwrap();
    let counts = w.snapshot_counts();
    for target in [
        "ledger.db",
        "./x/../ledger.db",
        "link.db",
        "hard.db",
        "ledger.db-wal",
        "ledger.db-shm",
        "ledger.db-journal",
    ] {
        for argv in writers(target) {
            let args: Vec<&str> = argv.iter().map(String::as_str).collect();
            let stderr = w.fails(&args);
            assert!(stderr.contains("refusing to write"), "{args:?}: {stderr}");
            assert!(
                stderr.contains("the ledger") || stderr.contains("beside the ledger"),
                "{args:?}: {stderr}"
            );
        }
    }
    drop(holder);
    assert_eq!(w.snapshot_counts(), counts);
    assert!(!w.path().join("ledger.db-journal").exists());
    w.ok(&["verify"]);
    let leftovers: Vec<_> = std::fs::read_dir(w.path())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.contains("partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn no_command_writes_over_the_file_it_reads() {
    let w = demo_with_inputs();
    let rows = std::fs::read(w.path().join("rows.csv")).unwrap();
    let stderr = w.fails(&["import", "rows.csv", "--skip-bad", "./rows.csv"]);
    assert!(stderr.contains("it is the file being read"), "{stderr}");
    assert_eq!(std::fs::read(w.path().join("rows.csv")).unwrap(), rows);
    let article = std::fs::read(w.path().join("article.txt")).unwrap();
    let stderr = w.fails(&["extract", "article.txt", "-o", "article.txt"]);
    assert!(stderr.contains("it is the file being read"), "{stderr}");
    assert_eq!(std::fs::read(w.path().join("article.txt")).unwrap(), article);
}

#[test]
fn a_redirect_into_the_ledger_is_refused() {
    let w = demo_with_inputs();
    let counts = w.snapshot_counts();
    let append = std::fs::OpenOptions::new().append(true).open(w.db()).unwrap();
    let out = w.command(&["export"]).stdout(append).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("standard output is the ledger"), "{stderr}");
    assert_eq!(w.snapshot_counts(), counts);
    w.ok(&["verify"]);
    // `>` into a hard link of the ledger: the shell empties it first, and claims says so
    std::fs::hard_link(w.db(), w.path().join("hard.db")).unwrap();
    let truncate = std::fs::File::create(w.path().join("hard.db")).unwrap();
    let out = w.command(&["man"]).stdout(truncate).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("already emptied") && stderr.contains("claims backup"), "{stderr}");
}

#[test]
fn a_dash_is_standard_output_for_every_stream() {
    let w = demo_with_inputs();
    let csv = w.ok(&["export", "-o", "-"]);
    assert!(csv.starts_with("id,uid,metric"), "{csv}");
    let html = w.ok(&["report", "-o", "-"]);
    assert!(
        html.to_lowercase().starts_with("<!doctype html>") && html.contains("Kursk"),
        "{}",
        &html[..200.min(html.len())]
    );
    let svg = w.ok(&["timeline", "kursk.area-held-by-ukraine", "--chart", "-"]);
    roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{e}: {svg}"));
    assert!(svg.starts_with("<svg"), "the chart alone: {svg}");
    let extracted = w.ok(&["extract", "article.txt", "-o", "-"]);
    assert!(extracted.starts_with("uid,metric,metric_hint,value"), "{extracted}");
    let stderr = w.fails(&["import", "rows.csv", "--skip-bad", "-"]);
    assert!(stderr.contains("--skip-bad needs a file"), "{stderr}");
    assert!(!w.path().join("-").exists());
}

#[test]
fn rejects_go_to_an_existing_folder_whole_and_only_when_the_import_lands() {
    let w = demo_with_inputs();
    let stderr = w.fails(&["import", "rows.csv", "--skip-bad", "missing/rejects.csv"]);
    assert!(stderr.contains("the folder missing does not exist"), "{stderr}");
    w.ok(&["import", "rows.csv", "--skip-bad", "rejects.csv", "--dry-run"]);
    assert!(!w.path().join("rejects.csv").exists(), "a dry run writes nothing");
    let out = w.ok(&["import", "rows.csv", "--skip-bad", "rejects.csv"]);
    assert!(out.contains("1 rejected (written to rejects.csv)"), "{out}");
    let rejects = std::fs::read_to_string(w.path().join("rejects.csv")).unwrap();
    assert!(rejects.starts_with("metric,value,as_of,error\nno.such,5,2024,"), "{rejects}");
    // a rejected row is written as a spreadsheet-safe CSV too
    w.write("formula.csv", "metric,value,as_of,quote\nno.such,5,2024,\"=HYPERLINK(\"\"x\"\")\"\n");
    w.ok(&["import", "formula.csv", "--skip-bad", "formula-rejects.csv"]);
    let rejects = std::fs::read_to_string(w.path().join("formula-rejects.csv")).unwrap();
    assert!(rejects.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{rejects}");
}

#[test]
fn a_failed_write_leaves_no_partial_file() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    std::fs::write(w.path().join("many.csv"), crate::helper::deployed_csv(5_000)).unwrap();
    w.ok(&["import", "many.csv"]);
    // nothing left for SQLite to write on closing the ledger
    let conn = rusqlite::Connection::open(w.db()).unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    drop(conn);
    // a 256 KiB file size limit: the export (over 1 MB) fails part-way
    let base = w.command(&[]);
    let out = Command::new("sh")
        .args([
            "-c",
            "trap '' XFSZ; ulimit -f 256; exec \"$0\" \"$@\"",
            env!("CARGO_BIN_EXE_claims"),
            "export",
            "-o",
            "out.csv",
        ])
        .current_dir(w.path())
        .envs(base.get_envs().filter_map(|(k, v)| Some((k, v?))))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("writing out.csv"), "{stderr}");
    let names: Vec<_> =
        std::fs::read_dir(w.path()).unwrap().filter_map(|e| e.ok()?.file_name().into_string().ok()).collect();
    assert!(!names.iter().any(|n| n == "out.csv" || n.contains("partial")), "{names:?}");
}

#[test]
fn backup_never_lands_on_the_ledgers_wal_or_an_existing_file() {
    let w = demo_with_inputs();
    let holder = rusqlite::Connection::open(w.db()).unwrap();
    holder.query_row("SELECT count(*) FROM claims", [], |r| r.get::<_, i64>(0)).unwrap();
    for target in ["ledger.db-wal", "ledger.db-shm"] {
        let stderr = w.fails(&["backup", target]);
        assert!(stderr.contains("refusing to write"), "{stderr}");
    }
    drop(holder);
    w.ok(&["verify"]);
    w.write("taken.db", "mine");
    let stderr = w.fails(&["backup", "taken.db"]);
    assert!(stderr.contains("exists already"), "{stderr}");
    assert_eq!(std::fs::read_to_string(w.path().join("taken.db")).unwrap(), "mine");
    let out = w.ok(&["backup", "copy.db"]);
    assert!(out.contains("backed up 6 claims to copy.db (verified, head "), "{out}");
    let copy = w.ok(&["--db", "copy.db", "list", "--format", "csv"]);
    assert_eq!(copy, w.ok(&["list", "--format", "csv"]));
}

#[test]
fn of_many_processes_changing_one_claim_exactly_one_wins() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    let claims = w.count("claims");
    let id = w.sql("SELECT id FROM claims WHERE uid = 'demo-dprk-killed-week'");
    let audit = w.count("audit_log");
    let children: Vec<_> = (0..8)
        .map(|i| {
            let args: Vec<String> = if i % 2 == 0 {
                vec!["edit".into(), id.clone(), "--value".into(), format!("more than {}", 1_100 + i)]
            } else {
                vec!["retract".into(), id.clone(), "--reason".into(), format!("withdrawn, try {i}")]
            };
            w.command(&args.iter().map(String::as_str).collect::<Vec<_>>())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outputs: Vec<_> = children.into_iter().map(|c| c.wait_with_output().unwrap()).collect();
    let winners = outputs.iter().filter(|o| o.status.success()).count();
    assert_eq!(winners, 1, "exactly one wins");
    for loser in outputs.iter().filter(|o| !o.status.success()) {
        let stderr = String::from_utf8_lossy(&loser.stderr);
        assert_eq!(loser.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains("was changed meanwhile")
                || stderr.contains("is superseded")
                || stderr.contains("is retracted"),
            "a loser says what happened: {stderr}"
        );
    }
    assert_eq!(w.count("audit_log"), audit + 1, "one status change");
    let added = w.count("claims") - claims;
    let status = w.sql(&format!("SELECT status FROM claims WHERE id = {id}"));
    assert_eq!((status.as_str(), added), if added == 1 { ("superseded", 1) } else { ("retracted", 0) });
    w.ok(&["verify"]);
}

#[test]
fn a_reader_during_a_first_load_is_told_an_import_is_running() {
    let w = Workdir::new();
    w.ok(&["metrics", "add", "dprk-troops.deployed", "--kind", "level", "--unit", "soldiers"]);
    std::fs::write(w.path().join("big.csv"), crate::helper::deployed_csv(150_000)).unwrap();
    let mut import = w.command(&["import", "big.csv"]).stdout(std::process::Stdio::null()).spawn().unwrap();
    let journal = w.path().join("ledger.db-journal");
    let mut told = None;
    // readers are shut out once the load writes to the file; ask until then
    while told.is_none() && import.try_wait().unwrap().is_none() {
        if journal.exists() {
            let run = w.command(&["list"]).env("CLAIMS_BUSY_TIMEOUT_MS", "100").output().unwrap();
            if !run.status.success() {
                told = Some(String::from_utf8_lossy(&run.stderr).into_owned());
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(import.wait().unwrap().success());
    let stderr = told.expect("a reader met the load");
    assert!(stderr.contains("the ledger is busy (an import is running)"), "{stderr}");
    assert!(!stderr.contains("database is locked\n") && stderr.contains("hint:"), "{stderr}");
    assert_eq!(w.count("claims"), 150_000);
}

#[test]
fn a_rejected_row_leaves_nothing_it_declared_behind() {
    let w = Workdir::new();
    w.ok(&["metrics", "add", "dprk-troops.deployed", "--kind", "level", "--unit", "soldiers"]);
    w.write(
        "rows.csv",
        "metric,metric_kind,metric_unit,value,unit,unit_same_as,as_of\n\
         kursk.area-held,level,sq mi,about 380,,,August 2024?\n\
         kursk.area-held,,,about 228,,,2024-12\n\
         dprk-troops.deployed,,,\"up to 12,000\",troops,soldiers,not a date\n\
         dprk-troops.deployed,,,\"about 11,000\",troops,,2024-11\n\
         dprk-troops.deployed,,,\"about 11,000\",soldiers,,2024-11\n",
    );
    let out = w.ok(&["import", "rows.csv", "--skip-bad", "rejects.csv"]);
    assert!(out.contains("1 added") && out.contains("4 rejected"), "{out}");
    assert_eq!(w.count("metrics"), 1, "the metric declared by a rejected row is gone");
    assert_eq!(w.count("unit_aliases"), 0, "so is the alias");
    let rejects = std::fs::read_to_string(w.path().join("rejects.csv")).unwrap();
    let lines: Vec<&str> = rejects.lines().collect();
    assert!(lines[2].contains("kursk.area-held") && lines[2].contains("unknown metric"), "{rejects}");
    assert!(lines[4].contains("troops"), "judged without the undone alias: {rejects}");
    w.ok(&["verify"]);
}
