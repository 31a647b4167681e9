//! Charts and the HTML report on two real multi-source stories (in
//! tests/data/stories): the 2024 Valencia floods' death toll, 15 figures
//! from 11 sources over 5 days, and the Kursk incursion's territory, 10
//! figures from 5 sources over 5 months in km² and sq mi. Labels never
//! overlap (measured in headless Chromium when it is installed), the legend
//! names every source, the time axis suits the span, spans are bars, open
//! bounds short arrows, agreement a band, and the report hides no correction.
//!
//! Where the figures come from: each row's `note` names the outlet and the
//! date (Al Jazeera, WION, TASS citing EFE, Reuters, AP, The Independent,
//! time.news, 30 October–3 November 2024; Censor.NET, Ukrainska Pravda,
//! UNN, Reuters via RBC-Ukraine, Newsweek, Essanews, August–November 2024)
//! and `doc_url` the page; every `quote` is a paraphrase in our own words.

use crate::helper::Workdir;
use crate::report::{chromium, headless};
use roxmltree::{Document, Node};
use serde_json::Value;
use std::path::{Path, PathBuf};

const FLOOD: &str = "dana-2024.deaths";
const KURSK: &str = "kursk-2024.area-held";

fn story(file: &str, kind: &str) -> Workdir {
    let w = Workdir::new();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/stories").join(file);
    w.ok(&["import", path.to_str().unwrap(), "--new-metrics", kind]);
    w
}

fn flood() -> Workdir {
    story("valencia-flood-toll.csv", "cumulative")
}

fn kursk() -> Workdir {
    story("kursk-territory.csv", "level")
}

fn chart(w: &Workdir, metric: &str) -> String {
    w.ok(&["timeline", metric, "--chart", "chart.svg", "--force"]);
    std::fs::read_to_string(w.path().join("chart.svg")).unwrap()
}

fn texts<'a>(doc: &'a Document) -> Vec<Node<'a, 'a>> {
    doc.descendants().filter(|n| n.has_tag_name("text")).collect()
}

fn words(doc: &Document) -> Vec<String> {
    texts(doc).iter().filter_map(|n| n.text()).map(str::to_string).collect()
}

fn number(node: &Node, attribute: &str) -> f64 {
    node.attribute(attribute)
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("{attribute} of {node:?}"))
}

/// The x tick labels: texts just under the axis line, centred on a tick.
fn tick_labels(doc: &Document) -> Vec<String> {
    texts(doc)
        .into_iter()
        .filter(|n| n.attribute("text-anchor") == Some("middle") && n.attribute("transform").is_none())
        .filter(|n| n.prev_sibling_element().is_some_and(|l| l.has_tag_name("line")))
        .filter_map(|n| n.text().map(str::to_string))
        .collect()
}

fn titles(doc: &Document) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("title"))
        .filter_map(|n| n.text())
        .map(str::to_string)
        .collect()
}

#[test]
fn the_stories_are_real_multi_source_series() {
    let w = flood();
    let flood = w.json(&["timeline", FLOOD]);
    let rows = flood.as_array().unwrap();
    let mut sources: Vec<&str> = rows.iter().map(|r| r["source"].as_str().unwrap()).collect();
    sources.sort();
    sources.dedup();
    assert_eq!((rows.len(), sources.len()), (15, 11), "{sources:?}");
    assert_eq!(
        (rows[0]["as_of"].as_str(), rows[14]["as_of"].as_str()),
        (Some("2024-10-30"), Some("2024-11-03"))
    );

    let w = kursk();
    let kursk = w.json(&["timeline", KURSK]);
    let units: Vec<&str> =
        kursk.as_array().unwrap().iter().map(|r| r["stated_unit"].as_str().unwrap()).collect();
    assert_eq!(kursk.as_array().unwrap().len(), 10);
    assert!(units.contains(&"km²") && units.contains(&"sq mi"), "{units:?}");
}

#[test]
fn the_legend_names_every_source_drawn_and_every_kind_of_mark() {
    let w = flood();
    let svg = chart(&w, FLOOD);
    let doc = Document::parse(&svg).unwrap();
    let words = words(&doc);
    for source in [
        "CECOPI Valencia",
        "Generalitat Valenciana",
        "VOI",
        "WION",
        "Spanish Government",
        "EFE",
        "Ángel Víctor Torres",
        "Associated Press",
        "The Independent",
        "Reuters",
        "Pedro Sánchez",
    ] {
        assert!(words.iter().any(|w| w == source), "the legend names {source}: {words:?}");
    }
    for key in
        ["stated", "derived", "about", "bounds", "open bound", "month, quarter or year", "sources agree"]
    {
        assert!(words.iter().any(|w| w == key), "the key explains {key}: {words:?}");
    }
}

