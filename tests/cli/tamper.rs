//! Tamper evidence: the ledger file changed behind claims' back, with
//! SQLite directly (dropping triggers where they stand in the way), and
//! what `verify` finds; the head kept elsewhere and `verify --since`.

use crate::helper::Workdir;
use rusqlite::Connection;
use std::collections::BTreeMap;

/// Every migration step, as the binary ships them.
const STEPS: &[&str] = &[
    include_str!("../../schema.sql"),
    include_str!("../../migrations/002-report-index.sql"),
    include_str!("../../migrations/003-table-log.sql"),
    include_str!("../../migrations/004-full-row-hash.sql"),
    include_str!("../../migrations/005-less-than.sql"),
    include_str!("../../migrations/006-housekeeping.sql"),
];

/// The columns a claim's row hash covered before version 4.
const SHIPPED_HASHED: &str =
    "uid, metric_id, value, qualifier, best, low, high, unit, as_of, as_of_precision,
    from_date, stated, source_id, document_id, quote, place, note, change_of, share_of, status, reason,
    entered_by, entered_at, batch_id, batch_line";

/// Turns a current ledger into one of an older `version` (1 or 2, before
/// the table log), as an older claims left it: the schema objects of later
/// steps dropped, those a later step changed put back as they were, and
/// the claims hashed as claims hashed them then.
pub fn downgrade(w: &Workdir, version: usize) {
    assert!(version < 3, "a table log cannot be taken back");
    let old = Connection::open_in_memory().unwrap();
    for step in &STEPS[..version] {
        old.execute_batch(step).unwrap();
    }
    let schema = |conn: &Connection| -> BTreeMap<String, (String, Option<String>)> {
        let mut stmt = conn.prepare("SELECT name, type, sql FROM sqlite_schema").unwrap();
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?)))).unwrap();
        rows.map(Result::unwrap).collect()
    };
    let wanted = schema(&old);
    let conn = Connection::open(w.db()).unwrap();
    for kind in ["trigger", "view", "index", "table"] {
        for (name, (_, sql)) in schema(&conn).into_iter().filter(|(_, (k, _))| k == kind) {
            let keep = wanted.get(&name).map(|(_, s)| s);
            if let (Some(Some(old_sql)), "table") = (keep, kind) {
                // a table whose CHECK a later step loosened (step 5) keeps its rows
                if Some(old_sql) != sql.as_ref() {
                    conn.execute_batch("PRAGMA writable_schema = ON").unwrap();
                    conn.execute("UPDATE sqlite_schema SET sql = ?1 WHERE name = ?2", (old_sql, &name))
                        .unwrap();
                    conn.execute_batch("PRAGMA writable_schema = RESET").unwrap();
                }
                continue;
            }
            if keep != Some(&sql) && !name.starts_with("sqlite_") {
                conn.execute_batch(&format!("DROP {kind} IF EXISTS {name}")).unwrap();
                if let Some(Some(sql)) = keep {
                    conn.execute_batch(sql).unwrap();
                }
            }
        }
    }
    rehash_as_shipped(&conn);
    conn.pragma_update(None, "user_version", version as i64).unwrap();
}

