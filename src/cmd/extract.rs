//! `claims extract FILE|-`: candidate claims from an article's text, as
//! import CSV for the researcher to review, complete and import, or with
//! `--review` accepted one by one on a terminal.
//!
//! Every candidate gets a uid drawn from the article, its document and the
//! figure's words, so that extracting the same article again gives the same
//! rows (and importing them twice adds nothing); a relative figure names its
//! base by that uid, and comes after it.

use super::import::RowDefaults;
use super::Env;
use crate::entry::ClaimInput;
use crate::error::InputError;
use crate::extract::{self, Candidate};
use crate::import::Defaults;
use crate::output::{self, Format, Rows};
use anyhow::{Context as _, Result};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The article as plain text, or - for standard input.
    pub file: String,
    /// csv (ready for `claims import`) or a table to read.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    pub format: Format,
    /// Write to this file (whole or not at all) instead of standard output; `-` is standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
    /// On a terminal: walk the candidates one by one (accept, edit, choose
    /// the metric, skip) and save the accepted ones to the ledger at the end.
    #[arg(long, conflicts_with_all = ["format", "output"])]
    pub review: bool,
    #[command(flatten)]
    pub defaults: RowDefaults,
    #[command(flatten)]
    pub force: super::common::ForceArg,
}

/// The CSV columns, in the field names `claims import` reads; `metric_hint`
/// is for the researcher (import ignores it, and names it when the metric is missing).
const COLUMNS: &[&str] = &[
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
    "publisher",
];

/// A candidate as a row to import, with what only the researcher reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub input: ClaimInput,
    /// The figure as found, to show highlighted in its quote.
    pub figure: String,
    /// The ledger's metric this may be, when the engine was not sure.
    pub metric_hint: Option<String>,
}

pub fn run(env: &Env, args: Args, out: &mut dyn Write) -> Result<ExitCode> {
    if args.review {
        super::review::check_can_review(env, &args.file)?;
    }
    let text = read_article(&args.file)?;
    // metric suggestions come from the ledger, when there is one
    let ledger = env.db.exists().then(|| env.ledger()).transpose()?;
    let defaults = args.defaults.read(env.ctx.today(), ledger.as_ref(), false)?;
    let stated = args
        .defaults
        .stated
        .as_deref()
        .map(|s| super::common::date_flag("--stated", s, env.ctx.today()).map(|w| w.end))
        .transpose()?;
    let metrics: Vec<extract::Metric> = match &ledger {
        Some(ledger) => ledger
            .metric_list()?
            .into_iter()
            .filter(|m| m.retired_at.is_none())
            .map(|m| extract::Metric {
                label: m.label.unwrap_or_default(),
                key: m.key,
                unit: m.unit,
                kind: m.kind,
            })
            .collect(),
        None => Vec::new(),
    };
    let found = extract::extract(&text, stated, &metrics);
    let mut rows = rows(&found, &text, &defaults);
    if let Some(ledger) = &ledger {
        recorded_affiliations(&mut rows, ledger)?;
    }
    drop(ledger);
    if args.review {
        let article = super::review::Article { name: &args.file, text: &text };
        return super::review::run(env, rows, article, out);
    }
    let mut table =
        Rows::new(COLUMNS).table_columns(&["value", "unit", "as_of", "source", "metric", "quote"]);
    for row in &rows {
        table.push(record(row));
    }
    match args.output.as_deref().filter(|p| p.as_os_str() != "-") {
        Some(path) => {
            let protected =
                env.protected().reading(std::path::Path::new(&args.file)).overwrite(args.force.force);
            crate::files::write_atomically(path, &protected, |w| {
                Ok(output::render(w, args.format, &table)?)
            })?;
        }
        None if rows.is_empty() && args.format == Format::Table => writeln!(out, "no figures found")?,
        None => output::render(out, args.format, &table)?,
    }
    if matches!(args.format, Format::Csv | Format::Tsv) {
        crate::terminal::summary(format_args!(
            "{} candidate claims: check each against the text and fill in what is empty, then claims import \
             (or accept them one by one with claims extract --review)",
            rows.len()
        ));
    }
    Ok(ExitCode::SUCCESS)
}

fn read_article(file: &str) -> Result<String> {
    if file == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).context("reading standard input")?;
        return Ok(text);
    }
    std::fs::read_to_string(file).map_err(|e| {
        InputError::new(format!("cannot read {file}: {e}"))
            .hint("give a plain-text file, or - for standard input")
            .into()
    })
}