#[test]
fn the_time_axis_has_ticks_at_a_step_that_suits_the_span() {
    let w = flood();
    let doc_text = chart(&w, FLOOD);
    let ticks = tick_labels(&Document::parse(&doc_text).unwrap());
    assert!(ticks.len() >= 3, "five days get at least three ticks: {ticks:?}");
    for day in ["30 Oct", "31 Oct", "1 Nov", "2 Nov", "3 Nov"] {
        assert!(ticks.iter().any(|t| t == day), "a tick a day: {day} in {ticks:?}");
    }
    assert!(ticks[0].ends_with("2024"), "the first tick names the year: {ticks:?}");

    let w = kursk();
    let doc_text = chart(&w, KURSK);
    let ticks = tick_labels(&Document::parse(&doc_text).unwrap());
    assert_eq!(ticks, ["Jul 2024", "Aug", "Sep", "Oct", "Nov"], "months for five months");

    let w = Workdir::new();
    w.ok(&["metrics", "add", "one.day", "--kind", "level", "--unit", "people"]);
    w.ok(&["add", "--metric", "one.day", "--value", "12", "--as-of", "2024-05-01", "--source", "A"]);
    let doc_text = chart(&w, "one.day");
    let ticks = tick_labels(&Document::parse(&doc_text).unwrap());
    assert!(ticks.len() >= 3, "even one day has three ticks: {ticks:?}");
}

#[test]
fn labels_show_each_sources_latest_figure_and_the_extremes_and_every_mark_has_a_title() {
    let w = flood();
    let svg = chart(&w, FLOOD);
    let doc = Document::parse(&svg).unwrap();
    let labels: Vec<&str> = texts(&doc)
        .into_iter()
        .filter(|n| n.attribute("class") == Some("label"))
        .filter_map(|n| n.text())
        .collect();
    for figure in ["217", "at least 51", "211", "at least 205", "202"] {
        assert!(labels.contains(&figure), "labelled: {figure} in {labels:?}");
    }
    let titles = titles(&doc);
    for row in w.json(&["timeline", FLOOD]).as_array().unwrap() {
        let id = format!("#{} ", row["id"]);
        assert!(titles.iter().any(|t| t.starts_with(&id)), "a tooltip for {id}: {titles:?}");
    }
    assert!(titles.iter().any(|t| t == "#9 2024-10-31 — 158 people (Ángel Víctor Torres)"), "{titles:?}");
}

/// The `<rect>` drawn for a claim (a bar over its span), by its tooltip.
fn bar<'a>(doc: &'a Document, id: i64) -> Node<'a, 'a> {
    doc.descendants()
        .filter(|n| n.has_tag_name("rect"))
        .find(|n| {
            n.children()
                .any(|c| c.has_tag_name("title") && c.text().unwrap_or("").starts_with(&format!("#{id} ")))
        })
        .unwrap_or_else(|| panic!("no bar for #{id}"))
}

fn point<'a>(doc: &'a Document, id: i64) -> Node<'a, 'a> {
    doc.descendants()
        .filter(|n| n.has_tag_name("circle"))
        .find(|n| {
            n.children()
                .any(|c| c.has_tag_name("title") && c.text().unwrap_or("").starts_with(&format!("#{id} ")))
        })
        .unwrap_or_else(|| panic!("no point for #{id}"))
}

