//! CSV import, all or nothing: every row is read and checked inside one
//! transaction, which is kept only when no row is bad (or, with
//! `--skip-bad`, after the bad rows are set aside in a rejects file).

mod carry;
mod declare;
mod defaults;
mod duplicates;
mod header;
mod input;
mod json;
mod metric_facts;
mod rejects;
mod replay;
mod rows;
mod run;
mod seen;

pub use defaults::Defaults;
pub use header::parse_maps;
pub use input::parse_delimiter;

use crate::context::Context;
use crate::error::InputError;
use crate::files::{OutputFile, Protected};
use crate::ledger::{BulkLoad, Ledger};
use crate::model::MetricKind;
use anyhow::Result;
use csv::ByteRecord;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rows::RowReader;
use run::Run;
use serde::Serialize;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// Page cache for an import into a ledger with claims: the hot pages of its
/// indexes. (32 MB was no faster into a million claims, and 18 MB bigger:
/// the indexes outgrow any cache an import may have under 64 MB.)
const IMPORT_CACHE_KIB: i64 = 8 * 1024;

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub maps: Vec<(String, Option<&'static str>)>,
    pub ignore_unknown: bool,
    pub dry_run: bool,
    pub skip_bad: Option<PathBuf>,
    pub delimiter: Option<u8>,
    pub encoding: Option<String>,
    pub new_metrics: Option<MetricKind>,
    pub max_errors: usize,
    /// How to read numeric dates like 12/11/2024.
    pub date_format: Option<crate::when::DayOrder>,
    /// The name errors and the batch give the input, instead of its path.
    pub name: Option<String>,
    /// Files the rejects file must never replace, besides the ledger and the input.
    pub protect: Vec<PathBuf>,
    /// Values for the cells a row leaves empty (`--doc`, `--stated`, `--metric`...).
    pub defaults: Defaults,
    /// A merge: a row that retracts or supersedes a claim we hold active,
    /// and differs from it in nothing else, is carried as a status change.
    pub carry_status: bool,
    /// A merge: claims the other ledger returned to active (reinstated),
    /// by uid, with when it last did, from its history.
    pub reinstated_there: std::collections::HashMap<String, String>,
    /// `--force`: the rejects file may replace an existing one.
    pub force: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub file: String,
    pub rows: u64,
    pub added: u64,
    pub present: u64,
    pub rejected: u64,
    /// Rows whose retraction or correction of a claim here was carried in
    /// (a merge only).
    pub carried: u64,
    pub batch: Option<i64>,
    pub dry_run: bool,
}

/// Imports one CSV file (or `-`) into the ledger.
pub fn import(ledger: &mut Ledger, ctx: &Context, path: &str, options: &Options) -> Result<Summary> {
    let rejects = rejects_file(ledger, Some(path), options)?;
    import_from(ledger, ctx, input::open(path, options.encoding.as_deref())?, options, rejects)
}

/// Imports CSV held in memory (the fuzzer and property tests use it).
pub fn import_bytes(
    ledger: &mut Ledger,
    ctx: &Context,
    name: &str,
    bytes: Vec<u8>,
    options: &Options,
) -> Result<Summary> {
    let rejects = rejects_file(ledger, None, options)?;
    import_from(ledger, ctx, input::from_bytes(name, bytes, options.encoding.as_deref())?, options, rejects)
}

/// The `--skip-bad` file, started before any row is read: never the ledger,
/// the input or another protected file, never standard output.
fn rejects_file(ledger: &Ledger, input: Option<&str>, options: &Options) -> Result<Option<OutputFile>> {
    let Some(path) = &options.skip_bad else { return Ok(None) };
    if path.as_os_str() == "-" {
        return Err(InputError::new("--skip-bad needs a file: standard output carries the summary")
            .at("--skip-bad")
            .hint("name a CSV file for the rejected rows, e.g. --skip-bad rejects.csv")
            .into());
    }
    let mut protected = Protected::ledger(&ledger.path);
    for read in input
        .filter(|p| *p != "-")
        .map(Path::new)
        .into_iter()
        .chain(options.protect.iter().map(PathBuf::as_path))
    {
        protected = protected.reading(read);
    }
    OutputFile::create(path, &protected.overwrite(options.force)).map(Some)
}

/// Imports CSV read from a stream (a merge's export of the other ledger).
pub fn import_reader(
    ledger: &mut Ledger,
    ctx: &Context,
    name: &str,
    reader: Box<dyn std::io::Read>,
    options: &Options,
) -> Result<Summary> {
    let rejects = rejects_file(ledger, None, options)?;
    import_from(ledger, ctx, input::from_reader(name, reader, options.encoding.as_deref())?, options, rejects)
}

