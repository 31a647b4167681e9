//! Dates as people write them: every form reads into the stored ISO form,
//! numeric dates need `--date-format`, and `today` follows the pinned clock.

use crate::helper::Workdir;

fn killed(w: &Workdir, as_of: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["add", "--metric", "dprk-troops.killed-or-wounded", "--value", "more than 3,000"];
    args.extend(["--as-of", as_of]);
    args.extend(extra);
    w.json(&args)
}

#[test]
fn add_reads_each_form_into_iso() {
    let w = Workdir::new();
    w.kursk_metrics();
    for (form, iso) in [
        ("2024-12-27", "2024-12-27"),
        ("27 Dec 2024", "2024-12-27"),
        ("Dec 27, 2024", "2024-12-27"),
        ("27 December 2024", "2024-12-27"),
        ("December 27 2024", "2024-12-27"),
        ("2024/12/27", "2024-12-27"),
        ("20241227", "2024-12-27"),
        ("August 2024", "2024-08"),
        ("2024-q3", "2024-Q3"),
        ("2024", "2024"),
    ] {
        let claim = killed(&w, form, &[]);
        assert_eq!(claim["as_of"], iso, "{form}");
    }
}

#[test]
fn a_date_time_keeps_the_date_and_puts_the_time_in_the_note() {
    let w = Workdir::new();
    w.kursk_metrics();
    let claim = killed(&w, "2024-12-27T14:30:00Z", &["--note", "Zelensky, evening address"]);
    assert_eq!(claim["as_of"], "2024-12-27");
    assert_eq!(claim["note"], "Zelensky, evening address; time as stated (as_of): 14:30:00Z");
}

#[test]
fn today_and_yesterday_follow_the_pinned_clock() {
    let w = Workdir::new();
    w.kursk_metrics();
    let run = |day: &str| {
        let mut cmd = w.command(&[
            "add",
            "--metric",
            "dprk-troops.killed-or-wounded",
            "--value",
            "more than 3,000",
            "--as-of",
            day,
            "--format",
            "json",
        ]);
        let out = cmd.env("CLAIMS_NOW", "2024-12-28T09:00:00Z").output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    assert_eq!(run("today")["as_of"], "2024-12-28");
    assert_eq!(run("yesterday")["as_of"], "2024-12-27");
}

#[test]
fn an_ambiguous_date_is_refused_naming_both_readings() {
    let w = Workdir::new();
    w.kursk_metrics();
    let before = w.snapshot_counts();
    let err = w.fails(&[
        "add",
        "--metric",
        "dprk-troops.killed-or-wounded",
        "--value",
        "about 3,000",
        "--as-of",
        "12/11/2024",
    ]);
    assert!(err.contains("--as-of"), "{err}");
    assert!(err.contains("12 November 2024 or 11 December 2024"), "{err}");
    assert!(err.contains("--date-format"), "{err}");
    // only one reading is a date, and it is still refused: no guessing
    let err = w.fails(&[
        "add",
        "--metric",
        "dprk-troops.killed-or-wounded",
        "--value",
        "about 3,000",
        "--as-of",
        "25/12/2024",
    ]);
    assert!(err.contains("--date-format"), "{err}");
    assert_eq!(w.snapshot_counts(), before);
}

#[test]
fn date_format_reads_numeric_dates_on_add() {
    let w = Workdir::new();
    w.kursk_metrics();
    assert_eq!(killed(&w, "12/11/2024", &["--date-format", "%d/%m/%Y"])["as_of"], "2024-11-12");
    assert_eq!(killed(&w, "12/11/2024", &["--date-format", "%m/%d/%Y"])["as_of"], "2024-12-11");
}

#[test]
fn import_reads_a_column_of_mixed_forms() {
    let w = Workdir::new();
    w.kursk_metrics();
    w.write(
        "mixed.csv",
        "metric,value,as_of,stated\n\
         kursk.area-held-by-ukraine,about 380,August 2024,2024/08/20\n\
         dprk-troops.deployed,up to 12000,Oct 2024,\"Oct 24, 2024\"\n\
         dprk-troops.killed-or-wounded,more than 3000,27 Dec 2024,20241227\n\
         dprk-troops.killed-or-wounded,more than 3800,2025-01-10T18:00:00Z,10 January 2025\n",
    );
    w.ok(&["import", "mixed.csv"]);
    let rows = w
        .sql("SELECT group_concat(as_of || ' ' || stated, char(10)) FROM (SELECT * FROM claims ORDER BY id)");
    assert_eq!(rows, "2024-08 2024-08-20\n2024-10 2024-10-24\n2024-12-27 2024-12-27\n2025-01-10 2025-01-10");
}

#[test]
fn import_refuses_an_ambiguous_date_unless_given_the_format() {
    let w = Workdir::new();
    w.kursk_metrics();
    w.write("numeric.csv", "metric,value,as_of\ndprk-troops.killed-or-wounded,more than 3000,12/11/2024\n");
    let err = w.fails(&["import", "numeric.csv"]);
    assert!(err.contains("numeric.csv:2:3 (as_of)"), "{err}");
    assert!(err.contains("12 November 2024 or 11 December 2024"), "{err}");
    assert_eq!(w.count("claims"), 0);
    w.ok(&["import", "numeric.csv", "--date-format", "%m/%d/%Y"]);
    assert_eq!(w.sql("SELECT as_of FROM claims"), "2024-12-11");
}

#[test]
fn list_since_reads_the_same_forms() {
    let w = Workdir::new();
    w.kursk_metrics();
    killed(&w, "2024-11-01", &[]);
    killed(&w, "2024-12-27", &[]);
    let listed = w.json(&["list", "--since", "1 Dec 2024"]);
    assert_eq!(listed.as_array().map(Vec::len), Some(1), "{listed}");
    let err = w.fails(&["list", "--until", "12/11/2024"]);
    assert!(err.contains("--until") && err.contains("--date-format"), "{err}");
}
