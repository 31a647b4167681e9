//! Bad input is refused with an error naming its line, in bounded memory,
//! and free text is kept byte for byte.

use crate::helper::Workdir;

const HEADER: &str = "metric,value,as_of,quote\n";
const ROW: &str = "dprk-troops.deployed,up to 12000,2024-10,troops sent by Pyongyang\n";

fn workdir() -> Workdir {
    let w = Workdir::new();
    w.kursk_metrics();
    w
}

/// Imports `contents` and expects a refusal that writes nothing.
fn refused(w: &Workdir, contents: impl AsRef<[u8]>) -> String {
    w.write("rows.csv", contents);
    let before = w.snapshot_counts();
    let err = w.fails(&["import", "rows.csv"]);
    assert_eq!(w.snapshot_counts(), before, "a refused import writes nothing");
    err
}

#[test]
fn a_nul_byte_is_refused_naming_line_and_column() {
    let w = workdir();
    let err = refused(&w, format!("{HEADER}{ROW}dprk-troops.deployed,about 3\0,2024-10,\n"));
    assert!(err.starts_with("claims: rows.csv:3:29: a NUL byte"), "{err}");
    assert!(err.contains("hint: "), "{err}");

    let err = refused(&w, format!("metric,value,as_of,quote\0\n{ROW}"));
    assert!(err.starts_with("claims: rows.csv:1:25: a NUL byte"), "{err}");

    let jsonl = "{\"metric\":\"dprk-troops.deployed\",\"value\":\"up to 12000\",\"as_of\":\"2024-10\"}\n";
    let err = refused(&w, format!("{jsonl}{{\"metric\":\"dprk-troops.deployed\",\0\"value\":\"1\"}}\n"));
    assert!(err.starts_with("claims: rows.csv:2:34: a NUL byte"), "{err}");
}

#[test]
fn dev_zero_fails_at_once() {
    let w = workdir();
    let err = w.fails(&["import", "/dev/zero"]);
    assert!(err.starts_with("claims: /dev/zero:1:1: a NUL byte"), "{err}");
}

#[test]
fn a_line_longer_than_the_limit_is_refused_naming_it() {
    let w = workdir();
    let long = "x".repeat(3_000_000);
    let err = refused(&w, format!("{HEADER}{ROW}dprk-troops.deployed,1,2024-10,{long}\n"));
    assert!(err.starts_with("claims: rows.csv:3: line 3 is longer than 1 MiB"), "{err}");
    // a file without any line break
    let err = refused(&w, &long);
    assert!(err.starts_with("claims: rows.csv:1: line 1 is longer than 1 MiB"), "{err}");
    // the same as JSON Lines
    let err = refused(&w, format!("{{\"metric\":\"{long}\"}}\n"));
    assert!(err.starts_with("claims: rows.csv:1: line 1 is longer than 1 MiB"), "{err}");
}

#[test]
fn a_field_longer_than_the_limit_is_refused_naming_line_and_field() {
    let w = workdir();
    // short lines, one quoted field of 1.2 MB over them
    let quote = "killed in Kursk\n".repeat(80_000);
    let err = refused(&w, format!("{HEADER}{ROW}dprk-troops.deployed,1,2024-10,\"{quote}\"\n"));
    assert!(
        err.starts_with("claims: rows.csv:3:4 (quote): the field is 1280000 bytes long, more than 1 MiB"),
        "{err}"
    );
}

#[test]
fn a_double_quote_left_open_is_refused_in_bounded_memory() {
    let w = workdir();
    let rows = "dprk-troops.deployed,about 11000,2024-11,said so\n".repeat(120_000);
    let err = refused(&w, format!("{HEADER}{ROW}dprk-troops.deployed,1,2024-10,\"open quote\n{rows}"));
    assert!(err.starts_with("claims: rows.csv:3: the row starting on line 3 is longer than 4 MiB"), "{err}");
    assert!(err.contains("double quote"), "{err}");
}

#[test]
fn rows_within_the_limits_import() {
    let w = workdir();
    // a line of 1 MiB, and a field of 1 MiB over several lines
    let line = format!("dprk-troops.deployed,1,2024-10,{}\n", "a".repeat((1 << 20) - 32));
    let field = format!("dprk-troops.deployed,2,2024-10,\"{}\"\n", "b\n".repeat(1 << 19));
    w.write("rows.csv", format!("{HEADER}{ROW}{line}{field}"));
    w.ok(&["import", "rows.csv"]);
    assert_eq!(w.sql("SELECT length(quote) FROM claims WHERE id = 2"), "1048544");
    assert_eq!(w.sql("SELECT length(quote) FROM claims WHERE id = 3"), "1048576");
}

