//! Reports: the Kursk question answered from the claims, every number
//! traced, qualifiers kept; charts and the HTML page looked at for real.

use crate::helper::Workdir;
use serde_json::{json, Value};

fn demo() -> Workdir {
    let w = Workdir::new();
    w.ok(&["demo"]);
    w
}

fn close(value: &Value, expected: f64) -> bool {
    value.as_f64().is_some_and(|v| (v - expected).abs() < 1e-6)
}

#[test]
fn how_much_of_kursk_was_lost() {
    let w = demo();
    let answer = w.json(&["change", "kursk.area-held-by-ukraine", "--from", "2024-08", "--to", "2024-12-27"]);
    let (before, after) = (&answer["before"], &answer["after"]);
    let (from, to, change) = (&before["figure"], &after["figure"], &answer["change"]);
    assert!(
        close(&from["best"], 380.0) && close(&to["best"], 228.0) && close(&change["best"], -152.0),
        "{answer:#}"
    );
    for side in [from, to, change] {
        assert_eq!(side["qualifier"], "approx", "\"about\" is kept: {side:#}");
        assert_eq!(
            (side["low"].clone(), side["high"].clone()),
            (json!(null), json!(null)),
            "no bound invented: {side:#}"
        );
        assert_eq!(side["unit"], "sq mi");
    }
    assert!(close(&change["percent"]["best"], -40.0));
    assert_eq!(before["claims"], json!([2]));
    assert_eq!(after["claims"], json!([6, 2]), "the derived figure names both claims");
    assert_eq!(after["derived"], true);
    assert_eq!(after["arithmetic"], "#2 about 380 sq mi × (1 − about 40%)");
    assert_eq!(answer["claims"], json!([2, 6]));
    let words = w.ok(&["change", "kursk.area-held-by-ukraine", "--from", "2024-08", "--to", "2024-12-27"]);
    assert!(words.contains("change about -152 sq mi (about -40%)"), "{words}");
}

#[test]
fn the_timeline_resolves_and_converts() {
    let w = demo();
    let timeline = w.json(&["timeline", "kursk.area-held-by-ukraine"]);
    assert_eq!(timeline.as_array().unwrap().len(), 2);
    let derived = &timeline[1];
    assert_eq!(derived["derived"], true);
    assert_eq!(derived["figure"]["text"], "about 228 sq mi");
    assert_eq!(derived["value"], "about -40%", "the stated figure is kept beside the derived one");
    assert_eq!(derived["claims"], json!([6, 2]));
    assert!(close(&derived["change"]["best"], -152.0));
    assert_eq!(derived["change"]["from_claim"], 2);

    let km2 = w.json(&["timeline", "kursk.area-held-by-ukraine", "--unit", "km²"]);
    assert!(
        (km2[0]["figure"]["best"].as_f64().unwrap() - 984.1955).abs() < 0.001,
        "380 sq mi ≈ 984 km²: {}",
        km2[0]["figure"]["best"]
    );
    assert_eq!(km2[0]["unit"], "km²");
    assert_eq!(km2[0]["stated_unit"], "sq mi");
    assert_eq!(km2[0]["value"], "about 380 square miles");
    assert_eq!(km2[0]["figure"]["qualifier"], "approx");

    let stderr = w.fails(&["timeline", "kursk.area-held-by-ukraine", "--unit", "soldiers"]);
    assert!(stderr.contains("cannot be shown in soldiers"), "{stderr}");
    let stderr = w.fails(&["timeline", "kursk.area-held"]);
    assert!(stderr.contains("unknown metric \"kursk.area-held\""), "{stderr}");
    assert!(stderr.contains("did you mean kursk.area-held-by-ukraine"), "{stderr}");
}

#[test]
fn shares_resolve_both_ways_with_open_bounds_kept() {
    let w = demo();
    let weekly = w.json(&["timeline", "dprk-troops.killed-weekly"]);
    let share = weekly.as_array().unwrap().iter().find(|e| e["id"] == 4).unwrap();
    assert_eq!(
        (share["figure"]["low"].clone(), share["figure"]["high"].clone()),
        (json!(null), json!(1200)),
        "almost 10% of up to 12,000"
    );
    assert_eq!(share["figure"]["text"], "less than about 1,200 soldiers");

    let deployed = w.json(&["timeline", "dprk-troops.deployed"]);
    let implied = deployed.as_array().unwrap().iter().find(|e| e["derived"] == true).unwrap();
    assert_eq!(implied["figure"]["low"], json!(10000));
    assert_eq!(implied["figure"]["high"], json!(null), "more than 1,000 gives no upper bound");
    assert_eq!(implied["figure"]["qualifier"], "more_than");
    assert_eq!(implied["figure"]["text"], "more than about 10,000 soldiers");
    assert_eq!(implied["claims"], json!([3, 4]));
}

