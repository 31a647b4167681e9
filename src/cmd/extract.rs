//! `claims extract FILE|-`: candidate claims from an article's text, as
//! import CSV for the researcher to review, complete and import.

use super::Env;
use crate::error::InputError;
use crate::extract::{self, Candidate};
use crate::output::{self, Format, Rows};
use anyhow::{Context as _, Result};
use serde_json::Value;
use std::io::{Read, Write};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The article as plain text, or - for standard input.
    pub file: String,
    /// When the article was published: resolves "in August", "this past week".
    #[arg(long)]
    pub stated: Option<String>,
    /// csv (ready for `claims import`) or a table to read.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    pub format: Format,
    /// Write to this file (whole or not at all) instead of standard output; `-` is standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}

const COLUMNS: &[&str] = &["metric", "value", "unit", "as_of", "from", "stated", "source", "quote"];

pub fn run(env: &Env, args: Args, out: &mut dyn Write) -> Result<ExitCode> {
    let mut text = String::new();
    if args.file == "-" {
        std::io::stdin().read_to_string(&mut text).context("reading standard input")?;
    } else {
        text = std::fs::read_to_string(&args.file).map_err(|e| {
            InputError::new(format!("cannot read {}: {e}", args.file))
                .hint("give a plain-text file, or - for standard input")
        })?;
    }
    let stated = args
        .stated
        .as_deref()
        .map(|s| super::common::date_flag("--stated", s, env.ctx.today()).map(|w| w.end))
        .transpose()?;
    // metric suggestions come from the ledger, when there is one
    let metrics: Vec<(String, String)> = match env.db.exists() {
        true => env.ledger()?.metric_list()?.into_iter().filter_map(|m| Some((m.key, m.label?))).collect(),
        false => Vec::new(),
    };
    let found = extract::extract(&text, stated, &metrics);
    let mut rows = Rows::new(COLUMNS).table_columns(&["value", "unit", "as_of", "source", "metric", "quote"]);
    for candidate in &found {
        rows.push(record(candidate));
    }
    match args.output.as_deref().filter(|p| p.as_os_str() != "-") {
        Some(path) => {
            let protected = env.protected().reading(std::path::Path::new(&args.file));
            crate::files::write_atomically(path, &protected, |w| Ok(output::render(w, args.format, &rows)?))?;
        }
        None if found.is_empty() && args.format == Format::Table => writeln!(out, "no figures found")?,
        None => output::render(out, args.format, &rows)?,
    }
    if !matches!(args.format, Format::Csv | Format::Tsv) {
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!(
        "{} candidate claims: check each against the text, fill in what is empty, then claims import",
        found.len()
    );
    Ok(ExitCode::SUCCESS)
}

fn record(c: &Candidate) -> serde_json::Map<String, Value> {
    match serde_json::to_value(c) {
        Ok(Value::Object(map)) => map,
        _ => Default::default(),
    }
}
