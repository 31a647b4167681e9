//! From an article into the ledger in one step: `claims extract` fills
//! every row from --doc, --stated, --metric and --source, and its CSV goes
//! straight into `claims import`, which takes the same flags as defaults.

use crate::helper::Workdir;
use serde_json::Value;

/// Figures of the Derna floods of September 2023 (WHO and Red Crescent
/// tolls as reported then), in sentences written for this test.
const DERNA: &str =
    "At least 3,958 people were killed by the floods in September, the World Health Organization said. \
    Earlier reports in September had put the toll at 11,300.\n";

const DOC: &str = "https://example.org/2023/09/18/derna-toll";

fn derna_ledger() -> Workdir {
    crate::helper::derna_article_ledger(DERNA)
}

/// `claims extract ARGS | claims import - IMPORT_ARGS`.
fn pipe(w: &Workdir, extract: &[&str], import: &[&str]) -> crate::helper::Run {
    let csv = w.ok(&[&["extract"], extract].concat());
    w.run_with_stdin(&[&["import", "-"], import].concat(), csv.as_bytes())
}

fn claims(w: &Workdir) -> Vec<Value> {
    w.json(&["list", "--all"]).as_array().unwrap().clone()
}

#[test]
fn the_csv_carries_uids_links_and_the_researchers_columns() {
    let w = derna_ledger();
    let csv = w.ok(&["extract", "derna.txt", "--stated", "2023-09-18"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "uid",
            "metric",
            "metric_hint",
            "value",
            "unit",
            "as_of",
            "from",
            "stated",
            "source",
            "affiliation",
            "quote",
            "note",
            "change_of",
            "share_of",
            "doc_url",
            "doc_title",
            "publisher"
        ]
    );
    let uids: Vec<String> = reader.records().map(|r| r.unwrap()[0].to_string()).collect();
    assert_eq!(uids.len(), 2, "{csv}");
    assert_ne!(uids[0], uids[1]);
    assert_eq!(
        csv,
        w.ok(&["extract", "derna.txt", "--stated", "2023-09-18"]),
        "the same article, the same rows"
    );
    let elsewhere = w.ok(&["extract", "derna.txt", "--stated", "2023-09-18", "--doc", DOC]);
    assert!(!elsewhere.contains(&uids[0]), "read in another document, other claims");
}

#[test]
fn an_article_of_one_metric_goes_into_the_ledger_in_one_step() {
    let w = derna_ledger();
    let extract = [
        "derna.txt",
        "--doc",
        DOC,
        "--doc-title",
        "Derna flood toll",
        "--publisher",
        "Example Wire",
        "--stated",
        "2023-09-18",
        "--metric",
        "derna.deaths",
        "--source",
        "Example Wire",
    ];
    let run = pipe(&w, &extract, &[]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert_eq!(run.stdout(), "imported stdin: 2 rows, 2 added, 0 already present (batch 1)\n");
    let mut got: Vec<Vec<String>> = claims(&w)
        .iter()
        .map(|c| {
            ["value", "as_of", "source", "doc_url", "publisher"]
                .map(|f| c[f].as_str().unwrap().to_string())
                .to_vec()
        })
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            ["11,300", "2023-09", "Example Wire", DOC, "Example Wire"],
            ["At least 3,958", "2023-09", "World Health Organization", DOC, "Example Wire"],
        ],
        "the claimant the text names is kept; --source fills only the row that names none"
    );
    for claim in claims(&w) {
        assert_eq!(claim["stated"], "2023-09-18");
        assert_eq!(claim["doc_title"], "Derna flood toll");
        assert!(DERNA.contains(claim["quote"].as_str().unwrap()), "the sentence is the quote: {claim}");
    }
    let again = pipe(&w, &extract, &[]);
    assert_eq!(
        again.stdout(),
        "imported stdin: 2 rows, 0 added, 2 already present (batch 2)\n",
        "extracting and importing the article twice adds nothing"
    );
}

