//! `claims list` and `claims show`: browsing with filters, in every format.

use crate::helper::Workdir;

fn demo() -> Workdir {
    let w = Workdir::new();
    w.ok(&["demo"]);
    w
}

fn ids(value: &serde_json::Value) -> Vec<i64> {
    value.as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect()
}

#[test]
fn list_is_in_time_order_and_filters_combine() {
    let w = demo();
    assert_eq!(ids(&w.json(&["list"])), vec![2, 1, 5, 3, 4, 6], "August, October, then December");
    assert_eq!(ids(&w.json(&["list", "--metric", "kursk.area-held-by-ukraine"])), vec![2, 6]);
    assert_eq!(ids(&w.json(&["list", "--source", "john kirby"])), vec![3, 4], "source match ignores case");
    assert_eq!(ids(&w.json(&["list", "--since", "2024-12"])), vec![5, 3, 4, 6]);
    assert_eq!(ids(&w.json(&["list", "--until", "2024-Q3"])), vec![2], "the quarter ends with September");
    assert_eq!(
        ids(&w.json(&["list", "--search", "TERRITORY"])),
        vec![2, 6],
        "search reads quotes and labels"
    );
    assert_eq!(
        ids(&w.json(&[
            "list",
            "--since",
            "2024-10",
            "--until",
            "2024-10",
            "--source",
            "Government of Ukraine"
        ])),
        vec![1]
    );
    assert_eq!(ids(&w.json(&["list", "--metric", "no.such-metric"])), Vec::<i64>::new());
}

#[test]
fn a_month_counts_as_at_or_after_a_day_inside_it() {
    let w = demo();
    // the August claim covers 1-31 August, so it applies on or after 15 August
    assert_eq!(ids(&w.json(&["list", "--since", "2024-08-15", "--until", "2024-09"])), vec![2]);
}

#[test]
fn every_format_holds_the_same_claims() {
    let w = demo();
    let csv = w.ok(&["list", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[0], "id");
    assert!(header.iter().any(|h| h == "quote"));
    assert_eq!(reader.records().count(), 6);

    let jsonl = w.ok(&["list", "--format", "jsonl"]);
    let lines: Vec<serde_json::Value> = jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 6);
    assert_eq!(lines[0]["value"], "about 380 square miles");

    let md = w.ok(&["list", "--format", "md"]);
    assert!(md.starts_with("| id | as_of | metric | value | unit | source | relative |\n|---|"), "{md}");
    assert!(
        md.contains(
            "| 6 | 2024-12-27 | kursk.area-held-by-ukraine | about -40% | % | News reports | change of #2 |"
        ),
        "{md}"
    );
}

#[test]
fn the_table_lines_up() {
    let w = demo();
    insta::assert_snapshot!(w.ok(&["list"]));
}

#[test]
fn show_gives_everything_known_of_a_claim() {
    let w = demo();
    let claim = w.json(&["show", "4"]);
    assert_eq!(claim["value"], "almost 10%");
    assert_eq!(claim["share_of_uid"], "demo-dprk-deployed-oct");
    assert_eq!(claim["share_of"], 1);
    assert_eq!(claim["relative"], "share of #1");
    assert_eq!(claim["precision"], "day");
    let by_uid = w.json(&["show", "demo-dprk-killed-share"]);
    assert_eq!(by_uid["id"], 4, "a claim can be named by its uid");
    let table = w.ok(&["show", "2"]);
    assert!(table.contains("value  about 380 square miles"), "{table}");
    assert!(table.contains("quote  Ukraine seized about 380 square miles of Kursk in August"), "{table}");
    let stderr = w.fails(&["show", "77"]);
    assert!(stderr.contains("there is no claim 77"), "{stderr}");
}