/// Writes every claim's row hash as claims before version 4 computed it:
/// the columns of `SHIPPED_HASHED`, status and reason as entered.
fn rehash_as_shipped(conn: &Connection) {
    use rusqlite::types::Value;
    use sha2::{Digest, Sha256};
    let mut entered: std::collections::HashMap<i64, (Value, Value)> = Default::default();
    let mut stmt = conn.prepare("SELECT claim_id, changes FROM audit_log ORDER BY id").unwrap();
    for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))).unwrap() {
        let (claim, changes) = row.unwrap();
        let changes: serde_json::Value = serde_json::from_str(&changes).unwrap();
        let text = |v: &serde_json::Value| v.as_str().map_or(Value::Null, |t| Value::Text(t.into()));
        entered.entry(claim).or_insert((text(&changes["status"][0]), text(&changes["reason"][0])));
    }
    let sql = format!("SELECT {SHIPPED_HASHED}, id FROM claims ORDER BY id");
    let mut stmt = conn.prepare(&sql).unwrap();
    let mut hashes = Vec::new();
    let mut previous: Vec<u8> = Vec::new();
    for row in
        stmt.query_map([], |r| (0..26).map(|i| r.get::<_, Value>(i)).collect::<Result<Vec<_>, _>>()).unwrap()
    {
        let mut values = row.unwrap();
        let Some(Value::Integer(id)) = values.pop() else { unreachable!() };
        if let Some((status, reason)) = entered.get(&id) {
            (values[19], values[20]) = (status.clone(), reason.clone());
        }
        let mut hasher = Sha256::new();
        hasher.update(&previous);
        for value in &values {
            match value {
                Value::Null => hasher.update(b"\x00N"),
                Value::Integer(i) => hasher.update(format!("\x00I{i}")),
                Value::Real(f) => hasher.update(format!("\x00R{f:?}")),
                Value::Text(t) => hasher.update([b"\x00T", t.as_bytes()].concat()),
                Value::Blob(b) => hasher.update([b"\x00B", &b[..]].concat()),
            }
        }
        previous = hasher.finalize().to_vec();
        hashes.push((id, previous.clone()));
    }
    let fixed: String = conn
        .query_row("SELECT sql FROM sqlite_schema WHERE name = 'claims_content_fixed'", [], |r| r.get(0))
        .unwrap();
    conn.execute_batch("DROP TRIGGER claims_content_fixed").unwrap();
    for (id, hash) in hashes {
        conn.execute("UPDATE claims SET row_hash = ?1 WHERE id = ?2", rusqlite::params![hash, id]).unwrap();
    }
    conn.execute_batch(&fixed).unwrap();
}

