//! The extract scorer: runs `claims extract` on every article of
//! tests/data/articles/corpus.tsv and compares with its hand-made
//! NAME.expected.csv. Prints recall and the accuracy of value, unit,
//! claimant and date, for the tuned articles and the held-back ones apart:
//! `cargo test --test cli extract_corpus -- --nocapture`.

use crate::helper::Workdir;
use std::path::Path;

#[derive(Default)]
struct Score {
    expected: usize,
    found: usize,
    value: usize,
    unit: usize,
    source: usize,
    date: usize,
    /// Candidates the article has no figure for.
    invented: usize,
    candidates: usize,
}

/// A claimant without a leading article: "the Labor Department" is "Labor Department", "a
/// senior official" "senior official".
fn claimant(source: &str) -> String {
    let lower = source.trim().to_lowercase();
    ["the ", "a ", "an "].iter().find_map(|a| lower.strip_prefix(a)).unwrap_or(&lower).to_string()
}

/// The digits of a value, to pair a found figure with an expected one.
fn digits(value: &str) -> String {
    value.chars().filter(|c| c.is_ascii_digit()).collect()
}

fn rows(csv_text: &str) -> Vec<csv::StringRecord> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = reader.headers().expect("csv header").clone();
    let pick = |r: &csv::StringRecord, name: &str| {
        headers.iter().position(|h| h == name).and_then(|i| r.get(i)).unwrap_or("").to_string()
    };
    reader
        .records()
        .map(|r| r.expect("csv row"))
        .map(|r| {
            csv::StringRecord::from(vec![
                pick(&r, "value"),
                pick(&r, "unit"),
                pick(&r, "source"),
                pick(&r, "as_of"),
            ])
        })
        .collect()
}

fn score_article(w: &Workdir, dir: &Path, name: &str, stated: &str, tuned: bool, score: &mut Score) {
    let article = dir.join(format!("{name}.txt"));
    let out = w.ok(&["extract", article.to_str().unwrap(), "--stated", stated]);
    let found = rows(&out);
    let expected = rows(&std::fs::read_to_string(dir.join(format!("{name}.expected.csv"))).unwrap());
    for e in &expected {
        score.expected += 1;
        let Some(f) = found.iter().find(|f| digits(&f[0]) == digits(&e[0])) else {
            continue;
        };
        score.found += 1;
        score.value += usize::from(f[0].eq_ignore_ascii_case(&e[0]));
        score.unit += usize::from(f[1].eq_ignore_ascii_case(&e[1]));
        score.source += usize::from(claimant(&f[2]) == claimant(&e[2]));
        score.date += usize::from(f[3] == e[3]);
    }
    score.candidates += found.len();
    score.invented +=
        found.iter().filter(|f| !expected.iter().any(|e| digits(&f[0]) == digits(&e[0]))).count();
    // what was missed, to tune on: for tuned articles only, never the held-back ones
    if std::env::var_os("CLAIMS_CORPUS_DIFF").is_some() && tuned {
        println!("{name}:\n{out}");
    }
}

/// Percentages: recall, value, unit, claimant, date, invented.
fn report(label: &str, s: &Score) -> [f64; 6] {
    let pct = |n: usize, d: usize| if d == 0 { 0.0 } else { 100.0 * n as f64 / d as f64 };
    let recall = pct(s.found, s.expected);
    println!(
        "{label}: recall {recall:.0}% ({}/{}), value {:.0}%, unit {:.0}%, claimant {:.0}%, date {:.0}%, invented {:.0}% ({}/{})",
        s.found,
        s.expected,
        pct(s.value, s.found),
        pct(s.unit, s.found),
        pct(s.source, s.found),
        pct(s.date, s.found),
        pct(s.invented, s.candidates),
        s.invented,
        s.candidates
    );
    [
        recall,
        pct(s.value, s.found),
        pct(s.unit, s.found),
        pct(s.source, s.found),
        pct(s.date, s.found),
        pct(s.invented, s.candidates),
    ]
}

/// Fails when a score falls under its floor (or `invented` rises over its ceiling).
fn floors(label: &str, got: [f64; 6], floor: [f64; 6]) {
    let names = ["recall", "value", "unit", "claimant", "date"];
    for (k, name) in names.iter().enumerate() {
        assert!(got[k] >= floor[k], "{label} {name} fell to {:.0}% (floor {}%)", got[k], floor[k]);
    }
    assert!(got[5] <= floor[5], "{label} invented rose to {:.0}% (ceiling {}%)", got[5], floor[5]);
}