#[test]
fn a_month_figure_is_a_bar_over_its_whole_month_never_a_step_after_a_day_inside_it() {
    let w = flood();
    let add = |value: &str, as_of: &str| {
        w.ok(&[
            "add",
            "--metric",
            FLOOD,
            "--value",
            value,
            "--as-of",
            as_of,
            "--source",
            "Spanish Government",
        ])
        .trim()
        .parse::<i64>()
        .unwrap()
    };
    // the government's later updates: 222 by 10 November; and a total for the month
    let day = add("222", "2024-11-10");
    let month = add("at least 216", "2024-11");
    let svg = chart(&w, FLOOD);
    let doc = Document::parse(&svg).unwrap();
    let november = bar(&doc, month);
    let (x0, width) = (number(&november, "x"), number(&november, "width"));
    let inside = number(&point(&doc, day), "cx");
    let first_of_november = number(&point(&doc, 13), "cx"); // Reuters, 1 November
    assert!(
        x0 < inside && inside < x0 + width,
        "10 November lies on the November bar: {x0} {width} {inside}"
    );
    assert!(x0 < first_of_november, "the bar begins on 1 November, before the day's figures");
    let per_day = (number(&point(&doc, day), "cx") - number(&point(&doc, 14), "cx")) / 8.0; // 2 → 10 Nov
    assert!((width / per_day - 30.0).abs() < 1.5, "the bar covers 30 days: {width} at {per_day} a day");
    // the source's line joins its day figures only
    let center = format!("{:.1},", x0 + width / 2.0);
    for line in doc.descendants().filter(|n| n.has_tag_name("polyline")) {
        assert!(
            !line.attribute("points").unwrap().contains(&center),
            "the month's figure is not a step: {line:?}"
        );
    }
}

#[test]
fn an_open_bound_is_a_short_arrow_at_its_mark() {
    let w = flood();
    let svg = chart(&w, FLOOD);
    let doc = Document::parse(&svg).unwrap();
    let arrows: Vec<Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name("g"))
        .filter(|n| n.children().any(|c| c.has_tag_name("title") && c.text() == Some("no upper bound")))
        .collect();
    let open = w
        .json(&["timeline", FLOOD])
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["figure"]["high"].is_null())
        .count();
    assert_eq!(arrows.len(), open, "one arrow per \"at least\"");
    let plot_top = 40.0;
    for arrow in arrows {
        let path = arrow.children().find(|c| c.has_tag_name("path")).unwrap();
        let d = path.attribute("d").unwrap();
        // "M x,from V to ..."
        let from: f64 = d.split(',').nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
        let to: f64 = d.split(" V").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
        assert!(to < from && from - to <= 20.0, "short and upwards: {d}");
        assert!(to > plot_top + 1.0, "it stops short of the plot's edge: {d}");
    }
}

#[test]
fn figures_that_agree_on_one_span_form_a_consensus_band() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    // Kirby: more than 1,000 killed in the week, almost 10% of up to 12,000
    let svg = chart(&w, "dprk-troops.killed-weekly");
    let found = titles(&Document::parse(&svg).unwrap());
    assert!(found.iter().any(|t| t
            == "consensus: between more than 1,000 soldiers and less than about 1,200 soldiers (2 figures agree: #3, #4)"), "{found:?}");
    let flood = flood();
    let found = titles(&Document::parse(&chart(&flood, FLOOD)).unwrap());
    assert!(!found.iter().any(|t| t.starts_with("consensus")), "no band where sources disagree: {found:?}");
}