/// The candidates as rows, each base before the figures relative to it,
/// with the defaults in the cells left empty. A change with no metric
/// measures what its base measures ("lost about 40% of that territory").
pub fn rows(found: &[Candidate], text: &str, defaults: &Defaults) -> Vec<Row> {
    let uids = uids(found, text, defaults.get("doc_url"));
    let base = |index: Option<usize>| index.and_then(|i| uids.get(i));
    let links: Vec<Option<usize>> = found.iter().map(|c| c.change_of.or(c.share_of)).collect();
    let metric_of = |i: usize| {
        let c = &found[i];
        c.metric.as_ref().or(c.change_of.and_then(|b| found.get(b)?.metric.as_ref()))
    };
    bases_first(&links)
        .into_iter()
        .map(|i| {
            let c = &found[i];
            let mut input = ClaimInput::default();
            for (field, value) in [
                ("uid", Some(&uids[i])),
                ("metric", metric_of(i)),
                ("value", Some(&c.value)),
                ("unit", c.unit.as_ref()),
                ("as_of", c.as_of.as_ref()),
                ("from", c.from.as_ref()),
                ("stated", c.stated.as_ref()),
                ("source", c.source.as_ref()),
                ("affiliation", c.affiliation.as_ref()),
                ("quote", Some(&c.quote)),
                ("note", c.note.as_ref()),
                ("change_of", base(c.change_of)),
                ("share_of", base(c.share_of)),
            ] {
                if let Some(value) = value {
                    input.set(field, value);
                }
            }
            defaults.fill(&mut input);
            // the figure with its counted noun, when the sentence has them together
            let with_unit =
                c.unit.as_ref().map(|u| format!("{} {u}", c.value)).filter(|f| c.quote.contains(f));
            Row {
                input,
                figure: with_unit.unwrap_or_else(|| c.value.clone()),
                metric_hint: c.metric_hint.clone(),
            }
        })
        .collect()
}

/// A claimant the ledger records with another affiliation than the text
/// gives ("spokesman" added to it): the row leaves it empty, so that the
/// recorded one stands (import refuses a second one), and the note keeps
/// the text's words.
fn recorded_affiliations(rows: &mut [Row], ledger: &crate::ledger::Ledger) -> Result<()> {
    for row in rows {
        let (Some(source), Some(written)) = (row.input.get("source"), row.input.get("affiliation")) else {
            continue;
        };
        let recorded = ledger.source_row(source)?.and_then(|s| s.affiliation);
        if recorded.is_none_or(|r| r == written) {
            continue;
        }
        let note = format!("the text calls {source} \"{written}\"");
        let note = match row.input.get("note") {
            Some(n) => format!("{n}; {note}"),
            None => note,
        };
        row.input.set("note", &note);
        row.input.clear("affiliation");
    }
    Ok(())
}

/// One uid per candidate, the same each time the same article (read in the
/// same document) is extracted: a hash of the text, the document, the
/// figure and its quote, and which mention of that figure in that quote it is.
fn uids(found: &[Candidate], text: &str, doc_url: Option<&str>) -> Vec<String> {
    let article = Sha256::digest(text.as_bytes());
    let mut mentions: HashMap<(&str, &str), u32> = HashMap::new();
    found
        .iter()
        .map(|c| {
            let mention = mentions.entry((&c.value, &c.quote)).or_default();
            *mention += 1;
            let mut hash = Sha256::new();
            hash.update(b"claims extract\0");
            hash.update(article);
            for part in [doc_url.unwrap_or(""), &c.value, &c.quote] {
                hash.update(part.as_bytes());
                hash.update([0]);
            }
            hash.update(mention.to_le_bytes());
            let mut bytes = [0u8; 16];
            bytes.copy_from_slice(&hash.finalize()[..16]);
            uuid::Builder::from_custom_bytes(bytes).into_uuid().to_string()
        })
        .collect()
}

/// Indexes in text order, except that a figure's base (the candidate its
/// link names) comes first: an import resolves a link to a row above it.
/// Linear, and a link out of range or in a cycle changes nothing.
fn bases_first(links: &[Option<usize>]) -> Vec<usize> {
    let mut placed = vec![false; links.len()];
    let mut order = Vec::with_capacity(links.len());
    for start in 0..links.len() {
        let mut chain = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at.filter(|i| *i < links.len() && !placed[*i]) {
            placed[i] = true;
            chain.push(i);
            at = links[i];
        }
        order.extend(chain.into_iter().rev());
    }
    order
}

