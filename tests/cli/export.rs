//! `claims export`: a faithful copy that re-imports as the same ledger,
//! and safe to open in a spreadsheet.

use crate::helper::Workdir;
use proptest::prelude::*;

#[test]
fn csv_export_reimports_as_the_same_ledger() {
    let a = Workdir::new();
    a.ok(&["demo"]);
    let file = a.data("quoted_commas_newlines.csv");
    a.ok(&["import", &file]);
    let first = a.ok(&["export"]);

    let b = Workdir::new();
    b.write("copy.csv", &first);
    b.ok(&["import", "copy.csv"]);
    assert_eq!(b.ok(&["export"]), first, "export → import → export gives the same bytes");
    assert_eq!(
        b.ok(&["import", "copy.csv"]),
        "imported copy.csv: 10 rows, 0 added, 10 already present (batch 2)\n"
    );
}

#[test]
fn jsonl_export_reimports_through_csv_the_same() {
    let a = Workdir::new();
    a.ok(&["demo"]);
    let jsonl = a.ok(&["export", "--format", "jsonl"]);
    let b = Workdir::new();
    b.write("copy.csv", a.ok(&["export"]));
    b.ok(&["import", "copy.csv"]);
    assert_eq!(b.ok(&["export", "--format", "jsonl"]), jsonl);
    let parsed: serde_json::Value = serde_json::from_str(&a.ok(&["export", "--format", "json"])).unwrap();
    assert_eq!(parsed.as_array().unwrap().len(), 6);
    assert_eq!(parsed[5]["change_of_uid"], "demo-kursk-area-aug");
    assert_eq!(parsed[5]["change_of"], 2);
}

#[test]
fn formulas_are_neutralised_in_csv_but_kept_verbatim() {
    let w = Workdir::new();
    w.kursk_metrics();
    let payload = "=HYPERLINK(\"http://evil.example\",\"click\")";
    w.ok(&[
        "add",
        "--metric",
        "kursk.area-held-by-ukraine",
        "--value",
        "about 380",
        "--as-of",
        "2024-08",
        "--quote",
        payload,
        "--note",
        "@SUM(A1)",
    ]);
    w.ok(&[
        "add",
        "--metric",
        "kursk.area-held-by-ukraine",
        "--value",
        "-40%",
        "--as-of",
        "2024-12",
        "--change-of",
        "1",
    ]);

    let csv = w.ok(&["export"]);
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\""), "{csv}");
    assert!(csv.contains(",'@SUM(A1),"), "{csv}");
    assert!(csv.contains(",-40%,"), "a signed figure stays a usable number: {csv}");
    let json = w.json(&["list"]);
    assert_eq!(json[0]["quote"], payload, "JSON has the payload verbatim");

    let b = Workdir::new();
    b.write("copy.csv", &csv);
    b.ok(&["import", "copy.csv"]);
    assert_eq!(b.json(&["show", "1"])["quote"], payload, "stored verbatim after the round trip");

    assert_eq!(b.ok(&["export"]), csv);
}

#[test]
fn export_to_a_file_with_filters() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    let run = w.run(&["export", "--metric", "kursk.area-held-by-ukraine", "-o", "kursk.csv"]);
    assert_eq!(run.code(), 0);
    assert!(run.stderr().starts_with("exported 2 claims to kursk.csv (head "), "{}", run.stderr());
    let text = std::fs::read_to_string(w.path().join("kursk.csv")).unwrap();
    assert_eq!(text.lines().count(), 3);
    assert!(!w.path().join("kursk.csv.partial").exists());
}

