//! Guided `claims add`, driven through a real pseudo-terminal.

use crate::helper::{Workdir, NOW};
use rexpect::session::{spawn_command, PtySession};

fn session(w: &Workdir) -> PtySession {
    spawn(w, &["add"])
}

/// `claims ARGS` on a pseudo-terminal, as a person at a terminal runs it.
pub fn spawn(w: &Workdir, args: &[&str]) -> PtySession {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_claims"));
    command
        .args(args)
        .current_dir(w.path())
        .env("CLAIMS_DB", w.db())
        .env("CLAIMS_NOW", NOW)
        .env("CLAIMS_USER", "tester")
        .env("TERM", "xterm")
        .env("CLAIMS_GUIDED", "1")
        .env("NO_COLOR", "1");
    spawn_command(command, Some(15_000)).expect("spawn claims on a pty")
}

pub fn answer(p: &mut PtySession, prompt: &str, text: &str) {
    p.exp_string(prompt).unwrap_or_else(|e| panic!("waiting for {prompt:?}: {e}"));
    settle();
    p.send(&format!("{text}\r")).unwrap();
    p.flush().unwrap();
}

/// The prompt switches the terminal to raw mode just after drawing, which
/// drops what was typed before: give it a moment, as a person would.
pub fn settle() {
    std::thread::sleep(std::time::Duration::from_millis(150));
}

#[test]
fn guided_entry_asks_reads_back_and_offers_the_last_document() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    let mut p = session(&w);
    answer(&mut p, "Metric:", "kursk.area-held-by-ukraine");
    answer(&mut p, "Figure as written:", "dozens");
    p.exp_string("cannot read the figure").expect("an unreadable figure is asked again");
    settle();
    p.send(&"\x7f".repeat(6)).unwrap();
    p.send("about 250 square miles\r").unwrap();
    p.flush().unwrap();
    p.exp_string("read as: about 250, no bounds (square miles)").expect("the figure is read back");
    answer(&mut p, "Applies to (as of):", "2024-11");
    answer(&mut p, "From", "");
    answer(&mut p, "Stated on:", "");
    answer(&mut p, "Source (who says it):", "");
    answer(&mut p, "Document URL:", "");
    answer(&mut p, "Quote (verbatim):", "Ukraine still holds about 250 square miles");
    answer(&mut p, "Relative to an earlier claim?", "");
    answer(&mut p, "Save this claim?", "y");
    p.exp_eof().unwrap();
    let claim = w.json(&["show", "7"]);
    assert_eq!(claim["value"], "about 250 square miles");
    assert_eq!(claim["as_of"], "2024-11");
    assert_eq!(claim["stated"], "2024-12-27", "defaults come from the previous entry");
    assert_eq!(claim["source"], "News reports");
    assert_eq!(claim["doc_url"], "https://example.org/2024/12/27/north-korean-losses-in-kursk");
    assert_eq!(claim["quote"], "Ukraine still holds about 250 square miles");
}

#[test]
fn saying_no_or_pressing_ctrl_c_saves_nothing() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    let mut p = session(&w);
    answer(&mut p, "Metric:", "dprk-troops.deployed");
    answer(&mut p, "Figure as written:", "about 11,000");
    for prompt in [
        "Unit",
        "Applies to (as of):",
        "From",
        "Stated on:",
        "Source (who says it):",
        "Document URL:",
        "Quote (verbatim):",
        "Relative to an earlier claim?",
    ] {
        answer(&mut p, prompt, "");
    }
    answer(&mut p, "Save this claim?", "n");
    p.exp_string("nothing saved").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(w.count("claims"), 6);

    let mut p = session(&w);
    answer(&mut p, "Metric:", "dprk-troops.deployed");
    p.exp_string("Figure as written:").unwrap();
    settle();
    p.send_control('c').unwrap();
    p.exp_string("cancelled: nothing was saved").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(w.count("claims"), 6);
}

#[test]
fn a_new_metric_is_confirmed_and_given_kind_and_unit() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    let mut p = session(&w);
    answer(&mut p, "Metric:", "ukraine.drones-downed");
    answer(&mut p, "is a new metric. Declare it?", "y");
    p.exp_string("Kind:").unwrap();
    settle();
    p.send("\x1b[B\x1b[B\r").unwrap(); // down twice: period
    p.flush().unwrap();
    answer(&mut p, "Unit of the metric:", "drones");
    answer(&mut p, "Figure as written:", "more than 60");
    p.exp_string("read as: more than 60, no upper bound").unwrap();
    for (prompt, text) in [
        ("Unit", ""),
        ("Applies to (as of):", "2024-12-26"),
        ("From", ""),
        ("Stated on:", ""),
        ("Source (who says it):", "Ukrainian Air Force"),
        ("Document URL:", ""),
        ("Quote (verbatim):", ""),
        ("Relative to an earlier claim?", ""),
    ] {
        answer(&mut p, prompt, text);
    }
    answer(&mut p, "Save this claim?", "y");
    p.exp_eof().unwrap();
    let metric = &w
        .json(&["metrics"])
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["key"] == "ukraine.drones-downed")
        .cloned()
        .unwrap();
    assert_eq!((metric["kind"].as_str(), metric["unit"].as_str()), (Some("period"), Some("drones")));
    let claim = w.json(&["show", "7"]);
    assert_eq!(
        (claim["value"].as_str(), claim["source"].as_str()),
        (Some("more than 60"), Some("Ukrainian Air Force"))
    );
}

#[test]
fn guided_entry_without_any_terminal_says_what_to_do_and_writes_nothing() {
    let w = Workdir::new();
    let output = w.command(&["add"]).env("CLAIMS_GUIDED", "1").output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("the guided questions need a terminal"), "{stderr}");
    assert!(stderr.contains("hint: give the claim as flags"), "{stderr}");
    assert!(!w.db().exists(), "no ledger is created by a command that failed");
}