#[test]
fn free_text_is_kept_byte_for_byte_through_import_and_export() {
    let w = workdir();
    let csv = "metric,value,as_of,source,quote,place,note,doc_title\n\
               dprk-troops.deployed, up to 12000 ,2024-10,  Kyiv officials,\"\tup to 12,000 troops\r\",\" Kursk \", note ,\"\r\nTitle\"\n";
    w.write("rows.csv", csv);
    w.ok(&["import", "rows.csv"]);
    assert_eq!(w.sql("SELECT value FROM claims"), "up to 12000", "a figure is trimmed");
    assert_eq!(w.sql("SELECT quote FROM claims"), "\tup to 12,000 troops\r");
    assert_eq!(w.sql("SELECT place FROM claims"), " Kursk ");
    assert_eq!(w.sql("SELECT note FROM claims"), " note ");
    assert_eq!(w.sql("SELECT name FROM sources"), "  Kyiv officials");
    assert_eq!(w.sql("SELECT title FROM documents"), "\r\nTitle");
    let export = w.ok(&["export"]);
    assert!(export.contains("\"'\tup to 12,000 troops\r\""), "a leading tab is guarded in CSV: {export}");

    let b = Workdir::new();
    b.write("copy.csv", &export);
    b.ok(&["import", "copy.csv"]);
    assert_eq!(b.sql("SELECT quote FROM claims"), "\tup to 12,000 troops\r");
    assert_eq!(b.ok(&["export"]), export, "import → export → import keeps every byte");
    assert!(b.ok(&["import", "copy.csv"]).contains("1 already present"));
}

#[test]
fn ambiguous_or_huge_figures_are_refused_never_guessed() {
    let w = workdir();
    let add = |value: &str| {
        w.fails(&["add", "--metric", "dprk-troops.deployed", "--value", value, "--as-of", "2024-10"])
    };
    let err = add("1.000");
    assert!(err.contains("\"1.000\" could use a dot between thousands"), "{err}");
    assert!(err.contains("write 1000 or 1.0"), "{err}");
    let err = add(&"9".repeat(300));
    assert!(err.contains("too large to be kept exactly"), "{err}");

    let err = refused(&w, format!("{HEADER}{ROW}dprk-troops.deployed,\"1,00,000\",2024-10,\n"));
    assert!(err.contains("rows.csv:3:2 (value): "), "{err}");
    assert!(err.contains("Indian notation?), commas group digits in threes: write 100000"), "{err}");
    assert!(err.contains("hint: ") && err.contains("a dot before decimals"), "{err}");

    w.ok(&["add", "--metric", "dprk-troops.deployed", "--value", "about 11,000.5", "--as-of", "2024-11"]);
    w.ok(&["add", "--metric", "dprk-troops.deployed", "--value", "0.250 million", "--as-of", "2024-12"]);
    assert_eq!(w.sql("SELECT group_concat(best, ' ') FROM claims"), "11000.5 250000.0");
}

#[test]
fn extract_reads_a_text_without_sentence_breaks_in_linear_output() {
    let w = Workdir::new();
    // a different figure in each clause: one figure repeated is one candidate
    let clause = |i: usize| {
        format!(
            "officials said more than {} North Korean soldiers were killed or wounded in Kursk, ",
            10_000 + i
        )
    };
    let count = 200_000 / clause(0).len() + 1;
    let text: String = (0..count).map(clause).collect();
    w.write("wall.txt", &text);
    let csv = w.ok(&["extract", "wall.txt", "--stated", "2024-12-27"]);
    let rows = csv.lines().filter(|l| l.contains(",more than 1") && l.contains(",soldiers,")).count();
    assert_eq!(rows, count);
    assert!(csv.len() < 5 * text.len(), "{} bytes of CSV for {} of text", csv.len(), text.len());
}

#[test]
fn extract_reads_non_ascii_articles_without_panicking() {
    let w = Workdir::new();
    w.write(
        "article.txt",
        "Police in İzmir, according to Ürümqi officials, counted about 300 protesters on Monday. \
         İlham Aliyev said more than 1,000 soldiers had crossed. «Около 380» км² were held, Şişli officials said.",
    );
    let csv = w.ok(&["extract", "article.txt", "--stated", "2024-12-27"]);
    assert!(csv.contains("about 300"), "{csv}");
    assert!(csv.contains("Ürümqi officials"), "{csv}");
    assert!(csv.contains("İlham Aliyev"), "{csv}");
}