fn import_from(
    ledger: &mut Ledger,
    ctx: &Context,
    opened: input::Opened,
    options: &Options,
    rejects: Option<OutputFile>,
) -> Result<Summary> {
    let name = options.name.clone().unwrap_or_else(|| opened.name.clone());
    let (mut reader, header) = RowReader::open(&name, opened.reader, &opened.row_start, options.delimiter)?;
    let columns = header::map_header(
        &name,
        &header,
        &options.maps,
        options.ignore_unknown,
        &options.defaults.fields(),
    )?;

    // the page cache an import may use (a first load narrows it)
    ledger.set_cache_kib(IMPORT_CACHE_KIB)?;
    let progress = progress_bar(opened.size);
    // the first load into a ledger: no reader has anything to wait for (not
    // with --skip-bad: a row it undoes would undo an index built meanwhile)
    let first_load = options.skip_bad.is_none() && !ledger.has_claims()?;
    let mut ledger = BulkLoad::begin(ledger, first_load)?;
    let written = ledger.write_if(|ledger| {
        let place = run::Place { name: &name, columns: &columns, header: &header, guarded: reader.guarded() };
        let mut run = Run::new(ledger, ctx, options, place, first_load, rejects)?;
        let mut record = ByteRecord::new();
        while reader.next(&mut record, &name, &header)? {
            run.row(&record)?;
            if run.rows_read().is_multiple_of(4096) {
                progress.set_position(opened.tally.borrow().bytes);
            }
        }
        progress.finish_and_clear();
        if run.rows_read() == 0 {
            return Err(InputError::new(format!("{name} has a header but no rows")).into());
        }
        run.link_superseded()?;
        run.replay_histories()?;
        run.apply_metric_facts()?;
        run.finish(&opened.tally.borrow())
    });
    // the load's own error, if any, before one putting the journal back
    let restored = ledger.finish();
    let (summary, rejects) = written?;
    restored?;
    if let Some(file) = rejects.filter(|_| !summary.dry_run) {
        file.commit()?;
    }
    Ok(summary)
}

fn progress_bar(size: Option<u64>) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(size, ProgressDrawTarget::stderr());
    if !std::io::stderr().is_terminal() || crate::terminal::quiet() {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    if let Ok(style) = ProgressStyle::with_template("importing {bar:40} {bytes}/{total_bytes} ({eta})") {
        bar.set_style(style);
    }
    bar
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ledger() -> (tempfile::TempDir, Ledger, Context) {
        let dir = tempfile::tempdir().unwrap();
        let ledger = Ledger::open_or_create(&dir.path().join("l.db")).unwrap();
        let ctx = Context { now: "2026-11-25T12:00:00Z".parse().unwrap(), user: Some("test".into()) };
        let now = ctx.timestamp();
        ledger.add_metric("a.b", None, MetricKind::Level, "soldiers", None, &now).unwrap();
        (dir, ledger, ctx)
    }

    fn row() -> impl Strategy<Value = String> {
        let field = prop_oneof![
            "[a-z0-9 ,.\"%~<>+-]{0,12}",
            Just("a.b".to_string()),
            Just("2024-08".to_string()),
            Just("about 380".to_string())
        ];
        prop::collection::vec(field, 0..6).prop_map(|fields| fields.join(","))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        /// Any bytes: an error or an import, never a panic, and a failed
        /// import leaves the ledger as it was.
        #[test]
        fn any_bytes_import_or_fail_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
            let (_dir, mut ledger, ctx) = ledger();
            let before = ledger.count_claims().unwrap();
            if import_bytes(&mut ledger, &ctx, "fuzz.csv", bytes, &Options { max_errors: 5, ..Default::default() }).is_err() {
                prop_assert_eq!(ledger.count_claims().unwrap(), before);
            }
        }

        #[test]
        fn csv_like_text_imports_or_fails_cleanly(rows in prop::collection::vec(row(), 0..8)) {
            let (_dir, mut ledger, ctx) = ledger();
            let text = format!("metric,value,as_of,quote\n{}", rows.join("\n"));
            match import_bytes(&mut ledger, &ctx, "rows.csv", text.into_bytes(), &Options { max_errors: 50, ..Default::default() }) {
                Ok(summary) => prop_assert_eq!(ledger.count_claims().unwrap() as u64, summary.added),
                Err(_) => prop_assert_eq!(ledger.count_claims().unwrap(), 0),
            }
        }
    }
}