#[test]
fn the_figure_at_a_date_follows_the_precision_rule() {
    let w = demo();
    let mid_august =
        w.json(&["change", "kursk.area-held-by-ukraine", "--from", "2024-08-15", "--to", "2024-12"]);
    assert_eq!(mid_august["before"]["claims"], json!([2]), "August (1-31) applies on 15 August");
    assert_eq!(mid_august["after"]["claims"], json!([6, 2]), "December 27 lies inside 2024-12");
    let november = w.json(&["change", "kursk.area-held-by-ukraine", "--from", "2024-08", "--to", "2024-11"]);
    assert_eq!(november["after"]["claims"], json!([2]), "in November the latest figure is still August's");
    let stderr = w.fails(&["change", "kursk.area-held-by-ukraine", "--from", "2024-07", "--to", "2024-12"]);
    assert!(
        stderr.contains("--from: no figure of kursk.area-held-by-ukraine applies at or before 2024-07"),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint: the first figure of kursk.area-held-by-ukraine applies to 2024-08"),
        "{stderr}"
    );
}

#[test]
fn disagreements_are_marked_only_when_bounds_cannot_both_hold() {
    let w = demo();
    let add = |value: &str, as_of: &str, source: &str| {
        w.ok(&[
            "add",
            "--metric",
            "dprk-troops.killed-or-wounded",
            "--value",
            value,
            "--as-of",
            as_of,
            "--source",
            source,
        ]);
    };
    add("up to 2,000", "2024-12", "Russian Ministry of Defence"); // #7: overlaps Zelensky's 2024-12-23
    add("about 2,500", "2024-12-23", "Analyst A"); // #8: "about" has no bounds to contradict
    add("up to 1,000", "2024-11", "Analyst B"); // #9: November does not overlap
    let timeline = w.json(&["timeline", "dprk-troops.killed-or-wounded"]);
    let by_id = |id: i64| timeline.as_array().unwrap().iter().find(|e| e["id"] == id).unwrap().clone();
    assert_eq!(by_id(5)["disagrees_with"], json!([7]));
    assert_eq!(by_id(7)["disagrees_with"], json!([5]));
    assert_eq!(by_id(8)["disagrees_with"], json!([]));
    assert_eq!(by_id(9)["disagrees_with"], json!([]));
    assert!(w.ok(&["timeline", "dprk-troops.killed-or-wounded"]).contains("disagrees with #5"));

    let compare = w.json(&["compare", "dprk-troops.killed-or-wounded"]);
    let sources: Vec<&str> =
        compare.as_array().unwrap().iter().map(|e| e["source"].as_str().unwrap()).collect();
    assert_eq!(sources, ["Analyst A", "Analyst B", "Russian Ministry of Defence", "Volodymyr Zelensky"]);
    let zelensky = &compare[3];
    assert_eq!(
        zelensky["disagrees_with"],
        json!([7]),
        "latest figures side by side: December's up to 2,000 cannot hold with more than 3,000; \
         November's up to 1,000 covers another time, and a running total may rise"
    );
}

#[test]
fn latest_gives_one_figure_per_metric() {
    let w = demo();
    let latest = w.json(&["latest"]);
    let kursk =
        latest.as_array().unwrap().iter().find(|e| e["metric"] == "kursk.area-held-by-ukraine").unwrap();
    assert_eq!(kursk["figure"]["text"], "about 228 sq mi");
    assert_eq!(latest.as_array().unwrap().len(), 4);
    insta::assert_snapshot!(w.ok(&["latest"]));
}

#[test]
fn tables_wrap_to_columns_and_never_when_piped() {
    let w = demo();
    let piped = w.ok(&["latest"]);
    assert!(piped.contains("derived: #3 more than 1,000 ÷ #4 almost 10% (implied base of #1)\n"), "{piped}");
    let run = w.command(&["latest"]).env("COLUMNS", "100").output().unwrap();
    let narrow = String::from_utf8(run.stdout).unwrap();
    assert!(narrow.lines().all(|l| l.chars().count() <= 100), "{narrow}");
    assert!(
        narrow.lines().any(|l| l.trim() == "almost 10%" && l.starts_with(&" ".repeat(60))),
        "a long note goes on in the next line, in its column: {narrow}"
    );
    assert!(narrow.lines().count() > piped.lines().count(), "{narrow}");
}

#[test]
fn timeline_tables_line_up() {
    let w = demo();
    insta::assert_snapshot!(w.ok(&["timeline", "kursk.area-held-by-ukraine"]));
    insta::assert_snapshot!(w.ok(&["compare", "dprk-troops.killed-weekly", "--format", "md"]));
}

