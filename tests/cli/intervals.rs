//! Interval reports (`timeline --every`): the figure at the end of each
//! calendar period, per source and together, chosen as `change` chooses a
//! date's figure. Expected figures are worked out by hand from the story
//! files in tests/data/stories/.

use crate::helper::Workdir;
use serde_json::Value;

fn story(file: &str, declare: Option<(&str, &str)>) -> Workdir {
    let w = Workdir::new();
    if let Some((key, kind)) = declare {
        w.ok(&["metrics", "add", key, "--kind", kind, "--unit", "people"]);
    }
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/stories").join(file);
    w.write(file, std::fs::read(path).unwrap());
    w.ok(&["import", file]);
    w
}

/// Each source's figure in a period, as (source, figure, carried), sources in name order.
fn period(rows: &Value, name: &str) -> Vec<(String, String, bool)> {
    rows.as_array()
        .unwrap()
        .iter()
        .filter(|r| r["period"] == name && r["series"] == "source")
        .map(|r| {
            let text = |key: &str| r[key].as_str().unwrap_or_default().to_string();
            (text("source"), text("figure"), r["carried"].as_bool().unwrap())
        })
        .collect()
}

fn consensus<'a>(rows: &'a Value, name: &str) -> &'a Value {
    rows.as_array().unwrap().iter().find(|r| r["period"] == name && r["series"] == "consensus").unwrap()
}

fn fig(source: &str, figure: &str, carried: bool) -> (String, String, bool) {
    (source.to_string(), figure.to_string(), carried)
}

#[test]
fn kursk_by_month_takes_each_sources_latest_figure_in_the_month() {
    let w = story("kursk-territory.csv", None);
    let rows = w.json(&["timeline", "kursk-2024.area-held", "--every", "month"]);
    let months: Vec<&str> = {
        let mut m: Vec<&str> =
            rows.as_array().unwrap().iter().map(|r| r["period"].as_str().unwrap()).collect();
        m.dedup();
        m
    };
    // the peak is given for the third quarter: the months run from July
    assert_eq!(months, ["2024-07", "2024-08", "2024-09", "2024-10", "2024-11"]);
    // July: only the quarter's peak (1,376 km², and Essanews's 531 sq mi in km²)
    let peak = vec![
        fig("Essanews", "about 1,380 km²", false),
        fig("Ukrainian General Staff source", "about 1,376 km²", false),
    ];
    assert_eq!(period(&rows, "2024-07"), peak);
    // August: the commander's last update of the month (27th), not his 12th or 20th
    let august = period(&rows, "2024-08");
    assert!(august.contains(&fig("Oleksandr Syrskyi", "1,294 km²", false)), "{august:?}");
    assert_eq!(august.len(), 3, "{august:?}");
    assert_eq!(consensus(&rows, "2024-08")["note"], "figures of different spans, not combined");
    assert_eq!(period(&rows, "2024-09"), peak, "the quarter's span holds September too");
    // October: the ISW's month estimate (about 300 sq mi) and Newsweek's 21st
    let october = period(&rows, "2024-10");
    let sources: Vec<&str> = october.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(sources, ["Institute for the Study of War", "Newsweek"]);
    assert_eq!(october[0].1, "about 777 km²", "about 300 sq mi keeps its about");
    // November: the General Staff's 800 km² and Essanews's 309 sq mi of the same day
    let november = period(&rows, "2024-11");
    assert_eq!(
        november,
        vec![
            fig("Essanews", "about 800 km²", false),
            fig("Ukrainian General Staff source", "about 800 km²", false)
        ]
    );
    let together = consensus(&rows, "2024-11");
    assert!(together["note"].as_str().unwrap().starts_with("sources differ"), "{together:#}");

    // the same figure `change` takes for August
    let change = w.json(&["change", "kursk-2024.area-held", "--from", "2024-08-12", "--to", "2024-08"]);
    assert_eq!(change["after"]["figure"]["best"], 1294.0, "{change:#}");
}

#[test]
fn a_week_with_no_new_figure_says_its_figures_are_carried() {
    let w = story("kursk-territory.csv", None);
    let rows = w.json(&["timeline", "kursk-2024.area-held", "--every", "week"]);
    // 4-10 November: nothing new; every source's latest earlier figure, marked
    let quiet = period(&rows, "2024-W45");
    assert_eq!(quiet.len(), 5, "{quiet:?}");
    assert!(quiet.iter().all(|f| f.2), "all carried: {quiet:?}");
    assert!(quiet.contains(&fig("Oleksandr Syrskyi", "1,294 km²", true)), "{quiet:?}");
    assert_eq!(consensus(&rows, "2024-W45")["carried"], true);
    // 18-24 November holds the 23rd: new figures, not carried
    let w47 = period(&rows, "2024-W47");
    assert!(w47.iter().all(|f| !f.2) && w47.len() == 2, "{w47:?}");
    // ISO weeks start on Monday: the peak quarter begins in 2024-W27 (1 July is a Monday)
    assert_eq!(rows[0]["period"], "2024-W27");
    assert_eq!(rows[0]["start"], "2024-07-01");

    let table = w.ok(&["timeline", "kursk-2024.area-held", "--every", "week"]);
    assert!(table.contains("1,294 km² *"), "a carried figure is marked: {table}");
    // 21 weeks and 5 sources: the weeks run down the page
    assert!(table.lines().nth(1).unwrap().trim_start().starts_with("period"), "{table}");
    assert!(table.contains("  2024-W27..2024-W32: sources differ"), "one line for a run of weeks: {table}");
    assert!(table.contains("* no new figure of the source in the period"), "{table}");
}

