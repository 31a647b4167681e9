//! Output people can rely on: an export's JSON re-imports, history and
//! all; CSV and TSV are flat; every command's JSON keeps the vocabulary of
//! docs/json.md, checked against its schema in docs/schema.

use crate::helper::Workdir;
use serde_json::Value;
use std::process::Output;

/// Runs `claims` in `w` as `user` at `now`; expects success.
fn at(w: &Workdir, now: &str, user: &str, args: &[&str]) -> String {
    let out: Output = w.command(args).env("CLAIMS_NOW", now).env("CLAIMS_USER", user).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{args:?}: {}{text}", String::from_utf8_lossy(&out.stderr));
    text
}

/// The demo ledger, then a correction on 19 November and a retraction on
/// 22 November by two people, as a desk works over a week.
fn corrected_ledger() -> Workdir {
    let w = Workdir::new();
    at(&w, "2026-11-18T09:00:00Z", "ana", &["demo"]);
    at(&w, "2026-11-19T10:00:00Z", "ben", &["edit", "2", "--value", "about 390 square miles"]);
    at(&w, "2026-11-22T16:30:00Z", "ana", &["retract", "5", "--reason", "a figure of wounded, not killed"]);
    w
}

/// Each claim's uid and status, as `list --all --as-of` shows them.
fn states(w: &Workdir, moment: &str) -> Vec<(String, String)> {
    let listed: Value =
        serde_json::from_str(&w.ok(&["list", "--all", "--as-of", moment, "--format", "json"])).unwrap();
    let mut states: Vec<(String, String)> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["uid"].as_str().unwrap().to_string(), c["status"].as_str().unwrap().to_string()))
        .collect();
    states.sort();
    states
}

#[test]
fn a_json_export_imports_into_a_new_ledger_as_the_same_claims() {
    let a = corrected_ledger();
    let json = a.ok(&["export", "--format", "json"]);
    let b = Workdir::new();
    b.write("claims.json", &json);
    let said = at(&b, "2026-11-24T08:00:00Z", "cleo", &["import", "claims.json"]);
    assert!(said.contains("7 rows, 7 added"), "{said}");
    assert_eq!(b.ok(&["export", "--format", "json"]), json, "export → import → export gives the same JSON");
    assert_eq!(b.ok(&["export"]), a.ok(&["export"]), "and the same CSV");
    assert!(b.ok(&["import", "claims.json"]).contains("0 added, 7 already present"));
    b.ok(&["verify"]);
}

#[test]
fn an_imported_export_answers_as_of_as_the_original() {
    let a = corrected_ledger();
    for format in ["json", "jsonl", "csv", "tsv"] {
        let b = Workdir::new();
        b.write("claims.txt", a.ok(&["export", "--format", format]));
        at(&b, "2026-11-24T08:00:00Z", "cleo", &["import", "claims.txt"]);
        for moment in
            ["2026-11-18", "2026-11-19T09:59:59Z", "2026-11-19", "2026-11-22T16:00:00Z", "2026-11-23"]
        {
            assert_eq!(states(&b, moment), states(&a, moment), "{format} export, as of {moment}");
        }
        let history = b.json(&["history", "5"]);
        let audit = &history["audit"][0];
        assert_eq!((&audit["at"], &audit["by"]), (&Value::from("2026-11-22T16:30:00Z"), &Value::from("ana")));
        b.ok(&["verify"]);
    }
    // the week as it went: the correction on the 19th, the retraction on the 22nd
    let before = states(&a, "2026-11-18");
    assert!(before.iter().all(|(_, status)| status == "active"), "{before:?}");
    let after = states(&a, "2026-11-23");
    assert_eq!(after.iter().filter(|(_, s)| s == "superseded").count(), 1, "{after:?}");
    assert_eq!(after.iter().filter(|(_, s)| s == "retracted").count(), 1, "{after:?}");
}

#[test]
fn an_export_says_when_and_by_whom_a_status_was_given() {
    let a = corrected_ledger();
    let claims: Value = serde_json::from_str(&a.ok(&["export", "--format", "json"])).unwrap();
    let by_id = |id: i64| claims.as_array().unwrap().iter().find(|c| c["id"] == id).unwrap().clone();
    let corrected = by_id(2);
    assert_eq!(
        (&corrected["status"], &corrected["status_at"], &corrected["status_by"]),
        (&Value::from("superseded"), &Value::from("2026-11-19T10:00:00Z"), &Value::from("ben"))
    );
    assert_eq!(by_id(5)["status_at"], "2026-11-22T16:30:00Z");
    assert_eq!((&by_id(1)["status_at"], &by_id(1)["entered_by"]), (&Value::Null, &Value::from("ana")));
}