#[test]
fn the_chart_is_an_svg_with_every_figure() {
    let w = demo();
    w.ok(&["timeline", "dprk-troops.deployed", "--chart", "deployed.svg"]);
    let text = std::fs::read_to_string(w.path().join("deployed.svg")).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("the chart parses as XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    let titles: Vec<&str> =
        doc.descendants().filter(|n| n.has_tag_name("title")).filter_map(|n| n.text()).collect();
    assert!(titles.iter().any(|t| t.contains("up to 12,000 soldiers")), "{titles:?}");
    assert!(titles.iter().any(|t| t.contains("more than about 10,000 soldiers")), "{titles:?}");
    assert_eq!(
        titles.iter().filter(|t| **t == "no lower bound" || **t == "no upper bound").count(),
        2,
        "both open bounds drawn as such"
    );
    let labels: Vec<&str> =
        doc.descendants().filter(|n| n.has_tag_name("text")).filter_map(|n| n.text()).collect();
    assert!(labels.contains(&"Oct 2024") && labels.contains(&"Dec"), "a real time axis: {labels:?}");
    assert!(
        labels.contains(&"Government of Ukraine") && labels.contains(&"John Kirby"),
        "one series per source"
    );
}

/// Chromium without a window, a sandbox or any network traffic of its own.
pub fn headless(browser: &str, profile: &std::path::Path) -> std::process::Command {
    let mut command = std::process::Command::new(browser);
    command
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"])
        .args(["--disable-background-networking", "--disable-component-update", "--disable-sync"])
        .arg(format!("--user-data-dir={}", profile.display()));
    command
}

pub fn chromium() -> Option<String> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|name| {
            std::process::Command::new(name).arg("--version").output().is_ok_and(|o| o.status.success())
        })
        .map(str::to_string)
}

#[test]
fn the_html_report_renders_in_a_browser_and_stays_inert() {
    let w = demo();
    w.ok(&[
        "add",
        "--metric",
        "kursk.area-held-by-ukraine",
        "--value",
        "about 250 sq mi",
        "--as-of",
        "2024-11",
        "--source",
        "<b>Blogger</b>",
        "--doc",
        "javascript:document.title='pwned'",
        "--quote",
        "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">",
    ]);
    let out = w.ok(&["report", "-o", "report.html"]);
    assert_eq!(out, "wrote report.html (4 metrics)\n");
    let html = std::fs::read_to_string(w.path().join("report.html")).unwrap();
    assert!(!html.contains("<script"), "no script in the page");
    assert!(!html.contains("href=\"javascript:"), "a javascript: URL never becomes a link");
    assert!(html.contains("&lt;script&gt;document.title="), "the payload is shown as text");
    assert!(!html.contains("http://") || !html.contains("src=\"http"), "nothing is loaded from the network");

    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CLAIMS_REQUIRE_CHROMIUM").is_none(),
            "chromium is required here but not installed"
        );
        eprintln!("skipped the browser half: chromium is not installed (scripts/test installs it)");
        return;
    };
    let profile = w.path().join("profile");
    let page = format!("file://{}", w.path().join("report.html").display());
    let run = headless(&browser, &profile)
        .args(["--enable-logging=stderr", "--v=0"])
        .args(["--virtual-time-budget=2000", "--dump-dom", &page])
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&run.stdout);
    let log = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "chromium failed: {log}");
    assert!(dom.contains("<title>Reported figures</title>"), "the title was not changed by any payload");
    assert!(!dom.contains("pwned</title>"));
    for figure in [
        "about 380 sq mi",
        "about 228 sq mi",
        "about -152 sq mi (about -40%)",
        "more than 3,000 soldiers",
        "less than about 1,200 soldiers",
    ] {
        assert!(dom.contains(figure), "the page shows {figure}");
    }
    assert!(dom.contains(r#"<a href="https://example.org/2024/12/27/north-korean-losses-in-kursk" rel="noopener noreferrer">John Kirby</a>"#), "figures link to their documents");
    assert!(dom.contains("&lt;b&gt;Blogger&lt;/b&gt;"), "a source name is text, not markup");
    assert!(!log.contains("Uncaught"), "no script error: {log}");
    let shot = w.path().join("report.png");
    let status = headless(&browser, &profile)
        .arg("--window-size=390,2400")
        .arg(format!("--screenshot={}", shot.display()))
        .arg(&page)
        .output()
        .unwrap();
    assert!(status.status.success());
    assert!(std::fs::metadata(&shot).unwrap().len() > 20_000, "a phone-sized screenshot with content");
}