#[test]
fn import_fills_only_the_empty_cells_and_may_lack_the_metric_column() {
    let w = derna_ledger();
    w.write(
        "rows.csv",
        "value,as_of,source,doc_url\n\
         \"at least 3,958\",2023-09-17,World Health Organization,\n\
         \"11,300\",2023-09-14,,https://example.org/red-crescent\n",
    );
    let out = w.ok(&[
        "import",
        "rows.csv",
        "--metric",
        "derna.deaths",
        "--source",
        "Example Wire",
        "--doc",
        DOC,
        "--stated",
        "18 Sep 2023",
    ]);
    assert!(out.starts_with("imported rows.csv: 2 rows, 2 added"), "{out}");
    let mut got: Vec<[String; 3]> = claims(&w)
        .iter()
        .map(|c| ["source", "doc_url", "stated"].map(|f| c[f].as_str().unwrap().to_string()))
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            ["Example Wire", "https://example.org/red-crescent", "2023-09-18"],
            ["World Health Organization", DOC, "2023-09-18"],
        ],
        "a cell the file fills is kept"
    );
}

#[test]
fn an_empty_metric_names_extracts_hint_and_bad_defaults_are_refused() {
    let w = derna_ledger();
    w.write(
        "hinted.csv",
        "metric,metric_hint,value,as_of\n\
         ,derna.deaths,\"at least 3,958\",2023-09-17\n\
         derna.deaths,,\"11,300\",2023-09-14\n",
    );
    let stderr = w.fails(&["import", "hinted.csv"]);
    assert!(stderr.contains("hinted.csv:2:1 (metric): metric is required"), "{stderr}");
    assert!(stderr.contains("hint: extract suggests derna.deaths (its metric_hint column)"), "{stderr}");
    assert!(stderr.contains("1 bad row of 2"), "the hint column is read, never imported: {stderr}");
    assert_eq!(w.count("claims"), 0);

    let stderr = w.fails(&["import", "hinted.csv", "--metric", "derna.death"]);
    assert!(stderr.contains("--metric: unknown metric \"derna.death\""), "{stderr}");
    assert!(stderr.contains("did you mean derna.deaths?"), "{stderr}");
    let stderr = w.fails(&["extract", "derna.txt", "--metric", "Derna Deaths"]);
    assert!(stderr.contains("--metric: \"Derna Deaths\" is not a metric key"), "{stderr}");

    let fresh = Workdir::new();
    fresh.write("rows.csv", "metric,value,as_of\nx.y,1,2024\n");
    let stderr = fresh.fails(&["import", "rows.csv", "--stated", "the other day"]);
    assert!(stderr.contains("--stated: cannot read the date \"the other day\""), "{stderr}");
    assert!(!fresh.db().exists(), "a bad flag creates no ledger");
}