/// Runs `sql` on the ledger as a tool other than claims would, foreign
/// keys unchecked.
fn tamper(w: &Workdir, sql: &str) {
    let conn = Connection::open(w.db()).unwrap();
    conn.pragma_update(None, "foreign_keys", false).unwrap();
    conn.execute_batch(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
}

/// As `tamper`, by a careful tool: every trigger it drops is put back.
fn tamper_quietly(w: &Workdir, sql: &str) {
    let conn = Connection::open(w.db()).unwrap();
    let mut stmt = conn.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'").unwrap();
    let triggers: Vec<(String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
    drop(stmt);
    tamper(w, sql);
    for (name, sql) in triggers {
        let exists: bool = conn
            .query_row("SELECT count(*) FROM sqlite_schema WHERE name = ?1", [&name], |r| r.get(0))
            .unwrap();
        if !exists {
            conn.execute_batch(&sql).unwrap();
        }
    }
}

/// `verify` fails with exit 1; returns what it printed.
fn verify_finds(w: &Workdir, args: &[&str]) -> String {
    let mut argv = vec!["verify"];
    argv.extend_from_slice(args);
    let run = w.run(&argv);
    assert_eq!(run.code(), 1, "verify should find problems\n{}\n{}", run.stdout(), run.stderr());
    assert!(run.stderr().starts_with("claims: verify found"), "{}", run.stderr());
    run.stdout()
}

/// The head `verify` prints on a ledger that verifies.
fn head(w: &Workdir) -> String {
    let out = w.ok(&["verify"]);
    let line =
        out.lines().find_map(|l| l.strip_prefix("head ")).unwrap_or_else(|| panic!("no head in\n{out}"));
    assert!(
        line.ends_with(" (keep it elsewhere: `claims verify --since HEAD` checks this history)"),
        "{line}"
    );
    line.split(' ').next().unwrap().to_string()
}

/// The demo, with an import of two claims and a retraction: every table
/// but merged history has rows.
fn ledger() -> Workdir {
    let w = Workdir::new();
    w.ok(&["demo"]);
    w.write(
        "deployed.csv",
        "metric,value,as_of,source,doc_url\n\
         dprk-troops.deployed,\"about 11,000\",2024-11-04,Pentagon,https://example.org/pentagon-briefing\n\
         dprk-troops.deployed,\"up to 12,000\",2024-10,Ukrainian intelligence,\n",
    );
    w.ok(&["import", "deployed.csv"]);
    w.ok(&["retract", "3", "--reason", "withdrawn by its source"]);
    w
}

#[test]
fn verify_covers_every_table_and_the_schema() {
    let cases: &[(&str, &[&str])] = &[
        (
            "DROP TRIGGER metrics_logged_update; DROP TRIGGER metrics_changed; UPDATE metrics SET unit = 'km²' WHERE id = 1;",
            &["metrics row 1 was changed outside claims", "trigger metrics_logged_update is missing"],
        ),
        (
            "DROP TRIGGER sources_logged_update; DROP TRIGGER sources_changed; UPDATE sources SET affiliation = 'Kremlin' WHERE id = 3;",
            &["sources row 3 was changed outside claims"],
        ),
        (
            "DROP TRIGGER documents_never_deleted; DELETE FROM documents WHERE id = 2;",
            &["documents row 2 was removed outside claims", "claims row 7 points at a missing documents row"],
        ),
        (
            "DROP TRIGGER unit_aliases_logged_insert; INSERT INTO unit_aliases VALUES ('tanks', 'soldiers');",
            &["unit alias \"tanks\" was added outside claims"],
        ),
        (
            "DROP TRIGGER import_batches_logged_update; UPDATE import_batches SET file_name = 'other.csv';",
            &["import_batches row 1 was changed outside claims"],
        ),
        (
            "DROP TRIGGER merged_history_logged_insert;
             INSERT INTO merged_history (ledger, claim_uid, changes, at) VALUES ('x.db', 'demo-kursk-area-aug', '{}', '2024-12-30');",
            &["merged_history row 1 was added outside claims"],
        ),
        (
            "DROP TRIGGER table_log_fixed; UPDATE table_log SET at = '2020-01-01' WHERE id = 4;",
            &["table log entry 4 was changed, or an entry before it removed, outside claims"],
        ),
        ("DROP TRIGGER claims_never_deleted;", &["trigger claims_never_deleted is missing"]),
        (
            "CREATE VIEW claims_clean AS SELECT * FROM claims WHERE status = 'active';",
            &["view claims_clean is not one claims creates"],
        ),
        (
            "CREATE TRIGGER quietly AFTER INSERT ON claims BEGIN SELECT 1; END;",
            &["trigger quietly is not one claims creates"],
        ),
        (
            "DROP TRIGGER audit_log_fixed; CREATE TRIGGER audit_log_fixed BEFORE UPDATE ON audit_log BEGIN SELECT 1; END;",
            &["trigger audit_log_fixed differs from the one claims creates"],
        ),
        (
            "DROP TRIGGER claims_content_fixed; UPDATE claims SET as_of_start = '2024-08-20' WHERE id = 2;",
            &["claim 2 was changed outside claims: its as_of_start is 2024-08-20, but its dates say 2024-08-01"],
        ),
        (
            "DROP TRIGGER claims_content_fixed; UPDATE claims SET as_of_precision = 'day', as_of_end = as_of_start WHERE id = 1;",
            &["claim 1 was changed outside claims: its as_of_precision is day, but its dates say month"],
        ),
        (
            "DROP TRIGGER claims_content_fixed; UPDATE claims SET from_start = '2024-12-01' WHERE from_start IS NOT NULL;",
            &["claim 3 was changed outside claims: its from_start is 2024-12-01, but its dates say 2024-12-21"],
        ),
        (
            "DROP TRIGGER claims_content_fixed; UPDATE claims SET content_hash = x'00' WHERE id = 5;",
            &["claim 5 was changed outside claims: its content_hash is not a 16-byte hash"],
        ),
    ];
    for (sql, expected) in cases {
        let w = ledger();
        w.ok(&["verify"]);
        tamper(&w, sql);
        let out = verify_finds(&w, &[]);
        for expected in *expected {
            assert!(out.contains(expected), "{sql}\nexpected {expected:?} in\n{out}");
        }
    }
}

#[test]
fn removing_the_newest_claims_of_an_import_is_found() {
    let w = ledger();
    tamper(&w, "DROP TRIGGER claims_never_deleted; DELETE FROM claims WHERE id = 8;");
    let out = verify_finds(&w, &[]);
    assert!(
        out.contains("import batch 1 added 2 claims, but the ledger holds 1 of them"),
        "the chain cannot see its newest link go, the batch can:\n{out}"
    );
}

#[test]
fn removing_the_newest_correction_leaves_pointers_at_nothing() {
    let w = ledger();
    w.ok(&["edit", "2", "--value", "about 390 square miles"]);
    tamper_quietly(&w, "DROP TRIGGER claims_never_deleted; DELETE FROM claims WHERE id = 9;");
    let out = verify_finds(&w, &[]);
    assert!(out.contains("claims row 2 points at a missing claims row"), "its superseded_by:\n{out}");
}

#[test]
fn undoing_a_retraction_is_found_once_the_table_log_counted_it() {
    let w = ledger();
    // a new source after the retraction: the table log counts the audit entry
    w.ok(&[
        "add",
        "--metric",
        "dprk-troops.deployed",
        "--value",
        "11,000",
        "--as-of",
        "2024-11",
        "--source",
        "NIS",
    ]);
    tamper(
        &w,
        "DROP TRIGGER audit_log_never_deleted; DROP TRIGGER claims_audit_update;
         DELETE FROM audit_log; UPDATE claims SET status = 'active', reason = NULL WHERE id = 3;",
    );
    let out = verify_finds(&w, &[]);
    assert!(out.contains("the table log saw 1 audit entries, the ledger holds 0"), "{out}");
}

#[test]
fn a_kept_head_catches_what_the_ledger_alone_cannot() {
    let w = ledger();
    w.ok(&["edit", "2", "--value", "about 390 square miles"]);
    let kept = head(&w);
    assert!(kept.ends_with(":c9:a2:t18"), "9 claims, the retraction and the edit, 18 logged rows: {kept}");
    // undo the newest edit: its claim, its audit entry, the old claim's status
    tamper_quietly(
        &w,
        "DROP TRIGGER claims_never_deleted; DROP TRIGGER audit_log_never_deleted; DROP TRIGGER claims_audit_update;
         DELETE FROM claims WHERE id = 9; DELETE FROM audit_log WHERE id = 2;
         UPDATE claims SET status = 'active', superseded_by = NULL WHERE id = 2;",
    );
    // nothing in the ledger itself remembers the newest edit: only the head
    w.ok(&["verify"]);
    let out = verify_finds(&w, &["--since", &kept]);
    assert!(
        out.contains(&format!("the head {kept} counts 9 claims, the ledger holds 8: claims were removed")),
        "{out}"
    );
    assert!(out.contains("counts 2 audit entries, the ledger holds 1"), "{out}");
}

#[test]
fn a_ledger_rewritten_with_every_hash_recomputed_still_breaks_a_kept_head() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    let kept = head(&w);
    w.ok(&[
        "add",
        "--metric",
        "dprk-troops.deployed",
        "--value",
        "11,000",
        "--as-of",
        "2024-11",
        "--source",
        "NIS",
    ]);
    let out = w.ok(&["verify", "--since", &kept]);
    assert!(out.contains(" since head "), "a ledger that grew still extends its head:\n{out}");

    // the same figures entered again by someone else: every hash is valid,
    // so the forged ledger verifies on its own, but not against the head
    let forged = Workdir::new();
    let run = forged.command(&["demo"]).env("CLAIMS_USER", "forger").output().unwrap();
    assert!(run.status.success());
    forged.ok(&["verify"]);
    let out = verify_finds(&forged, &["--since", &kept]);
    assert!(
        out.contains(&format!(
            "the ledger's first 6 claims, 0 audit entries and 13 table log entries no longer hash to {}",
            &kept[..16]
        )),
        "{out}"
    );
}

#[test]
fn a_bad_head_is_an_error_with_a_hint() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    let stderr = w.fails(&["verify", "--since", "3f9a0c1d:c6"]);
    assert!(stderr.contains("--since: cannot read the head \"3f9a0c1d:c6\": it has four parts"), "{stderr}");
    assert!(stderr.contains("hint: a head looks like 3f9a0c1d2e3b4a59:c1204:a17:t38"), "{stderr}");
}

