//! `claims import FILE|-`: CSV in, all or nothing.

use super::Env;
use crate::import::{self, parse_delimiter, parse_maps, Options};
use crate::model::MetricKind;
use crate::output::Format;
use anyhow::Result;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The CSV file, or - for standard input.
    pub file: String,
    /// Read column COL as FIELD (repeatable); FIELD `ignore` drops the column.
    #[arg(long = "map", value_name = "COL=FIELD")]
    pub maps: Vec<String>,
    /// Skip columns that name no field, instead of refusing the file.
    #[arg(long)]
    pub ignore_unknown: bool,
    /// Check every row and say what would be added; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Import the good rows and write the bad ones, each with its error, to this CSV.
    #[arg(long, value_name = "REJECTS.csv")]
    pub skip_bad: Option<PathBuf>,
    /// The delimiter (else sniffed among , ; and tab): one character or `tab`.
    #[arg(long)]
    pub delimiter: Option<String>,
    /// The file's encoding when it is not UTF-8: windows-1252, latin-1, utf-16le...
    #[arg(long)]
    pub encoding: Option<String>,
    /// Declare metrics the ledger lacks, of this kind, in the unit of their first row.
    #[arg(long, value_enum, value_name = "KIND")]
    pub new_metrics: Option<MetricKind>,
    /// How to read numeric dates like 12/11/2024: %d/%m/%Y or %m/%d/%Y.
    #[arg(long = "date-format", value_name = "FORMAT")]
    pub date_format: Option<crate::when::DayOrder>,
    /// How many errors to list before counting the rest.
    #[arg(long, default_value_t = 20)]
    pub max_errors: usize,
    /// `json` prints the summary as JSON.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

pub fn run(env: &Env, args: Args, out: &mut dyn Write) -> Result<ExitCode> {
    let options = Options {
        maps: parse_maps(&args.maps)?,
        ignore_unknown: args.ignore_unknown,
        dry_run: args.dry_run,
        skip_bad: args.skip_bad.clone(),
        delimiter: args.delimiter.as_deref().map(parse_delimiter).transpose()?,
        encoding: args.encoding.clone(),
        new_metrics: args.new_metrics,
        max_errors: args.max_errors.max(1),
        date_format: args.date_format,
        name: None,
        protect: Vec::new(),
    };
    let mut ledger = env.ledger_for_writing()?;
    let summary = import::import(&mut ledger, &env.ctx, &args.file, &options)?;
    if matches!(args.format, Format::Json | Format::Jsonl) {
        serde_json::to_writer(&mut *out, &summary)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let rows = if summary.rows == 1 { "row" } else { "rows" };
    if summary.dry_run {
        write!(
            out,
            "dry run of {}: {} {rows}, {} would be added, {} already present",
            summary.file, summary.rows, summary.added, summary.present
        )?;
    } else {
        write!(
            out,
            "imported {}: {} {rows}, {} added, {} already present",
            summary.file, summary.rows, summary.added, summary.present
        )?;
    }
    if let Some(path) = &args.skip_bad {
        write!(out, ", {} rejected", summary.rejected)?;
        if summary.rejected > 0 {
            write!(out, " (written to {})", path.display())?;
        }
    }
    if summary.dry_run {
        write!(out, "; nothing written")?;
    } else if let Some(batch) = summary.batch {
        write!(out, " (batch {batch})")?;
    }
    writeln!(out)?;
    Ok(ExitCode::SUCCESS)
}
