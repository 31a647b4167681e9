//! `claims import`: real-looking files in, bad files refused whole, with
//! every bad row named by line and column.

use crate::helper::Workdir;

fn kursk() -> Workdir {
    let w = Workdir::new();
    w.kursk_metrics();
    w
}

/// An import that must fail: exit code 2, and the ledger as it was.
fn refused(w: &Workdir, args: &[&str]) -> String {
    let before = w.snapshot_counts();
    let stderr = w.fails(args);
    assert_eq!(w.snapshot_counts(), before, "a failed import wrote something: {args:?}");
    assert_eq!(w.count("import_batches"), 0, "a failed import leaves no batch");
    stderr
}

#[test]
fn quoted_commas_newlines_and_cyrillic_survive() {
    let w = kursk();
    let file = w.data("quoted_commas_newlines.csv");
    assert_eq!(
        w.ok(&["import", &file]),
        "imported quoted_commas_newlines.csv: 4 rows, 4 added, 0 already present (batch 1)\n"
    );
    let claims = w.json(&["list", "--source", "Oleksandr Syrskyi"]);
    assert_eq!(
        claims[0]["quote"],
        "\"We control about 1,000 square kilometres,\" he said.\n\"The operation continues.\""
    );
    assert_eq!(claims[0]["place"], "Курская область");
    assert_eq!(claims[0]["unit"], "km²");
    assert_eq!(claims[1]["figure"]["best"], 1121.6);
    let range = &w.json(&["list", "--metric", "dprk-troops.killed-or-wounded"])[0];
    assert_eq!(
        (
            range["figure"]["qualifier"].as_str(),
            range["figure"]["low"].as_i64(),
            range["figure"]["high"].as_i64()
        ),
        (Some("range"), Some(3000), Some(5000))
    );
    assert_eq!(range["place"], "Суджа");
}

#[test]
fn provenance_names_the_file_and_line() {
    let w = kursk();
    let file = w.data("quoted_commas_newlines.csv");
    w.ok(&["import", &file]);
    // the second record starts on line 4: the first one's quote spans lines 2-3
    let shown = w.json(&["show", "2"]);
    assert_eq!(shown["imported_from"], "quoted_commas_newlines.csv:4");
    let sha = w.sql("SELECT sha256 FROM import_batches");
    let bytes = std::fs::read(w.path().join(&file)).unwrap();
    use sha2::Digest;
    let expected: String = sha2::Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(sha, expected);
    assert_eq!(
        w.sql("SELECT file_size || ' ' || rows_read || ' ' || rows_added FROM import_batches"),
        format!("{} 4 4", bytes.len())
    );
}

#[test]
fn importing_the_same_file_twice_adds_nothing() {
    let w = kursk();
    let file = w.data("quoted_commas_newlines.csv");
    w.ok(&["import", &file]);
    assert_eq!(
        w.ok(&["import", &file]),
        "imported quoted_commas_newlines.csv: 4 rows, 0 added, 4 already present (batch 2)\n"
    );
    assert_eq!(w.count("claims"), 4);
}

#[test]
fn dates_written_as_people_write_them_are_present_on_a_second_import() {
    let w = kursk();
    // the stored day is ISO; the file says it another way each time
    w.write(
        "written.csv",
        "metric,value,as_of,stated,source,doc_url,published\n\
         kursk.area-held-by-ukraine,about 1376 km²,6 Aug 2024,\"August 12, 2024\",Ukrainian General Staff,https://example.org/a,12 August 2024\n\
         kursk.area-held-by-ukraine,about 800 km²,2024-11-20,20 Nov 2024,ISW,,\n",
    );
    w.ok(&["import", "written.csv"]);
    assert_eq!(w.sql("SELECT group_concat(as_of, ' ') FROM claims"), "2024-08-06 2024-11-20");
    assert_eq!(
        w.ok(&["import", "written.csv"]),
        "imported written.csv: 2 rows, 0 added, 2 already present (batch 2)\n"
    );
    assert_eq!(w.count("claims"), 2);
}

/// The indexes a first import builds after its rows are in.
fn report_indexes(w: &Workdir) -> String {
    w.sql(
        "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_schema
         WHERE name IN ('claims_by_metric_date', 'claims_by_source') ORDER BY name)",
    )
}