/// The seed article, metrics declared first. Its figures are of four
/// metrics and one is a share whose base the text leaves vague: the rows
/// import cannot take are set aside with their errors, and the loss of
/// territory goes in linked to the 380 it is a change of.
#[test]
fn the_seed_article_goes_into_the_ledger_in_one_step_with_its_relative_figure_linked() {
    let w = Workdir::new();
    for (key, kind, unit, label) in [
        (
            "dprk-troops.killed-weekly",
            "period",
            "soldiers",
            "North Korean soldiers killed or wounded in one week",
        ),
        (
            "dprk-troops.killed-or-wounded",
            "cumulative",
            "soldiers",
            "North Korean soldiers killed or wounded, in all",
        ),
        ("dprk-troops.deployed", "level", "soldiers", "North Korean troops sent to Russia"),
        ("kursk.area-held-by-ukraine", "level", "sq mi", "Kursk territory held by Ukraine"),
    ] {
        w.ok(&["metrics", "add", key, "--kind", kind, "--unit", unit, "--label", label]);
    }
    w.ok(&["units", "alias", "troops", "soldiers"]);
    std::fs::create_dir_all(w.path().join("articles")).unwrap();
    let article = w.data("articles/kursk-losses.txt");
    let url = "https://example.org/2024/12/27/kursk";
    let run = pipe(&w, &[&article, "--doc", url, "--stated", "2024-12-27"], &["--skip-bad", "rejects.csv"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let claims = claims(&w);
    let rejected = match std::fs::read_to_string(w.path().join("rejects.csv")) {
        Ok(text) => csv::Reader::from_reader(text.as_bytes()).records().count(),
        Err(_) => 0,
    };
    assert_eq!(claims.len() + rejected, 6, "every figure imported or set aside: {}", run.stdout());
    let text = std::fs::read_to_string(w.path().join(&article)).unwrap().replace('\n', " ");
    for claim in &claims {
        assert_eq!(claim["doc_url"], url);
        assert!(text.contains(claim["quote"].as_str().unwrap()), "quotes kept: {claim}");
    }
    let by_value =
        |v: &str| claims.iter().find(|c| c["value"] == v).unwrap_or_else(|| panic!("no {v} in {claims:?}"));
    let (held, lost) = (by_value("about 380"), by_value("about -40%"));
    assert_eq!(lost["change_of_uid"], held["uid"], "the loss is stored as a change of the 380");
    assert_eq!(lost["metric"], "kursk.area-held-by-ukraine", "a change measures what its base does");
    let timeline = w.json(&["timeline", "kursk.area-held-by-ukraine"]);
    assert_eq!(timeline[1]["figure"]["text"], "about 228 sq mi", "{timeline}");
}

/// A ledger with the metrics of the seed article (as `claims demo` has
/// them), and troops counted as soldiers.
fn kursk_ledger() -> Workdir {
    let w = Workdir::new();
    for (key, kind, unit, label) in [
        ("dprk-troops.deployed", "level", "soldiers", "North Korean troops sent to Russia"),
        (
            "dprk-troops.killed-or-wounded",
            "cumulative",
            "soldiers",
            "North Korean soldiers killed or wounded, in all",
        ),
        ("dprk-troops.killed-weekly", "period", "soldiers", "North Korean soldiers killed in one week"),
        ("kursk.area-held-by-ukraine", "level", "sq mi", "Kursk territory held by Ukraine"),
    ] {
        w.ok(&["metrics", "add", key, "--kind", kind, "--unit", unit, "--label", label]);
    }
    w.ok(&["units", "alias", "troops", "soldiers"]);
    w
}

#[test]
fn the_seed_article_lands_whole_in_a_ledger_with_its_metrics() {
    let w = kursk_ledger();
    let article = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/articles/kursk-losses.txt");
    let doc = "https://example.org/2024/12/27/kursk";
    let run = pipe(&w, &[article, "--doc", doc, "--stated", "2024-12-27"], &[]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert_eq!(run.stdout(), "imported stdin: 6 rows, 6 added, 0 already present (batch 1)\n");
    let claims = claims(&w);
    let by_value =
        |v: &str| claims.iter().find(|c| c["value"] == v).unwrap_or_else(|| panic!("{v}: {claims:?}"));
    let got = |v: &str| {
        ["metric", "unit", "as_of", "from"].map(|f| by_value(v)[f].as_str().unwrap_or("").to_string())
    };
    assert_eq!(got("More than 1,000"), ["dprk-troops.killed-weekly", "soldiers", "2024-12-27", "2024-12-21"]);
    assert_eq!(got("more than 3,000"), ["dprk-troops.killed-or-wounded", "soldiers", "2024-12-27", ""]);
    assert_eq!(got("up to 12,000"), ["dprk-troops.deployed", "troops", "2024-10", ""]);
    assert_eq!(
        got("about 380"),
        ["kursk.area-held-by-ukraine", "sq mi", "2024-08", ""],
        "square miles in the metric's spelling"
    );
    assert_eq!(got("about -40%"), ["kursk.area-held-by-ukraine", "%", "2024-12-27", ""]);
    // the share restates Kirby's weekly toll, as a part of the deployment the text names
    assert_eq!(got("almost 10%"), ["dprk-troops.killed-weekly", "%", "2024-12-27", "2024-12-21"]);
    let share = by_value("almost 10%");
    assert_eq!(share["share_of"], by_value("up to 12,000")["id"]);
    assert_eq!(share["share_of_uid"], by_value("up to 12,000")["uid"]);
    assert_eq!(share["note"], "a share of the North Korean force deployed to the region");
    assert_eq!(by_value("about -40%")["change_of"], by_value("about 380")["id"]);
    assert_eq!(by_value("about -40%")["change_of_uid"], by_value("about 380")["uid"]);
    let timeline = w.json(&["timeline", "kursk.area-held-by-ukraine"]);
    assert_eq!(timeline[1]["figure"]["text"], "about 228 sq mi", "{timeline}");
}

#[test]
fn a_share_whose_base_the_ledger_does_not_measure_keeps_it_in_the_note() {
    let w = Workdir::new();
    w.ok(&["metrics", "add", "dprk-troops.killed-weekly", "--kind", "period", "--unit", "soldiers"]);
    w.write(
        "kirby.txt",
        "More than 1,000 North Korean soldiers were killed this past week, John Kirby said on Friday. \
         That is almost 10% of the North Korean force deployed to the region, he told reporters.\n",
    );
    let csv = w.ok(&["extract", "kirby.txt", "--stated", "2024-12-27"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let field = |r: &csv::StringRecord, f: &str| r[headers.iter().position(|h| h == f).unwrap()].to_string();
    let share = rows.iter().find(|r| field(r, "value") == "almost 10%").expect("the share");
    assert_eq!(field(share, "share_of"), "");
    assert_eq!(field(share, "metric"), "", "a percentage of no base is no count's: {csv}");
    assert_eq!(field(share, "note"), "a share of the North Korean force deployed to the region");
}

#[test]
fn on_the_demo_ledger_the_seed_article_lands_whole_and_keeps_the_recorded_affiliation() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    let before = claims(&w).len();
    let article = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/articles/kursk-losses.txt");
    let run = pipe(&w, &[article, "--doc", "https://example.org/kursk", "--stated", "2024-12-27"], &[]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(run.stdout().contains("6 rows, 6 added"), "{}", run.stdout());
    let claims = claims(&w);
    assert_eq!(claims.len(), before + 6);
    let kirby = claims.iter().find(|c| c["value"] == "More than 1,000").unwrap();
    assert_eq!(kirby["affiliation"], "U.S. National Security Council", "the ledger's record of him stands");
    assert_eq!(kirby["note"], "the text calls John Kirby \"U.S. National Security Council spokesman\"");
}

/// Morocco's post-earthquake rebuilding plan of 20 September 2023, as the royal palace
/// announced it, in sentences written for this test.
const MOROCCO_PLAN: &str = "Morocco will spend 120 billion Moroccan dirhams over five years to rebuild the \
    areas the earthquake hit, the royal palace said on Wednesday. In dollars the plan is worth $11.7 billion, \
    the palace said.\n";

#[test]
fn money_is_kept_in_its_currency_and_never_converted_to_another() {
    let w = Workdir::new();
    w.ok(&["metrics", "add", "morocco.reconstruction-budget", "--kind", "level", "--unit", "MAD"]);
    w.write("plan.txt", MOROCCO_PLAN);
    let extract = ["plan.txt", "--stated", "2023-09-20", "--metric", "morocco.reconstruction-budget"];
    let csv = w.ok(&[&["extract"], &extract[..]].concat());
    assert!(csv.contains(",120 billion,MAD,2023-09-20,"), "{csv}");
    assert!(csv.contains(",11.7 billion,USD,2023-09-20,"), "{csv}");
    // the dollar figure cannot join a ledger in dirhams: no exchange rate is guessed
    let run = pipe(&w, &extract, &[]);
    assert_ne!(run.code(), 0);
    assert!(run.stderr().contains("USD and MAD are different currencies"), "{}", run.stderr());
    assert_eq!(w.count("claims"), 0, "a failed import writes nothing");
    let run = pipe(&w, &extract, &["--skip-bad", "rejects.csv"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let timeline = w.json(&["timeline", "morocco.reconstruction-budget"]);
    assert_eq!(timeline[0]["figure"]["text"], "120,000,000,000 MAD", "{timeline}");
    assert_eq!(timeline.as_array().unwrap().len(), 1, "{timeline}");
    let rejects = std::fs::read_to_string(w.path().join("rejects.csv")).unwrap();
    assert!(rejects.contains("11.7 billion"), "{rejects}");
}