#[test]
fn a_json_array_that_is_not_one_is_named_where_it_breaks() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    let json = w.ok(&["export", "--format", "json"]);
    let broken = json.replacen("},\n", "}\n", 1);
    let b = Workdir::new();
    b.kursk_metrics();
    b.write("broken.json", broken);
    let error = b.fails(&["import", "broken.json"]);
    assert!(error.contains("broken.json:3:3: expected , or ] after a claim"), "{error}");
    assert!(error.contains("hint: a JSON array of claim objects"), "{error}");
    assert_eq!(b.count("claims"), 0, "nothing written");
    let unknown = json.replacen("\"uid\"", "\"uuid\"", 1);
    b.write("unknown.json", unknown);
    let error = b.fails(&["import", "unknown.json"]);
    assert!(error.contains("unknown.json:2:1: unknown field \"uuid\""), "{error}");
}

/// A running total that goes down, for `check` to find: a count of North
/// Korean casualties in January below December's, from one source.
fn falls(w: &Workdir) {
    for (value, as_of) in [("about 4,000", "2024-12-31"), ("about 2,000", "2025-01")] {
        let args = ["add", "--metric", "dprk-troops.killed-or-wounded", "--value", value, "--as-of", as_of];
        w.ok(&[&args[..], &["--source", "Volodymyr Zelensky"]].concat());
    }
}

/// Every read command, as a user runs it on the demo ledger.
const READ_COMMANDS: &[&[&str]] = &[
    &["list", "--all"],
    &["show", "6"],
    &["metrics"],
    &["sources"],
    &["units"],
    &["timeline", "kursk.area-held-by-ukraine"],
    &["timeline", "dprk-troops.killed-weekly"],
    &["change", "kursk.area-held-by-ukraine", "--from", "2024-08", "--to", "2024-12-27"],
    &["compare", "dprk-troops.killed-weekly"],
    &["latest"],
    &["check"],
    &["verify"],
];

#[test]
fn csv_and_tsv_are_flat_and_agree() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    falls(&w);
    for command in READ_COMMANDS {
        let csv = w.ok(&[command, &["--format", "csv"][..]].concat());
        let tsv = w.ok(&[command, &["--format", "tsv"][..]].concat());
        let read = |text: &str, delimiter: u8| -> Vec<Vec<String>> {
            let mut reader = csv::ReaderBuilder::new()
                .delimiter(delimiter)
                .has_headers(false)
                .from_reader(text.as_bytes());
            reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect()
        };
        let (by_comma, by_tab) = (read(&csv, b','), read(&tsv, b'\t'));
        assert_eq!(by_comma, by_tab, "{command:?}: the same cells either way");
        assert!(by_comma.len() > 1, "{command:?}: a header and rows\n{csv}");
        for cell in by_comma.iter().flatten() {
            let json_inside =
                serde_json::from_str::<Value>(cell).is_ok_and(|v| v.is_object() || v.is_array());
            assert!(!json_inside, "{command:?}: JSON inside a cell: {cell}");
        }
    }
    let change = w.ok(&[
        "change",
        "kursk.area-held-by-ukraine",
        "--from",
        "2024-08",
        "--to",
        "2024-12-27",
        "--format",
        "csv",
    ]);
    let header = change.lines().next().unwrap();
    for column in ["before_figure_best", "after_figure_text", "change_percent_best", "claims"] {
        assert!(header.split(',').any(|c| c == column), "{column} in {header}");
    }
}

/// The schema a command's JSON is checked against.
fn schema(name: &str) -> jsonschema::Validator {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/schema").join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let schema: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    jsonschema::options()
        .with_retriever(Local)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `$ref`s between the schemas are files beside them.
struct Local;

impl jsonschema::Retrieve for Local {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let name = uri.as_str().rsplit('/').next().unwrap_or_default().to_string();
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/schema").join(name);
        Ok(serde_json::from_str(&std::fs::read_to_string(path)?)?)
    }
}