#[test]
fn verify_backup_and_export_print_the_same_head() {
    let w = ledger();
    let kept = head(&w);
    let json = w.json(&["verify"]);
    assert_eq!(json["head"], kept.as_str(), "{json:#}");
    assert_eq!(json["ok"], true);
    assert_eq!(
        w.ok(&["backup", "copy.db"]),
        format!("backed up 8 claims to copy.db (verified, head {kept})\n")
    );
    let run = w.run(&["export", "-o", "all.csv"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert_eq!(run.stderr(), format!("exported 8 claims to all.csv (head {kept})\n"));
}

#[test]
fn text_damaged_into_invalid_utf8_names_the_claim_or_entry() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    tamper(
        &w,
        "DROP TRIGGER claims_content_fixed; UPDATE claims SET quote = CAST(x'c328' AS TEXT) WHERE id = 2;",
    );
    let out = verify_finds(&w, &[]);
    assert!(out.contains("claim 2: its quote is not valid UTF-8 text"), "{out}");

    let w = Workdir::new();
    w.ok(&["demo"]);
    w.ok(&["retract", "3", "--reason", "withdrawn"]);
    tamper(&w, "DROP TRIGGER audit_log_fixed; UPDATE audit_log SET changes = CAST(x'7bff7d' AS TEXT);");
    let out = verify_finds(&w, &[]);
    assert!(
        out.contains("audit entry 1 was changed, or an entry before it removed, outside claims"),
        "{out}"
    );
    assert!(out.contains("claim 3 was changed outside claims"), "its status no longer replays:\n{out}");
}

#[test]
fn a_damaged_file_names_itself_and_the_first_claim_it_cannot_read() {
    let w = Workdir::new();
    w.kursk_metrics();
    w.write("deployed.csv", crate::helper::deployed_csv(3000));
    w.ok(&["import", "deployed.csv"]);
    let conn = Connection::open(w.db()).unwrap();
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).unwrap();
    let size: usize = conn.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap();
    let root: usize =
        conn.query_row("SELECT rootpage FROM sqlite_schema WHERE name = 'claims'", [], |r| r.get(0)).unwrap();
    drop(conn);
    // the claims b-tree's root points at its leaves in id order: garble the
    // second one, so that the first claims read and the rest do not
    let mut bytes = std::fs::read(w.db()).unwrap();
    let page = &bytes[(root - 1) * size..root * size];
    assert_eq!(page[0], 5, "an interior page of a table b-tree");
    let cell = u16::from_be_bytes([page[14], page[15]]) as usize;
    let child = u32::from_be_bytes(page[cell..cell + 4].try_into().unwrap()) as usize;
    bytes[(child - 1) * size..child * size].fill(0x5a);
    std::fs::write(w.db(), &bytes).unwrap();

    let run = w.run(&["verify"]);
    assert_eq!(run.code(), 1, "{}\n{}", run.stdout(), run.stderr());
    let out = run.stdout();
    assert!(!run.stderr().contains("panicked"), "{}", run.stderr());
    let db = w.db().display().to_string();
    let first = out
        .split(&format!("{db}: claim "))
        .nth(1)
        .and_then(|rest| {
            rest.split_once(" and those after it cannot be read: database disk image is malformed")
        })
        .map(|(id, _)| id.parse::<i64>().unwrap())
        .unwrap_or_else(|| panic!("the file and the first claim it cannot read:\n{out}"));
    assert!(first > 1, "the claims before the garbled page were read: {first}");
    assert!(out.contains("restore it from a backup"), "{out}");
}

