//! `merge` carries a colleague's retraction or correction of a claim both
//! ledgers hold as the status change it is (with its author and time in
//! `history`), not as a conflict; merging again changes nothing, and a
//! decision of ours made since (a reinstatement) stands.

use crate::helper::Workdir;
use serde_json::Value;

/// Our ledger: the Kursk territory story; the colleague's: a merge of ours.
fn shared() -> (Workdir, Workdir) {
    let ours = Workdir::new();
    let story =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/stories/kursk-territory.csv");
    ours.write("kursk.csv", std::fs::read(story).unwrap());
    ours.ok(&["import", "kursk.csv"]);
    let colleague = Workdir::new();
    colleague.ok(&["merge", &ours.db().to_string_lossy()]);
    (ours, colleague)
}

fn id_of(w: &Workdir, source: &str) -> String {
    w.sql(&format!("SELECT id FROM claims_full WHERE source = '{source}' AND status = 'active'"))
}

fn uid_of(w: &Workdir, id: &str) -> String {
    w.sql(&format!("SELECT uid FROM claims WHERE id = {id}"))
}

fn events(history: &Value) -> Vec<(String, String, String)> {
    history["audit"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let text = |k: &str| e[k].as_str().unwrap_or_default().to_string();
            (text("event"), text("by"), text("change"))
        })
        .collect()
}

#[test]
fn a_colleagues_retraction_and_correction_come_in_as_status_changes() {
    let (ours, colleague) = shared();
    // the colleague retracts Newsweek's relay of Kyiv's claim and corrects
    // the ISW's October figure (about 300 sq mi read again as about 310)
    let newsweek = id_of(&colleague, "Newsweek");
    let isw = id_of(&colleague, "Institute for the Study of War");
    let (newsweek_uid, isw_uid) = (uid_of(&colleague, &newsweek), uid_of(&colleague, &isw));
    // a day before our merge: the carried change keeps her time
    let retracted = colleague
        .command(&["retract", &newsweek, "--reason", "relays Kyiv without checking", "--by", "Olena"])
        .env("CLAIMS_NOW", "2026-11-24T08:30:00Z")
        .output()
        .unwrap();
    assert!(retracted.status.success(), "{}", String::from_utf8_lossy(&retracted.stderr));
    colleague.ok(&["edit", &isw, "--value", "about 310", "--reason", "ISW map re-read", "--by", "Olena"]);
    let other = colleague.db().to_string_lossy().into_owned();
    let before = std::fs::read(colleague.db()).unwrap();

    let out = ours.ok(&["merge", &other]);
    assert!(out.contains("11 claims, 1 added, 8 already present, 2 status changes carried"), "{out}");
    assert!(!out.contains("conflicting"), "{out}");
    assert_eq!(std::fs::read(colleague.db()).unwrap(), before, "OTHER is never changed");

    let newsweek_here = ours.json(&["show", &newsweek_uid]);
    assert_eq!(newsweek_here["status"], "retracted");
    assert_eq!(newsweek_here["reason"], "relays Kyiv without checking");
    let isw_here = ours.json(&["show", &isw_uid]);
    assert_eq!(isw_here["status"], "superseded");
    assert_eq!(isw_here["reason"], "ISW map re-read");
    let correction = isw_here["superseded_by_uid"].as_str().unwrap();
    assert_eq!(ours.json(&["show", correction])["value"], "about 310");
    // the timeline now reads the correction, not the old figure
    let october: Vec<Value> = ours.json(&["timeline", "kursk-2024.area-held"]).as_array().unwrap().to_vec();
    assert!(october.iter().any(|e| e["value"] == "about 310"));
    assert!(!october.iter().any(|e| e["value"] == "about 300" || e["value"] == "about 500"));

    // history says who retracted it there, and when: our own status
    // change is hers, at her time, not the merging user's
    let history = ours.json(&["history", &newsweek_uid]);
    let seen = events(&history);
    assert_eq!(seen.len(), 2, "{seen:?}");
    let theirs = seen.iter().find(|e| e.0 == "merged").expect("the colleague's entry");
    assert_eq!(theirs.1, "Olena", "{seen:?}");
    assert!(theirs.2.contains("active → retracted"), "{seen:?}");
    let here = seen.iter().find(|e| e.0 == "status").expect("our own status change");
    assert_eq!(here.1, "Olena", "carried with its author: {seen:?}");
    let at = |event: &str| {
        history["audit"].as_array().unwrap().iter().find(|e| e["event"] == event).unwrap()["at"].clone()
    };
    assert_eq!(at("status"), "2026-11-24T08:30:00Z");
    assert_eq!(at("status"), at("merged"));
    // the correction's status change is hers too
    let isw_history = ours.json(&["history", &isw_uid]);
    let superseded = events(&isw_history).into_iter().filter(|e| e.0 == "status").collect::<Vec<_>>();
    assert!(superseded.iter().all(|e| e.1 == "Olena"), "{superseded:?}");
    assert!(!superseded.is_empty());
    ours.ok(&["verify"]);

    // merging again changes nothing
    let counts = ours.snapshot_counts();
    let (audit, merged) = (ours.count("audit_log"), ours.count("merged_history"));
    let again = ours.ok(&["merge", &other]);
    assert!(again.contains("11 claims, 0 added, 11 already present"), "{again}");
    assert_eq!(
        (ours.snapshot_counts(), ours.count("audit_log"), ours.count("merged_history")),
        (counts, audit, merged)
    );

    // we reinstate Newsweek's figure: a later merge does not retract it again
    ours.ok(&["reinstate", &newsweek_uid, "--reason", "keep it, marked as Kyiv's claim"]);
    let third = ours.ok(&["merge", &other]);
    assert!(third.contains("0 added, 11 already present"), "{third}");
    assert_eq!(ours.json(&["show", &newsweek_uid])["status"], "active");
    ours.ok(&["verify"]);
}

