//! Untrusted text is inert on every output: terminal control characters and
//! bidi overrides are shown as escapes, CSV cells carry the spreadsheet
//! guard, Markdown cells stay cells, SVG and HTML stay well-formed.

use crate::helper::Workdir;

const METRIC: &str = "dprk-troops.killed-or-wounded";

/// Characters that must never reach a terminal, an SVG or a table as they are.
const FORBIDDEN: &[char] = &[
    '\x1b', '\x07', '\x0b', '\x0c', '\x00', '\r', '\u{9b}', '\u{202E}', '\u{202A}', '\u{2066}', '\u{2069}',
    '\u{200F}',
];

fn assert_inert(what: &str, text: &str) {
    if let Some(c) = text.chars().find(|c| FORBIDDEN.contains(c)) {
        panic!("{what} holds the raw character {c:?}:\n{text:?}");
    }
}

/// A ledger of one metric whose label, source, place and quote carry escape
/// sequences and bidi overrides (a figure Zelensky gave in December 2024).
fn hostile_ledger() -> Workdir {
    let w = Workdir::new();
    w.ok(&[
        "metrics",
        "add",
        METRIC,
        "--kind",
        "cumulative",
        "--unit",
        "soldiers",
        "--label",
        "DPRK losses\x1b[2J\x0b in Kursk",
    ]);
    w.ok(&[
        "add",
        "--metric",
        METRIC,
        "--value",
        "more than 3,000",
        "--as-of",
        "2024-12-23",
        "--source",
        "Zelensky\x1b]0;owned\x07",
        "--place",
        "Kursk\u{202E}kcab",
        "--quote",
        "killed or wounded,\r\nhe said\x1b[31m red\u{2066}x\u{2069}\u{9b}",
        "--note",
        "=HYPERLINK(\"http://evil.example\")",
    ]);
    w.ok(&[
        "add",
        "--metric",
        METRIC,
        "--value",
        "about 3,800",
        "--as-of",
        "2025-01-06",
        "--source",
        "@SUM(A1)",
    ]);
    w
}

#[test]
fn tables_and_show_show_control_characters_as_escapes() {
    let w = hostile_ledger();
    for args in [
        &["list"][..],
        &["show", "1"],
        &["sources"],
        &["metrics"],
        &["timeline", METRIC],
        &["compare", METRIC],
        &["latest"],
        &["check"],
        &["change", METRIC, "--from", "2024-12", "--to", "2025-01"],
        &["history", "1"],
    ] {
        let out = w.ok(args);
        assert_inert(&args.join(" "), &out);
    }
    let show = w.ok(&["show", "1"]);
    assert!(show.contains("Zelensky\\e]0;owned\\a"), "{show}");
    assert!(show.contains("Kursk\\u{202E}kcab"), "{show}");
    // a quote over two lines still reads as two lines; CR LF is a line break
    assert!(show.contains("killed or wounded,\n"), "{show}");
    assert!(show.contains("he said\\e[31m red\\u{2066}x\\u{2069}\\u{9B}"), "{show}");
    let timeline = w.ok(&["timeline", METRIC]);
    assert!(timeline.starts_with("DPRK losses\\e[2J\\v in Kursk"), "{timeline}");
    // the stored text is unchanged
    assert_eq!(w.sql("SELECT place FROM claims WHERE id = 1"), "Kursk\u{202E}kcab");
}

#[test]
fn error_messages_show_quoted_input_as_escapes() {
    let w = hostile_ledger();
    let err = w.fails(&[
        "add",
        "--metric",
        METRIC,
        "--value",
        "more \x1b[2Jthan\u{202E} 3,000",
        "--as-of",
        "2024-12",
    ]);
    assert_inert("add's error", &err);
    assert!(err.contains("more \\e[2Jthan\\u{202E} 3,000"), "{err}");

    w.write("rows.csv", "metric,value,as_of\ndprk-troops.killed-or-wounded,\"about\x07 9\r\",2024-12\n");
    let err = w.fails(&["import", "rows.csv"]);
    assert_inert("import's error", &err);
    assert!(err.contains("rows.csv:2:2"), "{err}");
}