#[test]
fn a_first_import_still_finds_rows_repeated_in_the_file() {
    let w = kursk();
    let mut csv = crate::helper::deployed_csv(3000);
    csv.push_str("dprk-troops.deployed,\"1500\",2024-01-25,Source 3\n"); // row 501 again
    csv.push_str("dprk-troops.deployed,\"2999\",2024-01-04,Source 1\n"); // new: another source
    w.write("repeats.csv", csv);
    assert_eq!(
        w.ok(&["import", "repeats.csv"]),
        "imported repeats.csv: 3002 rows, 3001 added, 1 already present (batch 1)\n"
    );
    assert_eq!(report_indexes(&w), "claims_by_metric_date claims_by_source");
    assert_eq!(w.sql("PRAGMA journal_mode"), "wal", "the ledger is back in WAL after the load");
    assert_eq!(
        w.ok(&["import", "repeats.csv"]),
        "imported repeats.csv: 3002 rows, 0 added, 3002 already present (batch 2)\n"
    );
    assert_eq!(w.count("claims"), 3001);
    w.ok(&["verify"]);
    // ids are shown as they are typed back, without thousands separators
    let timeline = w.ok(&["timeline", "dprk-troops.deployed"]);
    assert!(timeline.lines().any(|l| l.starts_with(" 3001   2024-01-04 ")), "{timeline}");
    assert!(w.ok(&["list"]).lines().any(|l| l.starts_with(" 3001   2024-01-04 ")));
}

#[test]
fn a_failed_first_import_leaves_the_indexes_in_place() {
    let w = kursk();
    let mut csv = crate::helper::deployed_csv(2000);
    csv.push_str("dprk-troops.deployed,a few,2024-01-02,Source 1\n");
    w.write("bad_last.csv", csv);
    refused(&w, &["import", "bad_last.csv"]);
    assert_eq!(report_indexes(&w), "claims_by_metric_date claims_by_source");
    assert_eq!(w.sql("PRAGMA journal_mode"), "wal", "the failed load put WAL back too");
    w.ok(&["import", "bad_last.csv", "--dry-run", "--skip-bad", "rejects.csv"]);
    assert_eq!(report_indexes(&w), "claims_by_metric_date claims_by_source");
}

#[test]
fn bom_crlf_semicolons_and_stdin_are_read() {
    let w = kursk();
    let file = w.data("bom_crlf.csv");
    w.ok(&["import", &file]);
    let claims = w.json(&["list"]);
    assert_eq!(claims[0]["metric"], "dprk-troops.deployed", "the BOM is not part of the first header");
    assert_eq!(claims[1]["quote"], "about 11,000, the Pentagon said", "no stray carriage return");

    let file = w.data("semicolons.csv");
    w.ok(&["import", &file]);
    assert_eq!(w.json(&["list", "--source", "Oleksandr Syrskyi"])[0]["place"], "Kursk, Russia");

    let csv = "metric,value,as_of\ndprk-troops.killed-weekly,over 1000,2024-12-27\n";
    let run = w.run_with_stdin(&["import", "-"], csv.as_bytes());
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert_eq!(run.stdout(), "imported stdin: 1 row, 1 added, 0 already present (batch 3)\n");
}

#[test]
fn latin1_needs_its_encoding_and_is_never_mojibake() {
    let w = kursk();
    let file = w.data("latin1.csv");
    let stderr = refused(&w, &["import", &file]);
    assert!(stderr.contains("latin1.csv:2:2: not valid UTF-8"), "{stderr}");
    assert!(stderr.contains("--encoding windows-1252"), "{stderr}");
    w.ok(&["import", &file, "--encoding", "latin-1"]);
    let claim = &w.json(&["list"])[0];
    assert_eq!(claim["place"], "Soudja, région de Koursk");
    assert_eq!(claim["unit"], "km²");
}

#[test]
fn utf16_with_a_bom_is_read() {
    let w = kursk();
    let text = "metric,value,as_of,place\ndprk-troops.deployed,\"up to 12,000\",2024-10,Курськ\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
    w.write("utf16.csv", bytes);
    w.ok(&["import", "utf16.csv"]);
    assert_eq!(w.json(&["list"])[0]["place"], "Курськ");
}

