//! The researcher's workflow: figures found in an article, merging
//! ledgers, completions and the manual page.

use crate::helper::Workdir;
use serde_json::Value;

fn extracted(w: &Workdir, file: &str, stated: &str) -> Vec<csv::StringRecord> {
    let name = w.data(&format!("articles/{file}"));
    let csv = w.ok(&["extract", &name, "--stated", stated]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    // these columns, in this order, whatever else the CSV holds
    let columns = ["metric", "value", "unit", "as_of", "from", "stated", "source", "quote"];
    let at: Vec<usize> = columns
        .iter()
        .map(|c| header.iter().position(|h| h == *c).unwrap_or_else(|| panic!("no column {c}: {header:?}")))
        .collect();
    reader.records().map(|r| at.iter().map(|i| r.as_ref().unwrap()[*i].to_string()).collect()).collect()
}

#[test]
fn extract_finds_the_figures_of_a_wire_report() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    std::fs::create_dir_all(w.path().join("articles")).unwrap();
    let rows = extracted(&w, "kursk-losses.txt", "2024-12-27");
    let got: Vec<[&str; 5]> = rows.iter().map(|r| [&r[1], &r[2], &r[3], &r[4], &r[6]]).collect();
    assert_eq!(
        got,
        [
            ["More than 1,000", "soldiers", "2024-12-27", "2024-12-21", "John Kirby"],
            // the deployment the share is of comes first, and the share restates the week's toll
            ["up to 12,000", "troops", "2024-10", "", "Kyiv"],
            ["almost 10%", "", "2024-12-27", "2024-12-21", "John Kirby"],
            ["more than 3,000", "soldiers", "2024-12-27", "", "Ukraine's president"],
            ["about 380", "sq mi", "2024-08", "", "Ukrainian officials"],
            ["about -40%", "", "2024-12-27", "", "two officials"],
        ],
        "years, ages, days of a month and a spelled-out three are not figures"
    );
    assert_eq!(&rows[4][0], "kursk.area-held-by-ukraine", "a known metric is suggested from its label");
    assert_eq!(&rows[3][0], "dprk-troops.killed-or-wounded");
    assert_eq!(&rows[0][0], "dprk-troops.killed-weekly", "a figure of a week is the weekly metric's");
    assert!(rows[1][7].starts_with("Kyiv said in October"), "the sentence is the quote");
}

#[test]
fn extract_reads_other_qualifiers_and_claimants() {
    let w = Workdir::new();
    std::fs::create_dir_all(w.path().join("articles")).unwrap();
    let rows = extracted(&w, "drone-strikes.txt", "2025-03-12");
    let got: Vec<[&str; 3]> = rows.iter().map(|r| [&r[1], &r[2], &r[6]]).collect();
    assert_eq!(
        got,
        [
            ["as many as 90", "drones", "Ukrainian Air Force"],
            ["73", "", "Ukrainian Air Force"],
            ["between 15 and 20", "people", "the regional governor"],
            ["some 40", "apartment buildings", "the regional governor"],
            // the next sentence of the governor's paragraph goes on with what they said
            ["nearly 30%", "", "the regional governor"],
            ["at least 12", "strikes", "an official"],
        ]
    );
    let csv = w.ok(&["extract", &w.data("articles/drone-strikes.txt"), "--stated", "2025-03-12"]);
    let carried = csv.lines().filter(|l| l.contains("claimant from the sentence before")).count();
    assert_eq!(carried, 1, "a carried claimant is marked for review: {csv}");
    assert!(rows.iter().all(|r| r[0].is_empty()), "no ledger, no metric suggested");
}

#[test]
fn extracted_claims_import_once_completed() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    std::fs::create_dir_all(w.path().join("articles")).unwrap();
    let name = w.data("articles/kursk-losses.txt");
    let csv = w.ok(&["extract", &name, "--stated", "2024-12-27"]);
    // the rows whose metric and date were found import as they are
    let complete: Vec<&str> = csv
        .lines()
        .take(1)
        .chain(csv.lines().skip(1).filter(|l| l.contains(",kursk.area-held-by-ukraine,")))
        .collect();
    w.write("reviewed.csv", complete.join("\n") + "\n");
    let (n, rows) = (complete.len() - 1, if complete.len() == 2 { "row" } else { "rows" });
    assert!(n >= 1, "{csv}");
    assert_eq!(
        w.ok(&["import", "reviewed.csv"]),
        format!("imported reviewed.csv: {n} {rows}, {n} added, 0 already present (batch 1)\n")
    );
    let stderr = w.fails(&["extract", "missing.txt"]);
    assert!(stderr.contains("cannot read missing.txt"), "{stderr}");
}

