//! Tables on a narrow terminal (`COLUMNS`): long names are cut with "…",
//! low-value columns are left out and named, figures and dates stay whole,
//! and no cell is wrapped into a sliver.

use crate::helper::Workdir;

fn at(w: &Workdir, columns: usize, args: &[&str]) -> String {
    let run = w.command(args).env("COLUMNS", columns.to_string()).output().unwrap();
    assert!(run.status.success(), "{args:?}: {}", String::from_utf8_lossy(&run.stderr));
    String::from_utf8(run.stdout).unwrap()
}

/// The table's lines: from the header to the last row (before a blank line).
fn table(out: &str) -> Vec<&str> {
    let lines: Vec<&str> = out.lines().collect();
    let rule = lines.iter().position(|l| l.starts_with('─')).expect("a header rule");
    let end = lines[rule..]
        .iter()
        .position(|l| l.is_empty() || l.starts_with("(not shown"))
        .map_or(lines.len(), |e| rule + e);
    lines[rule - 1..end].to_vec()
}

#[test]
fn narrow_tables_stay_readable() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    for columns in [60, 80] {
        for args in [
            &["list", "--all"][..],
            &["timeline", "kursk.area-held-by-ukraine"],
            &["timeline", "dprk-troops.killed-weekly"],
            &["compare", "dprk-troops.killed-weekly"],
            &["sources"],
        ] {
            let out = at(&w, columns, args);
            let lines = table(&out);
            assert!(lines.iter().all(|l| l.chars().count() <= columns), "{args:?} at {columns}:\n{out}");
            // every header name whole on the header line: no column narrower than its name
            let header: Vec<&str> = lines[0].split_whitespace().collect();
            assert!(header.len() >= 3, "{args:?} at {columns}: too few columns left:\n{out}");
            // days are never broken across lines: every date is whole on its line
            // (the demo's month figures are 2024-08 and 2024-10)
            for token in lines.iter().flat_map(|l| l.split_whitespace()).filter(|t| t.starts_with("20")) {
                let whole = ["2024-08", "2024-10"].contains(&token) || token.len() == 10 || token.len() == 22;
                assert!(whole, "{args:?} at {columns}: {token} is a broken date:\n{out}");
            }
            if out.contains("(not shown at this width: ") {
                assert!(out.contains("--format csv has every column"), "{out}");
            }
        }
    }
    // figures are never cut, even at 60 columns
    let list = at(&w, 60, &["list"]);
    assert!(!list.lines().any(|l| l.contains("about 380…") || l.contains("more than 1,0…")), "{list}");
    assert!(list.contains("(not shown at this width: "), "{list}");
    let sources = at(&w, 60, &["sources"]);
    assert!(sources.contains("Government of Uk…"), "long names are cut, not wrapped:\n{sources}");
    assert!(sources.contains("(not shown at this width: last_stated, metrics;"), "{sources}");
    // wide enough, nothing is left out
    assert!(!at(&w, 200, &["list", "--all"]).contains("not shown"));
}