#[test]
fn every_bad_row_is_named_and_nothing_is_written() {
    let w = kursk();
    let file = w.data("bad_figure.csv");
    let stderr = refused(&w, &["import", &file]);
    insta::assert_snapshot!(stderr);

    let file = w.data("bad_dates.csv");
    let stderr = refused(&w, &["import", &file]);
    assert!(stderr.contains("bad_dates.csv: nothing imported: 2 bad rows of 3"), "{stderr}");
    assert!(stderr.contains("bad_dates.csv:2:3 (as_of): \"2024-02-30\" is not a real date"), "{stderr}");
    assert!(
        stderr.contains("bad_dates.csv:4:3 (as_of): \"2027-03-01\" is in the future (today is 2026-11-25)"),
        "{stderr}"
    );
}

#[test]
fn lines_count_the_lines_inside_quotes() {
    let w = kursk();
    let file = w.data("bad_after_multiline.csv");
    let stderr = refused(&w, &["import", &file]);
    assert!(
        stderr.contains("bad_after_multiline.csv:5:2 (value): cannot read the figure \"lots\""),
        "{stderr}"
    );
}

#[test]
fn broken_files_are_refused_with_what_is_wrong() {
    let w = kursk();
    let cases: &[(&str, &str)] = &[
        ("missing_column.csv", "missing_column.csv:1: missing required columns: as_of"),
        ("header_only.csv", "header_only.csv has a header but no rows"),
        ("empty.csv", "empty.csv is empty"),
        ("ragged.csv", "ragged.csv:3:5: the row has 6 fields, the header has 4"),
        ("low_above_high.csv", "low_above_high.csv:2:2 (value): cannot read the figure \"5,000–3,000\": the low end of the range is above the high end"),
        ("unknown_columns.csv", "unknown_columns.csv:1: unknown columns: Reporter, Confidence"),
    ];
    for (name, expected) in cases {
        let file = w.data(name);
        let stderr = refused(&w, &["import", &file]);
        assert!(stderr.contains(expected), "{name}: expected {expected:?} in\n{stderr}");
    }
    let stderr = refused(&w, &["import", "no-such-file.csv"]);
    assert!(stderr.contains("cannot open no-such-file.csv"), "{stderr}");
}

#[test]
fn headers_are_matched_by_alias_and_map() {
    let w = kursk();
    let file = w.data("spreadsheet_export.csv");
    let stderr = refused(&w, &["import", &file]);
    assert!(stderr.contains("unknown columns: Reporter"), "aliases cover the rest: {stderr}");
    w.ok(&["import", &file, "--map", "Reporter=entered_by"]);
    let claim = &w.json(&["list"])[0];
    assert_eq!(claim["source"], "Government of Ukraine");
    assert_eq!(claim["doc_url"], "https://example.org/kyiv");
    assert_eq!(claim["entered_by"], "A. Smith");

    let w = kursk();
    let file = w.data("unknown_columns.csv");
    w.ok(&["import", &file, "--ignore-unknown"]);
    assert_eq!(w.count("claims"), 1);
    let stderr = w.fails(&["import", &file, "--map", "Reporter"]);
    assert!(stderr.contains("cannot read --map Reporter"), "{stderr}");
}

#[test]
fn dry_run_checks_everything_and_writes_nothing() {
    let w = kursk();
    let file = w.data("quoted_commas_newlines.csv");
    let out = w.ok(&["import", &file, "--dry-run"]);
    assert_eq!(out, "dry run of quoted_commas_newlines.csv: 4 rows, 4 would be added, 0 already present; nothing written\n");
    assert_eq!(w.count("claims"), 0);
    assert_eq!(w.count("import_batches"), 0);
    let file = w.data("bad_figure.csv");
    let stderr = refused(&w, &["import", &file, "--dry-run"]);
    assert!(stderr.contains("bad_figure.csv:3:2 (value)"), "{stderr}");
}