#[test]
fn the_report_shows_notes_marks_unsourced_claims_and_lists_corrections() {
    let w = flood();
    let unsourced = w.ok(&["add", "--metric", FLOOD, "--value", "about 200", "--as-of", "2024-11-02"]);
    let unsourced = unsourced.trim();
    w.ok(&["retract", "11", "--reason", "a stale caption repeating Wednesday's count"]);
    let correction = w.ok(&[
        "edit",
        "6",
        "--value",
        "at least 95",
        "--note",
        "sum of three regions",
        "--reason",
        "scope noted",
    ]);
    w.ok(&["report", "-o", "report.html"]);
    let html = std::fs::read_to_string(w.path().join("report.html")).unwrap();
    assert!(!html.contains("<script"), "no script in the page");
    assert!(
        html.contains("Televised statement from Moncloa, Saturday 2 November 2024"),
        "a claim's note is shown"
    );
    let row =
        html.split(&format!(r#"<tr id="claim-{unsourced}">"#)).nth(1).unwrap().split("</tr>").next().unwrap();
    assert!(row.contains(r#"<span class="tag unsourced">unsourced</span>"#), "{row}");
    let details =
        html.split("<details").nth(1).expect("corrections are listed").split("</details>").next().unwrap();
    assert!(details.contains("2 retracted or superseded claims"), "{details}");
    assert!(details.contains("retracted: a stale caption repeating Wednesday&#39;s count"), "{details}");
    assert!(
        details.contains(&format!(
            "superseded by #{}: scope noted",
            correction.split_whitespace().next().unwrap()
        )),
        "{details}"
    );
    assert!(details.contains("The Independent") && details.contains("Spanish Government"), "{details}");
}

/// Text boxes of an SVG by the layout's own estimate (rotated text aside).
fn estimated_boxes(svg: &str) -> Vec<(claims::report::layout::Rect, String)> {
    let doc = Document::parse(svg).unwrap();
    texts(&doc)
        .into_iter()
        .filter(|n| n.attribute("transform").is_none())
        .map(|n| {
            let size = n.attribute("font-size").and_then(|s| s.parse().ok()).unwrap_or(12.0);
            let text = n.text().unwrap_or("").to_string();
            let anchor = n.attribute("text-anchor").unwrap_or("start");
            (claims::report::layout::Rect::text(number(&n, "x"), number(&n, "y"), anchor, &text, size), text)
        })
        .collect()
}

fn overlaps(boxes: &[([f64; 4], String)]) -> Vec<String> {
    let mut found = Vec::new();
    for (i, (a, text_a)) in boxes.iter().enumerate() {
        for (b, text_b) in &boxes[i + 1..] {
            // half a pixel of anti-aliasing is not an overlap
            let meet = a[0] + 0.5 < b[2] && b[0] + 0.5 < a[2] && a[1] + 0.5 < b[3] && b[1] + 0.5 < a[3];
            if meet {
                found.push(format!("{text_a:?} {a:?} meets {text_b:?} {b:?}"));
            }
        }
    }
    found
}

/// The charts looked at: the two stories, and every chart of the demo.
fn charts_to_look_at() -> Vec<(String, String)> {
    let mut charts = Vec::new();
    let w = flood();
    charts.push(("flood".to_string(), chart(&w, FLOOD)));
    let w = kursk();
    charts.push(("kursk".to_string(), chart(&w, KURSK)));
    let w = Workdir::new();
    w.ok(&["demo"]);
    for metric in ["kursk.area-held-by-ukraine", "dprk-troops.deployed", "dprk-troops.killed-weekly"] {
        charts.push((metric.to_string(), chart(&w, metric)));
    }
    charts
}

#[test]
fn no_two_texts_overlap_by_the_layouts_own_measure() {
    for (name, svg) in charts_to_look_at() {
        let boxes: Vec<([f64; 4], String)> =
            estimated_boxes(&svg).into_iter().map(|(r, t)| ([r.x0, r.y0, r.x1, r.y1], t)).collect();
        let found = overlaps(&boxes);
        assert!(found.is_empty(), "{name}: {found:#?}");
    }
}

/// A page of the test's own (the chart stays script-free) that measures
/// every text of the chart in the browser and writes the boxes out.
fn measuring_page(svg: &str) -> String {
    format!(
        r#"<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0"><div id="chart" style="width:760px">{svg}</div><script>
const texts = [...document.querySelectorAll('#chart text')].map(t => {{
  const r = t.getBoundingClientRect();
  return {{ box: [r.left, r.top, r.right, r.bottom], text: t.textContent, label: t.getAttribute('class') === 'label', size: parseFloat(t.getAttribute('font-size') || '12'), rotated: t.hasAttribute('transform'), bold: t.getAttribute('font-weight') === 'bold' }};
}});
const pre = document.createElement('pre');
pre.id = 'boxes';
pre.textContent = JSON.stringify(texts);
document.body.appendChild(pre);
</script></body></html>"#
    )
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn screenshots() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("charts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn no_two_texts_overlap_in_a_browser_and_the_layout_measures_no_text_short() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CLAIMS_REQUIRE_CHROMIUM").is_none(),
            "chromium is required here but not installed"
        );
        eprintln!("skipped: chromium is not installed (scripts/test installs it)");
        return;
    };
    let w = Workdir::new();
    let profile = w.path().join("profile");
    for (name, svg) in charts_to_look_at() {
        let page = w.path().join(format!("{name}.html"));
        std::fs::write(&page, measuring_page(&svg)).unwrap();
        let url = format!("file://{}", page.display());
        let run = headless(&browser, &profile)
            .args(["--virtual-time-budget=2000", "--dump-dom", &url])
            .output()
            .unwrap();
        assert!(run.status.success(), "chromium failed: {}", String::from_utf8_lossy(&run.stderr));
        let dom = String::from_utf8_lossy(&run.stdout);
        let json =
            dom.split(r#"<pre id="boxes">"#).nth(1).and_then(|r| r.split("</pre>").next()).expect("measured");
        let measured: Value = serde_json::from_str(&unescape(json)).unwrap();
        let mut boxes = Vec::new();
        for text in measured.as_array().unwrap() {
            let b: Vec<f64> = text["box"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
            let words = text["text"].as_str().unwrap().to_string();
            // the layout measures what it places: titles stand alone
            if !text["rotated"].as_bool().unwrap() && !text["bold"].as_bool().unwrap() {
                let estimate = claims::report::layout::text_width(&words, text["size"].as_f64().unwrap());
                assert!(
                    b[2] - b[0] <= estimate,
                    "{name}: {words:?} is {} px wide, estimated {estimate}",
                    b[2] - b[0]
                );
            }
            boxes.push(([b[0], b[1], b[2], b[3]], words));
        }
        assert!(boxes.len() > 10, "{name}: {boxes:?}");
        let found = overlaps(&boxes);
        assert!(found.is_empty(), "{name}: texts meet in the browser: {found:#?}");
        // a picture for people: target/tmp/charts/*.png
        let picture = w.path().join(format!("{name}-picture.html"));
        std::fs::write(
            &picture,
            format!(r#"<body style="margin:0;overflow:hidden"><div style="width:760px">{svg}</div>"#),
        )
        .unwrap();
        let height =
            svg.split(r#"viewBox="0 0 760 "#).nth(1).and_then(|r| r.split('"').next()).unwrap_or("440");
        let shot = screenshots().join(format!("{name}.png"));
        let run = headless(&browser, &profile)
            .arg(format!("--window-size=760,{height}"))
            .arg(format!("--screenshot={}", shot.display()))
            .arg(format!("file://{}", picture.display()))
            .output()
            .unwrap();
        assert!(
            run.status.success() && std::fs::metadata(&shot).unwrap().len() > 10_000,
            "{name}: screenshot"
        );
    }
}

#[test]
fn a_crowded_chart_labels_what_fits_and_counts_the_sources_it_cannot_name() {
    // a layout limit, not a story: the flood's 217 relayed by 45 outlets
    // over 30 days, 600 figures in all
    let w = Workdir::new();
    let mut csv = String::from("metric,metric_kind,metric_unit,value,as_of,source\n");
    for i in 0..600 {
        let day = chrono::NaiveDate::from_ymd_opt(2024, 11, 3).unwrap() + chrono::Duration::days(i % 30);
        csv.push_str(&format!("crowd.deaths,cumulative,people,{},{day},Outlet {}\n", 217 + i % 7, i % 45));
    }
    std::fs::write(w.path().join("crowd.csv"), csv).unwrap();
    w.ok(&["import", "crowd.csv", "--new-metrics", "cumulative"]);
    let started = std::time::Instant::now();
    let svg = chart(&w, "crowd.deaths");
    assert!(started.elapsed().as_secs() < 20, "drawn in reasonable time");
    let words = words(&Document::parse(&svg).unwrap());
    assert!(words.iter().any(|w| w == "and 5 more sources (in the table)"), "{words:?}");
    let boxes: Vec<([f64; 4], String)> =
        estimated_boxes(&svg).into_iter().map(|(r, t)| ([r.x0, r.y0, r.x1, r.y1], t)).collect();
    assert_eq!(overlaps(&boxes), Vec::<String>::new());
    let titles = titles(&Document::parse(&svg).unwrap());
    assert!(titles.len() >= 600, "every mark keeps its tooltip");
}

#[test]
fn the_reports_summary_is_the_change_that_claims_change_gives() {
    let w = flood();
    w.ok(&["report", "-o", "report.html"]);
    let html = std::fs::read_to_string(w.path().join("report.html")).unwrap();
    let change = w.ok(&["change", FLOOD, "--from", "2024-10-30", "--to", "2024-11-03"]);
    assert!(change.contains("Spanish Government's own figures:\n"), "{change}");
    assert!(change.contains("change up to 122 people\n"), "{change}");
    assert!(
        html.contains(
            "Spanish Government&#39;s own figures: from at least 95 people (2024-10-30, #6) to 217 people (2024-11-03, #15): a change of up to 122 people."
        ),
        "one source's own change, never the mayor's figure against the government's"
    );
}
