//! `claims extract FILE --review`, driven through a real pseudo-terminal:
//! keystrokes in, then the ledger checked.

use crate::guided::{answer, settle, spawn};
use crate::helper::Workdir;
use rexpect::session::PtySession;

/// Figures of the Derna floods of September 2023 (the WHO's toll and the
/// UN's count of the missing), in sentences written for this test.
const ARTICLE: &str = "At least 3,958 people were killed by the floods, the World Health Organization said. \
    More than 9,000 people were still missing, the UN humanitarian office said.\n";

const DOC: &str = "https://example.org/2023/09/18/derna-toll";

fn ledger() -> Workdir {
    crate::helper::derna_article_ledger(ARTICLE)
}

fn review(w: &Workdir) -> PtySession {
    spawn(w, &["extract", "derna.txt", "--stated", "2023-09-18", "--doc", DOC, "--review"])
}

/// Picks a field to edit and types its new value over the old one.
fn edit(p: &mut PtySession, field: &str, value: &str) {
    answer(p, "What to do with it?", "edit");
    answer(p, "Which field?", field);
    p.exp_regex("Enter keeps what is shown|of this review").unwrap();
    settle();
    // erase what is shown (the field's current value), then type
    p.send(&"\x7f".repeat(80)).unwrap();
    p.send(&format!("{value}\r")).unwrap();
    p.flush().unwrap();
}

fn claims(w: &Workdir) -> Vec<serde_json::Value> {
    w.json(&["list", "--all"]).as_array().unwrap().clone()
}