#[test]
fn extract_corpus_scores_above_the_floor() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/articles");
    let index = std::fs::read_to_string(dir.join("corpus.tsv")).unwrap();
    let w = Workdir::new();
    let (mut tuned, mut held) = (Score::default(), Score::default());
    for line in index.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let score = if cols[2] == "held" { &mut held } else { &mut tuned };
        score_article(&w, &dir, cols[0], cols[1], cols[2] != "held", score);
    }
    // the floors reached, a little under today's scores: a regression fails here
    // (38 articles since the held-back ones of 2026-12-02 were given to tuning: recall 97%,
    // value 98%, unit 96%, claimant 81%, date 75%, invented 5% when they joined; after the figure
    // rules of that day, checked on sentences written from other stored reporting: recall 99%,
    // value 100%, unit 99%, invented 0%; date 91% after the date rules were made general and
    // checked on sentences of other stored reporting; claimant 94% after the claimant rules of
    // issue 13 round 4: surnames as written, outlets, "and said"; 50 articles since 2026-12-03,
    // when 12 written afresh joined (measured alone before any tuning on them: recall 96%
    // (151/158), value 99%, unit 95%, claimant 79%, date 81%, invented 1%), the whole set then:
    // recall 99% (476/483), value 100%, unit 98%, claimant 89%, date 87%, invented 0% (1/478);
    // after the rules of that day tuned on them: recall 99% (480/483), value 100%, unit 99%,
    // claimant 93%, date 89%, invented 0% (1/482))
    floors("tuned", report("tuned", &tuned), [96.0, 99.0, 97.0, 88.0, 78.0, 2.0]);
    // held back: the 16 articles written 2026-12-02 by a helper that never read or ran the
    // extractor (the earlier held-back set is tuned on now); measured once the day they were
    // added, before any tuning on other material: recall 96% (185/193), value 97%, unit 97%,
    // claimant 61%, date 61%, invented 5% (10/195); measured again after the figure, date and
    // claimant rules of that evening, none tuned on these: recall 96% (186/193), value 98%,
    // unit 98%, claimant 69%, date 64%, invented 4% (7/193); 71% and 65% after the claimant and
    // date rules of 2026-12-03, none tuned on these. Two more batches of 12 written that day by
    // helpers who never read or ran the extractor were measured alone when added, then given to
    // tuning: goma-m23 … la-wildfires (claimant 82%, date 54%), wayanad-landslides …
    // iran-israel-war (recall 95%, value 100%, unit 96%, claimant 69%, date 66%). A fourth
    // (dnipro-strike … air-india-crash), measured alone the hour it was added, after the rules
    // tuned on the third: recall 94% (172/183), value 100%, unit 97%, claimant 76%, date 67%,
    // invented 1% (2/174); all 28 held back then: recall 95% (359/376), value 99%, unit 98%,
    // claimant 74%, date 66%, invented 2% (9/368); it was then given to tuning too. A fifth
    // (kramatorsk-station … reef-bleaching), measured alone the hour it was added, after the rules
    // tuned on the fourth: recall 99% (137/138), value 99%, unit 93%, claimant 88%, date 80%,
    // invented 1% (2/140); all 28 held back then: recall 98% (324/331), value 99%, unit 96%,
    // claimant 80%, date 71%, invented 3% (9/334); it was then given to tuning too. A sixth, of 10
    // (hualien-quake … chernihiv-strike), measured alone the hour it was added, after the rules
    // tuned on the fifth: recall 96% (113/118), value 98%, unit 98%, claimant 81%, date 71%,
    // invented 3% (3/116); all 26 held back then: recall 96% (300/311), value 99%, unit 98%,
    // claimant 77%, date 67%, invented 3% (10/310). A seventh (lebanon-pagers … oropouche-americas)
    // and an eighth (crocus-attack … shakahola-exhumations), each measured alone when added and
    // then tuned on: recall 93% and 94%, claimant 80% and 83%, date 65% and 83%. A ninth, of 10
    // (trump-hush-verdict … beryl-carriacou), measured alone after the rules tuned on the eighth:
    // recall 98% (100/102), value 99%, unit 98%, claimant 75%, date 81%, invented 2%, and held
    // back with the 26 before it: all 36, recall 97% (402/413), value 99%, unit 98%, claimant 76%,
    // date 71%, invented 3% (12/415); after the claimant and date rules of 2026-12-04, tuned on a
    // tenth batch (paktika-quake … nepal-jajarkot-quake: measured alone when added, recall 94%,
    // claimant 72%, date 70%), the 36: claimant 80%, date 73%. An eleventh, of 11
    // (kanjuruhan-stampede … google-android-fine), measured alone with those rules: recall 92%
    // (121/132), value 96%, unit 97%, claimant 77%, date 78%, invented 3% (4/126), and held back:
    // all 47, recall 96% (523/545), value 98%, unit 98%, claimant 79%, date 74%, invented 3%
    if held.expected > 0 {
        floors("held back", report("held back", &held), [95.0, 97.0, 97.0, 77.0, 72.0, 4.0]);
    }
}