#[test]
fn a_retraction_beside_another_difference_stays_a_conflict() {
    let (ours, colleague) = shared();
    let newsweek = id_of(&colleague, "Newsweek");
    let uid = uid_of(&colleague, &newsweek);
    // we retracted it first, for our own reason; the colleague for another
    ours.ok(&["retract", &uid, "--reason", "ours"]);
    colleague.ok(&["retract", &newsweek, "--reason", "theirs"]);
    let out = ours.ok(&["merge", &colleague.db().to_string_lossy()]);
    assert!(out.contains("1 conflicting"), "{out}");
    assert_eq!(ours.json(&["show", &uid])["reason"], "ours", "ours is never overwritten");
    ours.ok(&["verify"]);
}

#[test]
fn our_own_retraction_stands_and_their_reinstatement_is_carried_once() {
    let (ours, colleague) = shared();
    let other = colleague.db().to_string_lossy().into_owned();
    // we retract Essanews's conversion; the colleague's copy is still active, never changed
    let essanews = ours.sql("SELECT uid FROM claims_full WHERE source = 'Essanews' AND as_of = '2024-11-23'");
    ours.ok(&["retract", &essanews, "--reason", "a conversion, not a figure of its own"]);
    let out = ours.ok(&["merge", &other]);
    assert!(out.contains("0 added, 10 already present") && !out.contains("conflicting"), "{out}");
    assert_eq!(ours.json(&["show", &essanews])["status"], "retracted", "ours stands");

    // the colleague retracts Newsweek's relay, then reinstates it: each carried once
    let newsweek = id_of(&colleague, "Newsweek");
    let uid = uid_of(&colleague, &newsweek);
    colleague.ok(&["retract", &newsweek, "--reason", "relays Kyiv", "--by", "Olena"]);
    assert!(ours.ok(&["merge", &other]).contains("1 status change carried"));
    assert_eq!(ours.json(&["show", &uid])["status"], "retracted");
    colleague.ok(&["reinstate", &newsweek, "--reason", "keep it as Kyiv's claim", "--by", "Olena"]);
    let out = ours.ok(&["merge", &other]);
    assert!(out.contains("1 status change carried") && !out.contains("conflicting"), "{out}");
    let here = ours.json(&["show", &uid]);
    assert_eq!(
        (here["status"].as_str(), here["reason"].as_str()),
        (Some("active"), Some("keep it as Kyiv's claim"))
    );
    let counts = (ours.count("audit_log"), ours.count("merged_history"));
    assert!(ours.ok(&["merge", &other]).contains("0 added, 10 already present"));
    assert_eq!(
        (ours.count("audit_log"), ours.count("merged_history")),
        counts,
        "merging again changes nothing"
    );
    ours.ok(&["verify"]);
}

#[test]
fn a_reinstatement_older_than_our_own_retraction_does_not_undo_it() {
    let (ours, colleague) = shared();
    let newsweek = id_of(&colleague, "Newsweek");
    let uid = uid_of(&colleague, &newsweek);
    let at = |w: &Workdir, time: &str, args: &[&str]| {
        let run = w.command(args).env("CLAIMS_NOW", time).output().unwrap();
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    };
    // the colleague retracted and reinstated it weeks ago; we retract it today
    at(&colleague, "2026-11-01T09:00:00Z", &["retract", &newsweek, "--reason", "unsure"]);
    at(&colleague, "2026-11-02T09:00:00Z", &["reinstate", &newsweek, "--reason", "checked"]);
    ours.ok(&["retract", &uid, "--reason", "relays Kyiv without checking"]);
    let out = ours.ok(&["merge", &colleague.db().to_string_lossy()]);
    assert!(!out.contains("carried") && !out.contains("conflicting"), "{out}");
    let here = ours.json(&["show", &uid]);
    assert_eq!(
        (here["status"].as_str(), here["reason"].as_str()),
        (Some("retracted"), Some("relays Kyiv without checking"))
    );
}