#[test]
fn merging_brings_new_claims_once_and_sets_conflicts_aside() {
    let a = Workdir::new();
    a.ok(&["demo"]);
    let b = Workdir::new();
    b.ok(&["metrics", "add", "ukraine.drones-downed", "--kind", "period", "--unit", "drones"]);
    b.ok(&[
        "add",
        "--metric",
        "ukraine.drones-downed",
        "--value",
        "more than 60",
        "--as-of",
        "2024-12-27",
        "--source",
        "Air Force",
    ]);
    let a_db = a.db().to_string_lossy().into_owned();
    let b_db = b.db().to_string_lossy().into_owned();
    assert_eq!(b.ok(&["merge", &a_db]), format!("merged {a_db}: 6 claims, 6 added, 0 already present\n"));
    assert_eq!(
        b.ok(&["merge", &a_db]),
        format!("merged {a_db}: 6 claims, 0 added, 6 already present\n"),
        "merging twice adds nothing"
    );
    a.ok(&["merge", &b_db]);
    let uids = |w: &Workdir| -> Vec<String> {
        let mut uids: Vec<String> = w
            .json(&["list", "--all"])
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["uid"].as_str().unwrap().to_string())
            .collect();
        uids.sort();
        uids
    };
    assert_eq!(uids(&a), uids(&b), "A into B and B into A give the same claims");
    assert_eq!(
        b.json(&["timeline", "kursk.area-held-by-ukraine"])[1]["figure"]["text"],
        "about 228 sq mi",
        "relations survive"
    );

    // B's retraction of a claim both hold comes in as a status change
    b.ok(&["retract", "demo-dprk-killed-week", "--reason", "withdrawn"]);
    let out = a.ok(&["merge", &b_db]);
    assert!(out.contains("1 status change carried"), "{out}");
    assert_eq!(a.json(&["show", "demo-dprk-killed-week"])["status"], "retracted");
    let history = a.json(&["history", "demo-dprk-killed-week"]).to_string();
    assert!(history.contains(&b_db), "B's entry is kept: {history}");

    // both retract another, for different reasons: a conflict
    a.ok(&["retract", "demo-dprk-casualties", "--reason", "ours"]);
    b.ok(&["retract", "demo-dprk-casualties", "--reason", "theirs"]);
    let out = a.ok(&["merge", &b_db, "--conflicts", "conflicts.csv"]);
    assert!(out.ends_with("1 conflicting (written to conflicts.csv, left for you)\n"), "{out}");
    let history = a.json(&["history", "demo-dprk-casualties"]).to_string();
    assert!(!history.contains(&b_db), "the history of a conflicting claim is not kept: {history}");
    let again = a.ok(&["merge", &b_db, "--conflicts", "conflicts-2.csv"]);
    assert!(!again.contains("history kept"), "{again}");
    assert_eq!(
        a.json(&["show", "demo-dprk-casualties"])["reason"],
        "ours",
        "a conflict changes nothing here"
    );
    let conflicts = std::fs::read_to_string(a.path().join("conflicts.csv")).unwrap();
    assert!(conflicts.contains("reason \"\"ours\"\" here, \"\"theirs\"\" in the file"), "{conflicts}");
    a.ok(&["verify"]);
    let stderr = a.fails(&["merge", &a_db]);
    assert!(stderr.contains("cannot be merged into itself"), "{stderr}");
}

#[test]
fn completions_and_manual_are_generated() {
    let w = Workdir::new();
    for (shell, marker) in
        [("bash", "_clap_complete_claims()"), ("zsh", "#compdef claims"), ("fish", "complete")]
    {
        let out = w.ok(&["completions", shell]);
        assert!(out.contains(marker), "{shell}: {out}");
        assert!(out.contains("COMPLETE"), "{shell} asks claims itself: {out}");
    }
    let man = w.ok(&["man"]);
    assert!(man.starts_with(".ie") && man.contains(".TH claims 1"), "{}", &man[..80]);
    assert!(man.contains("timeline"));
}

#[test]
fn add_without_flags_off_a_terminal_says_what_is_needed() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    let stderr = w.fails(&["add"]);
    assert!(stderr.contains("--metric: metric is required"), "{stderr}");
    let _: Value = w.json(&["list"]);
}
