//! `claims import FILE|-`: CSV in, all or nothing.

use super::Env;
use crate::error::InputError;
use crate::import::{self, parse_delimiter, parse_maps, Defaults, Options};
use crate::ledger::Ledger;
use crate::model::MetricKind;
use crate::output::Format;
use anyhow::Result;
use chrono::NaiveDate;
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
    #[command(flatten)]
    pub force: super::common::ForceArg,
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
    #[command(flatten)]
    pub defaults: RowDefaults,
}

/// Values for every row that leaves the cell empty (`import` and
/// `extract`): a cell the row fills is kept as it is.
#[derive(Debug, Clone, Default, clap::Args)]
#[command(next_help_heading = "Defaults for empty cells (a cell the row fills is kept)")]
pub struct RowDefaults {
    /// URL of the document, for the rows that name none.
    #[arg(long = "doc", value_name = "URL", allow_hyphen_values = true)]
    pub doc_url: Option<String>,
    /// Title of the document, for the rows that give none.
    #[arg(long = "doc-title", value_name = "TITLE", allow_hyphen_values = true)]
    pub doc_title: Option<String>,
    /// Publisher of the document, for the rows that give none.
    #[arg(long, allow_hyphen_values = true)]
    pub publisher: Option<String>,
    /// When it was said or published, for the rows with no stated date
    /// (extract also reads "in August", "on Tuesday" against it).
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub stated: Option<String>,
    /// Metric key, for the rows with no metric: figures of other metrics
    /// need theirs in the row.
    #[arg(long, value_name = "KEY", allow_hyphen_values = true)]
    pub metric: Option<String>,
    /// Who says it, for the rows that name no claimant (the outlet, say).
    #[arg(long, value_name = "NAME", allow_hyphen_values = true)]
    pub source: Option<String>,
}

impl RowDefaults {
    /// The flags as defaults, each checked and its error naming the flag.
    /// `ledger` (when there is one) must know the metric, unless
    /// `new_metrics` lets rows declare it.
    pub fn read(&self, today: NaiveDate, ledger: Option<&Ledger>, new_metrics: bool) -> Result<Defaults> {
        let mut defaults = Defaults::default();
        if let Some(stated) = &self.stated {
            defaults.set("stated", &super::common::date_flag("--stated", stated, today)?.text);
        }
        if let Some(key) = &self.metric {
            check_metric_flag(key.trim(), ledger, new_metrics)?;
        }
        for (field, value) in [
            ("doc_url", &self.doc_url),
            ("doc_title", &self.doc_title),
            ("publisher", &self.publisher),
            ("metric", &self.metric),
            ("source", &self.source),
        ] {
            if let Some(value) = value {
                defaults.set(field, value);
            }
        }
        Ok(defaults)
    }
}

/// `--metric KEY` names a metric of the ledger, or one a row may declare.
fn check_metric_flag(key: &str, ledger: Option<&Ledger>, new_metrics: bool) -> Result<()> {
    crate::entry::check_metric_key(key).map_err(|e| e.at("--metric"))?;
    let Some(ledger) = ledger else { return Ok(()) };
    let keys: Vec<String> = ledger.metric_list()?.into_iter().map(|m| m.key).collect();
    if new_metrics || keys.iter().any(|k| k == key) {
        return Ok(());
    }
    let close = crate::entry::close_matches(key, &keys);
    let hint = match close.is_empty() {
        true => {
            format!("declare it first: claims metrics add {key} --kind level|cumulative|period --unit UNIT")
        }
        false => format!("did you mean {}? `claims metrics` lists the known ones", close.join(", ")),
    };
    Err(InputError::new(format!("unknown metric \"{key}\"")).at("--metric").hint(hint).into())
}

pub fn run(env: &Env, args: Args, out: &mut dyn Write) -> Result<ExitCode> {
    let mut options = Options {
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
        defaults: Defaults::default(),
        carry_status: false,
        reinstated_there: Default::default(),
        force: args.force.force,
    };
    // (the flags read before the ledger is opened: a bad one creates nothing)
    args.defaults.read(env.ctx.today(), None, true)?;
    let mut ledger = env.ledger_for_writing()?;
    options.defaults = args.defaults.read(env.ctx.today(), Some(&ledger), args.new_metrics.is_some())?;
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