#[test]
fn skip_bad_imports_the_good_rows_and_sets_the_bad_aside() {
    let w = kursk();
    let file = w.data("bad_figure.csv");
    let out = w.ok(&["import", &file, "--skip-bad", "rejects.csv"]);
    assert_eq!(out, "imported bad_figure.csv: 3 rows, 2 added, 0 already present, 1 rejected (written to rejects.csv) (batch 1)\n");
    assert_eq!(w.count("claims"), 2);
    let rejects = std::fs::read_to_string(w.path().join("rejects.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(rejects.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["metric", "value", "as_of", "source", "error"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][1], "dozens");
    assert!(
        rows[0][4].starts_with("bad_figure.csv:3:2 (value): cannot read the figure \"dozens\""),
        "{:?}",
        &rows[0][4]
    );
    assert_eq!(w.count("sources"), 2, "the rejected row's source was not added");
}

#[test]
fn unknown_metrics_need_an_explicit_declaration() {
    let w = Workdir::new();
    let csv = "metric,value,unit,as_of\nukraine.drones-downed,\"more than 60\",drones,2024-12-27\n";
    w.write("drones.csv", csv);
    let stderr = refused(&w, &["import", "drones.csv"]);
    assert!(stderr.contains("drones.csv:2:1 (metric): unknown metric \"ukraine.drones-downed\""), "{stderr}");
    w.ok(&["import", "drones.csv", "--new-metrics", "period"]);
    let metric = &w.json(&["metrics"])[0];
    assert_eq!(
        (metric["key"].as_str(), metric["kind"].as_str(), metric["unit"].as_str()),
        (Some("ukraine.drones-downed"), Some("period"), Some("drones"))
    );
}

#[test]
fn a_known_uid_with_other_content_is_an_error_that_shows_the_difference() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    let export = w.ok(&["export"]);
    let changed = export.replace("about 380 square miles", "about 400 square miles");
    w.write("changed.csv", changed);
    let stderr = refused(&w, &["import", "changed.csv"]);
    assert!(stderr.contains("changed.csv:3:2 (uid): claim 2 (uid demo-kursk-area-aug) is already in the ledger with other content: value \"about 380 square miles\" here, \"about 400 square miles\" in the file"), "{stderr}");
    assert!(stderr.contains("hint: corrections are new claims"), "{stderr}");
}

#[test]
fn a_bad_row_at_the_end_of_a_large_file_stops_it_all() {
    let w = kursk();
    let mut csv = String::from("metric,value,as_of,source,quote\n");
    for i in 0..100_000u32 {
        let day = 1 + i % 28;
        csv.push_str(&format!(
            "dprk-troops.deployed,\"about {},{:03}\",2024-02-{day:02},Source {},\"row {i}, as reported\"\n",
            10 + i % 50,
            i % 1000,
            i % 40
        ));
    }
    csv.push_str("dprk-troops.deployed,about 12 000,2024-03-01,Source 1,last row\n");
    w.write("large.csv", csv);
    let stderr = refused(&w, &["import", "large.csv"]);
    assert!(stderr.contains("large.csv: nothing imported: 1 bad row of 100001"), "{stderr}");
    assert!(
        stderr.contains("large.csv:100002:2 (value): cannot read the figure \"about 12 000\""),
        "{stderr}"
    );
}

#[test]
fn errors_are_capped_with_a_count_of_the_rest() {
    let w = kursk();
    let mut csv = String::from("metric,value,as_of\n");
    for _ in 0..30 {
        csv.push_str("dprk-troops.deployed,several,2024-10\n");
    }
    w.write("many_bad.csv", csv);
    let stderr = refused(&w, &["import", "many_bad.csv", "--max-errors", "5"]);
    assert_eq!(stderr.matches("cannot read the figure").count(), 5, "{stderr}");
    assert!(stderr.contains("... and 25 more"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn an_import_killed_midway_leaves_all_or_nothing() {
    let w = kursk();
    let rows = 150_000u32;
    w.write("big.csv", crate::helper::deployed_csv(rows));
    for delay_ms in [30u64, 120, 300, 700] {
        let mut child = w
            .command(&["import", "big.csv"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let verify = w.run(&["verify"]);
        assert_eq!(
            verify.code(),
            0,
            "after a kill at {delay_ms} ms the ledger verifies: {}",
            verify.stdout()
        );
        let claims = w.count("claims");
        assert!(claims == 0 || claims == rows as i64, "after a kill at {delay_ms} ms: {claims} claims");
        assert_eq!(
            report_indexes(&w),
            "claims_by_metric_date claims_by_source",
            "after a kill at {delay_ms} ms"
        );
        if claims > 0 {
            break;
        }
    }
    w.ok(&["list", "--metric", "dprk-troops.deployed", "--until", "2024-01-01"]);
}
