//! `claims export`: every claim as CSV, JSON or JSON Lines, in entry order,
//! so that an export re-imports into an empty ledger as the same ledger.

use super::common::{claim_cells, claim_flat_columns, claim_record, FilterArgs, EXPORT_ONLY};
use super::Env;
use crate::csv_safety::guard;
use crate::status_history::{self, Status};
use anyhow::Result;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Comma-separated, header first: what `claims import` reads back.
    Csv,
    /// Tab-separated, as CSV.
    Tsv,
    /// One JSON array of claim objects.
    Json,
    /// One claim object a line.
    Jsonl,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Only active claims (by default every status is exported, for a faithful copy).
    #[arg(long)]
    pub active_only: bool,
    #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
    pub format: ExportFormat,
    /// Write to this file (whole or not at all) instead of standard output; `-` is standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub force: super::common::ForceArg,
}

pub fn run(env: &Env, args: Args, out: &mut dyn Write) -> Result<ExitCode> {
    let ledger = env.ledger()?;
    let filter = args.filter.to_filter(!args.active_only, env.ctx.today())?;
    let Some(path) = args.output.as_ref().filter(|p| p.as_os_str() != "-") else {
        write_claims(&ledger, &filter, args.format, out)?;
        return Ok(ExitCode::SUCCESS);
    };
    let n = crate::files::write_atomically(path, &env.protected().overwrite(args.force.force), |w| {
        write_claims(&ledger, &filter, args.format, w)
    })?;
    crate::terminal::summary(format_args!(
        "exported {n} claims to {} (head {})",
        path.display(),
        ledger.head()?
    ));
    Ok(ExitCode::SUCCESS)
}

/// Claims as CSV (or TSV with `b'\t'`), spreadsheet-safe, header first;
/// returns how many.
pub fn write_csv(
    ledger: &crate::ledger::Ledger,
    filter: &crate::ledger::ClaimFilter,
    out: &mut dyn Write,
    delimiter: u8,
) -> Result<u64> {
    let mut writer = crate::output::csv_writer(out, delimiter);
    let mut header = claim_flat_columns();
    header.extend(EXPORT_ONLY.iter().map(|c| c.to_string()));
    writer.write_record(&header)?;
    let mut count = 0;
    let mut metrics = MetricFacts::default();
    ledger.for_each_claim(filter, |claim| {
        for cell in claim_cells(claim) {
            writer.write_field(guard(&cell).as_bytes())?;
        }
        let facts = metrics.of(ledger, &claim.metric)?;
        let (part_of, retired_at) = (facts.part_of.as_deref(), facts.retired_at.as_deref());
        for cell in [part_of.unwrap_or(""), retired_at.unwrap_or(""), &facts.old_keys_cell] {
            writer.write_field(guard(cell).as_bytes())?;
        }
        writer.write_field(guard(&status_history::to_cell(&history(ledger, claim)?)).as_bytes())?;
        writer.write_record(std::iter::empty::<&[u8]>())?;
        count += 1;
        Ok(())
    })?;
    writer.flush()?;
    Ok(count)
}

fn write_claims(
    ledger: &crate::ledger::Ledger,
    filter: &crate::ledger::ClaimFilter,
    format: ExportFormat,
    out: &mut dyn Write,
) -> Result<u64> {
    let mut count = 0u64;
    let mut metrics = MetricFacts::default();
    match format {
        ExportFormat::Csv => count = write_csv(ledger, filter, out, b',')?,
        ExportFormat::Tsv => count = write_csv(ledger, filter, out, b'\t')?,
        ExportFormat::Json | ExportFormat::Jsonl => {
            let lines = format == ExportFormat::Jsonl;
            if !lines {
                write!(out, "[")?;
            }
            ledger.for_each_claim(filter, |claim| {
                let mut record = claim_record(claim);
                let facts = metrics.of(ledger, &claim.metric)?;
                record.insert("metric_part_of".into(), facts.part_of.clone().into());
                record.insert("metric_retired_at".into(), facts.retired_at.clone().into());
                record.insert("metric_old_keys".into(), facts.old_keys.clone().into());
                record.insert("status_history".into(), serde_json::to_value(history(ledger, claim)?)?);
                if !lines {
                    write!(out, "{}\n  ", if count == 0 { "" } else { "," })?;
                }
                serde_json::to_writer(&mut *out, &record)?;
                if lines {
                    writeln!(out)?;
                }
                count += 1;
                Ok(())
            })?;
            if !lines {
                writeln!(out, "{}]", if count == 0 { "" } else { "\n" })?;
            }
        }
    }
    Ok(count)
}

/// The claim's status history; only a claim with an audit entry (a
/// `status_at`) has one, so the rest cost no query.
fn history(ledger: &crate::ledger::Ledger, claim: &crate::model::Claim) -> Result<Vec<Status>> {
    if claim.status_at.is_none() {
        return Ok(Vec::new());
    }
    status_history::of_claim(ledger, claim.id, (&claim.entered_at, claim.entered_by.as_deref()))
}

/// What an export says of a claim's metric beyond its label, kind and
/// unit, so that an import into an empty ledger lists the same metrics.
#[derive(Debug, Clone, Default)]
struct Facts {
    part_of: Option<String>,
    retired_at: Option<String>,
    old_keys: Vec<String>,
    /// `old_keys` as one CSV cell, joined once per metric rather than per claim
    old_keys_cell: String,
}

/// The facts of each metric, read once per export.
#[derive(Default)]
struct MetricFacts(std::collections::HashMap<String, Facts>);

impl MetricFacts {
    fn of(&mut self, ledger: &crate::ledger::Ledger, key: &str) -> Result<&Facts> {
        if !self.0.contains_key(key) {
            let facts = match ledger.metric(key)? {
                Some(m) => {
                    let old_keys = ledger.metric_aliases(m.id)?;
                    Facts {
                        part_of: m.part_of,
                        retired_at: m.retired_at,
                        old_keys_cell: old_keys.join("; "),
                        old_keys,
                    }
                }
                None => Facts::default(),
            };
            self.0.insert(key.to_string(), facts);
        }
        Ok(&self.0[key])
    }
}