#[test]
fn every_csv_output_guards_formula_cells() {
    let w = hostile_ledger();
    let list = w.ok(&["list", "--format", "csv"]);
    assert!(list.contains("'@SUM(A1)"), "{list}");
    assert!(!list.contains(",@SUM"), "{list}");
    for args in [
        &["sources", "--format", "csv"][..],
        &["timeline", METRIC, "--format", "csv"],
        &["compare", METRIC, "--format", "csv"],
        &["latest", "--format", "csv"],
    ] {
        let out = w.ok(args);
        assert!(out.contains("'@SUM(A1)"), "{}: {out}", args.join(" "));
        assert!(!out.lines().any(|l| l.starts_with('@') || l.contains(",@")), "{}: {out}", args.join(" "));
    }
    w.ok(&["metrics", "add", "x.y", "--kind", "level", "--unit", "km", "--label", "+cmd|' /C calc'!A0"]);
    let metrics = w.ok(&["metrics", "--format", "csv"]);
    assert!(metrics.contains("'+cmd|"), "{metrics}");
}

#[test]
fn a_guarded_csv_export_imports_back_to_the_same_text() {
    let w = hostile_ledger();
    let export = w.ok(&["export"]);
    assert!(export.contains("'=HYPERLINK"), "{export}");
    let b = Workdir::new();
    b.write("copy.csv", &export);
    b.ok(&["import", "copy.csv", "--new-metrics", "cumulative"]);
    assert_eq!(b.sql("SELECT note FROM claims WHERE id = 1"), "=HYPERLINK(\"http://evil.example\")");
    assert_eq!(b.sql("SELECT name FROM sources WHERE name LIKE '@%'"), "@SUM(A1)");
    assert_eq!(b.ok(&["export"]), export);
}

#[test]
fn markdown_cells_escape_pipes_line_breaks_and_html() {
    let w = hostile_ledger();
    w.ok(&[
        "add",
        "--metric",
        METRIC,
        "--value",
        "about 4,000",
        "--as-of",
        "2025-01-20",
        "--source",
        "a | b <script>alert(1)</script> \\|",
    ]);
    let md = w.ok(&["list", "--format", "md"]);
    assert_inert("markdown", &md);
    let row = md.lines().find(|l| l.contains("4,000")).expect("the row");
    assert!(row.contains("a \\| b &lt;script&gt;alert(1)&lt;/script&gt; \\\\\\|"), "{row}");
    assert!(!md.contains("<script>"), "{md}");
    // every row is one line with as many cells as the header
    let cells = |line: &str| line.replace("\\|", "").matches('|').count();
    let header = md.lines().next().unwrap();
    for line in md.lines() {
        assert_eq!(cells(line), cells(header), "{line}");
    }
    let sources = w.ok(&["sources", "--format", "md"]);
    assert!(sources.contains("Zelensky\\\\e]0;owned\\\\a"), "{sources}");
}

#[test]
fn charts_and_reports_stay_well_formed_with_control_characters_in_labels() {
    let w = hostile_ledger();
    w.ok(&["timeline", METRIC, "--chart", "chart.svg"]);
    let svg = std::fs::read_to_string(w.path().join("chart.svg")).unwrap();
    assert_inert("the chart", &svg);
    let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("not XML ({e}):\n{svg}"));
    let title = doc.descendants().find(|n| n.has_tag_name("text")).and_then(|n| n.text()).unwrap();
    assert_eq!(title, "DPRK losses\\e[2J\\v in Kursk (soldiers)");

    w.ok(&["report", "-o", "report.html"]);
    let html = std::fs::read_to_string(w.path().join("report.html")).unwrap();
    assert_inert("the report", &html);
    assert!(html.contains("Zelensky\\e]0;owned\\a"), "the source is shown");
    assert!(!html.contains("HYPERLINK(\"http"), "quotes are escaped in the report");
}

#[test]
fn report_anchors_of_keys_differing_in_punctuation_differ() {
    let w = Workdir::new();
    for key in ["dprk.troops", "dprk-troops"] {
        w.ok(&["metrics", "add", key, "--kind", "level", "--unit", "soldiers"]);
        w.ok(&["add", "--metric", key, "--value", "up to 12,000", "--as-of", "2024-10"]);
    }
    w.ok(&["report", "-o", "report.html"]);
    let html = std::fs::read_to_string(w.path().join("report.html")).unwrap();
    let ids: Vec<&str> = html.split("<section id=\"").skip(1).map(|s| s.split('"').next().unwrap()).collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
    assert_ne!(ids[0], ids[1]);
    for id in ids {
        assert!(html.contains(&format!("href=\"#{id}\"")), "the contents link to {id}");
    }
}