#[test]
fn review_accepts_edits_and_declares_then_saves_in_one_go() {
    let w = ledger();
    let mut p = review(&w);
    p.exp_string("candidate 1 of 2").unwrap();
    p.exp_string("At least 3,958").unwrap();
    // a slip of the researcher's: the interval starts after it ends
    edit(&mut p, "as_of", "2023-09-17");
    edit(&mut p, "from", "2023-09-18");
    answer(&mut p, "What to do with it?", "accept");
    p.exp_string("not accepted yet").unwrap();
    p.exp_string("from 2023-09-18 is after as_of 2023-09-17").expect("checked as claims add checks");
    edit(&mut p, "from", "");
    answer(&mut p, "What to do with it?", "choose");
    answer(&mut p, "Metric:", "derna.deaths");
    answer(&mut p, "What to do with it?", "accept");

    p.exp_string("candidate 2 of 2").unwrap();
    // (rexpect reads the terminal's bytes one char each: » is C2 BB, « is C2 AB)
    p.exp_string("\u{c2}\u{bb}More than 9,000 people\u{c2}\u{ab} were still missing")
        .expect("the figure highlighted in its sentence (»…« with NO_COLOR)");
    answer(&mut p, "What to do with it?", "choose");
    p.exp_string("Metric:").unwrap();
    settle();
    p.send("\x1b[B\r").unwrap(); // down once: a new metric
    p.flush().unwrap();
    answer(&mut p, "Key of the new metric:", "derna.missing");
    answer(&mut p, "is a new metric. Declare it?", "y");
    answer(&mut p, "Kind:", "");
    answer(&mut p, "Unit of the metric:", "people");
    edit(&mut p, "as_of", "2023-09-17");
    edit(&mut p, "source", "UN OCHA");
    answer(&mut p, "What to do with it?", "accept");
    answer(&mut p, "Save 2 accepted claims (0 skipped)?", "y");
    p.exp_string("saved 2 claims: 1, 2").unwrap();
    p.exp_eof().unwrap();

    let claims = claims(&w);
    let got: Vec<[&str; 5]> = claims
        .iter()
        .map(|c| ["metric", "value", "as_of", "source", "doc_url"].map(|f| c[f].as_str().unwrap_or("")))
        .collect();
    assert_eq!(
        got,
        [
            ["derna.deaths", "At least 3,958", "2023-09-17", "World Health Organization", DOC],
            ["derna.missing", "More than 9,000", "2023-09-17", "UN OCHA", DOC],
        ]
    );
    assert!(claims.iter().all(|c| ARTICLE.contains(c["quote"].as_str().unwrap())), "quotes kept");
    assert!(claims[0]["from"].is_null(), "an erased field is empty");
    let metrics = w.json(&["metrics"]);
    let missing = metrics.as_array().unwrap().iter().find(|m| m["key"] == "derna.missing").cloned().unwrap();
    assert_eq!((missing["kind"].as_str(), missing["unit"].as_str()), (Some("level"), Some("people")));
    // saved as one import batch of the article, as claims import saves a file
    use sha2::Digest;
    let sha: String = sha2::Sha256::digest(ARTICLE.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(
        w.sql("SELECT file_name || ' ' || file_size || ' ' || rows_read || ' ' || rows_added || ' ' || sha256 FROM import_batches"),
        format!("derna.txt {} 2 2 {sha}", ARTICLE.len())
    );
    assert_eq!(w.count("import_batches"), 1);
    assert_eq!(w.json(&["show", "2"])["imported_from"], "derna.txt:2", "the line is the candidate's number");
    let history = w.ok(&["history", "2"]);
    assert!(history.contains("tester"), "entered by the reviewer: {history}");

    // the same article again: its figures are known by their uids
    let mut p = review(&w);
    p.exp_string("already in the ledger as claim 1").unwrap();
    answer(&mut p, "What to do with it?", "accept");
    p.exp_string("this figure is already in the ledger as claim 1").unwrap();
    answer(&mut p, "What to do with it?", "quit");
    p.exp_string("quit: nothing saved").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(w.count("claims"), 2);
}

#[test]
fn quitting_cancelling_or_skipping_everything_saves_nothing() {
    let w = ledger();
    let mut p = review(&w);
    answer(&mut p, "What to do with it?", "choose");
    p.exp_string("Metric:").unwrap();
    settle();
    p.send("\x1b[B\r").unwrap();
    p.flush().unwrap();
    answer(&mut p, "Key of the new metric:", "derna.toll");
    answer(&mut p, "is a new metric. Declare it?", "y");
    answer(&mut p, "Kind:", "");
    answer(&mut p, "Unit of the metric:", "people");
    edit(&mut p, "as_of", "2023-09-17");
    answer(&mut p, "What to do with it?", "accept");
    p.exp_string("candidate 2 of 2").unwrap();
    answer(&mut p, "What to do with it?", "quit");
    p.exp_string("quit: nothing saved").unwrap();
    p.exp_eof().unwrap();
    assert_eq!((w.count("claims"), w.count("metrics")), (0, 1), "neither the claim nor its new metric");
    assert_eq!(w.count("import_batches"), 0, "nor a batch");

    let mut p = review(&w);
    p.exp_string("What to do with it?").unwrap();
    settle();
    p.send_control('c').unwrap();
    p.exp_string("cancelled: nothing was saved").unwrap();
    p.exp_eof().unwrap();

    let mut p = review(&w);
    answer(&mut p, "What to do with it?", "skip");
    answer(&mut p, "What to do with it?", "skip");
    p.exp_string("no candidate accepted: nothing saved").unwrap();
    p.exp_eof().unwrap();

    let mut p = review(&w);
    answer(&mut p, "What to do with it?", "choose");
    answer(&mut p, "Metric:", "derna.deaths");
    edit(&mut p, "as_of", "2023-09-17");
    answer(&mut p, "What to do with it?", "accept");
    answer(&mut p, "What to do with it?", "skip");
    answer(&mut p, "Save 1 accepted claim (1 skipped)?", "n");
    p.exp_string("nothing saved").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(w.count("claims"), 0);
}

#[test]
fn a_relative_figure_names_its_base_candidate_which_must_be_accepted() {
    let w = Workdir::new();
    w.ok(&["metrics", "add", "kursk.area-held-by-ukraine", "--kind", "level", "--unit", "sq mi"]);
    w.write(
        "kursk.txt",
        "Ukraine seized about 380 square miles of Kursk in August, according to Ukrainian officials. \
         It has since lost about 40% of that territory, two officials said.\n",
    );
    let session = |w: &Workdir| spawn(w, &["extract", "kursk.txt", "--stated", "2024-12-27", "--review"]);
    let loss = |p: &mut PtySession| {
        p.exp_string("candidate 2 of 2").unwrap();
        answer(p, "What to do with it?", "choose");
        answer(p, "Metric:", "kursk");
        edit(p, "value", "about -40%");
        edit(p, "change_of", "candidate 1");
        edit(p, "as_of", "2024-12-27");
        answer(p, "What to do with it?", "accept");
    };
    let mut p = session(&w);
    answer(&mut p, "What to do with it?", "skip");
    loss(&mut p);
    p.exp_string("its base, candidate 1 (about 380").unwrap();
    p.exp_string("is not accepted").unwrap();
    answer(&mut p, "What to do with it?", "quit");
    p.exp_eof().unwrap();
    assert_eq!(w.count("claims"), 0);

    // the base put off: the loss waits for it, as edited
    let mut p = session(&w);
    answer(&mut p, "What to do with it?", "later");
    loss(&mut p);
    p.exp_string("is not accepted").unwrap();
    p.exp_string("choose later for this one").unwrap();
    answer(&mut p, "What to do with it?", "later");
    p.exp_string("candidate 1 of 2").unwrap();
    answer(&mut p, "What to do with it?", "choose");
    answer(&mut p, "Metric:", "kursk");
    edit(&mut p, "as_of", "2024-08");
    answer(&mut p, "What to do with it?", "accept");
    p.exp_string("candidate 2 of 2").unwrap();
    p.exp_string("change_of: candidate 1").expect("its edits kept");
    answer(&mut p, "What to do with it?", "accept");
    answer(&mut p, "Save 2 accepted claims (0 skipped)?", "y");
    p.exp_string("saved 2 claims: 1, 2").unwrap();
    p.exp_eof().unwrap();
    let (held, lost) = (w.json(&["show", "1"]), w.json(&["show", "2"]));
    assert_eq!(lost["change_of_uid"], held["uid"], "the loss is stored as a change of the 380");
    let timeline = w.json(&["timeline", "kursk.area-held-by-ukraine"]);
    assert_eq!(timeline[1]["figure"]["text"], "about 228 sq mi", "{timeline}");
}

#[test]
fn review_is_refused_off_a_terminal_with_what_to_do_instead() {
    let w = ledger();
    let stderr = w.fails(&["extract", "derna.txt", "--review"]);
    assert!(
        stderr.contains("--review: --review needs a terminal, and standard input is not one"),
        "{stderr}"
    );
    assert!(stderr.contains("hint: run it in a terminal, or write the candidates as CSV"), "{stderr}");
    let stderr = w.fails(&["extract", "-", "--review"]);
    assert!(stderr.contains("reads your answers from the terminal, not the article"), "{stderr}");
    let stderr = w.usage_error(&["extract", "derna.txt", "--review", "-o", "rows.csv"]);
    assert!(stderr.contains("cannot be used with"), "{stderr}");
    assert_eq!(w.count("claims"), 0);
}

#[test]
fn review_with_no_ledger_at_the_path_is_refused_rather_than_making_one() {
    let w = Workdir::new();
    w.write("derna.txt", ARTICLE);
    let mut p = review(&w);
    p.exp_string("no ledger at").unwrap();
    p.exp_string("the file does not exist").unwrap();
    p.exp_string("hint: start one with").unwrap();
    p.exp_eof().unwrap();
    assert!(!w.db().exists(), "no empty ledger made at a mistyped path");
}