fn assert_valid(name: &str, output: &Value) {
    let validator = schema(name);
    let errors: Vec<String> =
        validator.iter_errors(output).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{name}: {}\n{output:#}", errors.join("\n"));
}

#[test]
fn the_schemas_refuse_what_the_vocabulary_does_not_say() {
    let figure = serde_json::json!({"text": "about 380 sq mi", "qualifier": "approx", "best": 380,
        "low": null, "high": null, "unit": "sq mi", "approx": true});
    assert!(schema("figure").is_valid(&figure));
    let mut entry: Value = serde_json::from_str(&{
        let w = Workdir::new();
        w.ok(&["demo"]);
        w.ok(&["timeline", "kursk.area-held-by-ukraine", "--format", "json"])
    })
    .unwrap();
    assert!(schema("timeline").is_valid(&entry));
    entry[0]["figure"] = Value::from("about 380 sq mi");
    assert!(!schema("timeline").is_valid(&entry), "a figure is an object");
    entry[0]["figure"] = figure;
    entry[0]["from"] = serde_json::json!({"text": "about 380 sq mi"});
    assert!(!schema("timeline").is_valid(&entry), "from is a date");
    entry[0]["from"] = Value::Null;
    entry[0]["id"] = Value::from("3, 4");
    assert!(!schema("timeline").is_valid(&entry), "an id is an integer");
}

#[test]
fn every_commands_json_matches_its_schema() {
    let w = corrected_ledger();
    falls(&w);
    at(
        &w,
        "2026-11-23T09:00:00Z",
        "ana",
        &[
            "add",
            "--metric",
            "kursk.area-held-by-ukraine",
            "--value",
            "about 1,000 km²",
            "--as-of",
            "2024-08-20",
            "--source",
            "Oleksandr Syrskyi",
        ],
    );
    // each command: the schema of its JSON, and that of each of its JSON Lines
    let cases: &[(&str, &str, &[&str])] = &[
        ("claims", "claim", &["list", "--all"]),
        ("claims", "claim", &["export"]),
        ("claim", "claim", &["show", "6"]),
        ("history", "history", &["history", "2"]),
        ("metrics", "metric", &["metrics"]),
        ("sources", "source", &["sources"]),
        ("units", "unit", &["units"]),
        ("timeline", "entry", &["timeline", "kursk.area-held-by-ukraine"]),
        ("timeline", "entry", &["timeline", "dprk-troops.killed-weekly"]),
        ("timeline", "entry", &["compare", "kursk.area-held-by-ukraine"]),
        (
            "change-result",
            "change-result",
            &["change", "kursk.area-held-by-ukraine", "--from", "2024-08", "--to", "2024-12-27"],
        ),
        ("latest", "latest-entry", &["latest"]),
        ("check", "finding", &["check"]),
        ("verify", "verify-check", &["verify"]),
    ];
    for (schema, line_schema, command) in cases {
        assert_valid(schema, &w.json(command));
        let lines = w.ok(&[command, &["--format", "jsonl"][..]].concat());
        assert!(!lines.is_empty(), "{command:?}");
        for line in lines.lines() {
            assert_valid(line_schema, &serde_json::from_str(line).unwrap());
        }
    }
    let added = at(
        &w,
        "2026-11-23T09:05:00Z",
        "ana",
        &[
            "add",
            "--metric",
            "dprk-troops.deployed",
            "--value",
            "about 11,000",
            "--as-of",
            "2024-11",
            "--source",
            "Pentagon",
            "--format",
            "json",
        ],
    );
    assert_valid("claim", &serde_json::from_str(&added).unwrap());
}

#[test]
fn extract_and_import_print_json_of_their_schemas() {
    let w = Workdir::new();
    w.kursk_metrics();
    std::fs::create_dir_all(w.path().join("articles")).unwrap();
    let article = w.data("articles/kursk-losses.txt");
    let args = ["extract", &article, "--stated", "2024-12-27", "--source", "News reports"];
    let candidates = w.json(&args);
    assert_valid("candidates", &candidates);
    assert!(
        candidates.as_array().unwrap().iter().any(|c| c["change_of"].is_string()),
        "the article's loss of 40% is a change of its 380 sq mi: {candidates:#}"
    );
    for line in w.ok(&[&args[..], &["--format", "jsonl"]].concat()).lines() {
        assert_valid("candidate", &serde_json::from_str(line).unwrap());
    }
    let a = corrected_ledger();
    let b = Workdir::new();
    b.write("claims.csv", a.ok(&["export"]));
    let dry = b.json(&["import", "claims.csv", "--dry-run"]);
    assert_valid("import-summary", &dry);
    assert_eq!((&dry["dry_run"], &dry["batch"]), (&Value::from(true), &Value::Null));
    let done = b.json(&["import", "claims.csv"]);
    assert_valid("import-summary", &done);
    assert_eq!((&done["added"], &done["carried"]), (&Value::from(7), &Value::from(0)));
    let again: Value = serde_json::from_str(&b.ok(&["import", "claims.csv", "--format", "jsonl"])).unwrap();
    assert_valid("import-summary", &again);
    assert_eq!(again["present"], 7);
}