#[test]
fn valencia_by_month_keeps_qualifiers_and_each_sources_own_latest() {
    let w = story("valencia-flood-toll.csv", None);
    let rows = w.json(&["timeline", "dana-2024.deaths", "--every", "month"]);
    let october = period(&rows, "2024-10");
    // the regional government's last October count is the 31st's 155, not 62 or 92
    assert!(october.contains(&fig("Generalitat Valenciana", "155 people", false)), "{october:?}");
    // the national count on the 30th was "at least 95": the words stay
    assert!(october.contains(&fig("Spanish Government", "at least 95 people", false)), "{october:?}");
    let november = period(&rows, "2024-11");
    assert_eq!(
        november,
        vec![
            fig("Generalitat Valenciana", "202 people", false),
            fig("Pedro Sánchez", "211 people", false),
            fig("Reuters", "at least 205 people", false),
            fig("Spanish Government", "217 people", false),
        ]
    );
    // one ISO week (28 October - 3 November) holds the whole story
    let week = w.ok(&["timeline", "dana-2024.deaths", "--every", "week"]);
    assert!(week.contains("2024-W44") && !week.contains("2024-W45"), "{week}");
    assert!(week.lines().any(|l| l.contains("Spanish Government") && l.contains("217 people")), "{week}");
    let csv = w.ok(&["timeline", "dana-2024.deaths", "--every", "month", "--format", "csv"]);
    assert!(csv.starts_with("period,start,end,series,source,as_of,figure,qualifier"), "{csv}");
    assert!(!csv.contains('{'), "flat CSV: {csv}");
}

#[test]
fn derna_by_year_takes_the_latest_revision_of_each_source() {
    let w = story("derna-september-2023.csv", Some(("derna.deaths", "cumulative")));
    let rows = w.json(&["timeline", "derna.deaths", "--every", "year"]);
    let year = period(&rows, "2023");
    assert!(
        year.contains(&fig("UN OCHA", "at least 3,958 people", false)),
        "not the 16th's 11,300: {year:?}"
    );
    assert!(year.contains(&fig("Libyan Red Crescent", "11,300 people", false)), "{year:?}");
}

#[test]
fn a_bad_period_is_a_usage_error_naming_the_choices() {
    let w = story("derna-september-2023.csv", Some(("derna.deaths", "cumulative")));
    let err = w.usage_error(&["timeline", "derna.deaths", "--every", "fortnight"]);
    assert!(err.contains("week") && err.contains("quarter"), "{err}");
    let err = w.usage_error(&["timeline", "derna.deaths", "--every", "week", "--chart", "x.svg"]);
    assert!(err.contains("--chart"), "{err}");
}

#[test]
fn the_html_report_shows_the_periods() {
    let w = story("kursk-territory.csv", None);
    w.ok(&["report", "-o", "page.html", "--every", "quarter"]);
    let page = std::fs::read_to_string(w.path().join("page.html")).unwrap();
    assert!(page.contains("At the end of each period"), "{page}");
    assert!(page.contains("<th>2024-Q3</th><th>2024-Q4</th>"), "{page}");
    w.ok(&["report", "-o", "plain.html"]);
    assert!(!std::fs::read_to_string(w.path().join("plain.html"))
        .unwrap()
        .contains("At the end of each period"));
}

#[test]
fn a_change_whose_end_comes_before_its_start_is_refused_with_the_swap() {
    let w = story("kursk-territory.csv", None);
    let before = w.snapshot_counts();
    let error = w.fails(&["change", "kursk-2024.area-held", "--from", "2024-12", "--to", "2024-08"]);
    assert!(error.contains("--to: 2024-08 ends before --from 2024-12 begins"), "{error}");
    assert!(error.contains("hint: swap them: --from 2024-08 --to 2024-12"), "{error}");
    assert_eq!(w.snapshot_counts(), before);
    // a period that ends after the day it starts from is a change within it
    w.ok(&["change", "kursk-2024.area-held", "--from", "2024-08-12", "--to", "2024-08"]);
}