#[test]
fn an_unsourced_claim_says_so() {
    let w = Workdir::new();
    w.kursk_metrics();
    w.ok(&["add", "--metric", "dprk-troops.deployed", "--value", "11,000", "--as-of", "2024-11"]);
    assert!(w.ok(&["show", "1"]).contains("source  (unsourced)"));
    assert_eq!(w.json(&["show", "1"])["source"], serde_json::Value::Null, "JSON keeps null");

    // a document without a named source is a source of sorts; nothing at all is not
    let url = "https://www.defense.gov/News/Transcripts/2024-11-04";
    w.ok(&[
        "add",
        "--metric",
        "dprk-troops.deployed",
        "--value",
        "10,000",
        "--as-of",
        "2024-10",
        "--doc",
        url,
    ]);
    let table = w.ok(&["timeline", "dprk-troops.deployed"]);
    let notes: Vec<(bool, bool)> = table
        .lines()
        .filter(|l| l.contains(" 2024-1"))
        .map(|l| (l.contains("10,000"), l.contains("unsourced")))
        .collect();
    assert_eq!(notes, [(true, false), (false, true)], "{table}");
    let json = w.json(&["timeline", "dprk-troops.deployed"]);
    assert_eq!((json[0]["unsourced"].clone(), json[0]["doc_url"].clone()), (false.into(), url.into()));
    assert_eq!(json[1]["unsourced"], true);
}

#[test]
fn bad_filters_are_errors() {
    let w = demo();
    let stderr = w.fails(&["list", "--since", "last week"]);
    assert!(stderr.contains("--since: cannot read the date \"last week\""), "{stderr}");
    let stderr = w.usage_error(&["list", "--format", "xml"]);
    assert!(stderr.contains("invalid value 'xml'"), "{stderr}");
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let w = Workdir::new();
    w.kursk_metrics();
    let mut rows = String::from("metric,value,as_of\n");
    for day in 1..=28 {
        for n in 0..100 {
            rows.push_str(&format!("dprk-troops.deployed,{},2024-02-{day:02}\n", 10_000 + n));
        }
    }
    w.write("many.csv", rows);
    w.ok(&["import", "many.csv"]);
    let mut child = w
        .command(&["list", "--format", "csv"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    assert!(output.stderr.is_empty(), "no message: {}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn a_metric_table_shows_what_the_full_claims_show() {
    // `list --metric` as a table reads its claims from the covering index;
    // `--search ""` (matching every claim) reads them in full, as JSON does
    let w = demo();
    w.add_figures("dprk-troops.killed-weekly", &[("about 1,200", "2024-12-20", "J. Kirby")]);
    w.ok(&["sources", "merge", "J. Kirby", "John Kirby"]);
    w.ok(&["edit", "3", "--value", "about 12,000"]);
    w.ok(&["retract", "4", "--reason", "withdrawn"]);
    w.ok(&["metrics", "rename", "dprk-troops.killed-weekly", "dprk-troops.killed-in-a-week"]);
    let cases: [&[&str]; 6] = [
        &["--metric", "dprk-troops.killed-in-a-week"],
        &["--metric", "dprk-troops.killed-weekly", "--all"],
        &["--metric", "dprk-troops.killed-weekly", "--all", "--source", "j. kirby"],
        &["--metric", "dprk-troops.killed-weekly", "--all", "--source", "john kirby"],
        &["--metric", "dprk-troops.killed-weekly", "--all", "--since", "2024-12-21"],
        &["--metric", "kursk.area-held-by-ukraine", "--until", "2024-12"],
    ];
    for flags in cases {
        let fast = w.ok(&[&["list"], flags].concat());
        let full = w.ok(&[&["list"], flags, &["--search", ""]].concat());
        assert_eq!(fast, full, "{flags:?}");
        let md = |more: &[&str]| w.ok(&[&["list", "--format", "md"], flags, more].concat());
        assert_eq!(md(&[]), md(&["--search", ""]), "{flags:?}");
        assert_eq!(table_ids(&fast), ids(&w.json(&[&["list"], flags].concat())), "{flags:?}: {fast}");
    }
    let table = w.ok(&["list", "--metric", "dprk-troops.killed-weekly", "--all"]);
    for row in [
        ["  3 ", "dprk-troops.killed-in-a-week", "John Kirby", "superseded"],
        ["  4 ", "share of #1", "John Kirby", "retracted"],
        ["  7 ", "about 1,200", "John Kirby", "active"],
    ] {
        assert!(table.lines().any(|l| row.iter().all(|cell| l.contains(cell))), "{row:?} in\n{table}");
    }
}

/// The ids in the first column of a table or Markdown table.
fn table_ids(table: &str) -> Vec<i64> {
    table.lines().filter_map(|l| l.trim_start_matches(['|', ' ']).split(' ').next()?.parse().ok()).collect()
}