fn record(row: &Row) -> serde_json::Map<String, Value> {
    COLUMNS
        .iter()
        .map(|column| {
            let value = match *column {
                "metric_hint" => row.metric_hint.as_deref(),
                field => row.input.get(field),
            };
            (column.to_string(), value.map_or(Value::Null, |v| Value::String(v.to_string())))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(value: &str, quote: &str) -> Candidate {
        Candidate { value: value.into(), quote: quote.into(), ..Candidate::default() }
    }

    /// The seed article's figures, linked by hand as the engine is to link them.
    fn kursk() -> Vec<Candidate> {
        let share = "That is almost 10% of the North Korean force deployed to the region, he told reporters.";
        let sent = "Kyiv said in October that North Korea had sent up to 12,000 troops to Russia.";
        let seized =
            "Ukraine seized about 380 square miles of Kursk in August, according to Ukrainian officials.";
        let lost = "It has since lost about 40% of that territory, two officials said.";
        vec![
            Candidate { share_of: Some(1), ..candidate("almost 10%", share) },
            Candidate { unit: Some("troops".into()), ..candidate("up to 12,000", sent) },
            Candidate { metric: Some("kursk.area".into()), ..candidate("about 380 square miles", seized) },
            Candidate {
                change_of: Some(2),
                note: Some("lost about 40%".into()),
                ..candidate("about -40%", lost)
            },
        ]
    }

    #[test]
    fn a_relative_figure_names_its_base_by_uid_and_follows_it() {
        let rows = rows(&kursk(), "the article", &Defaults::default());
        let values: Vec<&str> = rows.iter().map(|r| r.input.get("value").unwrap()).collect();
        assert_eq!(values, ["up to 12,000", "almost 10%", "about 380 square miles", "about -40%"]);
        assert_eq!(rows[0].figure, "up to 12,000 troops", "highlighted with its noun");
        let uid = |i: usize| rows[i].input.get("uid").unwrap();
        assert_eq!(rows[1].input.get("share_of"), Some(uid(0)), "the share names the deployment");
        assert_eq!(rows[3].input.get("change_of"), Some(uid(2)), "the loss is a change of the 380");
        assert_eq!(rows[3].input.get("metric"), Some("kursk.area"), "of the base's metric");
        assert_eq!(rows[1].input.get("metric"), None, "a share measures something else than its base");
        assert_eq!(rows[3].input.get("share_of"), None);
        assert_eq!(rows[3].input.get("note"), Some("lost about 40%"));
        let mut unique: Vec<&str> = (0..4).map(uid).collect();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 4);
    }

    #[test]
    fn uids_are_the_same_for_the_same_article_and_document_only() {
        let uids_of = |text: &str, doc: Option<&str>| {
            let mut defaults = Defaults::default();
            defaults.set("doc_url", doc.unwrap_or(""));
            rows(&kursk(), text, &defaults).iter().map(|r| r.input.get("uid").unwrap().to_string()).collect()
        };
        let first: Vec<String> = uids_of("the article", Some("https://example.org/a"));
        assert_eq!(first, uids_of("the article", Some("https://example.org/a")));
        assert_ne!(first, uids_of("the article", Some("https://example.org/b")));
        assert_ne!(first, uids_of("another article", Some("https://example.org/a")));
        assert!(uuid::Uuid::parse_str(&first[0]).is_ok(), "{}", first[0]);
        // the same figure twice in one sentence: two candidates, two uids
        let twice = [candidate("12", "12 and 12"), candidate("12", "12 and 12")];
        let rows = rows(&twice, "12 and 12", &Defaults::default());
        assert_ne!(rows[0].input.get("uid"), rows[1].input.get("uid"));
    }

    #[test]
    fn defaults_fill_only_what_the_text_left_empty() {
        let mut defaults = Defaults::default();
        defaults.set("metric", "dprk-troops.deployed");
        defaults.set("source", "Example Wire");
        defaults.set("doc_url", "https://example.org/a");
        let found = [
            Candidate { source: Some("Kyiv".into()), ..candidate("up to 12,000", "Kyiv said 12,000.") },
            Candidate { metric: Some("kursk.area".into()), ..candidate("about 380 sq mi", "380 sq mi.") },
        ];
        let rows = rows(&found, "text", &defaults);
        let get = |i: usize, f: &str| rows[i].input.get(f).unwrap_or("");
        assert_eq!([get(0, "source"), get(0, "metric")], ["Kyiv", "dprk-troops.deployed"]);
        assert_eq!([get(1, "source"), get(1, "metric")], ["Example Wire", "kursk.area"]);
        assert_eq!(get(1, "doc_url"), "https://example.org/a");
    }

    #[test]
    fn bases_come_first_in_linear_time_whatever_the_links() {
        assert_eq!(bases_first(&[None, Some(3), None, Some(2)]), [0, 2, 3, 1]);
        assert_eq!(bases_first(&[Some(1), Some(0)]), [1, 0], "a cycle ends");
        assert_eq!(bases_first(&[Some(0), Some(9)]), [0, 1], "a link to itself or out of range");
        let chain: Vec<Option<usize>> = (0..100_000).map(|i| Some(i + 1)).collect();
        assert_eq!(bases_first(&chain)[0], 99_999);
    }
}