#[test]
fn a_ledger_of_version_2_is_migrated_with_its_rows_logged_once_and_its_claims_committed_to() {
    let w = ledger();
    downgrade(&w, 2);
    assert_eq!(w.sql("SELECT count(*) FROM sqlite_schema WHERE name = 'table_log'"), "0");
    let out = w.ok(&["verify"]);
    assert_eq!(w.sql("PRAGMA user_version"), claims::ledger::VERSION.to_string());
    assert!(out.contains("verified: 8 claims"), "{out}");
    let rows =
        "(SELECT count(*) FROM metrics) + (SELECT count(*) FROM sources) + (SELECT count(*) FROM documents)
        + (SELECT count(*) FROM unit_aliases) + (SELECT count(*) FROM import_batches) + 2";
    assert_eq!(w.sql(&format!("SELECT count(*) = {rows} FROM table_log")), "1", "each row logged once");
    assert_eq!(w.sql("SELECT value FROM ledger_facts WHERE name = 'full_row_hash_from'"), "9");
    w.ok(&["add", "--metric", "dprk-troops.deployed", "--value", "11,000", "--as-of", "2024-11"]);
    w.ok(&["verify"]);

    // the claims before version 4: their content hashes were committed to
    let old = w.path().join("old.db");
    std::fs::copy(w.db(), &old).unwrap();
    tamper(&w, "DROP TRIGGER sources_logged_update; DROP TRIGGER sources_changed; UPDATE sources SET name = 'Someone' WHERE id = 1;");
    assert!(verify_finds(&w, &[]).contains("sources row 1 was changed outside claims"));
    std::fs::copy(&old, w.db()).unwrap();
    tamper(
        &w,
        "DROP TRIGGER claims_content_fixed; UPDATE claims SET content_hash = x'000102030405060708090a0b0c0d0e0f' WHERE id = 4;",
    );
    let out = verify_finds(&w, &[]);
    assert!(
        out.contains("the content hashes of claims 1 to 8 differ from those recorded at version 4"),
        "{out}"
    );
    // and a claim entered since hashes every column
    std::fs::copy(&old, w.db()).unwrap();
    tamper(
        &w,
        "DROP TRIGGER claims_content_fixed; UPDATE claims SET content_hash = x'000102030405060708090a0b0c0d0e0f' WHERE id = 9;",
    );
    assert!(verify_finds(&w, &[]).contains("claim 9 was changed outside claims"));
}