fn figure() -> impl Strategy<Value = String> {
    prop_oneof![
        (1u32..100_000).prop_map(|n| n.to_string()),
        (1u32..100_000).prop_map(|n| format!("about {n}")),
        (1u32..100_000).prop_map(|n| format!("more than {n}")),
        (1u32..100_000).prop_map(|n| format!("up to {n}")),
        (1u32..5_000, 1u32..5_000).prop_map(|(a, b)| format!("{}–{}", a, a + b)),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z ,.\"'=+@-]{1,30}",
        "\\PC{1,20}",
        Just("line one\nline two, \"quoted\"".to_string()),
        Just("Суджа, Курская область".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn random_claims_survive_export_import_export(rows in prop::collection::vec((figure(), text(), text(), 1u32..28), 1..6)) {
        let a = Workdir::new();
        a.kursk_metrics();
        for (value, quote, place, day) in &rows {
            let date = format!("2024-03-{day:02}");
            let mut args = vec!["add", "--metric", "dprk-troops.deployed", "--value", value, "--as-of", &date, "--source", "Source A"];
            if !quote.trim().is_empty() { args.extend(["--quote", quote]); }
            if !place.trim().is_empty() { args.extend(["--place", place]); }
            a.ok(&args);
        }
        let first = a.ok(&["export"]);
        let b = Workdir::new();
        b.write("copy.csv", &first);
        b.ok(&["import", "copy.csv"]);
        prop_assert_eq!(b.ok(&["export"]), first.clone());
        prop_assert_eq!(b.ok(&["export", "--format", "jsonl"]), a.ok(&["export", "--format", "jsonl"]));
    }
}

#[test]
fn json_lines_import_as_the_same_ledger() {
    let a = Workdir::new();
    a.ok(&["demo"]);
    a.ok(&[
        "add",
        "--metric",
        "kursk.area-held-by-ukraine",
        "--value",
        "about 250",
        "--as-of",
        "2024-11",
        "--quote",
        "=1+1 and 'quotes', \"too\"\nsecond line",
    ]);
    a.ok(&["edit", "2", "--value", "about 390 square miles"]);
    let jsonl = a.ok(&["export", "--format", "jsonl"]);
    let b = Workdir::new();
    b.write("copy.jsonl", &jsonl);
    assert_eq!(
        b.ok(&["import", "copy.jsonl"]),
        "imported copy.jsonl: 8 rows, 8 added, 0 already present (batch 1)\n"
    );
    assert_eq!(
        b.ok(&["export", "--format", "jsonl"]),
        jsonl,
        "export → import → export gives the same bytes"
    );
    assert_eq!(
        b.json(&["show", "7"])["quote"],
        "=1+1 and 'quotes', \"too\"\nsecond line",
        "JSON values are verbatim"
    );
    assert_eq!(
        b.ok(&["import", "copy.jsonl"]),
        "imported copy.jsonl: 8 rows, 0 added, 8 already present (batch 2)\n"
    );

    let mut broken: Vec<&str> = jsonl.lines().collect();
    broken.insert(3, "{\"metric\": \"kursk.area-held-by-ukraine\", \"value\": ");
    b.write("broken.jsonl", broken.join("\n"));
    let stderr = b.fails(&["import", "broken.jsonl"]);
    assert!(stderr.contains("broken.jsonl:4:"), "{stderr}");
    assert!(stderr.contains("not a JSON object"), "{stderr}");
    b.write("odd.jsonl", "{\"metric\": \"kursk.area-held-by-ukraine\", \"value\": \"about 1\", \"as_of\": \"2024\", \"colour\": \"red\"}\n");
    let stderr = b.fails(&["import", "odd.jsonl"]);
    assert!(stderr.contains("odd.jsonl:1:1: unknown field \"colour\""), "{stderr}");
}

#[test]
fn a_retired_metric_and_a_renamed_ones_old_keys_travel_with_the_export() {
    let a = Workdir::new();
    a.ok(&["demo"]);
    a.ok(&["metrics", "rename", "dprk-troops.deployed", "dprk-troops.in-russia"]);
    a.ok(&["metrics", "retire", "kursk.area-held-by-ukraine"]);
    let metrics = |w: &Workdir| w.ok(&["metrics", "--all", "--format", "json"]);
    let exported = a.json(&["export"]);
    let weekly =
        exported.as_array().unwrap().iter().find(|c| c["metric"] == "dprk-troops.killed-weekly").unwrap();
    assert_eq!(weekly["metric_part_of"], "dprk-troops.killed-or-wounded");
    let sent = exported.as_array().unwrap().iter().find(|c| c["metric"] == "dprk-troops.in-russia").unwrap();
    assert_eq!(sent["metric_old_keys"], serde_json::json!(["dprk-troops.deployed"]));
    for format in ["csv", "tsv", "json", "jsonl"] {
        let b = Workdir::new();
        b.write("claims.txt", a.ok(&["export", "--format", format]));
        b.ok(&["import", "claims.txt"]);
        assert_eq!(metrics(&b), metrics(&a), "{format}: the same metrics --all");
        let by_old_key = b.json(&["list", "--metric", "dprk-troops.deployed"]);
        assert_eq!(by_old_key[0]["metric"], "dprk-troops.in-russia", "{format}");
        assert!(!b.ok(&["metrics"]).contains("kursk.area-held-by-ukraine"), "{format}: still retired");
        assert!(b.ok(&["import", "claims.txt"]).contains("0 added, 6 already present"), "{format}");
    }
}

/// An export reads the claims table alone and puts in each claim's metric,
/// source (as merged), document and newest audit entry from maps: each must
/// be the claim's own, as `show` reads it through joins and as entered.
#[test]
fn export_gives_each_claim_its_own_metric_source_document_and_status() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    w.ok(&["import", &w.data("quoted_commas_newlines.csv")]);
    w.ok(&["edit", "2", "--value", "about 390 square miles", "--reason", "typo", "--by", "alice"]);
    w.ok(&["retract", "1", "--reason", "withdrawn", "--by", "bob"]);
    let add = ["add", "--metric", "kursk.area-held-by-ukraine", "--value", "about 500", "--as-of", "2024-09"];
    let spelt =
        ["--source", "J. Kirby", "--doc", "https://example.org/kirby", "--doc-title", "Kirby on Kursk"];
    assert_eq!(w.ok(&[&add[..], &spelt].concat()), "12\n");
    w.ok(&["sources", "merge", "J. Kirby", "John Kirby"]);

    let exported = w.json(&["export"]);
    let claims = exported.as_array().unwrap();
    assert_eq!(claims.len(), 12);
    for claim in claims {
        let shown = w.json(&["show", &claim["id"].to_string()]);
        for (field, value) in shown.as_object().unwrap() {
            if let Some(got) = claim.get(field) {
                assert_eq!(got, value, "claim {} {field}", claim["id"]);
            }
        }
    }
    let expected = [
        (1, "metric", "dprk-troops.deployed"),
        (1, "metric_label", "North Korean troops sent to Russia"),
        (1, "source", "Government of Ukraine"),
        (1, "status_by", "bob"),
        (2, "metric_unit", "sq mi"),
        (2, "source_kind", "outlet"),
        (2, "publisher", "Example Wire"),
        (2, "status", "superseded"),
        (2, "status_by", "alice"),
        (5, "metric", "dprk-troops.killed-or-wounded"),
        (5, "affiliation", "President of Ukraine"),
        (7, "doc_title", "Ukraine holds 1,000 km² of Kursk, commander says"),
        (7, "source", "Oleksandr Syrskyi"),
        (9, "doc_url", "https://example.org/2024/12/27/kirby"),
        (12, "source", "John Kirby"),
        (12, "source_kind", "person"),
        (12, "affiliation", "U.S. National Security Council"),
        (12, "doc_title", "Kirby on Kursk"),
    ];
    for (id, field, value) in expected {
        assert_eq!(claims[id - 1][field], value, "claim {id} {field}");
    }
    for (id, field) in [(3, "status_at"), (7, "publisher"), (12, "published"), (6, "affiliation")] {
        assert!(claims[id - 1][field].is_null(), "claim {id} {field}: {}", claims[id - 1][field]);
    }
    assert!(claims[0]["status_at"].is_string());
    assert_eq!(
        w.ok(&["export", "--search", ""]),
        w.ok(&["export"]),
        "read through the joins (a search does) or from the maps, the same CSV"
    );
}