#[test]
fn an_older_ledger_on_read_only_media_verifies_without_its_table_log() {
    let w = Workdir::new();
    let shelf = w.path().join("shelf");
    std::fs::create_dir(&shelf).unwrap();
    let db = shelf.join("other.db");
    let db_arg = db.to_str().unwrap();
    let other = Workdir::new();
    other.ok(&["demo"]);
    downgrade(&other, 2);
    let conn = Connection::open(other.db()).unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    drop(conn);
    std::fs::copy(other.db(), &db).unwrap();
    let before = std::fs::read(&db).unwrap();
    let out = crate::safety::in_read_only_folder(&w, &shelf, &["--db", db_arg, "verify"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("table log (not available before ledger version 3)   true"), "{stdout}");
    assert!(stdout.contains(":c6:a0:t0 (keep it elsewhere"), "a head without a table log: {stdout}");
    assert_eq!(std::fs::read(&db).unwrap(), before, "never migrated, never written");
}

#[test]
fn a_truncated_file_is_named_and_said_to_be_unreadable() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    let conn = Connection::open(w.db()).unwrap();
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).unwrap();
    let page: u64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap();
    drop(conn);
    // the last page cut off
    let size = std::fs::metadata(w.db()).unwrap().len();
    std::fs::OpenOptions::new().write(true).open(w.db()).unwrap().set_len(size - page).unwrap();
    let stderr = w.fails(&["verify"]);
    let expected = format!(
        "claims: {} is damaged: SQLite cannot read its header or schema, so none of its claims can be checked",
        w.db().display()
    );
    assert!(stderr.starts_with(&expected), "{stderr}");
    assert!(stderr.contains("hint: restore it from a backup"), "{stderr}");
}

#[test]
fn a_table_log_kept_in_hex_keeps_its_head_when_its_hashes_become_bytes() {
    // tests/data/ledger-v3.sqlite: its table log holds hashes as hex text,
    // each entry also holding its predecessor's
    let w = Workdir::new();
    let shelf = w.path().join("shelf");
    std::fs::create_dir(&shelf).unwrap();
    let old = shelf.join("old.db");
    std::fs::copy(w.path().join(w.data("ledger-v3.sqlite")), &old).unwrap();
    let out = crate::safety::in_read_only_folder(&w, &shelf, &["--db", old.to_str().unwrap(), "verify"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    let head = stdout
        .split_once("head ")
        .and_then(|(_, rest)| rest.split_once(' '))
        .map(|(head, _)| head.to_string())
        .unwrap_or_else(|| panic!("a head: {stdout}"));

    std::fs::copy(&old, w.db()).unwrap();
    let out = w.ok(&["verify", "--since", &head]);
    assert!(
        out.contains("since head         true"),
        "the history before the upgrade still hashes to its head: {out}"
    );
    assert_eq!(w.sql("PRAGMA user_version"), claims::ledger::VERSION.to_string());
    assert_eq!(
        w.sql("SELECT count(*) FROM table_log WHERE typeof(hash) <> 'blob' OR length(hash) <> 32"),
        "0"
    );
    w.ok(&["sources", "edit", "John Kirby", "--affiliation", "U.S. National Security Council"]);
    w.ok(&["verify", "--since", &head]);
    tamper(&w, "DROP TRIGGER table_log_fixed; UPDATE table_log SET hash = zeroblob(32) WHERE id = 3;");
    let found = verify_finds(&w, &[]);
    assert!(
        found.contains("table log entry 3 was changed, or an entry before it removed, outside claims"),
        "{found}"
    );
}
